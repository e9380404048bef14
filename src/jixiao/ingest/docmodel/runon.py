"""Undo run-together text: a report whose line breaks were lost, cut back into its lines.

A web page copied without its paragraph breaks, or a page whose markup put a whole report in
one text node, reaches the audit as one line holding every heading, paragraph and table
row (round 1 013 and 014 are such pages as published; `bench/audit_invariance.py`'s
``joined`` makes one of every report). The detectors read a line as a paragraph and a
``|`` line as a table row, so a run-on line pairs figures of different sections (a total
of one section with the parts of another, a label's amount restated in another section)
and hides every table row.

`split_run_on` cuts such a line where the writer's own structure says a line began:

- before each heading of the report's outline — 一、 二、 … and （一） （二） … — once the line
  shows two headings of one level in order (一、 … 二、): a run-on report, not a paragraph
  naming 一、二、三级 or citing （一）;
- before 1、 1. （1） ① items that follow a sentence's end (。！？；：) in such a line;
- at a table row's border run into the next line's first cell (``… | 128.05 |文化活动经费``):
  inside a row the readers and the captured pages space the borders (`` | ``), so a border
  glued to the text after it is where one row ended and the next line began.

Once a line is cut, the document's lines are numbered anew (the table reader and the
detectors tell lines apart by number) and `AuditDocument.origins` keeps each one's line in
the file: findings name the file's own line.
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["restore_stops", "split_run_on"]

#: A line shorter than this is a paragraph, whatever it holds (the genre's longest
#: paragraphs — a 分别是 list of areas, a 其中 list of funds — run to about 1000 characters).
_MIN_RUN_ON = 600
_NUMERALS = "一二三四五六七八九十"
_NUMBER = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CJK = r"(?=[\u4e00-\u9fff])"
# The outline's marks, one group per level: 二、 （二） 2、 or 2. （2） ② — each followed by a
# CJK character (not 1.5, not 2022年, not the numerals of a list: 一、二、三级, 1、2、3类).
_MARK = re.compile(rf"(?<![{_NUMERALS}、])({_NUMBER})、{_CJK}"
                   rf"|[（(]({_NUMBER})[)）]{_CJK}"
                   rf"|(?<![\d、.．])(\d{{1,2}})(?:、|[.．]){_CJK}"
                   rf"|[（(](\d{{1,2}})[)）]{_CJK}"
                   rf"|([①-⑳])")
_LEVELS = 5
#: A line shorter than this holds no two sentences to part (a heading, a cell, a short item).
_MIN_STOPS_LOST = 30
# The genre's enumeration of points in a paragraph: 一是… 二是… 三是… (each opens a sentence).
_POINT = re.compile(rf"(?<![{_NUMERALS}、])({_NUMBER})是")
# What may stand before a sentence's start: the marks that end or part clauses, brackets and
# quotes opening, a blank. Anything else before an opening mark is a lost 。.
_BEFORE_START = frozenset("。！？；：，、,.;:!?（(“‘《【[ \t\u3000")
# A border glued to the next line's first cell: ``|文化`` — not `` | `` and not ``||``.
_ROW_JOIN = re.compile(r"(?<=\|)(?=[^\s|])")


def split_run_on(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """`lines` with every run-on line cut into the lines it was made of (module docstring),
    and the file's line of each number when a line was cut: then every line is numbered
    anew from 1 in order (the pieces of one line need numbers of their own, and numbers
    must keep increasing down the document), else the lines and ``{}``."""
    if all(len(t) < _MIN_RUN_ON for _, t in lines):
        return lines, {}
    cut = [(n, _pieces(t) if len(t) >= _MIN_RUN_ON else [t]) for n, t in lines]
    if all(len(pieces) == 1 for _, pieces in cut):
        return lines, {}
    out: list[tuple[int, str]] = []
    origins: dict[int, int] = {}
    for n, pieces in cut:
        for piece in pieces:
            out.append((len(out) + 1, piece))
            origins[len(out)] = n
    return out, origins


def _pieces(text: str) -> list[str]:
    """`text` cut at the table rows run into one another, then at the marks of its outline —
    in a row only before its first border (a row's 评分标准 cell numbers its items too:
    1、… 2、…)."""
    rows = _cut(text, {m.start() for m in _ROW_JOIN.finditer(text)}) if " | " in text else [text]
    out: list[str] = []
    for piece in rows:
        # (in a piece holding a row only the prose run into its first cell is cut)
        bar = piece.find("|")
        marks = list(_MARK.finditer(piece, 0, len(piece) if bar < 0 else bar))
        cuts: set[int] = set()
        for level in range(1, _LEVELS + 1):
            cuts |= _outline([(m.start(), _value(m.group(level))) for m in marks if m.group(level)])
        out += _cut(piece, cuts)
    return out


def _cut(text: str, cuts: set[int]) -> list[str]:
    """`text` cut at these places, each piece stripped, empty ones left out."""
    bounds = [0, *sorted(cuts - {0}), len(text)]
    pieces = [text[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in pieces if p]


def _value(mark: str) -> int:
    """A mark's number: 3, 十二 (the outline's numerals), ③."""
    if mark.isdigit() and mark.isascii():
        return int(mark)
    if "①" <= mark <= "⑳":
        return ord(mark) - ord("①") + 1
    if "十" not in mark:
        return _NUMERALS.index(mark) + 1
    tens, _, units = mark.partition("十")
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(units) + 1 if units else 0)


def _outline(marks: list[tuple[int, int]], skip: int = 0) -> set[int]:
    """Where the marks of one level follow the outline's order: a mark one up from the last
    one kept (or up to `skip` more: points a damaged capture lost), or a 1 that the next
    mark follows with 2 (a section starting its items again). A mark out of that order (a
    3 quoted in a sentence) is no heading."""
    kept: set[int] = set()
    last = 0
    for k, (at, value) in enumerate(marks):
        restart = value == 1 and k + 1 < len(marks) and marks[k + 1][1] == 2
        if restart or (last and last < value <= last + 1 + skip):
            kept.add(at)
            last = value
    return kept


def restore_stops(text: str) -> str:
    """`text` with a 。 put back before each sentence opening glued to the text before it:
    a point of its 一是… 二是… enumeration or a mark of its outline (（二） 2、 ③), counted in
    order (`_outline`), with no punctuation before it.

    Web pages and converted files lose their full stops (a 。 dropped with a line break, a
    font without the glyph); the detectors read a sentence as the reach of its relations,
    so a lost 。 pairs one sentence's figures with the next one's (an 办结率 of one point
    divided from the counts of another: seed line 21 with its 。 lost). An opening mark
    glued to a word or a figure (…按时办结率100%四是…) is where a sentence ended. Rows (a
    line with ``|``) are left as they are: their cells number their items too; so is a line
    holding a 。 (its writer's stops are there) or too short for two sentences."""
    if "。" in text or "|" in text or len(text) < _MIN_STOPS_LOST:
        # (a line that keeps a 。 kept its stops; the check costs every line of every report)
        return text
    cuts: set[int] = set()
    marks = list(_MARK.finditer(text))
    for level in range(1, _LEVELS + 1):
        cuts |= _outline([(m.start(), _value(m.group(level))) for m in marks if m.group(level)])
    # (the seed's 一是…三是 goes on with 六是 七是: its 四是 and 五是 were lost in capture)
    cuts |= _outline([(m.start(), _value(m.group(1))) for m in _POINT.finditer(text)], skip=2)
    cuts = {at for at in cuts if at > 0 and text[at - 1] not in _BEFORE_START}
    if not cuts:
        return text
    bounds = [0, *sorted(cuts), len(text)]
    return "。".join(text[a:b] for a, b in pairwise(bounds))
