"""Detector: the 总分 row of a flattened 自评表 against the scores above it.

The total row (``总分 | 100 | 96 | 优``) states the points available and the total score.
The check reads every indicator row (quantitative rows with an operator, and 定性 rows)
plus the funds row, and compares only when the weights it read add up exactly to the
stated points available — proof that no row was missed; then the scores must add up to
the stated total at its printed precision.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, Cell, Figure, agrees, cells, fmt, places
from jixiao.domain.audit.funds import parse_funds_block
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_total_score", "score_rows"]

_OP_CELL = re.compile(r"^(>=|<=|[≥≧>≤≦<=＝═]|定性)")


def _header_has_weight_after_actual(doc: AuditDocument) -> bool:
    for line in doc.lines:
        t = line.text
        if "指标值" in t and "分值" in t and "得分" in t:
            actual = max(t.find("实际完成值"), t.find("实际值"), t.find("完成值"))
            return 0 <= actual < t.find("分值")
    return False


def _weight_score(row: list[Cell], k: int) -> tuple[Figure, Figure] | None:
    """Weight and score of an indicator row whose operator (or 定性) cell is row[k]."""
    i = k + 1
    qualitative = row[k].text.startswith("定性")
    if row[k].number is None:
        i += 1  # the target cell
    if not qualitative and i < len(row) and row[i].number is None and len(row[i].text) <= 4:
        i += 1  # the 度量单位 cell
    i += 1  # the actual value
    if i + 1 >= len(row):
        return None
    weight, score = row[i].number, row[i + 1].number
    if weight is None or score is None or weight.unit or score.unit:
        return None
    return weight, score


def score_rows(doc: AuditDocument) -> list[tuple[Figure, Figure, int]]:
    """(weight, score, line) of every indicator row that could be read."""
    out: list[tuple[Figure, Figure, int]] = []
    for line in doc.lines:
        row = cells(line)
        for k, cell in enumerate(row):
            if _OP_CELL.match(cell.text):
                ws = _weight_score(row, k)
                if ws:
                    out.append((*ws, line.number))
                break
    return out


def detect_total_score(doc: AuditDocument) -> list[Finding]:
    """总分 vs the sum of the indicator scores and the funds score."""
    if not _header_has_weight_after_actual(doc):
        return []
    for line in doc.lines:
        row = cells(line)
        if not row or row[0].text.replace(" ", "") != "总分":
            continue
        numbers = [c.number for c in row[1:3]]
        if len(numbers) != 2:
            return []
        available, total = numbers
        if available is None or total is None:
            return []
        rows = score_rows(doc)
        funds = parse_funds_block(doc)
        weights = [w.value for w, _, _ in rows]
        scores = [s.value for _, s, _ in rows]
        if funds and "分值" in funds.values and "得分" in funds.values:
            weights.append(funds.values["分值"].value)
            scores.append(funds.values["得分"].value)
        if not rows or sum(weights, Decimal(0)) != available.value:
            return []
        got = sum(scores, Decimal(0))
        if agrees(total.value, got):
            return []
        shown = Decimal(fmt(got, places(total.value)))
        return [Finding(
            code="sum-mismatch", severity=Severity.ERROR,
            message=(f"总分为 {total.value}，各项得分（含预算执行）之和为 {fmt(got)}"
                     f" / the total score is {total.value}, the scores add up to {fmt(got)}"),
            stated=total.value, expected=shown, operands=tuple(scores), unit="分",
            line=line.number, excerpt=line.text.strip())]
    return []
