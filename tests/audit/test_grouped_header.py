"""A 自评表 header over two rows whose upper row groups the lower one's columns (i12w).

The Yunnan 项目支出绩效自评表 prints `绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及
改进措施` over `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`: 绩效指标 spans the three
label columns, 年度指标值 the three of the target (dev 455, a repost; the 公开14表 the same way).
Read row by row the upper row's value columns come before the labels; every form prints its
labels first, so they are put first. The comparison may be printed in the small form ﹦ (U+FE66,
what NFKC makes =), and a row cut after its 分值 must not slide its 度量单位 into the actual.
"""

from __future__ import annotations

import pytest

from jixiao.ingest.docmodel.document import build_document
from jixiao.services.figure_audit import audit_lines

UPPER = ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
LOWER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
FUNDS = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
         "年度资金总额 | 7.29 | 7.29 | 7.29 | 10 | 100% | 10"]


def _rows(s1: str = "20", eq: str = "=", reason: str = "", w4: str = "10") -> list[list[str]]:
    return [
        ["产出指标", "数量指标", "培训人数", "≥", "500", "人", "520", "20", "20", ""],
        ["", "质量指标", "验收合格率", eq, "100", "%", "100", "20", s1, reason],
        ["", "时效指标", "完成及时率", eq, "100", "%", "100", "20", "20", ""],
        ["效益指标", "社会效益指标", "就业率", "≥", "80", "%", "85", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥", "95", "%", "96", w4, "10", ""],
    ]


def _lines(sep: str, rows: list[list[str]]) -> list[str]:
    keep = sep == " | "
    body = [sep.join(c for c in r if c or keep) for r in [UPPER, LOWER, *rows]]
    return ["2020年度项目支出绩效自评表", *FUNDS, *body]


def _cells(rows: list[list[str]]) -> list[str]:
    return ["2020年度项目支出绩效自评表", *FUNDS, *(c for r in [UPPER, LOWER, *rows] for c in r if c)]


LAYOUTS = {"pipes": lambda rows: _lines(" | ", rows), "spaces": lambda rows: _lines("  ", rows),
           "one-cell-per-line": _cells}


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("eq", ["=", "﹦", "＝"])
def test_consistent_table_is_silent_and_read_labels_first(layout: str, eq: str) -> None:
    lines = LAYOUTS[layout](_rows(eq=eq))
    assert _errors(lines) == set()
    table = next(t for t in build_document(lines).tables if t.kind == "indicators")
    assert table.columns[:3] == ("level1", "level2", "name")
    assert [r.name for r in table.rows] == ["培训人数", "验收合格率", "完成及时率", "就业率", "满意度"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("eq", ["=", "﹦"])
def test_met_row_scored_below_its_weight_without_reason(layout: str, eq: str) -> None:
    """验收合格率 = 100%, 100 done, 19 of 20 and the 偏差原因 left empty (455's flat 10 % cut)."""
    assert ("score-docked-achieved", "19", "20") in _errors(LAYOUTS[layout](_rows(s1="19", eq=eq)))


def test_deduction_explained_is_no_error() -> None:
    """The same row with its reason given: the deduction is explained — no error."""
    assert not [e for e in _errors(LAYOUTS["pipes"](_rows(s1="19", reason="验收资料不全")))
                if e[0] == "score-docked-achieved"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_score_above_its_weight(layout: str) -> None:
    assert ("score-above-weight", "10", "8") in _errors(LAYOUTS[layout](_rows(w4="8")))


def test_row_cut_after_its_weight_keeps_its_unit_out_of_the_actual() -> None:
    """≥ | 95 | % | 96 | 10 and the 得分 cut off (a capture ending there): % is the 度量单位, never
    the actual, so 96 is not read as the 分值."""
    rows = _rows()
    rows[-1] = rows[-1][:8]
    lines = LAYOUTS["pipes"](rows)
    table = next(t for t in build_document(lines).tables if t.kind == "indicators")
    last = [r for r in table.rows if r.name == "满意度"]
    assert all(r.get("actual") is None or r.get("actual").text.strip() != "%" for r in last)  # type: ignore[union-attr]
    assert not [r for r in last if (w := r.figure("weight")) is not None and w.value == 96]
