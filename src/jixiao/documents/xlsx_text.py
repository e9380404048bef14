"""Cells that keep what jixiao meant in every spreadsheet program: text stays text
(`put_text(cell, text)`), numbers keep their exact decimal text (`put_number(cell, value)`).

openpyxl stores any string that starts with ``=`` as a formula (``=100%`` shows 1, ``=50户``
shows ``#NAME?``, ``=HYPERLINK(…)`` becomes a live link). User text — indicator names,
targets, 偏差原因, project names — must reach the reviewer exactly as typed, so every
xlsx writer in jixiao writes strings through this one function: the cell is typed as a
string (``t="inlineStr"``, never ``<f>``), formatted as text (``@``), and strings that a
spreadsheet would read as a formula or a number when someone edits the cell (leading
``=`` ``+`` ``-`` ``@``, tab or CR) get Excel's quote prefix, the ``'`` a person would type.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

__all__ = ["FORMULA_LEADS", "put_number", "put_text"]

#: First characters that make Excel, WPS or LibreOffice treat typed input as a formula.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")


def put_text(cell: Any, text: str) -> Any:
    """Store `text` in `cell` as a string cell, never a formula; returns the cell."""
    cell.value = text
    cell.data_type = "s"  # openpyxl typed "=…" as "f"; a string cell is written as text
    cell.number_format = "@"
    if text.startswith(FORMULA_LEADS):
        cell.quotePrefix = True
    return cell


def put_number(cell: Any, value: Decimal | int) -> Any:
    """Store `value` as a numeric cell whose XML text is the exact decimal; returns the cell.

    openpyxl accepts Decimal but serialises numbers with ``"%.16g" % value``, which goes
    through float (0.9753 becomes 0.9752999999999999). Its writer passes a str through
    unchanged, so the cell keeps data type "n" and gets the decimal's own text.
    """
    cell.value = value  # sets data_type "n"
    if isinstance(value, Decimal):
        cell._value = format(value, "f")  # exact text in <v>; still a number to Excel
    return cell
