"""Projects and their self-evaluation: list, read with the live score, edit one field at a
time (with field history), export and import the evaluation file.

Editing is allowed only to the project's own unit user and only while the evaluation is
being filled in (填报中 or 已退回); a submitted evaluation is locked.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.findings import Finding
from jixiao.domain.money import D
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation
from jixiao.domain.text import normalise_tree
from jixiao.ingest.evaluation_file import check_field
from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.mappers import evaluation_document, evaluation_from_project, plain
from jixiao.persistence.models import FieldChange, Project, User
from jixiao.persistence.models_results import EvaluationResult
from jixiao.persistence.selectors_results import (
    GRADES,
    results_counts,
    results_filtered,
    results_ordered,
    results_slice,
    results_years,
)
from jixiao.services.access import (
    require_business_role,
    visible_project,
    visible_projects,
    visible_results,
)
from jixiao.services.errors import Conflict, Forbidden, Invalid
from jixiao.services.project_store import project_save, require_version

EDITABLE_STATES = (Project.State.DRAFT, Project.State.RETURNED)

FUND_ROWS = {"total": "年度资金总额", "current_appropriation": "当年财政拨款",
              "carryover": "上年结转资金", "other_funds": "其他资金"}
_FUND_COLUMNS = {"initial_budget": "年初预算数", "full_year_budget": "全年预算数",
                 "executed": "全年执行数"}
_INDICATOR_FIELDS = {"actual": "实际完成值", "grade": "定性档次", "score": "得分",
                     "override_reason": "调整得分理由", "deviation_reason": "偏差原因分析及改进措施"}
_PATH = re.compile(r"^(?:indicators\.(\d{1,3})\.(\w+)|goals\.(expected|actual)|funds\.(\w+)\.(\w+))$")


@dataclass(frozen=True)
class EvaluationView:
    """What a page shows about one project: the stored document, the score (or why it
    cannot be scored yet) and the findings keyed by form field path."""

    project: Project
    document: dict[str, Any]
    scored: ScoredEvaluation | None
    error: str = ""
    findings_by_field: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.scored.findings if self.scored else ()

    def indicator_rows(self) -> list[dict[str, Any]]:
        """One dict per indicator: the stored fields, its score and explanation."""
        rows = []
        scored = self.scored.indicators if self.scored else ()
        for i, raw in enumerate(self.document.get("indicators", [])):
            s = scored[i] if i < len(scored) else None
            prefix = f"indicators.{i}"
            rows.append({
                "index": i, "raw": raw, "qualitative": raw.get("operator") == "qualitative",
                "score": s.score.quantize(Decimal("0.01")) if s else None,
                "explanation": s.explanation() if s else "",
                "findings": [f for key, fs in self.findings_by_field.items()
                             if key == prefix or key.startswith(prefix + ".") for f in fs],
                "needs_reason": f"{prefix}.deviation_reason" in self.findings_by_field
                or any(f.code == "over-completion" and f.severity.value != "info"
                       for f in self.findings_by_field.get(f"{prefix}.actual", [])),
                "needs_override_reason": f"{prefix}.override_reason" in self.findings_by_field,
            })
        return rows


def _field_key(location: str) -> str:
    """`indicators[3].deviation_reason` → `indicators.3.deviation_reason`."""
    return re.sub(r"\[(\d+)\]", r".\1", location)


def evaluation_view(project: Project) -> EvaluationView:
    """Score a project (already permission-checked) and key its findings by field path."""
    document = evaluation_document(project)
    try:
        scored = score_evaluation(evaluation_from_project(project))
    except InputError as err:
        return EvaluationView(project, document, None, error=str(err))
    by_field: dict[str, list[Finding]] = {}
    for finding in scored.findings:
        by_field.setdefault(_field_key(finding.location), []).append(finding)
    return EvaluationView(project, document, scored, findings_by_field=by_field)


def project_list(*, actor: User) -> QuerySet[Project]:
    """Projects the actor may see. Administrators have no business pages (Forbidden)."""
    require_business_role(actor)
    return visible_projects(actor)


@dataclass(frozen=True)
class ProjectRow:
    """One line of the project list: the project and its stored result."""

    project: Project
    total: Decimal | None
    grade: str
    problems: int
    result: EvaluationResult | None = None


@dataclass(frozen=True)
class Overview:
    """A page of the project list with the counts of the whole (filtered) scope."""

    rows: list[ProjectRow]
    counts: dict[str, int]
    grade_counts: dict[str, int]
    total: int
    page: int
    pages: int
    years: list[int]


PAGE_SIZE = 50


def project_overview(*, actor: User, year: int | None = None, grade: str | None = None,
                     state: str | None = None, order: str = "year", page: int = 1,
                     page_size: int = PAGE_SIZE) -> Overview:
    """A page of the visible projects with their stored totals and grades, and counts by
    state and grade. Reads result rows (`services.results`), never re-scores: the time
    does not grow with the region."""
    require_business_role(actor)
    scoped = visible_results(actor)
    results = results_filtered(scoped, year=year, grade=grade, state=state)
    stats = results_counts(results)
    total = sum(stats["states"].values())
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    start = (page - 1) * page_size
    rows = [ProjectRow(r.project, r.total, r.grade, r.errors + r.warnings, r)
            for r in results_slice(results_ordered(results, order), start, start + page_size)]
    labels = dict(Project.State.choices)
    counts = {labels.get(key, key): n for key, n in sorted(
        stats["states"].items(), key=lambda item: list(labels).index(item[0])
        if item[0] in labels else len(labels))}
    grades = {g: stats["grades"].get(g, 0) for g in GRADES}
    return Overview(rows, counts, grades, total, page, pages, results_years(scoped))


def project_results(*, actor: User, year: int | None = None, grade: str | None = None,
                    state: str | None = None, order: str = "year") -> QuerySet[EvaluationResult]:
    """The visible projects' stored results, filtered and ordered (lazy: slice it)."""
    require_business_role(actor)
    return results_ordered(results_filtered(visible_results(actor), year=year, grade=grade,
                                            state=state), order)


def evaluation_get(*, actor: User, project_id: int) -> EvaluationView:
    """One visible project with its live score and findings (NotFound outside scope)."""
    return evaluation_view(visible_project(actor, project_id))


def chinese(message: str) -> str:
    """The Chinese part of a bilingual loader message ("中文 / English")."""
    return message.split(" / ", 1)[0]


def may_edit(actor: User, project: Project) -> bool:
    """True when `actor` may change the evaluation now."""
    return (actor.role == User.Role.UNIT and project.unit_id == actor.organisation_id
            and project.state in EDITABLE_STATES)


def require_edit(actor: User, project: Project) -> None:
    if actor.role != User.Role.UNIT or project.unit_id != actor.organisation_id:
        raise Forbidden("只有本单位填报人可以修改自评数据")
    if project.state not in EDITABLE_STATES:
        raise Conflict("自评已提交，数据已锁定；退回后才能修改")


def field_label(document: dict[str, Any], path: str) -> str:
    m = _PATH.match(path)
    assert m is not None
    if m.group(1) is not None:
        name = document["indicators"][int(m.group(1))].get("name", "")
        return f"指标「{name}」{_INDICATOR_FIELDS[m.group(2)]}"
    if m.group(3) is not None:
        return "年度总体目标：" + ("预期目标" if m.group(3) == "expected" else "实际完成情况")
    return f"{FUND_ROWS[m.group(4)]}：{_FUND_COLUMNS[m.group(5)]}"


def normalise_field(document: dict[str, Any], path: str, value: str) -> tuple[list[Any], str | None]:
    """Check `path` is an editable field and `value` fits it, with the evaluation-file
    loader's own rules for that field (`jixiao.ingest.evaluation_file.check_field`: one set
    of rules for files, forms, the API and Excel uploads). Returns (container path,
    normalised value or None for "cleared")."""
    m = _PATH.match(path)
    invalid = Invalid("无法修改该字段", [{"field": path, "message": "不可编辑的字段"}])
    if m is None:
        raise invalid
    if m.group(1) is not None:
        index, key = int(m.group(1)), m.group(2)
        if index >= len(document.get("indicators", [])) or key not in _INDICATOR_FIELDS:
            raise invalid
        keys: list[Any] = ["indicators", index, key]
        limit = 2000
    elif m.group(3) is not None:
        keys, limit = ["goals", m.group(3)], 4000
    else:
        row, column = m.group(4), m.group(5)
        if row not in FUND_ROWS or column not in _FUND_COLUMNS:
            raise invalid
        keys, limit = ["funds", row, column], 100
    try:
        text = check_field(document, path, value)
    except InputError as err:
        raise Invalid("数值无效" if path.startswith("funds.") or path.endswith((".score", ".actual"))
                      else "内容无效", [{"field": path, "message": chinese(err.message)}]) from None
    if len(text) > limit:
        raise Invalid("内容过长", [{"field": path, "message": f"最多 {limit} 个字符"}])
    if keys[0] == "goals":
        return keys, text
    if keys[0] == "funds" and not text and keys[1] == "total" and keys[2] != "initial_budget":
        raise Invalid("必填", [{"field": path, "message": "年度资金总额的全年预算数和执行数必填"}])
    return keys, text or None


def evaluation_update_field(*, actor: User, project_id: int, path: str, value: str,
                            version: int | None = None) -> EvaluationView:
    """Change one field of the evaluation, record the change in the field history, and
    return the re-scored evaluation.

    `version` is the project version the client saw (CONTRACTS.md §7): when it is given
    and no longer current, StaleVersion (409) and nothing is written.
    """
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        document = copy.deepcopy(project.document)
        keys, new = normalise_field(document, path, value)
        apply_change(project, actor, document, keys, new, path, field_label(document, path))
    # scored after the commit: a write transaction holds the lock only for the write
    return evaluation_view(project)


def apply_change(project: Project, actor: User, document: dict[str, Any], keys: list[Any],
                 new: str | None, path: str, label: str) -> bool:
    """Set `document[keys…]` to `new` (None clears it), save, and record the field history.
    Returns False when nothing changed."""
    container: Any = document
    for key in keys[:-1]:
        if isinstance(container, dict) and key not in container:
            if new is None:
                return False  # clearing a field of a block that does not exist
            container[key] = {}
        container = container[key]
    old = container.get(keys[-1])
    if _same(old, new):
        return False
    if new is None:
        container.pop(keys[-1], None)
        if keys[0] == "funds" and not container:
            document["funds"].pop(keys[1], None)  # an emptied fund-source row disappears
    else:
        container[keys[-1]] = new
    project.document = document
    project_save(project)
    FieldChange.objects.create(
        project=project, path=path, label=label,
        old_value="" if old is None else str(old), new_value="" if new is None else new,
        actor=actor, at=timezone.now(),
    )
    return True


def _same(old: Any, new: str | None) -> bool:
    """Equal as stored values: empty equals absent, and "2,281,500.00" equals "2281500.00"."""
    a = None if old in ("", None) else str(old)
    b = None if new in ("", None) else new
    if a is None or b is None:
        return a == b
    if a == b:
        return True
    try:
        return D(a) == D(b)
    except (ValueError, ArithmeticError, TypeError):
        return False


def evaluation_history(*, actor: User, project_id: int) -> QuerySet[FieldChange]:
    """The field history of a visible project, newest first."""
    project = visible_project(actor, project_id)
    return psel.field_changes_of(project)


def evaluation_export(*, actor: User, project_id: int) -> tuple[str, str]:
    """The evaluation file (YAML, CONTRACTS.md §2) of a visible project: (filename, text)."""
    project = visible_project(actor, project_id)
    text = yaml.safe_dump(evaluation_document(project), allow_unicode=True, sort_keys=False)
    return f"project-{project.pk}-{project.fiscal_year}.yaml", text


#: Largest evaluation file a web upload may be (the upload policy; the view reads at most
#: one byte more, so a bigger file is never read whole).
MAX_IMPORT_BYTES = 2 * 1024 * 1024


def upload_text(data: bytes | None) -> tuple[str, str]:
    """An uploaded evaluation file as text, by the upload policy: (text, "") or ("", what
    is wrong — too big, not UTF-8). None: nothing was uploaded."""
    if data is None:
        return "", ""
    if len(data) > MAX_IMPORT_BYTES:
        return "", "文件超过 2 MB"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return "", "文件不是 UTF-8 文本"


def evaluation_import(*, actor: User, project_id: int, text: str,
                      upload_problem: str = "", version: int | None = None) -> EvaluationView:
    """Replace the evaluation with an uploaded evaluation file; all or nothing.

    `upload_problem` is what `upload_text` found wrong with the upload itself (too big,
    not UTF-8); it is reported only after the scope and state checks, so that an
    outsider learns nothing about the project.

    The project's name, unit, department and year stay as registered.
    """
    from jixiao.ingest.evaluation_file import parse_evaluation
    from jixiao.ingest.yamlsource import load_document

    # scope, state and version first (an outsider learns nothing about the project); the
    # file is parsed before the write transaction, which must stay short
    seen = visible_project(actor, project_id)
    require_edit(actor, seen)
    require_version(seen, version)
    if upload_problem or not text.strip():
        raise Invalid("未导入任何数据", [{"field": "file", "message": upload_problem
                                          or "请选择要导入的自评文件（YAML 或 JSON）"}])
    try:
        data, lines = load_document(text, "上传的文件")
        parse_evaluation(data, "上传的文件", lines)
    except InputError as err:
        raise Invalid("文件有误，未导入任何数据", [{"field": "file", "message": str(err)}]) from None
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_version(project, version)
        data = normalise_tree(plain(data))
        data.pop("project", None)
        from jixiao.services.target_changes import require_same_targets

        require_same_targets(project, data)
        old = project.document
        project.document = data
        project_save(project)
        FieldChange.objects.create(
            project=project, path="*", label="导入自评文件", old_value=f"{len(str(old))} 字符",
            new_value=f"{len(str(data))} 字符", actor=actor, at=timezone.now(),
        )
    return evaluation_view(project)
