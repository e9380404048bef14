"""Error pages in Chinese (404 does not say whether the object exists). Under /api/ the
answer is the API's JSON error shape instead."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def _api_error(status: int, error: str) -> JsonResponse:
    return JsonResponse({"ok": False, "error": error, "errors": [], "status": status},
                        status=status, json_dumps_params={"ensure_ascii": False})


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
