"""The JSON API (django-ninja, OpenAPI at /api/v1/openapi.json), CONTRACTS.md §6.

Token auth: `POST /api/v1/auth/token` → `{"token"}`; then `Authorization: Bearer …`.
Every error answers one shape: `{"ok": false, "error": "…", "errors": […], "status": N}`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from jixiao.persistence.models import Project, PublishedReport
from jixiao.persistence.selectors_results import results_slice
from jixiao.services import (
    application,
    evaluations,
    opendata,
    public,
    rectification,
    review,
    tokens,
    workflow,
)
from jixiao.services.errors import Invalid, ServiceError
from jixiao.web.middleware import client_ip
from jixiao.web.requests import ApiRequest, BearerAuth

api = NinjaAPI(title="jixiao 绩效 API", version="1", urls_namespace="api")


def error_body(status: int, error: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"ok": False, "error": error, "errors": errors or [], "status": status}


def _error(request: HttpRequest, status: int, error: str,
           errors: list[Any] | None = None) -> HttpResponse:
    return api.create_response(request, error_body(status, error, errors), status=status)


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _error(request, exc.status, exc.message, exc.errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "未认证：请提供有效的 Bearer 令牌")


#: Chinese messages for pydantic's error types (the English `msg` is the fallback).
_MESSAGES = {
    "missing": "缺少此字段", "string_type": "应为字符串", "int_type": "应为整数",
    "int_parsing": "应为整数", "int_from_float": "应为整数", "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false", "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象", "model_type": "应为 JSON 对象", "list_type": "应为数组",
    "string_too_long": "内容过长", "greater_than_equal": "数值过小", "less_than_equal": "数值过大",
    "json_invalid": "不是有效的 JSON",
}
#: Where a parameter came from: the first element of a pydantic `loc`, not part of the field.
_SOURCES = ("body", "query", "path", "header", "cookie", "form", "file")


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    """`("body", "body", "password")` → `password`: the field as the client named it,
    without django-ninja's parameter source and the view's argument name (`body`)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and len(parts) > 1 and parts[0] == "body":
            parts.pop(0)
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"field": _field(e.get("loc", ())),
               "message": _MESSAGES.get(str(e.get("type", "")), str(e.get("msg", "")))}
              for e in exc.errors]
    return _error(request, 422, "请求数据有误", errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and "parse request body" in str(exc):
        # malformed JSON or not UTF-8: django-ninja says "Cannot parse request body"
        return _error(request, 400, "请求体不是有效的 JSON（应为 UTF-8 编码的 JSON 对象）",
                      [{"field": "body", "message": "不是有效的 JSON"}])
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "未找到")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> BearerAuth | None:
        """The token's account (also set as ``request.user``), or None: 401."""
        user = tokens.token_authenticate(key=token)
        if user is None:
            return None
        request.user = user
        return BearerAuth(user=user, token=token)  # django-ninja keeps it as request.auth


bearer = BearerToken()


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class ProjectOut(Schema):
    id: int
    name: str
    unit: str
    department: str
    fiscal_year: int
    state: str
    state_label: str


class ReportOut(Schema):
    id: int
    index_number: str
    publisher: str
    catalogue: str
    published_on: str
    document_number: str
    title: str
    keywords: str
    project: str
    unit: str
    fiscal_year: int | None
    total_score: str | None
    grade: str
    sha256: str
    version: int
    withdrawn: bool
    withdrawn_at: str | None
    withdrawal_reason: str
    report_pdf_url: str
    table_pdf_url: str


def _project(p: Project) -> dict[str, Any]:
    return {"id": p.pk, "name": p.name, "unit": p.unit.name,
            "department": p.unit.parent.name if p.unit.parent else "",
            "fiscal_year": p.fiscal_year, "state": p.state, "state_label": p.get_state_display()}


@api.post("/auth/token", response=TokenOut, auth=None, summary="用户名和密码换取令牌")
def auth_token(request: HttpRequest, body: TokenIn) -> dict[str, str]:
    key = tokens.token_create(username=body.username[:150], password=body.password[:1000],
                              ip=client_ip(request))
    return {"token": key}


@api.post("/auth/logout", auth=bearer, summary="撤销本令牌（退出）")
def auth_logout(request: ApiRequest) -> dict[str, bool]:
    tokens.token_revoke(key=request.auth.token, ip=client_ip(request))
    return {"ok": True}


class ProjectListOut(ProjectOut):
    """A list item: the project with its stored result (total and grade as strings; null
    while the evaluation cannot be scored)."""

    total: str | None
    grade: str
    errors: int
    warnings: int


def _list_item(result: Any) -> dict[str, Any]:
    out = _project(result.project)
    out.update(total=None if result.total is None else str(result.total), grade=result.grade,
               errors=result.errors, warnings=result.warnings)
    return out


class _ResultPage(LimitOffsetPagination):
    """Stored-result rows by limit/offset over a lazy queryset: only the page's rows become
    items, and they are found through the list's index first (`results_slice`), so a list
    costs the same with six rows or a region's hundred thousand, at any offset."""

    def paginate_queryset(self, queryset: QuerySet[Any, Any],
                          pagination: LimitOffsetPagination.Input, request: HttpRequest,
                          **params: Any) -> dict[str, Any]:
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        return {"items": [_list_item(r) for r in results_slice(queryset, offset, offset + limit)],
                "count": self._items_count(queryset)}


@api.get("/projects", response=list[ProjectListOut], auth=bearer,
         summary="可见的项目及其已存储的总分、等级（分页；year/grade/state 筛选，order 排序）")
@paginate(_ResultPage)
def project_list(request: ApiRequest, year: int | None = None, grade: str | None = None,
                 state: str | None = None, order: str = "year") -> Any:
    return evaluations.project_results(actor=request.user, year=year, grade=grade,
                                       state=state, order=order)


@api.get("/projects/{project_id}", auth=bearer, summary="一个项目及其得分（范围外为 404）")
def project_detail(request: ApiRequest, project_id: int) -> dict[str, Any]:
    view = evaluations.evaluation_get(actor=request.user, project_id=project_id)
    out = _project(view.project)
    out["version"] = view.project.version
    out["score"] = view.scored.to_json() if view.scored else None
    out["error"] = view.error or None
    return _jsonable(out)


class FieldIn(Schema):
    path: str
    value: str
    #: the project version the client saw (CONTRACTS.md §7); stale → 409, nothing written
    version: int | None = None


class TransitionIn(Schema):
    action: str
    comment: str = ""
    version: int | None = None


@api.get("/projects/{project_id}/evaluation", auth=bearer,
         summary="项目的自评数据（jixiao.evaluation/1 JSON）")
def project_evaluation(request: ApiRequest, project_id: int) -> dict[str, Any]:
    view = evaluations.evaluation_get(actor=request.user, project_id=project_id)
    return _jsonable(view.document)


class ChangeOut(Schema):
    at: str
    actor: str
    path: str
    label: str
    old_value: str
    new_value: str


@api.get("/projects/{project_id}/history", response=list[ChangeOut], auth=bearer,
         summary="字段修改记录（谁在何时把哪个字段从什么改成什么），最新在前")
@paginate(LimitOffsetPagination)
def project_history(request: ApiRequest, project_id: int) -> list[dict[str, Any]]:
    return [{"at": c.at.isoformat(), "actor": c.actor.username, "path": c.path, "label": c.label,
             "old_value": c.old_value, "new_value": c.new_value}
            for c in evaluations.evaluation_history(actor=request.user, project_id=project_id)]


@api.post("/projects/{project_id}/fields", auth=bearer,
          summary="修改一个自评字段（如 indicators.0.actual），返回重新计分结果")
def project_field(request: ApiRequest, project_id: int, body: FieldIn) -> dict[str, Any]:
    view = evaluations.evaluation_update_field(actor=request.user, project_id=project_id,
                                               path=body.path[:100], value=body.value,
                                               version=body.version)
    return _jsonable({"ok": True, "version": view.project.version,
                      "score": view.scored.to_json() if view.scored else None,
                      "error": view.error or None})


@api.post("/projects/{project_id}/transitions", auth=bearer,
          summary="流程操作：submit / approve / return / accept / finance_return")
def project_transition(request: ApiRequest, project_id: int, body: TransitionIn) -> dict[str, Any]:
    transition = workflow.evaluation_transition(actor=request.user, project_id=project_id,
                                                action=body.action[:30], comment=body.comment,
                                                ip=client_ip(request), version=body.version)
    return {"ok": True, "state": transition.to_state, "version": transition.project.version,
            "snapshot_sha256": transition.snapshot_sha256}


def _report(request: HttpRequest, r: PublishedReport) -> dict[str, Any]:
    return {"id": r.pk, "index_number": r.index_number, "publisher": r.publisher,
            "catalogue": r.catalogue, "published_on": r.published_on.isoformat(),
            "document_number": r.document_number, "title": r.title, "keywords": r.keywords,
            "project": r.project_name, "unit": r.unit_name, "fiscal_year": r.fiscal_year,
            "total_score": None if r.total_score is None else str(r.total_score),
            "grade": r.grade, "sha256": r.snapshot_sha256, "version": r.version,
            "withdrawn": r.withdrawn_at is not None,
            "withdrawn_at": r.withdrawn_at.isoformat() if r.withdrawn_at else None,
            "withdrawal_reason": r.withdrawal_reason,
            "report_pdf_url": request.build_absolute_uri(
                reverse("public_report_pdf", args=[r.pk])),
            "table_pdf_url": request.build_absolute_uri(
                reverse("public_table_pdf", args=[r.pk]))}


class _ReportPage(LimitOffsetPagination):
    """Limit/offset over the lazy publication search: only the page's rows are read and
    shaped (the list used to shape all of a region's publications, then cut 20: 1.4 s for
    14,000 publications)."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest,
                          **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [_report(request, r) for r in page["items"]]
        return page


@api.get("/public/reports", response=list[ReportOut], auth=None,
         summary="已公开的自评报告（每份的最新版本，含已撤回；q、year、unit 筛选）")
@paginate(_ReportPage)
def public_reports(request: HttpRequest, q: str = "", year: int | None = None,
                   unit: str = "") -> Any:
    # lazy (only the page is read and shaped by _ReportPage), from the read replica
    return public.public_report_list(q=q[:100], year=year, unit=unit[:100])


@api.get("/public/reports/{report_id}", response=ReportOut, auth=None,
         summary="一份公开报告（任一版本）")
def public_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    report, _ = public.public_report_get(report_id=report_id)
    return _report(request, report)


def _pdf_url(request: HttpRequest) -> Any:
    names = {"report": "public_report_pdf", "table": "public_table_pdf"}
    return lambda kind, pk: request.build_absolute_uri(reverse(names[kind], args=[pk]))


@api.get("/public/datapackage.json", auth=None,
         summary="开放数据：已公开自评的 Frictionless Data Package（v1 描述文件）")
def public_datapackage(request: HttpRequest) -> HttpResponse:
    return JsonResponse(opendata.descriptor(), json_dumps_params={"ensure_ascii": False})


@api.get("/public/reports.csv", auth=None,
         summary="开放数据资源 reports：每份公开（未撤回）报告一行，UTF-8 CSV")
def public_reports_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(opendata.reports_csv(_pdf_url(request)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="reports.csv"'
    return response


class PublishIn(Schema):
    project_id: int
    document_number: str = ""
    keywords: str = ""


class CorrectIn(Schema):
    note: str
    document_number: str | None = None
    keywords: str | None = None


class WithdrawIn(Schema):
    reason: str


@api.post("/publications", response={201: ReportOut}, auth=bearer,
          summary="公开一个财政已受理项目的自评报告（财政局）")
def publication_create(request: ApiRequest, body: PublishIn) -> Status[dict[str, Any]]:
    report = public.report_publish(actor=request.user, project_id=body.project_id,
                                   document_number=body.document_number,
                                   keywords=body.keywords, ip=client_ip(request))
    return Status(201, _report(request, report))


@api.post("/publications/{report_id}/correction", response={201: ReportOut}, auth=bearer,
          summary="发布更正版（新版本，旧版本保留）（财政局）")
def publication_correct(request: ApiRequest, report_id: int,
                        body: CorrectIn) -> Status[dict[str, Any]]:
    report = public.report_correct(actor=request.user, report_id=report_id, note=body.note,
                                   document_number=body.document_number,
                                   keywords=body.keywords, ip=client_ip(request))
    return Status(201, _report(request, report))


@api.post("/publications/{report_id}/withdrawal", response=ReportOut, auth=bearer,
          summary="撤回公开（记录保留并注明撤回）（财政局）")
def publication_withdraw(request: ApiRequest, report_id: int,
                         body: WithdrawIn) -> dict[str, Any]:
    report = public.report_withdraw(actor=request.user, report_id=report_id,
                                    reason=body.reason, ip=client_ip(request))
    return _report(request, report)


class SpotCheckIn(Schema):
    fiscal_year: int
    size: int
    seed: str = ""


class ReviewIn(Schema):
    scores: dict[str, str] = Field(default_factory=dict)
    reasons: dict[str, str] = Field(default_factory=dict)


class KeyEvaluationIn(Schema):
    evaluator: str
    kind: str
    deadline: str
    note: str = ""


def _spot_check(check: Any, items: list[Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": check.pk, "fiscal_year": check.fiscal_year, "size": check.size,
                           "seed": check.seed, "population": len(check.population),
                           "allocation": check.allocation,
                           "created_at": check.created_at.isoformat()}
    if items is not None:
        out["projects"] = [it.project_id for it in items]
        out["items"] = [{"id": it.pk, "project": it.project_id, "stratum": it.stratum,
                         "review": _review(it)} for it in items]
    return out


def _review(item: Any) -> dict[str, Any] | None:
    r = getattr(item, "review", None)
    if r is None:
        return None
    return {"self_total": str(r.self_total), "review_total": str(r.review_total),
            "self_grade": r.self_grade, "review_grade": r.review_grade, "flags": r.flags,
            "reviewed_at": r.reviewed_at.isoformat()}


@api.post("/spot-checks", response={201: dict[str, Any]}, auth=bearer,
          summary="抽查：按主管部门和金额分层随机抽取某年度已受理的自评（财政局；其他人 404）")
def spot_check_create(request: ApiRequest, body: SpotCheckIn) -> Status[dict[str, Any]]:
    check = review.spot_check_create(actor=request.user, fiscal_year=body.fiscal_year,
                                     size=body.size, seed=body.seed[:200], ip=client_ip(request))
    _, items = review.spot_check_get(actor=request.user, spot_check_id=check.pk)
    return Status(201, _spot_check(check, items))


@api.get("/spot-checks", auth=bearer, summary="抽查记录（财政局）")
def spot_check_list(request: ApiRequest) -> dict[str, Any]:
    checks = [_spot_check(c) for c in review.spot_check_list(actor=request.user)]
    return {"items": checks, "count": len(checks)}


@api.get("/spot-checks/{spot_check_id}", auth=bearer, summary="一次抽查：样本与复核结果")
def spot_check_detail(request: ApiRequest, spot_check_id: int) -> dict[str, Any]:
    check, items = review.spot_check_get(actor=request.user, spot_check_id=spot_check_id)
    return _spot_check(check, items)


@api.post("/spot-checks/items/{item_id}/review", auth=bearer,
          summary="复核得分：scores/reasons 以指标序号（从 0 起）为键")
def review_save(request: ApiRequest, item_id: int, body: ReviewIn) -> dict[str, Any]:
    def keyed(values: dict[str, str]) -> dict[int, str]:
        out = {}
        for k, v in values.items():
            if not k.isdigit():
                raise Invalid("请求数据有误", [{"field": f"scores.{k}",
                                               "message": "键应为指标序号（从 0 起的整数）"}])
            out[int(k)] = v
        return out

    _, comparison = review.review_save(actor=request.user, item_id=item_id,
                                           scores=keyed(body.scores), reasons=keyed(body.reasons),
                                           ip=client_ip(request))
    return {"ok": True, "self_total": str(comparison.self_total),
            "review_total": str(comparison.review_total), "self_grade": comparison.self_grade,
            "review_grade": comparison.review_grade, "flags": comparison.flags}


@api.post("/projects/{project_id}/key-evaluations", response={201: dict[str, Any]},
          auth=bearer, summary="重点评价：委托评价人（财政内部或第三方机构）并设完成期限")
def key_evaluation_assign(request: ApiRequest, project_id: int,
                          body: KeyEvaluationIn) -> Status[dict[str, Any]]:
    import datetime as dt

    try:
        deadline: dt.date | None = dt.date.fromisoformat(body.deadline[:10])
    except ValueError:
        deadline = None
    key = review.key_evaluation_assign(actor=request.user, project_id=project_id,
                                       evaluator=body.evaluator, kind=body.kind,
                                       deadline=deadline, note=body.note, ip=client_ip(request))
    return Status(201, {"id": key.pk, "project": key.project_id, "evaluator": key.evaluator,
                        "kind": key.kind, "deadline": key.deadline.isoformat(), "status": key.status})


class RectificationIn(Schema):
    project_id: int
    problem: str
    deadline: str


class RectificationActionIn(Schema):
    action: str
    text: str = ""


def _rectification(r: Any) -> dict[str, Any]:
    return {"id": r.pk, "project": r.project_id, "project_name": r.project.name,
            "owner_unit": r.owner_unit.name, "problem": r.problem,
            "deadline": r.deadline.isoformat(), "status": r.status,
            "status_label": r.get_status_display(), "evidence": r.evidence,
            "overdue": rectification.is_overdue(r),
            "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None}


@api.get("/rectifications", response=list[dict[str, Any]], auth=bearer,
         summary="问题整改（按角色范围；status、overdue 筛选）")
@paginate(LimitOffsetPagination)
def rectification_list(request: ApiRequest, status: str = "",
                       overdue: bool = False) -> list[dict[str, Any]]:
    return [_rectification(r) for r in rectification.rectification_list(
        actor=request.user, status=status[:20], overdue=overdue)]


@api.post("/rectifications", response={201: dict[str, Any]}, auth=bearer,
          summary="下达整改任务（财政局）")
def rectification_create(request: ApiRequest, body: RectificationIn) -> Status[dict[str, Any]]:
    import datetime as dt

    try:
        deadline: dt.date | None = dt.date.fromisoformat(body.deadline[:10])
    except ValueError:
        deadline = None
    rect = rectification.rectification_create(actor=request.user, project_id=body.project_id,
                                              problem=body.problem, deadline=deadline,
                                              ip=client_ip(request))
    return Status(201, _rectification(rect))


@api.post("/rectifications/{rectification_id}/actions", auth=bearer,
          summary="整改流转：report（单位报送）/ confirm、return（主管部门确认、退回）")
def rectification_action(request: ApiRequest, rectification_id: int,
                         body: RectificationActionIn) -> dict[str, Any]:
    rect = rectification.rectification_act(actor=request.user, rectification_id=rectification_id,
                                           action=body.action[:20], text=body.text,
                                           ip=client_ip(request))
    return _rectification(rect)


@api.get("/result-application", auth=bearer,
         summary="评价结果应用清单（财政局）：优/良 予以支持，中/差 核减/调整候选；不计算削减额")
def result_application(request: ApiRequest, year: int | None = None) -> dict[str, Any]:
    rows = application.result_application_list(actor=request.user, year=year)
    items = [{"project": r.project_id, "project_name": r.project, "fiscal_year": r.fiscal_year,
              "unit": r.unit, "department": r.department,
              "budget": r.budget, "executed": r.executed, "execution_rate": r.execution_rate,
              "self_total": r.self_total, "self_grade": r.self_grade,
              "review_total": r.review_total, "review_grade": r.review_grade,
              "treatment": r.treatment.code, "treatment_label": r.treatment.label,
              "open_rectifications": r.open_rectifications,
              "overdue_rectifications": r.overdue_rectifications} for r in rows]
    return _jsonable({"items": items, "count": len(items)})


def _jsonable(value: dict[str, Any]) -> dict[str, Any]:
    """Decimals as exact strings (CONTRACTS.md: decimal numbers in JSON are strings)."""
    return {k: _json_value(v) for k, v in value.items()}


def _json_value(value: object) -> object:
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value
