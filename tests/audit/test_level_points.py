"""A first-level category's points against its rows when both levels state points (i12w).

Score sheets and evaluation frameworks (财预〔2020〕10号 附件2: 项目决策(20分) | 项目立项(8分) | …;
the 部门整体支出 score sheets, 寿县 417's 规划(15分) | 基础信息(3分)) print the points of both
levels. Rows making fewer points than their category states are a contradiction only when no
row can have been lost in reading: every row under a second level stating points, each second
level's rows making its points exactly, and the next first level's label after the block. A
table cut after the block (reports captured in part) is judged; the last block, a row lost,
or a second level without points is not.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

HEADER = ["一级指标", "二级指标", "三级指标", "分值", "得分"]


def _rows(decision: str = "20", process: str = "20", drop: bool = False) -> list[list[str]]:
    rows = [
        [f"项目决策({decision}分)", "项目立项(8分)", "立项依据充分性", "4", "4"],
        ["", "", "立项程序规范性", "4", "4"],
        ["", "绩效目标(12分)", "绩效目标合理性", "6", "6"],
        ["", "", "绩效指标明确性", "6", "5"],
        [f"项目过程({process}分)", "资金管理(10分)", "资金到位率", "5", "5"],
        ["", "", "预算执行率", "5", "4"],
        ["", "组织实施(10分)", "管理制度健全性", "5", "5"],
        ["", "", "制度执行有效性", "5", "5"],
        ["项目产出(40分)", "产出数量(10分)", "实际完成率", "10", "10"],
    ]
    return [r for r in rows if not (drop and r[2] == "立项程序规范性")]


def _pipes(rows: list[list[str]]) -> list[str]:
    return [" | ".join(r) for r in [HEADER, *rows]]


def _spaces(rows: list[list[str]]) -> list[str]:
    return ["  ".join(c for c in r if c) for r in [HEADER, *rows]]


def _cells(rows: list[list[str]]) -> list[str]:
    return [c for r in [HEADER, *rows] for c in r if c]


LAYOUTS = {"pipes": _pipes, "spaces": _spaces, "one-cell-per-line": _cells}


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(
        ["项目支出绩效评价评分表", *lines]) if f.severity.value == "error"}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_consistent_cut_table_is_silent(layout: str) -> None:
    assert _errors(LAYOUTS[layout](_rows())) == set()


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("planted", "want"), [
    ({"decision": "25"}, ("weights-sum-mismatch", "25", "20")),  # more than its rows: closed block
    ({"process": "24"}, ("weights-sum-mismatch", "24", "20")),
    ({"decision": "16"}, ("weights-sum-mismatch", "16", "20")),  # fewer: wrong whatever was lost
])
def test_category_points_against_its_second_levels(layout: str, planted: dict[str, str],
                                                   want: tuple[str, str, str]) -> None:
    assert want in _errors(LAYOUTS[layout](_rows(**planted)))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_row_lost_in_reading_is_not_judged(layout: str) -> None:
    """A row missing from 项目立项(8分) (lost in reading, or never printed): its second level no
    longer makes its points, so which is wrong is unknown — no finding about 项目决策."""
    assert not [e for e in _errors(LAYOUTS[layout](_rows(drop=True))) if e[1] == "20"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_last_block_of_a_cut_table_is_not_judged(layout: str) -> None:
    """项目产出(40分) over one row of 10: the page was cut after it (no later first level), so
    its other rows may simply not be printed — silent."""
    assert not [e for e in _errors(LAYOUTS[layout](_rows())) if e[1] == "40"]
