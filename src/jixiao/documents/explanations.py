"""What 财预〔2020〕10号 asks a unit to explain, found in the scored data.

- an indicator completed at ≥ 130 % of its target (超额完成: was the target set too low?),
  as flagged by scoring (`over-completion` findings — the 130 % rule lives there only);
- overspending (全年执行数 > 全年预算数, 执行率 > 100 %);
- unspent funds (全年预算数 − 全年执行数 > 0, to be carried over 结转 or returned 结余);
- missing 实际完成值 / qualitative grade: the evaluation is unfinished and every document
  made from it is a draft (`draft_reasons`).

The table prints the indicator flags in its 偏差原因 column and the funds notes under the
form; the report writes paragraphs from the same functions, so the two always agree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jixiao.documents.cells import percent_text, sentence
from jixiao.documents.rule_text import execution_boundaries
from jixiao.documents.style import clean_text
from jixiao.domain.indicators import Indicator, Operator, QualitativeGrade
from jixiao.domain.money import format_yuan

__all__ = [
    "NOT_FILLED",
    "achieved",
    "deviation_text",
    "draft_reasons",
    "funds_notes",
    "indicator_flags",
    "is_missing",
    "over_completion",
]

#: What a cell shows for a value the unit has not filled in yet.
NOT_FILLED = "未填写"
_OVER_LINE = Decimal(130)
_LOCATION = re.compile(r"indicators\[(\d+)\]")


def is_missing(ind: Indicator) -> bool:
    """True when the indicator's result is not filled in yet (an unfinished evaluation)."""
    if ind.operator is Operator.QUALITATIVE:
        return ind.grade is None or ind.score is None
    return ind.actual is None or ind.actual == ""


def achieved(s: Any) -> bool:
    """Whether the indicator counts as 完成 in words and charts.

    A qualitative indicator graded 达成年度指标 is achieved whatever score inside its band
    (16 of 20) the evaluator gave; a quantitative one when it scored full marks.
    """
    ind = s.indicator
    if is_missing(ind):
        return False
    if ind.operator is Operator.QUALITATIVE:
        return ind.grade is QualitativeGrade.ACHIEVED
    return bool(s.score >= ind.weight)


def over_completion(scored: Any) -> dict[int, Decimal]:
    """Indicator index → actual ÷ target in % (2 decimals, never printed as crossing 130 %)
    for every indicator scoring flagged as over-completed."""
    out: dict[int, Decimal] = {}
    for f in scored.findings:
        if f.code != "over-completion":
            continue
        m = _LOCATION.match(f.location)
        if m is None:
            continue
        ind = scored.evaluation.indicators[int(m.group(1))]
        if isinstance(ind.actual, Decimal) and isinstance(ind.target, Decimal) and ind.target:
            ratio = ind.actual / ind.target
            text = percent_text(ratio, (_OVER_LINE / 100,))
            out[int(m.group(1))] = Decimal(text.rstrip("%"))
    return out


def indicator_flags(s: Any, over: dict[int, Decimal]) -> list[str]:
    """The flags of one scored indicator, as short phrases (no final stop)."""
    flags = []
    if is_missing(s.indicator):
        flags.append(f"{NOT_FILLED}实际完成值" if s.indicator.operator is not Operator.QUALITATIVE
                     else f"{NOT_FILLED}档次和得分")
    if s.index in over:
        flags.append(f"超额完成：实际完成值为年度指标值的{over[s.index]:.2f}%（≥130%），须说明原因")
    return flags


def deviation_text(s: Any, over: dict[int, Decimal]) -> str:
    """The 偏差原因分析及改进措施 cell: the flags, then the unit's own reason (never dropped)."""
    parts = [f"【{flag}】" for flag in indicator_flags(s, over)]
    reason = clean_text(s.indicator.deviation_reason).strip()
    if reason:
        parts.append(reason)
    elif s.index in over:
        parts.append("未说明超额原因。")
    return "".join(parts)


def _yuan(x: Decimal) -> str:
    return f"{format_yuan(x)}元"


def funds_notes(scored: Any) -> list[str]:
    """Sentences on overspending and unspent funds (empty when neither applies)."""
    ev = scored.evaluation
    row = ev.funds.total
    nar = ev.narrative_text
    rate = percent_text(scored.budget_execution.rate, execution_boundaries(scored.ruleset))
    out = []
    if row.executed > row.full_year_budget:
        why = clean_text(nar("overspending")).strip()
        out.append(sentence(
            f"全年执行数超过全年预算数{_yuan(row.executed - row.full_year_budget)}"
            f"（执行率{rate}），" + (f"超支原因：{why}" if why else "超支原因未说明")))
    elif row.full_year_budget > row.executed:
        why = clean_text(nar("unspent_funds")).strip()
        out.append(sentence(
            f"年末未执行资金{_yuan(row.full_year_budget - row.executed)}，"
            + (f"结转、结余情况：{why}" if why else "结转、结余情况未说明")))
    return out


def draft_reasons(scored: Any) -> tuple[str, ...]:
    """Why the documents of `scored` are drafts: each indicator result not filled in."""
    return tuple(
        f"「{clean_text(ind.name)}」{NOT_FILLED}"
        + ("实际完成值" if ind.operator is not Operator.QUALITATIVE else "档次和得分")
        for ind in scored.evaluation.indicators if is_missing(ind)
    )
