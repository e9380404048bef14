"""Shared CLI plumbing: exit codes, JSON output, and turning bad input into a message.

Exit codes (CONTRACTS.md §1): 0 clean, 1 findings of severity error, 2 usage/input error.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import click

from jixiao.domain.errors import InputError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


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


def input_errors_exit_2(func: F) -> F:
    """Decorator: an `InputError` (or unreadable file) becomes a message and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
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

    return wrapper  # type: ignore[return-value]
