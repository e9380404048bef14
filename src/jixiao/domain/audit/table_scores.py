"""Detectors over recovered indicator tables: scores, weights and the 总分 row.

Each works on `Table` rows (`jixiao.domain.audit.tables`), whatever layout the table came
in, and points at the line of the cell it accuses:

- `detect_row_scores` (score-weight): a 得分 above its 分值 is an error (points taken off a
  row that shows its target met are `jixiao.domain.audit.docked`'s).
- `detect_table_total` (total-score, grade): the 总分 row against the sum of the row
  scores (and the funds score), only when the weights read add up to the points the row
  states available — proof that no row was missed; the 总分 row's grade against the
  national bands.
- `detect_table_weights` (weights): a first-level category's stated weight (产出指标(40分))
  against the weights of its rows, when the rows' weights (with the funds row's) add up to
  the table's points (the 总分 row's 分值, else 100) — proof that no row was missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from jixiao.domain.audit.facts import (
    BOUND,
    EXACT,
    AuditDocument,
    Figure,
    agrees,
    dimension,
    excerpt,
    fmt,
    places,
)
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table, TableRow
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.rulesets import get_ruleset

__all__ = [
    "achieved",
    "detect_implied_weights",
    "detect_row_scores",
    "detect_table_total",
    "detect_table_weights",
    "operator_of",
    "row_excerpt",
    "target_figure",
]

_GE = ("≥", "≧", ">=")
_LE = ("≤", "≦", "<=")


def _tables(doc: AuditDocument, kind: str) -> Iterable[Table]:
    return (t for t in doc.tables if t.kind == kind)


def row_excerpt(doc: AuditDocument, row: TableRow, role: str) -> str:
    """The text around a row's cell (its line in the extracted text)."""
    cell = row.get(role)
    if cell is None:
        return row.name
    line = doc.line(cell.line)
    if line is None:
        return cell.text
    name = row.get("name")
    if name is not None and name.line == cell.line:
        return excerpt(line.text, name.start, cell.end, 10)
    return f"{row.name} … " + excerpt(line.text, cell.start, cell.end, 10)


def operator_of(row: TableRow) -> str:
    """The row's comparison: ``ge``, ``le``, ``eq``, ``gt``, ``lt`` — or '' when none is printed."""
    for role in ("nature", "target"):
        cell = row.get(role)
        if cell is None:
            continue
        text = cell.text.strip()
        for ops, name in ((_GE, "ge"), (_LE, "le"), (("=", "＝", "═"), "eq"), ((">",), "gt"),
                          (("<",), "lt")):
            if text.startswith(ops):
                return name
        if re.match(r"^(?:不低于|不少于|大于等于|达到|以上)", text):
            return "ge"
        if re.match(r"^(?:不高于|不超过|不大于|小于等于|控制在)", text):
            return "le"
    return ""


def target_figure(row: TableRow) -> Figure | None:
    """The row's 指标值 as a figure: ``≥95%`` is the target 95 (the operator is the comparison,
    not a bound on an uncertain figure, as it would be in prose)."""
    target = row.figure("target")
    if target is not None and target.qualifier == BOUND and operator_of(row):
        return replace(target, qualifier=EXACT)
    return target


def _values(row: TableRow) -> tuple[Figure, Figure] | None:
    """(target, actual) of a quantitative row in one dimension, else None."""
    target, actual = target_figure(row), row.figure("actual")
    if target is None or actual is None or not (target.exact and actual.exact):
        return None
    unit = row.get("unit")
    t_unit = target.unit or (unit.text.strip() if unit is not None else "")
    a_unit = actual.unit or t_unit
    if dimension(t_unit) != dimension(a_unit) and not (t_unit == "%" and a_unit == ""):
        return None
    return target, actual


def achieved(row: TableRow) -> bool | None:
    """True when the row shows its target met, False when short, None when it cannot tell."""
    pair = _values(row)
    op = operator_of(row)
    if pair is None or not op:
        return None
    target, actual = pair
    t, a = target.value, actual.value
    return {"ge": a >= t, "gt": a > t, "le": a <= t, "lt": a < t, "eq": a == t}[op]


def detect_row_scores(doc: AuditDocument) -> list[Finding]:
    """Score above weight (error); points docked on a met row are `docked`'s."""
    findings: list[Finding] = []
    for table in _tables(doc, INDICATORS):
        for row in table.rows:
            weight, score = row.figure("weight"), row.figure("score")
            if weight is None or score is None:
                continue
            cell = row.get("score")
            assert cell is not None
            if score.value > weight.value:
                findings.append(Finding(
                    code="score-above-weight", severity=Severity.ERROR,
                    message=(f"“{row.name}”得分 {score.value} 超过分值 {weight.value}"
                             f" / score {score.value} above the weight {weight.value}"),
                    stated=score.value, expected=weight.value, operands=(weight.value,),
                    unit="分", line=cell.line, excerpt=row_excerpt(doc, row, "score")))
    return findings


def _funds_weight_score(doc: AuditDocument) -> tuple[Figure, Figure] | None:
    for table in _tables(doc, FUNDS):
        if table.rows:
            weight, score = table.rows[0].figure("weight"), table.rows[0].figure("score")
            if weight is not None and score is not None and weight.value <= 30:
                return weight, score
    return None


def detect_table_total(doc: AuditDocument) -> list[Finding]:
    """总分 row vs the sum of the scores; its grade vs the national bands."""
    findings: list[Finding] = []
    for table in _tables(doc, INDICATORS):
        total = table.total
        if total is None or total.score is None:
            continue
        line = doc.line(total.line)
        text = line.text if line else total.text
        if total.grade:
            expected = get_ruleset(None).grade(total.score.value)
            if expected != total.grade[0]:
                findings.append(Finding(
                    code="grade-mismatch", severity=Severity.ERROR,
                    message=(f"总分 {total.score.value} 分应评为“{expected}”，表中等级为"
                             f"“{total.grade}” / a total of {total.score.value} is graded "
                             f"{expected}, the table says {total.grade}"),
                    stated=total.score.value, expected=None, operands=(total.score.value,),
                    unit="分", line=total.line, excerpt=text.strip()[:80]))
        weights = [r.figure("weight") for r in table.rows]
        scores = [r.figure("score") for r in table.rows]
        if any(w is None for w in weights) or any(s is None for s in scores):
            continue
        ws = [w.value for w in weights if w is not None]
        ss = [s.value for s in scores if s is not None]
        funds = _funds_weight_score(doc)
        available = total.available.value if total.available is not None else Decimal(100)
        if sum(ws, Decimal(0)) != available and funds is not None:
            ws.append(funds[0].value)
            ss.append(funds[1].value)
        if sum(ws, Decimal(0)) != available:
            continue
        got = sum(ss, Decimal(0))
        if agrees(total.score.value, got):
            continue
        findings.append(Finding(
            code="sum-mismatch", severity=Severity.ERROR,
            message=(f"总分为 {total.score.value}，各项得分之和为 {fmt(got)}"
                     f" / the total score is {total.score.value}, the scores add up to {fmt(got)}"),
            stated=total.score.value, expected=Decimal(fmt(got, places(total.score.value))),
            operands=tuple(ss), unit="分", line=total.line, excerpt=text.strip()[:80]))
    return findings


_BLOCK = re.compile(r"[(（]\s*(\d+)\s*分\s*[)）]")


def detect_implied_weights(doc: AuditDocument) -> list[Finding]:
    """Scores above weights a table without a 分值 column implies (保山 2019 form: 年初目标值(A) |
    实际完成值(B) | 得分, each score 分值 × B ÷ A).

    Each row's weight is inferred only when a whole number reproduces its printed score, and
    the inferred weights must add up to the block weight stated above the header (年度绩效目标
    (80分)); only then is a score above its weight (no cap applied) an error.
    """
    findings: list[Finding] = []
    for table in _tables(doc, INDICATORS):
        if "weight" in table.columns or len(table.rows) < 2:
            continue
        block = None
        for number in range(table.header_line, table.header_line - 4, -1):
            line = doc.line(number)
            m = _BLOCK.search(line.text) if line is not None else None
            if m:
                block = Decimal(m.group(1))
                break
        inferred: list[tuple[TableRow, Figure, Figure, Figure, Decimal]] = []
        for row in table.rows:
            target, actual, score = row.figure("target"), row.figure("actual"), row.figure("score")
            if target is None or actual is None or score is None or not (
                    target.exact and actual.exact and score.exact) or target.value <= 0 \
                    or actual.value <= 0:
                break
            ratio = actual.value / target.value
            weight = (score.value / ratio).to_integral_value()
            if weight <= 0 or not agrees(score.value, weight * ratio):
                break
            inferred.append((row, target, actual, score, weight))
        if block is None or len(inferred) != len(table.rows) \
                or sum(w for *_, w in inferred) != block:
            continue
        for row, target, actual, score, weight in inferred:
            if score.value <= weight:
                continue
            cell = row.get("score")
            assert cell is not None
            findings.append(Finding(
                code="score-above-weight", severity=Severity.ERROR,
                message=(f"“{row.name}”得分 {score.value} 超过该指标分值 {weight}（得分 = 分值 × "
                         f"实际完成值÷目标值 = {weight} × {actual.value}÷{target.value}，未封顶；"
                         f"各指标分值合计 {block} 与表头一致） / score {score.value} exceeds the "
                         f"weight {weight} (no cap applied)"),
                stated=score.value, expected=weight, operands=(target.value, actual.value, weight),
                unit="分", line=cell.line, excerpt=row_excerpt(doc, row, "score")))
    return findings


def detect_table_weights(doc: AuditDocument) -> list[Finding]:
    """产出指标(40分) vs the weights of its rows, when the table's weights are complete."""
    findings: list[Finding] = []
    for table in _tables(doc, INDICATORS):
        if not table.category_weights:
            continue
        weights = [r.figure("weight") for r in table.rows]
        if any(w is None for w in weights):
            continue
        by_category: dict[str, Decimal] = {}
        for row, w in zip(table.rows, weights, strict=True):
            assert w is not None
            by_category[row.labels[0]] = by_category.get(row.labels[0], Decimal(0)) + w.value
        stated = {c: (v, ln) for c, v, ln in table.category_weights}
        # every row under a stated category, every stated category with rows: else a row
        # may have been missed and nothing can be said
        if set(by_category) != set(stated):
            continue
        # and the rows' weights (with the funds row's) make the table's points: proof that no
        # row was lost in reading (a missed row would read as a category short of its weight)
        rows_total = sum(by_category.values(), Decimal(0))
        funds = _funds_weight_score(doc)
        available = table.total.available.value if table.total is not None \
            and table.total.available is not None else Decimal(100)
        if rows_total != available and (funds is None or rows_total + funds[0].value != available):
            continue
        for category, (value, line_no) in stated.items():
            got = by_category[category]
            if got == value:
                continue
            line = doc.line(line_no)
            findings.append(Finding(
                code="weights-sum-mismatch", severity=Severity.ERROR,
                message=(f"{category}所注分值 {fmt(value)} 分，其下各指标分值之和为 {fmt(got)} 分"
                         f" / {category} is stated as {fmt(value)} points, its rows add up to "
                         f"{fmt(got)}"),
                stated=value, expected=got, operands=tuple(
                    w.value for r, w in zip(table.rows, weights, strict=True)
                    if w is not None and r.labels[0] == category),
                unit="分", line=line_no, excerpt=(line.text.strip()[:80] if line else category)))
    return findings
