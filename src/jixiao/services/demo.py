"""Demo data (CONTRACTS.md §6): the organisation tree, the seven demo accounts (password
`jixiao-demo`), the Baoshan rent project from `examples/` and a few more projects in
different workflow states. Idempotent: running it twice changes nothing.

Only `jixiao serve --demo` calls this; production never creates these accounts: under
production settings (`settings.PRODUCTION`) `demo_load` refuses with `DemoRefused`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jixiao.persistence.mappers import plain
from jixiao.persistence.models import Organisation, Project, Rectification, Transition, User
from jixiao.services.lease import lease_save
from jixiao.services.public import report_correct, report_publish, report_withdraw
from jixiao.services.workflow import evaluation_transition

DEMO_PASSWORD = "jixiao-demo"
REFUSED_MESSAGE = ("生产设置（jixiao.web.settings_production）下不能载入演示数据：演示账号的密码是公开的"
                   " / demo data refused under production settings (its password is published)")


class DemoRefused(Exception):
    """Demo data requested while production settings are active."""
EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples"
BAOSHAN_FILE = "baoshan-2022-rent-property.yaml"
LEASE_FILE = "baoshan-2022-lease.yaml"

FINANCE = "保山市财政局"
DEPT = "保山市政务服务管理局"
UNIT1 = "保山市政务服务中心"
UNIT2 = "保山市公共资源交易中心"
OTHER_DEPT = "保山市教育体育局"
OTHER_UNIT = "保山市第一中学"
DEPT_CODE = "57980172X"  # 组织机构代码 of 保山市政务服务管理局, from the seed's 索引号

ACCOUNTS = [
    # username, display name, role, organisation
    ("finance", "财政局绩效科", User.Role.FINANCE, FINANCE),
    ("dept", "主管部门审核人", User.Role.DEPARTMENT, DEPT),
    ("unit1", "政务服务中心填报人", User.Role.UNIT, UNIT1),
    ("unit2", "公共资源交易中心填报人", User.Role.UNIT, UNIT2),
    ("sysadmin", "系统管理员", User.Role.SYSADMIN, None),
    ("secadmin", "安全管理员", User.Role.SECADMIN, None),
    ("auditadmin", "审计管理员", User.Role.AUDITADMIN, None),
]


def _ind(category: str, sub: str, name: str, op: str, target: str, unit: str, weight: str,
         actual: str | None = None, **extra: str) -> dict[str, Any]:
    out: dict[str, Any] = {"category": category, "subcategory": sub, "name": name,
                           "operator": op, "target": target, "unit_of_measure": unit,
                           "weight": weight}
    if actual is not None:
        out["actual"] = actual
    out.update(extra)
    return out


def _doc(budget: str, executed: str, expected: str, actual: str,
         indicators: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "jixiao.evaluation/1",
        "ruleset": "national-2020",
        "funds": {"total": {"initial_budget": budget, "full_year_budget": budget,
                            "executed": executed},
                  "current_appropriation": {"initial_budget": budget, "full_year_budget": budget,
                                            "executed": executed}},
        "goals": {"expected": expected, "actual": actual},
        "indicators": indicators,
    }


_SAT = ("满意度指标", "服务对象满意度指标")


def _hall_maintenance() -> dict[str, Any]:
    return _doc("860000.00", "842300.50", "保障政务服务大厅全年正常运行，设备完好率不低于98%。",
                "大厅全年正常运行，设备完好率99%。", [
        _ind("产出指标", "数量指标", "维护窗口数量", ">=", "120", "个", "20", "120"),
        _ind("产出指标", "质量指标", "设备完好率", ">=", "98", "%", "20", "99"),
        _ind("产出指标", "时效指标", "故障修复及时率", ">=", "95", "%", "10", "96"),
        _ind("效益指标", "社会效益指标", "群众办事等候时间", "<=", "15", "分钟", "30", "12"),
        _ind(*_SAT, "办事群众满意度", ">=", "90", "%", "10", "95"),
    ])


def _hotline() -> dict[str, Any]:
    return _doc("1500000.00", "1500000.00", "12345热线全年接通率不低于95%。",
                "全年接通率97%，办结率99%。", [
        _ind("产出指标", "数量指标", "受理来电数量", ">=", "300000", "件", "25", "318000"),
        _ind("产出指标", "质量指标", "接通率", ">=", "95", "%", "25", "97"),
        _ind("效益指标", "社会效益指标", "诉求办结率", ">=", "95", "%", "30", "99"),
        _ind(*_SAT, "来电群众满意度", ">=", "90", "%", "10", "93"),
    ])


def _trading_platform() -> dict[str, Any]:
    return _doc("2400000.00", "1920000.00", "完成交易平台升级并上线运行。",
                "平台已上线，部分模块延期。", [
        _ind("产出指标", "数量指标", "升级功能模块数", ">=", "12", "个", "25", "10",
             deviation_reason="两个模块因需求变更延期至次年一季度，已签订补充协议。"),
        _ind("产出指标", "时效指标", "按期上线率", ">=", "100", "%", "25", "83",
             deviation_reason="部分模块延期。"),
        _ind("效益指标", "经济效益指标", "电子化交易节约成本", ">=", "500000", "元", "30", "520000"),
        _ind(*_SAT, "市场主体满意度", ">=", "90", "%", "10", "91"),
    ])


def _bidding_ops() -> dict[str, Any]:
    return _doc("600000.00", "510000.00", "电子招投标系统全年稳定运行。",
                "系统全年稳定运行，可用率99.5%。", [
        _ind("产出指标", "质量指标", "系统可用率", ">=", "99.9", "%", "30", "99.5"),
        _ind("产出指标", "时效指标", "安全事件处置及时率", "=", "100", "%", "20", "100"),
        _ind("效益指标", "社会效益指标", "保障交易正常开展", "qualitative", "效果明显", "", "30",
             "达成年度指标", grade="achieved", score="28"),
        _ind(*_SAT, "交易主体满意度", ">=", "90", "%", "10", "92"),
    ])


def _school_repair() -> dict[str, Any]:
    return _doc("3200000.00", "3150000.00", "完成教学楼维修改造。", "按期完成并通过验收。", [
        _ind("产出指标", "数量指标", "维修面积", ">=", "4800", "平方米", "25", "4800"),
        _ind("产出指标", "质量指标", "验收合格率", "=", "100", "%", "25", "100"),
        _ind("效益指标", "可持续影响指标", "校舍使用年限延长", ">=", "10", "年", "30", "10"),
        _ind(*_SAT, "师生满意度", ">=", "90", "%", "10", "96"),
    ])


def _witness_service() -> dict[str, Any]:
    return _doc("450000.00", "438600.00", "为进场交易项目提供全流程见证服务。",
                "全年见证交易项目1262个，见证资料全部归档。", [
        _ind("产出指标", "数量指标", "见证交易项目数", ">=", "1200", "个", "25", "1262"),
        _ind("产出指标", "质量指标", "见证资料归档率", "=", "100", "%", "25", "100"),
        _ind("效益指标", "社会效益指标", "交易投诉办结率", ">=", "95", "%", "30", "98"),
        _ind(*_SAT, "交易主体满意度", ">=", "90", "%", "10", "94"),
    ])


def _expert_fees() -> dict[str, Any]:
    return _doc("300000.00", "216000.00", "保障评标专家抽取和评审工作。",
                "全年抽取专家3100人次，评审费按标准支付。", [
        _ind("产出指标", "数量指标", "抽取专家人次", ">=", "3000", "人次", "25", "3100"),
        _ind("产出指标", "时效指标", "评审费按时支付率", "=", "100", "%", "25", "100"),
        _ind("效益指标", "社会效益指标", "评标活动正常开展", ">=", "100", "%", "30", "100"),
        _ind(*_SAT, "评标专家满意度", ">=", "90", "%", "10", "92"),
    ])


def _ca_service() -> dict[str, Any]:
    return _doc("180000.00", "180000.00", "为交易主体提供数字证书服务。", "全年办理数字证书2400张。", [
        _ind("产出指标", "数量指标", "办理数字证书数", ">=", "2000", "张", "25", "2400"),
        _ind("产出指标", "质量指标", "证书故障率", "<=", "1", "%", "25", "0.5"),
        _ind("效益指标", "社会效益指标", "不见面交易占比", ">=", "80", "%", "30", "86"),
        _ind(*_SAT, "交易主体满意度", ">=", "90", "%", "10", "95"),
    ])


#: The finance bureau's whole path through the workflow.
_ACCEPTED = [("unit2", "submit", ""), ("dept", "approve", "同意"), ("finance", "accept", "受理")]


def _baoshan() -> dict[str, Any]:
    path = EXAMPLES_DIR / BAOSHAN_FILE
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = plain(yaml.safe_load(handle))  # the example is a mapping
    data.pop("project", None)
    return data


def _org(name: str, kind: str, parent: Organisation | None, region: str = "") -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "parent": parent, "region": region})
    return org


def demo_load() -> dict[str, int]:
    """Create the demo organisations, accounts and projects if missing.

    Returns counts of what was created (all zero on a second run).

    Raises:
        DemoRefused: production settings are active.
    """
    if getattr(settings, "PRODUCTION", False):
        raise DemoRefused(REFUSED_MESSAGE)
    created = {"organisations": 0, "accounts": 0, "projects": 0}
    with transaction.atomic():
        before = Organisation.objects.count()
        finance = _org(FINANCE, Organisation.Kind.FINANCE, None, "云南省保山市")
        dept = _org(DEPT, Organisation.Kind.DEPARTMENT, finance)
        if not dept.code:  # the seed's publisher: 索引号 57980172-X-/2023-0427003
            Organisation.objects.filter(pk=dept.pk).update(code=DEPT_CODE)
            dept.code = DEPT_CODE
        orgs = {FINANCE: finance, DEPT: dept,
                UNIT1: _org(UNIT1, Organisation.Kind.UNIT, dept),
                UNIT2: _org(UNIT2, Organisation.Kind.UNIT, dept)}
        other = _org(OTHER_DEPT, Organisation.Kind.DEPARTMENT, finance)
        orgs[OTHER_UNIT] = _org(OTHER_UNIT, Organisation.Kind.UNIT, other)
        created["organisations"] = Organisation.objects.count() - before

        users = {}
        for username, display, role, org_name in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, display_name=display, role=role,
                            organisation=orgs[org_name] if org_name else None)
                user.set_password(DEMO_PASSWORD)
                user.save()
                created["accounts"] += 1
            users[username] = user
        plans: list[tuple[str, str, int, dict[str, Any], list[tuple[str, str, str]]]] = [
            (UNIT1, "房租及物业补助经费项目", 2022, _baoshan(), []),
            (UNIT1, "政务服务大厅运行维护经费", 2023, _hall_maintenance(),
             [("unit1", "submit", "")]),
            (UNIT1, "12345政务服务便民热线运行经费", 2022, _hotline(),
             [("unit1", "submit", ""), ("dept", "approve", "同意"),
              ("finance", "accept", "受理")]),
            (UNIT2, "公共资源交易平台升级项目", 2023, _trading_platform(),
             [("unit2", "submit", ""),
              ("dept", "return", "按期上线率未达标，请补充偏差原因和整改措施。")]),
            (UNIT2, "电子招投标系统运维经费", 2023, _bidding_ops(), []),
            (OTHER_UNIT, "教学楼维修改造项目", 2022, _school_repair(),
             []),
            (UNIT2, "交易见证服务经费", 2022, _witness_service(), _ACCEPTED),
            (UNIT2, "评标专家评审费", 2022, _expert_fees(), _ACCEPTED),
            (UNIT2, "数字证书（CA）服务经费", 2023, _ca_service(), _ACCEPTED),
        ]
        to_disclose: list[Project] = []
        for unit_name, name, year, document, steps in plans:
            unit = orgs[unit_name]
            if Project.objects.filter(unit=unit, name=name, fiscal_year=year).exists():
                continue
            project = Project.objects.create(unit=unit, name=name, fiscal_year=year,
                                             document=document)
            created["projects"] += 1
            for username, action, comment in steps:
                evaluation_transition(actor=users[username], project_id=project.pk, action=action,
                                      comment=comment, ip="demo")
            if name == "房租及物业补助经费项目" and (EXAMPLES_DIR / LEASE_FILE).exists():
                lease_save(actor=users["unit1"], project_id=project.pk,
                           text=(EXAMPLES_DIR / LEASE_FILE).read_text(encoding="utf-8"))
            to_disclose.append(project)
    # publications render PDFs: never inside the loader's transaction
    for project in to_disclose:
        _demo_disclosure(project, users["finance"])
    if to_disclose:
        _demo_review(users["finance"])
        _demo_rectification(users)
        _demo_target_change(users)
    return created


def _demo_target_change(users: dict[str, User]) -> None:
    """目标调整: the bidding project's targets are approved, then (after actuals were
    entered) a lowered 系统可用率 target is requested and approved — the reviewer's flag."""
    from jixiao.services.target_changes import (
        target_change_decide,
        target_change_request,
        targets_approve,
    )

    project = Project.objects.get(name="电子招投标系统运维经费")
    targets_approve(actor=users["dept"], project_id=project.pk, ip="demo")
    change = target_change_request(actor=users["unit2"], project_id=project.pk, index=0,
                                   field="target", value="99.5", ip="demo",
                                   reason="系统升级窗口期计划停机，可用率目标按合同调整为 99.5%")
    target_change_decide(actor=users["dept"], project_id=project.pk, change_id=change.pk,
                         approve=True, comment="同意，已核对升级合同", ip="demo")


def _demo_rectification(users: dict[str, User]) -> None:
    """问题整改: one task confirmed end to end, one reported and waiting for the department,
    one overdue (its deadline moved into the past, as if set last month)."""
    from jixiao.services.rectification import rectification_act, rectification_create

    finance = users["finance"]
    soon = timezone.localdate() + dt.timedelta(days=30)
    by_name = {p.name: p for p in Project.objects.filter(state=Project.State.ACCEPTED)}
    done = rectification_create(actor=finance, project_id=by_name["12345政务服务便民热线运行经费"].pk,
                                problem="抽查发现 21 件工单未实际办结即统计为办结，办结率虚高。",
                                deadline=soon, ip="demo")
    rectification_act(actor=users["unit1"], rectification_id=done.pk, action="report", ip="demo",
                      text="已逐件回访 21 件工单并重新办理，修订工单办结标准（附回访记录）。")
    rectification_act(actor=users["dept"], rectification_id=done.pk, action="confirm",
                      text="经核对回访记录，整改到位。", ip="demo")
    waiting = rectification_create(actor=finance, project_id=by_name["交易见证服务经费"].pk,
                                   problem="见证资料归档清单与系统记录不一致。", deadline=soon,
                                   ip="demo")
    rectification_act(actor=users["unit2"], rectification_id=waiting.pk, action="report",
                      text="已补齐归档清单并与系统逐项核对。", ip="demo")
    late = rectification_create(actor=finance, project_id=by_name["评标专家评审费"].pk,
                                problem="预算执行率 72%，资金沉淀，需说明原因并提出改进措施。",
                                deadline=soon, ip="demo")
    Rectification.objects.filter(pk=late.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=5))


def _demo_review(finance: User) -> None:
    """抽查 of 2022 with a stored seed, one 复核 that is flagged, one 重点评价."""
    from jixiao.services.review import key_evaluation_assign, review_save, spot_check_create

    check = spot_check_create(actor=finance, fiscal_year=2022, size=2, seed="baoshan-2022",
                              ip="demo")
    items = {item.project.name: item for item in check.items.select_related("project")}
    for name, item in items.items():
        if name.startswith("12345"):
            review_save(actor=finance, item_id=item.pk, ip="demo",
                        scores={2: "22"},
                        reasons={2: "办结率为系统导出数，抽查工单 200 件中 21 件未实际办结"})
        else:
            key_evaluation_assign(actor=finance, project_id=item.project_id,
                                  evaluator="云南某会计师事务所（第三方）", kind="third_party",
                                  deadline=timezone.localdate() + dt.timedelta(days=60),
                                  note="抽查发现资料不全，委托第三方重点评价", ip="demo")


def _demo_disclosure(project: Project, finance: User) -> None:
    """信息公开 in the demo: a published report, a corrected one (two versions), a
    withdrawn one, and an accepted project left unpublished past its 20-day deadline."""
    if project.name.startswith("12345"):
        report_publish(actor=finance, project_id=project.pk, document_number="保政服〔2023〕12号",
                       keywords="绩效自评 政务服务 热线", ip="demo",
                       published_on=dt.date(2023, 4, 27))
    elif project.name == "交易见证服务经费":
        first = report_publish(actor=finance, project_id=project.pk, document_number="保交易〔2023〕3号",
                               keywords="绩效自评 公共资源交易", ip="demo",
                               published_on=dt.date(2023, 4, 27))
        report_correct(actor=finance, report_id=first.pk, document_number="保交易〔2023〕4号",
                       note="更正文号（原文号「保交易〔2023〕3号」有误）", ip="demo",
                       published_on=dt.date(2023, 5, 8))
    elif project.name == "评标专家评审费":
        report = report_publish(actor=finance, project_id=project.pk, ip="demo",
                                keywords="绩效自评 评标专家", published_on=dt.date(2023, 4, 27))
        report_withdraw(actor=finance, report_id=report.pk, ip="demo",
                        reason="报告附件含评标专家个人信息，经审查撤回")
    elif project.name.startswith("数字证书"):
        # accepted 30 days ago and not published: the deadline warning of 公开管理
        Transition.objects.filter(project=project, action="accept").update(
            at=timezone.now() - dt.timedelta(days=30))
