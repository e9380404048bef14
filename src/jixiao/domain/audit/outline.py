"""Detector: the points of a scored outline — a 自评表 written as numbered headings (weights, score-weight).

Evaluation reports that follow the common indicator framework (投入 / 过程 / 产出 / 效益, the
共性指标体系 of 财预〔2013〕53号 and the provinces' 转移支付 self-evaluations) often print
their table as an outline: every heading carries its points and every item its score::

    一、投入(14分)
    (一)项目立项(8分):
    (1)项目立项(2分)
    ……程序完整，执行程序规范。自评得2分。

The headings nest by their numbering (一、 > (一) > 1. > (1) > ①). Two relations follow:

- **weights**: the points of a heading's sub-headings add up to its own. More is wrong
  whatever else was printed (an error); fewer only when the section is closed by a later
  heading of its rank, every sub-heading states points and nothing was cut ([...]);
- **score-weight**: a score stated for an item (``自评得N分``, in its own section, before any
  sub-heading) above the item's points. Only 自评得 counts — ``得2分`` also words the
  scoring criteria (有计划得2分) — and never a summing sentence (共/合计/以上…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, excerpt, fmt
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_outline_points"]

# Numbering markers by rank: 一、 (一) 1. (1) ①
_MARKERS = (
    re.compile(r"[一二三四五六七八九十]{1,3}[、.．]"),
    re.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]"),
    re.compile(r"\d{1,2}(?:[、．]|\.(?!\d))"),
    re.compile(r"[(（]\d{1,2}[)）]"),
    re.compile(r"[①-⑳]"),
)
_POINTS = re.compile(r"[(（]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分\s*[)）]")
_HEAD_MAX = 30  # a heading's words before its points: longer is a sentence
_SCORE = re.compile(r"自评(?:得分)?(?:为|是)?\s*得?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分")
_SUMMING = re.compile(r"共|合计|累计|小计|总|以上|部分|整体|综合")
_CUT = "[...]"


@dataclass
class _Heading:
    rank: int
    line: int
    text: str
    points: Decimal | None
    start: int
    children: list[_Heading] = field(default_factory=list)
    closed: bool = False
    cut: bool = False


def _heading(text: str) -> tuple[int, int, Decimal | None, int] | None:
    """(rank, offset, points, points' offset) of a numbered heading at the line's start."""
    stripped = text.lstrip(" \u3000\t")
    lead = len(text) - len(stripped)
    for rank, marker in enumerate(_MARKERS):
        m = marker.match(stripped)
        if m is None:
            continue
        p = _POINTS.search(stripped, m.end(), m.end() + _HEAD_MAX + 12)
        if p is not None and (p.start() - m.end() > _HEAD_MAX
                              or re.search(r"[。；;，,]", stripped[m.end():p.start()])):
            p = None
        return rank, lead, (Decimal(p.group(1)) if p else None), (lead + p.start() if p else lead)
    return None


def detect_outline_points(doc: AuditDocument) -> list[Finding]:
    """Sub-headings' points against their heading's; item scores against their points."""
    if not any("分" in ln.text for ln in doc.lines):
        return []
    findings: list[Finding] = []
    stack: list[_Heading] = []
    roots: list[_Heading] = []
    for line in doc.lines:
        text = line.text
        if _CUT in text:
            for h in stack:
                h.cut = True
        head = _heading(text) if len(text) < 400 else None
        if head is not None:
            rank, _, points, at = head
            while stack and stack[-1].rank >= rank:
                stack.pop().closed = True
            node = _Heading(rank, line.number, text, points, at)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        if not stack or stack[-1].points is None or stack[-1].children:
            continue
        item = stack[-1]
        for m in _SCORE.finditer(text):
            sentence = re.split(r"[。；;]", text[max(0, m.start() - 120):m.start()])[-1]
            if _SUMMING.search(sentence + m.group(0)):
                continue
            score = Decimal(m.group(1))
            assert item.points is not None
            if score > item.points:
                findings.append(Finding(
                    code="score-above-weight", severity=Severity.ERROR,
                    message=(f"“{item.text.strip()[:20]}”分值 {fmt(item.points)} 分，自评得分 "
                             f"{fmt(score)} 分超过分值 / scored {fmt(score)} of its "
                             f"{fmt(item.points)} points"),
                    stated=score, expected=item.points, operands=(item.points,), unit="分",
                    line=line.number, excerpt=excerpt(text, m.start(), m.end(), 20)))
    for root in roots:
        findings.extend(_weights(doc, root))
    return findings


def _weights(doc: AuditDocument, node: _Heading) -> list[Finding]:
    out: list[Finding] = []
    for child in node.children:
        out.extend(_weights(doc, child))
    parts = [c.points for c in node.children]
    known = [p for p in parts if p is not None]
    if node.points is None or not known:
        return out
    got = sum(known, Decimal(0))
    complete = node.closed and not node.cut and len(known) == len(parts) and len(parts) >= 2
    if got == node.points or (got < node.points and not complete):
        return out
    out.append(Finding(
        code="weights-sum-mismatch", severity=Severity.ERROR,
        message=(f"“{node.text.strip()[:20]}”所注 {fmt(node.points)} 分，其下各项分值之和为 "
                 f"{fmt(got)} 分 / the heading states {fmt(node.points)} points, its items add "
                 f"up to {fmt(got)}"),
        stated=node.points, expected=got, operands=tuple(known), unit="分", line=node.line,
        excerpt=excerpt(node.text, node.start, node.start + 8, 20)))
    return out
