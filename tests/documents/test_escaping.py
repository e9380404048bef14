"""User text with HTML/Typst/Word markup characters comes out literally in every format."""

from __future__ import annotations

import openpyxl
import pytest
from bs4 import BeautifulSoup
from docx import Document

from .conftest import NASTY, needs_poppler, pdf_text, squash


def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize("kind", ["table", "report"])
def test_docx_literal(nasty_rendered, kind) -> None:
    assert NASTY in _docx_text(nasty_rendered[(kind, ".docx")])


def test_xlsx_literal(nasty_rendered) -> None:
    ws = openpyxl.load_workbook(nasty_rendered[("table", ".xlsx")]).active
    assert NASTY in {c.value for row in ws.iter_rows() for c in row}


@needs_poppler
@pytest.mark.parametrize("kind", ["table", "report"])
def test_pdf_literal(nasty_rendered, kind) -> None:
    # Typst gets the text as data, never as markup: nothing is evaluated or dropped.
    assert squash(NASTY) in squash(pdf_text(nasty_rendered[(kind, ".pdf")]))


def test_html_escaped(nasty_rendered) -> None:
    html = nasty_rendered[("report", ".html")].read_text(encoding="utf-8")
    assert "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert NASTY in soup.get_text()


def test_unfinished_indicator_explained(nasty_rendered) -> None:
    text = squash(_docx_text(nasty_rendered[("report", ".docx")]))
    assert squash("“未完成项”得分0.00分（分值0分）") not in text  # weight 0: nothing missed
    assert squash("年度指标值≥10个，实际完成值5个") in text
