"""Excel round trip of the 自评表: download pre-filled, fill offline, upload; errors by cell
in Chinese; atomic."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from jixiao.domain.entry_layout import INDICATOR_HEADER_ROW
from jixiao.persistence.models import FieldChange, Project

pytestmark = pytest.mark.django_db
ACTUAL_COL, GRADE_COL, REASON_COL = 9, 10, 13


def download(client, project):  # type: ignore[no-untyped-def]
    response = client.get(f"/projects/{project.pk}/entry/")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(client, project, wb):  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    wb.save(out)
    file = SimpleUploadedFile("filled.xlsx", out.getvalue())
    return client.post(f"/projects/{project.pk}/entry/upload/", {"file": file}, follow=True)


def test_template_is_prefilled(as_persona, projects):
    project = projects["baoshan"]
    ws = download(as_persona("dept"), project)["自评表"]
    assert ws["B2"].value == project.name
    first = project.document["indicators"][0]
    row = INDICATOR_HEADER_ROW + 1
    assert ws.cell(row, 4).value == first["name"]
    assert ws.cell(row, ACTUAL_COL).value == str(first["actual"])


def test_round_trip_applies_changes_with_history(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    wb = download(unit1, project)
    ws = wb["自评表"]
    row = INDICATOR_HEADER_ROW + 1
    ws.cell(row, ACTUAL_COL).value = 2618          # typed as a number in Excel
    ws.cell(row, REASON_COL).value = "部分楼层退租。"
    page = upload(unit1, project, wb).content.decode()
    assert "更新了 2 个字段" in page
    project.refresh_from_db()
    assert project.document["indicators"][0]["actual"] == "2618"
    assert FieldChange.objects.filter(project=project, path="indicators.0.actual").exists()


def test_errors_are_reported_by_cell_and_nothing_is_written(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    before = Project.objects.get(pk=project.pk).document
    changes = FieldChange.objects.filter(project=project).count()
    wb = download(unit1, project)
    ws = wb["自评表"]
    row = INDICATOR_HEADER_ROW + 1
    ws.cell(row, ACTUAL_COL).value = "约五千"
    ws.cell(row + 1, REASON_COL).value = "这一格本身没错"
    ws.cell(row + 2, 4).value = "被改掉的指标名"
    ws["D7"].value = "-5"  # 年度资金总额 全年执行数
    page = upload(unit1, project, wb).content.decode()
    assert "3 处错误，未导入任何数据" in page
    assert f"I{row} 单元格（实际完成值）：「约五千」不是有效的数值" in page
    assert f"D{row + 2} 单元格：三级指标应为" in page
    assert "D7 单元格（年度资金总额全年执行数）：不能为负数" in page
    assert Project.objects.get(pk=project.pk).document == before
    assert FieldChange.objects.filter(project=project).count() == changes


def test_other_project_or_garbage_is_refused(as_persona, projects):
    unit1 = as_persona("unit1")
    wb = download(unit1, projects["hotline"])
    page = upload(unit1, projects["baoshan"], wb).content.decode()
    assert "另一个项目的模板" in page
    garbage = SimpleUploadedFile("x.xlsx", b"not a spreadsheet")
    page = unit1.post(f"/projects/{projects['baoshan'].pk}/entry/upload/", {"file": garbage},
                      follow=True).content.decode()
    assert "不是有效的 Excel" in page
