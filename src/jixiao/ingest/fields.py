"""Field-by-field reading of a parsed document with errors that name file, line and field.

A `FieldReader` wraps the data and line map from `yamlsource.load_document`; each accessor
either returns a clean value or raises `InputError` pointing at the exact field.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

from jixiao.domain.errors import InputError, shown
from jixiao.domain.money import D, NumberFormatError, parse_amount, round_half_up
from jixiao.domain.text import normalise_text
from jixiao.ingest.yamlsource import LineMap

__all__ = ["FieldReader"]

#: Plain decimal text as stored documents hold it ("1234.5", "-3"): within `D`'s bounds by
#: construction (≤ 15 integer digits, ≤ 10 decimals), so `Decimal(text)` is the exact value
#: `D` would return. Read without the general parser: stored evaluations are re-read in bulk.
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.([0-9]{1,10}))?")


class FieldReader:
    """Validating accessors over one document."""

    def __init__(self, source: str, lines: LineMap | None = None) -> None:
        self.source = source
        self.lines = lines or LineMap()

    def error(self, path: str, message: str) -> InputError:
        """An `InputError` at `path` (its line looked up in the line map)."""
        return InputError(message, file=self.source, line=self.lines.line(path), field=path or None)

    def mapping(self, path: str, value: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
        """Check that `value` is a mapping with only `allowed` keys and all `required` keys."""
        if value.__class__ is dict and value.keys() <= allowed and all(
                value.get(key) is not None for key in required):
            return value  # the usual case, checked in C; the loops below name the problem
        if not isinstance(value, dict):
            raise self.error(path, f"应为键值对（映射），实际是 {_kind(value)} / expected a mapping")
        for key in value:
            if key not in allowed:
                hint = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
                tip = (f"，是否应为 {shown(hint[0])}？" if hint
                       else f"（可用字段：{', '.join(sorted(allowed))}）")
                raise self.error(_join(path, key), f"未知字段 {shown(key)}{tip} / unknown field")
        for key in sorted(required):
            if value.get(key) is None:
                raise self.error(_join(path, key) if path else key,
                                 f"缺少必填字段 {shown(key)} / missing required field")
        return value

    def text(self, path: str, value: Any, *, required: bool = False) -> str:
        """A text field; numbers are accepted and turned into text."""
        if value.__class__ is str:
            text = value.strip()
            if text or not required:
                return text
        if value is None:
            if required:
                raise self.error(path, "缺少必填字段 / missing required field")
            return ""
        if isinstance(value, bool) or isinstance(value, dict | list):
            raise self.error(path, f"应为文字，实际是 {_kind(value)} / expected text")
        text = normalise_text(str(value)).strip()
        if required and not text:
            raise self.error(path, "不能为空 / must not be empty")
        return text

    def number(self, path: str, value: Any, *, minimum: Decimal | None = Decimal(0),
               money: bool = False, places: int | None = None) -> Decimal:
        """An exact number; text such as "1,234.56" (and "24.7万元" when `money`) is accepted.

        `places` caps the decimals (2 for 元 and for points: an amount is exact to the fen and
        a weight of 3.335 could never add up to the rounded scores printed beside it).
        """
        if value.__class__ is str:
            plain = _PLAIN_NUMBER.fullmatch(value)
            if plain is not None:
                number = Decimal(value)
                decimals = plain.group(1)
                if (minimum is None or number >= minimum) and (
                        places is None or decimals is None or len(decimals) <= places):
                    return number
        if value is None:
            raise self.error(path, "缺少数值 / missing number")
        if isinstance(value, bool) or isinstance(value, dict | list):
            raise self.error(path, f"应为数字，实际是 {_kind(value)} / expected a number")
        try:
            number = parse_amount(value) if money else D(value)
        except NumberFormatError as err:
            raise self.error(path, str(err)) from None
        if isinstance(value, str) and _EXPONENT.search(value):
            # "1e3" is a typo or a spreadsheet artefact in a finance form, never how a score
            # or an amount is written; read as 1000 it once made a total of 1069.13 优
            raise self.error(path, f"「{value.strip()[:40]}」是科学计数法，请直接写出数字（如 1000）"
                                   " / write the number out, no exponent")
        if minimum is not None and number < minimum:
            raise self.error(path, f"不能小于 {minimum}（实际 {number}）/ must not be negative")
        if places is not None and number != round_half_up(number, places):
            unit = "元（精确到分）" if money else ""
            raise self.error(path, f"{shown(value)} 最多保留 {places} 位小数{unit}"
                                   f" / at most {places} decimals")
        return number

    def integer(self, path: str, value: Any, *, low: int, high: int) -> int:
        """A whole number within [low, high]."""
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise self.error(path, f"应为整数，实际是 {_kind(value)} / expected a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise self.error(path, f"{shown(value)} 不是整数 / not a whole number") from None
        if not low <= number <= high:
            raise self.error(path, f"应在 {low} 到 {high} 之间（实际 {number}）/ out of range")
        return number

    def sequence(self, path: str, value: Any) -> list[Any]:
        """A list field."""
        if not isinstance(value, list):
            raise self.error(path, f"应为列表，实际是 {_kind(value)} / expected a list")
        return value


_EXPONENT = re.compile(r"\d\s*[eE]\s*[+-]?\s*\d")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, int | Decimal):
        return f"数字 {value}"
    return f"文字 {str(value)!r}"
