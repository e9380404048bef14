"""The `jixiao` command group. Commands are registered lazily so that file-in/file-out
commands start fast and never configure Django."""

from __future__ import annotations

import importlib

import click

from jixiao import __version__

# command name -> "module:attribute"; each module holds one click command.
COMMANDS: dict[str, str] = {
    "score": "jixiao.cli.score:score",
    "serve": "jixiao.cli.serve:serve",
    "apportion": "jixiao.cli.apportion:apportion_command",
    "render": "jixiao.cli.render:render",
    "monitor": "jixiao.cli.monitor:monitor_command",
    "audit": "jixiao.cli.audit:audit",
    "demo": "jixiao.cli.demo:demo",
    "rescore": "jixiao.cli.rescore:rescore",
    "worker": "jixiao.cli.worker:worker",
    "opendata": "jixiao.cli.opendata:opendata",
    "auditlog": "jixiao.cli.auditlog:auditlog",
    "evidence": "jixiao.cli.evidence:evidence",
    "backup": "jixiao.cli.backup:backup",
    "restore": "jixiao.cli.backup:restore",
}


# command name -> one-line help shown by `jixiao --help` without importing the command
# (commands missing here are imported to read their docstring, as before).
SHORT_HELP: dict[str, str] = {
    "score": "计分：项目支出绩效自评（Score an evaluation）",
    "serve": "启动网页服务（Serve the web application）",
    "apportion": "分摊：房租物业费按面积分摊（Apportion shared costs）",
    "render": "生成自评表、自评报告与运行监控表（Render documents）",
    "monitor": "运行监控：执行进度与序时进度、指标完成可能性（In-year monitoring）",
    "audit": "核查已发布报告中的数字（Audit the figures of published reports）",
    "demo": "演示数据与 N 个模拟项目（Demo data and a synthetic region）",
    "rescore": "批量重新计分并存储结果（Re-score stored evaluations）",
    "worker": "运行后台任务（Run background jobs from the queue）",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of `jixiao --help`, without importing every command (start-up)."""
        rows = []
        for name in self.list_commands(ctx):
            text = SHORT_HELP.get(name)
            if text is None:
                cmd = self.get_command(ctx, name)
                if cmd is None or cmd.hidden:
                    continue
                text = cmd.get_short_help_str(limit=formatter.width - 6 - len(name))
            rows.append((name, text))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command), target  # COMMANDS names click commands
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
def cli() -> None:
    """jixiao 绩效: 项目支出绩效自评的计分、核查、文书与监控。"""


def main() -> None:
    """Console-script entry point."""
    # click's usage errors already exit with code 2, as CONTRACTS.md §1 asks.
    cli(prog_name="jixiao")
