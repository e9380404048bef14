"""Documents of a visible project: the 自评表 (xlsx/docx/pdf) and the 自评报告
(docx/pdf/html) rendered by `jixiao.documents`, and the figure audit of the rendered report
that runs on submission (its findings are stored with the transition)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jixiao.domain.findings import Finding
from jixiao.domain.scoring import ScoredEvaluation
from jixiao.persistence.models import User
from jixiao.services.errors import Invalid
from jixiao.services.evaluations import evaluation_get

FORMATS = {
    "table": {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "pdf": "application/pdf"},
    "report": {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "pdf": "application/pdf", "html": "text/html; charset=utf-8"},
}
DOCUMENT_NAMES = {"table": "自评表", "report": "自评报告"}


def render_scored(scored: ScoredEvaluation, kind: str, fmt: str) -> bytes:
    """Render one document of a scored evaluation to bytes (via a temporary file)."""
    from jixiao.documents.render import render

    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as tmp:
        out = Path(tmp) / f"document.{fmt}"
        render(kind, scored, out)
        return out.read_bytes()


def document_render(*, actor: User, project_id: int, kind: str, fmt: str) -> tuple[str, str, bytes]:
    """Render a document of a project the actor may see: (file name, content type, bytes).

    Raises:
        NotFound: outside the actor's scope. Invalid: unknown kind/format, or the
        evaluation cannot be scored yet.
    """
    view = evaluation_get(actor=actor, project_id=project_id)
    if kind not in FORMATS or fmt not in FORMATS[kind]:
        raise Invalid("不支持的文书类型或格式",
                      [{"field": "format", "message": f"可用：{sorted(FORMATS)} × 各自格式"}])
    if view.scored is None:
        raise Invalid("自评数据不完整，无法生成文书", [{"field": "document", "message": view.error}])
    project = view.project
    filename = f"{project.fiscal_year}-{project.pk}-{DOCUMENT_NAMES[kind]}.{fmt}"
    return filename, FORMATS[kind][fmt], render_scored(view.scored, kind, fmt)


def report_figure_audit(scored: ScoredEvaluation) -> tuple[Finding, ...]:
    """Render the report as HTML and run the figure audit on its text."""
    from jixiao.services.figure_audit import audit_files

    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as tmp:
        out = Path(tmp) / "report.html"
        out.write_bytes(render_scored(scored, "report", "html"))
        return audit_files([out])[0].findings
