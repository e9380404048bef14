"""Every failed save is visible (issue 9, seen item 3): each form of the application, given
input the server refuses, answers a page (or an htmx fragment) that says so in Chinese; and
every htmx field has a place beside it where the page script shows failures the server could
not describe (5xx, lost connection: tested in the browser, test_browser_failures.py)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

ERROR_ITEM = '<li class="error">'

#: (persona, project key or None, url, data, phrase that must appear in the answer)
FORMS = [
    ("unit1", None, "/projects/new/", {"name": "", "fiscal_year": "2024"}, "请填写项目名称"),
    ("unit1", "baoshan", "/projects/{pk}/targets/add/", {"name": ""}, "请填写三级指标名称"),
    ("unit1", "baoshan", "/projects/{pk}/targets/remove/", {"index": "99"}, "序号超出范围"),
    ("dept", "hall", "/projects/{pk}/transition/", {"action": "return", "comment": ""},
     "退回时必须填写意见"),
    ("unit1", "baoshan", "/projects/{pk}/import/", {}, "请选择要导入的自评文件"),
    ("unit1", "baoshan", "/projects/{pk}/entry/upload/", {}, "请选择填好的 .xlsx 模板"),
    ("unit1", "baoshan", "/projects/{pk}/evidence/",
     {"file": SimpleUploadedFile("a.exe", b"MZ\x90\x00")}, "ERROR"),
    ("unit1", "baoshan", "/projects/{pk}/monitoring/save/", {"as_of": "七月"}, "请填写日期"),
    ("finance", "hall", "/projects/{pk}/publish/", {}, "只有财政已受理的项目才能公开"),
    ("unit1", "baoshan", "/projects/{pk}/lease/save/", {"text": "format: nonsense"}, "分摊文件有误"),
    ("unit2", "bidding", "/projects/{pk}/lease/apply/", {"payer": "x"}, "没有可用的分摊文件"),
    ("unit1", "baoshan", "/projects/{pk}/ledger/line/", {"code": ""}, "请填写预算项目编码"),
    ("unit2", "bidding", "/projects/{pk}/ledger/import/",
     {"file": SimpleUploadedFile("x.csv", b"a,b\n")}, "请先填写预算明细"),
    ("sysadmin", None, "/admin/accounts/", {"username": "", "password": "x"}, "ERROR"),
    ("sysadmin", None, "/admin/accounts/{unit1}/", {"action": "nonsense"}, "未知操作"),
    ("secadmin", None, "/admin/roles/", {"user": "0", "role": "root"}, "ERROR"),
    ("unit1", None, "/password/", {"old_password": "wrong", "new_password1": "x",
                                   "new_password2": "y"}, "ERROR"),
]


@pytest.mark.parametrize("persona, key, url, data, phrase", FORMS,
                         ids=[f[2].split("{pk}")[-1].strip("/") or f[2] for f in FORMS])
def test_each_form_shows_its_failure(as_persona, projects, users, persona, key, url, data, phrase):
    pk = projects[key].pk if key else 0
    answer = as_persona(persona).post(url.format(pk=pk, unit1=users["unit1"].pk), data, follow=True)
    assert answer.status_code < 500
    html = answer.content.decode()
    if phrase == "ERROR":  # the message text comes from a validator; it must be shown as an error
        assert ERROR_ITEM in html or 'class="error"' in html or 'class="field-error"' in html
    else:
        assert phrase in html


def test_login_failure_is_shown(client):
    answer = client.post("/login/", {"username": "unit1", "password": "wrong"})
    assert answer.status_code == 401 and "用户名或密码" in answer.content.decode()


@pytest.mark.parametrize("url, path, value, phrase", [
    ("/projects/{pk}/field/", "indicators.0.actual", "约五千", "不是数字"),
    ("/projects/{pk}/targets/field/", "indicators.0.weight", "一百", "不是有效的数值"),
])
def test_htmx_field_failure_is_swapped_in_beside_the_field(as_persona, projects, url, path, value,
                                                         phrase):
    answer = as_persona("unit1").post(url.format(pk=projects["baoshan"].pk),
                                      {"path": path, "value": value}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 422
    assert answer["HX-Retarget"] == "#err-" + path.replace(".", "-")
    assert phrase in answer.content.decode()


@pytest.mark.parametrize("page", ["/projects/{pk}/", "/projects/{pk}/targets/"])
def test_every_htmx_field_has_a_message_place_and_the_handlers_exist(as_persona, projects, page):
    """The global htmx:responseError / htmx:sendError handler writes into the `.err` span that
    follows a field; every hx-post element must have one."""
    html = as_persona("unit1").get(page.format(pk=projects["baoshan"].pk)).content.decode()
    elements = re.findall(r"<(?:input|select|textarea)[^>]*hx-post[^>]*>", html)
    assert elements
    for match in re.finditer(r"<(input|select|textarea)([^>]*hx-post[^>]*)>", html):
        tag = match.group(1)
        rest = html[match.end():]
        if tag != "input":
            rest = rest[rest.index(f"</{tag}>") + len(f"</{tag}>"):]
        assert rest.startswith('<span class="err" id="err-'), match.group(0)[:120]
    assert 'id="page-alert"' in html
    from django.contrib.staticfiles import finders

    with open(finders.find("jixiao/app.js"), encoding="utf-8") as f:
        script = f.read()
    for event in ("htmx:responseError", "htmx:sendError", "htmx:timeout"):
        assert event in script
