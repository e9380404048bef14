"""The safety layer under every file reader: what a hostile input may cost, at most.

Each reader of outside input (YAML/JSON documents, xlsx workbooks, docx/pdf/html/text
reports, CSV ledgers) goes through these few functions, so that a small hostile file is
answered with an `InputError` (exit 2 in the CLI, a Chinese form error on the web) within
about a second and a bounded amount of memory:

- `read_regular_file(path, max_bytes=…)` — only regular files: a FIFO, a device or a
  directory is refused at once (opening a FIFO would block forever), and a file larger
  than the limit is refused before it is read.
- `open_zip(data, source, limits)` — a zip archive (xlsx, docx) whose member list and
  stated uncompressed sizes are checked before anything is inflated. `zipfile` never
  returns more than a member's stated size, so the check bounds every later read.
- `iter_xml(stream, source)` — streamed XML parsing through `defusedxml`: a document type
  declaration (DTD) in any encoding is refused, so entity expansion ("billion laughs")
  cannot happen; the stream is read in slices, never inflated whole.
- `Deadline(seconds, source)` — a time budget that long loops check (`.check()`).
- `shown(value)` (from `jixiao.domain.errors`) — values quoted in messages are cut.

Limits are module constants, named by what they bound; callers pass tighter ones.
"""

from __future__ import annotations

import io
import os
import stat
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jixiao.domain.errors import InputError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_REPORT_BYTES",
    "XML_LIMITS",
    "Deadline",
    "ZipLimits",
    "check_xml_members",
    "iter_xml",
    "open_zip",
    "read_regular_file",
]

#: A YAML/JSON evaluation, lease or monitoring file. The largest real one is about 10 KB;
#: 256 KB is 25 times that. YAML costs about 1 s per 200 KB to parse even with libyaml
#: (node objects and tag resolution are Python), so the limit is what keeps the time goal.
MAX_DOCUMENT_BYTES = 256 * 1024
#: A report for the figure audit (docx/pdf/html/text/xlsx) as stored on disk.
MAX_REPORT_BYTES = 64 * 1024 * 1024
#: Seconds one report may take to extract before it is given up.
REPORT_SECONDS = 20.0


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a zip archive (xlsx, docx) may hold, by its central directory."""

    members: int = 200
    member_bytes: int = 20 * 1024 * 1024
    total_bytes: int = 60 * 1024 * 1024


#: Office files: a 100-page report's document.xml is about 2 MB, images a few MB each.
XML_LIMITS = ZipLimits()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "这是一个目录 / is a directory"
    if stat.S_ISFIFO(mode):
        return "这是一个管道（FIFO），不是普通文件 / is a FIFO, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件 / is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件 / is a socket, not a regular file"
    return "不是普通文件 / not a regular file"


def read_regular_file(path: str | Path, *, max_bytes: int, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most `max_bytes`.

    The file is opened without blocking (a FIFO with no writer would otherwise hang the
    process) and checked with `fstat` on the open descriptor, so a file swapped for a
    FIFO between a check and the read is still refused.

    Raises:
        InputError: missing, not a regular file, too large, or unreadable.
    """
    name = str(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("文件不存在 / file not found", file=name) from None
    except IsADirectoryError:
        raise InputError(_kind(stat.S_IFDIR), file=name) from None
    except OSError as err:
        raise InputError(f"无法读取文件 / cannot read: {err.strerror or err}", file=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_kind(info.st_mode), file=name)
        if info.st_size > max_bytes:
            raise InputError(f"{what}过大：{_mb(info.st_size)}（最多 {_mb(max_bytes)}）"
                             f" / file too large", file=name)
        chunks: list[bytes] = []
        size = 0
        while True:  # read to the end, but never more than the limit (the file may grow)
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"{what}过大（最多 {_mb(max_bytes)}）/ file too large",
                                 file=name)
        return b"".join(chunks)
    except OSError as err:
        raise InputError(f"无法读取文件 / cannot read: {err.strerror or err}", file=name) from None
    finally:
        os.close(fd)


def _mb(size: int) -> str:
    """A size for a message, with its unit: "3 MB", "20.5 MB", "256 KB"."""
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def open_zip(data: bytes | str | Path, source: str, limits: ZipLimits = XML_LIMITS, *,
             invalid: str = "不是有效的 Office 文件") -> zipfile.ZipFile:
    """A zip archive whose member count and stated sizes are within `limits`.

    `invalid` starts every message ("不是有效的 Excel（.xlsx）文件" for workbooks).

    Raises:
        InputError: not a zip archive, encrypted, an unknown compression method, too many
            members, or too large once uncompressed.
    """
    stream: IO[bytes] | str | Path = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        archive = zipfile.ZipFile(stream)
    except FileNotFoundError:
        raise InputError("文件不存在 / file not found", file=source) from None
    except Exception as err:  # BadZipFile, OSError, ValueError, …: all mean "not a zip"
        raise InputError(f"{invalid}：无法作为 zip 压缩包打开（{type(err).__name__}）",
                         file=source) from None
    try:
        _check_members(archive.infolist(), source, limits, invalid)
    except InputError:
        archive.close()
        raise
    return archive


def _check_members(members: list[zipfile.ZipInfo], source: str, limits: ZipLimits,
                   invalid: str) -> None:
    if len(members) > limits.members:
        raise InputError(f"{invalid}：压缩包内有 {len(members)} 个文件（最多 {limits.members} 个）",
                         file=source)
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise InputError(f"{invalid}：文件已加密，请取消密码后再上传", file=source)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{invalid}：不支持的压缩方式", file=source)
        if info.file_size > limits.member_bytes:
            raise InputError(
                f"{invalid}或内容过大：{info.filename[:100]} 解压后 {_mb(info.file_size)}"
                f"（单个部件最多 {_mb(limits.member_bytes)}）", file=source)
        total += info.file_size
    if total > limits.total_bytes:
        raise InputError(f"{invalid}或内容过大：解压后共 {_mb(total)}"
                         f"（最多 {_mb(limits.total_bytes)}）", file=source)


def iter_xml(stream: IO[bytes] | bytes, source: str, member: str = "",
             events: tuple[str, ...] = ("end",), *, invalid: str = "文件无法读取"
             ) -> Iterator[tuple[str, Any]]:
    """Stream ``(event, element)`` pairs of an XML document through `defusedxml`.

    The caller clears elements it has used. `invalid` starts every message. A DTD (in
    any encoding: the check is the parser's, not a byte search) raises `InputError`; so
    does malformed XML.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    where = f"{member} " if member else ""
    try:
        yield from iterparse(stream, events=events, forbid_dtd=True)
    except DefusedXmlException:
        raise InputError(f"{invalid}：{where}含有不允许的 DTD 或实体声明"
                         " / DTD and entities are not allowed",
                         file=source) from None
    except ParseError as err:
        raise InputError(f"{invalid}：{where}不是有效的 XML（{str(err)[:80]}）/ malformed XML",
                         file=source) from None


def check_xml_members(archive: zipfile.ZipFile, source: str, deadline: Deadline | None = None,
                      *, invalid: str = "文件无法读取") -> None:
    """Parse every XML part of an archive once (streamed, through `iter_xml`), so that a
    library that parses them afterwards (python-docx) never meets a DTD or broken XML."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as member:
            for _, element in iter_xml(member, source, info.filename, invalid=invalid):
                element.clear()
                if deadline is not None:
                    deadline.check()


class Deadline:
    """A time budget for reading one input; `check()` raises `InputError` once it is spent."""

    def __init__(self, seconds: float, source: str) -> None:
        self.seconds = seconds
        self.source = source
        self.end = time.monotonic() + seconds
        self._calls = 0

    def check(self) -> None:
        """Raise `InputError` when the budget is spent (cheap: reads the clock every 256th call)."""
        self._calls += 1
        if self._calls & 0xFF == 0 and time.monotonic() > self.end:
            raise InputError(f"文件处理超时（超过 {self.seconds:g} 秒），内容过于复杂"
                             f" / gave up after {self.seconds:g} s", file=self.source)

    def check_now(self) -> None:
        """Like `check`, but reads the clock every time (between expensive steps)."""
        self._calls = 0xFF
        self.check()
