"""Browser test: Playwright drives Debian's chromium (/usr/bin/chromium, never a download)
against `jixiao serve --demo` started as a subprocess on a fresh SQLite file — the README's
run command, for real.

Story: unit1 logs in, opens the Baoshan project, lowers an actual value and watches the live
score drop, is asked for a deviation reason, fills it, submits; dept returns it with a
comment; unit1 fixes and resubmits. Screenshots of the main pages go to
$JIXIAO_SCREENSHOT_DIR (docs/screenshots/ when regenerating them), else a temp folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from web.live import free_port, wait_until_answering

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but chromium is missing at {CHROMIUM} (scripts/bootstrap.sh --test)")
        pytest.skip(f"no chromium at {CHROMIUM}")
    port = free_port()
    db = tmp_path_factory.mktemp("browser") / "demo.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env["JIXIAO_DATABASE_URL"] = f"sqlite:///{db}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_answering(base + "/login/", proc, timeout=60)
        except RuntimeError as failure:
            pytest.fail(f"jixiao serve --demo: {failure}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def shots() -> Path:
    folder = Path(os.environ.get("JIXIAO_SCREENSHOT_DIR") or Path(os.environ.get("TMPDIR", "/tmp"))
                  / "jixiao-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "jixiao-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def logout(page) -> None:  # type: ignore[no-untyped-def]
    page.click("header form button")
    page.wait_for_url("**/login/")


def test_unit_year_in_the_browser(server, browser):
    out = shots()
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/login/")
    page.screenshot(path=str(out / "01-login.png"))
    login(page, server, "unit1")
    assert page.url.endswith("/projects/")
    page.screenshot(path=str(out / "02-projects-unit1.png"), full_page=True)

    page.click("text=房租及物业补助经费项目")
    page.wait_for_selector("#score-chart canvas")  # ECharts drew the chart
    total = page.inner_text("#total-score")
    page.screenshot(path=str(out / "03-evaluation-baoshan.png"), full_page=True)

    # Lower the first quantitative actual value: the live score must drop.
    actual = page.locator("input[data-path$='.actual']").first
    path = actual.get_attribute("data-path")
    index = path.split(".")[1]
    actual.fill("1")
    actual.press("Tab")
    page.wait_for_function(
        "t => document.querySelector('#total-score').textContent.trim() !== t", arg=total)
    lowered = page.inner_text("#total-score")
    assert float(lowered) < float(total)
    page.wait_for_selector(f"#ind-flag-{index}:has-text('须填写偏差原因')")
    # the row's own score cell was updated in place (out-of-band swap), not appended elsewhere
    assert page.inner_text(f"#ind-score-{index}") != ""
    assert page.locator(f"#ind-score-{index}").count() == 1
    assert page.inner_text(f"#ind-score-{index}").startswith("0.0")
    page.screenshot(path=str(out / "04-live-score-deviation-reason.png"), full_page=True)

    reason = page.locator(f"textarea[data-path='indicators.{index}.deviation_reason']")
    reason.fill("面积调整：部分楼层退租，已重新签订租赁合同。")
    reason.press("Tab")
    page.wait_for_function(
        f"() => document.querySelector('#ind-flag-{index}').textContent.trim() === ''")
    page.click("button.btn-submit")
    page.wait_for_selector("#state:has-text('已提交')")
    assert page.locator("input[data-path]").count() == 0  # locked
    logout(page)

    login(page, server, "dept")
    page.click("text=房租及物业补助经费项目")
    page.fill("form:has(button.btn-return) textarea[name=comment]", "请说明退租面积和对应金额。")
    page.screenshot(path=str(out / "05-dept-review.png"), full_page=True)
    page.click("button.btn-return")
    page.wait_for_selector("#state:has-text('已退回')")
    logout(page)

    login(page, server, "unit1")
    page.click("text=房租及物业补助经费项目")
    assert "请说明退租面积和对应金额。" in page.inner_text("#workflow")
    goals = page.locator("textarea[data-path='goals.actual']")
    goals.fill("已退租二层东侧 300 平方米，租金相应减少。")
    goals.press("Tab")
    page.wait_for_selector("#err-goals-actual:empty", state="attached")
    page.wait_for_load_state("networkidle")
    page.click("button.btn-submit")
    page.wait_for_selector("#state:has-text('已提交')")
    page.screenshot(path=str(out / "06-resubmitted.png"), full_page=True)
    page.goto(page.url + "history/")
    assert "实际完成值" in page.inner_text("main")
    page.screenshot(path=str(out / "07-field-history.png"), full_page=True)
    logout(page)

    login(page, server, "auditadmin")
    page.screenshot(path=str(out / "08-audit-log.png"), full_page=False)
    assert "workflow_return" in page.inner_text("main")
    logout(page)
    login(page, server, "unit2")
    page.screenshot(path=str(out / "09-projects-unit2.png"), full_page=True)
    assert "房租及物业补助经费项目" not in page.inner_text("main")
    page.click("text=电子招投标系统运维经费")
    page.screenshot(path=str(out / "10-evaluation-missing-reason.png"), full_page=True)
    # the demo's 电子招投标 targets are approved (目标调整 example): declare on the returned project
    page.go_back()
    page.click("text=公共资源交易平台升级项目")
    page.click("text=绩效目标申报")
    weight = page.locator("input[data-path='indicators.0.weight']")
    weight.fill("35")
    weight.press("Tab")
    page.wait_for_selector("#weights-status:has-text('请调整分值')")
    page.screenshot(path=str(out / "11-target-declaration.png"), full_page=True)
    page.goto(page.url.replace("targets/", "monitoring/"))
    page.fill("form[action$='monitoring/save/'] input[name=as_of]", "2023-07-31")
    page.fill("input[name=executed]", "150000")
    page.select_option("select[name=completion_0]", "possible")
    page.click("form[action$='monitoring/save/'] button[type=submit]")
    page.wait_for_selector("#project-light")
    assert "2023-07-31" in page.inner_text(".side-col")
    page.screenshot(path=str(out / "12-monitoring.png"), full_page=True)

    assert not problems, problems  # no script errors, no CSP violations


def test_other_pages_in_the_browser(server, browser):
    """The administrators' pages, the indicator library, 场地分摊 and 信息公开 render without
    script errors; screenshots for the documentation."""
    out = shots()
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/public/reports/")
    assert "12345政务服务便民热线运行经费" in page.inner_text("main")
    page.screenshot(path=str(out / "13-public-reports.png"), full_page=True)

    login(page, server, "sysadmin")
    assert page.url.endswith("/admin/accounts/")
    page.screenshot(path=str(out / "14-accounts-sysadmin.png"), full_page=True)
    page.goto(server + "/projects/")
    assert "无权" in page.inner_text("main")  # no business data for the system administrator
    assert problems and all("403" in p for p in problems)  # only the refused page itself
    problems.clear()
    logout(page)

    login(page, server, "secadmin")
    assert page.url.endswith("/admin/roles/")
    page.screenshot(path=str(out / "15-roles-secadmin.png"), full_page=True)
    logout(page)

    login(page, server, "finance")
    page.wait_for_selector("#overview-chart canvas")
    page.screenshot(path=str(out / "18-projects-finance.png"), full_page=True)
    page.goto(server + "/library/")
    assert "行政审批服务办公场所面积" in page.inner_text("main")
    page.screenshot(path=str(out / "16-indicator-library.png"), full_page=False)
    page.goto(server + "/projects/")
    page.click("text=房租及物业补助经费项目")
    page.click("text=场地分摊")
    assert "8477.09" in page.inner_text("main")
    page.screenshot(path=str(out / "17-lease-apportionment.png"), full_page=True)
    assert not problems, problems
