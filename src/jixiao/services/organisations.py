"""机构管理: the finance bureau keeps its tree of 主管部门 and 预算单位 — create, edit (name and
codes), move a unit to another department, deactivate and reactivate — and imports the tree
from an .xlsx in one transaction (any cell error: nothing is written).

Only the finance bureau's own region is in reach; other roles get 403 (the tree is not a
secret: units and departments are public bodies).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from jixiao.domain.disclosure import credit_code_valid, org_code_valid
from jixiao.domain.errors import InputError
from jixiao.ingest.org_tree import HEADERS, SHEET, OrgTreeErrors, read_org_tree
from jixiao.persistence import selectors_organisations as osel
from jixiao.persistence.models import Organisation, User
from jixiao.persistence.models_results import EvaluationResult
from jixiao.services.access import require_role
from jixiao.services.audit import audit_record
from jixiao.services.errors import Conflict, Invalid, NotFound
from jixiao.services.exports import list_export

K = Organisation.Kind


def _finance(actor: User) -> Organisation:
    require_role(actor, User.Role.FINANCE)
    assert actor.organisation is not None
    return actor.organisation


def organisation_tree(*, actor: User) -> list[tuple[Organisation, list[Organisation]]]:
    """The finance actor's departments, each with its units (inactive ones included)."""
    finance = _finance(actor)
    departments = list(osel.children(finance, K.DEPARTMENT))
    units: dict[int, list[Organisation]] = {d.pk: [] for d in departments}
    for unit in osel.children(departments, K.UNIT):
        assert unit.parent_id is not None
        units[unit.parent_id].append(unit)
    return [(d, units[d.pk]) for d in departments]


def _own(actor: User, org_id: int) -> Organisation:
    finance = _finance(actor)
    org = osel.organisation_with_parent(org_id)
    if org is None or not (org.parent_id == finance.pk
                           or (org.parent is not None and org.parent.parent_id == finance.pk)):
        raise NotFound()
    return org


def _departments(finance: Organisation) -> QuerySet[Organisation]:
    return osel.children(finance, K.DEPARTMENT)


def _check(name: str, code: str, credit_code: str, field_prefix: str = "") -> list[dict[str, str]]:
    errors = []
    if not name or len(name) > 200:
        errors.append({"field": "name", "message": "名称不能为空，最多 200 字"})
    if code and not org_code_valid(code):
        errors.append({"field": "code", "message": f"「{code}」不是有效的组织机构代码（9 位，末位校验）"})
    if credit_code and not credit_code_valid(credit_code):
        errors.append({"field": "credit_code",
                       "message": f"「{credit_code}」不是有效的统一社会信用代码（18 位，末位校验）"})
    elif credit_code and code and credit_code[8:17] != code:
        errors.append({"field": "credit_code", "message": "统一社会信用代码第 9–17 位应与组织机构代码一致"})
    return errors


def organisation_save(*, actor: User, org_id: int | None = None, name: str, kind: str = "",
                      parent_id: int | None = None, code: str = "", credit_code: str = "",
                      ip: str = "") -> Organisation:
    """Create (no `org_id`) or edit a 主管部门 or 预算单位 of the actor's region. A unit's
    `parent_id` is its department: changing it moves the unit."""
    finance = _finance(actor)
    name, code = name.strip(), code.strip().replace("-", "").upper()
    credit_code = credit_code.strip().upper()
    org = _own(actor, org_id) if org_id is not None else None
    kind = org.kind if org is not None else kind
    errors = _check(name, code, credit_code)
    parent: Organisation | None = finance
    if kind == K.UNIT:
        parent = _departments(finance).filter(pk=parent_id or 0).first()
        if parent is None:
            errors.append({"field": "parent", "message": "请选择本地区的主管部门"})
    elif kind != K.DEPARTMENT:
        errors.append({"field": "kind", "message": "类型应为主管部门或预算单位"})
    if osel.organisation_name_taken(name, org.pk if org else None):
        errors.append({"field": "name", "message": f"已有名为「{name}」的机构"})
    if errors:
        raise Invalid("机构信息有误，未保存", errors)
    with transaction.atomic():
        before = (org.name, org.parent_id, org.code, org.credit_code) if org else None
        if org is None:
            org = Organisation.objects.create(name=name, kind=kind, parent=parent, code=code,
                                              credit_code=credit_code)
        else:
            moved = org.kind == K.UNIT and parent is not None and org.parent_id != parent.pk
            org.name, org.parent, org.code, org.credit_code = name, parent, code, credit_code
            org.save()
            if moved and parent is not None:
                # stored results copy the organisation chain for scoped lists: keep it true
                EvaluationResult.objects.filter(unit=org).update(department=parent,
                                                                 finance=parent.parent_id)
        audit_record(kind="organisation_saved", actor=actor.username, ip=ip,
                     target=f"{org.get_kind_display()} {org.pk} {org.name}",
                     detail=f"新建，上级 {parent.name if parent else ''}" if before is None
                     else f"原 {before} → 现 {(org.name, org.parent_id, org.code, org.credit_code)}")
    return org


def organisation_set_active(*, actor: User, org_id: int, active: bool,
                            ip: str = "") -> Organisation:
    """Deactivate (停用) or reactivate an organisation. A department with active units
    cannot be deactivated; its units must be moved or deactivated first."""
    org = _own(actor, org_id)
    if not active and org.kind == K.DEPARTMENT and org.children.filter(active=True).exists():
        raise Conflict("该主管部门下还有启用的预算单位，请先移走或停用这些单位")
    if active and org.kind == K.UNIT and org.parent is not None and not org.parent.active:
        raise Conflict("上级主管部门已停用，请先启用主管部门或把单位移到其他部门")
    with transaction.atomic():
        Organisation.objects.filter(pk=org.pk).update(active=active)
        org.active = active
        audit_record(kind="organisation_activated" if active else "organisation_deactivated",
                     actor=actor.username, ip=ip, target=f"{org.get_kind_display()} {org.pk} {org.name}")
    return org


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int


#: Largest organisation-tree workbook an upload may be (the view reads one byte more).
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def organisation_import(*, actor: User, data: bytes | None, ip: str = "") -> ImportReport:
    """Import the 「机构」 sheet: departments first, then units; an existing name is
    updated (codes, department), a new one created. All or nothing.

    Raises:
        Invalid: no file or one over `MAX_IMPORT_BYTES`; one Chinese message per bad cell
        (nothing written).
    """
    finance = _finance(actor)
    if not data or len(data) > MAX_IMPORT_BYTES:
        raise Invalid("请选择不超过 5 MB 的 Excel（.xlsx）文件",
                      [{"field": "file", "message": "文件：未选择文件，或文件超过 5 MB"}])
    try:
        rows = read_org_tree(data)
    except OrgTreeErrors as err:
        raise Invalid(err.message, [{"field": "file", "message": m} for m in err.messages]) \
            from None
    except InputError as err:
        raise Invalid(err.message, [{"field": "file", "message": err.message}]) from None
    existing = osel.organisations_named([r.name for r in rows])
    errors = []
    dept_names = {r.name for r in rows if r.kind == K.DEPARTMENT} | set(
        _departments(finance).values_list("name", flat=True))
    for r in rows:
        old = existing.get(r.name)
        if old is not None:
            in_region = old.parent_id == finance.pk or (
                old.parent is not None and old.parent.parent_id == finance.pk)
            if not in_region or old.kind != r.kind:
                errors.append(f"B{r.row} 单元格（名称）：「{r.name}」已是其他地区或其他类型的机构")
        if r.kind == K.UNIT and r.parent not in dept_names:
            errors.append(f"C{r.row} 单元格（上级主管部门）：「{r.parent}」不是本表或本地区的主管部门")
    if errors:
        raise Invalid(f"机构表有 {len(errors)} 处错误，未导入任何数据",
                      [{"field": "file", "message": m} for m in errors])
    created = updated = 0
    try:
        with transaction.atomic():
            for kind in (K.DEPARTMENT, K.UNIT):
                for r in (r for r in rows if r.kind == kind):
                    parent = finance if kind == K.DEPARTMENT else osel.organisation_by_name(
                        r.parent, K.DEPARTMENT)
                    org = existing.get(r.name)
                    if org is None:
                        Organisation.objects.create(name=r.name, kind=kind, parent=parent,
                                                    code=r.code, credit_code=r.credit_code)
                        created += 1
                    else:
                        moved = kind == K.UNIT and org.parent_id != parent.pk
                        org.parent, org.code, org.credit_code = parent, r.code, r.credit_code
                        org.save()
                        if moved:
                            EvaluationResult.objects.filter(unit=org).update(
                                department=parent, finance=parent.parent_id)
                        updated += 1
            audit_record(kind="organisations_imported", actor=actor.username, ip=ip,
                         target=f"财政局 {finance.name}", detail=f"新建 {created}，更新 {updated}")
    except IntegrityError:
        raise Invalid("导入失败：机构名称冲突，未导入任何数据",
                      [{"field": "file", "message": "机构名称与已有机构冲突"}]) from None
    return ImportReport(created, updated)


def organisation_template(*, actor: User, ip: str = "") -> bytes:
    """The import template, pre-filled with the actor's current tree: an export of the
    organisation list, so it is written to the audit log like every list export."""
    rows = []
    for dept, units in organisation_tree(actor=actor):
        rows.append(("主管部门", dept.name, "", dept.code, dept.credit_code))
        rows.extend(("预算单位", u.name, dept.name, u.code, u.credit_code) for u in units)
    return list_export(actor=actor, list_name=SHEET, headers=HEADERS, rows=rows, ip=ip)
