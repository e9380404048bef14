"""分摊 (shared premises) for rent projects: keep the project's lease file (`jixiao.lease/1`,
CONTRACTS.md §3), show the exact apportionment with its findings, and fill the project's
年度资金总额 from the apportioned amount of one payer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jixiao.domain.apportionment import Apportionment, apportion, funds_for
from jixiao.domain.errors import InputError
from jixiao.domain.text import normalise_text
from jixiao.ingest.lease_file import parse_lease_text
from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.models import FieldChange, Project, ProjectLease, User
from jixiao.services.access import visible_project
from jixiao.services.errors import Invalid
from jixiao.services.evaluations import apply_change, field_label, require_edit
from jixiao.services.project_store import require_version

MAX_CHARS = 200_000


@dataclass(frozen=True)
class LeaseView:
    """The lease text of a project and its apportionment (or why it has none)."""

    project: Project
    text: str
    result: Apportionment | None
    error: str = ""


def _compute(text: str) -> tuple[Apportionment | None, str]:
    if not text:
        return None, ""
    try:
        return apportion(parse_lease_text(text, "分摊文件")), ""
    except InputError as err:
        return None, str(err)


def lease_get(*, actor: User, project_id: int) -> LeaseView:
    """The lease and apportionment of a visible project."""
    project = visible_project(actor, project_id)
    stored = psel.lease_of(project)
    text = stored.text if stored else ""
    result, error = _compute(text)
    return LeaseView(project, text, result, error)


def lease_save(*, actor: User, project_id: int, text: str) -> LeaseView:
    """Store a lease file after validating it (nothing is stored when it is invalid)."""
    text = normalise_text(text)
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        if len(text) > MAX_CHARS:
            raise Invalid("分摊文件过长", [{"field": "text", "message": "最多 200000 个字符"}])
        result, error = _compute(text.strip())
        if result is None:
            raise Invalid("分摊文件有误，未保存", [{"field": "text", "message": error or "内容为空"}])
        ProjectLease.objects.update_or_create(
            project=project, defaults={"text": text.strip(), "updated_by": actor,
                                       "updated_at": timezone.now()})
        FieldChange.objects.create(project=project, path="lease", label="更新分摊文件",
                                   new_value=result.lease.premises, actor=actor, at=timezone.now())
        return LeaseView(project, text.strip(), result)


def lease_apply_funds(*, actor: User, project_id: int, payer: str, version: int | None = None) -> int:
    """Set 年度资金总额 from `payer`'s apportioned amount (budget) and payments (executed).
    Returns the number of fields changed."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        stored = psel.lease_of(project)
        result, error = _compute(stored.text if stored else "")
        if result is None:
            raise Invalid("没有可用的分摊文件", [{"field": "lease", "message": error or "请先保存分摊文件"}])
        try:
            row = funds_for(result, payer).total
        except KeyError as err:
            raise Invalid("付款方无效", [{"field": "payer", "message": str(err.args[0])}]) from None
        document = dict(project.document)
        changed = 0
        for column, value in (("initial_budget", row.initial_budget),
                              ("full_year_budget", row.full_year_budget),
                              ("executed", row.executed)):
            path = f"funds.total.{column}"
            changed += apply_change(project, actor, document, ["funds", "total", column],
                                    str(value), path, field_label(document, path) + f"（分摊：{payer}）")
        return changed
