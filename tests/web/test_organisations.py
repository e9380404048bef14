"""机构管理 (issue 11 deliverable 1): create/edit/move/deactivate 主管部门 and 预算单位 with
their codes; atomic xlsx import with cell errors in Chinese."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.persistence.models import AuditEvent, Organisation

pytestmark = pytest.mark.django_db

CODE = "12345678-8"  # a valid 组织机构代码 (check character 8)


def _xlsx(rows: list[tuple[str, ...]], sheet: str = "机构") -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["类型", "名称", "上级主管部门", "组织机构代码", "统一社会信用代码"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("机构.xlsx", out.getvalue())


def test_check_character_of_the_example_code():
    from jixiao.domain.disclosure import org_code_valid

    assert org_code_valid(CODE) and not org_code_valid("12345678-5")


def test_finance_creates_edits_and_moves_a_unit(as_persona, projects):
    finance = as_persona("finance")
    dept = Organisation.objects.get(name="保山市政务服务管理局")
    other = Organisation.objects.get(name="保山市教育体育局")
    bad = finance.post("/organisations/", {"kind": "unit", "name": "保山市档案馆",
                                           "parent": dept.pk, "code": "12345678-5"}, follow=True)
    assert "不是有效的组织机构代码" in bad.content.decode()
    assert not Organisation.objects.filter(name="保山市档案馆").exists()
    finance.post("/organisations/", {"kind": "unit", "name": "保山市档案馆", "parent": dept.pk,
                                     "code": CODE})
    unit = Organisation.objects.get(name="保山市档案馆")
    assert unit.parent == dept and unit.code == "123456788" and unit.kind == "unit"
    dup = finance.post("/organisations/", {"kind": "department", "name": "保山市档案馆"},
                       follow=True)
    assert "已有名为「保山市档案馆」的机构" in dup.content.decode()
    # move unit2's 公共资源交易中心 to the education department: dept no longer sees its projects
    unit2 = projects["platform"].unit
    finance.post(f"/organisations/{unit2.pk}/", {"name": unit2.name, "parent": other.pk})
    unit2.refresh_from_db()
    assert unit2.parent == other
    listing = as_persona("dept").get("/projects/").content.decode()
    assert projects["platform"].name not in listing
    assert AuditEvent.objects.filter(kind="organisation_saved").count() >= 2


def test_deactivate_rules(as_persona):
    finance = as_persona("finance")
    dept = Organisation.objects.get(name="保山市政务服务管理局")
    refused = finance.post(f"/organisations/{dept.pk}/", {"action": "deactivate"}, follow=True)
    assert "还有启用的预算单位" in refused.content.decode()
    school = Organisation.objects.get(name="保山市第一中学")
    finance.post(f"/organisations/{school.pk}/", {"action": "deactivate"})
    school.refresh_from_db()
    assert school.active is False
    assert "已停用" in finance.get("/organisations/").content.decode()


def test_import_creates_the_tree_atomically(as_persona):
    finance = as_persona("finance")
    upload = _xlsx([("主管部门", "保山市卫生健康委员会", "", CODE, ""),
                    ("预算单位", "保山市人民医院", "保山市卫生健康委员会", "", ""),
                    ("预算单位", "保山市疾病预防控制中心", "保山市卫生健康委员会", "", "")])
    page = finance.post("/organisations/import/", {"file": upload}, follow=True).content.decode()
    assert "新建 3 个" in page
    hospital = Organisation.objects.get(name="保山市人民医院")
    assert hospital.parent.name == "保山市卫生健康委员会" and hospital.parent.parent.name == "保山市财政局"


def test_import_errors_by_cell_and_nothing_written(as_persona):
    finance = as_persona("finance")
    before = Organisation.objects.count()
    upload = _xlsx([("主管部门", "保山市水务局", "", "", ""),
                    ("预算单位", "保山市水文站", "保山市不存在局", "", ""),
                    ("单位", "保山市河道所", "保山市水务局", "12345678-5", ""),
                    ("预算单位", "保山市水务局", "保山市水务局", "", "91350100M000100Y44")])
    page = finance.post("/organisations/import/", {"file": upload}, follow=True).content.decode()
    for message in ("A4 单元格（类型）", "D4 单元格（组织机构代码）",
                    "B5 单元格（名称）：「保山市水务局」与第 2 行重复", "E5 单元格（统一社会信用代码）"):
        assert message in page, message
    assert Organisation.objects.count() == before
    unknown = _xlsx([("预算单位", "保山市水文站", "保山市不存在局", "", "")])
    page = finance.post("/organisations/import/", {"file": unknown}, follow=True).content.decode()
    assert "C2 单元格（上级主管部门）：「保山市不存在局」不是本表或本地区的主管部门" in page
    junk = SimpleUploadedFile("x.xlsx", b"not a zip at all")
    page = finance.post("/organisations/import/", {"file": junk}, follow=True).content.decode()
    assert "不是有效的 Excel" in page and Organisation.objects.count() == before
    wrong_sheet = _xlsx([("主管部门", "保山市水务局", "", "", "")], sheet="Sheet")
    page = finance.post("/organisations/import/", {"file": wrong_sheet},
                        follow=True).content.decode()
    assert "找不到工作表「机构」" in page


def test_template_round_trip_changes_nothing(as_persona):
    finance = as_persona("finance")
    template = finance.get("/organisations/template/")
    assert template.status_code == 200
    from openpyxl import load_workbook

    from jixiao.persistence.models import AuditEvent

    rows = list(load_workbook(io.BytesIO(template.content))["机构"].iter_rows(values_only=True))
    exported = AuditEvent.objects.get(kind="list_exported")  # the tree left the system
    assert (exported.actor, exported.target) == ("finance", "机构")
    assert exported.detail == f"{len(rows) - 1} 行；筛选：无" and len(rows) > 3
    before = list(Organisation.objects.values_list("name", "parent_id", "code").order_by("pk"))
    upload = SimpleUploadedFile("机构.xlsx", template.content)
    page = finance.post("/organisations/import/", {"file": upload}, follow=True).content.decode()
    assert "新建 0 个" in page
    assert list(Organisation.objects.values_list("name", "parent_id", "code")
                .order_by("pk")) == before
