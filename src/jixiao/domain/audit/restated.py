"""Detector: the same quantity stated twice in one paragraph with different values.

``二是物业管理费24.7万元。……每年应承担物业管理费21万元``: both figures are labelled
物业管理费 in the same paragraph, so they must agree. The label is the text directly in
front of the figure back to the previous punctuation, with ordinals (一是), 其中 and the
verbs of obligation (每年应承担) stripped; labels must then be identical (a year, a place
or 预算/实际 in front keeps them apart). Only money and area figures are compared, and
only within one paragraph (line): across a whole report the same words often name a
budget in one place and a payment in another. Long labels (a whole event described) and
statements carrying different dates (2020年10月30日 … 2021年4月21日), figures in different
items of a list (一是…；二是…, 1.…2.…, 一、…二、…), figures scoped to different subjects
(甲镇：补助资金…。乙镇：补助资金…) and parts of different wholes (下达资金…，其中中央资金…，
拨付资金…，其中中央资金…) are not compared.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    dimension,
    excerpt,
    in_unit,
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_restated", "label_of"]

_DELIMITER = re.compile(r"[,，。；;:：、|()（）\[\]【】“”\"'\s…]")
_LEAD = re.compile(
    r"^(?:其中|[一二三四五六七八九十]+是|\d+[.、]|(?:每年|全年|年度|每月)?(?:应|需|须)?"
    r"(?:承担|支付|缴纳|缴交|计)?)+"
)
_TRAIL = re.compile(r"(?:为|是|共计|合计|总计|共|计|达|达到|约|约为)+$")
_TRAIL_ENDS = ("为", "是", "计", "共", "达", "到", "约")  # the last characters of _TRAIL's words
_LEAD_FIRST = "其一二三四五六七八九十每全年应需须承支缴计"  # the first characters of _LEAD's words
_COMPARED = ("money", "area")
# A change names no quantity of its own: "收入…，同比上年度增加20万元；支出…，同比上年度增加10万元"
# are two different increases under the same words.
_RELATIVE = re.compile(r"增加|减少|增长|下降|同比|较上年|比上年|较去年|比去年|节约|结余|剩余|超支|"
                       r"提高|降低|增幅|降幅|差额|超出|超过|节余")
_MAX_LABEL = 12
# Dates qualify a statement: figures dated differently describe different events.
_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月\s*\d{1,2}\s*日")


def _dates(line: AuditLine, fig: Figure,
           cache: dict[tuple[int, int], frozenset[str]]) -> frozenset[str]:
    """The dates of the clause holding `fig` — found once per clause (`cache`), as a clause
    may be a whole long line when its punctuation was lost."""
    span = line.span_at(fig.start, clauses=True)
    if span not in cache:
        cache[span] = frozenset(m.group() for m in _DATE.finditer(line.text, *span))
    return cache[span]


def label_of(text: str, fig: Figure) -> str:
    """The words naming a figure: the text before it back to punctuation, ordinals and verbs cut."""
    start = fig.start
    floor = max(0, start - 40)  # a label is short; text without punctuation is no label
    # the last delimiter before the figure: one search of the reversed window
    m = _DELIMITER.search(text[floor:start][::-1])
    label = text[start - m.start() if m else floor:start]
    if label.endswith(_TRAIL_ENDS):  # (most labels end in their noun: nothing to cut)
        label = _TRAIL.sub("", label)
    if label[:1] in _LEAD_FIRST or label[:1].isdecimal():  # (else only an empty match to cut)
        label = _LEAD.sub("", label)
    return label


# where a list item starts: ；, 一是, （一）/(1), 一、, 第二, and 1. / 2、 (not a decimal point)
_ITEM_BOUNDARY = re.compile(r"(?=[；;一二三四五六七八九十（(第\d])(?:[；;]|[一二三四五六七八九十]+是|"
                            r"[（(][一二三四五六七八九十\d]+[)）]"
                            r"|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[，,、是]|"
                            r"(?<![\d.])\d{1,2}[.．、](?!\d))")
_NO_SCOPE = ("其中", "分别是", "分别为", "包括")
_CLAUSE_MARK = re.compile(r"[。；;]")
_DIGIT = re.compile(r"\d")


def _scope(text: str, fig: Figure, label: str) -> str:
    """The subject a "X：label N" statement belongs to (甲镇：补助资金10万元 → 甲镇)."""
    head = text[max(0, fig.start - 200):fig.start]
    cut = head.rfind(label) if label else -1
    if cut <= 0 or head[cut - 1] not in ":：":
        return ""
    start = max(head.rfind(ch, 0, cut - 1) for ch in "。；;，,") + 1
    scope = head[start:cut - 1].strip()
    return "" if scope in _NO_SCOPE else scope


def _parent(line: AuditLine, fig: Figure, labels: dict[int, str] | None = None) -> str:
    """The whole a part belongs to: ``下达资金100万元，其中中央资金60万元`` — the label of the
    last figure before the 其中 that opens the figure's list ('' when no 其中 leads to it).
    Parts of different wholes (其中中央资金 of the budget, of the payments) are different."""
    head = line.text[max(0, fig.start - 60):fig.start]
    at = head.rfind("其中")
    if at < 0 or _CLAUSE_MARK.search(head, at):
        return ""
    pos = max(0, fig.start - 60) + at
    n = line.count_before(pos)
    if not n:
        return ""
    parent = line.figures[n - 1]
    # (`labels`: the labels already read, by figure start; a list's parts share one parent)
    known = labels.get(parent.start) if labels is not None else None
    return "其中/" + (known if known is not None else label_of(line.text, parent))


def detect_restated(doc: AuditDocument) -> list[Finding]:
    """Same label, same paragraph, different money or area figures."""
    findings: list[Finding] = []
    for line in doc.figured:
        seen: dict[tuple[str, str, str], Figure] = {}
        # List-item boundaries, found once per line and only when a pair needs them:
        # searching the text between two figures for each pair rescanned a long single-line
        # report again and again.
        bounds: list[tuple[int, int]] = []
        bound_starts: list[int] | None = None
        dates: dict[tuple[int, int], frozenset[str]] = {}
        dated: bool | None = None  # whether the line states any date at all
        labels: dict[int, str] = {}
        for fig in line.figures:
            dim = dimension(fig.unit)[0]
            if not fig.exact or dim not in _COMPARED:
                continue
            label = labels[fig.start] = label_of(line.text, fig)
            if not 3 <= len(label) <= _MAX_LABEL or _DIGIT.search(label) \
                    or _RELATIVE.search(label):
                continue
            key = (_scope(line.text, fig, label) or _parent(line, fig, labels), label, dim)
            first = seen.get(key)
            if first is None:
                seen[key] = fig
                continue
            if dated is None:
                dated = _DATE.search(line.text) is not None
            if dated and _dates(line, first, dates) != _dates(line, fig, dates):
                continue  # (a line without a date: every clause's dates are the same, none)
            if bound_starts is None:
                bounds = [(m.start(), m.end()) for m in _ITEM_BOUNDARY.finditer(line.text)]
                bound_starts = [b[0] for b in bounds]
            k = bisect_left(bound_starts, first.end)
            if k < len(bounds) and bounds[k][1] <= fig.start:
                continue  # 一是…；二是…: list items about different subjects
            later = in_unit(fig, first.unit)
            if later is None or agrees(first.value, later) or agrees(later, first.value):
                continue
            findings.append(Finding(
                code="restated-mismatch",
                severity=Severity.ERROR,
                message=(
                    f"同一段中“{label}”先写作 {first.raw}，后写作 {fig.raw}"
                    f" / “{label}” is stated as {first.raw} and later as {fig.raw}"
                ),
                stated=first.value,
                expected=later,
                operands=(first.value, later),
                unit=first.unit,
                line=line.number,
                excerpt=excerpt(line.text, first.start, first.end, 20)
                + " … " + excerpt(line.text, fig.start, fig.end, 20),
            ))
    return findings
