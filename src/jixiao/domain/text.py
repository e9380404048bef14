"""Text as it may be stored and written: one normalisation for every text field, used at
every boundary (web forms, API, Excel and file imports) and again by the writers.

Text pasted from Word carries characters that XML (xlsx, docx) cannot hold: the vertical tab
``\\x0b`` that Word uses for Shift+Enter, form feeds, other C0 controls. Line breaks of every
kind become ``\\n``; the rest of the control characters (and lone surrogates, and the
noncharacters U+FFFE/U+FFFF) are removed. Tabs stay.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["normalise_text", "normalise_tree"]

#: Line breaks from other systems: CR LF, CR, vertical tab (Word's Shift+Enter), form feed,
#: NEL, and the Unicode line/paragraph separators.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
#: What XML 1.0 cannot hold or no one means to store: C0 controls except tab and line
#: feed, DEL, C1 controls, lone surrogates, U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def normalise_text(text: str) -> str:
    """`text` with line breaks made ``\\n`` and control characters removed."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def normalise_tree(value: Any) -> Any:
    """Every string inside nested dicts and lists normalised (keys included)."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, dict):
        return {normalise_tree(k): normalise_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_tree(v) for v in value]
    return value
