"""Read YAML or JSON into plain Python values *with line numbers*, never through float.

`load_document(text, source)` returns the data and a `LineMap` that answers "on which
line is `indicators[2].weight`?", so that every input error can name the file, the line
and the field. YAML floats become exact `Decimal`s (CONTRACTS.md: numbers are read as
exact decimals).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.errors import InputError

__all__ = ["LineMap", "load_document", "read_text_file"]


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader whose floats are exact Decimals."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(
            f"数值 {node.value!r} 不是有限数字 / not a finite number",
            line=node.start_mark.line + 1,
        )
    return value


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


@dataclass
class LineMap:
    """Field path → 1-based line. Paths look like ``funds.total.executed``, ``indicators[2]``."""

    lines: dict[str, int] = field(default_factory=dict)

    def line(self, path: str) -> int | None:
        """The line of `path`, or of its nearest recorded parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("")


def read_text_file(path: str | Path) -> str:
    """Read a UTF-8 text file; binary or undecodable files get a plain error."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在 / file not found", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是文件 / is a directory", file=str(path)) from None
    except OSError as err:
        raise InputError(f"无法读取文件 / cannot read: {err.strerror}", file=str(path)) from None
    if b"\x00" in raw[:8192]:
        raise InputError("不是文本文件（看起来是二进制文件）/ binary file", file=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            "不是 UTF-8 编码的文本 / not UTF-8 text", file=str(path), line=line
        ) from None


def load_document(text: str, source: str) -> tuple[Any, LineMap]:
    """Parse YAML (or JSON, a subset) text; return ``(data, line_map)``.

    Raises:
        InputError: empty document, or a syntax error with its line.
    """
    if not text.strip():
        raise InputError("文件为空 / the file is empty", file=source)
    if source.lower().endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(
                f"JSON 语法错误：{err.msg} / JSON syntax error", file=source, line=err.lineno
            ) from None
    loader = _DecimalLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("文件为空 / the file is empty", file=source)
        lines = LineMap()
        data = _convert(loader, node, "", lines)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or err.context or "语法错误"
        raise InputError(f"YAML 语法错误：{problem} / YAML syntax error", file=source,
                         line=line) from None
    except yaml.YAMLError as err:
        raise InputError(f"YAML 语法错误 / YAML syntax error: {err}", file=source) from None
    except InputError as err:
        raise InputError(err.message, file=source, line=err.line, field=err.field) from None
    finally:
        loader.dispose()
    return data, lines


def _convert(loader: _DecimalLoader, node: yaml.Node, path: str, lines: LineMap) -> Any:
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            child = f"{path}.{key}" if path else key
            lines.lines[child] = key_node.start_mark.line + 1
            out[key] = _convert(loader, value_node, child, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(loader, item, f"{path}[{i}]", lines) for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
