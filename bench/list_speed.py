"""Latency of the finance bureau's lists at region scale: 抽查 (a spot check's items),
问题整改, 公开管理 (published reports) and 结果应用 — the first page, a filtered and sorted
page, and the xlsx export of a filtered list — with the number of queries of each.

    # on a database made by `jixiao demo --projects 20000` (JIXIAO_DATABASE_URL set); the
    # demo has no big spot check and few rectifications, so --fill adds a spot check of
    # 1,000 accepted projects (the largest allowed) and a rectification for every fifth
    # accepted project, in bulk, once:
    .venv/bin/python bench/list_speed.py --existing --fill [--repeat 15]
    # the demo alone (about ten projects) in a temporary SQLite database, for comparison:
    .venv/bin/python bench/list_speed.py

Prints the median and the slowest of `repeat` requests and the number of queries. Not a
test: speed figures live here, not in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from page_timing import time_page, use_database


def fill() -> None:
    """A spot check of 1,000 accepted projects (every third reviewed) and a rectification
    for every fifth accepted project, unless the database has them already."""
    from decimal import Decimal

    from django.utils import timezone

    from jixiao.persistence.models import (
        Project,
        Rectification,
        Review,
        SpotCheck,
        SpotCheckItem,
        User,
    )

    finance = User.objects.get(username="finance")
    now = timezone.now()
    accepted = list(Project.objects.filter(state="accepted").select_related("unit")
                    .order_by("pk"))
    if not SpotCheck.objects.filter(seed="bench-lists").exists():
        check = SpotCheck.objects.create(finance_id=finance.organisation_id, fiscal_year=2023,
                                         size=1000, seed="bench-lists", created_by=finance,
                                         created_at=now)
        sample = [p for p in accepted if p.fiscal_year == 2023][:1000]
        items = SpotCheckItem.objects.bulk_create(
            SpotCheckItem(spot_check=check, project=p, stratum=p.unit.name[:20]) for p in sample)
        Review.objects.bulk_create(
            Review(item=it, reviewer=finance, reviewed_at=now, self_total=Decimal("88.00"),
                   review_total=Decimal(78 + k % 15), self_grade="良",
                   review_grade="优" if 78 + k % 15 >= 90 else "良" if 78 + k % 15 >= 80
                   else "中", flags=["复核与自评相差超过 5 分"] if k % 15 < 3 else [],
                   snapshot_sha256="0" * 64)
            for k, it in enumerate(items) if k % 3 == 0)
    if Rectification.objects.count() < len(accepted) // 5:
        today = timezone.localdate()
        Rectification.objects.bulk_create(
            (Rectification(project=p, owner_unit=p.unit, problem=f"基准整改问题 {k}",
                           status=("open", "reported", "confirmed")[k % 3],
                           deadline=today + dt.timedelta(days=k % 60 - 30), created_by=finance,
                           created_at=now) for k, p in enumerate(accepted[::5])),
            batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--existing", action="store_true",
                        help="use the database of JIXIAO_DATABASE_URL as it is")
    parser.add_argument("--fill", action="store_true",
                        help="add the spot check and rectifications described above")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    use_database(existing=args.existing, prefix="jixiao-lists-")
    from jixiao.cli.serve import prepare_demo

    if not args.existing:
        prepare_demo()
    if args.fill:
        started = time.perf_counter()
        fill()
        print(f"fill: {time.perf_counter() - started:.1f} s")
    from django.db import connection
    from django.test import Client

    from jixiao.persistence.models import (
        Project,
        PublishedReport,
        Rectification,
        SpotCheck,
        User,
    )

    check = SpotCheck.objects.order_by("-size", "-pk").first()
    # the department of the newest synthetic project (the demo's own has few projects)
    newest = Project.objects.select_related("unit").order_by("-pk").first()
    d = newest.unit.parent_id if newest else ""
    print(f"database: {connection.vendor}, projects {Project.objects.count()}, accepted "
          f"{Project.objects.filter(state='accepted').count()}, spot check items "
          f"{check.items.count() if check else 0}, rectifications "
          f"{Rectification.objects.count()}, publications {PublishedReport.objects.count()}")
    client = Client()
    client.force_login(User.objects.get(username="finance"))
    spot = f"/spot-checks/{check.pk}/" if check else "/spot-checks/"
    kinds = {
        # the cost every page shares (navigation with the 待办 counts), for comparison
        "baseline: /notifications/": "/notifications/",
        "抽查 items, first page": spot,
        "抽查 ?department&status=reviewed&sort=-gap": f"{spot}?department={d}&status=reviewed"
                                                     "&sort=-gap",
        "抽查 xlsx (all items)": f"{spot}?format=xlsx",
        "整改, first page": "/rectifications/",
        "整改 ?year=2023&department&overdue&sort=unit": f"/rectifications/?year=2023&department={d}"
                                                      "&overdue=1&sort=unit",
        "整改 ?q=…&page=5": "/rectifications/?q=%E5%9F%BA%E5%87%86&page=5",
        "整改 xlsx ?year=2023&department": f"/rectifications/?year=2023&department={d}"
                                          "&format=xlsx",
        "公开管理, first page": "/disclosure/",
        "公开管理 ?year=2022&department&status=public&sort=-score":
            f"/disclosure/?year=2022&department={d}&status=public&sort=-score",
        "公开管理 xlsx ?year=2022": "/disclosure/?year=2022&format=xlsx",
        "结果应用, first page": "/results/",
        "结果应用 ?year=2023&department&treatment=candidate_cut&sort=-self":
            f"/results/?year=2023&department={d}&treatment=candidate_cut&sort=-self",
        "结果应用 ?page=40": "/results/?page=40",
        "结果应用 xlsx ?year=2023&department": f"/results/?year=2023&department={d}&format=xlsx",
    }
    for label, url in kinds.items():
        repeat = max(3, args.repeat // 3) if "xlsx" in label else args.repeat
        timing = time_page(client, url, repeat, label)
        print(f"{timing.line(label, 62)}   {timing.size // 1024} KB   (n={repeat})")


if __name__ == "__main__":
    main()
