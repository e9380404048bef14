"""Who may see what: the scope of each role over the organisation tree.

- 预算单位填报人 (unit): projects of its own unit;
- 主管部门审核人 (department): projects of the units under its department;
- 财政局 (finance): projects of every unit under the departments of its bureau (its region);
- the three administrators (三员分立) see no business data at all.
Objects outside the scope are reported as not found (404), never as forbidden.
"""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.persistence.models import Project, User
from jixiao.services.errors import Forbidden, NotFound

BUSINESS_ROLES = (User.Role.UNIT, User.Role.DEPARTMENT, User.Role.FINANCE)
ADMIN_ROLES = (User.Role.SYSADMIN, User.Role.SECADMIN, User.Role.AUDITADMIN)


def require_role(actor: User, *roles: str) -> None:
    """Raise Forbidden unless the (active, authenticated) actor has one of `roles`."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden("请先登录")
    if actor.role not in roles:
        raise Forbidden("当前角色无权执行此操作")


def visible_projects(actor: User) -> QuerySet[Project]:
    """Every project the actor may see (empty for administrators and unassigned users)."""
    projects = Project.objects.select_related("unit", "unit__parent")
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return projects.none()
    org = actor.organisation_id
    if org is None:
        return projects.none()
    if actor.role == User.Role.UNIT:
        return projects.filter(unit_id=org)
    if actor.role == User.Role.DEPARTMENT:
        return projects.filter(unit__parent_id=org)
    if actor.role == User.Role.FINANCE:
        return projects.filter(unit__parent__parent_id=org)
    return projects.none()


def visible_project(actor: User, project_id: int, *, for_update: bool = False) -> Project:
    """The project if the actor may see it; NotFound otherwise (whether or not it exists)."""
    projects = visible_projects(actor)
    if for_update:
        projects = projects.select_for_update(of=("self",))
    try:
        return projects.get(pk=project_id)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def require_business_role(actor: User) -> None:
    """Administrators and unassigned accounts have no business pages."""
    require_role(actor, *BUSINESS_ROLES)
