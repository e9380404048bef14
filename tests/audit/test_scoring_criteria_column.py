"""An evaluation's 指标体系 printed with its scoring rules (评分标准) beside each indicator.

The frameworks of 财预〔2020〕10号 附件2 and the 部门整体支出绩效评价 tables of many counties print
序号 | 一级指标 | 二级指标 | 三级指标 | 分值 | 指标解释 | 评分标准 (or 指标说明及评分标准) | 得分: the
rules quote points of their own ((1分), 得2分). Without a column for them the rules were read as
the row's name and the next row's 序号 as its score (here 2 above the weight 1: a false
score-above-weight, round 3 寿县 417).
Invented tables in the layouts such pages come in; the consistent one must stay silent, a score
above its weight must still be reported.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

HEADER = ["序号", "一级指标", "二级指标", "三级指标", "分值", "指标解释", "评分标准", "得分"]
Row = list[str]


def _rows(score: str = "4") -> list[Row]:
    return [
        ["1", "决策(15分)", "目标设定(5分)", "目标合理性", "1",
         "单位是否设置年度绩效目标，目标是否合理。",
         "1、设置年度目标(1分，其中整体目标0.5分，项目目标0.5分，无项目的得1分)；2、未设置目标，该栏不得分",
         "1"],
        ["2", "", "", "目标明确性", "4", "目标是否细化、量化。",
         "目标细化、量化的得4分；否则酌情扣分", score],
        ["3", "", "资金投入(10分)", "预算编制科学性", "5", "预算编制是否科学。",
         "编制科学(5分)；每发现一处问题扣1分", "5"],
        ["4", "", "", "资金分配合理性", "5", "资金分配是否合理。", "分配合理(5分)", "5"],
    ]


def _pipes(rows: list[Row], header: list[str] = HEADER) -> list[str]:
    return [" | ".join(r) + " |" for r in [header, *rows]]


def _header_wrapped(rows: list[Row]) -> list[str]:
    # the page's header cells wrapped one label per line (寿县's 一级 指标 / 二级 指标 / …)
    head = ["序号 | 一级 指标 |", "二级 指标 |", "三级 指标 |",
            "指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |"]
    return [*head, *(" | ".join(r) + " |" for r in rows)]


def _one_cell_per_line(rows: list[Row]) -> list[str]:
    return [c for r in [HEADER, *rows] for c in r if c]


def _criteria_first(rows: list[Row]) -> list[str]:
    header = ["序号", "一级指标", "二级指标", "三级指标", "分值", "评分细则", "得分"]
    return [" | ".join(r) for r in [header, *([*r[:5], r[6], r[7]] for r in rows)]]


LAYOUTS = {"pipes": _pipes, "header-wrapped": _header_wrapped,
           "one-cell-per-line": _one_cell_per_line, "no-note-column": _criteria_first}


def _errors(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_consistent_scoring_rules_are_silent(layout: str) -> None:
    assert _errors(LAYOUTS[layout](_rows())) == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_score_above_weight_beside_scoring_rules_is_found(layout: str) -> None:
    assert ("score-above-weight", "5", "4") in _errors(LAYOUTS[layout](_rows(score="5")))
