"""What 财预〔2020〕10号 asks to explain reaches every document, and the seen defects stay
fixed: over-completion, overspending, unspent funds, reasons never dropped (issue 12 §2);
rates that never cross a rule boundary, drafts, "。。", qualitative wording, Word author,
Word tables (issue 12 §3–5, §7)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D

import openpyxl
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from jixiao.cli.main import cli
from jixiao.documents.render import render_report, render_table, report_for
from jixiao.documents.report_model import completion_rows
from jixiao.domain.evaluation import FundRow
from jixiao.domain.indicators import Indicator, Operator, QualitativeGrade
from jixiao.domain.rulesets import get_ruleset
from jixiao.domain.scoring import score_evaluation

from .conftest import EXAMPLE, needs_poppler, pdf_text, squash

OVER_REASON = "年初按上年实际人数测算，当年新增进驻单位"
OVERSPEND_REASON = "年末追加物业维修，已按程序报批"
EARLY_REASON = "提前完成"


def _docx_text(path) -> str:  # type: ignore[no-untyped-def]
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _texts(tmp_path, scored) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every document of `scored` as squashed text, by name."""
    out = {}
    for suffix in (".docx", ".pdf", ".html"):
        path = render_report(scored, tmp_path / f"r{suffix}")
        out[f"report{suffix}"] = _read(path)
    for suffix in (".docx", ".pdf", ".xlsx"):
        path = render_table(scored, tmp_path / f"t{suffix}", "national-2020")
        out[f"table{suffix}"] = _read(path)
    return out


def _read(path) -> str:  # type: ignore[no-untyped-def]
    if path.suffix == ".docx":
        return squash(_docx_text(path))
    if path.suffix == ".pdf":
        return squash(pdf_text(path))
    if path.suffix == ".html":
        return squash(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text())
    ws = openpyxl.load_workbook(path).active
    return squash("\n".join(str(c.value) for row in ws.iter_rows() for c in row
                            if c.value is not None))


@pytest.fixture(scope="module")
def explained(evaluation):
    """Over-completion (150 %), overspending, and a reason on a full-score indicator."""
    first, second, *rest = evaluation.indicators
    over = replace(first, target=D(4000), actual=D(6000), deviation_reason=OVER_REASON)
    early = replace(second, deviation_reason=EARLY_REASON)
    funds = replace(evaluation.funds, total=FundRow(D(100000), D(100000), D(105000)),
                    current_appropriation=None)
    ev = replace(evaluation, indicators=(over, early, *rest), funds=funds,
                 narrative=(*evaluation.narrative, ("overspending", OVERSPEND_REASON)))
    return score_evaluation(ev)


@needs_poppler
def test_over_completion_overspending_and_reasons_in_every_format(tmp_path, explained) -> None:
    texts = _texts(tmp_path, explained)
    for name, text in texts.items():
        assert squash("超额完成") in text and "150.00%" in text, name
        assert squash(OVER_REASON) in text, name
        assert squash(EARLY_REASON) in text, name  # a reason typed for full marks is kept
        assert squash("全年执行数超过全年预算数5,000.00元") in text, name
        assert squash(OVERSPEND_REASON) in text, name


@needs_poppler
def test_unspent_funds_explained(tmp_path, evaluation) -> None:
    ev = replace(evaluation, narrative=(*evaluation.narrative,
                                        ("unspent_funds", "结余56,461.84元已按规定收回财政")))
    texts = _texts(tmp_path, score_evaluation(ev))
    for name, text in texts.items():
        assert squash("年末未执行资金56,461.84元") in text, name
        assert squash("结余56,461.84元已按规定收回财政") in text, name


def test_over_completion_flag_in_the_deviation_column(tmp_path, explained) -> None:
    ws = openpyxl.load_workbook(render_table(explained, tmp_path / "t.xlsx", "national-2020")).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    flagged = [c for c in cells if c.startswith("【超额完成")]
    assert flagged and OVER_REASON in flagged[0]


def test_printed_rate_never_crosses_a_tier(tmp_path, evaluation) -> None:
    funds = replace(evaluation.funds, total=FundRow(D(480000), D(480000), D("479999.99")),
                    current_appropriation=None)
    scored = score_evaluation(replace(evaluation, funds=funds), get_ruleset("jiangxi"))
    assert scored.budget_execution.score == 7
    text = report_for(scored).plain_text()
    assert "99.99%" in text and "100.00%" not in text
    ws = openpyxl.load_workbook(render_table(scored, tmp_path / "t.xlsx", "national-2020")).active
    rates = [c for row in ws.iter_rows() for c in row if c.number_format == "0.00%"]
    assert rates and all(c.value < 1 for c in rates)
    # Linear rule: below 100 % is not full marks either.
    scored = score_evaluation(replace(evaluation, funds=funds))
    assert "100.00%" not in report_for(scored).plain_text()


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory, evaluation):
    first, *rest = evaluation.indicators
    ev = replace(evaluation, indicators=(replace(first, actual=None), *rest))
    import yaml

    from jixiao.ingest.evaluation_file import parse_evaluation  # noqa: F401  (same loader)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    del data["indicators"][0]["actual"]
    path = tmp_path_factory.mktemp("draft") / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return score_evaluation(ev), path


def test_unfinished_evaluation_is_a_draft_and_exit_1(tmp_path, unfinished) -> None:
    _, path = unfinished
    out = tmp_path / "r.docx"
    result = CliRunner().invoke(cli, ["render", "report", str(path), "-o", str(out), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["draft"] == ["「行政审批服务办公场所面积」未填写实际完成值"]
    header = Document(str(out)).sections[0].header.paragraphs[0].text
    assert "草稿" in header


@needs_poppler
def test_draft_marks_in_every_format(tmp_path, unfinished) -> None:
    scored, _ = unfinished
    texts = _texts(tmp_path, scored)
    for name, text in texts.items():
        assert "草稿" in text, name
        assert squash("未填写") in text, name
    assert squash("未填写实际完成值") in texts["table.xlsx"]
    # A complete evaluation is not a draft.
    ok = render_report(score_evaluation(replace(scored.evaluation, indicators=(
        replace(scored.evaluation.indicators[0], actual=D(5236)),
        *scored.evaluation.indicators[1:]))), tmp_path / "ok.html")
    assert "草稿" not in ok.read_text(encoding="utf-8")


def test_no_double_full_stop(evaluation) -> None:
    first, *rest = evaluation.indicators
    short = replace(first, actual=D(4188), deviation_reason="部分楼层延期交付。")
    text = report_for(score_evaluation(replace(evaluation, indicators=(short, *rest)))).plain_text()
    assert "部分楼层延期交付。" in text and "。。" not in text


def test_qualitative_within_band_is_achieved(evaluation) -> None:
    first, *rest = evaluation.indicators
    qual = Indicator(category=first.category, subcategory="质量指标", name="服务规范",
                     operator=Operator.QUALITATIVE, target="规范", actual="规范",
                     weight=first.weight, grade=QualitativeGrade.ACHIEVED,
                     score=first.weight * D("0.8"))
    scored = score_evaluation(replace(evaluation, indicators=(qual, *rest)))
    text = report_for(scored).plain_text()
    line = next(x for x in text.splitlines() if x.startswith("“服务规范”"))
    assert "已完成" in line and "未完全完成" not in line
    assert completion_rows(scored, {})[0][4] is True


def test_word_author_is_the_unit(rendered) -> None:
    for key in (("report", ".docx"), ("table", ".docx", "national-2020")):
        props = Document(str(rendered[key])).core_properties
        assert props.author == "保山市政务服务管理局" and "python-docx" not in props.last_modified_by


@pytest.mark.parametrize("layout", ["national-2020", "yunnan-2020"])
def test_word_table_rows_and_header(rendered, layout) -> None:
    doc = Document(str(rendered[("table", ".docx", layout)]))
    assert len(doc.tables) == 2  # the indicator block is its own table ...
    first = doc.tables[1].rows[0]._tr
    assert first.trPr.find(qn("w:tblHeader")) is not None  # ... whose header row repeats
    assert "一级指标" in [c.text for c in doc.tables[1].rows[0].cells]
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # rows never split
    # Four-character labels fit their column: 4 × 9 pt + 2 × 1 mm cell margins.
    need_mm = 4 * 9 * 25.4 / 72 + 2
    widths = [c.width.mm for c in doc.tables[0].columns]
    assert widths[0] >= need_mm, widths
    reason = doc.tables[1].columns[-1].width.mm
    assert reason >= 30, reason  # 偏差原因 column no longer 21 mm


@needs_poppler
def test_full_width_punctuation_kept(tmp_path, evaluation) -> None:
    """Full-width punctuation keeps its full width: a line of Chinese text holds at most
    28 characters, marks included (Typst squeezed "，。（）" to fit 29 or more when
    justifying)."""
    text = "项目资金（含结转），已到位；绩效目标“基本”完成。各项工作，均按计划推进：" * 8
    ev = replace(evaluation, narrative=(("summary", text),))
    pdf = render_report(score_evaluation(ev), tmp_path / "r.pdf")
    lines = [ln.strip() for ln in pdf_text(pdf).splitlines()]
    ours = [ln for ln in lines if ln and set(ln) <= set(text)]
    assert len(ours) >= 8
    assert max(len(ln) for ln in ours) <= 28, [ln for ln in ours if len(ln) > 28]
