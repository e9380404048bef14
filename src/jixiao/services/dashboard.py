"""Dashboards (统计分析) of the finance bureau, departments and units.

Every number comes from stored result rows (`EvaluationResult`) and stored 复核 rows through
the aggregate selectors of `persistence.selectors_dashboard` — a fixed handful of queries
whatever the number of projects, never a re-scoring. Scope is the actor's
(`access.visible_results`): finance sees its region, a department its units, a unit itself;
a filter naming an organisation outside the scope simply matches nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain import dashboard as charts
from jixiao.domain.dashboard import ChartTable
from jixiao.persistence import selectors_dashboard as q
from jixiao.persistence.models import Organisation, User
from jixiao.persistence.selectors_results import results_filtered, results_years
from jixiao.services.access import require_business_role, visible_results
from jixiao.services.errors import NotFound

#: Chart names in page order (also the xlsx download names).
CHARTS = ("grades", "execution", "monitoring", "ranking", "review", "years")


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters (read from query parameters; None = all)."""

    year: int | None = None
    department_id: int | None = None
    unit_id: int | None = None
    state: str | None = None


@dataclass
class Dashboard:
    """The charts' tables and the choices of the filter form."""

    filters: Filters
    tables: dict[str, ChartTable] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    departments: list[tuple[int, str]] = field(default_factory=list)
    units: list[tuple[int, str]] = field(default_factory=list)
    projects: int = 0


def _group(actor: User, filters: Filters) -> tuple[str, str]:
    """The organisation level charts group by: departments for a bureau-wide view, units
    once a department is chosen (or for a department or unit)."""
    if actor.role == User.Role.FINANCE and filters.department_id is None \
            and filters.unit_id is None:
        return "department_id", "主管部门"
    return "unit_id", "预算单位"


def dashboard_get(*, actor: User, filters: Filters) -> Dashboard:
    """Every chart's table for the actor's scope narrowed by `filters`."""
    require_business_role(actor)
    for org_id in (filters.department_id, filters.unit_id):
        if org_id is not None and not q.organisation_in_scope(org_id, actor.organisation_id):
            raise NotFound()
    scoped = visible_results(actor)
    common = results_filtered(scoped, state=filters.state, unit_id=filters.unit_id,
                              department_id=filters.department_id)
    results = results_filtered(common, year=filters.year)
    by, level = _group(actor, filters)
    summary = q.org_summary(results, by)
    grades, lights, sums = summary.grades, summary.lights, summary.sums
    reviews = q.review_sums(results, by)
    names = q.organisation_names({org for org, *_ in grades} | {org for org, *_ in lights}
                                 | {org for org, *_ in sums} | {org for org, *_ in reviews})
    out = Dashboard(filters=filters, years=results_years(scoped))
    out.tables["grades"] = charts.grade_table(grades, names, level)
    out.tables["execution"] = charts.execution_table(q.execution_counts(results))
    out.tables["monitoring"] = charts.monitoring_table(lights, names, level)
    out.tables["ranking"] = charts.ranking_table(charts.ranking(sums, names), level)
    out.tables["review"] = charts.review_table(reviews, names, level)
    out.tables["years"] = charts.year_table(q.year_stats(common))
    out.projects = int(out.tables["grades"].rows[-1][-1])
    if actor.role == User.Role.FINANCE and actor.organisation_id is not None:
        out.departments = q.organisation_choices(actor.organisation_id,
                                                 Organisation.Kind.DEPARTMENT)
        if filters.department_id is not None:
            out.units = q.organisation_choices(filters.department_id, Organisation.Kind.UNIT) \
                if any(d == filters.department_id for d, _ in out.departments) else []
    elif actor.role == User.Role.DEPARTMENT and actor.organisation_id is not None:
        out.units = q.organisation_choices(actor.organisation_id, Organisation.Kind.UNIT)
    return out


def chart_series(table: ChartTable) -> dict[str, object]:
    """The table as JSON for the page's script: numbers as strings (exact decimals)."""
    return {"title": table.title, "headers": list(table.headers),
            "rows": [[c if isinstance(c, str) else str(c) for c in row] for row in table.rows]}


def dashboard_xlsx(dashboard: Dashboard, chart: str) -> bytes:
    """One chart's numbers as an xlsx sheet: title, filters, headers, rows. Text cells are
    written as text (`documents.xlsx_text.put_text`: never a formula), numbers exactly
    (Decimal text, no float arithmetic).

    Raises:
        NotFound: `chart` is not one of `CHARTS`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from jixiao.documents.xlsx_text import put_number, put_text

    if chart not in dashboard.tables:
        raise NotFound()
    table = dashboard.tables[chart]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = table.title[:31]
    put_text(ws.cell(row=1, column=1), table.title).font = Font(bold=True, size=13)
    put_text(ws.cell(row=2, column=1), filters_text(dashboard.filters))
    for col, header in enumerate(table.headers, start=1):
        put_text(ws.cell(row=3, column=col), header).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=3, column=col).column_letter].width = max(
            10, min(40, len(header) * 2 + 4))
    for r, row in enumerate(table.rows, start=4):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                put_text(cell, value)
            else:
                put_number(cell, value)  # int or Decimal: written from its exact text
                if isinstance(value, Decimal):
                    cell.number_format = "0.00"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def filters_text(filters: Filters) -> str:
    """The filters in words, for the sheet's second line."""
    names = q.organisation_names({filters.department_id, filters.unit_id})
    parts = [f"年度：{filters.year or '全部'}"]
    if filters.department_id is not None:
        parts.append(f"主管部门：{names.get(filters.department_id, '—')}")
    if filters.unit_id is not None:
        parts.append(f"预算单位：{names.get(filters.unit_id, '—')}")
    if filters.state:
        parts.append(f"状态：{filters.state}")
    return "；".join(parts)
