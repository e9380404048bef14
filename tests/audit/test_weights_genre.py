"""Weights of the genre's tables (issue 10, i10w): a 指标说明/指标解释 column in a target table
with weights (宁晋 120's 评价指标表: 指标名称 | 指标说明 | 目标值 | 分值 | 备注), and first-level
weights above 100 when no funds weight was read (round2 025: 产出指标(40分) 效益指标(40分)
满意度指标(20分), the 2018–2019 forms without a 预算执行率 row).

Every layout the reconstructor reads — pipes, spaces, one cell per line, run-together — is
tried; the consistent variant of each must stay silent.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jixiao.services.figure_audit import audit_lines

HEADER = ["一级指标", "二级指标", "指标名称", "指标说明", "目标值", "分值", "备注"]


def _rows(w: str = "20", total: str = "100", note: str = "达到目标值") -> list[list[str]]:
    return [["产出指标", "数量指标", "享受资助人数", "达到预计值", "2100人", "10", ""],
            ["", "", "资金支出率", note, "95%", w, ""],
            ["", "质量指标", "建档立卡学生覆盖率", "全面覆盖", "100%", "20", ""],
            ["", "时效指标", "及时发放率", note, "100%", "20", ""],
            ["效益指标", "社会效益指标", "资助对象满意度", note, "95%", "20", ""],
            ["", "成本指标", "资助标准达标率", "按标准发放", "100%", "10", ""],
            ["总分", "", "", "", "", total, ""]]


def _pipes(rows: list[list[str]]) -> list[str]:
    return [" | ".join(r) for r in [HEADER, *rows]]


def _spaces(rows: list[list[str]]) -> list[str]:
    return ["  ".join(c for c in r if c) for r in [HEADER, *rows]]


def _cell_per_line(rows: list[list[str]]) -> list[str]:
    return [c for r in [HEADER, *rows] for c in (*r, "")]


def _run_together(rows: list[list[str]]) -> list[str]:
    return ["".join(r) for r in [HEADER, *rows]]


LAYOUTS: dict[str, Callable[[list[list[str]]], list[str]]] = {
    "pipes": _pipes, "spaces": _spaces, "cell-per-line": _cell_per_line,
    "run-together": _run_together}
PRE = ["2019年度高中助学金项目绩效评价指标表", ""]


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_target_table_with_a_note_column_is_read_and_silent(layout: str) -> None:
    assert _errors(PRE + LAYOUTS[layout](_rows())) == []


@pytest.mark.parametrize("layout", ["pipes", "spaces", "run-together"])
@pytest.mark.parametrize(("planted", "stated", "expected"), [
    ({"total": "90"}, "90", "100"), ({"total": "110"}, "110", "100"),
    ({"w": "30"}, "100", "110")])
def test_target_table_with_a_note_column_finds_the_total(
        layout: str, planted: dict[str, str], stated: str, expected: str) -> None:
    """The 总分 row's points against the rows' weights, the 指标说明 column between name and
    target (before this it shifted every value one column and no row was read)."""
    assert ("weights-sum-mismatch", stated, expected) in _errors(
        PRE + LAYOUTS[layout](_rows(**planted)))


@pytest.mark.parametrize("note", ["", "按时足额发放", "资金支出率=实际支出/预算"])
def test_note_cell_blank_or_words(note: str) -> None:
    """A blank 指标说明 or one of words only is the note; the row's values stay in place."""
    assert _errors(PRE + _pipes(_rows(note=note))) == []
    assert ("weights-sum-mismatch", "90", "100") in _errors(PRE + _pipes(_rows(note=note,
                                                                                total="90")))


def test_note_header_word_in_prose_is_no_table() -> None:
    """Prose naming 指标名称, 目标值 and 分值 without separators is not read as a header."""
    lines = ["各项指标的指标名称、目标值和分值均按照文件要求设定，总分100分。",
             "产出指标资金支出率目标值95%，分值10分。"]
    assert _errors(lines) == []


def _categories(out: str, effect: str, satisfaction: str) -> list[str]:
    head = "一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"
    return [head,
            f"产出指标({out}分) | 数量指标 | 发放数量 | 5000亩 | 5000亩 | {out} | {out} | 无",
            f"效益指标({effect}分) | 社会效益指标 | 推广面积占比 | 80% | 80% | {effect} | {effect} | 无",
            f"满意度指标({satisfaction}分) | 服务对象满意度 | 农户满意度 | ≥90% | 95% | "
            f"{satisfaction} | {satisfaction} | 无"]


@pytest.mark.parametrize("sep", [" | ", "  ", ""])
@pytest.mark.parametrize(("weights", "error"), [
    (("40", "40", "20"), None), (("50", "30", "10"), None), (("40", "50", "20"), "110"),
    (("60", "30", "20"), "110"), (("40", "40", "30"), "110")])
def test_first_levels_above_100_without_funds_weight(sep: str, weights: tuple[str, str, str],
                                                      error: str | None) -> None:
    """产出 + 效益 + 满意度 stated in the category cells add up to more than 100 (no funds row
    read): wrong whatever the funds take; fewer than 100 leave room for the funds row."""
    lines = [line.replace(" | ", sep) for line in _categories(*weights)]
    errors = _errors(lines)
    if error is None:
        assert not [e for e in errors if e[0] == "weights-sum-mismatch"]
    else:
        assert ("weights-sum-mismatch", "100", error) in errors


def test_cost_category_is_not_counted_without_funds_weight() -> None:
    """成本指标(10分) is second-level in some forms (under 项目产出): 50 + 30 + 20 beside it is
    still 100 of the three first levels; 60 + 30 + 20 is not."""
    lines = ["一、产出指标(50分)", "（一）成本指标(10分)：采购价格不高于市场价。",
             "二、效益指标(30分)", "三、满意度指标(20分)"]
    assert _errors(lines) == []
    lines[0] = "一、产出指标(60分)"
    assert ("weights-sum-mismatch", "100", "110") in _errors(lines)


def test_second_level_satisfaction_is_not_a_first_level() -> None:
    """服务对象满意度指标(10分) is the second level of 效益 (older forms): never summed."""
    lines = ["产出指标(60分)：数量指标…", "效益指标(40分)：社会效益指标…", "服务对象满意度指标(10分)：…"]
    assert _errors(lines) == []


def _qualitative(total: str = "100", w: str = "20") -> list[list[str]]:
    """宁晋 120's first row: a qualitative indicator stating its target in the 指标说明, its
    目标值 blank."""
    return [["制度指标", "", "规章制度建立", "规章制度建立与否", "", w, ""], *_rows(total=total)[:-1],
            ["总分", "", "", "", "", total, ""]]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_blank_target_row_of_a_target_table_is_read(layout: str) -> None:
    """The row's weight is read (its blank 目标值 kept by pipes and one cell per line, dropped by
    spaces and run-together text): 20 + 100 = 120 points in rows against a 总分 of 120 is
    consistent, against 100 the rows' weights exceed it whatever else was missed."""
    assert _errors(PRE + LAYOUTS[layout](_qualitative(total="120"))) == []
    assert ("weights-sum-mismatch", "100", "120") in _errors(PRE + LAYOUTS[layout](_qualitative()))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_blank_target_row_with_too_many_points_is_not_a_weight(layout: str) -> None:
    """A blank-target row whose only number is no 分值 (above 100) is not read: no finding."""
    assert _errors(PRE + LAYOUTS[layout](_qualitative(total="100", w="2100"))) == []


def _framework_sheet(score: str, total: str) -> list[list[str]]:
    """An evaluation's score sheet of 财预〔2020〕10号 附件2's framework with its 指标解释 column."""
    return [["一级指标", "二级指标", "三级指标", "指标解释", "分值", "得分"],
            ["决策", "项目立项", "立项依据充分性", "项目立项是否符合法律法规", "10", "10"],
            ["", "绩效目标", "绩效目标合理性", "项目所设定的绩效目标是否依据充分", "10", "9"],
            ["过程", "资金管理", "资金到位率", "实际到位资金与预算资金的比率", "10", "10"],
            ["", "组织实施", "管理制度健全性", "项目实施单位的管理制度是否健全", "10", score],
            ["产出", "产出数量", "实际完成率", "实际产出数与计划产出数的比率", "30", "30"],
            ["效益", "项目效益", "社会效益", "项目实施所产生的社会效益", "30", "28"],
            ["总分", "", "", "", "100", total]]


@pytest.mark.parametrize("layout", ["pipes", "spaces", "cell-per-line"])
def test_framework_sheet_with_indicator_explanations(layout: str) -> None:
    """指标解释 between name and 分值 (the framework's sheet): scores read under their weights."""
    def lines(score: str, total: str) -> list[str]:
        rows = _framework_sheet(score, total)
        if layout == "pipes":
            return [" | ".join(r) for r in rows]
        if layout == "spaces":
            return ["  ".join(c for c in r if c) for r in rows]
        return [c for r in rows for c in (*r, "")]
    assert _errors(lines("9", "96")) == []
    assert ("score-above-weight", "12", "10") in _errors(lines("12", "99"))
