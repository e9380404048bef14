"""`jixiao evidence orphans [--apply] [--grace-seconds N] [--json]`: compare the evidence
folder with the database. Dry run by default (nothing changes). Exit 0 when everything
matches (or was put right with --apply), 1 when something is (still) out of place, 2 when
the database cannot be read."""

from __future__ import annotations

import sys

import click

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, emit_json
from jixiao.cli.database import database_label, fail, setup_django


@click.group("evidence")
def evidence() -> None:
    """佐证材料文件 / evidence files."""


@evidence.command("orphans")
@click.option("--apply", is_flag=True, help="删除孤立文件并补完已提交的移动 / remove and repair")
@click.option("--grace-seconds", type=click.FloatRange(min=0), default=600, show_default=True,
              help="更新的待提交文件视为上传中，不动 / younger incoming files are left alone")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档 / print one JSON document")
def orphans(apply: bool, grace_seconds: float, as_json: bool) -> None:
    """查找（--apply 时清除）没有数据库记录的佐证材料文件 / find (remove) orphan files."""
    setup_django()
    from django.db import Error as DatabaseError

    from jixiao.services.evidence import evidence_orphans

    try:
        report = evidence_orphans(apply=apply, grace_seconds=grace_seconds)
    except DatabaseError as err:
        fail(f"无法读取数据库 {database_label()}：{str(err).strip()[:200]}")
        return
    if as_json:
        emit_json(report.to_json())
    else:
        verb = "已删除" if apply else "待删除（加 --apply 执行）"
        click.echo(f"孤立文件 {len(report.orphans)} 个，{verb}；已提交但未归位 "
                   f"{len(report.completed)} 个{'，已归位' if apply else ''}；上传中（宽限期内）"
                   f"{len(report.recent)} 个；记录存在但文件缺失 {len(report.missing)} 个")
        for name in report.missing:
            click.echo(f"  文件缺失 / missing: {name}")
    unresolved = report.missing or (not apply and (report.orphans or report.completed))
    sys.exit(EXIT_FINDINGS if unresolved else EXIT_CLEAN)
