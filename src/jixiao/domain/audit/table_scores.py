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
    agrees_within,
    dimension,
    excerpt,
    fmt,
    in_unit,
    places,
)
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table, TableRow
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up
from jixiao.domain.rulesets import get_ruleset

__all__ = [
    "achieved",
    "actual_figure",
    "complete_scores",
    "detect_implied_weights",
    "detect_row_scores",
    "detect_table_total",
    "detect_table_weights",
    "funds_row",
    "operator_of",
    "row_excerpt",
    "row_values",
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
        if role == "nature" and text in _DIRECTION:
            return _DIRECTION[text]
        for ops, name in ((_GE, "ge"), (_LE, "le"), (("=", "＝", "═"), "eq"), ((">", "＞"), "gt"),
                          (("<", "＜"), "lt")):
            if text.startswith(ops):
                return name
        if _GE_WORDS.match(text) or _GE_AFTER.search(text):
            return "ge"
        if _LE_WORDS.match(text) or _LE_AFTER.search(text):
            return "le"
        if _GT_WORDS.match(text):
            return "gt"
    return ""


# A 指标方向 column (正向 / 反向: computesign 1–2 and 4–5 of RULES.md §3; the direction column of
# several provinces' 自评表 beside 全年目标值, i11t): 正向 is met at or above the target, 反向 at
# or below it.
_DIRECTION = {"正向": "ge", "正向指标": "ge", "反向": "le", "反向指标": "le"}
# The forms' 指标值 write the comparison in words as often as in signs (不低于95%, 500人以上,
# 达到100%, 不高于100万元, 控制在5%以内: 保山, 四川 and 宁夏 tables of the corpus; RULES.md §3's
# computesign 1–5 are the same comparisons).
# (one list of each comparison's words: the comparison read from a cell and the words allowed
# around a target's one figure are built from the same lists)
_GE_HEADS = ("不低于", "不少于", "大于等于", "大于或等于", "达到", "至少")
_LE_HEADS = ("不高于", "不超过", "不大于", "小于等于", "小于或等于", "控制在", "低于或等于", "最多")
_GT_HEADS = ("高于", "大于", "超过", "多于")
_GE_TAILS = ("以上",)
_LE_TAILS = ("以下", "以内")
_GE_WORDS = re.compile(rf"^(?:{'|'.join(_GE_HEADS)})")
_LE_WORDS = re.compile(rf"^(?:{'|'.join(_LE_HEADS)})")
_GT_WORDS = re.compile(rf"^(?:{'|'.join(_GT_HEADS)})")
_GE_AFTER = re.compile(rf"(?:及)?(?:{'|'.join(_GE_TAILS)})$")
_LE_AFTER = re.compile(rf"(?:及)?(?:{'|'.join(_LE_TAILS)})$")
# What may surround a target's one figure: the comparison, in words or signs (≥, ＞)
_TARGET_WORDS = re.compile(rf"^(?:{'|'.join(_GE_HEADS + _LE_HEADS + _GT_HEADS)}|[≥≤><=＝＞＜≧≦])?\s*$")
_TARGET_AFTER = re.compile(rf"^\s*(?:及)?(?:{'|'.join(_GE_TAILS + _LE_TAILS)})?$")
#: The comparison in words right before a figure (培训人数不低于|500人) and right after it
#: (500人|以上): the target's words, which text run together glues to the name or the next cell.
COMPARISON_BEFORE = re.compile(
    rf"(?:{'|'.join(sorted(_GE_HEADS + _LE_HEADS + _GT_HEADS, key=len, reverse=True))})$")
COMPARISON_AFTER = re.compile(rf"(?:及)?(?:{'|'.join(_GE_TAILS + _LE_TAILS)})")


def target_figure(row: TableRow) -> Figure | None:
    """The row's 指标值 as a figure: ``≥95%`` is the target 95 (the operator is the comparison,
    not a bound on an uncertain figure, as it would be in prose); so are 不低于95%, ＞90%,
    500人以上. An approximate figure (约500人, 500余人) stays approximate: no exact operand."""
    target = row.figure("target")
    if target is None:
        cell = row.get("target")
        if cell is None or len(cell.figures) != 1:
            return None
        fig = cell.figures[0]
        head = cell.text[:max(0, fig.start - cell.start)]
        tail = cell.text[fig.end - cell.start:]
        if not (_TARGET_WORDS.match(head) and _TARGET_AFTER.match(tail)):
            return None
        target = fig
    if target.qualifier == BOUND and operator_of(row):
        return replace(target, qualifier=EXACT)
    return target


# What may surround an actual's one figure (i11t): the forms' 实际完成值 is often written as a
# statement — 达到520人, 已完成98%, 实际完成12次, 100%完成, 未超过9万元 (pasted from the
# monitoring form's 完成情况; 保山, 四川 and 宁夏 tables print both). A bound (不低于95%) or an
# approximate figure (约500人, 95%以上) stays no exact operand: the figure's own qualifier says so.
_ACTUAL_WORDS = re.compile(r"^(?:实际)?(?:已经|已)?(?:完成|达到|达成|实现)?了?(?:为)?\s*$")
_ACTUAL_AFTER = re.compile(r"^\s*[，,]?\s*(?:已经|已)?(?:完成|达成|达标|实现)?[。.]?$")


def actual_words(text: str) -> bool:
    """Whether `text` is the words the forms write an actual with before its figure (达到,
    已完成, 实际完成 — the 520人 of 达到520人)."""
    return bool(text.strip()) and _ACTUAL_WORDS.match(text) is not None


def actual_words_after(text: str) -> bool:
    """Whether `text` is the words the forms write an actual with after its figure (完成, 已达成
    — the 98% of 98%完成)."""
    return bool(text.strip()) and _ACTUAL_AFTER.match(text) is not None


def actual_figure(row: TableRow) -> Figure | None:
    """The row's 实际完成值 as a figure: the cell's one figure, also with the words the forms'
    actuals are written in (达到520人, 已完成98%, 100%完成)."""
    cell = row.get("actual")
    if cell is None:
        return None
    fig = cell.number
    if fig is not None or len(cell.figures) != 1:
        return fig
    fig = cell.figures[0]
    head = cell.text[:max(0, fig.start - cell.start)].strip()
    tail = cell.text[fig.end - cell.start:]
    if not _ACTUAL_AFTER.match(tail):
        return None
    return fig if fig.exact and _ACTUAL_WORDS.match(head) else None


def row_values(row: TableRow) -> tuple[Figure, Figure] | None:
    """(target, actual) of a quantitative row in one dimension, the actual in the target's
    unit (≥5万人 against 45000人 is 4.5万人), else None."""
    target, actual = target_figure(row), actual_figure(row)
    if target is None or actual is None or not (target.exact and actual.exact):
        return None
    unit = row.get("unit")
    t_unit = target.unit or (unit.text.strip() if unit is not None else "")
    a_unit = actual.unit or t_unit
    if dimension(t_unit) != dimension(a_unit) and not (t_unit == "%" and a_unit == ""):
        if not t_unit or dimension(t_unit)[0] != dimension(a_unit)[0]:
            return None
        value = in_unit(actual, t_unit)  # the same quantity printed at another scale
        if value is None:
            return None
        actual = replace(actual, value=value, unit=t_unit)
    return target, actual


def achieved(row: TableRow) -> bool | None:
    """True when the row shows its target met, False when short, None when it cannot tell."""
    pair = row_values(row)
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


_RULE_WEIGHT = re.compile(r"(\d+)\s*分\s*[*×xX]\s*执行率|预算执行[^|]{0,12}[(（]\s*(\d+)\s*分\s*[)）]")


def funds_weight(doc: AuditDocument, table: Table, row: TableRow) -> Decimal | None:
    """The funds row's 分值: its own cell, else the header's 得分 (20分*执行率) / 预算执行情况(20分)
    (on the line above the header, or anywhere in a header printed over several lines)."""
    weight = row.figure("weight")
    if weight is not None:
        return weight.value
    last = min((c.line for c in row.cells.values()), default=table.header_line)
    for number in range(table.header_line - 1, max(last, table.header_line) + 1):
        line = doc.line(number)
        m = _RULE_WEIGHT.search(line.text) if line is not None else None
        if m:
            return Decimal(m.group(1) or m.group(2))
    return None


def _funds_points(doc: AuditDocument) -> Decimal | None:
    """The first funds table's 分值 when it is the forms' (at most 30), scored or not."""
    for table in _tables(doc, FUNDS):
        if table.rows:
            weight = funds_weight(doc, table, table.rows[0])
            return weight if weight is not None and weight <= 30 else None
    return None


def _funds_weight_score(doc: AuditDocument) -> tuple[Decimal, Figure] | None:
    """The first funds table's 分值 (≤ 30: a funds row, not a misread total) and 得分."""
    for table in _tables(doc, FUNDS):
        if table.rows:
            weight, score = funds_weight(doc, table, table.rows[0]), table.rows[0].figure("score")
            if weight is not None and score is not None and weight <= 30:
                return weight, score
    return None


def complete_scores(doc: AuditDocument, table: Table) -> tuple[Decimal, tuple[Decimal, ...]] | None:
    """The total the scores of a table without a 总分 row give (the funds row's score added when
    its 分值 completes the points) and those scores — only when every row's weight and score
    were read and the weights (with the funds row's) make the forms' 100: proof that no row
    was lost in reading. Else None."""
    if "weight" not in table.columns or not table.rows:
        return None
    weights = [r.figure("weight") for r in table.rows]
    scores = [r.figure("score") for r in table.rows]
    ws = [w.value for w in weights if w is not None]
    ss = [x.value for x in scores if x is not None]
    if len(ws) != len(weights) or len(ss) != len(scores):
        return None
    funds = _funds_weight_score(doc)
    if sum(ws, Decimal(0)) != 100 and funds is not None:
        ws.append(funds[0])
        ss.append(funds[1].value)
    if sum(ws, Decimal(0)) != 100:
        return None
    return sum(ss, Decimal(0)), tuple(ss)


def _available(table: Table) -> Decimal:
    """The points the table's 总分 row states available, else the forms' 100."""
    total = table.total
    return total.available.value if total is not None and total.available is not None \
        else Decimal(100)


def _line_text(doc: AuditDocument, number: int, default: str) -> str:
    line = doc.line(number)
    return line.text.strip()[:80] if line is not None else default


def detect_table_total(doc: AuditDocument) -> list[Finding]:
    """总分 row vs the sum of the scores and the points available; its grade vs the bands.

    - a total above the points available (its 分值, else the forms' 100): error;
    - the points available against the rows' weights: when every row's weight was read and,
      with the funds row's, they make the forms' 100 points, a 总分 row stating other points
      is wrong; weights above the points available are wrong whatever was missed;
    - the total against the sum of the scores, when the weights read (printed, or implied by
      a table without a 分值 column: `implied_weights`) add up to the points available —
      proof that no row was missed.
    """
    findings: list[Finding] = []
    funds = _funds_weight_score(doc)
    funds_w = _funds_points(doc)
    for table in _tables(doc, INDICATORS):
        findings.extend(_funds_weight_over(doc, table))
        total = table.total
        if total is None:
            continue
        text = _line_text(doc, total.line, total.text)
        available = _available(table)
        weights = [r.figure("weight") for r in table.rows]
        ws = [w.value for w in weights if w is not None]
        # (the forms' points are whole numbers, 100 or a part of it: anything else is no
        # 分值 of a 总分 row — an amount's 合计 read into one)
        if total.available is not None and "weight" in table.columns and ws \
                and len(ws) == len(weights) and available == available.to_integral_value() \
                and available <= 200:
            rows_w = sum(ws, Decimal(0))
            points = rows_w + (funds_w or Decimal(0))
            if available not in (rows_w, points) and (points == 100 or rows_w > available):
                expected = points if points == 100 else rows_w
                findings.append(Finding(
                    code="weights-sum-mismatch", severity=Severity.ERROR,
                    message=(f"总分行所注分值 {fmt(available)} 分，各指标分值"
                             f"{'与预算执行分值' if expected == points and funds_w else ''}之和为 "
                             f"{fmt(expected)} 分 / the total row states {fmt(available)} points, "
                             f"the weights add up to {fmt(expected)}"),
                    stated=available, expected=expected,
                    operands=(*ws, *((funds_w,) if funds_w is not None and expected == points
                                     else ())),
                    unit="分", line=total.line_of("available"), excerpt=text))
        if total.score is None:
            continue
        if total.score.value > available:
            findings.append(Finding(
                code="sum-mismatch", severity=Severity.ERROR,
                message=(f"总分 {total.score.value} 分超过满分 {fmt(available)} 分"
                         f" / the total {total.score.value} is above the {fmt(available)} "
                         f"points available"),
                stated=total.score.value, expected=available, operands=(available,), unit="分",
                line=total.line_of("score"), excerpt=text))
        if total.grade:
            expected_grade = get_ruleset(None).grade(total.score.value)
            if expected_grade != total.grade[0]:
                findings.append(Finding(
                    code="grade-mismatch", severity=Severity.ERROR,
                    message=(f"总分 {total.score.value} 分应评为“{expected_grade}”，表中等级为"
                             f"“{total.grade}” / a total of {total.score.value} is graded "
                             f"{expected_grade}, the table says {total.grade}"),
                    stated=total.score.value, expected=None, operands=(total.score.value,),
                    unit="分", line=total.line_of("score"), excerpt=text))
        scores = [r.figure("score") for r in table.rows]
        if any(s is None for s in scores):
            continue
        if "weight" not in table.columns:
            implied = implied_weights(doc, table)
            ws = [w for *_, w in implied[0]] if implied is not None else []
            block = block_weight(doc, table) if implied is None else None
            if block is not None and sum((s.value for s in scores if s is not None),
                                         Decimal(0)) == block[0]:
                # scores making the block's points exactly (保山 2022: every row met, scored
                # full): no row can be missing, each score is its row's weight
                ws = [s.value for s in scores if s is not None]
        elif any(w is None for w in weights):
            continue
        if not ws:
            continue
        ss = [s.value for s in scores if s is not None]
        if sum(ws, Decimal(0)) != available and funds is not None:
            ws.append(funds[0])
            ss.append(funds[1].value)
        if sum(ws, Decimal(0)) != available:
            findings.extend(_total_outside(doc, table, ws, ss, available, text))
            continue
        got = sum(ss, Decimal(0))
        if agrees(total.score.value, got):
            continue
        findings.append(Finding(
            code="sum-mismatch", severity=Severity.ERROR,
            message=(f"总分为 {total.score.value}，各项得分之和为 {fmt(got)}"
                     f" / the total score is {total.score.value}, the scores add up to {fmt(got)}"),
            stated=total.score.value, expected=Decimal(fmt(got, places(total.score.value))),
            operands=tuple(ss), unit="分", line=total.line_of("score"), excerpt=text))
    return findings


def _categories_account(table: Table) -> bool:
    """Whether the table's first-level categories prove its rows all read: two or more stated
    categories, every row under one of them (a funds row inside the table aside), and each
    category's rows' weights making its stated points exactly (a row lost or misread breaks
    that)."""
    stated = {c: v for c, v, _ in table.category_weights}
    if len(stated) < 2 or len({(c, v) for c, v, _ in table.category_weights}) != len(stated):
        return False  # (a merged cell repeated on every row states its points again: one)
    sums: dict[str, Decimal] = {}
    for row in table.rows:
        weight = row.figure("weight")
        if weight is None:
            return False
        if funds_row(row) and not (row.labels and row.labels[0] in stated):
            continue
        if not row.labels or row.labels[0] not in stated:
            return False
        sums[row.labels[0]] = sums.get(row.labels[0], Decimal(0)) + weight.value
    return sums == stated


def _total_outside(doc: AuditDocument, table: Table, ws: list[Decimal], ss: list[Decimal],
                   available: Decimal, text: str) -> list[Finding]:
    """The 总分 of a table whose weights read fall short of its points available — the funds
    row's points not read (its block printed apart and lost, or no funds table): the rows
    score ``sum(ss)``, and what was not read can score at most its points, ``available −
    sum(ws)``, so the total lies between the two. Judged only when the categories prove every
    row read (`_categories_account`): a misread row's weight and score would move both
    bounds (a re-wrapped run-together row read as 分值 9, 得分 5)."""
    assert table.total is not None and table.total.score is not None
    rows_w = sum(ws, Decimal(0))
    if available != available.to_integral_value() or available > 200 or rows_w >= available \
            or not _categories_account(table):
        return []
    low = sum(ss, Decimal(0))
    high = low + available - rows_w
    stated = table.total.score.value
    if agrees_within(stated, low, high):
        return []
    rest = available - rows_w
    if stated > high:
        message = (f"总分为 {stated}，各项得分之和为 {fmt(low)}，其余 {fmt(rest)} 分（满分 "
                   f"{fmt(available)} − 各项分值 {fmt(rows_w)}）全得也只有 {fmt(high)} / the total "
                   f"score is {stated}; the rows score {fmt(low)} and the {fmt(rest)} points "
                   f"left allow at most {fmt(high)}")
    else:
        message = (f"总分为 {stated}，低于各项得分之和 {fmt(low)} / the total score {stated} is "
                   f"below the rows' scores, {fmt(low)}")
    return [Finding(
        code="sum-mismatch", severity=Severity.ERROR, message=message, stated=stated,
        expected=Decimal(fmt(high if stated > high else low, places(stated))), operands=tuple(ss),
        unit="分", line=table.total.line_of("score"), excerpt=text)]


def _funds_weight_over(doc: AuditDocument, table: Table) -> list[Finding]:
    """A funds row whose 分值 leaves fewer points than the indicator rows' weights already
    take (预算执行 100 分 beside indicators of 70): wrong whatever rows were missed."""
    for funds_table in _tables(doc, FUNDS):
        if not funds_table.rows:
            return []
        row = funds_table.rows[0]
        weight = row.figure("weight")
        if weight is None or not weight.exact or places(weight.value) or weight.value <= 30:
            return []  # a funds 分值 of at most 30 is the forms' (10 or 20): the rows are off
        ws = [w.value for r in table.rows if (w := r.figure("weight")) is not None]
        available = _available(table)
        if not ws or weight.value + sum(ws, Decimal(0)) <= available:
            return []
        cell = row.get("weight")
        assert cell is not None
        rows_w = sum(ws, Decimal(0))
        return [Finding(
            code="weights-sum-mismatch", severity=Severity.ERROR,
            message=(f"预算执行分值 {weight.raw} 分，加上各指标分值 {fmt(rows_w)} 分，超过满分 "
                     f"{fmt(available)} 分 / the funds row's {weight.raw} points plus the "
                     f"indicators' {fmt(rows_w)} exceed the {fmt(available)} points available"),
            stated=weight.value, expected=max(available - rows_w, Decimal(0)),
            operands=(weight.value, *ws), unit="分", line=cell.line,
            excerpt=row_excerpt(doc, row, "weight"))]
    return []


_BLOCK = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
# The name of a block of indicators whose points are stated above the header (年度绩效目标1
# (80分) in 保山's forms, 绩效指标(90分) in 四川's), printed before the bracket or on the line above.
_BLOCK_NAME = re.compile(r"(?:绩效目标|年度目标|绩效指标)\s*\d*\s*$")


def block_weight(doc: AuditDocument, table: Table) -> tuple[Decimal, int, str] | None:
    """The points stated for the indicator block above a table's header: value, line, text."""
    for number in range(table.header_line, table.header_line - 4, -1):
        line = doc.line(number)
        if line is None:
            continue
        for m in _BLOCK.finditer(line.text):
            before = line.text[:m.start()].strip(" |\t")
            if not before:
                above = doc.line(number - 1)
                before = above.text.strip(" |\t") if above is not None else ""
            if _BLOCK_NAME.search(before):
                return Decimal(m.group(1)), number, line.text
    return None


def _inferred(row: TableRow) -> tuple[Figure, Figure, Figure, Decimal] | None:
    """(target, actual, score, weight) when a whole-number weight reproduces the row's printed
    score as 分值 × B ÷ A, else None."""
    numbers = _numbers(row)
    if numbers is None:
        return None
    target, actual, score = numbers
    if actual.value <= 0:
        return None
    ratio = actual.value / target.value
    weight = (score.value / ratio).to_integral_value()
    if weight <= 0 or not agrees(score.value, weight * ratio):
        return None
    return target, actual, score, weight


def _numbers(row: TableRow) -> tuple[Figure, Figure, Figure] | None:
    """(target, actual, score) of a row whose three are exact figures, target above zero."""
    target, actual, score = row.figure("target"), row.figure("actual"), row.figure("score")
    if target is None or actual is None or score is None or not (
            target.exact and actual.exact and score.exact) or target.value <= 0 \
            or actual.value < 0:
        return None
    return target, actual, score


def implied_weights(doc: AuditDocument, table: Table) -> tuple[
        list[tuple[TableRow, Figure, Figure, Figure, Decimal]], Decimal] | None:
    """The weights a table without a 分值 column implies (保山 2019 form: 年初目标值(A) |
    实际完成值(B) | 得分, each score 分值 × B ÷ A), with the block's points; None unless every
    row's weight is a whole number that reproduces its printed score and they add up to the
    block weight stated above the header (年度绩效目标 (80分))."""
    if "weight" in table.columns or len(table.rows) < 2:
        return None
    block = block_weight(doc, table)
    if block is None:
        return None
    inferred: list[tuple[TableRow, Figure, Figure, Figure, Decimal]] = []
    for row in table.rows:
        got = _inferred(row)
        if got is None:
            return None
        inferred.append((row, *got))
    if sum(w for *_, w in inferred) != block[0]:
        return None
    return inferred, block[0]


def _odd_row(doc: AuditDocument, table: Table) -> Finding | None:
    """The one row of such a table whose score no whole weight reproduces, when the others'
    weights leave it a whole number of the block's points: its score against that weight
    × B ÷ A (capped at the weight or not — the forms do both)."""
    if "weight" in table.columns or len(table.rows) < 3:
        return None
    block = block_weight(doc, table)
    if block is None:
        return None
    odd: TableRow | None = None
    others = Decimal(0)
    for row in table.rows:
        got = _inferred(row)
        if got is not None:
            others += got[3]
            continue
        if odd is not None or _numbers(row) is None:
            return None
        odd = row
    numbers = _numbers(odd) if odd is not None else None
    weight = block[0] - others
    if odd is None or numbers is None or weight <= 0 or weight != weight.to_integral_value():
        return None
    target, actual, score = numbers
    uncapped = weight * actual.value / target.value
    if agrees(score.value, uncapped) or agrees(score.value, min(uncapped, weight)):
        return None
    cell = odd.get("score")
    assert cell is not None
    return Finding(
        code="score-rule-mismatch", severity=Severity.ERROR,
        message=(f"“{odd.name}”得分 {score.raw}：其余各行分值合计 {fmt(others)}，此行分值应为 "
                 f"{fmt(block[0])} − {fmt(others)} = {fmt(weight)}，按 分值 × 实际完成值÷目标值 "
                 f"应得 {fmt(uncapped, 2, 2)} 分 / the other rows leave this row {fmt(weight)} "
                 f"points, so it scores {fmt(uncapped, 2, 2)}, not {score.raw}"),
        stated=score.value, expected=round_half_up(uncapped, 2),
        operands=(weight, actual.value, target.value), unit="分", line=cell.line,
        excerpt=row_excerpt(doc, odd, "score"))


def detect_implied_weights(doc: AuditDocument) -> list[Finding]:
    """Scores above the weights a table without a 分值 column implies (`implied_weights`): with
    every weight inferred and adding up to the block, a score above its weight (no cap
    applied) is an error; with all rows but one inferred, that row's score against the
    weight the block leaves it (`_odd_row`)."""
    findings: list[Finding] = []
    for table in _tables(doc, INDICATORS):
        implied = implied_weights(doc, table)
        if implied is None:
            odd = _odd_row(doc, table)
            findings.extend([odd] if odd is not None else [])
            continue
        inferred, block = implied
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


def _points(table: Table) -> tuple[str, list[Decimal | None]]:
    """Each row's points: its 分值, or — a table without a 分值 column — its 得分 (never above
    the weight it stands for on a capped form, so a sum of them above a stated weight is
    wrong too)."""
    role = "weight" if "weight" in table.columns else "score"
    return role, [f.value if (f := r.figure(role)) is not None else None for r in table.rows]


# A row of the funds inside the indicator table (预算执行率 | | | 100% | 100% | 10 | 10; 四川's
# 预算执行 10分 + 绩效指标 90分, the 2021 national form's 预算执行率 row): its own label or none.
_FUNDS_ROW = re.compile(r"预算执行|资金执行|执行率|资金到位率|资金支付率")
# 预算执行率 by that very name is the funds row whatever national-form label a layout carried
# down onto it (spaces drop its blank label cells: it follows the last category's rows), but
# not under the evaluation framework's 过程/管理; 资金到位率 or 资金支付率 may be a 时效 indicator
# of 产出, so those need a funds label or none.
_FUNDS_NAME = re.compile(r"^(?:项目)?(?:预算|资金)执行(?:率|情况)$")


def funds_row(row: TableRow) -> bool:
    """Whether an indicator table's row is the funds row (预算执行率), outside every category."""
    label = row.labels[0] if row.labels else ""
    if _FUNDS_NAME.match("".join(row.name.split())):
        # (the evaluation framework scores 预算执行率 as an indicator of 过程/项目管理/投入)
        return label.removeprefix("项目").removesuffix("指标") not in ("决策", "过程", "管理", "投入")
    return bool(_FUNDS_ROW.search(row.name)) and (not label or bool(_FUNDS_ROW.search(label)))


def detect_table_weights(doc: AuditDocument) -> list[Finding]:
    """产出指标(40分) and the block's 年度绩效目标(80分) against the points of their rows.

    Rows whose weights (or, without a 分值 column, scores) add up to more than their
    category's or block's stated weight contradict it whatever rows were missed. Fewer
    points than stated are a contradiction only when the table's weights are complete:
    every row's weight read, every stated category with rows, and the rows' weights (with
    the funds row's) making the table's points — else a row may have been lost in reading.
    """
    findings: list[Finding] = []
    funds = _funds_points(doc)
    for table in _tables(doc, INDICATORS):
        role, points = _points(table)
        word = "分值" if role == "weight" else "得分"
        by_category: dict[str, Decimal] = {}
        funds_rows = Decimal(0)
        named = {c for c, _, _ in table.category_weights}
        for row, w in zip(table.rows, points, strict=True):
            if w is not None and funds_row(row) and not (
                    row.labels and row.labels[0] in named and _FUNDS_ROW.search(row.labels[0])):
                funds_rows += w  # 预算执行率 10分 as a row of the table: no category's points
            elif w is not None and row.labels and row.labels[0]:
                by_category[row.labels[0]] = by_category.get(row.labels[0], Decimal(0)) + w
        stated: dict[str, tuple[Decimal, int]] = {}
        for c, v, ln in table.category_weights:
            stated.setdefault(c, (v, ln))  # a merged cell repeated on every row: its first line
        known = [w for w in points if w is not None]
        block = block_weight(doc, table)
        if block is not None and known and sum(known, Decimal(0)) > block[0]:
            got = sum(known, Decimal(0))
            findings.append(Finding(
                code="weights-sum-mismatch", severity=Severity.ERROR,
                message=(f"绩效指标所注 {fmt(block[0])} 分，表中各指标{word}之和已达 {fmt(got)} 分"
                         f" / the indicators are stated as {fmt(block[0])} points, their "
                         f"{role}s add up to {fmt(got)}"),
                stated=block[0], expected=got, operands=tuple(known), unit="分", line=block[1],
                excerpt=block[2].strip()[:80]))
        complete = role == "weight" and len(known) == len(points) and set(by_category) == set(
            stated) and sum(by_category.values(), funds_rows) == sum(known, Decimal(0)) \
            and sum(known, Decimal(0)) in (
            _available(table), _available(table) - (funds or Decimal(0)))
        for category, (value, line_no) in stated.items():
            rows_points = by_category.get(category)
            if rows_points is None or rows_points == value or (
                    rows_points < value and not complete
                    and not _second_levels_account(table, category, points)):
                continue
            if _foreign(category, table.rows):
                continue  # a label not read lumped another category's rows into this one
            if rows_points < value and rows_points + sum(
                    (w for r, w in zip(table.rows, points, strict=True)
                     if w is not None and funds_row(r) and r.labels and r.labels[0] == category),
                    Decimal(0)) == value:
                continue  # 预算执行率 as one of its own rows (a 时效指标 of 产出): not the funds row
            findings.append(_points_over(doc, category, value, rows_points, tuple(
                w for r, w in zip(table.rows, points, strict=True)
                if w is not None and r.labels and r.labels[0] == category), line_no, role))
        findings.extend(_subcategories_over(doc, table, points, role))
        findings.extend(_category_scores(doc, table, stated))
    return findings


# Second levels that belong to one first level in the national framework (财预〔2020〕10号 附件):
# a row under another first level says a category label was not read. (成本 and 满意度 are
# first-level in later forms, second-level in earlier ones: no evidence either way.)
_OWNERS = (("数量", "产出"), ("质量", "产出"), ("时效", "产出"), ("经济效益", "效益"),
           ("社会效益", "效益"), ("生态效益", "效益"), ("可持续", "效益"))


def _foreign(category: str, rows: Iterable[TableRow]) -> bool:
    """Whether a row counted under `category` has a second level of another first level."""
    core = category.removeprefix("项目").removesuffix("指标")
    for row in rows:
        if not row.labels or row.labels[0] != category or len(row.labels) < 2:
            continue
        level2 = row.labels[1]
        if any(level2.startswith(head) and core != owner for head, owner in _OWNERS):
            return True
    return False


def _category_scores(doc: AuditDocument, table: Table,
                     stated: dict[str, tuple[Decimal, int]]) -> list[Finding]:
    """A category printed as a subtotal row (产出指标 | | 50 | 48): its score above its points,
    or — every row under it weighted and their weights making its points, so none was missed —
    not the sum of its rows' scores."""
    out: list[Finding] = []
    for category, score, line_no in table.category_scores:
        if category not in stated:
            continue
        weight = stated[category][0]
        text = _line_text(doc, line_no, category)
        if score > weight:
            out.append(Finding(
                code="score-above-weight", severity=Severity.ERROR,
                message=(f"{category}得分 {fmt(score)} 超过其分值 {fmt(weight)}"
                         f" / {category} scores {fmt(score)} of its {fmt(weight)} points"),
                stated=score, expected=weight, operands=(weight,), unit="分", line=line_no,
                excerpt=text))
            continue
        rows = [r for r in table.rows if r.labels and r.labels[0] == category]
        weights = [r.figure("weight") for r in rows]
        scores = [r.figure("score") for r in rows]
        if not rows or any(w is None for w in weights) or any(x is None for x in scores) \
                or sum((w.value for w in weights if w is not None), Decimal(0)) != weight:
            continue
        got = sum((x.value for x in scores if x is not None), Decimal(0))
        if agrees(score, got):
            continue
        out.append(Finding(
            code="sum-mismatch", severity=Severity.ERROR,
            message=(f"{category}得分 {fmt(score)}，其下各指标得分之和为 {fmt(got)}"
                     f" / {category} scores {fmt(score)}, its rows add up to {fmt(got)}"),
            stated=score, expected=got, operands=tuple(x.value for x in scores if x is not None),
            unit="分", line=line_no, excerpt=text))
    return out


def _second_levels_account(table: Table, category: str, points: list[Decimal | None]) -> bool:
    """Whether a first-level category's rows are proven read, all of them, by its second
    levels' points, so that fewer points in its rows than it states is a contradiction even in
    a table that cannot prove itself complete (a page cut after it).

    Score sheets and evaluation frameworks state both levels' points (财预〔2020〕10号 附件2:
    项目决策(20分) | 项目立项(8分) | …; 部门整体支出 score sheets — 规划(15分) | 基础信息(3分), 寿县
    417). The proof: every row of the category sits under a second level stating points (two
    or more), every such second level has rows and its rows' weights make its points exactly
    (a row lost, or a label not read that moved rows, breaks one of these), and a later
    first-level category's label follows its last row (its block ended, not the page)."""
    rows = [(r, w) for r, w in zip(table.rows, points, strict=True) if r.labels and r.labels[0] == category]
    if not rows or any(w is None or len(r.labels) < 2 or not r.labels[1] for r, w in rows):
        return False
    stated: dict[str, Decimal] = {}
    for level1, level2, value, _ in table.subcategory_weights:
        if level1 == category:
            stated.setdefault(level2, value)
    sums: dict[str, Decimal] = {}
    for r, w in rows:
        assert w is not None
        sums[r.labels[1]] = sums.get(r.labels[1], Decimal(0)) + w
    if len(sums) < 2 or sums != stated:
        return False
    last = max(r.line for r, _ in rows)
    return any(c != category and line > last for c, _, line in table.category_weights)


def _subcategories_over(doc: AuditDocument, table: Table, points: list[Decimal | None],
                        role: str) -> list[Finding]:
    """Rows above their second-level category's stated points (数量指标(20分)): wrong whatever
    rows were missed (fewer points are not judged: a second level's rows are too easily
    split by a label the forms do not name)."""
    if not table.subcategory_weights:
        return []
    sums: dict[tuple[str, str], Decimal] = {}
    for row, w in zip(table.rows, points, strict=True):
        if w is not None and len(row.labels) > 1 and row.labels[1]:
            key = (row.labels[0], row.labels[1])
            sums[key] = sums.get(key, Decimal(0)) + w
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for level1, level2, value, line_no in table.subcategory_weights:
        key = (level1, level2)
        got = sums.get(key)
        if key in seen or got is None or got <= value:
            continue
        seen.add(key)
        out.append(_points_over(doc, level2, value, got, tuple(
            w for r, w in zip(table.rows, points, strict=True)
            if w is not None and tuple(r.labels[:2]) == key), line_no, role))
    return out


def _points_over(doc: AuditDocument, category: str, value: Decimal, got: Decimal,
                 operands: tuple[Decimal, ...], line_no: int, role: str) -> Finding:
    """A category's stated points against what its rows' weights (or scores) add up to."""
    word = "分值" if role == "weight" else "得分"
    return Finding(
        code="weights-sum-mismatch", severity=Severity.ERROR,
        message=(f"{category}所注分值 {fmt(value)} 分，其下各指标{word}之和为 {fmt(got)} 分"
                 f" / {category} is stated as {fmt(value)} points, its rows' {role}s add up to "
                 f"{fmt(got)}"),
        stated=value, expected=got, operands=operands, unit="分", line=line_no,
        excerpt=_line_text(doc, line_no, category))
