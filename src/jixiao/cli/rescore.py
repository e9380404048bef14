"""`jixiao rescore [--year Y] [--ruleset R] [--jobs N] [--progress]`: re-score stored
evaluations in bulk (after a rule change) and store their results."""

from __future__ import annotations

import os
import sys

import click


@click.command()
@click.option("--year", type=click.IntRange(1990, 2200), help="只处理该年度 / one fiscal year")
@click.option("--ruleset", help="只处理使用该规则集的自评 / one rule set's evaluations")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="并行进程数（默认为 CPU 核数）/ processes (default: one per CPU core)")
@click.option("--progress/--no-progress", default=False, show_default=True,
              help="显示进度条 / progress bar")
def rescore(year: int | None, ruleset: str | None, jobs: int | None, progress: bool) -> None:
    """重新计分并存储结果 / re-score stored evaluations and store the results."""
    from jixiao.cli.serve import _require_migrated, _setup_django

    _setup_django()
    _require_migrated()
    from jixiao.cli.common import progress_reporter
    from jixiao.domain.rulesets import RULESETS
    from jixiao.services.results import results_rescore

    if ruleset is not None and ruleset not in RULESETS:
        click.echo(f"jixiao: 未知的规则集 {ruleset!r}（可用：{'、'.join(sorted(RULESETS))}）",
                   err=True)
        sys.exit(2)
    with progress_reporter(progress) as report:
        done = results_rescore(year=year, ruleset=ruleset, jobs=jobs or os.cpu_count() or 1,
                               progress=lambda d, t: report("results", d, t))
    click.echo(f"jixiao: 已重新计分 {done.projects} 个项目（其中 {done.unscorable} 个数据不完整），"
               f"用时 {done.seconds:.1f} 秒（{done.processes} 个进程）", err=True)
