"""Template context: the navigation links each role sees."""

from __future__ import annotations

from django.http import HttpRequest

from jixiao.persistence.models import User

_NAV = {
    "unit": [("projects", "我的项目"), ("library", "指标库"), ("public_reports", "信息公开"),
             ("rectifications", "问题整改")],
    "department": [("projects", "所属单位项目"), ("library", "指标库"), ("public_reports", "信息公开"),
                   ("rectifications", "问题整改"), ("dashboard", "统计分析")],
    "finance": [("projects", "本地区项目"), ("library", "指标库"), ("public_reports", "信息公开"),
                ("disclosure", "公开管理"), ("spot_checks", "抽查复核"),
                ("results_application", "结果应用"), ("rectifications", "问题整改"),
                ("organisations", "机构管理"), ("dashboard", "统计分析")],
    "sysadmin": [("accounts", "账号管理")],
    "secadmin": [("roles", "角色分配")],
    "auditadmin": [("audit", "审计日志")],
}
for _role in ("unit", "department", "finance"):  # 统计分析 (dashboards) for every business role
    if ("dashboard", "统计分析") not in _NAV[_role]:
        _NAV[_role].append(("dashboard", "统计分析"))

for _role in ("unit", "department", "finance"):
    _NAV[_role].append(("jobs", "后台任务"))  # background jobs (services.jobs)


def navigation(request: HttpRequest) -> dict[str, object]:
    # no `user` when a middleware answered before authentication; AnonymousUser when
    # signed out (request.user is lazy, but isinstance sees the account it stands for)
    user = getattr(request, "user", None)
    role = user.role if isinstance(user, User) else ""
    links = list(_NAV.get(role, [("public_reports", "信息公开")]))
    if isinstance(user, User) and role in ("unit", "department", "finance"):
        from jixiao.services.worklist import unread_count, work_waiting

        waiting = work_waiting(actor=user)
        unread = unread_count(user)
        links.insert(0, ("worklist", f"待办（{waiting}）" if waiting else "待办"))
        links.append(("notifications", f"通知（{unread}）" if unread else "通知"))
    return {"nav_links": links}
