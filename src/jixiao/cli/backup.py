"""`jixiao backup OUT` and `jixiao restore IN [--force] [--check]`: the database rows and
the evidence files, on SQLite or PostgreSQL (JIXIAO_DATABASE_URL), in one verified archive
(format in `jixiao.services.backup`; operations in docs/operations.md).

Exit codes: 0 done; 2 bad input (the output exists, the archive is damaged or from a newer
version, the database is not empty without --force, the database cannot be read)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from jixiao.cli.common import emit_json, input_errors_exit_2
from jixiao.cli.database import database_label, fail, setup_django

if TYPE_CHECKING:  # the CLI imports Django-side modules only when a command runs
    from jixiao.services.backup import BackupSummary


def _summary_line(verb: str, summary: BackupSummary) -> str:
    counts = summary.counts
    return (f"{verb}：{summary.path}（{summary.vendor}，项目 {counts.get('persistence.Project', 0)} 个，"
            f"账号 {counts.get('persistence.User', 0)} 个，审计日志 "
            f"{counts.get('persistence.AuditEvent', 0)} 条，佐证材料文件 {summary.evidence_files} 个）")


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档 / print one JSON document")
@input_errors_exit_2
def backup(out: Path, as_json: bool) -> None:
    """备份数据库与佐证材料文件到 OUT（.tar.gz）/ back up database and evidence files."""
    setup_django()
    from django.db import Error as DatabaseError

    from jixiao.services.backup import backup_write

    try:
        summary = backup_write(out)
    except DatabaseError as err:
        fail(f"无法读取数据库 {database_label()}：{str(err).strip()[:200]}")
        return
    if as_json:
        emit_json(summary.to_json())
    else:
        click.echo(_summary_line("已备份 / backed up", summary))


@click.command("restore")
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="覆盖非空数据库 / overwrite a database that has data")
@click.option("--check", is_flag=True, help="只校验备份，不恢复 / verify the archive only")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档 / print one JSON document")
@input_errors_exit_2
def restore(archive: Path, force: bool, check: bool, as_json: bool) -> None:
    """从备份恢复到配置的数据库（须为空库，或加 --force）/ restore a backup."""
    setup_django(must_exist=False)
    from django.core.management import call_command
    from django.db import Error as DatabaseError

    from jixiao.services.backup import backup_restore, backup_verify

    try:
        if check:
            summary = backup_verify(archive)
        else:
            call_command("migrate", interactive=False, verbosity=0)
            summary = backup_restore(archive, force=force)
    except DatabaseError as err:
        fail(f"无法使用数据库 {database_label()}：{str(err).strip()[:200]}")
        return
    if as_json:
        emit_json(summary.to_json())
    else:
        click.echo(_summary_line("备份完好 / archive verified" if check else "已恢复 / restored",
                                 summary))
