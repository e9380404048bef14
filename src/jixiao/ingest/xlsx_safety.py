"""Refuse an .xlsx (a zip of XML files) that would cost too much to open, *before* any
spreadsheet library parses it.

A 68 KB upload can hold a worksheet of two million repeated cells (hundreds of MB and many
seconds once parsed): a zip bomb. The zip's central directory states every member's
uncompressed size; Python's `zipfile` never returns more than that stated size for a member
(a member that inflates further fails its CRC check), so checking the stated sizes bounds
what any reader built on `zipfile` (openpyxl, `jixiao.ingest.xlsx_cells`) can be made to
read. The checks themselves are `jixiao.ingest.guarded.open_zip`; this module holds the xlsx limits.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.ingest.guarded import ZipLimits, open_zip

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
    limits = ZipLimits(members=MAX_MEMBERS, member_bytes=max_member_bytes,
                       total_bytes=max_total_bytes)
    return open_zip(file, source, limits, invalid=INVALID)


def check_xlsx_archive(file: bytes | str | Path, source: str = "上传的文件") -> None:
    """Check an .xlsx file's member list and uncompressed sizes (see `open_xlsx`)."""
    open_xlsx(file, source).close()
