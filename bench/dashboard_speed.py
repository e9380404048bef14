"""统计分析 (dashboard) latency at region scale: GET /dashboard/ for the finance bureau, a
department and a unit, with and without filters, and one chart's xlsx.

    # on a database made by `jixiao demo --projects 20000` (JIXIAO_DATABASE_URL set):
    .venv/bin/python bench/dashboard_speed.py --existing [--repeat 15]
    # or stand-alone: a temporary SQLite database (or an empty one named by --database) with
    # the demo plus N synthetic projects whose stored result rows are written in bulk (the
    # dashboard reads only those rows):
    .venv/bin/python bench/dashboard_speed.py --projects 20000 [--database postgres://…]

Prints the median and the slowest of `repeat` requests per kind, and the number of
queries. Not a test: speed figures live here, not in the test suite.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from page_timing import time_page, use_database


def synthetic(n: int) -> None:
    """The demo region plus `n` projects over 20 departments × 10 units, 4 years, every
    state, grades and execution rates spread, a monitoring light on every other project and
    a 复核 on one in fifty, written in bulk."""
    from django.utils import timezone

    from jixiao.persistence.models import (
        EvaluationResult,
        Organisation,
        Project,
        Review,
        SpotCheck,
        SpotCheckItem,
        User,
    )

    finance = Organisation.objects.get(kind="finance")
    admin = User.objects.get(username="finance")
    units = []
    for d in range(20):
        dept, _ = Organisation.objects.get_or_create(name=f"基准部门{d:02d}", kind="department",
                                                     parent=finance)
        for u in range(10):
            unit, _ = Organisation.objects.get_or_create(name=f"基准单位{d:02d}-{u}", kind="unit",
                                                         parent=dept)
            units.append(unit)
    states = ("draft", "submitted", "approved", "accepted", "accepted", "returned")
    lights = ("red", "yellow", "green", "not-judged", "", "", "", "")
    now = timezone.now()
    check = SpotCheck.objects.create(finance=finance, fiscal_year=2023, size=n // 50,
                                     seed="bench", created_by=admin, created_at=now)
    for start in range(0, n, 2000):
        rows = range(start, min(n, start + 2000))
        made = Project.objects.bulk_create(
            Project(unit=units[i % len(units)], name=f"基准项目{i}", fiscal_year=2021 + i % 4,
                    state=states[i % len(states)]) for i in rows)
        results = []
        for i, p in zip(rows, made, strict=True):
            unit = units[i % len(units)]
            total = None if i % 23 == 0 else Decimal(55 + (i * 37) % 45) + Decimal(i % 100) / 100
            grade = "" if total is None else ("优" if total >= 90 else "良" if total >= 80
                                              else "中" if total >= 60 else "差")
            results.append(EvaluationResult(
                project=p, fiscal_year=p.fiscal_year, unit=unit, department_id=unit.parent_id,
                finance=finance, state=p.state, scorable=total is not None, total=total,
                grade=grade, execution_rate=None if i % 31 == 0 else Decimal((i * 13) % 125) / 100,
                monitoring_light=lights[i % len(lights)], scored_at=now))
        EvaluationResult.objects.bulk_create(results)
        items = SpotCheckItem.objects.bulk_create(
            SpotCheckItem(spot_check=check, project=p, stratum="基准")
            for i, p in zip(rows, made, strict=True) if i % 50 == 0)
        Review.objects.bulk_create(
            Review(item=item, reviewer=admin, reviewed_at=now, self_total=Decimal("90.00"),
                   review_total=Decimal(80 + k % 15), self_grade="优",
                   review_grade="优" if 80 + k % 15 >= 90 else "良", snapshot_sha256="0" * 64)
            for k, item in enumerate(items))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--existing", action="store_true",
                        help="use the database of JIXIAO_DATABASE_URL as it is")
    parser.add_argument("--database", help="database URL to fill (default: a temporary SQLite)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    use_database(existing=args.existing, prefix="jixiao-dash-", database=args.database)
    from jixiao.cli.serve import prepare_demo

    if not args.existing:
        prepare_demo()
        started = time.perf_counter()
        synthetic(args.projects)
        print(f"synthetic data: {args.projects} projects in {time.perf_counter() - started:.1f} s")
    from django.db import connection
    from django.test import Client

    from jixiao.persistence.models import EvaluationResult, Organisation, User

    print(f"database: {connection.vendor}, stored result rows: {EvaluationResult.objects.count()}")
    dept = Organisation.objects.filter(kind="department").order_by("pk").first()
    clients = {}
    for name in ("finance", "dept", "unit1"):
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=name))
    kinds = {
        "finance /dashboard/": ("finance", "/dashboard/"),
        "finance ?year=2023": ("finance", "/dashboard/?year=2023"),
        "finance ?department=…&state=accepted": (
            "finance", f"/dashboard/?department={dept.pk if dept else ''}&state=accepted"),
        "finance xlsx (ranking)": ("finance", "/dashboard/?download=ranking"),
        "dept /dashboard/": ("dept", "/dashboard/"),
        "unit1 /dashboard/": ("unit1", "/dashboard/"),
    }
    for label, (who, url) in kinds.items():
        timing = time_page(clients[who], url, args.repeat, label)
        print(f"{timing.line(label, 40)}   (n={args.repeat})")


if __name__ == "__main__":
    main()
