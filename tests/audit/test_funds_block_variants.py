"""Funds blocks of the 部门整体支出绩效自评表 read as funds tables.

That form breaks its 年度资金总额 down by kind of spending (基本支出, 项目支出 — the national
form's 按支出性质分) and some provinces' copies print the scoring rule instead of an 执行率 column:
年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 (绥阳 416). The block was not read at
all, so a total that is not the sum of its rows was never found. Invented blocks in the layouts
pages give; the consistent one must stay silent (the rows' repeated 分值/得分 cells included),
a wrong total must be found.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

HEAD = ["部门整体支出绩效自评表", "部门(单位)名称 | 甲镇人民政府"]


def _block(total_a: str = "1200.50", total_b: str = "1250.00", layout: str = "pipes",
           rate_column: bool = False) -> list[str]:
    header = ["部门(单位)总体资金(万元)", "资金来源", "年初预算数(A)", "全年执行数(B)", "分值(10分)",
              *(["执行率"] if rate_column else []), "得分", "得分计算方法"]
    rate = ["104.12%"] if rate_column else []
    rows = [["年度资金总额:", total_a, total_b, "10", *rate, "10", "执行率*该指标分值，最高不超过分值"],
            ["基本支出", "1000.25", "900.00", "10", *(["89.98%"] if rate_column else []), "10"],
            ["项目支出", "200.25", "350.00", "10", *(["174.78%"] if rate_column else []), "10"]]
    if layout == "pipes":
        body = [" | ".join(r) + " |" for r in [header, *rows]]
    elif layout == "wrapped":  # a row wrapped after its amounts (the page's narrow cells)
        body = [" | ".join(header) + " |", " | ".join(rows[0]) + " |",
                " | ".join(rows[1][:3]) + " |", " | ".join(rows[1][3:]) + " | |||",
                " | ".join(rows[2]) + " |"]
    else:  # spaces (PDF text)
        body = ["  ".join(r) for r in [header, *rows]]
    return [*HEAD, *body, "年度总体目标 | 年初设定目标 | 完成情况"]


LAYOUTS = ("pipes", "wrapped", "spaces")


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


@pytest.mark.parametrize("rate_column", [False, True])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_consistent_block_is_silent(layout: str, rate_column: bool) -> None:
    assert _errors(_block(layout=layout, rate_column=rate_column)) == []


@pytest.mark.parametrize("rate_column", [False, True])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_total_not_the_rows_sum_is_found(layout: str, rate_column: bool) -> None:
    found = _errors(_block(total_a="1100.50", layout=layout, rate_column=rate_column))
    assert ("funds-parts-mismatch", "1100.50", "1200.50") in found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_executed_total_not_the_rows_sum_is_found(layout: str) -> None:
    found = _errors(_block(total_b="1300.00", layout=layout))
    assert ("funds-parts-mismatch", "1300.00", "1250.00") in found


def test_a_header_without_rate_or_scores_is_no_funds_block() -> None:
    # 年初预算数 | 全年执行数 alone (a plain statement of accounts): not the forms' funds block,
    # its rows are left to the column sums
    lines = ["单位 | 年初预算数 | 全年执行数", "年度资金总额 | 1100.50 | 1250.00",
             "基本支出 | 1000.25 | 900.00", "项目支出 | 200.25 | 350.00"]
    assert not [e for e in _errors(lines) if e[0] == "funds-parts-mismatch"]


def _sources(total: str = "2400.50", one_per_line: bool = True) -> list[str]:
    """The transfer-payment form's funds block by source level (中央/省级/地方/其他资金)."""
    rows = [["项目资金(万元)", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
            ["年度资金总额:", total, "2160.45", "90.00%"],
            ["其中:中央资金", "900.00", "810.00", "90.00%"], ["省级资金", "0", "0", "0"],
            ["地方资金", "1500.50", "1350.45", "90.00%"], ["其他资金", "0", "0", "0"]]
    if one_per_line:  # a web page's cells, a blank line between them
        return [x for r in rows for c in r for x in (c, "")]
    return [" | ".join(r) for r in rows]


@pytest.mark.parametrize("one_per_line", [True, False])
def test_source_levels_of_transfer_payment_form(one_per_line: bool) -> None:
    assert _errors(_sources(one_per_line=one_per_line)) == []
    found = _errors(_sources(total="2300.50", one_per_line=one_per_line))
    assert ("funds-parts-mismatch", "2300.50", "2400.50") in found
