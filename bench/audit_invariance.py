"""Invariance of the figure audit: the same report wrapped, joined or in another format.

Usage::

    JIXIAO_ROUND3_TEXTS=/work/corpus-round3-texts .venv/bin/python bench/audit_invariance.py \
        [--transforms w20,w35,w60,w35c,joined,nostop,html,docx,pdf] [--no-mutants] [--json] [-v]

Real reports reach users as PDF text hard-wrapped at a fixed width (lines broken anywhere,
inside a number or a label, with page numbers and a running header at every page break),
as web text whose paragraphs were run together and whose full stops were lost, or as
html/docx/pdf carrying the same words in another structure. The audit's findings must not
depend on that. For every text — the dev part of the corpus (never a locked-test file),
every text in ``/work/unannotated-texts/*/`` and the mutants the mutation benchmark plants
into the dev texts — the text is audited as printed and after each transform, through the
same reading path as ``jixiao audit`` (`jixiao.ingest.report_text.text_from_bytes`, then the
document model), and the report gives per transform:

- **lost**: error findings of the printed text that the transformed text does not give;
- **new**: error findings the transformed text gives that the printed text does not (false
  alarms: the words are the same);
- for the mutants, planted errors **found as printed but lost when transformed** (the key
  number: a user reading a PDF would not be told).

Findings are compared by (code, stated, expected), without their line: a transform moves
lines. Transforms:

- ``w20``/``w35``/``w60``: hard-wrapped at 20/35/60 CJK characters' width (a CJK character
  (and every character from U+0800: CJK punctuation, “ ” …) takes two columns, a digit or
  letter one, as a CJK font sets them in a PDF), breaking anywhere, with
  a page every 40 lines: the report's running header at its top (its title when it has a
  short one) and a footer (第 3 页 / - 3 - / 第 3 页 共 9 页) at its foot; ``w35c``: wrapped
  at 35 characters whatever their width;
- ``joined``: the whole text run into one line (paragraph breaks lost);
- ``nostop``: every 。 removed;
- ``html``/``docx``/``pdf``: the text written as that format (paragraphs as paragraphs, lines
  with ``|`` cells as table rows; the PDF typeset by Typst, read back by the audit's PDF reader).
"""

from __future__ import annotations

import argparse
import html
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from audit_quality.corpus import DEV, corpus_files, number  # noqa: E402
from audit_quality.matching import is_error, same_figure  # noqa: E402
from audit_quality.mutation import Mutation, mutations_of  # noqa: E402

from jixiao.domain.findings import Finding  # noqa: E402
from jixiao.ingest.report_text import text_from_bytes  # noqa: E402
from jixiao.services.figure_audit import audit_lines  # noqa: E402

UNANNOTATED = Path("/work/unannotated-texts")
PAGE_LINES = 40
RUNNING_HEADER = "项目支出绩效自评报告"
Key = tuple[str, str | None, str | None]


def _columns(ch: str) -> int:
    # as a CJK font sets them: CJK characters, full-width forms and CJK punctuation (“ ” —
    # … ≥ ℃ too: everything from U+0800) take two columns, Latin letters and digits one
    return 2 if ch >= "\u0800" else 1


def running_header(lines: Sequence[str]) -> str:
    """The report's title (its first line after the corpus header, when short), else a
    generic title: what a PDF prints at every page top."""
    for ln in lines:
        if ln.strip() and not ln.startswith(("SOURCE:", "TITLE:", "COMPLETENESS:")):
            return ln.strip() if len(ln.strip()) <= 30 else RUNNING_HEADER
    return RUNNING_HEADER


def wrap(lines: Sequence[str], width: int, *, by_columns: bool = True, footer: str = "第 {n} 页",
         header: str | None = None, page_lines: int = PAGE_LINES) -> list[str]:
    """`lines` hard-wrapped as a PDF's text layer gives them: every line broken after `width`
    CJK characters' worth of columns (anywhere: inside a number or a label too), blank lines
    kept, and every `page_lines` output lines a page: the running header at its top
    (`running_header` unless given) and its footer at its foot."""
    header = running_header(lines) if header is None else header
    limit = 2 * width if by_columns else width
    body: list[str] = []
    for ln in lines:
        text = ln.rstrip()
        if not text:
            body.append("")
            continue
        piece, used = "", 0
        for ch in text:
            w = _columns(ch) if by_columns else 1
            if used + w > limit:
                body.append(piece)
                piece, used = "", 0
            piece += ch
            used += w
        body.append(piece)
    pages = [body[i:i + page_lines] for i in range(0, len(body), page_lines)]
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        out.append(header)
        out += page
        out.append(footer.format(n=n, total=len(pages)))
    return out


def joined(lines: Sequence[str]) -> list[str]:
    """The whole text as one line: paragraph breaks lost."""
    return ["".join(ln.strip() for ln in lines if ln.strip())]


def no_stops(lines: Sequence[str]) -> list[str]:
    return [ln.replace("。", "") for ln in lines]


def _blocks(lines: Sequence[str]) -> list[tuple[str, Any]]:
    """Paragraphs ("p", text) and tables ("t", rows of cells): consecutive lines with ``|``."""
    out: list[tuple[str, Any]] = []
    for ln in lines:
        if "|" in ln:
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if out and out[-1][0] == "t":
                out[-1][1].append(cells)
            else:
                out.append(("t", [cells]))
        else:
            out.append(("p", ln.strip()))
    return out


def to_html(lines: Sequence[str]) -> bytes:
    parts = ["<!doctype html><html><head><meta charset='utf-8'></head><body>"]
    for kind, value in _blocks(lines):
        if kind == "p":
            parts.append(f"<p>{html.escape(value)}</p>")
        else:
            parts.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in value)
                + "</table>")
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def to_docx(lines: Sequence[str]) -> bytes:
    import docx

    document = docx.Document()
    for kind, value in _blocks(lines):
        if kind == "p":
            document.add_paragraph(value)
        else:
            cols = max(len(r) for r in value)
            table = document.add_table(rows=len(value), cols=cols)
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
                if len(row) < cols:  # a short row's last cell spans the rest, as Word makes it
                    table.cell(r, len(row) - 1).merge(table.cell(r, cols - 1))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_TYPST = """#set page(paper: "a4", margin: 2cm)
#set text(font: ("Noto Serif CJK SC",), size: 10.5pt, lang: "zh")
#let blocks = json(bytes(sys.inputs.data))
#for b in blocks {
  if b.kind == "p" { par(b.text) } else {
    table(columns: b.cols, ..b.cells.map(c => [#c]))
  }
}
"""


@lru_cache(maxsize=1)
def _compiler() -> Any:
    import typst

    from jixiao.documents.style import pdf_font_dirs

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(d) for d in pdf_font_dirs()])
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True)


def to_pdf(lines: Sequence[str]) -> bytes:
    data = []
    for kind, value in _blocks(lines):
        if kind == "p":
            data.append({"kind": "p", "text": value})
        else:
            cols = max(len(r) for r in value)
            data.append({"kind": "t", "cols": cols,
                         "cells": [c for row in value for c in row + [""] * (cols - len(row))]})
    out: bytes = _compiler().compile(input=_TYPST.encode(), format="pdf", timestamp=0,
                                     sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    return out


def _text(fn: Callable[[Sequence[str]], list[str]]) -> Callable[[Sequence[str]], tuple[bytes, str]]:
    return lambda lines: ("\n".join(fn(lines)).encode("utf-8"), ".txt")


TRANSFORMS: dict[str, Callable[[Sequence[str]], tuple[bytes, str]]] = {
    "w20": _text(lambda ls: wrap(ls, 20)),
    "w35": _text(lambda ls: wrap(ls, 35, footer="- {n} -")),
    "w60": _text(lambda ls: wrap(ls, 60, footer="第 {n} 页 共 {total} 页")),
    "w35c": _text(lambda ls: wrap(ls, 35, by_columns=False)),
    "joined": _text(joined),
    "nostop": _text(no_stops),
    "html": lambda ls: (to_html(ls), ".html"),
    "docx": lambda ls: (to_docx(ls), ".docx"),
    "pdf": lambda ls: (to_pdf(ls), ".pdf"),
}


def audit_bytes(data: bytes, suffix: str) -> tuple[Finding, ...]:
    """The findings `jixiao audit` gives for a file of these bytes (its reading path)."""
    return audit_lines(text_from_bytes(data, suffix).splitlines())


def audit_printed(lines: Sequence[str]) -> tuple[Finding, ...]:
    return audit_bytes("\n".join(lines).encode("utf-8"), ".txt")


def error_keys(findings: Sequence[Finding]) -> Counter[Key]:
    return Counter((f.code, f.stated, f.expected) for f in findings if is_error(f))


def names_planted(m: Mutation, f: Finding, item_stated: str) -> bool:
    """`mutation.planted_found` without the line (a transform moves lines)."""
    want = [number(m.new), number(item_stated)]
    got = [f.stated, f.expected, *f.operands]
    return any(same_figure(number(g), w) for g in got if g is not None for w in want)


def planted(m: Mutation, findings: Sequence[Finding], original: Counter[Key], item_stated: str) -> bool:
    """Whether a new error finding of the mutant (not among the original's) names the planted error."""
    return any(is_error(f) and (f.code, f.stated, f.expected) not in original
               and names_planted(m, f, item_stated) for f in findings)


@dataclass
class Tally:
    texts: int = 0
    errors: int = 0  # error findings as printed
    lost: int = 0
    new: int = 0
    texts_changed: int = 0
    failed: int = 0  # the transformed file could not be read
    mutants_found: int = 0  # planted errors found as printed
    mutants_lost: int = 0  # … and lost when transformed
    mutants_gained: int = 0  # not found as printed, found when transformed
    detail: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def _texts() -> list[tuple[str, tuple[str, ...]]]:
    out = [(cf.name, cf.lines) for cf in corpus_files() if cf.split == DEV]
    for p in sorted(UNANNOTATED.glob("*/*.txt")):
        out.append((f"unannotated/{p.parent.name}/{p.name}",
                    tuple(p.read_text(encoding="utf-8", errors="replace").splitlines())))
    return out


def _transform(name: str, lines: Sequence[str]) -> tuple[Finding, ...] | None:
    data, suffix = TRANSFORMS[name](lines)
    try:
        return audit_bytes(data, suffix)
    except Exception as err:  # a bench: count it and go on
        print(f"  {name}: {type(err).__name__}: {err}", file=sys.stderr)
        return None


def run(transforms: Sequence[str], *, mutants: bool = True, verbose: bool = False) -> dict[str, Any]:
    t0 = time.perf_counter()
    tallies = {t: Tally() for t in transforms}
    texts = _texts()
    for name, lines in texts:
        base = error_keys(audit_printed(lines))
        for t in transforms:
            tally = tallies[t]
            got = _transform(t, lines)
            tally.texts += 1
            tally.errors += sum(base.values())
            if got is None:
                tally.failed += 1
                continue
            after = error_keys(got)
            lost, new = base - after, after - base
            tally.lost += sum(lost.values())
            tally.new += sum(new.values())
            if lost or new:
                tally.texts_changed += 1
                tally.detail += [f"{name}: lost {k}" for k in lost] + [f"{name}: NEW {k}" for k in new]
    report: dict[str, Any] = {"texts": len(texts)}
    if mutants:
        report["mutants"] = _run_mutants(transforms, tallies)
    report["transforms"] = {t: tallies[t].to_json() if verbose else
                            {k: v for k, v in tallies[t].to_json().items() if k != "detail"}
                            for t in transforms}
    report["seconds"] = round(time.perf_counter() - t0, 1)
    return report


def _run_mutants(transforms: Sequence[str], tallies: dict[str, Tally]) -> int:
    count = 0
    for cf in corpus_files():
        if cf.split != DEV:
            continue
        ms = mutations_of(cf)
        if not ms:
            continue
        stated_of = {c.id: c.stated for c in cf.annotation().consistent}
        printed = error_keys(audit_printed(cf.lines))
        transformed = {t: error_keys(_transform(t, cf.lines) or ()) for t in transforms}
        for m in ms:
            count += 1
            found = planted(m, audit_printed(m.lines), printed, stated_of[m.item_id])
            for t in transforms:
                got = _transform(t, m.lines)
                hit = got is not None and planted(m, got, transformed[t], stated_of[m.item_id])
                tally = tallies[t]
                tally.mutants_found += found
                if found and not hit:
                    tally.mutants_lost += 1
                    tally.detail.append(f"mutant {m.key} [{m.relation}] ({m.old}→{m.new}) lost")
                elif hit and not found:
                    tally.mutants_gained += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--transforms", default=",".join(TRANSFORMS))
    parser.add_argument("--no-mutants", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    transforms = [t.strip() for t in args.transforms.split(",") if t.strip()]
    unknown = [t for t in transforms if t not in TRANSFORMS]
    if unknown:
        parser.error(f"unknown transform(s): {', '.join(unknown)}")
    report = run(transforms, mutants=not args.no_mutants, verbose=args.verbose)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"texts: {report['texts']} (dev corpus + unannotated); mutants of dev texts: "
          f"{report.get('mutants', '-')}; {report['seconds']} s")
    print(f"{'transform':<10}{'errors':>8}{'lost':>7}{'new':>6}{'texts changed':>15}{'unread':>8}"
          f"{'mutants found':>15}{'lost':>6}{'gained':>8}")
    for t, r in report["transforms"].items():
        print(f"{t:<10}{r['errors']:>8}{r['lost']:>7}{r['new']:>6}{r['texts_changed']:>15}{r['failed']:>8}"
              f"{r['mutants_found']:>15}{r['mutants_lost']:>6}{r['mutants_gained']:>8}")
        if args.verbose:
            for d in r["detail"]:
                print(f"    {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
