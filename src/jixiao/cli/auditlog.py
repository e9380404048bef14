"""`jixiao auditlog verify [--json]` (CONTRACTS.md §7): check the audit log's hash chain
in the configured database. Exit 0 intact; 1 an entry was altered, deleted or inserted
out of order (the first broken entry is named); 2 the database cannot be read."""

from __future__ import annotations

import sys

import click

from jixiao.cli.common import EXIT_CLEAN, EXIT_FINDINGS, emit_json
from jixiao.cli.database import database_label, fail, setup_django


@click.group("auditlog")
def auditlog() -> None:
    """审计日志 / the audit log."""


@auditlog.command("verify")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 文档 / print one JSON document")
def verify(as_json: bool) -> None:
    """校验审计日志的哈希链 / verify the audit log's hash chain."""
    setup_django()
    from django.db import Error as DatabaseError

    from jixiao.services.audit import audit_verify

    try:
        report = audit_verify()
    except DatabaseError as err:
        fail(f"无法读取数据库 {database_label()}：{str(err).strip()[:200]}"
             " / cannot read the database")
        return
    if as_json:
        emit_json(report.to_json())
    elif report.broken is None:
        click.echo(f"审计日志完整：{report.entries} 条，链尾哈希 {report.head_sha256}"
                   f" / audit log intact: {report.entries} entries")
    else:
        b = report.broken
        where = f"第 {b['seq']} 条（id {b['id']}）" if b["id"] is not None else "链尾"
        click.echo(f"审计日志被篡改：{where}：{b['reason']} / audit log broken at entry "
                   f"seq={b['seq']} id={b['id']}")
    sys.exit(EXIT_CLEAN if report.broken is None else EXIT_FINDINGS)
