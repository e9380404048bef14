"""The funds block of a flattened 自评表 (预算数 / 执行数 / 执行率 / 得分), read as tokens.

Published tables arrive with their cells run together, separated by ``|``, spaces or
nothing, and empty cells dropped. The block is read as a stream of tokens after the
label 年度资金总额, against the column order of the header. Only a row with every column
present is checked; a row with a dropped cell is read only to confirm it, never to
accuse (which cell was empty cannot be known).

`parse_funds_block` gives the block's 分值 to the category-weights check (`weights`). The
checks of the funds table itself (rate, coarse rate, fund sources against the total) read
the document model's recovered table: `table_funds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.audit.facts import AuditDocument, Figure, ratio_agrees

__all__ = ["FundsBlock", "Token", "parse_funds_block", "tokens"]

_COLUMN = re.compile(r"年初预算数|全年预算数|预算数|全年执行数|执行数|分值|执行率|得分")
_AMOUNT_COLUMNS = ("年初预算数", "全年预算数", "预算数", "全年执行数", "执行数")
_RULE_WEIGHT = re.compile(r"(\d+)\s*分\s*[*×xX]\s*执行率")
_BLOCK_WEIGHT = re.compile(r"预算执行[^|]{0,12}[(（](\d+)分[)）]")
_HEADER_UNIT = re.compile(r"[(（]\s*(万元|元|亿元)\s*[)）]")
_EMPTY = ("—", "-", "－", "/", "无")


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace/``|``-separated piece of text; `figure` when it is just one figure."""

    text: str
    line: int
    figure: Figure | None


def tokens(doc: AuditDocument, first: int, count: int) -> list[Token]:
    """Tokens of `count` lines from index `first`."""
    out: list[Token] = []
    for line in doc.lines[first:first + count]:
        for m in re.finditer(r"[^\s|:：]+", line.text):
            figs = line.figures_between(m.start(), m.end())
            fig = figs[0] if len(figs) == 1 and figs[0].raw == m.group() else None
            out.append(Token(m.group(), line.number, fig))
    return out


@dataclass(frozen=True, slots=True)
class FundsBlock:
    """The funds row as read: column name → figure, plus the weight and where it is."""

    columns: tuple[str, ...]
    values: dict[str, Figure]
    complete: bool
    weight: Decimal | None
    rule_stated: bool
    line: int
    parts: tuple[Figure, ...]
    unit: str | None = None


def _values(stream: list[Token], start: int) -> tuple[list[Figure | None], int]:
    values: list[Figure | None] = []
    i = start
    while i < len(stream):
        tok = stream[i]
        if tok.figure is not None:
            values.append(tok.figure)
        elif tok.text in _EMPTY:
            values.append(None)
        else:
            break
        i += 1
    return values, i


_RUN = re.compile(r"^[\d.]+%\d+(?:\.\d+)?")
_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
_RATE_TAIL = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?$")


def _splits(digits: str, n: int) -> list[list[str]]:
    """Every way to cut `digits` into `n` numbers without leading zeros."""
    if n == 0:
        return [[]] if not digits else []
    out: list[list[str]] = []
    for end in range(1, len(digits) + 1):
        head = digits[:end]
        if _PIECE.fullmatch(head) and digits[end:end + 1] != ".":
            out.extend([head, *rest] for rest in _splits(digits[end:], n - 1))
    return out


def _split_run(token: str, columns: list[str]) -> tuple[Figure, ...]:
    """Cells run together with every separator lost (``202010100.00%10`` = 20|20|10|100.00%|10).

    The cut is accepted only when exactly one reading is arithmetically consistent:
    执行数 ÷ 预算数 gives the printed rate, the weight is a whole number up to 30 and the
    score exceeds neither the weight nor weight × rate by more than a rounding point.
    Anything else stays unread.
    """
    m = _RUN.match(token)
    if not m or "执行率" not in columns or columns[-1] != "得分":
        return ()
    before, _, score_text = m.group().partition("%")
    if len(before) > 40 or len(score_text) > 8:
        return ()  # not a table row any more; the number of cuts would explode
    n_before = columns.index("执行率")
    if columns[n_before + 1:] != ["得分"] or "分值" not in columns[:n_before]:
        return ()
    readings: list[list[str]] = []
    for cut in range(1, len(before)):
        rate_text = before[cut:]
        if not _RATE_TAIL.fullmatch(rate_text) or Decimal(rate_text) > 200:
            continue
        for pieces in _splits(before[:cut], n_before):
            cells_ = dict(zip(columns, [*pieces, rate_text, score_text], strict=True))
            weight, score = Decimal(cells_["分值"]), Decimal(cells_["得分"])
            budget = Decimal(cells_.get("全年预算数") or cells_.get("预算数") or "0")
            executed = Decimal(cells_.get("全年执行数") or cells_.get("执行数") or "0")
            if weight != weight.to_integral_value() or not 0 < weight <= 30 or score > weight:
                continue
            if budget <= 0 or not ratio_agrees(Decimal(rate_text), executed, budget, Decimal(100)):
                continue
            if score > weight * Decimal(rate_text) / 100 + 1:
                continue  # no rule gives more than weight × rate (plus rounding to a point)
            readings.append([*pieces, rate_text + "%", score_text])
    if len(readings) != 1:
        return ()
    units = ["%" if t.endswith("%") else "" for t in readings[0]]
    return tuple(Figure(Decimal(t.rstrip("%")), u, 0, 0, t) for t, u in
                 zip(readings[0], units, strict=True))


def parse_funds_block(doc: AuditDocument) -> FundsBlock | None:
    """Find and read the funds block, or None when the document has none."""
    for idx, line in enumerate(doc.lines):
        text = line.text
        if not ("执行率" in text and "预算数" in text and "执行数" in text and "得分" in text):
            continue
        columns: list[str] = []
        for m in _COLUMN.finditer(text):
            if m.group() not in columns:
                columns.append(m.group())
            if m.group() == "得分":
                break
        rule = _RULE_WEIGHT.search(text)
        block = _BLOCK_WEIGHT.search(text)
        header_weight = Decimal(rule.group(1)) if rule else (
            Decimal(block.group(1)) if block else None)
        stream = tokens(doc, idx, 8)
        label = next((i for i, t in enumerate(stream) if "资金总额" in t.text), None)
        if label is None:
            return None
        values, after = _values(stream, label + 1)
        if not values and after < len(stream):
            values = list(_split_run(stream[after].text, columns))
        complete = len(values) == len(columns) and all(v is not None for v in values)
        mapped: dict[str, Figure] = {}
        if complete:
            mapped = {c: v for c, v in zip(columns, values, strict=True) if v is not None}
        elif len(values) == len(columns) - 1 and columns[0] == "年初预算数":
            # one amount cell dropped: read as 全年预算数/全年执行数, to confirm only
            mapped = {c: v for c, v in zip(columns[1:], values, strict=True) if v is not None}
        weight = mapped["分值"].value if "分值" in mapped else header_weight
        parts: tuple[Figure, ...] = ()
        for j in range(after, min(after + 6, len(stream))):
            if "财政拨款" in stream[j].text or stream[j].text in ("当年财政", "本年财政"):
                k = j + 1
                while k < len(stream) and stream[k].figure is None and "拨款" in stream[k].text:
                    k += 1
                part_values, _ = _values(stream, k)
                parts = tuple(v for v in part_values if v is not None)
                break
        um = _HEADER_UNIT.search(" ".join(ln.text for ln in doc.lines[max(0, idx - 2):idx + 1]))
        return FundsBlock(tuple(columns), mapped, complete, weight, rule is not None,
                          stream[label].line, parts, um.group(1) if um else None)
    return None
