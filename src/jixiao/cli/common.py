"""Shared CLI plumbing: exit codes, JSON output, and turning bad input into a message.

Exit codes (CONTRACTS.md §1): 0 clean, 1 findings of severity error, 2 usage/input error.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

import click

from jixiao.domain.errors import InputError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

P = ParamSpec("P")
R = TypeVar("R")


def _default(obj: object) -> object:
    # Decimals are printed as exact strings, never floats (CONTRACTS.md: "All decimal
    # numbers in JSON output are strings").
    if isinstance(obj, Decimal):
        return str(obj)
    if hasattr(obj, "to_json"):
        return obj.to_json()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def emit_json(document: object) -> None:
    """Print exactly one JSON document on stdout (UTF-8, Chinese unescaped)."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=_default))


def input_errors_exit_2(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator: an `InputError` (or unreadable file) becomes a message and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as err:
            click.echo(f"jixiao: 错误 / error: {err}", err=True)
            sys.exit(EXIT_INPUT)
        except OSError as err:
            name = getattr(err, "filename", None) or ""
            click.echo(f"jixiao: 无法读取或写入文件 {name}：{err.strerror or err}", err=True)
            sys.exit(EXIT_INPUT)
        except (RecursionError, MemoryError, ArithmeticError, ValueError) as err:
            # Input so malformed that it reached code which trusted it: still the input's
            # fault from the user's point of view, and a traceback is never a message.
            # JIXIAO_DEBUG=1 shows the traceback for developers.
            if os.environ.get("JIXIAO_DEBUG"):
                raise
            click.echo(f"jixiao: 错误 / error: 无法处理该输入（{type(err).__name__}: {err}）", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper


#: Progress stages reported by services (`progress(stage, done, total)`) and their labels.
STAGE_LABELS = {"projects": "写入模拟项目 / projects", "results": "计分并存储结果 / results",
                "render": "生成文书 / render", "audit": "数字核查 / audit",
                "import": "导入 / import", "publish": "公开 / publish"}


@contextlib.contextmanager
def progress_reporter(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A `progress(stage, done, total)` callback drawing one click progress bar per stage on
    stderr (each bar closes when the next stage starts); silent when not `enabled`."""
    open_bars: dict[str, Any] = {}
    shown: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        if not enabled:
            return
        if stage not in open_bars:
            for other in list(open_bars):
                open_bars.pop(other).__exit__(None, None, None)
            bar = click.progressbar(length=max(total, 1), label=STAGE_LABELS.get(stage, stage),
                                    file=sys.stderr, show_pos=True)
            open_bars[stage] = bar.__enter__()
            shown[stage] = 0
        open_bars[stage].update(done - shown[stage])
        shown[stage] = done

    try:
        yield report
    finally:
        for bar in open_bars.values():
            bar.__exit__(None, None, None)
