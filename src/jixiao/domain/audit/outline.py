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
from itertools import pairwise

from jixiao.domain.audit.facts import AuditDocument, excerpt, fmt
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_outline_points", "heading_points_at"]

# Numbering markers by rank: 一、 (一) 1. (1) ①
_MARKERS = (
    re.compile(r"[一二三四五六七八九十]{1,3}[、.．]"),
    re.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]"),
    re.compile(r"\d{1,2}(?:[、．]|\.(?!\d))"),
    re.compile(r"[(（]\d{1,2}[)）]"),
    re.compile(r"[①-⑳]"),
)
# (the points may be named in the bracket: 资金保障情况(分值10分) — the 安徽 衔接资金 scheme's
# outline, dev 447; 权重/满分 likewise, as in the tables' labels)
_POINTS = re.compile(r"[(（]\s*(?:分值|权重|满分)?\s*[:：为]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分\s*[)）]")
# ... or stated right after the heading's words without a bracket, the points named
# (项目投入情况。分值20分(自评20分), 项目立项。分值10分,自评10分: 安徽 民生工程 自评报告, dev 478,
# and the 衔接资金 scheme's outline of 447 written with the bracket): one stop between
_NAMED_POINTS = re.compile(r"[。，,；;:：\s]?\s*(?:分值|权重|满分)\s*[:：为]?\s*(\d{1,3}(?:\.\d{1,2})?)\s*分")
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
    ordinal: int
    children: list[_Heading] = field(default_factory=list)
    closed: bool = False
    cut: bool = False
    # its own section (before any sub-heading): the 自评得 scores, and whether a line there
    # states points without a numbered heading (an item whose heading was not recognised)
    scores: list[tuple[Decimal, int, str, int, int]] = field(default_factory=list)
    stray: bool = False

    @property
    def numbered_in_order(self) -> bool:
        """Whether its sub-headings count up (1, 2, 3): a numbering that restarts or repeats
        uses one style at two levels, and which heading holds which is unknown."""
        ordinals = [c.ordinal for c in self.children]
        return all(b > a for a, b in pairwise(ordinals))


_NUMERALS = "一二三四五六七八九"


def _ordinal(marker: str) -> int:
    """1 for 一、 (一) 1. (1) ①; 0 when it cannot be read."""
    digits = re.sub(r"\D", "", marker)
    if digits:
        return int(digits)
    if marker[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(marker[0]) - ord("①") + 1
    chars = re.sub(r"[^一二三四五六七八九十]", "", marker)
    if "十" not in chars:
        return _NUMERALS.index(chars) + 1 if len(chars) == 1 else 0
    tens, _, ones = chars.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (
        _NUMERALS.index(ones) + 1 if ones else 0)


# All markers in one pattern, one group per rank: a line is tried once (the audit runs at
# hundreds of reports per second; five tries per line of every report cost 5 % of it).
_MARKER = re.compile(r"[ \u3000\t]*(?:" + "|".join(f"(?P<r{k}>{m.pattern})" for k, m in
                                                   enumerate(_MARKERS)) + ")")


def _heading(text: str) -> tuple[int, int, Decimal | None, int, int] | None:
    """(rank, offset, points, points' offset, ordinal) of a numbered heading at the line's start."""
    m = _MARKER.match(text)
    if m is None:
        return None
    rank = int((m.lastgroup or "r0")[1:])
    lead = m.start(m.lastgroup or 0)
    p = _POINTS.search(text, m.end(), m.end() + _HEAD_MAX + 12)
    if p is not None and (p.start() - m.end() > _HEAD_MAX
                          or re.search(r"[。；;，,]", text[m.end():p.start()])):
        p = None
    if p is None:
        p = _NAMED_POINTS.search(text, m.end(), m.end() + _HEAD_MAX + 12)
        # (the stop before 分值 ends the heading's words: no other stop may come before it)
        if p is not None and (p.start() - m.end() > _HEAD_MAX
                              or re.search(r"[。；;，,]", text[m.end():p.start()])):
            p = None
    return (rank, lead, (Decimal(p.group(1)) if p else None), (p.start() if p else lead),
            _ordinal(m.group(m.lastgroup or 0)))


def heading_points_at(text: str) -> int | None:
    """Where a numbered heading at the line's start states its points (the offset), or None
    when the line is no heading stating points: a score after that is the item's own."""
    head = _heading(text)
    return head[3] if head is not None and head[2] is not None else None


def detect_outline_points(doc: AuditDocument) -> list[Finding]:
    """Sub-headings' points against their heading's; item scores against their points."""
    # only a text stating points in brackets, or naming them, holds a scored outline (a cheap
    # test per report)
    if not any("分)" in ln.text or "分）" in ln.text or "分值" in ln.text or "权重" in ln.text
               for ln in doc.lines):
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
            rank, _, points, at, ordinal = head
            while stack and stack[-1].rank >= rank:
                stack.pop().closed = True
            node = _Heading(rank, line.number, text, points, at, ordinal)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        if not stack or stack[-1].points is None or stack[-1].children:
            continue
        item = stack[-1]
        if head is None and _POINTS.search(text[:_HEAD_MAX + 12]):
            item.stray = True
        for m in _SCORE.finditer(text):
            sentence = re.split(r"[。；;]", text[max(0, m.start() - 120):m.start()])[-1]
            if not _SUMMING.search(sentence + m.group(0)):
                item.scores.append((Decimal(m.group(1)), line.number, text, m.start(), m.end()))
    for root in roots:
        findings.extend(_weights(doc, root))
    return sorted(findings, key=lambda f: f.line or 0)


def _score_over(item: _Heading) -> Finding | None:
    """An item's one 自评得 score above its points; none when its section states several
    scores or points of an unnumbered item (which score is this item's is then unknown)."""
    if item.points is None or len(item.scores) != 1 or item.stray or item.children:
        return None
    score, number, text, a, b = item.scores[0]
    if score <= item.points:
        return None
    return Finding(
        code="score-above-weight", severity=Severity.ERROR,
        message=(f"“{item.text.strip()[:20]}”分值 {fmt(item.points)} 分，自评得分 {fmt(score)} "
                 f"分超过分值 / scored {fmt(score)} of its {fmt(item.points)} points"),
        stated=score, expected=item.points, operands=(item.points,), unit="分", line=number,
        excerpt=excerpt(text, a, b, 20))


def _scores_over(node: _Heading) -> Finding | None:
    """A heading's one 自评 score below what its sub-items' scores add up to (资金保障情况(分值10分),
    自评10分 over 1、…自评5分 and 2、…自评5分): wrong whatever else was printed — every score
    is at least 0, so more sub-items only add. Each sub-item counted must state one score."""
    if len(node.scores) != 1 or not node.children or not node.numbered_in_order:
        return None
    parts = [c.scores[0][0] for c in node.children if len(c.scores) == 1]
    score, number, text, a, b = node.scores[0]
    got = sum(parts, Decimal(0))
    if not parts or got <= score:
        return None
    return Finding(
        code="sum-mismatch", severity=Severity.ERROR,
        message=(f"“{node.text.strip()[:20]}”自评 {fmt(score)} 分，其下各项自评得分之和已达 "
                 f"{fmt(got)} 分 / the heading scores {fmt(score)}, its items' scores add up to "
                 f"{fmt(got)}"),
        stated=score, expected=got, operands=tuple(parts), unit="分", line=number,
        excerpt=excerpt(text, a, b, 20))


def _weights(doc: AuditDocument, node: _Heading) -> list[Finding]:
    out: list[Finding] = []
    over = _score_over(node)
    out.extend([over] if over is not None else [])
    scored = _scores_over(node)
    out.extend([scored] if scored is not None else [])
    for child in node.children:
        out.extend(_weights(doc, child))
    parts = [c.points for c in node.children]
    known = [p for p in parts if p is not None]
    if node.points is None or not known or not node.numbered_in_order:
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
