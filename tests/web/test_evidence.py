"""Evidence attachments: type and size limits by content, safe names, scoped download."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jixiao.persistence.models import Evidence
from jixiao.services.evidence import safe_name

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def post(client, project, name, data):  # type: ignore[no-untyped-def]
    return client.post(f"/projects/{project.pk}/evidence/",
                       {"file": SimpleUploadedFile(name, data)}, follow=True).content.decode()


@pytest.mark.parametrize("raw, clean", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\合同<script>.pdf", "合同script.pdf"),
    ("  .hidden.png", "hidden.png"),
    ("发票\u202e.gpj.exe", "发票.gpj.exe"),
    ("", "附件"),
])
def test_safe_name(raw, clean):
    assert safe_name(raw) == clean


def test_upload_download_and_delete(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    page = post(unit1, project, "现场照片<1>.png", PNG)
    assert "佐证材料已上传" in page and "现场照片1.png" in page
    item = Evidence.objects.get(original_name="现场照片1.png")
    assert not item.stored_name.startswith("现场")  # stored under a random name
    response = as_persona("dept").get(f"/projects/{project.pk}/evidence/{item.pk}/")
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert as_persona("unit2").get(f"/projects/{project.pk}/evidence/{item.pk}/").status_code == 404
    # another project's id in the URL does not reach this file
    other = projects["hall"]
    assert unit1.get(f"/projects/{other.pk}/evidence/{item.pk}/").status_code == 404
    unit1.post(f"/projects/{project.pk}/evidence/{item.pk}/delete/")
    assert not Evidence.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("name, data, message", [
    ("病毒.exe", b"MZ\x90\x00", "只接受"),
    ("假图片.png", b"<html>not a png</html>", "不符"),
    ("空.pdf", b"", "文件为空"),
])
def test_refused_files(as_persona, projects, name, data, message):
    page = post(as_persona("unit1"), projects["baoshan"], name, data)
    assert message in page
    assert not Evidence.objects.filter(original_name=safe_name(name)).exists()


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_size_limit(as_persona, projects):
    page = post(as_persona("unit1"), projects["baoshan"], "大.pdf", b"%PDF-" + b"x" * 2000)
    assert "文件超过" in page


def test_locked_project_refuses_uploads(as_persona, projects):
    page = post(as_persona("unit1"), projects["hall"], "a.png", PNG)
    assert "锁定" in page
