"""Nothing typed is lost or stored broken (issue 9, seen items 4–6).

4. the monitoring form is pre-filled, so saving the same 截至日期 again keeps its indicator
   rows and reasons; a July entry saves while a 定性 indicator has no year-end grade/score;
5. values are checked on save with the evaluation-file loader's rules: `28.123` and `1e3`
   are refused with a Chinese field error and never stored (web, API, Excel);
6. control characters pasted from Word (vertical tab, Shift+Enter) are normalised at the
   boundary, and the Excel template download never fails on stored text.
"""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from openpyxl import load_workbook

from jixiao.persistence.models import FieldChange, Project
from web.test_api import bearer, token

pytestmark = pytest.mark.django_db

QUALITATIVE = 12  # 保障两个中心正常运转 in the Baoshan demo project


def browser_form(html: str, action_suffix: str) -> dict[str, list[str]]:
    """What a browser submits for the form whose action ends in `action_suffix`: inputs
    with their values, checked boxes, selected options, textareas."""
    form = next(f for f in BeautifulSoup(html, "html.parser").find_all("form", method="post")
                if f.get("action", "").endswith(action_suffix))
    data: dict[str, list[str]] = {}
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name:
            continue
        if tag.name == "textarea":
            value = tag.get_text()
        elif tag.name == "select":
            chosen = tag.find("option", selected=True)
            value = chosen.get("value", "") if chosen else ""
        elif tag.get("type") == "checkbox":
            if not tag.has_attr("checked"):
                continue
            value = tag.get("value", "on")
        else:
            value = tag.get("value", "")
        data.setdefault(name, []).append(value)
    return data


# --- 4. monitoring -----------------------------------------------------------------------

def test_resaving_the_same_date_keeps_indicator_rows_and_reasons(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    page = unit1.get(f"/projects/{project.pk}/monitoring/").content.decode()
    data = browser_form(page, "monitoring/save/")
    data.update({"as_of": ["2022-07-31"], "executed": ["300000"], "goal_progress": ["按合同支付"],
                 "completion_0": ["impossible"], "causes_0": ["人员保障", "其他"],
                 "reason_0": ["部分楼层退租"], "progress_0": ["4000"], "expected_0": ["4800"]})
    unit1.post(f"/projects/{project.pk}/monitoring/save/", data)
    stored = Project.objects.get(pk=project.pk).document["monitoring"]["snapshots"]
    assert stored[0]["indicators"][0]["reason"] == "部分楼层退租"

    # open the same date again: the form shows what is stored …
    page = unit1.get(f"/projects/{project.pk}/monitoring/?as_of=2022-07-31").content.decode()
    again = browser_form(page, "monitoring/save/")
    assert again["executed"] == ["300000"] and again["goal_progress"] == ["按合同支付"]
    assert again["completion_0"] == ["impossible"] and again["reason_0"] == ["部分楼层退租"]
    assert again["causes_0"] == ["人员保障", "其他"]
    assert again["progress_0"] == ["4000"] and again["expected_0"] == ["4800"]
    # … and saving it unchanged keeps every row and reason
    again["executed"] = ["310000"]
    unit1.post(f"/projects/{project.pk}/monitoring/save/", again)
    after = Project.objects.get(pk=project.pk).document["monitoring"]["snapshots"]
    assert len(after) == 1
    assert after[0]["executed"] == "310000"
    assert after[0]["indicators"] == stored[0]["indicators"]


def test_july_entry_saves_before_the_year_end_grade_of_a_qualitative_indicator(as_persona, projects):
    project = projects["baoshan"]
    document = project.document
    indicator = document["indicators"][QUALITATIVE]
    assert indicator["operator"] == "qualitative"
    for key in ("grade", "score", "actual"):
        indicator.pop(key, None)
    Project.objects.filter(pk=project.pk).update(document=document)  # as in July
    unit1 = as_persona("unit1")
    answer = unit1.post(f"/projects/{project.pk}/monitoring/save/", {
        "as_of": "2022-07-31", "executed": "1200000", "name": [i["name"] for i in document["indicators"]],
        f"completion_{QUALITATIVE}": "possible", f"reason_{QUALITATIVE}": "下半年续签合同"}, follow=True)
    html = answer.content.decode()
    assert "监控数据已保存" in html and "监控数据有误" not in html
    assert 'id="project-light"' in html  # the warnings are computed, not "暂不能计算"
    snapshot = Project.objects.get(pk=project.pk).document["monitoring"]["snapshots"][0]
    assert snapshot["indicators"][0]["reason"] == "下半年续签合同"
    # scoring still demands the year-end judgement
    page = unit1.get(f"/projects/{project.pk}/").content.decode()
    assert "定性指标须选择档次" in page


# --- 5. values checked with the loader's rules -------------------------------------------------

@pytest.mark.parametrize("path, value, words", [
    (f"indicators.{QUALITATIVE}.score", "28.123", "最多保留 2 位小数"),
    (f"indicators.{QUALITATIVE}.score", "1e3", "科学计数法"),
    ("indicators.0.actual", "1e3", "科学计数法"),
    ("funds.total.executed", "2e6", "科学计数法"),
])
def test_invalid_numbers_are_refused_on_save_never_stored(as_persona, projects, path, value, words):
    project = projects["baoshan"]
    before = Project.objects.get(pk=project.pk).document
    web = as_persona("unit1").post(f"/projects/{project.pk}/field/", {"path": path, "value": value},
                                   HTTP_HX_REQUEST="true")
    assert web.status_code == 422 and words in web.content.decode()
    client = Client()
    api = client.post(f"/api/v1/projects/{project.pk}/fields", {"path": path, "value": value},
                      content_type="application/json", **bearer(token(client, "unit1").json()["token"]))
    assert api.status_code == 422
    assert words in api.json()["errors"][0]["message"] and api.json()["errors"][0]["field"] == path
    assert Project.objects.get(pk=project.pk).document == before
    assert not FieldChange.objects.filter(project=project, path=path).exists()
    # the project stays scorable
    assert "id=\"total-score\"" in as_persona("unit1").get(f"/projects/{project.pk}/").content.decode()


def test_excel_upload_refuses_the_same_values(as_persona, projects):
    from web.test_excel_entry import download, upload

    unit1, project = as_persona("unit1"), projects["baoshan"]
    before = Project.objects.get(pk=project.pk).document
    wb = download(unit1, project)
    ws = wb["自评表"]
    from jixiao.domain.entry_layout import INDICATOR_HEADER_ROW

    ws.cell(INDICATOR_HEADER_ROW + 1 + QUALITATIVE, 11).value = "28.123"  # 得分 of the 定性 row
    page = upload(unit1, project, wb).content.decode()
    assert "最多保留 2 位小数" in page and "未导入任何数据" in page
    assert Project.objects.get(pk=project.pk).document == before


# --- 6. control characters ----------------------------------------------------------------

WORD_PASTE = "第一段\x0b第二段（Shift+Enter）\r\n第三段\x07\u2028完"


def test_word_paste_is_normalised_on_every_path_and_the_template_downloads(as_persona, projects):
    project = projects["baoshan"]
    unit1 = as_persona("unit1")
    assert unit1.post(f"/projects/{project.pk}/field/", {"path": "goals.actual", "value": WORD_PASTE},
                      HTTP_HX_REQUEST="true").status_code == 200
    client = Client()
    api = client.post(f"/api/v1/projects/{project.pk}/fields",
                      {"path": "indicators.0.deviation_reason", "value": WORD_PASTE},
                      content_type="application/json", **bearer(token(client, "unit1").json()["token"]))
    assert api.status_code == 200
    unit1.post(f"/projects/{project.pk}/targets/field/",
               {"path": "indicators.0.unit_of_measure", "value": "平方米\x0b"}, HTTP_HX_REQUEST="true")
    unit1.post(f"/projects/{project.pk}/monitoring/save/",
               {"as_of": "2022-07-31", "executed": "1", "goal_progress": WORD_PASTE})
    document = Project.objects.get(pk=project.pk).document
    expected = "第一段\n第二段（Shift+Enter）\n第三段\n完"
    assert document["goals"]["actual"] == expected
    assert document["indicators"][0]["deviation_reason"] == expected
    assert document["indicators"][0]["unit_of_measure"] == "平方米"
    assert document["monitoring"]["snapshots"][0]["goal_progress"] == expected
    answer = unit1.get(f"/projects/{project.pk}/entry/")
    assert answer.status_code == 200
    ws = load_workbook(io.BytesIO(answer.content))["自评表"]
    assert expected in [c.value for row in ws.iter_rows() for c in row]


def test_template_downloads_even_with_old_stored_control_characters(as_persona, projects):
    """Text stored before the fix still holds \\x0b: the writers clean it, never 500."""
    project = projects["baoshan"]
    document = project.document
    document["goals"]["actual"] = WORD_PASTE
    document["indicators"][0]["deviation_reason"] = "原因\x0b续"
    Project.objects.filter(pk=project.pk).update(document=document)
    unit1 = as_persona("unit1")
    assert unit1.get(f"/projects/{project.pk}/entry/").status_code == 200
    for kind, fmt in (("table", "xlsx"), ("table", "docx"), ("report", "docx")):
        answer = unit1.get(f"/projects/{project.pk}/document/?kind={kind}&format={fmt}")
        assert answer.status_code == 200, (kind, fmt)


def test_evaluation_file_import_normalises_text(as_persona, projects):
    import yaml

    project = projects["baoshan"]
    unit1 = as_persona("unit1")
    text = unit1.get(f"/projects/{project.pk}/export/").content.decode()
    data = yaml.safe_load(text)
    data["goals"]["actual"] = WORD_PASTE
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("e.json", __import__("json").dumps(data, ensure_ascii=False).encode())
    unit1.post(f"/projects/{project.pk}/import/", {"file": upload})
    assert Project.objects.get(pk=project.pk).document["goals"]["actual"] == \
        "第一段\n第二段（Shift+Enter）\n第三段\n完"
