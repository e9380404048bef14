"""The one exception type for bad input, carrying where the problem is.

Problems in *data that was read successfully* are findings (`jixiao.domain.findings`).
`InputError` is for input that cannot be read at all: a misspelt key, text in a number
field, a binary file. Commands turn it into a plain message on stderr and exit code 2.
"""

from __future__ import annotations

__all__ = ["MAX_MESSAGE_CHARS", "InputError", "shown"]

#: A message longer than this is cut: a hostile value must never be echoed whole.
MAX_MESSAGE_CHARS = 2000


def shown(value: object, limit: int = 60) -> str:
    """`value` as quoted in a message (``repr`` for text), cut to about `limit` characters
    with the full length said: ``'xxxx…'（共 100000 个字符）``."""
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(str(value))} 个字符）"


class InputError(Exception):
    """Input that cannot be used, with the file, line and field it concerns.

    Attributes:
        message: what is wrong, in plain words (Chinese first, English after a slash).
        file: path of the file, if any.
        line: 1-based line number, if known.
        field: dotted field path (``indicators[2].weight``), cell (``B7``) or column, if known.
    """

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None,
        field: str | None = None,
    ) -> None:
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[:MAX_MESSAGE_CHARS] + "…（消息过长，已截断）"
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            where.append(f"第{self.line}行")
        if self.field:
            where.append(f"字段 {self.field}")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message
