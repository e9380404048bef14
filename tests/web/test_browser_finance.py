"""Browser tests of the finance bureau's year (issue 11 deliverable 12): Playwright drives
Debian's chromium against `jixiao serve --demo` (the fixtures of test_browser.py).

Stories: finance onboards a unit; a spot check with re-scoring; a rectification from
creation to the department's confirmation; a publication, its correction and its
withdrawal as a citizen sees them on the public portal. Screenshots 19–27 go to
$JIXIAO_SCREENSHOT_DIR (docs/screenshots/ when regenerating).
"""

from __future__ import annotations

import datetime as dt

import pytest

from web.test_browser import browser, login, logout, server, shots  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    page.close()
    assert not problems, problems


def test_finance_onboards_a_unit(server, page):  # noqa: F811
    out = shots()
    login(page, server, "finance")
    page.click("nav >> text=机构管理")
    page.select_option("select[name=kind]", "unit")
    page.fill("section >> input[name=name]", "保山市政务信息中心")
    page.select_option("section >> select[name=parent]", label="保山市政务服务管理局")
    page.fill("section >> input[name=code]", "12345678-5")  # wrong check character
    page.click("section >> button:has-text('新增')")
    page.wait_for_selector("text=不是有效的组织机构代码")
    page.fill("section >> input[name=name]", "保山市政务信息中心")
    page.select_option("section >> select[name=parent]", label="保山市政务服务管理局")
    page.fill("section >> input[name=code]", "12345678-8")
    page.click("section >> button:has-text('新增')")
    page.wait_for_selector("text=已保存：预算单位 保山市政务信息中心")
    row = page.locator("tr", has_text="保山市政务信息中心")
    assert "123456788" in row.inner_text()
    page.screenshot(path=str(out / "19-organisations.png"), full_page=True)


def test_spot_check_with_rescoring(server, page):  # noqa: F811
    out = shots()
    login(page, server, "finance")
    page.click("nav >> text=抽查复核")
    page.fill("input[name=fiscal_year]", "2022")
    page.fill("input[name=size]", "3")
    page.fill("input[name=seed]", "浏览器-2022")
    page.click("button:has-text('抽取')")
    page.wait_for_selector("text=随机种子 浏览器-2022")
    assert page.locator("text=已抽取 3 个项目").count() == 1
    page.screenshot(path=str(out / "20-spot-check.png"), full_page=True)
    page.locator("tr", has_text="交易见证服务经费").locator("a:has-text('复核')").click()
    page.wait_for_selector("h1:has-text('复核')")
    page.fill("input[name=score-0]", "18")
    page.click("button:has-text('保存复核')")
    page.wait_for_selector("text=复核得分与自评不同，请写明理由")
    page.fill("input[name=score-0]", "18")
    page.fill("input[name=reason-0]", "见证记录缺 80 份，按实际完成数计分")
    page.click("button:has-text('保存复核')")
    page.wait_for_selector("text=复核已保存")
    assert page.locator("text=复核总分与自评相差 7").count() >= 1
    page.screenshot(path=str(out / "21-review.png"), full_page=True)


def test_rectification_from_creation_to_confirmation(server, page):  # noqa: F811
    out = shots()
    login(page, server, "finance")
    page.click("nav >> text=结果应用")
    page.wait_for_selector("text=规则没有给出得分到削减额的换算公式")
    row = page.locator("tr", has_text="12345政务服务便民热线运行经费")
    row.locator("input[name=problem]").fill("满意度调查样本量不足 100 份")
    row.locator("input[name=deadline]").fill(LATER)
    row.locator("button:has-text('下达')").click()
    page.wait_for_selector("text=已下达整改任务")
    page.screenshot(path=str(out / "22-results-application.png"), full_page=True)
    logout(page)

    login(page, server, "unit1")
    page.click("nav >> text=问题整改")
    page.click("tr:has-text('满意度调查样本量不足') >> a")
    page.fill("textarea[name=text]", "补充调查 300 份，附问卷扫描件")
    page.click("button:has-text('报送')")
    page.wait_for_selector("text=单位已报整改情况")
    logout(page)

    login(page, server, "dept")
    page.click("nav >> text=问题整改")
    page.click("tr:has-text('满意度调查样本量不足') >> a")
    page.click("button:has-text('确认整改到位')")
    page.wait_for_selector("text=主管部门已确认整改到位")
    page.screenshot(path=str(out / "23-rectification.png"), full_page=True)
    page.click("text=← 问题整改")
    assert page.locator("text=已逾期").count() >= 1  # the demo's overdue task is flagged
    page.screenshot(path=str(out / "24-rectifications-tracking.png"), full_page=True)


def test_publication_correction_and_withdrawal_on_the_portal(server, page):  # noqa: F811
    out = shots()
    login(page, server, "finance")
    page.click("nav >> text=公开管理")
    row = page.locator("tr", has_text="数字证书（CA）服务经费")
    assert "已超过公开期限" in row.inner_text()
    row.locator("input[name=document_number]").fill("保交易〔2024〕9号")
    row.locator("input[name=keywords]").fill("数字证书")
    row.locator("button:has-text('公开')").click()
    page.wait_for_selector("text=已公开，索引号", timeout=60_000)
    published = page.locator("tr", has_text="数字证书（CA）服务经费")
    published.locator("input[name=note]").fill("更正主题词")
    published.locator("button:has-text('发布更正版')").click()
    page.wait_for_selector("text=已发布更正版（第2版）", timeout=60_000)
    page.screenshot(path=str(out / "25-disclosure.png"), full_page=True)
    logout(page)

    # a citizen: search, read, download
    page.goto(server + "/public/reports/?q=数字证书")
    page.click("a:has-text('数字证书（CA）服务经费')")
    page.wait_for_selector("th:has-text('索引号')")
    assert page.locator("text=第2版").count() >= 1
    with page.expect_download() as download:
        page.click("a:has-text('下载自评表（PDF）')")
    assert download.value.suggested_filename.endswith(".pdf")
    page.screenshot(path=str(out / "26-public-report.png"), full_page=True)

    login(page, server, "finance")
    page.click("nav >> text=公开管理")
    row = page.locator("tr", has_text="数字证书（CA）服务经费")
    row.locator("input[name=reason]").fill("附件信息有误，待核实")
    row.locator("button:has-text('撤回')").click()
    page.wait_for_selector("text=已撤回")
    logout(page)
    page.goto(server + "/public/reports/")
    assert page.locator("tr:has-text('数字证书（CA）服务经费') >> text=已撤回").count() == 1
    page.screenshot(path=str(out / "27-public-portal.png"), full_page=True)
    page.click("a:has-text('数字证书（CA）服务经费')")
    page.wait_for_selector("text=附件信息有误，待核实")
    assert page.locator("a:has-text('下载自评表（PDF）')").count() == 0


def test_finance_navigation_fits_one_line_at_1400_px(server, page):  # noqa: F811
    """The finance bureau's navigation bar wrapped onto a second line at 1400 px."""
    login(page, server, "finance")
    page.goto(server + "/results/")
    page.screenshot(path=str(shots() / "30-finance-lists.png"), full_page=False)
    tops = page.eval_on_selector_all(
        "header.top nav a, header.top .who > *",
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(tops) >= 12 and max(tops) - min(tops) <= 4, tops
    assert page.eval_on_selector("header.top", "e => e.scrollWidth <= e.clientWidth")
