"""`jixiao.domain.text`: the one normalisation of text at every boundary (issue 9, seen item 6)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from jixiao.domain.text import normalise_text, normalise_tree


@pytest.mark.parametrize("raw, expected", [
    ("第一段\x0b第二段", "第一段\n第二段"),            # Word's Shift+Enter (vertical tab)
    ("a\r\nb\rc", "a\nb\nc"),
    ("a\u2028b\u2029c\x85d\x0ce", "a\nb\nc\nd\ne"),
    ("铃\x07声\x00\x1b[0m", "铃声[0m"),
    ("制表\t保留", "制表\t保留"),
    ("孤\ud800立\ufffe\uffff", "孤立"),
    ("", ""),
])
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


def test_normalised_text_is_accepted_by_openpyxl():
    """What broke the Excel template download: openpyxl refuses control characters."""
    nasty = "".join(chr(c) for c in range(0, 0x20)) + "\x7f\x85\u2028\ud800\ufffe"
    wb = Workbook()
    wb.active["A1"] = normalise_text(nasty)
    wb.save(io.BytesIO())
    from openpyxl.utils.exceptions import IllegalCharacterError

    with pytest.raises(IllegalCharacterError):  # the raw text is what used to answer 500
        Workbook().active["A1"] = nasty


def test_normalise_tree_cleans_keys_and_values_and_keeps_other_types():
    assert normalise_tree({"a\x0b": ["x\x0by", 3, None, {"k": "v\x00"}]}) == {
        "a\n": ["x\ny", 3, None, {"k": "v"}]}
