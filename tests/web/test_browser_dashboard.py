"""Browser test of 统计分析 (issue 11 deliverable 7): the finance bureau's dashboard drawn by
the vendored ECharts under the strict CSP (no console errors), a filter, a department's view
and a chart's xlsx download. Screenshots 28–29 go to $JIXIAO_SCREENSHOT_DIR."""

from __future__ import annotations

import pytest

from web.test_browser import browser, login, logout, server, shots  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(page.url + " " + m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    page.close()
    assert not problems, problems


def _monitor(page, server, user, project, as_of, executed):  # type: ignore[no-untyped-def]  # noqa: F811
    """The unit enters a monitoring period: its light is stored with the project's result."""
    login(page, server, user)
    href = page.get_attribute(f"a:has-text('{project}')", "href")
    page.goto(server + href + "monitoring/")
    page.fill("form[action$='monitoring/save/'] input[name=as_of]", as_of)
    page.fill("input[name=executed]", executed)
    page.click("form[action$='monitoring/save/'] button[type=submit]")
    page.wait_for_selector("#project-light")
    logout(page)


def test_dashboard_of_finance_and_department(server, page):  # noqa: F811
    out = shots()
    _monitor(page, server, "unit1", "房租及物业补助经费项目", "2022-07-31", "300000")
    _monitor(page, server, "unit2", "电子招投标系统运维经费", "2023-07-31", "150000")
    login(page, server, "finance")
    page.click("nav >> text=统计分析")
    page.wait_for_selector("[data-chart=grades] canvas")
    for chart in ("grades", "execution", "monitoring", "ranking", "review", "years"):
        assert page.locator(f"[data-chart={chart}] canvas").count() == 1, chart
    page.screenshot(path=str(out / "28-dashboard.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#card-ranking >> text=下载 Excel")
    assert download.value.suggested_filename == "dashboard-ranking.xlsx"
    page.select_option("select[name=year]", "2022")
    page.click("form.dash-filters button")
    page.wait_for_selector("[data-chart=grades] canvas")
    assert "year=2022" in page.url
    logout(page)
    login(page, server, "dept")
    page.click("nav >> text=统计分析")
    page.wait_for_selector("[data-chart=ranking] canvas")
    assert "教学楼维修改造项目" not in page.content()
    page.screenshot(path=str(out / "29-dashboard-department.png"), full_page=True)
