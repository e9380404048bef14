"""The facts the figure audit works on: figures with units, lines, and comparison helpers.

Figures are extracted from text by `jixiao.ingest.figures` (which may use third-party
parsers such as cn2an) and handed to the detectors as these plain frozen dataclasses, so
the detectors stay pure and standard-library only.

A figure keeps the value *as printed* in the unit *as printed* (``24.7万元`` is value
``24.7``, unit ``万元``): findings quote the document in its own terms (CONTRACTS.md §4).
Tolerance always comes from the printed precision: ``203.45`` means ±0.005.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from operator import le
from typing import TYPE_CHECKING

from jixiao.domain.money import round_half_up

if TYPE_CHECKING:
    from jixiao.domain.audit.tables import Table

__all__ = [
    "AuditDocument",
    "AuditLine",
    "Cell",
    "Figure",
    "agrees",
    "agrees_within",
    "cells",
    "clause_around",
    "common_run",
    "dimension",
    "excerpt",
    "fmt",
    "half_unit",
    "in_unit",
    "label_before",
    "lone_figure",
    "places",
    "plain_label",
    "product_agrees",
    "ratio_agrees",
    "sentences",
]

# Qualifiers: an exact figure has none. Approximate (约 余 多 左右), bound (≥ 以上) and range
# figures are kept so detectors can see them, but are never used as exact operands.
EXACT = ""
APPROX = "approx"
BOUND = "bound"
RANGE = "range"


# Setting a slot of a frozen instance. The constructors below are written out: the `__init__`
# a frozen dataclass generates calls `object.__setattr__` for every field, which looks the
# field up by name, and figures and lines are made by the thousand per report. They call each
# slot's own setter instead (the member descriptor's `__set__`, bound once below each class:
# `_fig_*`, `_line_*`): ≈ 1.6 × faster, same fields and value (tests/audit/test_fast_paths.py).


@dataclass(frozen=True, slots=True, init=False)
class Figure:
    """One number the document states.

    Attributes:
        value: the number as printed (full-width digits and separators already normalised).
        unit: the unit as the document uses it, canonical spelling (``万元``, ``平方米``,
            ``%``, ``个``, ``元/平方米/月``); ``""`` when none is printed; a price whose unit
            text is damaged keeps the damage visible (``?/平方米``).
        start: offset of the first character of the figure in its line.
        end: offset just after the figure (and its unit) in its line.
        raw: the text as printed, e.g. ``24.7万元``.
        qualifier: ``""`` for an exact figure, else ``approx``, ``bound`` or ``range``.
    """

    value: Decimal
    unit: str
    start: int
    end: int
    raw: str
    qualifier: str = EXACT

    def __init__(self, value: Decimal, unit: str, start: int, end: int, raw: str,
                 qualifier: str = EXACT) -> None:
        _fig_value(self, value)
        _fig_unit(self, unit)
        _fig_start(self, start)
        _fig_end(self, end)
        _fig_raw(self, raw)
        _fig_qualifier(self, qualifier)

    @property
    def exact(self) -> bool:
        """True when the figure may be used as an exact operand."""
        return self.qualifier == EXACT


_fig_value, _fig_unit, _fig_start, _fig_end, _fig_raw, _fig_qualifier = (
    Figure.__dict__[name].__set__ for name in ("value", "unit", "start", "end", "raw", "qualifier"))


@dataclass(frozen=True, slots=True, init=False)
class AuditLine:
    """One line of extracted text (1-based `number`) and the figures found in it."""

    number: int
    text: str
    figures: tuple[Figure, ...]
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    # The figures' ends when they never decrease (figures do not overlap), else None:
    # `figures_between` then cuts its slice by bisection instead of testing each figure.
    _ends: tuple[int, ...] | None = field(init=False, repr=False, compare=False)
    # `cells` is asked for by several detectors; computed once, on first use
    _cells: tuple[Cell, ...] | None = field(default=None, init=False, repr=False, compare=False)
    # Sentence and clause spans, computed once per line on first use: detectors ask for the
    # span around a position once per marker or figure, and a report flattened into one
    # 300 KB line must not rescan the line each time (that was quadratic).
    _spans: dict[bool, tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]]] = \
        field(default_factory=dict, init=False, repr=False, compare=False)
    # The labels asked for by `label_before` (by figure start, floor, limit, spaced), read once
    # per line: several readings of one line (its clauses, its sentences, the sentence before
    # a rate) ask for the same figures' labels.
    _labels: dict[tuple[int, int, int, bool], str] = \
        field(default_factory=dict, init=False, repr=False, compare=False)

    def __init__(self, number: int, text: str, figures: tuple[Figure, ...]) -> None:
        _line_number(self, number)
        _line_text(self, text)
        _line_figures(self, figures)
        _line_cells(self, None)
        _line_spans(self, {})
        _line_labels(self, {})
        # Figures come sorted by position; their starts allow a binary search below.
        if not figures:  # (most lines of a report)
            _line_starts(self, ())
            _line_ends(self, ())
            return
        _line_starts(self, tuple([f.start for f in figures]))
        ends = tuple([f.end for f in figures])
        _line_ends(self, ends if all(map(le, ends, ends[1:])) else None)

    def renumbered(self, number: int) -> AuditLine:
        """This line's text and figures as line `number` (a report repeating a line), sharing
        its sentence and clause spans and its labels: they depend on the text alone, so they
        are read once."""
        # (every slot copied from this line: nothing to recompute)
        line: AuditLine = _new(AuditLine)
        _line_number(line, number)
        _line_text(line, self.text)
        _line_figures(line, self.figures)
        _line_starts(line, self._starts)
        _line_ends(line, self._ends)
        _line_cells(line, None)
        _line_spans(line, self._spans)
        _line_labels(line, self._labels)
        return line

    def label_before(self, fig: Figure, floor: int = 0, limit: int = 40,
                     spaced: bool = False) -> str:
        """`label_before` of one of this line's figures, read once per line and arguments."""
        key = (fig.start, floor, limit, spaced)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = label_before(self.text, fig, floor, limit, spaced)
        return label

    def figures_between(self, start: int, end: int) -> tuple[Figure, ...]:
        """Figures lying wholly inside ``text[start:end]``."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end, lo)
        if self._ends is not None:
            # ends in order: the figures ending after `end` are the last ones of the slice
            return self.figures[lo:min(hi, bisect_right(self._ends, end, lo))]
        return tuple(f for f in self.figures[lo:hi] if f.end <= end)

    def count_before(self, pos: int) -> int:
        """How many figures end at or before `pos` (they are ``figures[:n]``), by bisection."""
        n = bisect_right(self._starts, pos)
        while n and self.figures[n - 1].end > pos:
            n -= 1
        return n

    def spans(self, clauses: bool = False) -> tuple[tuple[int, int], ...]:
        """The (start, end) of every sentence — or clause — of the line, cut once per line."""
        cached = self._spans.get(clauses)
        if cached is None:
            spans = tuple(sentences(self.text, clauses) or [(0, 0)])
            cached = self._spans[clauses] = (tuple(a for a, _ in spans),
                                             tuple(b for _, b in spans), spans)
        return cached[2]

    def span_at(self, pos: int, clauses: bool = False) -> tuple[int, int]:
        """The (start, end) of the sentence — or clause — of `sentences` that holds `pos`."""
        if clauses not in self._spans:
            self.spans(clauses)
        starts, ends, _ = self._spans[clauses]
        i = bisect_right(starts, pos) - 1
        if i < 0 or pos >= ends[i]:  # at the very end of the line
            return min(pos, len(self.text)), len(self.text)
        return starts[i], ends[i]


_new = object.__new__
(_line_number, _line_text, _line_figures, _line_starts, _line_ends, _line_cells, _line_spans,
 _line_labels) = (AuditLine.__dict__[name].__set__ for name in (
     "number", "text", "figures", "_starts", "_ends", "_cells", "_spans", "_labels"))


@dataclass(frozen=True, slots=True)
class AuditDocument:
    """The extracted text of one report, line by line, and the tables recovered from it.

    `tables` come from `jixiao.ingest.docmodel` (rows × cells, each cell with its line);
    a document built from lines alone has none, and the line-based detectors still run.
    """

    lines: tuple[AuditLine, ...]
    tables: tuple[Table, ...] = ()
    # the lines holding a figure, picked out once on first use (`figured`)
    _figured: tuple[AuditLine, ...] | None = field(default=None, init=False, repr=False,
                                                  compare=False)
    # where each line stands, by identity and by number, built on the first lookup whose line
    # number is no index (`index`, `line`): in a hard-wrapped text that is every line after the
    # first rejoined paragraph, and each lookup would otherwise scan the document from the top
    _places: tuple[dict[int, int], dict[int, AuditLine]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def figured(self) -> tuple[AuditLine, ...]:
        """The lines that hold at least one figure, in order.

        A detector that relates figures of one line to each other loops over these: most lines
        of a report (blank lines, headings, prose without numbers — 51 of the seed's 65) then
        cost it nothing, not even its gate's search.
        """
        if self._figured is None:
            object.__setattr__(self, "_figured", tuple(ln for ln in self.lines if ln.figures))
        assert self._figured is not None
        return self._figured

    def line(self, number: int) -> AuditLine | None:
        """The line with this 1-based number, or None."""
        if 1 <= number <= len(self.lines) and self.lines[number - 1].number == number:
            return self.lines[number - 1]
        return self._lookup()[1].get(number)

    def index(self, line: AuditLine) -> int | None:
        """The place of `line` in `lines` (None if it is not one of them).

        Usually ``line.number - 1``; but the lines a hard-wrapped paragraph was joined from
        are left out of the document (`jixiao.ingest.docmodel.wrapping`), so a line's number
        is no index after them: ask here for the line before or after one.
        """
        k = line.number - 1
        if 0 <= k < len(self.lines) and self.lines[k] is line:
            return k
        return self._lookup()[0].get(id(line))

    def _lookup(self) -> tuple[dict[int, int], dict[int, AuditLine]]:
        """Each line's place (by the line's identity) and each number's line, the first of
        either kept — what a scan from the top would find."""
        if self._places is None:
            at: dict[int, int] = {}
            numbered: dict[int, AuditLine] = {}
            for k, ln in enumerate(self.lines):
                at.setdefault(id(ln), k)
                numbered.setdefault(ln.number, ln)
            object.__setattr__(self, "_places", (at, numbered))
        assert self._places is not None
        return self._places


# Unit dimensions: unit -> (dimension, factor to the dimension's base unit). Units of the
# same dimension can be compared after conversion; anything else never mixes.
_DIMENSIONS: dict[str, tuple[str, Decimal]] = {
    "元": ("money", Decimal(1)),
    "万元": ("money", Decimal(10_000)),
    "亿元": ("money", Decimal(100_000_000)),
    "平方米": ("area", Decimal(1)),
    "万平方米": ("area", Decimal(10_000)),
    "公顷": ("area", Decimal(10_000)),
    "万公顷": ("area", Decimal(100_000_000)),
    "平方公里": ("area", Decimal(1_000_000)),
    "米": ("length", Decimal(1)),
    "公里": ("length", Decimal(1000)),
    "千米": ("length", Decimal(1000)),
    "厘米": ("length", Decimal("0.01")),
    "吨": ("mass", Decimal(1)),
    "万吨": ("mass", Decimal(10_000)),
}


class _Dimensions(dict[str, tuple[str, Decimal]]):
    """Each unit's (dimension, factor), a unit not yet seen worked out on its first lookup."""

    def __missing__(self, unit: str) -> tuple[str, Decimal]:
        if len(unit) > 1 and unit[0] == "万" and unit != "万":
            found = (unit[1:], Decimal(10_000))
        elif len(unit) > 1 and unit[0] == "亿":
            found = (unit[1:], Decimal(100_000_000))
        else:
            found = (unit, Decimal(1))
        if len(self) < 4096:  # (units come from a fixed vocabulary; bounded all the same)
            self[unit] = found
        return found


#: The dimension of a unit and its factor; a count unit ``万件`` is (``件``, 10000). Unknown
#: units are their own dimension (factor 1), so only identical units compare.
#: (the table's own lookup, not a function around it: every detector asks this for most
#: figures — 250 000 times for a 1 MB report — and a unit seen before then costs no Python
#: call; a report uses a few dozen units)
dimension: Callable[[str], tuple[str, Decimal]] = _Dimensions(_DIMENSIONS).__getitem__


def in_unit(figure: Figure, unit: str) -> Decimal | None:
    """`figure` converted to `unit` exactly, or None when the dimensions differ."""
    if figure.unit == unit:
        return figure.value  # (× 1 ÷ 1: the same Decimal, exponent included)
    dim_f, fac_f = dimension(figure.unit)
    dim_u, fac_u = dimension(unit)
    if dim_f != dim_u:
        return None
    return figure.value * fac_f / fac_u


def places(value: Decimal) -> int:
    """Number of decimals printed (``203.45`` → 2, ``21`` → 0)."""
    # (the digits after the point of its text: `as_tuple` builds a tuple of every digit and
    # costs twice as much, and every comparison of a figure asks this. Without an exponent the
    # text has a point exactly when the exponent is negative — an integer, NaN or Infinity has
    # none; scientific notation, 1E+2 or 0E-7, reads the exponent)
    text = str(value)
    if "E" in text or "e" in text:
        exponent = value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    dot = text.find(".")
    return len(text) - dot - 1 if dot >= 0 else 0


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """Whether `computed` could be printed as `stated` at the stated precision.

    Rounding half up is the rule; truncation is accepted too, because many tables cut
    (97.809% printed 97.80%) and a finding must be right, not pedantic.
    """
    if computed == stated:
        # (the common case — most relations of a report hold exactly — without the two
        # quantizes: a value equal to `stated` rounds and cuts to it at its own precision)
        return True
    p = places(stated)
    rounded = round_half_up(computed, p)
    cut = computed.quantize(_QUANTA[p] if p < len(_QUANTA) else Decimal(1).scaleb(-p),
                            rounding=ROUND_DOWN)
    return stated in (rounded, cut)


_QUANTA = tuple(Decimal(1).scaleb(-p) for p in range(12))  # 1, 0.1, 0.01 … for `agrees`
_HALVES = tuple(Decimal(5).scaleb(-p - 1) for p in range(12))  # 0.5, 0.05 … for `half_unit`
_ZERO = Decimal(0)


def half_unit(value: Decimal) -> Decimal:
    """How far a printed operand may be from the true figure: ±half its last decimal.

    A figure printed with decimals (222.50万元) was rounded; a whole number (2元, 650万元)
    is taken as exact — contract prices and budgets are whole amounts far more often
    than they are rounded ones.
    """
    p = places(value)
    if not p:
        return _ZERO
    return _HALVES[p] if p < len(_HALVES) else Decimal(5).scaleb(-p - 1)


def agrees_within(stated: Decimal, low: Decimal, high: Decimal) -> bool:
    """Whether some value in [low, high] could be printed as `stated` (rounded or cut)."""
    p = places(stated)
    unit = _QUANTA[p] if p < len(_QUANTA) else Decimal(1).scaleb(-p)
    return low < stated + unit and high >= stated - unit / 2


def ratio_agrees(stated: Decimal, numerator: Decimal, denominator: Decimal,
                 scale: Decimal = Decimal(1)) -> bool:
    """`stated` ≈ numerator ÷ denominator × scale, with the operands' printed rounding."""
    hn, hd = half_unit(numerator), half_unit(denominator)
    if denominator - hd <= 0:
        return True  # cannot bound the ratio: never accuse
    if numerator >= 0 and scale > 0:
        # (the printed operands' own ratio first: it lies between the bounds below — they are
        # computed in the same order from a smaller and a larger quotient — so when it gives
        # the stated figure the range does too, and most rates of a report agree; below 10¹⁵,
        # so that rounding it to the stated decimals cannot overflow the context)
        point = numerator / denominator * scale
        if point.adjusted() < 15 and agrees(stated, point):
            return True
    low = max(numerator - hn, Decimal(0)) / (denominator + hd) * scale
    high = (numerator + hn) / (denominator - hd) * scale
    return agrees_within(stated, low, high)


def product_agrees(stated: Decimal, factors: tuple[Decimal, ...],
                   scale: Decimal = Decimal(1)) -> bool:
    """`stated` ≈ the product of positive `factors` × scale, with their printed rounding."""
    low = high = scale
    for x in factors:
        low *= max(x - half_unit(x), Decimal(0))
        high *= x + half_unit(x)
    return agrees_within(stated, low, high)


def fmt(value: Decimal, at_least: int = 0, at_most: int = 6) -> str:
    """Plain decimal text for output: no exponent, trailing zeros kept to `at_least`."""
    value = round_half_up(value, at_most)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if at_least:
        whole, _, frac = text.partition(".")
        text = f"{whole}.{frac.ljust(at_least, '0')}"
    return text


_SENTENCE_END = re.compile(r"[。！？!?]")
# A year as printed before its 年 (2022年, 2022 年度): what scopes a clause's amounts to a year
# (restated's clause years, sums' year groups).
# (`\d\d{3}`, not `\d{4}`: a pattern opening with a character class lets the engine skip to
# the digits; one opening with a repeat is tried at every position)
YEARS = re.compile(r"\d\d{3}(?=\s*年)")
_CLAUSE_END = re.compile(r"[。！？!?；;]")


def sentences(text: str, clauses: bool = False) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a line; the end mark belongs to the sentence.

    With `clauses`, a semicolon ends a span too (enumerations use ；between items).
    """
    ends = [m.end() for m in (_CLAUSE_END if clauses else _SENTENCE_END).finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return list(zip([0, *ends], ends, strict=False)) if text else []


def clause_around(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the clause (ended by 。！？；) that holds position `pos`."""
    start = pos
    while start > 0 and text[start - 1] not in "。！？!?；;":
        start -= 1
    m = _CLAUSE_END.search(text, pos)
    return start, (m.end() if m else len(text))


def common_run(a: str, b: str) -> int:
    """Length of the longest run of characters two labels share (基础养老金 of 申请基础养老金补贴
    and 发放市级承担基础养老金): how detectors tell which of several figures a name refers to.
    Labels are short, so the plain table is cheap."""
    best = 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        row = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if ch == other:
                row[j] = previous[j - 1] + 1
                best = max(best, row[j])
        previous = row
    return best


def excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    """The text around ``text[start:end]``, cut with an ellipsis, on one line."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    body = text[a:b].replace("\n", " ").strip()
    return ("…" if a > 0 else "") + body + ("…" if b < len(text) else "")


_LABEL_DELIMITER = re.compile(r"[,，。；;:：、|()（）\s]")
_LAST_DELIMITER = re.compile(rf"(?s:.*){_LABEL_DELIMITER.pattern}")  # (ends after the last one)
_VERB_TAIL = re.compile(r"(?:为|是|达|达到|共|共计|合计|计|约)+$")
_VERB_ENDS = ("为", "是", "达", "到", "共", "计", "约")  # the last characters of its words


def label_before(text: str, fig: Figure, floor: int = 0, limit: int = 40,
                 spaced: bool = False) -> str:
    """The words naming a figure: the text right before it back to punctuation (at most
    `limit` characters, not before `floor`). With `spaced`, blanks between the words and
    the figure are passed over (PDF text: "使用率 91%"), and so is a colon (执行率：95%)."""
    end = fig.start
    if spaced:
        while end > floor and text[end - 1] == " ":
            end -= 1
        # "执行率：95%" (a form's label and value): the colon joins them
        if end > floor and text[end - 1] in ":：":
            end -= 1
    floor = max(floor, end - limit)
    if floor < 0:  # (a slice counts a negative floor from the end of the text)
        m = _LABEL_DELIMITER.search(text[floor:end][::-1])
        return text[end - m.start() if m else floor:end]
    # the last delimiter before the words: one match of the window, whose greedy `.*` backs off
    # from the figure to the delimiter — no slice of the window and no reversed copy (this runs
    # for most figures of a report)
    m = _LAST_DELIMITER.match(text, floor, end)
    return text[m.end() if m else floor:end]


def plain_label(label: str) -> str:
    """A label without its trailing verb: 执行数为 → 执行数, 共计 → ''."""
    # (a `…$` pattern is tried at every position: only a label ending in a verb needs it)
    return _VERB_TAIL.sub("", label) if label.endswith(_VERB_ENDS) else label


_OPERATOR_MARKS = ("", "≥", "≤", ">", "<", "=", "≧", "≦", "＝", "═", ">=", "<=")


def lone_figure(text: str, start: int, figures: tuple[Figure, ...]) -> Figure | None:
    """The one figure of a cell whose text (beginning at `start` in its line) is only that
    figure, an operator allowed before it; else None."""
    if len(figures) != 1:
        return None
    fig = figures[0]
    rest = (text[: fig.start - start] + text[fig.end - start:]).strip()
    return fig if rest in _OPERATOR_MARKS else None


_BAR = re.compile(r"\|")


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell of a flattened row (cells separated by ``|``)."""

    text: str
    start: int
    end: int
    figures: tuple[Figure, ...]

    @property
    def number(self) -> Figure | None:
        """The cell's figure when the cell is just one figure (an operator may precede it)."""
        return lone_figure(self.text, self.start, self.figures)


def cells(line: AuditLine) -> list[Cell]:
    """The ``|``-separated cells of a line, empty ones dropped."""
    if line._cells is None:
        object.__setattr__(line, "_cells", tuple(_split_cells(line)))
    assert line._cells is not None
    return list(line._cells)


def _split_cells(line: AuditLine) -> list[Cell]:
    text = line.text
    if "|" not in text:
        # (most lines: the whole line is its one cell — or none when blank)
        stripped = text.strip()
        if not stripped:
            return []
        a = len(text) - len(text.lstrip())
        b = a + len(stripped)
        return [Cell(stripped, a, b, line.figures_between(a, b) if line.figures else ())]
    out: list[Cell] = []
    start = 0
    bars = [m.start() for m in _BAR.finditer(text)]
    for pos in [*bars, len(text)]:
        raw = text[start:pos]
        stripped = raw.strip()
        if stripped:
            a = start + (len(raw) - len(raw.lstrip()))
            b = a + len(stripped)
            out.append(Cell(stripped, a, b, line.figures_between(a, b)))
        start = pos + 1
    return out
