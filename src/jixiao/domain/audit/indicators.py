"""Detectors: indicator rows of a flattened 自评表 — scores against weights and results.

`detect_indicator_scores` reads rows that print an operator (≥ ≤ = …), a target, the
actual value, the weight (分值) and the score (得分), in the order the header gives. A
score above its weight is an error; a score below the weight on an indicator the row
itself shows as achieved (资金到位及时率 ≥100%, actual 100%, scored 7 of 10) is a warning
when the row gives no reason: points were taken off with no shortfall. When the table states
the proportional rule (得分 = 分值 × 实际完成值 ÷ 指标值, 按比例计分), a shortfall row must score
weight × actual ÷ target.

`detect_implied_weights` handles tables that print no 分值 column but score every row as
weight × actual ÷ target (施甸 2019). Each row's weight is inferred only when a whole
number reproduces the printed score, and the inferred weights must add up to the block
weight the table states (年度绩效目标 (80分)); only then are scores above their weight
reported.

`detect_percent_labels` catches a row labelled (%) whose values are in the thousands.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    Cell,
    Figure,
    agrees,
    cells,
    excerpt,
    ratio_agrees,
)
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["detect_implied_weights", "detect_indicator_scores", "detect_percent_labels"]

_OPS = {"≥": "ge", "≧": "ge", ">=": "ge", ">": "gt", "≤": "le", "≦": "le", "<=": "le",
        "<": "lt", "=": "eq", "＝": "eq", "═": "eq"}
_NO_REASON = ("", "无", "—", "-", "/", "／")
# A table that states the proportional rule for quantitative indicators.
_PROPORTIONAL = re.compile(
    r"(?:实际完成值|完成值|实际值)\s*[/÷]\s*(?:年度)?(?:指标值|目标值)\s*[×*xX]\s*(?:该指标)?分值"
    r"|分值\s*[×*xX]\s*[(（]?\s*(?:实际完成值|完成值|实际值)\s*[/÷]"
    r"|按(?:完成)?比例(?:计分|得分|打分)"
)
_OP_AT_START = re.compile(r"^(>=|<=|[≥≧>≤≦<=＝═])")


def _achieved(op: str, target: Decimal, actual: Decimal) -> bool:
    return {"ge": actual >= target, "gt": actual > target, "le": actual <= target,
            "lt": actual < target, "eq": actual == target}[op]


def _order(doc: AuditDocument) -> str | None:
    """'TAWS' when 分值 comes after 实际完成值 in the header, 'WTAS' when before 指标值."""
    for line in doc.lines:
        t = line.text
        if "指标值" in t and "分值" in t and "得分" in t:
            w = t.find("分值")
            a = max(t.find("实际完成值"), t.find("实际值"), t.find("完成值"))
            target = t.find("指标值")
            if a >= 0 and w > a:
                return "TAWS"
            if 0 <= w < target:
                return "WTAS"
    return None


def _row(row: list[Cell], op_index: int, order: str) -> tuple[Figure, ...] | None:
    """(target, actual, weight, score) read after the operator cell, or None."""
    op_cell = row[op_index]
    i = op_index + 1
    target = op_cell.number
    if target is None and op_cell.text in _OPS and i < len(row):
        target, i = row[i].number, i + 1
    if target is None:
        return None
    if i < len(row) and row[i].number is None and len(row[i].text) <= 4 \
            and not re.search(r"\d", row[i].text):
        i += 1  # the 度量单位 cell
    if order == "TAWS":
        picked = [c.number for c in row[i:i + 3]]
        if len(picked) != 3 or any(p is None for p in picked):
            return None
        actual, weight, score = picked
    else:
        if op_index == 0 or i + 1 >= len(row):
            return None
        weight, actual, score = row[op_index - 1].number, row[i].number, row[i + 1].number
    if actual is None or weight is None or score is None:
        return None
    return target, actual, weight, score


def detect_indicator_scores(doc: AuditDocument) -> list[Finding]:
    """Score above weight (error); score docked on an achieved indicator (warning)."""
    order = _order(doc)
    if order is None:
        return []
    proportional = any(_PROPORTIONAL.search(line.text) for line in doc.lines)
    findings: list[Finding] = []
    for line in doc.lines:
        row = cells(line)
        for k, cell in enumerate(row):
            m = _OP_AT_START.match(cell.text)
            if not m:
                continue
            parsed = _row(row, k, order)
            if parsed is None:
                continue
            target, actual, weight, score = parsed
            if not all(f.exact for f in (actual, weight, score)) or weight.unit or score.unit:
                continue
            # the target's unit: printed with it, or in the 度量单位 cell after it
            t_unit = target.unit or (row[k + 2].text if k + 2 < len(row) else "")
            if target.unit and actual.unit and target.unit != actual.unit:
                continue
            if t_unit == "%" and actual.unit not in ("%", ""):
                continue
            reason = next((c.text for c in row if c.start >= score.end), "")
            if score.value > weight.value:
                findings.append(Finding(
                    code="score-above-weight", severity=Severity.ERROR,
                    message=f"得分 {score.value} 超过分值 {weight.value} / score above weight",
                    stated=score.value, expected=weight.value, operands=(weight.value,),
                    unit="分", line=line.number,
                    excerpt=excerpt(line.text, cell.start, score.end, 10)))
            elif proportional and _OPS[m.group(1)] in ("ge", "gt") and target.value > 0 \
                    and actual.value < target.value and not ratio_agrees(
                        score.value, actual.value * weight.value, target.value):
                shown = round_half_up(weight.value * actual.value / target.value, 2)
                findings.append(Finding(
                    code="score-rule-mismatch", severity=Severity.ERROR,
                    message=(f"表中规定按比例计分，应得 {weight.value} × {actual.value}÷"
                             f"{target.value} = {shown} 分，所填得分为 {score.value}"
                             f" / the table scores in proportion: {shown} expected, {score.value} given"),
                    stated=score.value, expected=shown,
                    operands=(weight.value, actual.value, target.value), unit="分",
                    line=line.number, excerpt=excerpt(line.text, cell.start, score.end, 10)))
            elif _achieved(_OPS[m.group(1)], target.value, actual.value) \
                    and score.value < weight.value and reason in _NO_REASON:
                findings.append(Finding(
                    code="score-docked-achieved", severity=Severity.WARNING,
                    message=(f"指标已达成（实际 {actual.raw}，指标值 {cell.text} {target.raw}），"
                             f"得分 {score.value} 却低于分值 {weight.value}，且未说明扣分理由"
                             f" / achieved, yet scored {score.value} of {weight.value}"),
                    stated=score.value, expected=weight.value,
                    operands=(target.value, actual.value, weight.value), unit="分",
                    line=line.number, excerpt=excerpt(line.text, cell.start, score.end, 10)))
    return findings


_BLOCK = re.compile(r"[(（]\s*(\d+)\s*分\s*[)）]")


def detect_implied_weights(doc: AuditDocument) -> list[Finding]:
    """Scores above weights inferred from weight × actual ÷ target (see module docstring)."""
    lines = doc.lines
    for idx, line in enumerate(lines):
        t = line.text
        if not ("(A)" in t and "(B)" in t and "得分" in t and "分值" not in t and "执行率" not in t):
            continue
        block = None
        for back in range(idx, max(-1, idx - 3), -1):
            bm = _BLOCK.search(lines[back].text)
            if bm:
                block = Decimal(bm.group(1))
                break
        if block is None:
            return []
        stream: list[tuple[Cell, int]] = []
        for later in lines[idx + 1: idx + 40]:
            row = cells(later)
            if any("总分" in c.text or "合计" in c.text for c in row):
                break
            stream.extend((c, later.number) for c in row)
        triples: list[tuple[Figure, Figure, Figure, int, str]] = []
        run: list[tuple[Cell, int]] = []
        for item in [*stream, None]:
            if item is not None and item[0].number is not None:
                run.append(item)
                continue
            if run:
                if len(run) != 3:
                    return []
                a, b, s = (c.number for c, _ in run)
                if a is None or b is None or s is None:
                    return []
                triples.append((a, b, s, run[2][1], run[2][0].text))
                run = []
        if len(triples) < 2:
            return []
        weights: list[Decimal] = []
        for a, b, s, _, _ in triples:
            if not (a.exact and b.exact and s.exact) or a.value <= 0 or b.value <= 0:
                return []
            ratio = b.value / a.value
            w = (s.value / ratio).to_integral_value()
            if w <= 0 or not agrees(s.value, w * ratio):
                return []
            weights.append(w)
        if sum(weights) != block:
            return []
        findings = []
        for (a, b, s, number, _), w in zip(triples, weights, strict=True):
            if s.value > w:
                text = next(ln.text for ln in lines if ln.number == number)
                findings.append(Finding(
                    code="score-above-weight", severity=Severity.ERROR,
                    message=(f"得分 {s.value} 超过该指标分值 {w}（得分 = 分值 × 实际完成值÷目标值 = "
                             f"{w} × {b.value}÷{a.value}，未封顶；各指标分值合计 {block} 与表头一致）"
                             f" / score {s.value} exceeds the weight {w} (no cap applied)"),
                    stated=s.value, expected=w, operands=(a.value, b.value, w), unit="分",
                    line=number, excerpt=excerpt(text, s.start, s.end, 30)))
        return findings
    return []


_PERCENT_LABEL = re.compile(r"[(（]\s*[%％]\s*[)）]\s*$")
# A percentage in a performance table above this is a unit mistake, not a result:
# growth of 300% happens, 8000% does not.
_PERCENT_CEILING = Decimal(1000)


def detect_percent_labels(doc: AuditDocument) -> list[Finding]:
    """An indicator labelled (%) whose target or actual is in the thousands (a unit slip)."""
    findings: list[Finding] = []
    for line in doc.lines:
        row = cells(line)
        for k, cell in enumerate(row):
            if not _PERCENT_LABEL.search(cell.text):
                continue
            values = [c.number for c in row[k + 1:k + 3]]
            if len(values) != 2 or any(v is None or v.unit for v in values):
                continue
            high = max((v for v in values if v is not None), key=lambda v: v.value)
            if high.value <= _PERCENT_CEILING:
                continue
            findings.append(Finding(
                code="unit-implausible", severity=Severity.WARNING,
                message=(f"指标“{cell.text}”的单位为 %，但数值为 "
                         f"{' / '.join(str(v.value) for v in values if v is not None)}，"
                         f"不可能是百分比（单位可能应为万元等）"
                         f" / labelled %, but the values cannot be percentages"),
                stated=high.value, expected=None, operands=(), unit="%", line=line.number,
                excerpt=excerpt(line.text, cell.start, high.end, 10)))
    return findings
