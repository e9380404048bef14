"""A count against the numbered items after it (issue 10, branch i10q): "下设2个管理机构，一是…；
二是…" (157) and the genre's sections "存在以下三个方面的问题：一是…；二是…", "主要措施有4项：
(1)…(2)…", items on the lines that follow. Surface variants: ordinal series, Chinese and
full-width numerals, a colon or comma, items on one line or one per line.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _counts(lines: list[str], severity: str = "error") -> set[tuple[str, str]]:
    return {(str(f.stated), str(f.expected)) for f in audit_lines(lines)
            if f.severity.value == severity and f.code == "count-mismatch"}


@pytest.mark.parametrize("items", [
    "一是改造道路；二是修建水渠；三是购置设备。",
    "（一）改造道路；（二）修建水渠；（三）购置设备。",
    "(1)改造道路；(2)修建水渠；(3)购置设备。",
    "（1）改造道路；（2）修建水渠；（3）购置设备。",
    "1.改造道路；2.修建水渠；3.购置设备。",
    "1、改造道路；2、修建水渠；3、购置设备。",
    "①改造道路；②修建水渠；③购置设备。",
    "第一，改造道路；第二，修建水渠；第三，购置设备。",
])
@pytest.mark.parametrize("head", ["主要开展了{}项工作：", "主要开展了以下{}个方面的工作：",
                                  "主要措施有{}项：", "主要措施有{}项，"])
def test_a_count_against_its_numbered_items(head: str, items: str) -> None:
    for three in ("3", "三", "３"):
        assert _counts([head.format(three) + items]) == set(), (head, items)
    assert ("4", "3") in _counts([head.format("4") + items])
    assert ("5", "3") in _counts([head.format("五") + items])


def test_items_one_per_line() -> None:
    lines = ["一、主要做法", "我们开展了{}个方面的工作：", "1.加强组织领导。", "", "2.强化资金管理。",
             "3.严格绩效监控。", "二、存在问题", "项目推进较慢。"]
    assert _counts([x.format(3) if "{}" in x else x for x in lines]) == set()
    assert ("4", "3") in _counts([x.format(4) if "{}" in x else x for x in lines])
    # the list running to the end of the text may have been cut by the capture: a warning
    cut = ["我们开展了4个方面的工作：", "1.加强组织领导。", "2.强化资金管理。"]
    assert _counts(cut) == set()
    assert ("4", "2") in _counts(cut, "warning")


def test_what_is_not_a_list_of_the_counted_things() -> None:
    # the next list of the paragraph is not the announced one
    assert _counts(["存在2个问题：一是资金慢；二是管理弱。下一步打算：一是加快；二是规范；三是考核。"]) \
        == set()
    # the count names no kind of list item (3个村的道路建设: the items may be aspects)
    assert _counts(["完成了3个村的道路建设：一是甲村；二是乙村。"]) == set()
    # the first item must follow straight away
    assert _counts(["主要开展了4项工作，成效明显。一是改造道路；二是修建水渠。"]) == set()
    # a decimal is no item number
    assert _counts(["主要指标有3项：1.5万亩造林；2.道路；3.水渠。"]) == set()


def test_the_comma_form_of_157() -> None:
    text = "下设{}个管理机构，一是正处级事业单位区经济信息中心；二是正科级事业单位军粮供应中心。"
    assert _counts([text.format(2)]) == set()
    assert ("3", "2") in _counts([text.format(3)])


@pytest.mark.parametrize("count", ["3", "三", "３"])
def test_a_count_against_its_list_in_every_numeral(count: str) -> None:
    for form in ("该项目涉及{}条线路，分别为甲河至乙村、乙村至丙河、丙河至丁坝。",
                 "共涉及{}个乡镇，即甲镇、乙镇、丙镇。",
                 "甲村、乙村、丙村{}个村。"):
        assert _counts([form.format(count)]) == set(), form
        assert ("2", "3") in _counts([form.format("两")]), form
        assert ("4", "3") in _counts([form.format("4")]), form


def test_two_is_read_only_before_a_count_unit() -> None:
    text = "该项目涉及两条线路，分别为核桃树河至小利黑、小利黑至竹箐河，共完成工程量波型护栏1820米。"
    assert _counts([text]) == set()
    assert _counts(["两委班子成员3人，即甲、乙、丙。"]) == set()
    assert ("2", "3") in _counts(["存在两个方面的问题：一是资金慢；二是管理弱；三是进度慢。"])


BY_SUBJECT = ("补贴购机农户{a}户，机具{b}台套（甲办事处3户、3台套，乙办事处{c}户、1台套，"
              "丙办事处1户、1台套）。")


def _by_subject(a: str, b: str, c: str) -> set[tuple[str, str]]:
    return _counts([BY_SUBJECT.format(a=a, b=b, c=c)])


def test_counts_in_several_units_broken_down_by_subject() -> None:
    assert _by_subject("5", "5", "1") == set()
    assert ("5", "8") in _by_subject("5", "5", "4")  # a part too many
    assert ("8", "5") in _by_subject("8", "5", "1")  # the other unit's parts prove the list whole
    # both units short: the bracket may name some subjects only
    assert _by_subject("8", "7", "1") == set()
    # full-width digits, ASCII brackets, the bracket left open by the capture
    assert ("8", "5") in _counts(["补贴购机农户８户，机具５台套(甲办事处３户、３台套，乙办事处１户、１台套，"
                                  "丙办事处１户、１台套，补贴金额13.6万元，完成率17%。"])
    # an approximate part, or another kind of figure inside a closed bracket: not a breakdown
    assert _counts([BY_SUBJECT.format(a="8", b="5", c="约1")]) == set()
    assert _counts(["培训120人，发放资料300份（甲镇50人、100份、2万元，乙镇80人、200份、3万元）。"]) \
        == set()
    assert ("120", "130") in _counts(["培训120人，发放资料300份（甲镇50人、100份，乙镇80人、200份）。"])


def test_items_whose_text_goes_on_over_lines() -> None:
    lines = ["存在以下3个问题：", "1.资金到位慢。", "资金到位时间较晚，影响了进度。", "2.管理不规范。",
             "3.宣传不到位。", "三、下一步打算", "加强管理。"]
    assert _counts(lines) == set()
    # the list's end is not certain once an item ran on: a count off the items is a warning
    four = [lines[0].replace("3个", "4个"), *lines[1:]]
    assert _counts(four) == set()
    assert ("4", "3") in _counts(four, "warning")


def test_the_main_items_are_a_part_of_the_counted_things() -> None:
    assert _counts(["主要种植3种作物，以玉米、大豆为主。"]) == set()
    assert _counts(["共培训4类人员，以村干部、种植户、合作社负责人为主。"]) == set()
    assert ("3", "4") in _counts(["主要种植3种作物，以玉米、大豆、小麦、水稻为主。"])
    assert ("3", "4") in _counts(["主要种植３种作物，以玉米、大豆、小麦、水稻为主。"])
    assert ("2", "3") in _counts(["共培训2类人员，主要以村干部、种植户、合作社负责人为主。"])
    # 和 may join two names or be part of one
    assert _counts(["主要种植3种作物，以玉米、大豆、小麦和水稻为主。"]) == set()
