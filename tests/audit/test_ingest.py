"""Report text ingest: every format in reading order, and damaged input never crashes.

Fixtures are generated here (python-docx, openpyxl, typst with an explicit CJK font),
never stored as binary files.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.errors import InputError
from jixiao.ingest.report_text import read_report, text_from_bytes
from jixiao.services.figure_audit import audit_files

SENTENCE = ("租用总建筑面积为15415.38平方米,分别是:第一层3295.03平方米;第二层3169.08平方米;"
            "第三层3881.22平方米;第四层3881.22平方米;第七层1188.83平方米;第十四层567.94平方米;"
            "第十五层201.46平方米。")
CJK_FONT_DIR = Path("/usr/share/fonts/opentype/noto")


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("一、项目基本情况")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["支出内容", "计划支出数(万元)", "实际支出数(万元)"],
                             ["甲", "10.00", "9.00"], ["乙", "5.00", "5.00"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("以上为支出明细。")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_bytes())
    lines = read_report(path).lines
    assert lines[0] == "一、项目基本情况"
    assert lines[1] == SENTENCE
    assert lines[2:5] == ("支出内容 | 计划支出数(万元) | 实际支出数(万元)", "甲 | 10.00 | 9.00",
                          "乙 | 5.00 | 5.00")
    assert lines[5] == "以上为支出明细。"
    (result,) = audit_files([path])
    assert [(f.code, f.line, str(f.stated)) for f in result.findings] == [
        ("sum-mismatch", 2, "15415.38")]


def test_html_blocks_and_table_rows(tmp_path: Path) -> None:
    html = (f"<html><head><style>p{{}}</style><script>var x=1;</script></head><body>"
            f"<h1>自评报告</h1><p>{SENTENCE}</p><table><tr><th>项目</th><th>金额</th></tr>"
            f"<tr><td>甲</td><td>10</td></tr></table><p>第二段<br>换行</p></body></html>")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    lines = [ln for ln in read_report(path).lines if ln]
    assert lines == ["自评报告", SENTENCE, "项目 | 金额", "甲 | 10", "第二段", "换行"]


def test_xlsx_rows_with_printed_decimals(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["支出内容", "计划支出数(万元)", "实际支出数(万元)"])
    ws.append(["甲", 10.5, 9])
    ws.append(["执行率", 0.9753])
    ws["B3"].number_format = "0.00%"
    ws["B2"].number_format = "0.00"
    path = tmp_path / "table.xlsx"
    wb.save(path)
    assert read_report(path).lines == (
        "支出内容 | 计划支出数(万元) | 实际支出数(万元)", "甲 | 10.50 | 9", "执行率 | 97.53%")


def _pdf_bytes() -> bytes:
    import typst

    source = f'#set text(font: "Noto Serif CJK SC", size: 9pt)\n#set page(width: 20cm)\n{SENTENCE}\n'
    out = typst.compile(source.encode("utf-8"), font_paths=[str(CJK_FONT_DIR)],
                        ignore_system_fonts=True)
    assert isinstance(out, bytes)
    return out


@pytest.mark.skipif(not CJK_FONT_DIR.is_dir(), reason="fonts-noto-cjk is not installed")
def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf_bytes())
    text = "".join(read_report(path).lines)
    assert "15415.38" in text and "201.46" in text
    (result,) = audit_files([path])
    assert [(f.code, str(f.stated), str(f.expected)) for f in result.findings] == [
        ("sum-mismatch", "15415.38", "16184.78")]


def test_text_encodings(tmp_path: Path) -> None:
    for name, data in [("u8.txt", SENTENCE.encode("utf-8-sig")), ("gb.txt", SENTENCE.encode("gb18030")),
                       ("u16.md", SENTENCE.encode("utf-16"))]:
        path = tmp_path / name
        path.write_bytes(data)
        assert read_report(path).lines == (SENTENCE,)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf", ".xlsx"])
def test_empty_files_give_no_findings_or_a_clear_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    try:
        (result,) = audit_files([path])
    except InputError as err:
        assert str(path) in str(err)
    else:
        assert result.findings == ()


def _truncations() -> list[tuple[str, bytes]]:
    docx_data = _docx_bytes()
    cases = [(".docx", docx_data[: len(docx_data) // 2]), (".docx", docx_data[:100])]
    if CJK_FONT_DIR.is_dir():
        pdf = _pdf_bytes()
        cases += [(".pdf", pdf[: len(pdf) // 2]), (".pdf", pdf[:200])]
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    cases.append((".xlsx", buf.getvalue()[:300]))
    return cases


def test_truncated_files_raise_input_error_naming_the_file(tmp_path: Path) -> None:
    for i, (suffix, data) in enumerate(_truncations()):
        path = tmp_path / f"cut{i}{suffix}"
        path.write_bytes(data)
        try:
            read_report(path)
        except InputError as err:
            assert str(path) in str(err)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="二进制"):
        read_report(path)
    with pytest.raises(InputError, match="不存在"):
        read_report(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="目录"):
        read_report(tmp_path)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".docx", ".pdf", ".xlsx", ".md"]))
def test_random_bytes_never_crash(data: bytes, suffix: str) -> None:
    try:
        text = text_from_bytes(data, suffix, "fuzz")
    except InputError as err:
        assert "fuzz" in str(err)
    else:
        assert isinstance(text, str)


def test_html_nested_table_becomes_its_cell_text() -> None:
    html = (b"<table><tr><td>a<table><tr><td>x</td><td>1</td></tr></table></td><td>2</td></tr>"
            b"<tr><td>b</td><td>3</td></tr></table><p>end")
    lines = [ln for ln in text_from_bytes(html, ".html").splitlines() if ln]
    assert lines == ["a x | 1 | 2", "b | 3", "end"]


def test_old_office_formats_get_a_useful_message(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(InputError, match=r"\.docx"):
        read_report(path)


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "项目资金（万元）"
    table.cell(0, 2).text = "全年预算数"
    for c, value in enumerate(["年度资金总额", "其中", "32.4"]):
        table.cell(1, c).text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_report(path).lines == ("项目资金（万元） | 全年预算数", "年度资金总额 | 其中 | 32.4")


def test_html_nesting_depth_is_no_limit() -> None:
    # 100 000 nested <div> once took minutes (a recursive tree walk): now an event stream
    html = "<div>" * 100_000 + "<p>总面积为100平方米，分别是甲30平方米、乙60平方米。</p>" + "</div>" * 100_000
    lines = [ln for ln in text_from_bytes(html.encode(), ".html").splitlines() if ln]
    assert lines == ["总面积为100平方米，分别是甲30平方米、乙60平方米。"]
    deep_table = "<table><tr><td>" * 2000 + "深" + "</td></tr></table>" * 2000
    assert [ln for ln in text_from_bytes(deep_table.encode(), ".html").splitlines() if ln] == ["深"]


def test_html_text_split_by_the_parser_is_joined_again() -> None:
    digits = "9" * 50_000  # longer than the parser's buffer: arrives in several pieces
    html = f"<table><tr><td>A&amp;B</td><td>{digits}</td></tr></table>".encode()
    (line,) = [ln for ln in text_from_bytes(html, ".html").splitlines() if ln]
    assert line == f"A&B | {digits}"
