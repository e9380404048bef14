"""Generators for the hostile input files of issue 9 ("Small hostile files").

Nothing big is committed: each function writes its file into a folder on demand. Used by
`tests/test_hostile_files.py` (CLI exit 2 within the time goal) and by
`bench/hostile_files.py` (time and peak memory of each). `HOSTILE` maps a name to
(generator, CLI command that reads the file).
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_EVALUATION = ROOT / "examples" / "baoshan-2022-rent-property.yaml"
EXAMPLE_MONITORING = ROOT / "examples" / "baoshan-2022-monitoring.yaml"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(sheet_xml: str, shared: bytes | None = None, *, dimension: str = "A1") -> bytes:
    strings = shared if shared is not None else (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="0" uniqueCount="0"/>'
    ).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", strings)
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
                   f'<dimension ref="{dimension}"/><sheetData>{sheet_xml}</sheetData></worksheet>')
    return buf.getvalue()


def far_cell_xlsx(folder: Path) -> Path:
    """A ledger-shaped workbook of a few KB whose only far cell sits at row 1,048,576."""
    header = "".join(f'<c r="{col}1" t="inlineStr"><is><t>{name}</t></is></c>'
                     for col, name in zip("ABCD", ("日期", "金额", "收款人", "预算项目"), strict=True))
    rows = f'<row r="1">{header}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = folder / "far-cell.xlsx"
    path.write_bytes(_xlsx(rows, dimension="A1:XFD1048576"))
    return path


def utf16_dtd_xlsx(folder: Path) -> Path:
    """A workbook whose shared strings are UTF-16 XML with a "billion laughs" DTD (a byte
    search for ``<!DOCTYPE`` does not see it)."""
    entities = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    xml = (f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [{"".join(entities)}]>'
           f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>')
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    path = folder / "utf16-dtd.xlsx"
    path.write_bytes(_xlsx(sheet, xml.encode("utf-16")))
    return path


def _deflated_member(name: str, size: int, head: bytes, tail: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    """A member of `size` bytes (head + spaces + tail) compressed as a stream, so that a
    gigabyte is never held in memory while making it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    parts = [compressor.compress(head)]
    chunk = b" " * (1 << 20)
    left = size - len(head) - len(tail)
    while left > 0:
        piece = chunk if left >= len(chunk) else chunk[:left]
        crc = zlib.crc32(piece, crc)
        parts.append(compressor.compress(piece))
        left -= len(piece)
    crc = zlib.crc32(tail, crc)
    parts.append(compressor.compress(tail))
    parts.append(compressor.flush())
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.CRC = crc
    info.file_size = size
    data = b"".join(parts)
    info.compress_size = len(data)
    return info, data


def docx_bomb(folder: Path, size: int = 1 << 30) -> Path:
    """A docx of about 1 MB whose document.xml inflates to `size` bytes (default 1 GiB)."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    info, data = _deflated_member("word/document.xml", size, head, tail)
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item.filename))
        # write the pre-compressed member by hand: header, data, central directory entry
        info.header_offset = out.fp.tell()  # type: ignore[union-attr]
        out.fp.write(info.FileHeader())  # type: ignore[union-attr]
        out.fp.write(data)  # type: ignore[union-attr]
        out.start_dir = out.fp.tell()  # type: ignore[union-attr]
        out.filelist.append(info)
        out.NameToInfo[info.filename] = info
    return path


def fifo(folder: Path) -> Path:
    """A named pipe with no writer: reading it would block forever."""
    path = folder / "input.yaml"
    os.mkfifo(path)
    return path


def big_evaluation_yaml(folder: Path, size: int = 3 * 1024 * 1024) -> Path:
    """A syntactically valid evaluation of `size` bytes (indicators repeated)."""
    text = EXAMPLE_EVALUATION.read_text(encoding="utf-8")
    head, _, _ = text.partition("indicators:\n")
    item = ("  - category: 产出指标\n    subcategory: 数量指标\n    name: 指标{}\n"
            "    operator: \">=\"\n    target: 100\n    actual: 100\n    weight: 0\n")
    parts = [head, "indicators:\n"]
    total = len(head.encode())
    i = 0
    while total < size:
        piece = item.format(i)
        parts.append(piece)
        total += len(piece.encode())
        i += 1
    path = folder / "big-evaluation.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def big_monitoring_yaml(folder: Path, size: int = 8 * 1024 * 1024) -> Path:
    """A monitoring file of `size` bytes: the example with a long list of snapshots."""
    text = EXAMPLE_MONITORING.read_text(encoding="utf-8")
    ledger = EXAMPLE_MONITORING.with_name("baoshan-2022-ledger.csv")  # the file it refers to
    (folder / ledger.name).write_bytes(ledger.read_bytes())
    filler = "# " + "监控" * 40 + "\n"
    path = folder / "big-monitoring.yaml"
    path.write_text(text + filler * (max(0, size - len(text.encode())) // len(filler.encode())),
                    encoding="utf-8")
    return path


def overflow_yaml(folder: Path) -> Path:
    """The example evaluation with an amount of 1e999999999."""
    text = EXAMPLE_EVALUATION.read_text(encoding="utf-8")
    path = folder / "overflow.yaml"
    path.write_text(text.replace('executed: "2,225,038.16"', "executed: 1e999999999", 1),
                    encoding="utf-8")
    return path


def long_value_yaml(folder: Path, length: int = 100_000) -> Path:
    """The example evaluation with an amount of 100,000 characters."""
    text = EXAMPLE_EVALUATION.read_text(encoding="utf-8")
    path = folder / "long-value.yaml"
    path.write_text(text.replace('executed: "2,225,038.16"', f'executed: "{"9x" * (length // 2)}"', 1),
                    encoding="utf-8")
    return path


def device(folder: Path) -> Path:
    """A character device (an endless stream of zeros)."""
    return Path("/dev/zero")


def limit_evaluation_yaml(folder: Path) -> Path:
    """An evaluation just under the 256 KB document limit: read (and refused for its
    weights) within the goal."""
    return big_evaluation_yaml(folder, 256 * 1024 - 1024)


_REFUSED = (2,)
_READ = (0, 1, 2)  # a valid file: any answer, as long as it comes within the goal

#: name → (generator, command words before the path, accepted exit codes). Every file is
#: refused with exit 2 except the far cell and the evaluation just under the size limit,
#: which are valid and only have to be answered at once.
HOSTILE: dict[str, tuple[Callable[[Path], Path], tuple[str, ...], tuple[int, ...]]] = {
    "far-cell xlsx (audit)": (far_cell_xlsx, ("audit",), _READ),
    "UTF-16 DTD xlsx (audit)": (utf16_dtd_xlsx, ("audit",), _REFUSED),
    "docx zip bomb 1 GiB (audit)": (docx_bomb, ("audit",), _REFUSED),
    "FIFO (score)": (fifo, ("score",), _REFUSED),
    "FIFO (apportion)": (fifo, ("apportion",), _REFUSED),
    "FIFO (monitor)": (fifo, ("monitor", "--as-of", "2022-07-31"), _REFUSED),
    "FIFO (audit)": (fifo, ("audit",), _REFUSED),
    "FIFO (render)": (fifo, ("render", "table", "-o", "/tmp/jixiao-hostile-out.xlsx"), _REFUSED),
    "/dev/zero (score)": (device, ("score",), _REFUSED),
    "3 MB evaluation YAML (score)": (big_evaluation_yaml, ("score",), _REFUSED),
    "256 KB evaluation YAML (score)": (limit_evaluation_yaml, ("score",), _READ),
    "8 MB monitoring YAML (monitor)": (big_monitoring_yaml, ("monitor", "--as-of", "2022-07-31"),
                                       _REFUSED),
    "1e999999999 (score)": (overflow_yaml, ("score",), _REFUSED),
    "100,000-character value (score)": (long_value_yaml, ("score",), _REFUSED),
}
