"""`jixiao demo --projects N [--progress]`: the demo data plus a synthetic region of N
projects in the configured database (CONTRACTS.md §7), in bulk."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option("--projects", "n_projects", default=0, show_default=True,
              type=click.IntRange(0, 2_000_000), help="模拟项目数 / synthetic projects")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="显示进度条 / progress bars")
def demo(n_projects: int, progress: bool) -> None:
    """建库并载入演示数据和 N 个模拟项目 / demo data plus N synthetic projects."""
    from jixiao.cli.serve import _setup_django, prepare_demo

    _setup_django()
    from django.conf import settings

    from jixiao.services.demo import REFUSED_MESSAGE

    if getattr(settings, "PRODUCTION", False):
        click.echo(f"jixiao: {REFUSED_MESSAGE}", err=True)
        sys.exit(2)
    prepare_demo()
    from jixiao.cli.common import progress_reporter
    from jixiao.services.demo_region import demo_region

    with progress_reporter(progress) as report:
        made = demo_region(projects=n_projects, progress=report)
    click.echo(f"jixiao: 演示数据已就绪：新建 {made['projects']} 个模拟项目、"
               f"{made['transitions']} 条流程记录、{made['published']} 份公开报告；"
               f"{made['units']} 个预算单位、{made['departments']} 个主管部门；"
               "演示账号密码 jixiao-demo", err=True)
