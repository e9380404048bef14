"""The neutral cell grid every table writer draws, and the number formatting it carries.

A `Grid` is the official form already laid out: cells with row/column spans, display text
and — for numbers — the exact `Decimal` value and its kind, so that spreadsheets store
numbers with a number format while Word, PDF and HTML print the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.money import MONEY_UNITS, format_yuan, round_half_up
from jixiao.domain.numerals import format_wan, yuan_to_wan

__all__ = [
    "NUMBER_FORMATS",
    "Cell",
    "Grid",
    "amount_text",
    "amount_value",
    "percent_text",
    "percent_value",
    "plain",
    "points",
    "points_text",
    "quantity_text",
    "score_text",
    "sentence",
]

#: Excel number formats by cell kind ("text" and "label" cells are strings).
NUMBER_FORMATS: dict[str, str] = {
    "amount": "#,##0.00",
    "percent": "0.00%",
    "score": "0.00",
    "number": "General",
}


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the form, at 0-based (row, col), spanning rowspan × colspan.

    `kind` is ``label`` (printed form text), ``text`` (data text), or a numeric kind of
    `NUMBER_FORMATS`; numeric cells carry their exact `value` (a percent as a fraction).
    """

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "text"
    value: Decimal | None = None
    align: str = "center"
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    """A laid-out form: title lines, relative column widths, cells, notes."""

    title: str
    subtitle: str
    table_number: str
    unit_note: str
    columns: tuple[Decimal, ...]
    cells: tuple[Cell, ...]
    rows: int
    footnotes: tuple[str, ...] = ()
    orientation: str = "portrait"
    font_size: Decimal = Decimal(10)
    #: Leading rows repeated on every page the table runs over (0 for the official form).
    header_rows: int = 0
    #: A row further down repeated at the top of every later page (the 自评表's indicator
    #: header 一级/二级/三级…); None for none.
    repeat_row: int | None = None
    #: How many rows from `repeat_row` repeat (2 for a two-level indicator header).
    repeat_rows: int = 1
    #: Rows from here to the end stay on one page (the 总分 row with the row before it).
    keep_from: int | None = None
    #: Why this is a draft (results not filled in); empty for a finished document. Every
    #: writer marks a draft (watermark / banner) when this is non-empty.
    draft: tuple[str, ...] = ()
    #: A line above the table, left (e.g. "部门：永德县明朗中学"), beside the table number.
    top_line: str = ""

    def text_rows(self) -> list[list[str]]:
        """The grid as rows of text, merged cells repeated in their top-left slot only."""
        out = [["" for _ in self.columns] for _ in range(self.rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out


def plain(value: Decimal) -> str:
    """A decimal as written, without exponent: Decimal('5236') → '5236', '0.95' → '0.95'."""
    text = format(value, "f")
    return text


def points(value: Decimal) -> Decimal:
    """Points (分值) without trailing zeros: 50.0 → 50, 6.250 → 6.25 (never an exponent)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def points_text(value: Decimal) -> str:
    """分值 as printed: '50' for 50.0 or 50.00, '6.25' for 6.250 — no spurious '.0'.

    Category weights are sums of indicator weights, and a sum of decimals such as
    8 × 6.25 is 50.00; a form or report never prints that as "分值50.00分".
    """
    return format(points(value), "f")


def quantity_text(value: Decimal, unit: str) -> str:
    """An indicator value: money (元/万元) with separators and 2 decimals, else as written."""
    if unit in MONEY_UNITS:
        return format_yuan(value)
    return plain(value)


def score_text(value: Decimal) -> str:
    """Scores are printed with 2 decimals, 四舍五入 (CONTRACTS.md §2)."""
    return f"{round_half_up(value, 2):.2f}"


def percent_value(fraction: Decimal, boundaries: tuple[Decimal, ...] = ()) -> Decimal:
    """A rate rounded to the printed precision (4 decimals of the fraction, 四舍五入) —
    except that it never crosses a boundary the rule set uses.

    Under Jiangxi's tiers 479,999.99 ÷ 480,000 = 0.99999998 scores 7 points; rounded it
    would print 100.00% beside a rule "100%及以上得10分". A rate below a boundary whose
    rounding reaches it is cut down to the last 0.01% below (99.99%) instead.
    """
    rounded = round_half_up(fraction, 4)
    for b in boundaries:
        if fraction < b <= rounded:
            rounded = min(rounded, b - Decimal("0.0001"))
    return rounded


def percent_text(fraction: Decimal | None, boundaries: tuple[Decimal, ...] = ()) -> str:
    """0.975252… → '97.53%'; None (a zero budget) → '—'. See `percent_value` for
    `boundaries` (rates the scoring rule compares with: the printed rate never crosses them)."""
    if fraction is None:
        return "—"
    return f"{percent_value(fraction, boundaries) * 100:.2f}%"


_SENTENCE_END = ("。", "！", "？", "；", "…", ".", "!", "?", ";")


def sentence(text: str, end: str = "。") -> str:
    """`text` ending in one full stop: "已完成。" stays, "已完成" gets "。" (never "。。")."""
    text = text.rstrip()
    return text if not text or text.endswith(_SENTENCE_END) else text + end


def amount_value(yuan: Decimal, unit: str, places: int = 2) -> Decimal:
    """The number a form shows for an amount in `unit` (元 or 万元), rounded 四舍五入."""
    return yuan_to_wan(yuan, places) if unit == "万元" else round_half_up(yuan, places)


def amount_text(yuan: Decimal, unit: str, places: int = 2) -> str:
    """'2,281,500.00' in 元 or '228.15' in 万元, with thousands separators."""
    return format_wan(yuan, places) if unit == "万元" else format_yuan(yuan, places)
