"""预算明细与支出明细: budget lines, CSV import (all or nothing), the audit, and its use by
运行监控 (执行数 from the ledger)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.persistence.models import Project

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def add_lines(client, project):  # type: ignore[no-untyped-def]
    url = f"/projects/{project.pk}/ledger/line/"
    client.post(url, {"code": "rent", "name": "办公用房租金", "amount": "2,034,500.00",
                      "classifications": "30214"})
    client.post(url, {"code": "property", "name": "物业管理费", "amount": "247,000.00",
                      "classifications": "30209"})


def test_budget_lines_import_and_audit(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    add_lines(unit1, project)
    csv = (EXAMPLES / "baoshan-2022-ledger.csv").read_bytes()
    html = unit1.post(f"/projects/{project.pk}/ledger/import/",
                      {"file": SimpleUploadedFile("ledger.csv", csv)}, follow=True).content.decode()
    assert "已导入" in html
    block = Project.objects.get(pk=project.pk).document["ledger"]
    assert len(block["lines"]) == 2 and len(block["records"]) > 4
    # the report's yearly totals: rent 1,580,900 and property 644,138.16 (overspent: 247,000)
    assert "1580900" in html.replace(",", "") and "overspend" in html
    # 运行监控 now takes 执行数 from the ledger
    page = unit1.get(f"/projects/{project.pk}/monitoring/?as_of=2022-12-31").content.decode()
    assert "2,225,038.16" in page


def test_bad_csv_imports_nothing(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    add_lines(unit1, project)
    bad = "日期,金额,收款人,预算项目\n2022-01-20,abc,某公司,rent\n2022-02-30,1.00,某公司,nope\n"
    html = unit1.post(f"/projects/{project.pk}/ledger/import/",
                      {"file": SimpleUploadedFile("bad.csv", bad.encode())}, follow=True).content.decode()
    assert "未导入任何数据" in html and "第2行" in html and "第3行" in html
    assert "records" not in Project.objects.get(pk=project.pk).document["ledger"]


def test_a_line_in_use_cannot_be_removed(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    add_lines(unit1, project)
    csv = "日期,金额,收款人,预算项目\n2022-01-20,100.00,出租方,rent\n"
    unit1.post(f"/projects/{project.pk}/ledger/import/",
               {"file": SimpleUploadedFile("l.csv", csv.encode())})
    html = unit1.post(f"/projects/{project.pk}/ledger/line/", {"remove": "rent"},
                      follow=True).content.decode()
    assert "仍有支出记录" in html
    unit1.post(f"/projects/{project.pk}/ledger/line/", {"remove": "property"})
    lines = Project.objects.get(pk=project.pk).document["ledger"]["lines"]
    assert [line["code"] for line in lines] == ["rent"]


def test_hostile_xlsx_ledger_is_a_chinese_form_error(as_persona, projects, tmp_path):
    """Issue 9: a 5 KB ledger whose only far cell sits at row 1,048,576 drove the import to
    MemoryError (openpyxl padded a million rows); a UTF-16 DTD passed the byte check."""
    from tests.hostile_files import far_cell_xlsx, utf16_dtd_xlsx

    unit1, project = as_persona("unit1"), projects["baoshan"]
    add_lines(unit1, project)
    for make, words in ((far_cell_xlsx, "第1048576行"), (utf16_dtd_xlsx, "DTD")):
        data = make(tmp_path).read_bytes()
        response = unit1.post(f"/projects/{project.pk}/ledger/import/",
                              {"file": SimpleUploadedFile("ledger.xlsx", data)}, follow=True)
        html = response.content.decode()
        assert response.status_code == 200 and words in html and "未导入" in html
    assert not Project.objects.get(pk=project.pk).document["ledger"].get("records")
