"""The permission matrix: every persona × every route of the URL configuration.

The routes are read from the resolver, so a new route without a row in EXPECTED fails
`test_every_route_is_in_the_matrix` — nothing can escape the matrix. Object routes are
called on unit1's Baoshan project (or unit2's account); outsiders must get 404, the same
answer as for an id that does not exist (no existence leak).
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver

from jixiao.persistence.models import (
    Organisation,
    PublishedReport,
    Rectification,
    SpotCheck,
    SpotCheckItem,
)

pytestmark = pytest.mark.django_db

P = ("anonymous", "unit1", "unit2", "dept", "finance", "sysadmin", "secadmin", "auditadmin")


def row(*statuses: int) -> dict[str, int]:
    assert len(statuses) == len(P)
    return dict(zip(P, statuses, strict=True))


ALL_200 = row(*[200] * len(P))
LOGIN = 302  # anonymous web requests are sent to the login page

# route name: (method, form data or JSON, expected status per persona)
EXPECTED: dict[str, tuple[str, dict[str, str], dict[str, int]]] = {
    #                                      anon unit1 unit2 dept  fin  sys  sec  aud
    "home": ("GET", {}, row(LOGIN, 302, 302, 302, 302, 302, 302, 302)),
    "login": ("GET", {}, ALL_200),
    "logout": ("POST", {}, row(302, 302, 302, 302, 302, 302, 302, 302)),
    "password": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    "projects": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "project_detail": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "field_update": ("POST", {"path": "goals.actual", "value": "矩阵"},
                     row(LOGIN, 200, 404, 403, 403, 404, 404, 404)),
    "project_transition": ("POST", {"action": "submit"},
                           row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_history": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "project_export": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "project_import": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_new": ("POST", {"name": "矩阵项目", "fiscal_year": "2024"},
                    row(LOGIN, 302, 302, 403, 403, 403, 403, 403)),
    "project_targets": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "target_field": ("POST", {"path": "goals.expected", "value": "矩阵"},
                     row(LOGIN, 200, 404, 403, 403, 404, 404, 404)),
    "target_add": ("POST", {"name": "矩阵指标"}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "target_remove": ("POST", {"index": "0"}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "library": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "entry_template": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "entry_upload": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "evidence_upload": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "evidence_download": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "evidence_delete": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_monitoring": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "project_monitoring_save": ("POST", {"as_of": "2022-07-31"},
                                row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "report_publish": ("POST", {}, row(LOGIN, 403, 404, 403, 302, 404, 404, 404)),
    "public_report_download": ("GET", {}, ALL_200),
    "project_lease": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "project_lease_save": ("POST", {"text": ""}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_lease_apply": ("POST", {"payer": "市级"}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_ledger": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "project_ledger_line": ("POST", {"code": "rent", "amount": "100"},
                            row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_ledger_import": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "project_document": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "accounts": ("GET", {}, row(LOGIN, 403, 403, 403, 403, 200, 403, 403)),
    "account_action": ("POST", {"action": "unlock"},
                       row(LOGIN, 403, 403, 403, 403, 302, 403, 403)),
    "roles": ("GET", {}, row(LOGIN, 403, 403, 403, 403, 403, 200, 403)),
    "audit": ("GET", {}, row(LOGIN, 403, 403, 403, 403, 403, 403, 200)),
    "audit_export_csv": ("GET", {}, row(LOGIN, 403, 403, 403, 403, 403, 403, 200)),
    "audit_export_xlsx": ("GET", {}, row(LOGIN, 403, 403, 403, 403, 403, 403, 200)),
    "public_reports": ("GET", {}, ALL_200),
    "jobs": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "job_start": ("POST", {"kind": "render_batch", "year": "2099"},
                  row(LOGIN, 302, 302, 302, 302, 403, 403, 403)),
    # job 1 is the figure audit of unit1's first submission (demo data): seen like its project
    "job_detail": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "job_status": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "job_download": ("GET", {}, row(LOGIN, 404, 404, 404, 404, 404, 404, 404)),
    "api:openapi-json": ("GET", {}, ALL_200),
    "api:openapi-view": ("GET", {}, ALL_200),
    "api:api-root": ("GET", {}, row(*[404] * len(P))),
    "api:auth_token": ("POST-JSON", {"password": "jixiao-demo"},
                       row(401, 200, 200, 200, 200, 200, 200, 200)),
    "api:auth_logout": ("JSON", {}, row(401, 200, 200, 200, 200, 200, 200, 200)),
    "api:project_list": ("GET", {}, row(401, 200, 200, 200, 200, 403, 403, 403)),
    "api:project_detail": ("GET", {}, row(401, 200, 404, 200, 200, 404, 404, 404)),
    "api:public_reports": ("GET", {}, ALL_200),
    "api:project_history": ("GET", {}, row(401, 200, 404, 200, 200, 404, 404, 404)),
    "api:project_evaluation": ("GET", {}, row(401, 200, 404, 200, 200, 404, 404, 404)),
    "api:project_field": ("JSON", {"path": "goals.actual", "value": "矩阵"},
                          row(401, 200, 404, 403, 403, 404, 404, 404)),
    "api:project_transition": ("JSON", {"action": "submit"},
                               row(401, 200, 404, 403, 403, 404, 404, 404)),
    # 信息公开 (i11): public reads; finance manages (baoshan is a draft: 409 for finance)
    "public_report_pdf": ("GET", {}, ALL_200),
    "public_table_pdf": ("GET", {}, ALL_200),
    "disclosure": ("GET", {}, row(LOGIN, 403, 403, 403, 200, 403, 403, 403)),
    "report_correct": ("POST", {}, row(LOGIN, 403, 404, 403, 302, 404, 404, 404)),
    "report_withdraw": ("POST", {}, row(LOGIN, 403, 404, 403, 302, 404, 404, 404)),
    "api:public_report": ("GET", {}, ALL_200),
    "api:publication_create": ("JSON", {"project_id": "<project>"},
                               row(401, 403, 404, 403, 409, 404, 404, 404)),
    "api:publication_correct": ("JSON", {"note": ""}, row(401, 403, 404, 403, 422, 404, 404, 404)),
    "api:publication_withdraw": ("JSON", {"reason": ""},
                                 row(401, 403, 404, 403, 422, 404, 404, 404)),
    "api:public_datapackage": ("GET", {}, ALL_200),
    # 目标批复与调整 (i11): the department approves; the unit requests (not yet approved: 409)
    "targets_approve": ("POST", {}, row(LOGIN, 403, 404, 302, 403, 404, 404, 404)),
    "target_change_request": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    "target_change_decide": ("POST", {}, row(LOGIN, 403, 404, 404, 403, 404, 404, 404)),
    "worklist": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "notifications": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "notifications_read": ("POST", {}, row(LOGIN, 302, 302, 302, 302, 403, 403, 403)),
    # baoshan is unit1's draft, never submitted: unit1 may delete it
    "project_delete": ("POST", {}, row(LOGIN, 302, 404, 403, 403, 404, 404, 404)),
    # 机构管理 (i11): the finance bureau only (the organisation is 保山市第一中学)
    "organisations": ("GET", {}, row(LOGIN, 403, 403, 403, 200, 403, 403, 403)),
    "organisation_action": ("POST", {}, row(LOGIN, 403, 403, 403, 302, 403, 403, 403)),
    "organisation_import": ("POST", {}, row(LOGIN, 403, 403, 403, 302, 403, 403, 403)),
    "organisation_template": ("GET", {}, row(LOGIN, 403, 403, 403, 200, 403, 403, 403)),
    # 结果应用 and 问题整改 (i11); the rectification is the demo's one on unit1's hotline
    "results_application": ("GET", {}, row(LOGIN, 403, 403, 403, 200, 403, 403, 403)),
    "rectifications": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
    "rectification_detail": ("GET", {}, row(LOGIN, 200, 404, 200, 200, 404, 404, 404)),
    "api:rectification_list": ("GET", {}, row(401, 200, 200, 200, 200, 403, 403, 403)),
    "api:rectification_create": ("JSON", {"project_id": "<project>", "problem": "",
                                          "deadline": ""},
                                 row(401, 403, 404, 403, 422, 404, 404, 404)),
    "api:rectification_action": ("JSON", {"action": "confirm"},
                                 row(401, 403, 404, 409, 403, 404, 404, 404)),
    "api:result_application": ("GET", {}, row(401, 403, 403, 403, 200, 403, 403, 403)),
    # 抽查复核 (i11): the finance bureau only, 404 for everybody else (CONTRACTS §7)
    "spot_checks": ("GET", {}, row(LOGIN, 404, 404, 404, 200, 404, 404, 404)),
    "spot_check_detail": ("GET", {}, row(LOGIN, 404, 404, 404, 200, 404, 404, 404)),
    "review_page": ("GET", {}, row(LOGIN, 404, 404, 404, 200, 404, 404, 404)),
    "key_evaluation_assign": ("POST", {}, row(LOGIN, 404, 404, 404, 302, 404, 404, 404)),
    "api:spot_check_create": ("JSON", {"fiscal_year": "2022", "size": "1", "seed": "矩阵"},
                              row(401, 404, 404, 404, 201, 404, 404, 404)),
    "api:spot_check_list": ("GET", {}, row(401, 404, 404, 404, 200, 404, 404, 404)),
    "api:spot_check_detail": ("GET", {}, row(401, 404, 404, 404, 200, 404, 404, 404)),
    "api:review_save": ("JSON", {}, row(401, 404, 404, 404, 200, 404, 404, 404)),
    "api:key_evaluation_assign": ("JSON", {"evaluator": "", "kind": "in_house", "deadline": ""},
                                  row(401, 404, 404, 404, 422, 404, 404, 404)),
    "api:public_reports_csv": ("GET", {}, ALL_200),
    # 统计分析 (i11d): every business role, each in its own scope
    "dashboard": ("GET", {}, row(LOGIN, 200, 200, 200, 200, 403, 403, 403)),
}


def _walk(patterns, prefix="", namespace=""):  # type: ignore[no-untyped-def]
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full_ns)
        else:
            name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), prefix + str(pattern.pattern)


ROUTES = dict(_walk(get_resolver().url_patterns))


def test_every_route_is_in_the_matrix():
    missing = sorted(set(ROUTES) - set(EXPECTED))
    assert not missing, f"routes without a row in the permission matrix: {missing}"
    stale = sorted(set(EXPECTED) - set(ROUTES))
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"


def concrete(route: str, object_id: int, user_id: int, evidence_id: int = 0) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(0)
        if "user" in name:
            return str(user_id)
        if "report" in name:
            return str(PublishedReport.objects.get(project_name__startswith="12345").pk)
        if "evidence" in name:
            return str(evidence_id)
        if "spot_check" in name:
            return str(SpotCheck.objects.get(seed="baoshan-2022").pk)
        if "change_id" in name:
            return "987654"
        if "org_id" in name:
            return str(Organisation.objects.get(name="保山市第一中学").pk)
        if "rectification" in name:
            return str(Rectification.objects.get(problem__startswith="抽查发现 21 件").pk)
        if "item" in name:
            return str(SpotCheckItem.objects.filter(spot_check__seed="baoshan-2022").first().pk)
        return str(object_id)

    return "/" + re.sub(r"<[^>]+>", fill, route)


_PROJECT = [0]  # the object id of the current matrix call, for bodies that name a project


def call(client, method, url, data, persona, token):  # type: ignore[no-untyped-def]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(url, **headers)
    if method == "POST-JSON":
        body = dict(data, username=persona if persona != "anonymous" else "nobody")
        return client.post(url, body, content_type="application/json", **headers)
    if method == "JSON":
        data = {k: (_PROJECT[0] if v == "<project>" else v) for k, v in data.items()}
        return client.post(url, data, content_type="application/json", **headers)
    data = {k: (_PROJECT[0] if v == "<project>" else v) for k, v in data.items()}
    return client.post(url, data, **headers)


@pytest.fixture
def tokens(users):  # type: ignore[no-untyped-def]
    from jixiao.services.tokens import token_create

    return {p: token_create(username=p, password="jixiao-demo") for p in P if p != "anonymous"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name, as_persona, projects, users, tokens, evidence_item):
    method, data, expected = EXPECTED[name]
    url = concrete(ROUTES[name], projects["baoshan"].pk, users["unit2"].pk, evidence_item.pk)
    _PROJECT[0] = projects["baoshan"].pk
    got = {}
    for persona in P:
        response = call(as_persona(persona), method, url, data, persona, tokens.get(persona))
        got[persona] = response.status_code
        if persona == "anonymous" and expected[persona] == LOGIN and method != "POST-JSON":
            assert response["Location"].startswith("/login/"), url
    assert got == expected, f"{method} {url}"


# accounts, published reports and organisations (public bodies) are not scoped objects
OBJECT_ROUTES = sorted(n for n, r in ROUTES.items()
                       if "<" in r and "user_id" not in r and "report_id" not in r
                       and "org_id" not in r)


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_out_of_scope_looks_like_nonexistent(name, as_persona, projects, users, tokens,
                                             evidence_item):
    """unit2 and the administrators get the same answer for unit1's project as for an id
    that does not exist."""
    method, data, _ = EXPECTED[name]
    for persona in ("unit2", "sysadmin", "secadmin", "auditadmin"):
        answers = []
        for object_id in (projects["baoshan"].pk, 987654):
            url = concrete(ROUTES[name], object_id, users["unit2"].pk, evidence_item.pk)
            response = call(as_persona(persona), method, url, data, persona, tokens[persona])
            answers.append((response.status_code, response.content if name.startswith("api:")
                            else b""))
        assert answers[0] == answers[1], f"{persona} {name}: {answers}"
        assert answers[0][0] == 404


def test_department_and_finance_scopes(as_persona, projects):
    """dept sees its two units' projects but not the other department's; finance sees all
    of its region; each unit sees only its own."""
    def names(persona: str) -> set[str]:
        html = as_persona(persona).get("/projects/").content.decode()
        return {p.name for p in projects.values() if f"/projects/{p.pk}/" in html}

    everything = {p.name for p in projects.values()}
    school = projects["school"].name
    assert names("finance") == everything
    assert names("dept") == everything - {school}
    assert names("unit1") == {projects[k].name for k in ("baoshan", "hall", "hotline")}
    assert names("unit2") == {projects[k].name
                              for k in ("platform", "bidding", "witness", "experts", "ca")}


# Every method (i11): routes that accept a second method have a row for it here, and every
# method a route does not declare is refused with 405 (Allow header kept) for every persona
# that gets past the login check — so no write path escapes the matrix.
MORE: dict[str, list[tuple[str, dict[str, str], dict[str, int]]]] = {
    #                                      anon unit1 unit2 dept  fin  sys  sec  aud
    "login": [("POST", {"username": "nobody", "password": "x"}, row(*[401] * len(P)))],
    "password": [("POST", {"old_password": "x", "new_password": "y"},
                  row(LOGIN, 422, 422, 422, 422, 422, 422, 422))],
    "accounts": [("POST", {"username": "", "password": ""},
                  row(LOGIN, 403, 403, 403, 403, 302, 403, 403))],
    # user 0 does not exist: the security administrator reaches the service and gets 404
    "roles": [("POST", {"user": "0", "role": "unit"},
               row(LOGIN, 403, 403, 403, 403, 403, 404, 403))],
    "spot_checks": [("POST", {"fiscal_year": "2022", "size": "1"},
                     row(LOGIN, 404, 404, 404, 302, 404, 404, 404))],
    "review_page": [("POST", {}, row(LOGIN, 404, 404, 404, 302, 404, 404, 404))],
    "organisations": [("POST", {"kind": "unit", "name": ""},
                       row(LOGIN, 403, 403, 403, 302, 403, 403, 403))],
    "rectifications": [("POST", {"project": "<project>"},
                        row(LOGIN, 403, 404, 403, 302, 403, 403, 403))],
    "rectification_detail": [("POST", {"action": "confirm"},
                              row(LOGIN, 403, 404, 302, 403, 404, 404, 404))],
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.mark.parametrize("name", sorted(MORE))
def test_matrix_more_methods(name, as_persona, projects, users, tokens, evidence_item):
    _PROJECT[0] = projects["baoshan"].pk
    for method, data, expected in MORE[name]:
        url = concrete(ROUTES[name], projects["baoshan"].pk, users["unit2"].pk, evidence_item.pk)
        got = {p: call(as_persona(p), method, url, data, p, tokens.get(p)).status_code
               for p in P}
        assert got == expected, f"{method} {url}"


def _declared(name: str) -> set[str]:
    """Methods declared for the route's path (API operations may share one path)."""
    methods = set()
    for other in (n for n in EXPECTED if ROUTES[n] == ROUTES[name]):
        methods |= {m for m, _, _ in MORE.get(other, [])}
        first = EXPECTED[other][0]
        methods.add("POST" if first in ("JSON", "POST-JSON") else first)
    return methods


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n != "home"))
def test_undeclared_methods_refused(name, as_persona, projects, users, tokens, evidence_item):
    """A method a route's matrix rows do not declare answers 405 (`home` only redirects)."""
    url = concrete(ROUTES[name], projects["baoshan"].pk, users["unit2"].pk, evidence_item.pk)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens['finance']}"}
    client = as_persona("finance")
    for method in sorted(set(METHODS) - _declared(name)):
        response = client.generic(method, url, **headers)
        if response.status_code == 404 and name == "api:api-root":
            continue
        if name in ("api:openapi-json", "api:openapi-view"):
            # django-ninja's read-only schema views answer any method with the document
            assert response.status_code == 200
            continue
        assert response.status_code == 405, f"{method} {url}: {response.status_code}"
