"""A 自评 written as numbered headings, each stating its points and its score (i12w).

Transfer-payment self-evaluations score by a province's scheme and print it as an outline
(the 安徽 衔接资金 scheme, dev 447: `(一)资金保障情况(分值10分),自评10分。` over `1、…(分值5分),自评5分。`
and `2、…(分值5分),自评5分。`; the 共性指标 framework's 一、投入(14分) … 自评得2分). The points may be
named in the bracket (分值/权重/满分); a heading's score below its items' scores is wrong
whatever else was printed (scores are never negative); its points against its items' only
when its section is closed by the next heading of its rank.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines

WORDINGS = {
    "分值 in the bracket": ("({p}分值{w}分),自评{s}分。", ""),
    "plain points, 自评得": ("（{w}分），自评得{s}分。", ""),
    "权重 in the bracket, 自评得分": ("(权重{w}分)。自评得分{s}分。", ""),
    # the points named after the heading's words, no bracket (安徽 民生工程 自评报告: 叶集 478's
    # 一、项目投入情况。分值20分(自评20分) / (一)项目立项。分值10分,自评10分。; i13w)
    "分值 after the full stop, 自评 in brackets": ("。分值{w}分(自评{s}分)", ""),
    "分值 after the full stop, 自评 after a comma": ("。分值{w}分,自评{s}分。", ""),
    "分值 after a comma, 自评得分": ("，分值{w}分，自评得分{s}分。", ""),
}


def _outline(wording: str, top: str = "10", a: str = "5", closed: bool = True, top_w: str = "10"
             ) -> list[str]:
    pattern, _ = WORDINGS[wording]

    def head(w: str, s: str) -> str:
        return pattern.format(p="", w=w, s=s)

    lines = ["二、绩效自评情况",
             "(一)资金保障情况" + head(top_w, top),
             "1、县级预算安排资金情况" + head("5", a),
             "县本级预算安排衔接资金7700万元，比上年增加50万元。",
             "2、资金匹配项目进度" + head("5", "5"),
             "资金分配严格执行资金管理办法。"]
    if closed:
        lines += ["(二)资金使用情况" + head("10", "10"), "资金使用规范。"]
    return lines


def _errors(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == "error"}


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_consistent_outline_is_silent(wording: str) -> None:
    assert _errors(_outline(wording)) == set()
    assert _errors(_outline(wording, closed=False)) == set()


@pytest.mark.parametrize("wording", sorted(WORDINGS))
@pytest.mark.parametrize("closed", [True, False])
def test_heading_scored_below_its_items(wording: str, closed: bool) -> None:
    """自评7分 over items scoring 5 + 5: wrong even in a text cut after the items."""
    assert ("sum-mismatch", "7", "10") in _errors(_outline(wording, top="7", closed=closed))


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_item_scored_above_its_points_and_its_heading(wording: str) -> None:
    found = _errors(_outline(wording, a="7"))
    assert ("score-above-weight", "7", "5") in found
    assert ("sum-mismatch", "10", "12") in found


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_heading_points_against_its_items(wording: str) -> None:
    """(分值13分) over items of 5 + 5: judged when (二) closes the section; a text cut after the
    items may have more of them — silent."""
    assert ("weights-sum-mismatch", "13", "10") in _errors(_outline(wording, top_w="13", top="10"))
    assert not [e for e in _errors(_outline(wording, top_w="13", closed=False))
                if e[0] == "weights-sum-mismatch"]
