"""Speed of the funds code (not a test): apportionment, ledger audit, CSV import, monitoring.

    .venv/bin/python bench/funds_bench.py

Prints wall-clock seconds (best of 3) for each workload; sizes are far above what one
building or one project's year produces, so that regressions show.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from jixiao.domain.apportionment import apportion
from jixiao.domain.lease import Lease, Space
from jixiao.domain.ledger import BudgetLine, Ledger, SpendingRecord, audit_ledger
from jixiao.domain.periods import FiscalYear
from jixiao.ingest.ledger_import import read_records


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def lease(spaces: int, payers: int) -> Lease:
    rnd = random.Random(1)
    names = [f"付款方{i}" for i in range(payers)]
    out = []
    for i in range(spaces):
        chosen = rnd.sample(names, rnd.randint(1, min(4, payers)))
        weights = [rnd.randint(1, 9) for _ in chosen]
        total = sum(weights)
        shares = tuple((p, Fraction(w, total)) for p, w in zip(chosen, weights, strict=True))
        out.append(Space(f"S{i}", Decimal(rnd.randint(1, 500_000)) / 100, shares,
                         Decimal(rnd.randint(1, 12))))
    return Lease("楼", Decimal(12), (("rent", Decimal("20")), ("property_fee", Decimal("2.43"))),
                 tuple(out))


def ledger(records: int) -> Ledger:
    rnd = random.Random(2)
    lines = tuple(BudgetLine(f"L{i}", f"项目{i}", Decimal(10_000_000), ("302",)) for i in range(20))
    start = date(2022, 1, 1)
    recs = tuple(SpendingRecord(start + timedelta(days=rnd.randint(0, 364)),
                                Decimal(rnd.randint(1, 10_000_000)) / 100, f"收款人{rnd.randint(0, 500)}",
                                f"L{rnd.randint(0, 19)}", f"302{rnd.randint(10, 99)}")
                 for _ in range(records))
    return Ledger(FiscalYear(2022), lines, recs)


def main() -> None:
    big = lease(1_000, 10)
    print(f"apportion 7 spaces (Baoshan-sized) ........ {best_of(lambda: apportion(lease(7, 2))):.4f} s")
    print(f"apportion 1,000 spaces × 10 payers ........ {best_of(lambda: apportion(big)):.4f} s")
    book = ledger(100_000)
    print(f"audit ledger 100,000 records .............. {best_of(lambda: audit_ledger(book)):.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "l.csv"
        rows = ["日期,金额,收款人,预算项目,经济分类"]
        rows += [f"{r.date},{r.amount},{r.payee},{r.line},{r.classification}" for r in book.records]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        codes = {line.code for line in book.lines}
        print(f"import CSV 100,000 rows ................... "
              f"{best_of(lambda: read_records(path, codes)):.3f} s")
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["日期", "金额", "收款人", "预算项目", "经济分类"])
        for r in book.records[:10_000]:
            sheet.append([r.date, float(r.amount), r.payee, r.line, r.classification])
        xlsx = Path(tmp) / "l.xlsx"
        workbook.save(xlsx)
        print(f"import xlsx 10,000 rows ................... "
              f"{best_of(lambda: read_records(xlsx, codes)):.3f} s")


if __name__ == "__main__":
    main()
