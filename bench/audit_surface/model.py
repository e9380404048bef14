"""A surface case: a small document (paragraphs and tables) in a consistent and an inconsistent version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Para:
    """A paragraph of prose."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table as rows × cells; the first `header_rows` rows are its header."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1


Block = Union[Para, Table]  # noqa: UP007 - a runtime alias


@dataclass(frozen=True)
class Doc:
    """A document: a title and blocks in reading order."""

    title: str
    blocks: tuple[Block, ...]

    @property
    def has_table(self) -> bool:
        return any(isinstance(b, Table) for b in self.blocks)


@dataclass(frozen=True)
class Case:
    """One relation written one way.

    `inconsistent` is None for a must-stay-silent case (approximate wording): then
    `consistent` holds figures that do not add up but are marked approximate.
    `planted` is the wrong figure of the inconsistent version, `expected` what it should be.
    """

    id: str
    relation: str
    form: str
    consistent: Doc
    inconsistent: Doc | None = None
    planted: str = ""
    expected: str = ""
