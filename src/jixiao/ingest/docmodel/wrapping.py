"""Undo hard wrapping: lines a PDF's text layer (or a fixed-width text) broke, joined back.

Real reports reach the audit as PDF text broken at a fixed width — mid-sentence, inside a
figure (``1234.`` / ``56万元``) or a label (``预算执`` / ``行率``) — with the page footer
(第 3 页, - 3 -, 第 3 页 共 9 页) and the report's running header repeated at every page
break. The detectors read sentences on a line, so they must see the paragraph the writer
wrote, whatever width it was printed at (measured by ``bench/audit_invariance.py``).

`rejoin_wrapped` keeps the file's line numbers: a paragraph is rebuilt on its first line
and the lines it absorbed are left out, as is page furniture; every other line is left as
it is — so findings keep pointing at the file's own lines (a finding in a rebuilt paragraph
names its first line). Nothing takes the place of what was left out: a blank line would be
read as a paragraph's or a table's end. A text is taken as wrapped only when many of its lines fill one same
width, cut inside a sentence, and almost none is longer (`wrap_width`: no report written as
paragraphs does that); only then is a line that fills the width joined to the next, unless
the next starts a heading, a numbered item or a table row. Lines shorter or longer than the
width — headings, a paragraph's last line, one table cell per line, table rows — are never
joined, so the layouts the table reader relies on stay as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

__all__ = ["columns", "rejoin_wrapped", "table_row", "wrap_width"]

# Characters two columns wide in a PDF's text layer: CJK characters and the full-width forms
# and punctuation of CJK fonts (“ ” … — ≥ ① ℃ too) — every character UTF-8 writes in three
# bytes or more. A wrapped line holds W CJK characters or about 2W digits, so widths are
# measured in columns too; a line's columns are read off its UTF-8 length (no loop in Python).
_WIDE_FROM = "\u0800"
#: The narrowest width taken for a wrap (in columns): 10 CJK characters. Narrower "lines"
#: are table cells, never a page's text.
_MIN_COLUMNS = 20
#: Lines filling the width needed to call a text wrapped, and the share of longer lines allowed.
_MIN_FULL = 3
_LONGER_SHARE = 0.2
_FULL_SHARE = 0.3
# What ends a paragraph or a list item; a comma or 、 at a line's end is where a wrap cut.
_PARAGRAPH_ENDS = ("。", "！", "？", "；", "：", ":", ";", "!", "?")

# Page furniture a PDF's text layer prints between pages: the page number in the genre's
# forms (第 3 页, 第3页/共9页, - 3 -, — 3 —, 3/9).
_PAGE_NUMBER = re.compile(r"\s*(?:第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
                          r"|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*/\s*\d{1,4}"
                          r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页)\s*")
# Forms that a table cell may also print (3/9) count only when repeated as page numbers.
_PAGE_NUMBER_MOST = 40  # characters (a page number line, spaces around it included)
_STRICT_PAGE = re.compile(r"\s*(?:第|共)")
_DIGITS = re.compile(r"\d+")
# A line starting a heading or a numbered item (一、 （二） 3、 4.项目 ① 第五部分 - ): never
# the continuation of the line before, even after a line filling the width. A full line
# ending a sentence is joined all the same: a sentence ends at the margin more often inside
# a paragraph than at its end (measured: bench/audit_invariance.py).
_STARTS_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
                          r"|\d{1,2}(?:、|[.．](?=[\u4e00-\u9fff]))|[-•·]\s|[①-⑳]"
                          r"|第[一二三四五六七八九十]+[章节部分条])")
# A cell of figures in a PDF table row: 2,281,500.00 | 97.53% | 10 | — | ≥
_FIGURE_CELL = re.compile(r"[-+]?[\d,]*\d(?:\.\d+)?[%‰]?|[—–/≥≤=<>]|——")
_CLAUSE_MARKS = ("，", "。", "；", ",", ";")
_COLUMN_NAMES = re.compile(r"一级指标|二级指标|三级指标|指标值|分值|得分|预算数|执行数|执行率|完成值")


def table_row(text: str) -> bool:
    """A line that is a table row printed as text (three cells of figures, or a header naming
    three of the forms' columns): a PDF reflow never joins it to the line before or after."""
    cells = text.split()
    at = [k for k, c in enumerate(cells) if _FIGURE_CELL.fullmatch(c)]
    if len(at) >= 3:
        # (a sentence printed with spaces around its figures, as PDF text layers set them, is
        # no row: the words between its figures hold its clauses' punctuation; a row's text
        # cell — 偏差原因 — comes after its figures)
        return not any(m in c for c in cells[at[0]:at[-1]] for m in _CLAUSE_MARKS)
    return len(set(_COLUMN_NAMES.findall(text))) >= 3


def _tabular(text: str) -> bool:
    """A line laid out in cells by spaces or tabs (PDF text, pasted tables): rows of one
    table are often of one length, which says nothing about a wrap, so they are no evidence
    of one. Rows with cell borders are: whole, they end with their border or come in
    different lengths (html/docx/xlsx cells); wrapped, they end inside a cell."""
    if "|" in text:
        return False
    if "\t" in text or "  " in text.strip():
        return True
    # (three cells of figures need two spaces; most prose lines have none)
    return text.count(" ") >= 2 and table_row(text)


def _whole_row(text: str) -> bool:
    """A row printed between cell borders (| a | b |), as the reader gives it."""
    return len(text) > 1 and text.lstrip().startswith("|") and text.endswith("|")


def _row_ended(line: str, after: str) -> bool:
    """Whether `line` ends a bordered row and `after` starts the next: the border right at
    the line's end, and `after` a new row's first cell or border. Inside a row the reader
    joins cells as `` | ``, so a wrap there leaves a space after the border or before the
    next one; a run of empty cells ``||||`` goes on with a border."""
    return line.endswith("|") and not after[:1].isspace() and not after.startswith("||") \
        and after.strip() != "|"


def _open(text: str) -> bool:
    """Whether a line ends inside a paragraph or a cell (not after a sentence's or an item's
    end, not a whole bordered row): where a wrap leaves most of the lines it cuts."""
    return not text.rstrip().endswith(_PARAGRAPH_ENDS) and not _whole_row(text)


def columns(text: str) -> int:
    """Columns of `text`: one per character below U+0800, two for the others — counted off
    its lengths: UTF-8 writes ASCII in one byte, U+0080–U+07FF in two, the rest in three."""
    return len(text.encode("utf-8", "surrogatepass")) + len(text.encode("ascii", "ignore")) - len(text)


def rejoin_wrapped(lines: Sequence[str]) -> list[tuple[int, str]]:
    """`lines` as (1-based line number, text), hard-wrapped paragraphs joined back onto their
    first line and page furniture left out (see the module docstring); a text that is not
    wrapped keeps every line but its page furniture."""
    furniture = _furniture(lines)
    wrapped = wrap_width([t for i, t in enumerate(lines) if i not in furniture]
                         if furniture else lines)
    if wrapped is None:  # (most reports)
        return [(i + 1, _closed(t)) for i, t in enumerate(lines) if i not in furniture]
    out = [(n, t) for n, t in enumerate(lines, start=1)]
    kept = [n - 1 not in furniture for n, _ in out]
    measure, width = wrapped
    head: int | None = None  # the index of the line a paragraph is being rebuilt on
    last = ""  # the line before, as printed
    for i, text in enumerate(lines):
        if i in furniture:
            continue  # a page break inside a paragraph: the paragraph goes on after it
        if not text.strip():
            head = None
            continue
        if head is not None and not _STARTS_ITEM.match(text) and not _row_ended(last, text):
            out[head] = (out[head][0], out[head][1] + text)
            kept[i] = False
        else:
            head = i
        if not _fills(measure(text), measure, width, _next_text(lines, i + 1, furniture)):
            head = None
        last = text
    return [(n, _closed(t)) for (n, t), keep in zip(out, kept, strict=True) if keep]


# A PDF's text layer puts a space where the page set a gap between a figure and the CJK
# unit after it (typst, Word and WPS all space them: "2022 年", "共 3 个", "24.7 万元"); in a
# sentence that space is no separator, and a figure must meet its unit as in the text the
# writer typed (unannotated i12f 25: "2021 年茂名市…", "2022 年市级"; round 3 dev 427).
# Only before a unit: between two cells of a row a space parts them (拨款 90 89.974).
_FIGURE_UNIT_GAP = re.compile(r"(?<=[\d%]) (?=(?:万|亿)?[年月日元个人次项亩户家名所座台件吨天份批辆套间处"
                              r"条株册篇]|平方|公里|公顷|米)")


def _closed(text: str) -> str:
    """`text` with the spaces between a sentence's figures and their units removed."""
    if " " not in text or not any(m in text for m in _CLAUSE_MARKS) or table_row(text):
        return text
    return _FIGURE_UNIT_GAP.sub("", text)


def _fills(size: int, measure: Callable[[str], int], width: int, after: str) -> bool:
    """Whether a line of `size` fills `width`: as wide, or, in columns, one short where the
    next line starts with a character two columns wide (it did not fit). A longer line was
    never wrapped at that width (a table row the wrap left alone, a heading set wider)."""
    if measure is len:
        return size == width
    return size == width or (size == width - 1 and after[:1] >= _WIDE_FROM)


def _next_text(lines: Sequence[str], j: int, furniture: set[int]) -> str:
    while j < len(lines) and (j in furniture or not lines[j].strip()):
        if j not in furniture:
            return ""  # a blank line: the paragraph ended
        j += 1
    return lines[j] if j < len(lines) else ""


def wrap_width(lines: Sequence[str]) -> tuple[Callable[[str], int], int] | None:
    """How a wrapped text's lines are measured (characters, or columns with CJK two wide) and
    the width they were wrapped at; None when the text is not wrapped.

    Wrapped means: at least three different lines fill one same width (`_fills`), most of
    them cut inside a paragraph (`_open`: lines of one length that end a sentence are list
    items), almost none is longer (a fifth of the full ones at most), and
    the full lines are three in ten at least of the lines half as long or longer. Text
    written as paragraphs has one longest line, not many of the same length; table rows are
    no evidence either way (`_tabular`). Of the two measures the one more lines fill wins
    (characters on a tie: the stricter reading).
    """
    if not _may_fill(lines):
        return None
    # (a line under a quarter of the narrowest width is never full, longer, or half as long)
    texts = [(t, lines[i + 1] if i + 1 < len(lines) else "") for i, t in enumerate(lines)
             if len(t) >= _MIN_COLUMNS // 4 and t.strip() and not _tabular(t)]
    if len(texts) < _MIN_FULL:
        return None
    open_ends = [_open(t) for t, _ in texts]
    if sum(open_ends) < _MIN_FULL:
        # (a width is taken only with three lines cut inside a paragraph: a text whose lines
        # end their sentences — most prose on one line per paragraph — is measured no further)
        return None
    best: tuple[Callable[[str], int], int, int] | None = None
    for measure, floor in ((len, _MIN_COLUMNS // 2), (columns, _MIN_COLUMNS)):
        sizes = [measure(t) for t, _ in texts]
        ascending = sorted(sizes)
        # (counted by `Counter` from lists, not one `+=` per line: every report is measured)
        counts = Counter(sizes)
        cut = Counter([size for size, open_end in zip(sizes, open_ends, strict=True) if open_end])
        short, short_cut = Counter[int](), Counter[int]()  # one column short before a wide one
        if measure is columns:
            for (_, after), size, open_end in zip(texts, sizes, open_ends, strict=True):
                if after[:1] >= _WIDE_FROM:
                    short[size + 1] += 1
                    short_cut[size + 1] += open_end
        longer = 0
        for w in sorted(counts, reverse=True):
            if w < floor or longer > len(texts) * _LONGER_SHARE:
                break
            full, cut_inside = counts[w] + short[w], cut[w] + short_cut[w]
            if (cut_inside >= _MIN_FULL and 2 * cut_inside >= full and longer <= _LONGER_SHARE * full
                    and (best is None or full > best[2])
                    and full >= _FULL_SHARE * (len(ascending) - bisect_left(ascending, (w + 1) // 2))
                    and _distinct(texts, sizes, measure, w)):
                best = (measure, w, full)
            longer += counts[w]
    return None if best is None else (best[0], best[1])


def _may_fill(lines: Sequence[str]) -> bool:
    """Whether some width could pass `wrap_width`'s tests: three lines ending open that fill
    it (in characters: of its length, 10 or more; in columns: of its width, 20 or more, or one
    column short), and few enough lines longer than it — at most a fifth of the full lines,
    which are at most twice the open ones.

    The same tests asked of more lines and with bounds: every line ending open counts as
    full (table rows and blank lines are not left out), and only the longer lines it surely
    measures count as longer (prose without a blank or a tab, longer in characters: never
    shorter in columns) — so a text refused here is refused by `wrap_width` too. Most reports
    are refused here (their lines end their sentences, or a few headings of one length stand
    among longer paragraphs); measuring all their lines in both ways cost ≈ 4 % of a
    seed-sized report's audit.
    """
    opened: list[str] = []
    plain: list[int] = []  # the lengths of the lines `wrap_width` surely measures
    for t in lines:
        if len(t) >= _MIN_COLUMNS // 4:
            if _open(t):
                opened.append(t)
            if " " not in t and "\t" not in t and not t.isspace():
                plain.append(len(t))
    if len(opened) < _MIN_FULL:
        return False
    plain.sort()
    for sizes, floor, short in ((sorted(map(len, opened)), _MIN_COLUMNS // 2, 0),
                                (sorted(map(columns, opened)), _MIN_COLUMNS, 1)):
        for w in {s + k for s in sizes for k in range(short + 1)}:
            if w < floor:
                continue
            cut = bisect_right(sizes, w) - bisect_left(sizes, w - short)
            if cut >= _MIN_FULL and len(plain) - bisect_right(plain, w) <= _LONGER_SHARE * 2 * cut:
                return True
    return False


def _distinct(texts: list[tuple[str, str]], sizes: list[int], measure: Callable[[str], int],
              width: int) -> bool:
    """Whether three different lines fill `width` (one line printed three times is no wrap)."""
    filling = {t for (t, after), size in zip(texts, sizes, strict=True)
               if _fills(size, measure, width, after)}
    return len(filling) >= _MIN_FULL


# A repeated line beside the page numbers is the running header (the report's title, the
# unit's name) unless it is a table's header printed again at a page top: the table reader
# needs that one (docs/audit.md "Tables III").
_TABLE_LINE = re.compile(r"[|\t]|指标|预算|得分|分值|完成值|执行|偏差|权重|评分")


def _furniture(lines: Sequence[str]) -> set[int]:
    """Indexes of page furniture: page numbers, the running header repeated beside them, and
    the blank lines around them (a paragraph goes on across all of them)."""
    numbers = [i for i, t in enumerate(lines) if 3 <= len(t) <= _PAGE_NUMBER_MOST
               and _PAGE_NUMBER.fullmatch(t)]
    # a lone 3/9 or - 3 - may be a cell or a dash: page numbers go on, 3/9 then 4/9 — or
    # end the text (a one-page report's footer)
    last = _past_blanks(lines, len(lines) - 1, -1)
    for slash in (False, True):
        loose = [i for i in numbers if not _STRICT_PAGE.match(lines[i]) and ("/" in lines[i]) == slash]
        pages = [int(_DIGITS.findall(lines[i])[0]) for i in loose]
        if loose != [last] and (len(loose) < 2 or any(b <= a for a, b in pairwise(pages))):
            numbers = [i for i in numbers if i not in loose]
    if not numbers:
        return set()
    found = set(numbers)
    beside: dict[str, set[int]] = {}
    for i in numbers:
        for step in (-1, 1):
            j = _past_blanks(lines, i + step, step)
            if 0 <= j < len(lines) and j not in found and not _TABLE_LINE.search(lines[j]):
                beside.setdefault(lines[j].strip(), set()).add(j)
    # the report's title (a line of its first page) printed again at a page break
    first_page = {t.strip() for t in lines[:numbers[0]]}
    for text, where in beside.items():
        if len(where) >= 2 or (len(text) >= 4 and text in first_page and min(where) > numbers[0]):
            found |= where
    for i in sorted(found):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                found.add(j)
                j += step
    return found


def _past_blanks(lines: Sequence[str], j: int, step: int) -> int:
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j
