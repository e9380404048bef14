"""Fixtures for the documents tests: the Baoshan example scored once, every document
rendered once per session (rendering is the slow part, the assertions are cheap)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.documents.render import render_report, render_table
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "baoshan-2022-rent-property.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: User text full of markup characters for HTML, Typst and Word.
NASTY = "<script>alert(1)</script> #set $x$ *b* _i_ @ref <lab> [x] \\n & \"q\""
#: Control characters a JSON evaluation file may carry; XML cannot hold them.
CONTROL = "\x0b\x01"


def squash(text: str) -> str:
    """Normalise extracted text: drop all whitespace (PDF line breaks, table spacing)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")


@pytest.fixture(scope="session")
def evaluation():
    return load_evaluation(EXAMPLE)


@pytest.fixture(scope="session")
def scored(evaluation):
    return score_evaluation(evaluation)


@pytest.fixture(scope="session")
def nasty_scored(evaluation):
    """The example with an indicator name and narrative full of markup characters."""
    first = evaluation.indicators[0]
    nasty_indicator = replace(first, name=NASTY + CONTROL, deviation_reason=NASTY)
    extra = Indicator(category=first.category, subcategory=first.subcategory, name="未完成项",
                      operator=Operator.GE, target=Decimal(10), actual=Decimal(5),
                      weight=Decimal(0), unit_of_measure="个", deviation_reason=NASTY)
    project = replace(evaluation.project, name=evaluation.project.name + CONTROL)
    ev = replace(evaluation, project=project,
                 indicators=(nasty_indicator, *evaluation.indicators[1:], extra),
                 narrative=(("problems", NASTY),))
    return score_evaluation(ev)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, scored):
    """Every document of the Baoshan example: (kind, suffix[, layout]) → path."""
    out = tmp_path_factory.mktemp("rendered")
    docs = {}
    for layout in ("national-2020", "yunnan-2020"):
        for suffix in (".xlsx", ".docx", ".pdf"):
            docs[("table", suffix, layout)] = render_table(
                scored, out / f"table-{layout}{suffix}", layout)
    for suffix in (".docx", ".pdf", ".html"):
        docs[("report", suffix)] = render_report(scored, out / f"report{suffix}")
    return docs


@pytest.fixture(scope="session")
def nasty_rendered(tmp_path_factory, nasty_scored):
    out = tmp_path_factory.mktemp("nasty")
    docs = {}
    for suffix in (".xlsx", ".docx", ".pdf"):
        docs[("table", suffix)] = render_table(nasty_scored, out / f"t{suffix}", "national-2020")
    for suffix in (".docx", ".pdf", ".html"):
        docs[("report", suffix)] = render_report(nasty_scored, out / f"r{suffix}")
    return docs


def many_indicators(evaluation, n: int = 60):  # type: ignore[no-untyped-def]
    """The example with `n` indicators (its 14 repeated under new names, grouped as on the
    form) — a long table and a long report."""
    base = list(evaluation.indicators)
    order = {c: i for i, c in enumerate(dict.fromkeys(x.category for x in base))}
    inds = [replace(base[i % len(base)], name=f"{base[i % len(base)].name}{i}") for i in range(n)]
    inds.sort(key=lambda x: (order[x.category], x.subcategory))
    return replace(evaluation, indicators=tuple(inds))


def pdf_pages(path: Path) -> list[list[str]]:
    """Each page's non-empty text lines (pdftotext -layout), page number line included."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [[ln.strip() for ln in page.splitlines() if ln.strip()] for page in text.split("\f")[:-1]]


@pytest.fixture(scope="session")
def sixty_scored(evaluation):
    return score_evaluation(many_indicators(evaluation, 60))
