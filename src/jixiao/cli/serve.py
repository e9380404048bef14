"""`jixiao serve [--host] [--port] [--demo] [--workers N] [--task-workers M]`: serve the web
application with waitress (one process) or gunicorn (N processes), and start M task-queue
workers beside it (background jobs; docs/deploy.md).

`--demo` first creates or migrates the database (SQLite under var/ by default) and loads
the demo data (idempotent), as CONTRACTS.md §6 asks. Under production settings `--demo` is
refused (exit 2): the demo accounts' password is published.
"""

from __future__ import annotations

import os
import subprocess
import sys

import click


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as err:
        click.echo(f"jixiao: 配置错误 / configuration error: {err}", err=True)
        sys.exit(2)


def prepare_demo() -> dict[str, int]:
    """Migrate the database and load the demo data; return what was created."""
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        os.makedirs(os.path.dirname(str(db["NAME"])), exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    from jixiao.services.demo import demo_load

    return demo_load()


def _require_migrated() -> None:
    """Without --demo the database must already be up to date: say how, instead of failing
    on the first request."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import OperationalError

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except OperationalError as err:
        click.echo(f"jixiao: 无法连接数据库 / cannot reach the database: {err}", err=True)
        sys.exit(2)
    if pending:
        click.echo("jixiao: 数据库尚未建立或需要升级：请运行 `python -m jixiao.web.manage migrate`，"
                   "或用 `jixiao serve --demo` 建库并载入演示数据 / database not migrated", err=True)
        sys.exit(2)


def _fill_missing_results() -> None:
    """Store results for projects that have none (a database from before stored results):
    lists read only stored rows."""
    from jixiao.services.results import results_missing, results_rescore

    if results_missing():
        click.echo("jixiao: 正在计算各项目的存储结果（升级后首次启动）/ storing results…", err=True)
        done = results_rescore()
        click.echo(f"jixiao: 已存储 {done.projects} 个项目的结果", err=True)


def start_task_workers(count: int) -> list[subprocess.Popen[bytes]]:
    """Start `count` task-queue workers (`jixiao worker`) as child processes with this
    process's environment; `stop_task_workers` ends them."""
    if count <= 0:
        return []
    from django.conf import settings

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return []  # immediate mode: tasks run where they are queued
    return [subprocess.Popen([sys.executable, "-m", "jixiao", "worker"])
            for _ in range(count)]


def stop_task_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for process in workers:
        if process.poll() is None:
            process.terminate()
    for process in workers:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    """Serve with gunicorn: `workers` processes of `threads` threads each (gthread)."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from jixiao.web.wsgi import application, warm_up

    warm_up()  # once here, inherited by every forked worker
    connections.close_all()  # no connection may be shared by forked workers

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {"bind": f"{host}:{port}", "workers": workers,
                               "worker_class": "gthread", "threads": threads,
                               "timeout": 300, "graceful_timeout": 20, "keepalive": 5,
                               "accesslog": None, "errorlog": "-", "loglevel": "warning",
                               "proc_name": "jixiao"}.items():
                self.cfg.set(key, value)

        def load(self) -> object:
            return application

    _App().run()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址 / listen address")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="端口 / port")
@click.option("--demo", is_flag=True, help="建库并载入演示数据 / migrate and load demo data")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="每个进程的工作线程数 / threads per process")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="应用进程数；大于 1 时用 gunicorn / app processes (gunicorn when > 1)")
@click.option("--task-workers", default=1, show_default=True, type=click.IntRange(0, 32),
              help="同时启动的后台任务进程数（0：另行运行 jixiao worker）/ task workers to start")
def serve(host: str, port: int, demo: bool, threads: int, workers: int,
          task_workers: int) -> None:
    """启动网页应用 / serve the web application (waitress; gunicorn with --workers N)."""
    if "JIXIAO_ALLOWED_HOSTS" not in os.environ and host not in ("127.0.0.1", "localhost", "0.0.0.0"):
        # Serving on a named interface: accept requests addressed to it.
        os.environ["JIXIAO_ALLOWED_HOSTS"] = f"127.0.0.1,localhost,{host}"
    _setup_django()
    if demo:
        from django.conf import settings

        if getattr(settings, "PRODUCTION", False):
            from jixiao.services.demo import REFUSED_MESSAGE

            click.echo(f"jixiao: {REFUSED_MESSAGE}", err=True)
            sys.exit(2)
        created = prepare_demo()
        click.echo(f"jixiao: 演示数据已就绪（新建 {created['accounts']} 个账号、"
                   f"{created['projects']} 个项目）；演示账号密码 jixiao-demo", err=True)
    else:
        _require_migrated()
    _fill_missing_results()
    click.echo(f"jixiao: http://{host}:{port}/ （Ctrl+C 退出）", err=True)
    task_processes = start_task_workers(task_workers)
    try:
        if workers > 1:
            run_gunicorn(host, port, workers, threads)
        else:
            from waitress import serve as waitress_serve

            from jixiao.web.wsgi import application

            waitress_serve(application, host=host, port=port, threads=threads, ident="jixiao")
    finally:
        stop_task_workers(task_processes)
