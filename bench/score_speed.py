"""Benchmark: score synthetic evaluations and print indicators per second and peak memory.

    .venv/bin/python bench/score_speed.py [--projects 100000] [--indicators 15]

The evaluations are built first (not timed); then every one is scored through the full
path (`score_evaluation`: rule lookup, every check, category subtotals, grade). Explanations
are lazy and not built. A bare loop of the same Decimal arithmetic is timed for comparison.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from decimal import ROUND_HALF_UP, Decimal

from jixiao.domain.evaluation import Evaluation, FundRow, Funds, Project
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.scoring import score_evaluation

CATEGORIES = (("产出指标", "数量指标", 50), ("效益指标", "社会效益指标", 30),
              ("满意度指标", "服务对象满意度指标", 10))
OPS = (Operator.GE, Operator.GE, Operator.EQ, Operator.LE, Operator.GT)


def synthetic(n_projects: int, n_indicators: int, seed: int = 2022,
              mix: str = "mixed") -> list[Evaluation]:
    """Evaluations whose weights follow national-2020. `mix`: ``mixed`` (15 % of indicators
    short of target, 5 % over 130 %, budgets executed 60–105 %) or ``met`` (every target met)."""
    rng = random.Random(seed)
    short, over = (0.15, 0.95) if mix == "mixed" else (-1.0, 2.0)
    out = []
    for p in range(n_projects):
        indicators = []
        # Split each category's weight over its indicators so the weights check passes.
        per_cat = [n_indicators - 2 * (n_indicators // 3), n_indicators // 3, n_indicators // 3]
        for (cat, sub, weight), count in zip(CATEGORIES, per_cat, strict=True):
            w = Decimal(weight) / count
            for i in range(count):
                target = Decimal(rng.randint(1, 10000))
                # A realistic mix: most indicators met (as published self-evaluations show),
                # 15 % short of target (two thirds of them explained), 5 % over 130 %.
                roll = rng.random()
                pct = (rng.randint(50, 99) if roll < short else rng.randint(131, 160)
                       if roll > over else 100)
                actual = target * Decimal(pct) / 100
                indicators.append(Indicator(cat, sub, f"指标{i}", OPS[(p + i) % 5], target,
                                            w, actual.quantize(Decimal("0.01")),
                                            deviation_reason="" if i % 3 else "原因"))
        budget = Decimal(rng.randint(10_000, 10_000_000))
        executed = (budget * Decimal(rng.randint(60, 105)) / 100).quantize(Decimal("0.01"))
        out.append(Evaluation(Project(f"项目{p}", "部门", "单位", 2022),
                              Funds(FundRow(budget, budget, executed)), tuple(indicators)))
    return out


def bare_loop(evaluations: list[Evaluation]) -> int:
    cent = Decimal("0.01")
    n = 0
    for ev in evaluations:
        for ind in ev.indicators:
            a, b, w = ind.target, ind.actual, ind.weight
            _ = w if b >= a else (b * w / a).quantize(cent, ROUND_HALF_UP)  # type: ignore[operator]
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--indicators", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mix", choices=("mixed", "met"), default="mixed",
                        help="mixed: some targets missed or far exceeded; met: all targets met")
    args = parser.parse_args()
    t0 = time.process_time()
    evaluations = synthetic(args.projects, args.indicators, mix=args.mix)
    build = time.process_time() - t0
    n = args.projects * args.indicators

    # CPU time of this process, best of `--repeat` runs: the machine is shared with other
    # work, and the minimum is the least disturbed.
    bare = full = float("inf")
    findings = 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        bare_loop(evaluations)
        bare = min(bare, time.process_time() - t0)
        t0 = time.process_time()
        findings = 0
        for ev in evaluations:
            findings += len(score_evaluation(ev).findings)
        full = min(full, time.process_time() - t0)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"projects {args.projects:,} x {args.indicators} indicators = {n:,} indicators, "
          f"mix {args.mix} (built in {build:.1f} s)")
    print(f"bare Decimal loop : {n / bare:12,.0f} indicators/s")
    print(f"full scoring path : {n / full:12,.0f} indicators/s "
          f"({args.projects / full:,.0f} projects/s, {findings:,} findings)")
    print(f"full / bare       : {bare / full:.1%}")
    print(f"peak memory (RSS) : {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
