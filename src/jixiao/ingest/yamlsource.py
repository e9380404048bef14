"""Read YAML or JSON into plain Python values *with line numbers*, never through float.

`load_document(text, source)` returns the data and a `LineMap` that answers "on which
line is `indicators[2].weight`?", so that every input error can name the file, the line
and the field. YAML floats become exact `Decimal`s (CONTRACTS.md: numbers are read as
exact decimals).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from jixiao.domain.errors import InputError, shown
from jixiao.domain.money import D, NumberFormatError
from jixiao.ingest.guarded import MAX_DOCUMENT_BYTES, read_regular_file

__all__ = ["LineMap", "load_document", "read_text_file"]


# libyaml (the C parser) when PyYAML was built with it: the pure-Python parser takes about
# 4 s per MB, libyaml a tenth of that. Both give the same nodes and marks.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DecimalLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader whose floats are exact Decimals."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return D(text)
    except NumberFormatError as err:
        raise InputError(str(err), line=node.start_mark.line + 1) from None


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


def read_text_file(path: str | Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a UTF-8 text file (a regular file of at most `max_bytes`); binary or
    undecodable files, FIFOs, devices and oversized files get a plain error."""
    raw = read_regular_file(path, max_bytes=max_bytes)
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
    if len(text) > MAX_DOCUMENT_BYTES:  # text typed or pasted into a form: the file limit
        raise InputError(f"内容过长（{len(text)} 个字符，最多 {MAX_DOCUMENT_BYTES} 个）"
                         " / document too large", file=source)
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
        data = _convert(loader, node, "", lines, set())
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = err.problem or err.context or "语法错误"
        if "nesting depth" in problem:  # libyaml's own limit
            problem = "嵌套层次过深 / nesting too deep"
        raise InputError(f"YAML 语法错误：{problem} / YAML syntax error", file=source,
                         line=line) from None
    except yaml.YAMLError as err:
        raise InputError(f"YAML 语法错误 / YAML syntax error: {err}", file=source) from None
    except RecursionError:
        raise InputError("嵌套层次过深，不是有效的评价或分摊文件 / nesting too deep",
                         file=source) from None
    except InputError as err:
        raise InputError(err.message, file=source, line=err.line, field=err.field) from None
    finally:
        loader.dispose()
    return data, lines


def _convert(
    loader: _DecimalLoader, node: yaml.Node, path: str, lines: LineMap, seen: set[int]
) -> Any:
    """Turn a composed node into plain values, recording each field path's line.

    Refused on the way: aliases (a node reached twice — anchors are not part of the formats,
    and expanding them is how "billion laughs" documents explode), duplicate keys (the last
    would silently win), keys that are not text, and scalars PyYAML cannot construct (an
    impossible date, an integer of thousands of digits).
    """
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise InputError("不支持 YAML 锚点和别名（&/*），请直接写出内容 / anchors and aliases are "
                         "not supported", line=line, field=path or None)
    seen.add(id(node))
    lines.lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                raise InputError("键必须是文字 / keys must be text", line=key_line,
                                 field=path or None)
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in out:
                raise InputError(f"重复的键 {shown(key)}（第 {lines.lines[child]} 行已出现）/ duplicate key",
                                 line=key_line, field=child)
            lines.lines[child] = key_line
            out[key] = _convert(loader, value_node, child, lines, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(loader, item, f"{path}[{i}]", lines, seen) for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except InputError:
        raise
    except (ValueError, OverflowError) as err:
        raise InputError(f"无法读取的值 {shown(node.value)}：{_why(err)}", line=line,
                         field=path or None) from None


def _why(err: Exception) -> str:
    text = str(err)
    if "day is out of range" in text or "month must be" in text:
        return "不是有效的日期 / not a valid date"
    if "Exceeds the limit" in text:
        return "数字位数过多 / too many digits"
    return text
