"""`jixiao worker`: run background jobs from the task queue (django-tasks, database backend)
until stopped. Start as many as the machine has cores to spare, on any machine that reaches
the database (docs/deploy.md)."""

from __future__ import annotations

import click


@click.command()
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.1, 60),
              help="空闲时查询新任务的间隔（秒）/ poll interval when idle")
@click.option("--batch", is_flag=True, help="处理完现有任务后退出 / exit when the queue is empty")
def worker(interval: float, batch: bool) -> None:
    """运行后台任务 / run background jobs from the queue."""
    from jixiao.cli.serve import _require_migrated, _setup_django

    _setup_django()
    _require_migrated()
    from django.core.management import call_command

    args = ["--interval", str(interval), "--no-startup-delay", "--no-reload"]
    if batch:
        args.append("--batch")
    call_command("db_worker", *args)
