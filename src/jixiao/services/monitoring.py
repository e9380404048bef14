"""运行监控 (in-year monitoring) in the web application: enter a period's figures (1-N月
执行数, each indicator's progress, 完成目标可能性, 偏差原因) and see the red/yellow/green
warnings computed by `jixiao.domain.monitoring.monitor`.

Snapshots are stored in the evaluation document's `monitoring` block, the same format
`jixiao monitor` reads from files (docs/funds.md §3).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.monitoring import MonitoringResult, monitor
from jixiao.domain.text import normalise_tree
from jixiao.ingest.funds_blocks import monitoring_inputs
from jixiao.persistence.mappers import evaluation_from_project
from jixiao.persistence.models import FieldChange, Project, User
from jixiao.services.access import visible_project
from jixiao.services.errors import Invalid
from jixiao.services.evaluations import require_edit
from jixiao.services.project_store import project_save, require_version


@dataclass(frozen=True)
class MonitoringView:
    """A project's monitoring on `as_of`, or why it cannot be computed."""

    project: Project
    as_of: dt.date
    result: MonitoringResult | None
    snapshots: list[dict[str, Any]]
    error: str = ""


def _default_as_of(project: Project, snapshots: list[dict[str, Any]], today: dt.date) -> dt.date:
    dates = sorted(str(s.get("as_of", "")) for s in snapshots if s.get("as_of"))
    if dates:
        return dt.date.fromisoformat(dates[-1])
    year_end = dt.date(project.fiscal_year, 12, 31)
    return min(today, year_end) if today.year >= project.fiscal_year else dt.date(
        project.fiscal_year, 1, 1)


def _compute(project: Project, as_of: dt.date) -> tuple[MonitoringResult | None, str]:
    try:
        evaluation = evaluation_from_project(project, in_year=True)
        plan, ledger = monitoring_inputs(evaluation, f"项目 {project.pk}")
        return monitor(evaluation, as_of, plan, ledger), ""
    except InputError as err:
        return None, str(err)


def monitoring_get(*, actor: User, project_id: int, as_of: dt.date | None = None) -> MonitoringView:
    """The monitoring of a visible project on `as_of` (default: the latest snapshot, else today)."""
    project = visible_project(actor, project_id)
    snapshots = list((project.document.get("monitoring") or {}).get("snapshots") or [])
    when = as_of or _default_as_of(project, snapshots, timezone.localdate())
    result, error = _compute(project, when)
    return MonitoringView(project, when, result, snapshots, error)


def monitoring_snapshot_save(*, actor: User, project_id: int, snapshot: dict[str, Any],
                             version: int | None = None) -> MonitoringView:
    """Add (or replace, same `as_of`) one period's snapshot; validated by the same parser as
    files, atomically. `snapshot` uses the file format's keys (docs/funds.md §3)."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        try:
            as_of = dt.date.fromisoformat(str(snapshot.get("as_of", "")))
        except ValueError:
            raise Invalid("监控日期无效",
                          [{"field": "as_of", "message": "请填写日期，如 2022-07-31"}]) from None
        clean = {k: v for k, v in normalise_tree(snapshot).items() if v not in ("", None, [])}
        clean["as_of"] = as_of.isoformat()
        document = copy.deepcopy(project.document)
        block = dict(document.get("monitoring") or {})
        snapshots = [s for s in block.get("snapshots") or [] if str(s.get("as_of")) != clean["as_of"]]
        replaced = len(snapshots) != len(block.get("snapshots") or [])
        snapshots.append(clean)
        snapshots.sort(key=lambda s: str(s.get("as_of")))
        block["snapshots"] = snapshots
        document["monitoring"] = block
        previous = project.document
        project.document = document
        try:
            evaluation = evaluation_from_project(project, in_year=True)
            monitoring_inputs(evaluation, "运行监控")
        except InputError as err:
            project.document = previous
            raise Invalid("监控数据有误，未保存", [{"field": err.field or "monitoring",
                                                   "message": str(err)}]) from None
        project_save(project)
        FieldChange.objects.create(
            project=project, path="monitoring.snapshots", actor=actor, at=timezone.now(),
            label=f"运行监控 {clean['as_of']} " + ("更新" if replaced else "填报"),
            new_value=str(clean.get("executed", "")))
    result, error = _compute(project, as_of)
    return MonitoringView(project, as_of, result, snapshots, error)
