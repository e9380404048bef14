"""Prose relations in the shapes real reports take (issue 10, branch i10g).

Each test is one general cause found on the dev part of the corpus (the report numbers are in
the detector's docstring or comment): the contradiction must be found, and the consistent
text of the same shape must stay silent at error level.
"""

from __future__ import annotations

from jixiao.ingest.figures import extract_line
from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity.value == "error"}


# --- text as reposted: traditional script, pinyin glosses ---------------------------------

def test_traditional_script_is_read_like_simplified() -> None:
    bad = "上級下達的補助資金總額100萬元，其中：甲鎮補助資金60萬元、乙鎮補助資金50萬元。"
    good = "上級下達的補助資金總額110萬元，其中：甲鎮補助資金60萬元、乙鎮補助資金50萬元。"
    assert ("sum-mismatch", "100") in _errors([bad])
    assert _errors([good]) == set()
    line = extract_line(1, "支出預算共602.6167萬元")
    assert [(str(f.value), f.unit) for f in line.figures] == [("602.6167", "万元")]


def test_pinyin_glosses_are_dropped_but_units_in_brackets_stay() -> None:
    line = extract_line(1, "項(xiàng)目支出預(yù)算共602萬元，長度(m)")
    assert line.text == "项目支出预算共602万元，长度(m)"
    bad = ("實際支出443.36萬元，其中業(yè)務(wù)經(jīng)費(fèi)300萬元、"
           "專(zhuān)項(xiàng)經(jīng)費(fèi)200萬元。")
    assert ("sum-mismatch", "443.36") in _errors([bad])


# --- 其中 lists ------------------------------------------------------------------------

CLINIC = ("2020年度我中心共计支出3307.77万元，其中基本支出1680.11万元，职工工资福利支出占854万元，"
          "日常公用支出占826.11万元；项目支出1627.66万元，重大公共卫生项目占216.85万元，"
          "新冠疫情防控项目占722.80万元，实验室能力提升项目占678.01万元，大楼建设项目占10万元。")


def test_amounts_that_zhan_of_a_part_are_its_subparts() -> None:
    assert _errors([CLINIC]) == set()
    assert ("sum-mismatch", "2315.44") in _errors([CLINIC.replace("3307.77", "2315.44")])
    # the part against what 占 of it
    assert ("sum-mismatch", "1478.50") in _errors([CLINIC.replace("1680.11", "1478.50")])
    assert ("sum-mismatch", "1627.66") in _errors([CLINIC.replace("占10万元", "占13万元")])


SCHOOL = ("我校2022年按生均1000元安排，共计239万元，其中上级资金179.25万元，本级59.75万元，项目绩效目标"
          "是保证学校的正常运转，资金主要用于日常运转，包括办公费、水电费、差旅费等方面的支出。")


def test_a_later_marker_does_not_hide_the_excess_of_the_parts_read() -> None:
    assert _errors([SCHOOL]) == set()
    assert ("sum-mismatch", "210") in _errors([SCHOOL.replace("239", "210")])
    # the figure right before the next marker is that marker's total, not one more part
    assert _errors(["下达资金100万元，其中中央资金60万元，拨付资金80万元，其中中央资金50万元。"]) == set()


# --- counts ----------------------------------------------------------------------------

def test_a_list_of_names_may_go_on_after_a_comma() -> None:
    text = ("其他事业单位8个：土地事务服务中心、不动产登记中心、规划设计中心、地质环境监测站，新增沐溪"
            "片区自然资源所、舟坝片区自然资源所、大楠片区自然资源所、利店片区自然资源所。")
    assert _errors([text]) == set()
    # a comma followed by prose ends the list
    assert ("count-mismatch", "5") in _errors(["直属事业单位5个：规划设计中心、地质环境监测站、"
                                               "不动产登记中心，负责全县国土空间规划。"])
