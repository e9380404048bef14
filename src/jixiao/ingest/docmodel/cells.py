"""Lines of extracted text → a stream of table cells, each keeping its line and offsets.

Every layout a published table arrives in is cut the same way: ``|`` separates cells
when a line has one (html/docx/xlsx rows as `jixiao.ingest.report_text` writes them,
markdown pipes, and the one-cell-per-line ``150万 |`` of web pages); otherwise tabs, or
runs of whitespace (PDF layout text, space-separated rows). `join_operators` puts an
operator (``≥``) cut off by a space back with the figure after it. `run_cells` cuts a line with
no separator at all (text extraction that drops the cell borders: ``产出指标数量指标服务人数≥500人
450人2016``) at the genre's column and category names and at its figures; `split_pair` reads a
分值 and 得分 run together (``2016`` → 20, 16) when only one reading is possible.
Row boundaries are *not* decided here:
`jixiao.ingest.docmodel.tables` aligns the stream under a recognised header.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from decimal import Decimal

from jixiao.domain.audit.facts import EXACT, RANGE, AuditLine, Figure
from jixiao.domain.audit.table_scores import (
    COMPARISON_AFTER,
    COMPARISON_BEFORE,
    actual_words,
    actual_words_after,
)
from jixiao.domain.audit.tables import TableCell
from jixiao.ingest.figures import extract_figures

__all__ = ["join_operators", "line_cells", "run_cells", "split_lead", "split_pair"]

_TOKENS = re.compile(r"\S+")
_TABS = re.compile(r"[^\t]+")
_OPERATOR_ONLY = frozenset(("≥", "≤", ">=", "<=", "≧", "≦", ">", "<", "=", "＝", "═"))


def _pipe_cells(line: AuditLine) -> list[TableCell]:
    text = line.text
    segments = text.split("|")
    # "150万 |": the empty segment after the last bar is no cell; "| a | b |" (markdown)
    # neither is the one before the first bar when the line has text.
    starts = [0]
    for seg in segments[:-1]:
        starts.append(starts[-1] + len(seg) + 1)
    pairs = list(zip(starts, segments, strict=True))
    if pairs and not pairs[-1][1].strip():
        pairs.pop()
    if len(pairs) > 1 and not pairs[0][1].strip():
        pairs.pop(0)
    out: list[TableCell] = []
    for a, raw in pairs:
        stripped = raw.strip()
        if not stripped:
            out.append(TableCell("", line.number, a, a))
            continue
        start = a + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        out.append(TableCell(stripped, line.number, start, end,
                             line.figures_between(start, end) if line.figures else ()))
    return out


def line_cells(line: AuditLine, spaced: bool = True) -> list[TableCell]:
    """The cells of one line: by ``|``, else by tabs, else (when `spaced`) by whitespace."""
    text = line.text
    if "|" in text:
        cells = _pipe_cells(line)
    else:
        pattern = _TABS if "\t" in text else (_TOKENS if spaced else None)
        if pattern is None:
            stripped = text.strip()
            if not stripped:
                return []
            a = text.index(stripped[0])
            cells = [TableCell(stripped, line.number, a, a + len(stripped),
                               line.figures_between(a, a + len(stripped)))]
        else:
            cells = []
            for m in pattern.finditer(text):
                raw = m.group()
                stripped = raw.strip()
                if not stripped:
                    continue
                a = m.start() + (len(raw) - len(raw.lstrip()))
                figures = line.figures_between(a, a + len(stripped))
                if figures and figures[-1].qualifier == RANGE:
                    figures = _own_range(figures, a + len(stripped))
                cells.append(TableCell(stripped, line.number, a, a + len(stripped), figures))
            if pattern is _TOKENS and line.figures:
                cells = _spanned(cells, line)
    return cells


def _own_range(figures: tuple[Figure, ...], end: int) -> tuple[Figure, ...]:
    """A cell's figures, a figure read as a range's first end exact again when the range's
    dash is not in its cell: the forms print an empty cell as —, so a row cut at blanks
    (`其中：当年财政拨款  100  100  80  —  90%  —`) has 80 before a cell of its own, not 80—90%
    (its 执行数 was no exact operand: the row's rate went unchecked; i13w)."""
    return tuple(replace(f, qualifier=EXACT) if f.qualifier == RANGE and f.end >= end else f
                 for f in figures)


def _spanned(cells: list[TableCell], line: AuditLine) -> list[TableCell]:
    """Tokens one figure spans (``95 %``, ``520 人``, ``100 万元``: the figure reader takes a unit
    after a space as the figure's) joined into one cell with that figure."""
    out: list[TableCell] = []
    for cell in cells:
        prev = out[-1] if out else None
        if prev is not None and any(prev.start <= f.start < prev.end < f.end <= cell.end
                                    for f in line.figures_between(prev.start, cell.end)):
            out[-1] = TableCell(line.text[prev.start:cell.end], line.number, prev.start, cell.end,
                                line.figures_between(prev.start, cell.end))
            continue
        out.append(cell)
    return out


def join_operators(cells: list[TableCell], line: AuditLine) -> list[TableCell]:
    """``≥`` ``100%`` (two cells of one line, not split by ``|``) → ``≥ 100%``.

    Space-separated text cuts an operator from its target; a table without a 指标性质
    column wants them together.
    """
    if not any(c.text in _OPERATOR_ONLY for c in cells):
        return cells
    out: list[TableCell] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        if c.text in _OPERATOR_ONLY and nxt is not None and nxt.number is not None \
                and nxt.line == c.line and "|" not in line.text[c.end:nxt.start]:
            out.append(TableCell(line.text[c.start:nxt.end], c.line, c.start, nxt.end,
                                 nxt.figures))
            k += 2
            continue
        out.append(c)
        k += 1
    return out


# The points a category label states, in the brackets the forms' copies print them in:
# 产出指标(50分) / （50分） (财预〔2020〕10号 附件1), (50) and (权重50%) / (分值50分) (provincial
# copies that print the weight column as 权重(%) or 分值), [50分] / 【50分】 (typeset copies).
# The figure is the named group ``w``.
CATEGORY_POINTS = (r"[(（\[【]\s*(?:权重|分值|满分)?[:：]?\s*(?P<w>\d+(?:\.\d+)?)\s*(?:分|%|％)?\s*"
                   r"[)）\]】]")
_POINTS = CATEGORY_POINTS.replace("?P<w>", "")

# Column and category names of the forms: a run-together line is cut before and after them.
_NAMES = re.compile(
    r"一级指标|二级指标|三级指标|指标名称|指标性质|(?:年度|年初|预期|计划|全年)?指标值|度量单位|计量单位|"
    # (the total row's labels before 得分/合计 so they stay one cell: 综合得分, 合计得分; a
    # column's unit after its name: 分值(分); i12w)
    r"综合得分|合计得分|得分合计|自评总分|总得分|"
    r"实际完成值|全年实际值|年终完成值|(?:参考|标准|指标)?分值(?:[(（]分[)）])?|(?:自评|考核|评价|指标)?得分|"
    r"偏差原因分析及改进措施|偏差原因|"
    r"年初预算数|全年预算数|调整后预算数|全年执行数|预算执行数|(?:预算|资金)?执行率|年度资金总额|"
    r"(?:产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标"
    rf"(?:{_POINTS})?|总\s?分(?:{_POINTS})?|合计|"
    # the evaluation framework's first levels (财预〔2020〕10号 附件 评价指标体系框架: 决策/过程/
    # 产出/效益, printed 项目决策(10分)…; 银川 103, 广水 109) and the 2020 form's first levels
    # without 指标 (产出(50分) … 满意度(10分)) — only with their points, as 决策 alone begins
    # names (决策依据); 满意度 alone ends names too (学员满意度(10分) in a score sheet), so only
    # where no word runs into it (a figure, 无, the line's start before it)
    rf"(?:项目)?(?:决策|过程|管理|产出|效益|效果)(?:指标)?{_POINTS}|"
    rf"(?:(?<![\u4e00-\u9fff])|(?<=无))满意度(?:指标)?{_POINTS}"
)
_OPERATOR_CHARS = "≥≤><=＝═≧≦"
# Count words after 万/亿 (550万粒, 3万株, 1.2万人次): the figure reader stops at 万
_COUNT_WORDS = frozenset("粒株头只羽尾棵册本套台辆件个份张吨亩人户次尾")


# A date is a 时效指标's 指标值 or 实际完成值 (2023年12月底前, 2023年11月30日): one cell, so the
# cells around it are cut there too (the national form's 时效指标 rows; 025, the seed).
_RUN_DATE = re.compile(
    r"(?:(?<![\d.])(?:19|20)\d{2}\s*年|(?<=\d)(?:19|20)\d{2}年)(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?:底|末|上旬|中旬|下旬|年底|年末)?(?:之前|以前|前)?(?:完成|前完成)?")
# The forms' placeholders in the 三级指标 column (指标1：, 指标2:) begin the row's name: the
# number is no figure (national form 财预〔2020〕10号 附件; 宁夏 025, 银川 103 print them).
_PLACEHOLDER = re.compile(r"指标\s*\d{1,2}\s*[:：、.．]?")


def run_cells(line: AuditLine) -> list[TableCell]:
    """The cells of a line printed with no separator: names of the forms, dates and figures
    (with the operator before them) are cells, the text between them is one cell each."""
    text = line.text
    names = [m.span() for m in _NAMES.finditer(text)]
    dates = [m.span() for m in _RUN_DATE.finditer(text)] if "年" in text else []
    placeholders = [m.span() for m in _PLACEHOLDER.finditer(text)] if "指标" in text else []
    cuts: list[tuple[int, int]] = [*names, *dates]
    # each list comes from one scan: sorted, its spans apart — a figure's span is looked up
    # by bisection (a report flattened into one line has thousands of each)
    name_at, date_at = [a for a, _ in names], [a for a, _ in dates]
    holder_at = [a for a, _ in placeholders]
    for fig in _run_figures(text, line.number):
        if _covering(names, name_at, fig.start, fig.start + 1) is not None \
                or _covering(dates, date_at, fig.start, fig.start + 1) is not None:
            continue  # the (50分) of 产出指标(50分), the digits of a date
        if _covering(placeholders, holder_at, fig.start, fig.end) is not None:
            continue  # the digits of 指标1 (指标12021年: 指标1 | 2021年)
        date = _covering(dates, date_at, fig.start, fig.end)
        if date is not None:
            if fig.start < date[0]:
                cuts.append((fig.start, date[0]))  # a 分值 glued to a date: 15 | 2023年12月
            continue
        start, end = fig.start, fig.end
        while start > 0 and text[start - 1] in _OPERATOR_CHARS:
            start -= 1
        if start == fig.start and (words := COMPARISON_BEFORE.search(text, max(0, start - 6),
                                                                      start)) is not None:
            start = words.start()  # 培训人数不低于500人: the comparison is the target's
        if (tail := COMPARISON_AFTER.match(text, end)) is not None:
            end = tail.end()  # 500人以上, 5%以内
        if fig.raw.endswith(("万", "亿")) and text[end:end + 1] in _COUNT_WORDS:
            end += 1  # 550万粒, 12万株: the count word is the figure's unit, no cell of its own
        cuts.append((start, end))
    cuts.sort()
    out: list[TableCell] = []
    pos = 0
    for a, b in cuts:
        if a < pos:
            continue
        between = out and out[-1].figures and out[-1].end == pos and a > pos \
            and a == _figure_start(text, a)
        if between and actual_words(text[pos:a]) and text[a:b][-1:] not in _POINTS_END:
            # an actual written as a statement right after the target (≥95%完成98%, ≥500人达到520人:
            # the forms' 达到520人 / 已完成98%, i11t): the words are the actual's, never a cell
            # of their own (which made 完成 the actual and cut 98% into 分值 9, 得分 8%)
            a = pos
        elif between and actual_words_after(text[pos:a]):
            # … or after it, before the 分值 and 得分 (98%完成1515, 98%完成15分15分): the actual's
            out[-1] = _cell(line, out[-1].start, a)
            pos = a
        elif text[pos:a].strip():
            out.extend(_text_cells(line, pos, a))
        out.append(_cell(line, a, b))
        pos = b
    if text[pos:].strip():
        out.extend(_text_cells(line, pos, len(text)))
    return out


# how bare points end (15, 15分): what follows an actual's statement, never an actual
_POINTS_END = frozenset("0123456789分")


def _figure_start(text: str, a: int) -> int:
    """`a` when a figure (or its operator) starts there, else -1."""
    return a if a < len(text) and (text[a].isdigit() or text[a] in _OPERATOR_CHARS) else -1


def _covering(spans: list[tuple[int, int]], starts: list[int], a: int,
              b: int) -> tuple[int, int] | None:
    """The span of a sorted list of disjoint spans that overlaps ``[a, b)``, or None."""
    k = bisect_left(starts, b) - 1
    if k >= 0 and spans[k][1] > a:
        return spans[k]
    return None


# An amount or a rate glued to the next figure (200万元200万元, 1090%9): cut after its unit first,
# or the figure reader takes 200万元200 for one amount.
_UNIT_THEN_FIGURE = re.compile(r"(?<=[元%％‰])(?=[\d≥≤<>=≧≦])")


def _run_figures(text: str, number: int) -> list[Figure]:
    """The figures of a run-together line, each read within its piece (see _UNIT_THEN_FIGURE)."""
    out: list[Figure] = []
    pos = 0
    for cut in [*(m.start() for m in _UNIT_THEN_FIGURE.finditer(text)), len(text)]:
        piece = extract_figures(text[pos:cut], normalised=True)
        for f in piece:
            start, end = f.start + pos, f.end + pos
            if f.unit in _WORD_HEADS and text[end:end + 1] == _WORD_HEADS[f.unit] \
                    and f.raw.endswith(f.unit):
                # 3027部分学员未就业: 分值 30, 得分 27, then a 偏差原因 starting with 部分/个别 —
                # the figure has no unit
                out.append(Figure(f.value, "", start, end - len(f.unit), f.raw[:-len(f.unit)],
                                  f.qualifier))
                continue
            out.append(Figure(f.value, f.unit, start, end, f.raw, f.qualifier))
        pos = cut
    return out


# Count units that begin the words a 偏差原因 most often starts with (部分, 个别)
_WORD_HEADS = {"部": "分", "个": "别"}


def _text_cells(line: AuditLine, a: int, b: int) -> list[TableCell]:
    """Text between figures; a qualitative row's 指标值 and 实际完成值 are often the same words
    (明显提高 | 明显提高): a text ending in the same words twice is cut before each."""
    text = line.text[a:b]
    for size in range(len(text) // 2, 1, -1):
        if text[-2 * size:-size] == text[-size:]:
            cut = b - 2 * size
            return [*([_cell(line, a, cut)] if cut > a else []), _cell(line, cut, b - size),
                    _cell(line, b - size, b)]
    return [_cell(line, a, b)]


def _cell(line: AuditLine, a: int, b: int) -> TableCell:
    raw = line.text[a:b]
    a += len(raw) - len(raw.lstrip())
    b = a + len(raw.strip())
    text = line.text[a:b]
    figures = tuple(Figure(f.value, f.unit, f.start + a, f.end + a, f.raw, f.qualifier)
                    for f in extract_figures(text, normalised=True))
    return TableCell(text, line.number, a, b, figures)


_BARE = re.compile(r"\d+(?:\.\d{1,2})?")
_RUN = re.compile(r"(\d+(?:\.\d{1,2})?)([%％]?)")


def split_pair(cell: TableCell) -> tuple[TableCell, TableCell] | None:
    """A 分值 and the figure after it printed with nothing between (``2016`` → 20 | 16, a
    funds row's ``1090%`` → 10 | 90%): the two cells when exactly one cut gives two numbers
    of at most 100 without a leading zero (a % sign stays with the second), else None."""
    m = _RUN.fullmatch(cell.text)
    if m is None:
        return None
    digits, unit = m.group(1), m.group(2)
    found: list[tuple[TableCell, TableCell]] = []
    for k in range(1, len(digits)):
        left, right = digits[:k], digits[k:]
        if not (_BARE.fullmatch(left) and _BARE.fullmatch(right)):
            continue
        if any(p[0] == "0" and len(p) > 1 and p[1] != "." for p in (left, right)):
            continue
        if Decimal(left) > 100 or Decimal(right) > 100 or Decimal(left) == 0:
            continue
        found.append((_number_cell(cell, 0, k, ""), _number_cell(cell, k, len(cell.text), unit)))
    return found[0] if len(found) == 1 else None


_LEAD = re.compile(r"[1-9]\d?(?:\.\d)?|100")


def split_lead(cell: TableCell, following: TableCell) -> tuple[TableCell, TableCell] | None:
    """A 分值 glued before its row's 指标值 (``8550万粒`` before ``550万粒``: 8 | 550万粒), read
    only where the 指标值 is printed again as the 实际完成值 right after it, so the cut is the
    one that leaves that same text: (weight cell, target cell), else None.

    Forms printing 分值 before 指标值 (the 宁夏 自评表: 一级 | 二级 | 三级 | 分值 | 年度指标值 | 全年实际值
    | 得分) lose the border between the two in OCR text (固原 025, 银川 103).
    """
    text, again = cell.text, following.text.strip()
    if not again or len(text) <= len(again) or not text.endswith(again) or not following.figures \
            or not cell.figures:
        return None
    lead = text[:len(text) - len(again)]
    if _LEAD.fullmatch(lead) is None or not (again[0].isdigit() or again[0] in "≥≤><=＝"):
        return None
    cut = cell.start + len(lead)
    shift = cut - following.start  # the same text as the following cell, at this cell's end
    target = TableCell(again, cell.line, cut, cell.end, tuple(
        Figure(f.value, f.unit, f.start + shift, f.end + shift, f.raw, f.qualifier)
        for f in following.figures))
    return _number_cell(cell, 0, len(lead), ""), target


def _number_cell(cell: TableCell, a: int, b: int, unit: str) -> TableCell:
    text = cell.text[a:b]
    start = cell.start + a
    value = text[:-1] if unit else text
    return TableCell(text, cell.line, start, start + len(text),
                     (Figure(Decimal(value), "%" if unit else "", start, start + len(text), text),))
