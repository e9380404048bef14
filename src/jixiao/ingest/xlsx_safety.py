"""Refuse an .xlsx (a zip of XML files) that would cost too much to open, *before* any
spreadsheet library parses it.

A 68 KB upload can hold a worksheet of two million repeated cells (hundreds of MB and many
seconds once parsed): a zip bomb. The zip's central directory states every member's
uncompressed size; Python's `zipfile` never returns more than that stated size for a member
(a member that inflates further fails its CRC check), so checking the stated sizes bounds
what any reader built on `zipfile` (openpyxl, `jixiao.ingest.xlsx_cells`) can be made to
read. Used by every xlsx the web accepts: the 自评表 entry template and the spending ledger.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO

from jixiao.domain.errors import InputError

#: Limits for the whole archive and its members. A filled 自评表 template is about 40 KB
#: uncompressed and a ledger of 20 000 payments about 5 MB: these leave ample room.
MAX_MEMBERS = 40
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_MEMBER_BYTES = 10 * 1024 * 1024

INVALID = "不是有效的 Excel（.xlsx）文件"


def open_xlsx(file: bytes | str | Path, source: str = "上传的文件", *,
              max_member_bytes: int = MAX_MEMBER_BYTES,
              max_total_bytes: int = MAX_TOTAL_BYTES) -> zipfile.ZipFile:
    """The archive of a spreadsheet, after its member list and sizes were checked (a caller
    that expects small files, like the entry template, passes lower limits).

    Raises:
        InputError: not a zip archive, encrypted, an unknown compression method, too many
            members, or too large once uncompressed.
    """
    stream: IO[bytes] | str | Path = io.BytesIO(file) if isinstance(file, bytes) else file
    try:
        archive = zipfile.ZipFile(stream)
    except FileNotFoundError:
        raise InputError("文件不存在 / file not found", file=source) from None
    except Exception as err:  # BadZipFile, OSError, ValueError, …: all mean "not an xlsx"
        raise InputError(f"{INVALID}：无法作为 zip 压缩包打开（{type(err).__name__}）",
                         file=source) from None
    try:
        _check(archive.infolist(), source, max_member_bytes, max_total_bytes)
    except InputError:
        archive.close()
        raise
    return archive


def check_xlsx_archive(file: bytes | str | Path, source: str = "上传的文件") -> None:
    """Check an .xlsx file's member list and uncompressed sizes (see `open_xlsx`)."""
    open_xlsx(file, source).close()


def _check(members: list[zipfile.ZipInfo], source: str, max_member: int, max_total: int) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{INVALID}：压缩包内有 {len(members)} 个文件（最多 {MAX_MEMBERS} 个）",
                         file=source)
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise InputError(f"{INVALID}：文件已加密，请取消密码后再上传", file=source)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"{INVALID}：不支持的压缩方式", file=source)
        if info.file_size > max_member:
            raise InputError(
                f"{INVALID}或内容过大：{info.filename} 解压后 {_mb(info.file_size)} MB"
                f"（单个部件最多 {_mb(max_member)} MB）", file=source)
        total += info.file_size
    if total > max_total:
        raise InputError(f"{INVALID}或内容过大：解压后共 {_mb(total)} MB"
                         f"（最多 {_mb(max_total)} MB）", file=source)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")
