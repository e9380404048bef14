"""Error pages in Chinese (404 does not say whether the object exists). Under /api/ the
answer is the API's JSON error shape instead."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

#: Chinese wording of the statuses an API error may carry when nothing more specific is known.
API_STATUS_TEXT = {
    400: "请求有误", 401: "未认证", 403: "无权访问", 404: "未找到", 405: "不支持该请求方法",
    408: "请求超时", 409: "与当前状态冲突", 413: "请求过大", 415: "不支持的内容类型",
    422: "请求数据有误", 429: "请求过于频繁", 500: "服务器内部错误", 503: "服务暂不可用",
}


def api_error_response(status: int, error: str = "",
                       errors: list[dict[str, str]] | None = None) -> JsonResponse:
    """The API's one JSON error shape `{"ok": false, "error", "errors", "status"}`."""
    if not error:
        error = API_STATUS_TEXT.get(status, "服务器错误" if status >= 500 else "请求失败")
    return JsonResponse({"ok": False, "error": error, "errors": errors or [], "status": status},
                        status=status, json_dumps_params={"ensure_ascii": False})


_api_error = api_error_response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error(404, "未找到")
    return render(request, "jixiao/error.html", {"title": "未找到", "code": 404,
                                                 "text": "页面或数据不存在，或您无权查看。"},
                  status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error(403, "无权访问")
    return render(request, "jixiao/error.html", {"title": "无权访问", "code": 403,
                                                 "text": "当前角色无权执行此操作。"}, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF check failed (expired page or forged request): a Chinese page, status 403."""
    if request.path.startswith("/api/"):
        return _api_error(403, "CSRF 校验失败")
    return render(request, "jixiao/error.html", {"title": "页面已过期", "code": 403,
                                                 "text": "请刷新页面后重试（安全校验未通过）。"},
                  status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Unexpected error: a plain page that needs no database or context processors."""
    if request.path.startswith("/api/"):
        return _api_error(500, "服务器内部错误")
    return HttpResponse("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
                        "<title>服务器错误</title><h1>500 服务器内部错误</h1>"
                        "<p>请稍后重试；如持续出现，请联系系统管理员。</p></html>", status=500)
