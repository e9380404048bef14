"""Evidence attachments (佐证材料): upload, download, delete."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from jixiao.services import evidence
from jixiao.services.errors import Conflict, Invalid
from jixiao.web.requests import AuthedRequest
from jixiao.web.views.common import flash_errors, http_errors


@login_required
@require_POST
@http_errors
def evidence_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    upload = request.FILES.get("file")
    limit = settings.EVIDENCE_MAX_BYTES
    data = upload.read(limit + 1) if upload is not None else b""
    index = request.POST.get("indicator", "")
    try:
        evidence.evidence_upload(actor=request.user, project_id=pk,
                                 name=upload.name if upload is not None and upload.name else "",
                                 data=data, indicator_index=int(index) if index.isdigit() else None)
    except (Invalid, Conflict) as err:
        flash_errors(request, err)
    else:
        messages.success(request, "佐证材料已上传")
    return redirect("project_detail", pk=pk)


@login_required
@require_GET
@http_errors
def evidence_download(request: AuthedRequest, pk: int, evidence_id: int) -> HttpResponse:
    item, data = evidence.evidence_open(actor=request.user, project_id=pk,
                                        evidence_id=evidence_id)
    response = HttpResponse(data, content_type=item.content_type)
    # Always a download, never rendered inline in our origin.
    ext = item.stored_name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f"attachment; filename=\"evidence-{item.pk}.{ext}\"; "
        f"filename*=UTF-8''{quote(item.original_name)}")
    return response


@login_required
@require_POST
@http_errors
def evidence_delete(request: AuthedRequest, pk: int, evidence_id: int) -> HttpResponse:
    try:
        evidence.evidence_delete(actor=request.user, project_id=pk,
                                 evidence_id=evidence_id)
    except (Invalid, Conflict) as err:
        messages.error(request, err.message)
    else:
        messages.success(request, "已删除")
    return redirect("project_detail", pk=pk)
