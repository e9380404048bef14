"""How many indicator rows of the 自评表s in real texts the audit's table reader recovers.

Usage::

    JIXIAO_ROUND3_TEXTS=/work/corpus-round3-texts .venv/bin/python bench/audit_tables.py [-v] \
        [--unannotated DIR] [--show rowlike|missed] [--src OTHER/src]

An annotation-free measure (issue 10, deliverable "the published 自评表 read whole"): for every
**dev** corpus text (never a locked-test one: `audit_quality.corpus.split_of`) and every text of
``/work/unannotated-texts/*/`` (real reports nobody annotated; not committed), it

1. finds the *row-like spans*: places that look like one indicator row of a 自评表 — an
   indicator name, a target value, an actual value, a 分值 and a 得分 figure in that order in a
   span shaped like a row. This is defined here, by the forms' row shape (财预〔2020〕10号 附件1:
   三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分), with its own cell splitting, independently of
   `jixiao.ingest.docmodel` (the reader being measured): see `row_like_spans`;
2. counts how many of them the reader recovers: an indicator-table row of
   `build_document(...).tables` with a 分值 and a 得分 cell lying inside the span;
3. says whether `jixiao audit --extract` would write an evaluation for the text.

Layout classes (of the span, by how its cells are separated): ``pipes`` (|), ``tabs``,
``spaces`` (cells parted by blanks on one line), ``cell-per-line`` (each cell a line of its own,
blank lines allowed between), ``run-together`` (no separator: OCR and previews).

The spans are a *measure*, not a reader: they look for one shape only (name first, then the
four values), so rows printed in another order (values before labels, scrambled PDF text) are
not counted, and a span may be wrong; ``--show`` prints them for a hand check.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
# (--src SRC measures another checkout's reader, e.g. main's exported src, for before/after)
_SRC = sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv[:-1] else str(REPO / "src")
sys.path.insert(0, _SRC)
sys.path.insert(0, str(REPO / "bench"))

from audit_quality.corpus import DEV, corpus_files  # noqa: E402

from jixiao.domain.audit.facts import AuditDocument  # noqa: E402
from jixiao.domain.audit.tables import INDICATORS  # noqa: E402
from jixiao.ingest.docmodel.document import build_document  # noqa: E402
from jixiao.services.figure_audit import extracted_evaluation  # noqa: E402

UNANNOTATED = Path("/work/unannotated-texts")
LAYOUTS = ("pipes", "tabs", "spaces", "cell-per-line", "multi-line", "run-together")

# --- the measure's own idea of a row (kept apart from the reader's patterns on purpose) ---

_CJK = r"\u4e00-\u9fff"
_OP = r"(?:[≥≤=<>＞＜﹦≧≦]|不低于|不少于|不高于|不超过|大于|小于|达到|高于|低于)"
_NUM = r"\d+(?:\.\d+)?"
# a value cell: a figure with its comparison and unit (≥95%, 500人, 2万元/人), or a short word
# of a qualitative row (合格, 及时, 有效提升)
_VALUE = re.compile(rf"{_OP}?\s*{_NUM}\s*(?:%|‰|[{_CJK}/a-zA-Z²³]{{0,6}})|[{_CJK}“”\"]{{1,10}}")
_SCORE = re.compile(rf"{_NUM}\s*分?")
_NAME = re.compile(rf"[{_CJK}（）()、“”:：0-9%]*[{_CJK}]{{2}}[{_CJK}（）()、“”:：0-9%/]*")
# words that are the forms' column names or category labels, never an indicator's name
_NOT_NAME = re.compile(r"指标$|^指标\d|得分|分值|权重|总分|合计|年度指标值|实际完成|偏差|目标值|"
                       r"度量单位|指标性质|预算数|执行数|执行率|"
                       # the funds block's rows (年度资金总额 | 预算 | 执行 | 分值 | 得分 has the
                       # shape too) and the 附件2 framework's first levels of a score sheet
                       r"资金总额|^总额|财政拨款|结转|其他资金|基本支出|^项目支出$|^其中|原因|"
                       r"^(?:项目)?(?:决策|过程|产出|效益|管理|投入|效果)$|自评表")
_UNIT_OR_NATURE = re.compile(rf"^(?:{_OP}|正向|反向|定性|定量|%|[{_CJK}]{{1,2}})$")


def _bare_score(text: str) -> bool:
    m = _SCORE.fullmatch(text.strip())
    return m is not None and _at_most(text, 100)


def _at_most(text: str, ceiling: int) -> bool:
    """The cell's number is ≤ ceiling (its whole part compared: no float in the project)."""
    digits = re.match(_NUM, text.strip())
    if digits is None:
        return False
    whole = digits.group().split(".")[0]
    return len(whole) <= 3 and int(whole) <= ceiling


def _name(text: str) -> bool:
    t = text.strip()
    return (2 <= len(t) <= 60 and _NAME.fullmatch(t) is not None
            and _NOT_NAME.search(t) is None)


def _value(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 20 and _VALUE.fullmatch(t) is not None


def _row_at(cells: list[str], i: int) -> tuple[int, int, int] | None:
    """The row starting at cell i — name, then the values in one of the forms' orders:
    [nature] target [unit] actual [unit] 分值 得分 (附件1), or 分值 target actual 得分 (the
    provincial copies printing the weight after the name) — as (cells taken, index of the
    分值 cell, index of the 得分 cell), or None."""
    if not _name(cells[i]):
        return None
    j = i + 1
    if j < len(cells) and _bare_score(cells[j]):  # 分值 right after the name
        k = _values(cells, j + 1)
        if k is not None and k < len(cells) and _bare_score(cells[k]):
            return k + 1 - i, j, k
    for nature in (False, True):
        if nature and not (j < len(cells) and _UNIT_OR_NATURE.match(cells[j].strip())):
            break
        k = _values(cells, j + 1 if nature else j)
        if k is not None and k + 1 < len(cells) and _bare_score(cells[k]) \
                and _bare_score(cells[k + 1]):
            return k + 2 - i, k, k + 1
    return None


def _values(cells: list[str], j: int) -> int | None:
    """Target and actual from cell j (a unit cell may follow each): the index after them."""
    for _ in range(2):
        if j >= len(cells) or not _value(cells[j]):
            return None
        j += 1
        if j < len(cells) and _UNIT_OR_NATURE.match(cells[j].strip()) \
                and not _value_figure(cells[j]):
            j += 1
    return j


def _value_figure(text: str) -> bool:
    return re.search(r"\d", text) is not None


@dataclass(frozen=True)
class Span:
    """One row-like span: its layout class, its first and last line, where its 分值 and 得分
    figures are ((line, start, end) each) and the text matched."""

    layout: str
    first: int
    last: int
    weight: tuple[int, int, int]
    score: tuple[int, int, int]
    text: str


_RUN_VALUE = rf"{_OP}?{_NUM}(?:%|[{_CJK}/]{{1,4}})"
# the two orders of the forms, run together: name target actual 分值 得分 (附件1) and
# name 分值 target actual 得分 (the copies printing the weight after the name: 四川 中江 014's)
_RUN = re.compile(
    rf"(?P<name>[{_CJK}（）()、]{{2,40}}?)"
    rf"(?:(?P<target>{_RUN_VALUE})(?P<actual>{_RUN_VALUE})(?P<points>\d{{1,3}}分?\d{{1,3}}分?)"
    rf"|(?P<w>\d{{1,3}})(?P<t2>{_RUN_VALUE})(?P<a2>{_RUN_VALUE})(?P<s>\d{{1,3}}))(?=[^\d.%]|$)")
# a date or a period is no target (2022年12月30日, 11月底)
_DATE = re.compile(r"\d(?:年|月|日)")


class _Cell(NamedTuple):
    line: int
    start: int
    end: int
    text: str
    layout: str


def _split(text: str) -> tuple[str, list[tuple[int, int, str]]] | None:
    """The line's cells with their offsets, and the layout class, or None for no separator."""
    if text.count("|") >= 1 and text.strip().strip("|").strip():
        layout, sep = "pipes", re.compile(r"\s*\|\s*")
    elif text.count("\t") >= 2:
        layout, sep = "tabs", re.compile(r"\s*\t\s*")
    elif len(text.split()) >= 4 and len(text) < 8 * len(text.split()):
        # (pieces of eight characters or more on average: run-together text with a few stray
        # blanks, a wrapped cell's line break — read below as run-together)
        layout, sep = "spaces", re.compile(r"\s+")
    else:
        return None
    cells: list[tuple[int, int, str]] = []
    pos = 0
    for m in sep.finditer(text):
        if m.start() > pos:
            cells.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        cells.append((pos, len(text), text[pos:]))
    return layout, [c for c in cells if c[2].strip()]


def _stream(doc: AuditDocument) -> tuple[list[_Cell], list[Span]]:
    """Every line cut into cells (the measure's own cutting), and the run-together spans."""
    stream: list[_Cell] = []
    runs: list[Span] = []
    for ln in doc.lines:
        text = ln.text
        if not text.strip().strip("|").strip():
            continue
        split = _split(text)
        if split is not None:
            layout, cells = split
            stream.extend(_Cell(ln.number, a, b, t.strip(), layout) for a, b, t in cells)
        elif len(text.strip()) <= 60:
            stream.append(_Cell(ln.number, 0, len(text), text.strip(), "cell-per-line"))
        else:
            where = [k for k, ch in enumerate(text) if not ch.isspace()]
            where.append(len(text))
            bare = "".join(text[k] for k in where[:-1])
            for m in _RUN.finditer(bare):
                if _NOT_NAME.search(m.group("name")[-4:]) is None and not _DATE.search(m.group()):
                    # (which digits of a glued run are the 分值 cannot be told here either: the
                    # whole match is where the row's 分值 and 得分 must lie)
                    at = (ln.number, where[m.start()], where[m.end() - 1] + 1)
                    runs.append(Span("run-together", ln.number, ln.number, at, at, m.group()))
            stream.append(_Cell(ln.number, 0, len(text), "", "prose"))  # (breaks a row)
    return stream, runs


def row_like_spans(doc: AuditDocument) -> list[Span]:
    """Every row-like span of the document's 自评表s (only in a text naming 分值/权重 and 得分)."""
    whole = "\n".join(ln.text for ln in doc.lines)
    if "得分" not in whole or not re.search("分值|权重|满分|标准分", whole):
        return []
    stream, spans = _stream(doc)
    texts = [c.text for c in stream]
    i = 0
    while i < len(stream):
        found = _row_at(texts, i) if texts[i] else None
        if found is None:
            i += 1
            continue
        n, w, s = found
        cells = stream[i:i + n]
        lines = {c.line for c in cells}
        if len(lines) == 1:
            layout = cells[0].layout
        elif len(lines) == len(cells):
            layout = "cell-per-line"
        else:
            layout = "multi-line"
        spans.append(Span(layout, cells[0].line, cells[-1].line,
                          (stream[w].line, stream[w].start, stream[w].end),
                          (stream[s].line, stream[s].start, stream[s].end),
                          " | ".join(texts[i:i + n])))
        i += n
    return spans


def _read_rows(doc: AuditDocument) -> list[tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """Where the 分值 and 得分 cells of every read indicator row with both are
    ((line, start, end) each)."""
    out = []
    for table in doc.tables:
        if table.kind != INDICATORS:
            continue
        for row in table.rows:
            w, s = row.get("weight"), row.get("score")
            if w is not None and s is not None and w.number is not None:
                out.append(((w.line, w.start, w.end), (s.line, s.start, s.end)))
    return out


def _overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _recovered(span: Span, rows: list[tuple[tuple[int, int, int], tuple[int, int, int]]]) -> bool:
    """A read row's 分值 cell lies on the span's 分值 figure and its 得分 cell on the 得分's."""
    return any(_overlap(span.weight, w) and _overlap(span.score, s) for w, s in rows)


def texts(unannotated: Path) -> list[tuple[str, list[str]]]:
    """The texts measured: dev corpus texts, then the unannotated ones."""
    out = [(f.name, list(f.lines)) for f in corpus_files() if f.split == DEV]
    for p in sorted(unannotated.glob("*/*.txt")):
        out.append((f"unannotated/{p.parent.name}/{p.name}",
                    p.read_text(encoding="utf-8").splitlines()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="per text figures")
    parser.add_argument("--unannotated", type=Path, default=UNANNOTATED)
    parser.add_argument("--show", choices=("rowlike", "missed"), default=None,
                        help="print every row-like span (or every one not read) for a hand check")
    parser.add_argument("--src", default=None, help="the package source to measure (default: this "
                        "checkout's src)")
    args = parser.parse_args(argv)
    found: Counter[str] = Counter()
    read: Counter[str] = Counter()
    extracted = with_rows = 0
    for name, lines in texts(args.unannotated):
        doc = build_document(lines)
        spans = row_like_spans(doc)
        if not spans:
            continue
        with_rows += 1
        rows = _read_rows(doc)
        got = [s for s in spans if _recovered(s, rows)]
        evaluation = extracted_evaluation(doc, name) is not None
        extracted += evaluation
        for s in spans:
            found[s.layout] += 1
        for s in got:
            read[s.layout] += 1
        if args.verbose:
            kinds = Counter(s.layout for s in spans)
            print(f"{name:32} {len(got):3}/{len(spans):3} rows read  extract={'yes' if evaluation else 'no '}"
                  f"  {dict(kinds)}")
        if args.show:
            for s in spans:
                ok = s in got
                if args.show == "rowlike" or not ok:
                    print(f"   {'read' if ok else 'MISS'} {s.layout:13} {name}:{s.first}-{s.last} "
                          f"{s.text[:90]}")
    print(f"texts with row-like spans: {with_rows}; `--extract` gives an evaluation for {extracted}")
    print(f"{'layout':15} {'read':>5} / {'rows':>5}")
    for layout in LAYOUTS:
        if found[layout]:
            print(f"{layout:15} {read[layout]:5} / {found[layout]:5}  "
                  f"{100 * read[layout] // found[layout]:3} %")
    total, got_total = sum(found.values()), sum(read.values())
    print(f"{'total':15} {got_total:5} / {total:5}  {100 * got_total // max(total, 1):3} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
