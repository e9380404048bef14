"""Page breaks of the PDFs: the 自评表 on one page with its 总分, the indicator header on
every page of a long table, report headings kept with their text, no gaps below paragraphs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from jixiao.documents.cells import Grid
from jixiao.documents.layout import get_layout
from jixiao.documents.pdf import _pdf_cells
from jixiao.documents.render import render_report, render_table, report_for
from jixiao.documents.table_model import build_table
from jixiao.domain.scoring import score_evaluation

from .conftest import many_indicators, needs_poppler, pdf_pages, squash

LAYOUTS = ["yunnan-2020", "national-2020"]
INDICATOR_HEAD = ["一级指标", "二级指标", "三级指标"]
PITCH = 28.95  # pt, 225 mm ÷ 22 lines
TEXT_BOTTOM = 842 - 35 / 25.4 * 72  # pt from the top: A4 minus the 35 mm bottom margin


# ---------------------------------------------------------------- 自评表
def test_grid_marks_the_repeated_header_and_the_kept_rows(scored) -> None:
    for layout in LAYOUTS:
        grid = build_table(scored, get_layout(layout))
        rows = grid.text_rows()
        assert rows[grid.repeat_row][1] == "一级指标"
        assert grid.keep_from == grid.rows - 2 and rows[grid.rows - 1][0] == "总分"


def test_side_label_split_for_the_repeated_header(scored) -> None:
    """绩效指标 spans the header row and every indicator row: in the PDF it becomes an empty
    header cell open at the bottom and the label open at the top, covering the same slots."""
    grid = build_table(scored, get_layout("yunnan-2020"))
    cells = _pdf_cells(grid)
    side = [c for c in cells if c["col"] == 0 and c["row"] in (grid.repeat_row, grid.repeat_row + 1)]
    head, body = sorted(side, key=lambda c: c["row"])
    assert (head["text"], head["open"], head["rowspan"]) == ("", "bottom", 1)
    assert (body["text"], body["open"]) == ("绩效指标", "top")
    assert body["rowspan"] == len(scored.indicators)
    covered = sorted((r, k) for c in cells for r in range(c["row"], c["row"] + c["rowspan"])
                     for k in range(c["col"], c["col"] + c["colspan"]))
    assert covered == sorted((r, k) for r in range(grid.rows) for k in range(len(grid.columns)))


def test_pdf_cells_unchanged_without_a_repeated_row() -> None:
    from jixiao.documents.cells import Cell

    grid = Grid("", "", "", "", (1, 1), (Cell(0, 0, "a", rowspan=2), Cell(0, 1, "b"),
                                         Cell(1, 1, "c")), 2)
    assert [(c["row"], c["rowspan"], c["open"]) for c in _pdf_cells(grid)] == [
        (0, 2, ""), (0, 1, ""), (1, 1, "")]


@needs_poppler
@pytest.mark.parametrize("layout", LAYOUTS)
def test_baoshan_table_is_one_page(rendered, layout) -> None:
    pages = pdf_pages(rendered[("table", ".pdf", layout)])
    assert len(pages) == 1
    assert any(ln.startswith("总分") for ln in pages[0])


def _indicator_names(scored) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.indicator.name for s in scored.indicators]


@needs_poppler
@pytest.mark.parametrize("layout", LAYOUTS)
def test_long_table_repeats_the_indicator_header(tmp_path, sixty_scored, layout) -> None:
    pages = pdf_pages(render_table(sixty_scored, tmp_path / "t.pdf", layout))
    assert len(pages) >= 2
    for page in pages:
        text = squash("".join(page))
        assert all(h in text for h in INDICATOR_HEAD), page[:3]
    # Every indicator's score printed (names may wrap inside their cells).
    text = "\n".join(ln for page in pages for ln in page)
    assert len(re.findall(r"\s(?:10|5)\.00(?:\s|$)", text)) == len(sixty_scored.indicators)


def _total_page_has_an_indicator(pages: list[list[str]], names: list[str]) -> bool:
    page = next(p for p in pages if any(re.match(r"总\s*分", ln) for ln in p))
    text = squash("".join(page))
    # Names differ only in their number suffix: look for the last indicator's row.
    return squash(names[-1]) in text


@needs_poppler
@pytest.mark.parametrize("layout", LAYOUTS)
def test_total_row_never_alone_on_a_page(tmp_path, evaluation, layout) -> None:
    """Over the counts where the table reaches a page end, 总分 stays with the last
    indicator row (a 总分 row alone under a repeated header would be rejected)."""
    for n in range(14, 44):
        scored = score_evaluation(many_indicators(evaluation, n))
        pages = pdf_pages(render_table(scored, tmp_path / f"t{n}.pdf", layout))
        assert _total_page_has_an_indicator(pages, _indicator_names(scored)), (n, len(pages))


# ---------------------------------------------------------------- 自评报告
def _line_boxes(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page: (yMin, height, text) of each text line, top to bottom."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        lines = []
        for m in re.finditer(r'<line xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">'
                             r"(.*?)</line>", page, re.S):
            text = "".join(re.findall(r">([^<]*)</word>", m.group(3)))
            lines.append((float(m.group(1)), float(m.group(2)) - float(m.group(1)), text))
        pages.append(sorted(lines))
    return pages


def _headings(scored) -> set[str]:  # type: ignore[no-untyped-def]
    return {squash(b.text) for b in report_for(scored).blocks if b.kind == "heading"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, rendered, sixty_scored):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("reports")
    return {"baoshan": rendered[("report", ".pdf")],
            "sixty": render_report(sixty_scored, out / "sixty.pdf")}


@needs_poppler
@pytest.mark.parametrize("which", ["baoshan", "sixty"])
def test_no_page_ends_with_a_heading(reports, scored, sixty_scored, which) -> None:
    headings = _headings(scored if which == "baoshan" else sixty_scored)
    pages = pdf_pages(reports[which])
    for i, page in enumerate(pages[:-1], start=1):
        body = [ln for ln in page if not re.fullmatch(r"—\s*\d+\s*—", ln)]
        assert squash(body[-1]) not in headings, f"page {i} ends with heading {body[-1]!r}"


@needs_poppler
@pytest.mark.parametrize("which", ["baoshan", "sixty"])
def test_text_pages_are_filled(reports, scored, sixty_scored, which) -> None:
    """Paragraphs split across pages: a page of text ends on its last grid line unless the
    next page opens with a heading (kept with its text) or a table/chart (not split)."""
    headings = _headings(scored if which == "baoshan" else sixty_scored)
    pages = _line_boxes(reports[which])
    for i in range(len(pages) - 1):
        body = [ln for ln in pages[i] if ln[0] < TEXT_BOTTOM]
        nxt = [ln for ln in pages[i + 1] if ln[0] < TEXT_BOTTOM]
        if any(h < 13 for _, h, _ in body) or nxt[0][1] < 13:
            continue  # a table or chart on this page or opening the next
        gap = TEXT_BOTTOM - (body[-1][0] + body[-1][1])
        if gap > PITCH:
            opens = squash(nxt[0][2])
            assert any(opens.startswith(h) for h in headings), (
                f"page {i + 1} leaves {gap / PITCH:.1f} lines empty before {nxt[0][2]!r}")


@needs_poppler
def test_page_one_body_is_on_the_grid(reports) -> None:
    """The title takes whole grid lines: page 1's text lines sit on page 2's grid."""
    pages = _line_boxes(reports["baoshan"])
    grid = [y for y, h, _ in pages[1] if 13 < h < 20 and y < TEXT_BOTTOM]
    first = [y for y, h, _ in pages[0] if 13 < h < 20 and y < TEXT_BOTTOM]
    base = grid[0]
    for y in first:
        steps = (y - base) / PITCH
        assert abs(steps - round(steps)) * PITCH < 1.0, y


def test_docx_keeps_headings_and_the_total_row(rendered) -> None:
    from docx import Document

    doc = Document(str(rendered[("report", ".docx")]))
    heads = [p for p in doc.paragraphs if p.text in ("二、佐证材料", "1.预算执行情况分析。")]
    assert len(heads) == 2 and all(p.paragraph_format.keep_with_next for p in heads)
    body = next(p for p in doc.paragraphs if p.text.startswith("经逐项对照自评"))
    assert not body.paragraph_format.keep_with_next
    table = Document(str(rendered[("table", ".docx", "yunnan-2020")])).tables[-1]
    last_indicator, total = table.rows[-2], table.rows[-1]
    assert all(p.paragraph_format.keep_with_next for c in last_indicator.cells[2:]
               for p in c.paragraphs)
    assert not any(p.paragraph_format.keep_with_next for c in total.cells for p in c.paragraphs)


def test_html_headings_avoid_a_break_after(rendered) -> None:
    html = rendered[("report", ".html")].read_text(encoding="utf-8")
    assert re.search(r"h2, h3, h4 \{ break-after: avoid;", html)
