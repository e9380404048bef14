"""Page-1 previews in docs/ of every document jixiao writes, for the Baoshan example:

- the 自评表 in every layout, the 自评报告 and the 运行监控表, from the real PDFs (Typst) through
  poppler's pdftoppm (what a reader would print): ``docs/documents-<name>.png``;
- the same documents' .docx and .xlsx as LibreOffice lays them out (what a Word/WPS/Excel
  user sees, roughly): ``docs/documents-lo-<name>-<docx|xlsx>.png`` — only when LibreOffice
  (`soffice`) is installed; it is used for checking, never by jixiao itself.

    .venv/bin/python bench/render_previews.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from jixiao.documents.layout import layout_names
from jixiao.documents.monitoring import render_monitoring
from jixiao.documents.render import render_report, render_table
from jixiao.domain.monitoring import MonitoringPlan, monitor
from jixiao.domain.scoring import score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation
from jixiao.ingest.funds_blocks import load_monitored

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"


def page_one(pdf: Path, png_stem: Path, dpi: int = 80) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png_stem)], check=True)
    return png_stem.with_suffix(".png")


def main() -> None:
    scored = score_evaluation(load_evaluation(REPO / "examples/baoshan-2022-rent-property.yaml"))
    loaded = load_monitored(REPO / "examples/baoshan-2022-monitoring.yaml")
    monitored = monitor(loaded.evaluation, date(2022, 7, 31), loaded.plan or MonitoringPlan(),
                        loaded.ledger)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        office: list[Path] = []
        for layout in layout_names():
            pdf = render_table(scored, out / f"table-{layout}.pdf", layout)
            print(page_one(pdf, DOCS / f"documents-table-{layout}"))
            office += [render_table(scored, out / f"table-{layout}{s}", layout)
                       for s in (".docx", ".xlsx")]
        pdf = render_report(scored, out / "report.pdf")
        print(page_one(pdf, DOCS / "documents-report"))
        office.append(render_report(scored, out / "report.docx"))
        pdf = render_monitoring(monitored, out / "monitoring.pdf")
        print(page_one(pdf, DOCS / "documents-monitoring"))
        office += [render_monitoring(monitored, out / f"monitoring{s}") for s in (".docx", ".xlsx")]

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice not installed: no docx/xlsx previews")
            return
        for suffix in (".docx", ".xlsx"):
            files = [p for p in office if p.suffix == suffix]
            lo = out / f"lo{suffix}"
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(lo),
                            *map(str, files)], check=True, capture_output=True)
            for p in files:
                name = f"documents-lo-{p.stem}-{suffix.lstrip('.')}"
                print(page_one(lo / f"{p.stem}.pdf", DOCS / name, dpi=60))


if __name__ == "__main__":
    main()
