"""Detectors: indicator rows of a flattened 自评表 that the document model's tables do not hold.

Scores against weights, the rule and the 总分 of a table with a 分值 column are read from the
recovered tables (`table_scores`, `rescore`), whatever the layout. What stays here:

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
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_implied_weights", "detect_percent_labels"]

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
