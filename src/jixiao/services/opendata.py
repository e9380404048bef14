"""Open data (CONTRACTS.md §7): everything published, as a Frictionless Data Package (v1
descriptor) with one CSV resource `reports` — one row per current, not withdrawn
publication. Amounts follow the Fiscal Data Package conventions: each money column is a
measure in the descriptor's `model` with currency CNY and a phase (approved / adjusted /
executed), the other columns are dimensions.

`GET /api/v1/public/datapackage.json` and `jixiao opendata OUTDIR` give the same package.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jixiao.domain.money import round_half_up
from jixiao.persistence.models import PublishedReport
from jixiao.persistence.selectors_disclosure import publication_search

RESOURCE = "reports"
CSV_NAME = "reports.csv"

#: (name, Table Schema type, title, description); the CSV header is exactly these names.
FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("id", "integer", "编号", "公开版本的编号（/public/reports/{id}/）"),
    ("index_number", "string", "索引号", "发布机构组织机构代码-校验位-/年份-月日序号"),
    ("title", "string", "标题", ""),
    ("project", "string", "项目名称", ""),
    ("unit", "string", "实施单位", ""),
    ("department", "string", "主管部门", ""),
    ("publisher", "string", "发布机构", ""),
    ("fiscal_year", "year", "年度", "绩效自评所属的预算年度"),
    ("published_on", "date", "发布日期", ""),
    ("document_number", "string", "文号", ""),
    ("keywords", "string", "主题词", ""),
    ("version", "integer", "版本", "更正后版本号加 1"),
    ("total_score", "number", "自评得分", "满分 100"),
    ("grade", "string", "等级", "优 / 良 / 中 / 差"),
    ("budget_approved", "number", "年初预算数（元）", "年度资金总额，年初预算数"),
    ("budget_adjusted", "number", "全年预算数（元）", "年度资金总额，全年预算数（调整后）"),
    ("budget_executed", "number", "全年执行数（元）", "年度资金总额，全年执行数"),
    ("execution_rate", "number", "预算执行率（%）", "全年执行数 ÷ 全年预算数 × 100，两位小数"),
    ("sha256", "string", "快照 SHA-256", "公开数据快照的 SHA-256，用于核验"),
    ("report_pdf_url", "string", "自评报告 PDF", ""),
    ("table_pdf_url", "string", "自评表 PDF", ""),
)

#: Fiscal Data Package measures: column → phase.
MEASURES = {"budget_approved": "approved", "budget_adjusted": "adjusted",
            "budget_executed": "executed"}
DIMENSIONS = ("fiscal_year", "department", "unit", "project", "index_number")


def descriptor() -> dict[str, Any]:
    """The `datapackage.json` descriptor (paths relative to the descriptor)."""
    return {
        "name": "jixiao-published-self-evaluations",
        "title": "项目支出绩效自评报告公开数据",
        "profile": "tabular-data-package",
        "licenses": [{"name": "other-open", "title": "政府信息公开，可自由使用并注明来源"}],
        "resources": [{
            "name": RESOURCE, "path": CSV_NAME, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": "已公开的项目支出绩效自评（每份报告的最新版本，不含已撤回）",
            "schema": {
                "fields": [dict({"name": n, "type": t, "title": title},
                                **({"description": d} if d else {}))
                           for n, t, title, d in FIELDS],
                "primaryKey": ["id"],
            },
        }],
        # Fiscal Data Package: money columns are measures, the rest dimensions.
        "model": {
            "measures": {name: {"source": name, "currency": "CNY", "factor": 1,
                                "direction": "expenditure", "phase": phase,
                                "resource": RESOURCE}
                         for name, phase in MEASURES.items()},
            "dimensions": {name: {"dimensionType": "datetime" if name == "fiscal_year"
                                  else "classification" if name in ("department", "unit")
                                  else "other",
                                  "primaryKey": name,
                                  "attributes": {name: {"source": name,
                                                        "resource": RESOURCE}}}
                           for name in DIMENSIONS},
        },
    }


def _rate(report: PublishedReport) -> str:
    if not report.budget_adjusted or report.budget_executed is None:
        return ""
    return str(round_half_up(report.budget_executed / report.budget_adjusted * 100, 2))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def report_rows(url: Callable[[str, int], str]) -> list[list[str]]:
    """The CSV rows (without header); `url(kind, id)` makes the PDF links."""
    rows = []
    for r in publication_search(include_withdrawn=False).order_by("id"):
        rows.append([
            str(r.pk), r.index_number, r.title, r.project_name, r.unit_name,
            r.department_name, r.publisher, _text(r.fiscal_year), r.published_on.isoformat(),
            r.document_number, r.keywords, str(r.version), _text(r.total_score), r.grade,
            _text(r.budget_approved), _text(r.budget_adjusted), _text(r.budget_executed),
            _rate(r), r.snapshot_sha256, url("report", r.pk), url("table", r.pk)])
    return rows


def reports_csv(url: Callable[[str, int], str]) -> str:
    """The `reports` resource as UTF-8 CSV text whose header is the schema's field names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f[0] for f in FIELDS])
    writer.writerows(report_rows(url))
    return out.getvalue()


def opendata_write(outdir: Path, url: Callable[[str, int], str]) -> list[Path]:
    """Write `datapackage.json` and `reports.csv` into `outdir` (created if missing)."""
    outdir.mkdir(parents=True, exist_ok=True)
    package = outdir / "datapackage.json"
    package.write_text(json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
    data = outdir / CSV_NAME
    data.write_text(reports_csv(url), encoding="utf-8")
    return [package, data]
