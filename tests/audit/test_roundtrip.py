"""Self-check (issue 3, item 7): a report and a table rendered by jixiao itself audit clean.

The seed project's evaluation file is scored and rendered in every format; the audit
reads each file back and must find nothing. A doctored copy proves the audit really read
the rendered figures (a silent audit that read nothing would pass the first test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.documents.render import render_report, render_table
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation
from jixiao.ingest.evaluation_file import load_evaluation
from jixiao.ingest.report_text import read_report
from jixiao.services.figure_audit import audit_files, audit_lines

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "baoshan-2022-rent-property.yaml"


@pytest.fixture(scope="module")
def scored() -> ScoredEvaluation:
    return score_evaluation(load_evaluation(EXAMPLE))


@pytest.mark.parametrize(("kind", "suffix"), [
    ("report", ".html"), ("report", ".docx"), ("report", ".pdf"),
    ("table", ".xlsx"), ("table", ".docx"), ("table", ".pdf"),
])
def test_rendered_documents_audit_clean(scored: ScoredEvaluation, tmp_path: Path, kind: str,
                                        suffix: str) -> None:
    out = tmp_path / f"{kind}{suffix}"
    (render_report if kind == "report" else render_table)(scored, out)
    (result,) = audit_files([out])
    assert result.line_count > 10
    assert result.findings == ()


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_table_in_wan_yuan_audits_clean(scored: ScoredEvaluation, tmp_path: Path, suffix: str) -> None:
    """national-2020 prints 222.50 ÷ 228.15 万元 beside the exact 97.53% (222.505 ÷ 228.145 ✓):
    operands printed with decimals were rounded, and the audit allows for it."""
    out = render_table(scored, tmp_path / f"table{suffix}", layout="national-2020")
    assert any("222.50" in ln and "97.53%" in ln for ln in read_report(out).lines)
    (result,) = audit_files([out])
    assert result.findings == ()


def test_doctored_rendering_is_caught(scored: ScoredEvaluation, tmp_path: Path) -> None:
    report = render_report(scored, tmp_path / "report.html")
    lines = read_report(report).lines
    assert any("自评得分99.75分" in ln for ln in lines)
    doctored = [ln.replace("自评得分99.75分", "自评得分98.75分") for ln in lines]
    assert [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(doctored)] == [
        ("sum-mismatch", "98.75", "99.75")]

    table = render_table(scored, tmp_path / "table.xlsx")
    rows = [ln.replace("| 97.53% | 9.75", "| 99.53% | 9.75", 1) for ln in read_report(table).lines]
    assert [(f.code, str(f.stated)) for f in audit_lines(rows)] == [("rate-mismatch", "99.53")]
    rows = [ln.replace("| 99.75 |", "| 98.75 |") for ln in read_report(table).lines]
    assert [(f.code, str(f.stated), str(f.expected)) for f in audit_lines(rows)] == [
        ("sum-mismatch", "98.75", "99.75")]
