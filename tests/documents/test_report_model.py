"""The 自评报告 model: structure of the seed report, generated sentences, narrative."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal

from jixiao.documents.render import report_for
from jixiao.documents.report_model import NARRATIVE_SECTIONS
from jixiao.domain.rulesets import get_ruleset
from jixiao.domain.scoring import score_evaluation

from .conftest import GOLDEN

SEED_HEADINGS = [
    "一、自评结论", "（一）自评得分", "（二）绩效目标完成情况", "1.产出指标完成情况。",
    "2.效益指标完成情况。", "3.满意度指标完成情况。", "（三）存在的问题和原因分析",
    "（四）下一步改进措施", "二、佐证材料", "（一）项目基本情况", "（二）自评工作开展情况",
    "（三）绩效评价指标分析", "1.预算执行情况分析。", "2.绩效目标完成情况分析。",
    "（四）上年度自评结果应用情况", "（五）其他需说明的问题",
]


def test_report_text_matches_golden(scored) -> None:
    text = report_for(scored).plain_text() + "\n"
    path = GOLDEN / "report-baoshan.txt"
    if os.environ.get("JIXIAO_REGEN_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_follows_the_seed_structure(scored) -> None:
    headings = [b.text for b in report_for(scored).blocks if b.kind == "heading"]
    assert headings == SEED_HEADINGS


def test_narrative_keys_agree_with_the_loader() -> None:
    from jixiao.ingest.evaluation_file import NARRATIVE_KEYS

    assert set(NARRATIVE_SECTIONS) == set(NARRATIVE_KEYS)


def test_missing_narrative_is_marked_not_invented(evaluation) -> None:
    report = report_for(score_evaluation(replace(evaluation, narrative=())))
    paras = [b.text for b in report.blocks if b.kind == "para"]
    assert paras.count("（未填写）") == 3  # 改进措施, 自评工作, 上年度结果应用
    assert "无。" in paras  # 其他需说明的问题


def test_numbered_items_become_paragraphs(scored) -> None:
    paras = [b.text for b in report_for(scored).blocks if b.kind == "para"]
    assert any(p.startswith("1.在实际工作中") for p in paras)
    assert any(p.startswith("2.绩效评价方面") for p in paras)


def test_shortfall_is_explained_in_problems(evaluation) -> None:
    first = evaluation.indicators[0]
    short = replace(first, actual=Decimal(4188), deviation_reason="部分楼层延期交付")
    scored = score_evaluation(replace(evaluation, indicators=(short, *evaluation.indicators[1:])))
    text = report_for(scored).plain_text()
    assert "实际完成值4188平方米，得分8.00分（分值10分），未完全完成，偏差原因：部分楼层延期交付" in text
    assert "“行政审批服务办公场所面积”得分8.00分（分值10分），偏差原因：部分楼层延期交付。" in text
    assert "其中13项全部完成，1项未完全完成" in text
    assert f"自评得分{scored.total}分" in text


def test_ruleset_weights_are_printed_as_scored(evaluation) -> None:
    scored = score_evaluation(evaluation, get_ruleset("jiangxi"))
    text = report_for(scored).plain_text()
    assert "预算执行率得分7.00分（分值10分）" in text  # 97.53% → the 80–100% tier
    assert "自评得分97.00分" in text
