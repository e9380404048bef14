"""A synthetic region for scale and load (CONTRACTS.md §7, `jixiao demo --projects N`).

On top of the demo data (`services.demo.demo_load`: accounts, organisations, six projects),
N synthetic projects under the demo finance bureau (保山市财政局): about 100 projects per
budget unit, 12 units per department, over the fiscal years 2021–2024 and every workflow
state, each with 15 indicators (10/50/30/10 weights of national-2020), realistic shortfalls
(most explained, some not: findings), a monitoring snapshot on one project in five, and
published reports for part of the accepted ones. Every unit and department has an account
(`u00001`, `d0001`, …, password `jixiao-demo`) so load tests can log in as many users.

Synthetic project names end in `（模拟000123）`: running the command again tops the region up
to N instead of adding N more, and nothing here ever deletes (so `serve --demo` afterwards
keeps them). Everything is written with bulk inserts; stored results are computed at the end
by `services.results.results_rescore`. Deterministic: the same N gives the same region.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from jixiao.domain.disclosure import publication_title
from jixiao.domain.money import round_half_up
from jixiao.persistence.bulk import insert_rows, next_ids
from jixiao.persistence.mappers import registered_document, snapshot_sha256
from jixiao.persistence.models import (
    Organisation,
    Project,
    PublishedReport,
    Transition,
    User,
)
from jixiao.services.demo import DEMO_PASSWORD, FINANCE, demo_load
from jixiao.services.results import results_rescore

MARK = "（模拟"
PROJECTS_PER_UNIT = 100
UNITS_PER_DEPARTMENT = 12
YEARS = (2021, 2022, 2023, 2024)
CHUNK = 2000
COUNTIES = ("隆阳区", "施甸县", "腾冲市", "龙陵县", "昌宁县")
DEPARTMENT_KINDS = (
    "教育体育局", "卫生健康委员会", "交通运输局", "农业农村局", "水务局", "民政局",
    "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "文化和旅游局", "科技局",
    "市场监督管理局", "生态环境局", "林业和草原局", "应急管理局", "商务局", "司法局",
    "退役军人事务局", "医疗保障局", "统计局",
)
UNIT_KINDS = ("机关", "服务中心", "事务中心", "监测站", "培训中心", "信息中心", "执法大队",
              "技术推广站", "档案馆", "保障中心", "研究所", "管理所")
TOPICS = ("基础设施维护", "信息化建设运维", "专项业务工作", "公共服务保障", "人才培训",
          "设备购置", "监测检测", "宣传教育", "应急保障", "惠民补助发放", "办公场所租赁",
          "课题研究", "运行维护")
#: (二级, 三级, operator, unit, target range) per 一级; targets drawn within the range.
OUTPUT = (
    ("数量指标", "完成任务数量", ">=", "项", (5, 200)),
    ("数量指标", "服务人次", ">=", "人次", (500, 50000)),
    ("数量指标", "维护设备数量", ">=", "台", (10, 800)),
    ("质量指标", "验收合格率", "=", "%", (100, 100)),
    ("质量指标", "系统可用率", ">=", "%", (95, 99)),
    ("时效指标", "任务按时完成率", ">=", "%", (90, 100)),
    ("时效指标", "故障修复及时率", ">=", "%", (90, 98)),
    ("成本指标", "单位成本控制", "<=", "元", (100, 5000)),
)
OUTCOME = (
    ("社会效益指标", "惠及人数", ">=", "人", (1000, 90000)),
    ("社会效益指标", "群众办事等候时间", "<=", "分钟", (10, 30)),
    ("经济效益指标", "节约资金", ">=", "万元", (5, 300)),
    ("可持续影响指标", "设施使用年限延长", ">=", "年", (3, 15)),
    ("生态效益指标", "节能降耗率", ">=", "%", (3, 20)),
)
SATISFACTION = (
    ("服务对象满意度指标", "服务对象满意度", ">=", "%", (85, 95)),
    ("服务对象满意度指标", "社会公众满意度", ">=", "%", (80, 92)),
)
#: State mix of a deadline week: (state, cumulative share).
STATE_MIX = (("draft", 0.30), ("submitted", 0.45), ("returned", 0.50), ("approved", 0.65),
             ("accepted", 1.0))
STEPS = {"draft": (), "submitted": ("submit",), "returned": ("submit", "return"),
         "approved": ("submit", "approve"), "accepted": ("submit", "approve", "accept")}
TARGET_STATE = {"submit": "submitted", "return": "returned", "approve": "approved",
                "accept": "accepted"}
PROJECT_COLUMNS = ("id", "unit_id", "name", "fiscal_year", "state", "document", "created_at",
                   "updated_at")
TRANSITION_COLUMNS = ("project_id", "action", "from_state", "to_state", "actor_id", "at",
                      "comment", "snapshot_sha256", "snapshot", "audit_findings")
REPORT_COLUMNS = ("project_id", "index_number", "publisher", "catalogue", "published_on",
                  "document_number", "title", "snapshot", "snapshot_sha256", "project_name",
                  "unit_name", "department_name", "fiscal_year", "published_at",
                  "published_by", "accepted_on")


def _new_ids(count: int) -> list[int | None]:
    """Keys for the next `count` projects: from the sequence on PostgreSQL, None elsewhere
    (SQLite assigns them on insert)."""
    if connection.vendor == "postgresql":
        return list(next_ids(Project, count))
    return [None] * count


def _money(value: Decimal) -> str:
    return str(round_half_up(value, 2))


def _indicator(rng: random.Random, category: str, spec: tuple[Any, ...], weight: Decimal,
               miss: bool, explained: bool, weak: bool = False) -> dict[str, Any]:
    sub, name, op, unit, (low, high) = spec
    target = Decimal(rng.randint(low, high))
    if op == "<=":
        actual = target * Decimal(rng.randint(110, 140) if miss else rng.randint(70, 100)) / 100
    elif miss:
        actual = target * Decimal(rng.randint(10, 60) if weak else rng.randint(55, 95)) / 100
    else:
        actual = target * Decimal(100 if op == "=" else rng.randint(100, 112)) / 100
    if unit == "%":
        actual = min(actual, Decimal(100)) if op != "<=" else actual
    out: dict[str, Any] = {"category": category, "subcategory": sub, "name": name,
                           "operator": op, "target": str(target), "unit_of_measure": unit,
                           "weight": str(weight), "actual": _money(actual)}
    if miss and explained:
        out["deviation_reason"] = rng.choice((
            "受项目实施进度影响，部分任务延至次年完成，已制定整改计划。",
            "需求变化导致实际完成值低于年度指标值，下一年度将科学设定指标值。",
            "受外部因素影响未完全达成，已加强过程监控。"))
    return out


def _document(rng: random.Random, year: int, topic: str, state: str) -> dict[str, Any]:
    """One synthetic evaluation document (stored form: exact decimal strings)."""
    draft = state in ("draft", "returned")
    weak = rng.random() < 0.1  # one project in ten went badly: grades 良, 中 and 差 occur
    indicators = []
    for category, pool, count, weight in (("产出指标", OUTPUT, 8, Decimal("6.25")),
                                          ("效益指标", OUTCOME, 5, Decimal(6)),
                                          ("满意度指标", SATISFACTION, 2, Decimal(5))):
        for i in range(count):
            miss = rng.random() < (0.6 if weak else 0.12)
            explained = not draft or rng.random() < 0.6  # submitted ones were complete
            indicator = _indicator(rng, category, pool[i % len(pool)], weight, miss, explained,
                                   weak)
            if i >= len(pool):
                indicator["name"] += f"（{i // len(pool) + 1}）"
            indicators.append(indicator)
    budget = Decimal(rng.randint(50_000, 5_000_000))
    executed = budget * Decimal(rng.randint(30, 80) if weak else rng.randint(62, 100)) / 100
    row = {"initial_budget": _money(budget), "full_year_budget": _money(budget),
           "executed": _money(executed)}
    document: dict[str, Any] = {
        "format": "jixiao.evaluation/1", "ruleset": "national-2020",
        "funds": {"total": row, "current_appropriation": dict(row)},
        "goals": {"expected": f"完成{year}年度{topic}各项任务，保障工作正常开展。",
                  "actual": "年度目标基本完成。" if rng.random() < 0.3 else "年度目标全部完成。"},
        "indicators": indicators,
    }
    if rng.random() < 0.2:
        document["monitoring"] = {"basis": "month", "snapshots": [{
            "as_of": f"{year}-07-31", "executed": _money(executed * Decimal("0.55")),
            "expected_full_year": _money(executed), "goal_progress": "1-7月按计划推进。",
            "indicators": [{"name": ind["name"], "progress": ind["actual"],
                            "expected_actual": ind["actual"], "completion": "确定能"}
                           for ind in indicators[:3]]}]}
    return document


def _state(rng: random.Random) -> str:
    roll = rng.random()
    return next(state for state, share in STATE_MIX if roll < share)


def _organisations(finance: Organisation, n_units: int) -> tuple[list[Organisation],
                                                                  dict[int, Organisation]]:
    """The synthetic departments and units (created when missing); units in a stable order,
    and each unit's department by unit id."""
    n_departments = max(1, -(-n_units // UNITS_PER_DEPARTMENT))
    dept_names = [_department_name(i) for i in range(n_departments)]
    Organisation.objects.bulk_create(
        [Organisation(name=n, kind=Organisation.Kind.DEPARTMENT, parent=finance)
         for n in dept_names], ignore_conflicts=True)
    departments = {o.name: o for o in Organisation.objects.filter(name__in=dept_names)}
    # 12 kinds for 12 units per department: every unit name is unique
    unit_names = [(dept_names[i // UNITS_PER_DEPARTMENT] + UNIT_KINDS[i % UNITS_PER_DEPARTMENT],
                   dept_names[i // UNITS_PER_DEPARTMENT]) for i in range(n_units)]
    Organisation.objects.bulk_create(
        [Organisation(name=n, kind=Organisation.Kind.UNIT, parent=departments[d])
         for n, d in unit_names], ignore_conflicts=True)
    by_name = {o.name: o for o in Organisation.objects.filter(name__in=[n for n, _ in unit_names])}
    units = [by_name[n] for n, _ in unit_names]
    return units, {u.pk: departments[d] for (_, d), u in zip(unit_names, units, strict=True)}


def _department_name(i: int) -> str:
    county = COUNTIES[i % len(COUNTIES)]
    kind = DEPARTMENT_KINDS[(i // len(COUNTIES)) % len(DEPARTMENT_KINDS)]
    cycle = i // (len(COUNTIES) * len(DEPARTMENT_KINDS))
    return f"{county}{kind}" + (f"（{cycle + 1}）" if cycle else "")


def _accounts(units: list[Organisation], departments: list[Organisation]) -> dict[int, User]:
    """One account per unit (`u00001`…) and per department (`d0001`…), all with the demo
    password (hashed once: hashing 1,000 passwords one by one would take minutes)."""
    password = make_password(DEMO_PASSWORD)
    wanted = [User(username=f"u{i + 1:05d}", display_name=f"{u.name}填报人",
                   role=User.Role.UNIT, organisation=u, password=password)
              for i, u in enumerate(units)]
    wanted += [User(username=f"d{i + 1:04d}", display_name=f"{d.name}审核人",
                    role=User.Role.DEPARTMENT, organisation=d, password=password)
               for i, d in enumerate(departments)]
    User.objects.bulk_create(wanted, ignore_conflicts=True)
    return {u.organisation_id: u for u in User.objects.filter(
        username__in=[w.username for w in wanted]).only("pk", "organisation_id")
        if u.organisation_id is not None}


def demo_region(*, projects: int, seed: int = 2026,
                progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Make the region hold `projects` synthetic projects (topping up, never deleting).

    `progress(stage, done, total)` reports the project inserts and the result scoring.
    Returns counts of what was created.

    Raises:
        DemoRefused: production settings are active (from `demo_load`).
    """
    created = demo_load()
    finance = Organisation.objects.get(name=FINANCE)
    finance_user = User.objects.get(username="finance")
    n_units = max(1, -(-projects // PROJECTS_PER_UNIT))
    units, department_of = _organisations(finance, n_units)
    departments = sorted({d.pk: d for d in department_of.values()}.values(), key=lambda d: d.pk)
    users = _accounts(units, departments)
    existing = Project.objects.filter(name__contains=MARK).count()
    index_numbers = set(PublishedReport.objects.filter(index_number__contains="-X-/")
                        .values_list("index_number", flat=True))
    now = timezone.now()
    made = {"projects": 0, "transitions": 0, "published": 0}
    for start in range(existing, projects, CHUNK):
        serials = range(start, min(projects, start + CHUNK))
        rows: list[list[object]] = []
        plans: list[tuple[random.Random, Organisation, str, str, int, dict[str, Any]]] = []
        for serial in serials:
            rng = random.Random(f"{seed}-{serial}")
            unit = units[serial % len(units)]
            year = YEARS[rng.randrange(len(YEARS))]
            state = _state(rng)
            topic = TOPICS[rng.randrange(len(TOPICS))]
            name = f"{year}年度{topic}项目{MARK}{serial + 1:06d}）"
            document = _document(rng, year, topic, state)
            rows.append([unit.pk, name, year, state, document, now, now])
            plans.append((rng, unit, state, name, year, document))
        with transaction.atomic():
            ids = _new_ids(len(rows))
            for row, pk in zip(rows, ids, strict=True):
                row.insert(0, pk)
            insert_rows(Project, PROJECT_COLUMNS, rows)
            if ids[0] is None:  # SQLite: keys assigned by the insert, in order
                keys = list(Project.objects.filter(name__contains=MARK).order_by("-pk")
                            .values_list("pk", flat=True)[:len(rows)])[::-1]
                for row, pk in zip(rows, keys, strict=True):
                    row[0] = pk
            transitions: list[list[Any]] = []
            reports: list[list[Any]] = []
            for offset, (row, (rng, unit, state, name, year, document)) in enumerate(
                    zip(rows, plans, strict=True)):
                if not STEPS[state]:
                    continue
                project_id = row[0]
                department = department_of[unit.pk]
                registered = registered_document(document, name=name, fiscal_year=year,
                                                 unit=unit.name, department=department.name,
                                                 region="云南省保山市")
                sha = snapshot_sha256(registered)
                at = timezone.make_aware(dt.datetime(year + 1, 3, 1, 9)) \
                    + dt.timedelta(minutes=rng.randrange(60 * 24 * 50))
                previous = "draft"
                for action in STEPS[state]:
                    actor = {"submit": users[unit.pk], "accept": finance_user}.get(
                        action, users[department.pk])
                    target = TARGET_STATE[action]
                    # the submitted snapshot is what later steps are checked against
                    transitions.append([project_id, action, previous, target, actor.pk, min(at, now),
                                        "请补充偏差原因。" if action == "return" else "", sha,
                                        registered if action == "submit" else {}, []])
                    previous = target
                    at += dt.timedelta(days=rng.randint(1, 10))
                if state == "accepted" and rng.random() < 0.4:
                    published = min(at, now).date()
                    # 索引号 as §7: unit code, category, year, MMDD and the project's place
                    # in its unit (unique within the unit)
                    seq = (serials.start + offset) // len(units)
                    index = (f"{53000000 + unit.pk % 1000000:08d}-X-/{year}-"
                             f"{published:%m%d}{seq % 1000:03d}")
                    if index in index_numbers:
                        continue
                    index_numbers.add(index)
                    reports.append([project_id, index, unit.name, "财政预决算 / 绩效自评", published, "",
                                    publication_title(unit.name, year, name), registered, sha,
                                    name, unit.name, department.name, year, min(at, now),
                                    finance_user.username, published])
            insert_rows(Transition, TRANSITION_COLUMNS, transitions)
            insert_rows(PublishedReport, REPORT_COLUMNS, reports)
        made["projects"] += len(rows)
        made["transitions"] += len(transitions)
        made["published"] += len(reports)
        if progress is not None:
            progress("projects", serials.stop - existing, projects - existing)
    if made["projects"] or not existing:
        # every core (results_rescore stays in one process where a fork could not see the
        # rows, e.g. inside a caller's transaction)
        results_rescore(jobs=os.cpu_count() or 1, progress=None if progress is None else
                        (lambda done, total: progress("results", done, total)))
    made["accounts"] = created["accounts"] + len(users)
    made["units"] = len(units)
    made["departments"] = len(departments)
    return made
