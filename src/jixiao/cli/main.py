"""The `jixiao` command group. Commands are registered lazily so that file-in/file-out
commands start fast and never configure Django."""

from __future__ import annotations

import importlib
from typing import Any

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
    "opendata": "jixiao.cli.opendata:opendata",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: Any = getattr(importlib.import_module(module_name), attr)
        return command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jixiao")
def cli() -> None:
    """jixiao 绩效: 项目支出绩效自评的计分、核查、文书与监控。"""


def main() -> None:
    """Console-script entry point."""
    # click's usage errors already exit with code 2, as CONTRACTS.md §1 asks.
    cli(prog_name="jixiao")
