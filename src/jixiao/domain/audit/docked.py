"""Detector: points docked on an indicator that met its target, with no reason given (docked).

A 自评表 row that shows its target met scores its full 分值 under 财预〔2020〕10号 and every
rule set in `jixiao.domain.rulesets` (完成指标值的记满分); the form requires a 偏差原因 whenever
a row scores less than its 分值 (RULES.md §3.8). A met row scored below its weight with the
reason cell empty (or 无) therefore contradicts either the row or the rule — the relation
annotators call *docked*.

Certain (error) only when everything needed is printed:

- the row is met by its own figures: actual ≥ target under a printed ≥/> (≤/< the other way;
  = when equal), or target and actual the same figure (100% and 100%: met whatever the
  operator);
- the table has a 偏差原因 column and the row's cell is empty or says 无;
- the actual is under 130% of a ≥ target (far above it, 10号 allows 适度调减 for a target set
  too low: a warning);
- the report does not speak of the row's deduction elsewhere (its name with 扣分 / 原因).

Otherwise, when the row is met but one of these is missing (no reason column, a qualitative
row whose actual repeats its target — 10号 lets qualitative rows be scored in a band — or a
row far above its target), a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument
from jixiao.domain.audit.table_scores import (
    achieved,
    actual_figure,
    operator_of,
    row_excerpt,
    row_values,
    target_figure,
)
from jixiao.domain.audit.tables import INDICATORS, NO_REASON, Table, TableRow
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_docked", "met"]

_FAR_ABOVE = Decimal("1.3")  # 广西's line for "超计划较大" (RULES.md §3.6)
_SPOKEN = re.compile(r"扣|原因|未达|未完成|偏差")


def met(row: TableRow) -> tuple[bool, bool] | None:
    """(met, certain) for a row that shows its target met; None when it does not or cannot tell.

    Certain: met by printed figures. Not certain: a qualitative row whose actual repeats its
    target word for word, or a row far above a ≥ target.
    """
    target, actual = target_figure(row), actual_figure(row)
    if target is not None and actual is not None and target.exact and actual.exact:
        unit = row.get("unit")
        t_unit = target.unit or (unit.text.strip() if unit is not None else "")
        pair = row_values(row)  # (the actual in the target's unit: 45000人 for ≥5万人)
        if pair is None:
            return None
        target, actual = pair
        if operator_of(row):
            if not achieved(row):
                return None
            far = operator_of(row) in ("ge", "gt") and target.value > 0 \
                and actual.value >= target.value * _FAR_ABOVE
            return True, not far
        if target.value == actual.value:
            return True, True
        if actual.value > target.value and target.value > 0 and t_unit == "%" \
                and actual.value < target.value * _FAR_ABOVE and _plain_rate(row):
            # a rate printed without its direction (90% → 100%): the forms' unmarked rates
            # are completion, coverage, pass and satisfaction rates — more is better
            return True, True
        return None
    t_cell, a_cell = row.get("target"), row.get("actual")
    if t_cell is None or a_cell is None or t_cell.figures or a_cell.figures:
        return None
    t_text, a_text = t_cell.text.strip(" 。."), a_cell.text.strip(" 。.")
    if len(t_text) >= 2 and t_text == a_text:
        return True, False
    return None


# Rates where less is better, and reverse targets: their direction cannot be assumed.
_NEGATIVE = re.compile(r"不超过|不高于|以内|以下|控制在|不大于|低于|减少|下降|降低|故障|投诉|事故|差错|"
                       r"发生率|超支|损耗|误差|偏差|空置|流失|辍学|死亡|违规|违纪|成本|费用")


def _plain_rate(row: TableRow) -> bool:
    """Whether an unmarked row reads as a rate where more is better (not under 成本, no
    reverse word in its name or target)."""
    target = row.get("target")
    text = row.name + "".join(row.labels) + (target.text if target is not None else "")
    return not row.unlabelled and not _NEGATIVE.search(text)


def _reason_given(table: Table, row: TableRow) -> bool | None:
    """True when the row's 偏差原因 says something, False when empty, None without the column."""
    if "reason" not in table.columns:
        return None
    cell = row.get("reason")
    return cell is not None and cell.text.strip() not in NO_REASON


def _spoken_of(doc: AuditDocument, table: Table, row: TableRow) -> bool:
    """Whether a line outside the table names the row and a deduction or its reason."""
    name = row.name.strip()
    if len(name) < 4:
        return False
    last = max(r.line for r in table.rows)
    return any(name in line.text and _SPOKEN.search(line.text) for line in doc.lines
               if not table.header_line <= line.number <= last)


def detect_docked(doc: AuditDocument) -> list[Finding]:
    """Met row scored below its weight without reason: error when certain, else warning."""
    findings: list[Finding] = []
    for table in doc.tables:
        if table.kind != INDICATORS:
            continue
        for row in table.rows:
            weight, score = row.figure("weight"), row.figure("score")
            if weight is None or score is None or not score.value < weight.value:
                continue
            state = met(row)
            reason = _reason_given(table, row)
            if state is None or reason:
                continue
            certain = state[1] and reason is False and not _spoken_of(doc, table, row)
            target, actual, cell = row.get("target"), row.get("actual"), row.get("score")
            assert target is not None and actual is not None and cell is not None
            findings.append(Finding(
                code="score-docked-achieved",
                severity=Severity.ERROR if certain else Severity.WARNING,
                message=(f"“{row.name}”已达成（指标值 {target.text.strip()}，实际 "
                         f"{actual.text.strip()}），得分 {score.value} 却低于分值 {weight.value}，"
                         f"且未说明扣分理由 / met its target, yet scored {score.value} of "
                         f"{weight.value} with no reason given"),
                stated=score.value, expected=weight.value,
                operands=tuple(f.value for f in (target_figure(row), actual_figure(row), weight)
                               if f is not None),
                unit="分", line=cell.line, excerpt=row_excerpt(doc, row, "score")))
    return findings
