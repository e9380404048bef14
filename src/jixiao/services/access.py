"""Who may see what: the scope of each role over the organisation tree.

- 预算单位填报人 (unit): projects of its own unit;
- 主管部门审核人 (department): projects of the units under its department;
- 财政局 (finance): projects of every unit under the departments of its bureau (its region);
- the three administrators (三员分立) see no business data at all.
Objects outside the scope are reported as not found (404), never as forbidden.
"""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.persistence.models import Organisation, Project, User
from jixiao.persistence.models_results import EvaluationResult
from jixiao.services.errors import Forbidden, NotFound

BUSINESS_ROLES = (User.Role.UNIT, User.Role.DEPARTMENT, User.Role.FINANCE)
ADMIN_ROLES = (User.Role.SYSADMIN, User.Role.SECADMIN, User.Role.AUDITADMIN)


def require_role(actor: User, *roles: str) -> None:
    """Raise Forbidden unless the (active, authenticated) actor has one of `roles`."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise Forbidden("请先登录")
    if actor.role not in roles:
        raise Forbidden("当前角色无权执行此操作")


#: Scope of each business role: the lookup from a project to the actor's organisation, and
#: the same lookup on the stored results' copied organisation columns.
_PROJECT_SCOPE: dict[str, str] = {
    User.Role.UNIT: "unit_id", User.Role.DEPARTMENT: "unit__parent_id",
    User.Role.FINANCE: "unit__parent__parent_id"}
_RESULT_SCOPE: dict[str, str] = {
    User.Role.UNIT: "unit_id", User.Role.DEPARTMENT: "department_id",
    User.Role.FINANCE: "finance_id"}


def _scope(actor: User, lookups: dict[str, str]) -> dict[str, int] | None:
    """`{lookup: organisation id}` that limits rows to the actor's scope; None for none."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    org = actor.organisation_id
    lookup = lookups.get(actor.role)
    if org is None or lookup is None:
        return None
    return {lookup: org}


def visible_projects(actor: User) -> QuerySet[Project]:
    """Every project the actor may see (empty for administrators and unassigned users)."""
    projects = Project.objects.select_related("unit", "unit__parent")
    scope = _scope(actor, _PROJECT_SCOPE)
    return projects.none() if scope is None else projects.filter(**scope)


def visible_results(actor: User) -> QuerySet[EvaluationResult]:
    """The stored results of every project the actor may see (same scope as
    `visible_projects`, read from the result rows' indexed organisation columns)."""
    results = EvaluationResult.objects.all()
    scope = _scope(actor, _RESULT_SCOPE)
    return results.none() if scope is None else results.filter(**scope)


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


def department_choices(actor: User) -> list[tuple[int, str]]:
    """(id, name) of the departments a finance actor's lists can be filtered by (its
    bureau's departments, by name); empty for every other role."""
    from jixiao.persistence.selectors_dashboard import organisation_choices

    if actor.role != User.Role.FINANCE or actor.organisation_id is None:
        return []
    return organisation_choices(actor.organisation_id, Organisation.Kind.DEPARTMENT)
