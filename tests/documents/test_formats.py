"""What a reader gets out of each file: figures, numbers as numbers, merged cells, fonts."""

from __future__ import annotations

import itertools
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from .conftest import needs_poppler, pdf_fonts, pdf_text, squash

# Figures that must appear in every rendering of the Baoshan table and report.
TABLE_FIGURES_YUAN = ["2,281,500.00", "2,225,038.16", "97.53%", "9.75", "99.75"]
TABLE_FIGURES_WAN = ["228.15", "222.50", "97.53%", "9.75", "99.75"]
REPORT_FIGURES = [
    "自评得分99.75分", "自评等级为“优”", "预算执行率得分9.75分（分值10分）",
    "全年预算数2,281,500.00元", "全年执行数2,225,038.16元", "预算执行率97.53%",
    "未执行资金56,461.84元", "年度指标值≥5236平方米，实际完成值5236平方米",
    "实际完成值95.84%", "产出指标得分50.00分（分值50分）",
]


# ---------------------------------------------------------------- xlsx
def _sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_xlsx_numbers_are_exact_numbers(rendered) -> None:
    xml = _sheet_xml(rendered[("table", ".xlsx", "yunnan-2020")])
    values = re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="n"[^>]*><v>([^<]*)</v>', xml)
    texts = {v for _, v in values}
    # Exactly as printed, never a float artefact such as 0.9752999999999999.
    assert {"2281500.00", "2225038.16", "0.9753", "9.75", "99.75"} <= texts
    assert not any(len(v.split(".")[-1]) > 4 for v in texts if "." in v)


def test_xlsx_number_formats_and_merges(rendered) -> None:
    wb = openpyxl.load_workbook(rendered[("table", ".xlsx", "yunnan-2020")])
    ws = wb.active
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row}
    by_value = {}
    for c in cells.values():
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
            by_value.setdefault(Decimal(str(c.value)), c)
    assert by_value[Decimal("2225038.16")].number_format == "#,##0.00"
    assert by_value[Decimal("0.9753")].number_format == "0.00%"
    assert by_value[Decimal("99.75")].number_format == "0.00"
    merged = [str(r) for r in ws.merged_cells.ranges]
    side = next(c for c in cells.values() if c.value == "绩效指标")
    # 绩效指标 spans the indicator header and all 14 indicator rows.
    assert f"{side.coordinate}:A{side.row + 14}" in merged
    funds = next(c for c in cells.values() if c.value == "项目资金\n（元）")
    assert f"{funds.coordinate}:A{funds.row + 4}" in merged
    # Borders on the covered cells of a merged range too.
    assert cells[f"A{side.row + 3}"].border.left.style == "thin"
    assert "公开14表" not in {c.value for c in cells.values()}  # a 部门决算 number, not this form's


def test_xlsx_national_in_wan(rendered) -> None:
    xml = _sheet_xml(rendered[("table", ".xlsx", "national-2020")])
    assert "<v>228.15</v>" in xml and "<v>222.50</v>" in xml


# ---------------------------------------------------------------- docx
def _docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.mark.parametrize(("layout", "figures"), [("yunnan-2020", TABLE_FIGURES_YUAN),
                                                  ("national-2020", TABLE_FIGURES_WAN)])
def test_docx_table_figures_and_merges(rendered, layout, figures) -> None:
    path = rendered[("table", ".docx", layout)]
    text = _docx_text(path)
    for fig in figures:
        assert fig in text
    xml = Document(str(path)).element.xml
    assert "w:gridSpan" in xml and 'w:vMerge w:val="restart"' in xml


def test_docx_report_text(rendered) -> None:
    text = squash(_docx_text(rendered[("report", ".docx")]))
    for fig in REPORT_FIGURES:
        assert squash(fig) in text


def test_docx_report_gongwen_typography(rendered) -> None:
    doc = Document(str(rendered[("report", ".docx")]))
    sec = doc.sections[0]
    mm = 36000  # EMU per mm
    assert (round(sec.top_margin / mm), round(sec.bottom_margin / mm),
            round(sec.left_margin / mm), round(sec.right_margin / mm)) == (37, 35, 28, 26)
    assert (round(sec.page_width / mm), round(sec.page_height / mm)) == (210, 297)
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 225 mm ÷ 22 lines
    title_run = doc.paragraphs[0].runs[0]
    fonts = title_run._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title_run.font.size.pt == 22
    body = next(p for p in doc.paragraphs if p.text.startswith("经逐项对照自评"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    footer_xml = sec.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml and "宋体" in footer_xml
    assert doc.settings.odd_and_even_pages_header_footer
    assert len(doc.inline_shapes) == 2  # the two charts


# ---------------------------------------------------------------- pdf
@needs_poppler
@pytest.mark.parametrize("key", [("report", ".pdf"), ("table", ".pdf", "national-2020"),
                                 ("table", ".pdf", "yunnan-2020")])
def test_pdf_embeds_cjk_fonts_only(rendered, key) -> None:
    """Only the chosen CJK fonts, embedded and subset: Fandol (宋/仿宋/楷/黑) when installed,
    Noto CJK for anything else — never a system font or Typst's own Latin fonts."""
    from jixiao.documents.style import fandol_dir

    fonts = pdf_fonts(rendered[key])
    rows = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert rows and all(("CJK" in ln or "Fandol" in ln) and " yes yes " in ln for ln in rows)
    if fandol_dir() is not None:
        assert "FandolFang" in fonts  # 仿宋 body / table text
        if key[0] == "report":
            assert "FandolKai" in fonts and "FandolHei" in fonts  # 楷体 and 黑体 headings
            assert "FandolSong-Bold" in fonts  # the title (小标宋 stand-in)


@needs_poppler
def test_pdf_report_text(rendered) -> None:
    text = squash(pdf_text(rendered[("report", ".pdf")]))
    for fig in REPORT_FIGURES:
        assert squash(fig) in text
    assert "—1—" in text and "—2—" in text  # page numbers
    assert "\ufffd" not in text and "□" not in text


@needs_poppler
@pytest.mark.parametrize(("layout", "figures"), [("yunnan-2020", TABLE_FIGURES_YUAN),
                                                  ("national-2020", TABLE_FIGURES_WAN)])
def test_pdf_table_text(rendered, layout, figures) -> None:
    text = squash(pdf_text(rendered[("table", ".pdf", layout)]))
    for fig in [*figures, "项目支出绩效自评表", "偏差原因分析及改进措施", "服务对象满意度"]:
        assert squash(fig) in text


def test_pdf_report_is_a4(rendered) -> None:
    from pypdf import PdfReader

    page = PdfReader(str(rendered[("report", ".pdf")])).pages[0]
    assert (round(float(page.mediabox.width) / 72 * 25.4),
            round(float(page.mediabox.height) / 72 * 25.4)) == (210, 297)


# ---------------------------------------------------------------- html
def test_html_self_contained(rendered) -> None:
    html = rendered[("report", ".html")].read_text(encoding="utf-8")
    assert not re.search(r"https?://|(src|href)=\"//|@import|url\(", html)
    assert html.count("data:image/svg+xml;base64,") == 2
    text = squash(re.sub(r"<[^>]+>", "", html))
    for fig in REPORT_FIGURES:
        assert squash(fig) in text


@needs_poppler
def test_pdf_report_line_grid(rendered, tmp_path) -> None:
    """A full page holds 22 body lines, baseline to baseline 28.95 pt (GB/T 9704)."""
    import subprocess

    out = tmp_path / "p2.html"
    subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox-layout",
                    str(rendered[("report", ".pdf")]), str(out)], check=True)
    ys = sorted({float(y) for y in re.findall(r'<line xMin="[^"]+" yMin="([^"]+)"',
                                              out.read_text(encoding="utf-8"))})
    body, page_number = ys[:-1], ys[-1]
    assert len(body) == 22
    pitches = [b - a for a, b in itertools.pairwise(body)]
    assert all(abs(p - 28.95) < 0.6 for p in pitches)
    assert page_number - body[-1] > 29  # the page number sits below the text block


def test_amount_in_words_where_the_layout_asks(rendered) -> None:
    ws = openpyxl.load_workbook(rendered[("table", ".xlsx", "national-2020")]).active
    values = {c.value for row in ws.iter_rows() for c in row}
    assert "全年执行数（大写）：贰佰贰拾贰万伍仟零叁拾捌元壹角陆分" in values
