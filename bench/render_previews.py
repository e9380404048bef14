"""Render page 1 of the 自评表 (both layouts) and of the 自评报告 of the Baoshan example to
PNG in docs/, through the real PDFs and poppler's pdftoppm (what a reader would print).

    .venv/bin/python bench/render_previews.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from jixiao.documents.render import render_report, render_table
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


def page_one(pdf: Path, png_stem: Path, dpi: int = 80) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png_stem)], check=True)
    return png_stem.with_suffix(".png")


def main() -> None:
    scored = score_evaluation(load_evaluation(REPO / "examples/baoshan-2022-rent-property.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for layout in ("national-2020", "yunnan-2020"):
            pdf = render_table(scored, out / f"{layout}.pdf", layout)
            print(page_one(pdf, DOCS / f"documents-table-{layout}"))
        pdf = render_report(scored, out / "report.pdf")
        print(page_one(pdf, DOCS / "documents-report"))


if __name__ == "__main__":
    main()
