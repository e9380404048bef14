"""Target declaration (绩效目标申报) and the project registry: register a project, add
indicators from the indicator library (指标库) or free, edit their declared fields, and
check the weights live against the rule set (三级 points must add up to each 一级 weight).

Same rules as the self-evaluation: only the project's own unit, only while editable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.indicators import (
    CATEGORY_TREE_2020,
    CATEGORY_TREE_2021,
    SATISFACTION,
    Operator,
    scoring_category,
)
from jixiao.domain.money import D, NumberFormatError
from jixiao.domain.rulesets import get_ruleset
from jixiao.domain.text import normalise_text
from jixiao.persistence import selectors_projects as psel
from jixiao.persistence.models import FieldChange, LibraryIndicator, Project, User
from jixiao.services.access import require_business_role, require_role, visible_project
from jixiao.services.errors import Conflict, Forbidden, Invalid, NotFound
from jixiao.services.evaluations import apply_change, require_edit
from jixiao.services.project_store import project_save, require_version
from jixiao.services.target_changes import require_targets_open

DECLARED_FIELDS = {"category": "一级指标", "subcategory": "二级指标", "name": "三级指标",
                   "operator": "指标性质", "target": "年度指标值", "unit_of_measure": "度量单位",
                   "weight": "分值"}
SUBCATEGORIES: dict[str, tuple[str, ...]] = {}
for _tree in (CATEGORY_TREE_2020, CATEGORY_TREE_2021):
    for _cat, _subs in _tree.items():
        SUBCATEGORIES[_cat] = tuple(dict.fromkeys(SUBCATEGORIES.get(_cat, ()) + _subs))
MAX_INDICATORS = 60


@dataclass(frozen=True)
class WeightLine:
    """One 一级 category: declared points, points the rule set expects, and whether they match."""

    category: str
    declared: Decimal
    expected: Decimal | None

    @property
    def ok(self) -> bool:
        return self.expected is None or self.declared == self.expected


def weight_check(document: dict[str, Any]) -> tuple[list[WeightLine], Decimal, Decimal]:
    """Per-category declared vs expected weights, the declared total and the expected total.

    Unparseable weights count as 0 (the field itself shows the error).
    """
    ruleset = get_ruleset(document.get("ruleset"))
    declared: dict[str, Decimal] = {}
    for raw in document.get("indicators", []):
        category = scoring_category(str(raw.get("category", "")))
        try:
            weight = D(str(raw.get("weight", "0")))
        except (ValueError, ArithmeticError):
            weight = Decimal(0)
        declared[category] = declared.get(category, Decimal(0)) + weight
    expected = ruleset.expected_category_weights(SATISFACTION in declared) or {}
    names = list(dict.fromkeys([*expected, *declared]))
    lines = [WeightLine(c, declared.get(c, Decimal(0)), expected.get(c)) for c in names]
    return lines, sum(declared.values(), Decimal(0)), ruleset.indicator_total


def weights_ok(lines: list[WeightLine], total: Decimal, expected_total: Decimal) -> bool:
    """The weight rule of a declaration (`weight_check`): every category at its expected
    weight and the indicators summing to the rule set's total."""
    return all(line.ok for line in lines) and total == expected_total


def library_list(*, actor: User, project_type: str = "") -> QuerySet[LibraryIndicator]:
    """The indicator library, optionally one project type (business roles)."""
    require_business_role(actor)
    return psel.library_indicators(project_type)


def project_create(*, actor: User, name: str, fiscal_year: int, code: str = "",
                   budget: str = "") -> Project:
    """Register a new project of the actor's unit (预算单位填报人) with its 项目编码 and its
    budget (年初预算数 = 全年预算数 until adjusted; 元)."""
    require_role(actor, User.Role.UNIT)
    unit_id = actor.organisation_id
    if unit_id is None:  # the role form always sets one; an account made elsewhere may not
        raise Forbidden("账号未关联预算单位，请联系安全管理员分配单位")
    name = normalise_text(name).strip()
    code, budget = code.strip(), budget.strip().replace("元", "")
    errors = []
    if not name or len(name) > 300:
        errors.append({"field": "name", "message": "请填写项目名称（最多 300 字）"})
    if not 2000 <= fiscal_year <= 2100:
        errors.append({"field": "fiscal_year", "message": "年度应在 2000–2100 之间"})
    if len(code) > 50 or (code and not re.fullmatch(r"[0-9A-Za-z\-_.]+", code)):
        errors.append({"field": "code", "message": "项目编码最多 50 位，只能含数字、字母和 - _ ."})
    elif code and psel.project_code_taken(code, fiscal_year):
        errors.append({"field": "code", "message": f"{fiscal_year} 年度已有项目编码「{code}」"})
    amount = "0"
    if budget:
        try:
            value = D(budget)
        except NumberFormatError:
            value = None
        if value is None or value < 0 or value != value.quantize(Decimal("0.01")):
            errors.append({"field": "budget",
                           "message": f"「{budget[:20]}」不是有效的预算金额（元，最多两位小数）"})
        else:
            amount = str(value)
    if errors:
        raise Invalid("项目信息有误", errors)
    with transaction.atomic():
        if psel.project_name_taken(unit_id, name, fiscal_year):
            raise Invalid("项目已存在", [{"field": "name", "message": "本单位该年度已有同名项目"}])
        project = Project.objects.create(
            unit_id=unit_id, name=name, fiscal_year=fiscal_year, code=code,
            document={"format": "jixiao.evaluation/1", "ruleset": "national-2020",
                      "funds": {"total": {"initial_budget": amount, "full_year_budget": amount,
                                          "executed": "0"}},
                      "goals": {"expected": "", "actual": ""}, "indicators": []})
        return project


def may_delete(actor: User, project: Project) -> bool:
    """Whether the actor may delete the project: its own unit's draft, never submitted."""
    return (actor.role == User.Role.UNIT and project.unit_id == actor.organisation_id
            and project.state == Project.State.DRAFT
            and not psel.ever_transitioned(project))


def project_delete(*, actor: User, project_id: int, confirmed: bool = True,
                   ip: str = "") -> str:
    """Delete a draft the actor's unit registered by mistake (never submitted). Its evidence
    files are removed once the deletion is committed. Returns the project name.

    Raises:
        NotFound / Forbidden: scope and role. Conflict: submitted at least once.
    """
    from django.conf import settings

    from jixiao.services.audit import audit_record

    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_role(actor, User.Role.UNIT)
        if project.unit_id != actor.organisation_id:
            raise Forbidden("只有本单位可以删除")
        if not may_delete(actor, project):
            raise Conflict("只能删除从未提交过的填报中项目")
        if not confirmed:
            raise Invalid("请确认删除", [{"field": "confirm", "message": "删除后不能恢复，请勾选确认"}])
        files = psel.evidence_stored_names(project)
        name = project.name
        project.delete()
        audit_record(kind="project_deleted", actor=actor.username, ip=ip,
                     target=f"项目 {project_id} {name}")

        def remove() -> None:
            for stored in files:
                (Path(settings.EVIDENCE_DIR) / stored).unlink(missing_ok=True)

        transaction.on_commit(remove)
    return name


def normalise_declared(key: str, value: str, row: dict[str, Any], where: str) -> str:
    """A declared field's new value, checked and normalised (also for 目标调整)."""
    return _normalise(key, value, row, where)


def _normalise(key: str, value: str, row: dict[str, Any], where: str) -> str:
    value = value.strip()
    if key == "category":
        if value not in SUBCATEGORIES:
            raise Invalid("一级指标无效", [{"field": where, "message": "可用：" + "、".join(SUBCATEGORIES)}])
    elif key == "subcategory":
        allowed = SUBCATEGORIES.get(str(row.get("category", "")), ())
        if value not in allowed:
            raise Invalid("二级指标无效", [{"field": where, "message": "可用：" + "、".join(allowed)}])
    elif key == "operator":
        try:
            value = Operator.parse(value).value
        except ValueError as err:
            raise Invalid("指标性质无效", [{"field": where, "message": str(err)}]) from None
    elif key == "weight" or (key == "target" and row.get("operator") != "qualitative"):
        try:
            number = D(value)
        except (ValueError, ArithmeticError, TypeError):
            raise Invalid("数值无效", [{"field": where, "message": f"「{value}」不是有效的数值"}]) from None
        if number < 0 or (key == "weight" and number > 100):
            raise Invalid("数值无效", [{"field": where, "message": "应在 0–100 之间" if key == "weight"
                                        else "不能为负数"}])
        value = str(number)
    elif key == "name" and not value:
        raise Invalid("必填", [{"field": where, "message": "请填写三级指标名称"}])
    if len(value) > 300:
        raise Invalid("内容过长", [{"field": where, "message": "最多 300 个字符"}])
    return value


def target_update_field(*, actor: User, project_id: int, path: str, value: str,
                        version: int | None = None) -> Project:
    """Change one declared field (`indicators.N.<field>` or `goals.expected`)."""
    value = normalise_text(value)
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_targets_open(project)
        require_version(project, version)
        document = dict(project.document)
        if path == "goals.expected":
            if len(value) > 4000:
                raise Invalid("内容过长", [{"field": path, "message": "最多 4000 个字符"}])
            apply_change(project, actor, document, ["goals", "expected"], value.strip(), path,
                         "年度总体目标：预期目标")
            return project
        parts = path.split(".")
        indicators = document.get("indicators", [])
        if (len(parts) != 3 or parts[0] != "indicators" or not parts[1].isdigit()
                or int(parts[1]) >= len(indicators) or parts[2] not in DECLARED_FIELDS):
            raise Invalid("无法修改该字段", [{"field": path, "message": "不可编辑的字段"}])
        index, key = int(parts[1]), parts[2]
        row = indicators[index]
        new = _normalise(key, value, row, path)
        label = f"指标「{row.get('name', '')}」{DECLARED_FIELDS[key]}"
        apply_change(project, actor, document, ["indicators", index, key], new, path, label)
        if key == "operator" and new == "qualitative":
            row.pop("actual", None)
            project.document = document
            project_save(project)
        return project


def target_add(*, actor: User, project_id: int, library_id: int | None = None,
               name: str = "", version: int | None = None) -> Project:
    """Append an indicator: a copy of a library entry, or a blank one named `name`."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_targets_open(project)
        require_version(project, version)
        document = dict(project.document)
        indicators = list(document.get("indicators", []))
        if len(indicators) >= MAX_INDICATORS:
            raise Invalid("指标过多", [{"field": "indicators", "message": f"最多 {MAX_INDICATORS} 个"}])
        if library_id is not None:
            entry = psel.library_indicator(library_id)
            if entry is None:
                raise NotFound()
            hint = entry.target_hint
            target = hint if entry.operator == "qualitative" else (
                hint if _is_number(hint) else "0")
            row = {"category": entry.category, "subcategory": entry.subcategory,
                   "name": entry.name, "operator": entry.operator, "target": target,
                   "unit_of_measure": entry.unit_of_measure, "weight": entry.suggested_weight}
        else:
            name = normalise_text(name).strip()[:300]
            if not name:
                raise Invalid("必填", [{"field": "name", "message": "请填写三级指标名称"}])
            row = {"category": "产出指标", "subcategory": "数量指标", "name": name,
                   "operator": ">=", "target": "0", "unit_of_measure": "", "weight": "0"}
        indicators.append(row)
        document["indicators"] = indicators
        project.document = document
        project_save(project)
        FieldChange.objects.create(project=project, path=f"indicators.{len(indicators) - 1}",
                                   label=f"新增指标「{row['name']}」", actor=actor, at=timezone.now())
        return project


def target_remove(*, actor: User, project_id: int, index: int, version: int | None = None) -> Project:
    """Remove the indicator at `index`."""
    with transaction.atomic():
        project = visible_project(actor, project_id, for_update=True)
        require_edit(actor, project)
        require_targets_open(project)
        require_version(project, version)
        document = dict(project.document)
        indicators = list(document.get("indicators", []))
        if not 0 <= index < len(indicators):
            raise Invalid("指标不存在", [{"field": "index", "message": "序号超出范围"}])
        removed = indicators.pop(index)
        document["indicators"] = indicators
        project.document = document
        project_save(project)
        FieldChange.objects.create(project=project, path=f"indicators.{index}",
                                   label=f"删除指标「{removed.get('name', '')}」",
                                   old_value=str(removed.get("weight", "")), actor=actor,
                                   at=timezone.now())
        return project


def _is_number(text: str) -> bool:
    try:
        D(text)
    except (ValueError, ArithmeticError, TypeError):
        return False
    return True
