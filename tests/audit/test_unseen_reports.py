"""False alarms found by auditing published reports nobody had annotated (issue 10, i11f).

Each test is one general cause: a hand-written text in the wording or layout that was misread
stays silent at error level, and the inconsistent text of the same wording is still found.
The wordings are the genre's (see the detector's docstring); no report text is copied here.
"""

from __future__ import annotations

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str]]:
    return {(f.code, str(f.stated)) for f in audit_lines(lines) if f.severity.value == "error"}


# --- parts printed coarser than their total --------------------------------------------------

KINDS = ("2023年计划实施帮扶项目40个，帮扶资金2.4615亿元，其中续建项目25个，帮扶资金1.538亿元，"
         "新建项目15个，帮扶资金0.924亿元。")


def test_parts_rounded_coarser_than_the_total_agree_within_their_rounding() -> None:
    # 1.538 + 0.924 = 2.462: the parts are rounded to three places, the total to four
    assert ("sum-mismatch", "2.4615") not in _errors([KINDS])
    # off by more than the parts' rounding: still an error
    assert ("sum-mismatch", "2.4615") in _errors([KINDS.replace("0.924亿元", "0.994亿元")])
    assert ("sum-mismatch", "2.4515") in _errors([KINDS.replace("2.4615", "2.4515")])
    # parts as fine as the total keep the exact check
    fine = "下达资金100.25万元，其中中央资金60.12万元，省级资金40.15万元。"
    assert ("sum-mismatch", "100.25") in _errors([fine])
    assert _errors([fine.replace("40.15", "40.13")]) == set()


# --- funds of counted items under one name ----------------------------------------------------

def test_funds_of_different_counted_items_are_no_restatement() -> None:
    assert ("restated-mismatch", "1.538") not in _errors([KINDS])
    kinds = ("全年共实施衔接项目12个，衔接资金600万元，其中产业类项目8个，衔接资金360万元，"
             "基础设施类项目4个，衔接资金240万元。")
    assert _errors([kinds]) == set()
    # the parts not adding up are the sum's error, not a restatement
    assert _errors([kinds.replace("240万元", "250万元")]) == {("sum-mismatch", "600")}
    # the same counted items stated twice with two amounts are still one quantity
    twice = "产业类项目8个，衔接资金360万元，资金已全部到位，经核实产业类项目8个，衔接资金380万元。"
    assert ("restated-mismatch", "360") in _errors([twice])
    # no count before either figure: compared as before
    assert ("restated-mismatch", "360") in _errors(["衔接资金360万元已全部到位，衔接资金380万元已拨付。"])


# --- a proposed amount after a 其中 list ---------------------------------------------------

def test_an_amount_proposed_is_no_part_of_the_total_invested() -> None:
    text = ("已完成项目12个，总投资1120万元，其中帮扶资金1020万元，拟申请帮扶资金2240万元；"
            "其余项目正在实施。")
    assert _errors([text]) == set()
    for word in ("拟安排", "拟补助"):
        assert _errors([text.replace("拟申请", word)]) == set()
    # the part alone above the total is still an error
    assert ("sum-mismatch", "1120") in _errors([text.replace("1020", "1220")])
    # a list whose every part is proposed is read as before
    planned = "拟投入资金100万元，其中拟安排中央资金60万元，拟安排省级资金50万元。"
    assert ("sum-mismatch", "100") in _errors([planned])


# --- an exhaustive list cut off by the end of the text ----------------------------------

CUT = ("2022年项目支出60万元，分别是培训经费10万元，设备维护费15万元，宣传经费5万元，"
       "课题研究经费12万元，信息")


def _codes(lines: list[str]) -> set[tuple[str, str, str]]:
    return {(f.code, str(f.stated), f.severity.value) for f in audit_lines(lines)}


def test_a_list_cut_off_by_the_end_of_the_text_is_only_a_warning() -> None:
    # an excerpt stopping inside the list's next item: the missing items may make up the rest
    assert ("sum-mismatch", "60", "warning") in _codes(["一、项目概况", CUT])
    assert ("sum-mismatch", "60", "error") not in _codes(["一、项目概况", CUT])
    # the list that ends its sentence is complete: the shortfall is an error
    done = CUT.removesuffix("，信息") + "。"
    assert ("sum-mismatch", "60", "error") in _codes(["一、项目概况", done])
    # text after it: the line was not cut off
    assert ("sum-mismatch", "60", "error") in _codes([CUT, "二、绩效目标完成情况"])
    # parts already above the total are an error however many are missing
    assert ("sum-mismatch", "40", "error") in _codes([CUT.replace("60万元", "40万元")])


# --- groups of counted items under the year's total, in one paragraph ------------------------

GROUPS = ("全县重点项目当年计划投资50亿元，完成投资55亿元。圆满完成年度目标任务。其中：省级4项，"
          "概算投资80亿元，当年计划投资20亿元。市级6项，概算投资60亿元，当年计划投资18亿元。"
          "县级10项，概算投资40亿元，当年计划投资12亿元。")


def test_figures_of_counted_groups_are_not_the_total_restated() -> None:
    # a sentence opening with its group's count (省级4项，…) is about that group
    assert _errors([GROUPS]) == set()
    # the same group stated twice with two amounts is still found
    again = GROUPS + "经复核，市级6项，当年计划投资19亿元。"
    assert ("restated-mismatch", "18") in _errors([again])
    # a count of all the items (共N项) names the whole: compared with the total as before
    whole = "全县共实施项目8个，项目资金60万元，资金已全部拨付，项目资金65万元已到位。"
    assert ("restated-mismatch", "60") in _errors([whole])


def test_a_list_without_sentence_ends_ends_where_its_parts_make_the_total() -> None:
    # two breakdowns of one total run together (the full stop lost): the first two parts make
    # the total within their rounding, so the next figures are no parts of it
    text = ("计划实施帮扶项目40个，帮扶资金2.4615亿元，其中续建项目25个，帮扶资金1.538亿元，新建项目"
            "15个，帮扶资金0.924亿元 甲类项目12个，帮扶资金9615万元，乙类项目28个，帮扶资金15000万元")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "2.4615") in _errors([text.replace("1.538亿元", "1.638亿元")])


def test_one_counted_subject_is_no_group() -> None:
    # the beneficiaries counted once, the funds stated twice: still one quantity
    text = "补助对象120户，补助资金60万元。资金已全部拨付，补助资金65万元已发放到户。"
    assert ("restated-mismatch", "60") in _errors([text])


# --- second round (i12f): 44 more published texts -------------------------------------------
# (hand-written texts in the wordings and layouts met; the figures are made up)
#
# The budget system's own names hold 预算 without naming the project's allocation.

TOWN = ("全镇本级一般公共预算收入实现120万元，其中税收收入100万元，非税收入20万元。加上上级补助收入、"
        "上年结转、动用预算稳定调节基金等380万元，收入总计500万元。",
        "全镇本级一般公共预算支出500万元，当年实现收支平衡。",
        "全镇一般公共预算财力500万元。由一般公共预算收入120万元，加上级补助收入、动用预算稳定调节"
        "基金等380万元构成。")


def test_names_of_the_budget_system_are_no_project_allocation() -> None:
    # a town's income and spending under the four budgets' names: several amounts, no one
    # allocation stated with an odd value
    assert _errors(list(TOWN)) == set()
    for kind in ("政府性基金预算", "国有资本经营预算"):
        assert _errors([t.replace("一般公共预算", kind) for t in TOWN]) == set()
    # the project's allocation stated three times, once differently, is still found — also
    # when a budget-system name stands before its name
    funds = ["一般公共预算安排项目资金100万元，用于购置设备。", "下达项目资金100万元，全部到位。",
             "项目资金120万元，用于购置设备。"]
    assert ("restated-mismatch", "120") in _errors(funds)


# A transfer payment's report tells each allocation by its document and breaks each down in a
# sentence of its own; the item names are long.

BATCHES = ("根据甲财农〔2021〕10号文件，下达资金28.6万元，其中：国家级公益林补偿资金10万元，"
           "集体和个人商品林管护补助6.5万元，天然商品林停伐管护补助1.6万元，造林补助2.4万元，"
           "有害生物防治费8.1万元。根据甲财农〔2021〕35号文件，下达资金9.3万元，其中：退耕还林"
           "抚育补助0.5万元，上一轮集体和个人国家级公益林补助2.9万元，上一轮退耕还林生态林补助"
           "1.3万元，造林补助2.6万元，森林抚育补助2万元。")


def test_allocations_by_different_documents_are_no_restatement() -> None:
    assert _errors([BATCHES]) == set()
    # the numbers printed with square or lenticular brackets, or damaged (bracket lost)
    for a, b in (("〔", "["), ("〕", "]"), ("〔", "【"), ("〕", "】"), ("〔2021〕35", "〔202135")):
        assert _errors([BATCHES.replace(a, b)]) == set()
    # the same document's allocation stated again with another amount is still found
    again = BATCHES + "经核实，根据甲财农〔2021〕10号文件，下达资金28.4万元。"
    assert ("restated-mismatch", "28.6") in _errors([again])
    # without the documents, the two equally named amounts are still compared
    bare = BATCHES.replace("根据甲财农〔2021〕10号文件，", "").replace("根据甲财农〔2021〕35号文件，", "")
    assert ("restated-mismatch", "28.6") in _errors([bare])


def test_parts_of_a_long_list_keep_their_whole() -> None:
    # the later parts stand far from their 其中: still parts of their own batch
    named = (BATCHES.replace("根据甲财农〔2021〕10号文件，下达资金", "第一批下达资金")
             .replace("根据甲财农〔2021〕35号文件，下达资金", "第二批下达资金"))
    assert _errors([named]) == set()
    # the whole hidden by a repost (its figure masked): the lists are still two
    masked = named.replace("28.6万元", "****万元").replace("9.3万元", "****万元")
    assert _errors([masked]) == set()
    # one part restated in its own batch's list is still found
    again = named + "经核实，第一批下达资金28.6万元，其中造林补助2.7万元。"
    assert ("restated-mismatch", "2.4") in _errors([again])


# A batch's breakdown may list reductions, and a repost may hide an item's amount.

ADJUSTED = ("下达资金4.4万元，其中：国家级公益林补偿资金调减2.4万元，造林补助2.6万元，"
            "公益林补助2.9万元，生态林补助1.3万元。")


def test_a_reduction_in_a_list_is_taken_off() -> None:
    assert _errors([ADJUSTED]) == set()  # (−2.4 + 2.6 + 2.9 + 1.3 = 4.4)
    for word in ("核减", "调出", "收回"):
        assert _errors([ADJUSTED.replace("调减", word)]) == set()
    # the parts with the reduction taken off above the total: still an error
    assert ("sum-mismatch", "1.5") in _errors([ADJUSTED.replace("4.4万元", "1.5万元")])
    # the reduction counted as a part was the false reading: 2.4 + 2.6 + 2.9 + 1.3
    assert ("sum-mismatch", "9.2") not in _errors([ADJUSTED.replace("4.4万元", "9.2万元")])
    # a total of reductions is their sum, each named a reduction
    assert _errors(["共调减资金50.00万元，其中：甲项目调减20.00万元，乙项目调减30.00万元。"]) == set()


def test_an_amount_hidden_by_the_page_leaves_the_list_open() -> None:
    hidden = ADJUSTED.replace("4.4万元", "1.5万元").replace("其中：", "其中：退耕还林抚育 点击查看>> 万元，")
    assert _errors([hidden]) == set()  # beside a reduction, the hidden amount may be either way
    for mask in ("****", "xx", "____", "（略）"):
        assert _errors([hidden.replace(" 点击查看>> ", mask)]) == set()
    # parts that can only add, above the total: a contradiction whatever is hidden
    plain = "下达资金5.00万元，其中：退耕还林抚育****万元，造林补助2.60万元，公益林补助2.90万元。"
    assert ("sum-mismatch", "5.00") in _errors([plain])
    # short of the total: the hidden amount may make it up
    assert _errors([plain.replace("5.00万元", "8.00万元")]) == set()


# Misses: what stands between a total and its 其中 in the genre's wordings.

def test_a_total_shared_out_before_its_breakdown() -> None:
    # a transfer payment's total shared out to the cities ("进行了合理分解，已全部分解到位")
    text = "对中央资金5200万元进行了合理分解，已全部分解到位，其中甲市700万元、乙市4500万元。"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "5200") in _errors([text.replace("4500", "4560")])
    for words in ("进行了科学分配，", "已全部分配到位，", "予以分解，已全部下达，"):
        variant = text.replace("进行了合理分解，已全部分解到位，", words)
        assert _errors([variant]) == set()
        assert ("sum-mismatch", "5200") in _errors([variant.replace("4500", "4560")])
    # a clause saying something else about it still ends the reading
    other = text.replace("进行了合理分解，已全部分解到位，", "用于全省一百二十个水毁修复和抗旱应急项目建设，")
    assert _errors([other.replace("4500", "4560")]) == set()


def test_an_amounts_share_of_the_budget_and_its_change_before_its_breakdown() -> None:
    # the 决算 wording: 为年初预算的x%，比上年增长y%，其中…
    text = ("全镇一般公共预算收入实现150.20万元，为年初预算的112.3%，比上年增长8.0%，"
            "其中税收收入140.10万元，增长12.5%；非税收入10.10万元。")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "150.20") in _errors([text.replace("140.10", "150.10")])
    for change in ("较上年下降8.0%", "比2021年增长8.0%", "同比增长8.0%"):
        variant = text.replace("比上年增长8.0%", change)
        assert ("sum-mismatch", "150.20") in _errors([variant.replace("140.10", "150.10")])
    # the change broken down (增加…，增加…) is no breakdown of the amount
    assert _errors(["收入100万元，比上年增长20%，其中税收增加15万元，非税增加5万元。"]) == set()


# Misses: the growth of an amount stated as "A X，比上年增加Y，增幅Z%" among other figures.

def test_the_growth_compares_the_figure_right_before_it() -> None:
    text = "今年分三批下达建设资金180亿元，比上年增加30亿元，增幅达到20%。"
    assert _errors([text]) == set()  # (180 − 30 = 150; 30 ÷ 150 = 20%)
    assert ("growth-mismatch", "25") in _errors([text.replace("20%", "25%")])
    area = ("全市粮食播种面积800万亩，其中优质稻面积600万亩，优质稻面积中高档优质稻150万亩，"
            "比2020年增加30万亩，增幅25%，优质品率80%。")
    assert _errors([area]) == set()
    assert ("growth-mismatch", "28") in _errors([area.replace("25%", "28%")])
    for change in ("较上年增加", "同比增加"):
        assert ("growth-mismatch", "28") in _errors(
            [area.replace("比2020年增加", change).replace("25%", "28%")])
    # the change not opening right after a figure: which one it compares is not said
    loose = area.replace("150万亩，比2020年增加", "150万亩，全市比2020年增加")
    assert _errors([loose.replace("25%", "28%")]) == set()


def test_an_item_named_in_the_part_before_it_is_a_part_of_that_part() -> None:
    # "其中A面积…，A面积中B…": B is part of A, not a second part of the total
    text = "全市粮食播种面积800万亩，其中优质稻面积600万亩，优质稻面积中高档优质稻250万亩。"
    assert _errors([text]) == set()
    # a sibling part above the total is still found
    sibling = text.replace("优质稻面积中高档优质稻", "普通稻面积")
    assert ("sum-mismatch", "800") in _errors([sibling])
    # two parts of a part above it: an error as for the amounts that 占 of it
    two = text.replace("250万亩。", "371万亩，优质稻面积中常规优质稻271万亩。")
    assert ("sum-mismatch", "600") in _errors([two])


# Misses: a total's kinds told in sentences of their own, each with its own remark.

KINDS_TOLD = ("2020年，全市获得种粮大户奖励资金1650万元。其中，常规种粮大户奖励资金1580万元，"
              "获奖户94个。超级种粮大户奖励资金70万元，获奖户5个。")


def test_kinds_of_the_total_told_sentence_by_sentence() -> None:
    assert _errors([KINDS_TOLD]) == set()
    assert ("sum-mismatch", "1650") in _errors([KINDS_TOLD.replace("资金70万元", "资金80万元")])
    assert ("sum-mismatch", "1650") in _errors(
        [KINDS_TOLD.replace("其中，", "其中：").replace("资金70万元", "资金80万元")])
    # amounts of other names in the next sentences are no parts: only a shared head word (资金)
    other = ("下达资金100万元。其中，产业发展资金60万元，已拨付。基础设施资金40万元，已拨付。"
             "结转资金30万元，用于下年。")
    assert _errors([other]) == set()


# Misses: one total broken down one way after another (按…分), the prose twin of the 部门整体
# form's 按收入性质分/按支出性质分 rows.

BY_WAYS = ("省财政共下达专项补助资金合计180万元。按资金使用方向分，仓库维修资金100万元，物流和园区"
           "建设资金50万元，储备库建设资金30万元；按资金使用单位分，甲储备库120万元，乙公司60万元；"
           "按下达年度分，2019年20万元，2020年70万元，2021年90万元。")


def test_each_way_of_breaking_a_total_down_adds_up_to_it() -> None:
    assert _errors([BY_WAYS]) == set()
    # each list against the same total, not against the last part of the list before it
    assert _errors([BY_WAYS.replace("建设资金30", "建设资金40")]) == {("sum-mismatch", "180")}
    assert _errors([BY_WAYS.replace("2021年90", "2021年100")]) == {("sum-mismatch", "180")}
    assert _errors(["下达资金70万元，按项目分：甲项目30万元，乙项目50万元。"]) == {("sum-mismatch", "70")}
    # short of it: a warning (a part may be named without its amount)
    short = _codes([BY_WAYS.replace("120万元", "110万元")])
    assert ("sum-mismatch", "180", "warning") in short
    assert not any(sev == "error" for _, _, sev in short)
    assert _errors([BY_WAYS.replace("甲储备库120万元，", "甲储备库资金尚未拨付，")]) == set()
    # 按比例分配 shares it out by a rule: no breakdown
    assert _errors(["下达资金70万元，按比例分配，甲项目30万元，乙项目50万元。"]) == set()


# Misses: an allocation table whose groups' 合计 rows head their members.

SHARES = ["单位：万元", "地区 | 已预下达 | 本次下达 | 合计下达 |",
          "全省合计 | 1500 | 400 | 1900 |",
          "甲市合计 | 1380 | 380 | 1760 |", "甲县 | 600 | 180 | 780 |", "乙县 | 780 | 200 | 980 |",
          "乙市合计 | 120 | 20 | 140 |", "丙县 | 100 | 20 | 120 |", "丁县 | 20 | 0 | 20 |",
          "丙市合计 | 0 | 0 | 0 |", "戊县 | 0 | 0 | 0 |"]


def test_a_groups_total_heading_its_members() -> None:
    assert _errors(SHARES) == set()
    wrong = [row.replace("乙县 | 780", "乙县 | 720") for row in SHARES]
    assert ("sum-mismatch", "1380") in _errors(wrong)
    # one cell per row of a web page (a blank line between rows) reads the same
    spaced = [x for row in SHARES for x in (row, "")]
    assert ("sum-mismatch", "1380") in _errors([row.replace("乙县 | 780", "乙县 | 720") for row in spaced])
    # the last group, not closed by another group's total (the excerpt or the page ends),
    # proves nothing
    cut = SHARES[:9]
    smaller = ("丁县 | 20 | 0 | 20 |", "丁县 | 10 | 0 | 10 |")
    assert ("sum-mismatch", "120") in _errors([r.replace(*smaller) for r in SHARES])
    assert _errors([r.replace(*smaller) for r in cut]) == set()
    # a plain 合计 row with its members under it is read as before
    plain = ["单位：万元", "地区 | 已预下达 | 本次下达 |", "合计 | 1500 | 400 |", "甲县 | 600 | 180 |",
             "乙县 | 780 | 200 |", "丙县 | 120 | 20 |"]
    assert _errors(plain) == set()
    assert ("sum-mismatch", "1500") in _errors([r.replace("乙县 | 780", "乙县 | 720") for r in plain])


# Misses: a total column of a table (合计下达 after its columns, 小计 heading its group).

BATCH_TABLE = ["单位：万元", "地区 | 已预下达 | 本次下达 | 合计下达 |", "甲县 | 600 | 180 | 780 |",
               "乙县 | 780 | 200 | 980 |", "丙县 | 500 | 150 | 650 |"]
KINDS_TABLE = ["镇街 年度任务（户） 第一批已拨付（万元） 本次应拨付（万元） 备注",
               "小计 C级 D级 无房 C级 D级 无房 小计 C级 D级 无房",
               "甲街道 7 2 5 0 1.5 0 0 17.5 0 17.5 0 追减“甲项目”10.5万元",
               "乙镇 20 8 9 3 4.5 10.5 0 28 1.5 21 5.5",
               "丙镇 15 5 6 4 3 7 14 24.5 1.5 14 9 追减“乙项目”2.5万元",
               "丁镇 1 1 0 0 0.75 0 0 0 0 0 0"]


def test_a_total_column_adds_up_its_row() -> None:
    assert _errors(BATCH_TABLE) == set()
    assert ("sum-mismatch", "980") in _errors([r.replace("乙县 | 780", "乙县 | 720") for r in BATCH_TABLE])
    # printed without borders, the header over two lines, remarks after the numbers
    assert _errors(KINDS_TABLE) == set()
    assert ("sum-mismatch", "20") in _errors([r.replace("乙镇 20 8 9 3", "乙镇 20 8 9 4")
                                              for r in KINDS_TABLE])
    assert ("sum-mismatch", "28") in _errors([r.replace("28 1.5 21 5.5", "28 1.5 21 6.5")
                                              for r in KINDS_TABLE])
    # a 合计 that is no sum of the columns before it (单价 × 数量) fails in most rows: not read
    priced = ["设备 | 单价 | 数量 | 合计 |", "甲 | 2 | 3 | 6 |", "乙 | 5 | 2 | 10 |", "丙 | 4 | 4 | 16 |"]
    assert _errors(priced) == set()
    counted = ["设备 | 台数 | 金额 | 合计 |", "甲 | 2 | 3 | 5 |", "乙 | 5 | 2 | 10 |", "丙 | 4 | 4 | 16 |"]
    assert _errors(counted) == set()


# Misses: the change told in the sentence after the amount (决算 and 部门整体 wording).

def test_the_growth_of_the_amount_stated_the_sentence_before() -> None:
    text = "2019年收入总计1260.00万元。比2018年增加60.00万元，2019年比2018年增加5.00%。"
    assert _errors([text]) == set()  # (60 ÷ 1200 = 5%)
    assert ("growth-mismatch", "5.50") in _errors([text.replace("5.00%", "5.50%")])
    colon = "1、收入：880.00万元。同比上年度增加80.00万元，增加10.00%。"
    assert _errors([colon]) == set()
    assert ("growth-mismatch", "12.00") in _errors([colon.replace("10.00%", "12.00%")])
    both = ("2021年度收入总计2,200.00万元，支出总计2,200.00万元。收支较上年决算数减少200.00万元、"
            "下降8.33%，主要原因是甲项目收支1,000万元、乙资金收支500万元，本年无该项目。")
    assert _errors([both]) == set()
    assert ("growth-mismatch", "10") in _errors([both.replace("下降8.33%", "下降10%")])
    # the sentence before states two different amounts: which one changed is not said
    two = "收入总计120万元，支出总计110万元。较上年增加20万元，增长30%。"
    assert _errors([two]) == set()
    # a change against another amount than last year's (较年初…) is not read across sentences
    assert _errors(["年初预算100万元。较年初增加20万元，增长20%。"]) == set()


# --- third round (i13f): 18 more published texts and genre sentences built to tempt ---------
# (hand-written texts in the wordings and layouts met; the figures are made up. Each wording
# is written in several variants: with and without full stops, with the figures' brackets.)

def _variants(text: str) -> list[list[str]]:
    """The text as one line, without its full stops, and cut into its sentences."""
    return [[text], [text.replace("。", "")], [s + "。" for s in text.split("。") if s]]


# A part of a 其中 list broken down by its own 分别 list (the batches of a transfer payment,
# each shared out among projects).

NESTED = ("获得专项资金800万元，其中第一批资金500万元，分别支持甲项目200万元、乙项目180万元、"
          "丙项目120万元；第二批资金300万元，分别支持丁项目100万元、戊项目200万元。")


def test_a_part_broken_down_by_its_own_list_is_no_list_of_parts() -> None:
    for verb in ("支持", "安排", "用于", "补助", "奖补"):
        for lines in _variants(NESTED.replace("支持", verb)):
            assert _errors(lines) == set(), (verb, lines)
    # glued to the total without a comma, as a web page prints it
    assert _errors([NESTED.replace("万元，其中", "万元其中")]) == set()
    # a batch above the whole is still an error
    assert ("sum-mismatch", "450") in _errors([NESTED.replace("800万元", "450万元")])
    # the batches themselves not adding up are still found where no 分别 breaks them down
    plain = "获得专项资金800万元，其中第一批资金500万元，第二批资金350万元。"
    assert ("sum-mismatch", "800") in _errors([plain])


# 共 before the verb of an amount (共安排, 共支出, 共下达) states a total: with the full stop
# lost, the next sentence's total is no part of the list before it.

TWO_TOTALS = ("2018年共安排救助资金1000万元，其中城乡低保800万元、特困供养120万元、临时救助80万元"
              "（含新生入学补助、助学计划等）。2018年共支出救助资金2500万元，其中城乡低保2000万元、"
              "特困供养300万元、临时救助200万元。")


def test_a_total_stated_with_gong_and_its_verb_ends_the_list_before_it() -> None:
    for verb in ("支出", "下达", "拨付", "使用"):
        for lines in _variants(TWO_TOTALS.replace("共支出", "共" + verb)):
            assert _errors(lines) == set(), (verb, lines)
    # a part off is still found, in either list
    assert ("sum-mismatch", "1000") in _errors([TWO_TOTALS.replace("80万元", "90万元")
                                                 .replace("。", "")])
    assert ("sum-mismatch", "2500") in _errors([TWO_TOTALS.replace("200万元", "250万元")])
    # 共 inside 公共 names no total: a part named 公共… stays a part
    public = "下达资金100万元，其中：公共服务60万元、公共设施50万元。"
    assert ("sum-mismatch", "100") in _errors([public])


# A budget's two sides (收入 / 支出), each with its total and breakdown, stated one after the
# other (决算 texts; the 部门整体 forms' 收入/支出 rows).

SIDES = ("收入合计500万元，其中财政拨款收入450万元、其他收入50万元；支出合计480万元，"
         "其中基本支出330万元、项目支出150万元。")


def test_the_parts_of_one_side_are_no_parts_of_the_other_sides_total() -> None:
    for lines in _variants(SIDES):
        assert _errors(lines) == set(), lines
    assert _errors([SIDES.replace("收入", "收").replace("收合计", "收入合计")]) == set()
    # each side's own breakdown off is still found
    assert ("sum-mismatch", "480") in _errors([SIDES.replace("150万元", "160万元")])
    # parts of its own side before the sum word are still summed
    own = "基本支出330万元、项目支出160万元，支出合计480万元。"
    assert ("sum-mismatch", "480") in _errors([own])


# A score sheet numbered on two levels (一、决策 over （一）项目立项): the 合计 takes the first
# level, each first-level row its second-level rows.

SHEET = ["评价指标 | 分值 | 得分",
         "一、决策 | 15 | 14", "（一）项目立项 | 6 | 6", "（二）绩效目标 | 5 | 4", "（三）资金投入 | 4 | 4",
         "二、过程 | 25 | 23", "（一）资金管理 | 15 | 14", "（二）组织实施 | 10 | 9",
         "三、产出 | 40 | 38", "（一）产出数量 | 40 | 38",
         "四、效益 | 20 | 19", "（一）项目效益 | 12 | 11", "（二）满意度 | 8 | 8",
         "合计 | 100 | 94"]


def test_a_score_sheet_numbered_on_two_levels() -> None:
    assert _errors(SHEET) == set()
    spaced = [ln.replace(" | ", "  ") for ln in SHEET]
    assert _errors(spaced) == set()
    # a remark cell (扣分原因) filled on some rows only is no amount: the rows are all read
    remark = [ln.replace("（二）绩效目标 | 5 | 4", "（二）绩效目标 | 5 | 4 | 目标未细化") for ln in SHEET]
    assert _errors(remark) == set()
    assert ("sum-mismatch", "95") in _errors([*remark[:-1], "合计 | 100 | 95"])
    # a remark holding a figure still cuts the rows: read from a （三） on, their 一、 row cut
    # off above them, the sheet is not judged
    cut = [ln.replace("（二）绩效目标 | 5 | 4", "（二）绩效目标 | 5 | 4 | 扣1分") for ln in SHEET]
    assert _errors(cut) == set()
    # a second-level score off is found against its first-level row, the 合计 against the first level
    off = [ln.replace("（三）资金投入 | 4 | 4", "（三）资金投入 | 4 | 3") for ln in SHEET]
    assert ("sum-mismatch", "14") in _errors(off)
    assert ("sum-mismatch", "95") in _errors([*SHEET[:-1], "合计 | 100 | 95"])
    # a table of amounts with a 备注 column filled on some rows
    notes = ["项目 | 预算数（万元） | 执行数（万元） | 备注", "甲村 | 60 | 57 | 已完工", "乙村 | 40 | 40 | ",
             "丙村 | 20 | 18 | 尾款未付", "合计 | 120 | 115 | "]
    assert _errors(notes) == set()
    assert ("sum-mismatch", "125") in _errors([*notes[:-1], "合计 | 120 | 125 | "])


# Amounts of one name each qualified by its own remark after it (the batches of an allocation).

def test_amounts_with_different_remarks_after_them_are_two_quantities() -> None:
    text = "下达资金100万元（第一批），下达资金50万元（第二批），共下达150万元。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    assert _errors([text.replace("（", "(").replace("）", ")")]) == set()
    # the same remark twice, or a remark that breaks the amount down, keeps them one quantity
    same = "下达资金100万元（第一批），下达资金50万元（第一批）。"
    assert ("restated-mismatch", "100") in _errors([same])
    part = "下达资金100万元（含结转10万元），下达资金90万元。"
    assert ("restated-mismatch", "100") in _errors([part])


# An allocation to a recipient named after its amount (下达资金80万元到乙镇) is that recipient's.

def test_allocations_to_different_recipients_are_two_quantities() -> None:
    text = "下达资金100万元到甲镇。下达资金80万元到乙镇。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    assert _errors([text.replace("到", "拨付给")]) == set()
    # to the same recipient, or with none, still one quantity stated twice
    again = text.replace("乙镇", "甲镇")
    assert ("restated-mismatch", "80") in _errors(again.split("。")[:2])
    assert ("restated-mismatch", "100") in _errors([again])
    bare = ["下达资金100万元。", "下达资金80万元。"]
    assert ("restated-mismatch", "80") in _errors(bare)


# An execution rate of another period (累计, 截至6月, 上年) than the spending named beside it.

def test_a_rate_of_another_period_divides_what_is_not_said() -> None:
    for word in ("累计", "开累", "截至6月", "上年"):
        text = f"当年预算100万元，当年支出95万元，当年执行率95%，{word}执行率98%。"
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # the period named on both sides is compared
    both = "项目预算100万元，累计支出95万元，累计执行率98%。"
    assert ("rate-mismatch", "98") in _errors([both])
    # no period on the rate: compared as before
    assert ("rate-mismatch", "98") in _errors(["项目预算100万元，支出95万元，执行率98%。"])


# A satisfaction survey counted by its grades (非常满意, 满意, 基本满意): which grades the rate
# counts is not said.

def test_a_satisfaction_rate_over_graded_answers() -> None:
    for text in ("调查120人，非常满意100人，满意14人，满意度95%。",
                 "调查120人，非常满意100人，占83.33%，满意14人，占11.67%，综合满意度95%。",
                 "发放问卷120份，满意100份，基本满意14份，不满意6份，满意率95%。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # one answer counted: the rate is still checked
    for text in ("调查120人，满意114人，满意度90%。", "发放问卷120份，其中满意114份，满意率90%。"):
        assert ("rate-mismatch", "90") in _errors([text])


# Counts of each level in clauses of their own, then the names of one level (the 指标体系
# paragraph of a 评价报告): the list may be of any of the counts.

def test_a_list_after_a_series_of_counts_may_be_of_any_of_them() -> None:
    text = "共设置一级指标4个，二级指标9个，三级指标18个，分别为决策、过程、产出、效益。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    assert _errors([text.replace("，二级", "、二级")]) == set()
    # a list no count of the series gives is still wrong
    assert ("count-mismatch", "18") in _errors([text.replace("4个", "5个")])
    assert ("count-mismatch", "4") in _errors(["设置一级指标4个，分别为决策、过程、产出。"])


# Shares of one named whole, each part with its own (支出结构): a sibling part is no whole.

def test_a_part_with_its_own_share_of_the_named_whole_is_no_whole() -> None:
    for text in ("基本支出300万元，占总支出的60%；项目支出200万元，占总支出的40%。",
                 "基本支出300万元，占总支出的60%；项目支出200万元，占总支出的40%；总支出500万元。",
                 "总支出500万元，其中基本支出300万元，占总支出的60%，项目支出200万元，占总支出的40%。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # against the whole itself, a share off is still found
    off = "总支出500万元，其中基本支出300万元，占总支出的60%，项目支出200万元，占总支出的30%。"
    assert ("share-mismatch", "30") in _errors([off])
    # a figure sharing another whole is still this share's whole
    other = "总支出500万元，占全县的10%；其中项目支出200万元，占总支出的30%。"
    assert ("share-mismatch", "30") in _errors([other])


# The score of another year, named by its year (与上年对比), and next year's budget are no
# restatement of this year's.

def test_another_years_score_and_next_years_budget_are_other_quantities() -> None:
    scores = ["该项目自评得分95分，等级为优。", "综合评价得分95分。", "2022年该项目自评得分88分。"]
    assert _errors(scores) == set()
    # the same year named, or none: the odd score is still found
    same = ["2023年该项目自评得分95分，等级为优。", "综合评价得分95分。", "2023年度项目自评得分88分。"]
    assert ("restated-mismatch", "88") in _errors(same)
    assert ("restated-mismatch", "88") in _errors([s.replace("2022年", "") for s in scores])
    budget = ["一、项目基本情况", "本项目预算资金100万元，用于设备购置。", "二、绩效目标完成情况",
              "项目预算资金100万元，全年支出95万元，执行率95%。", "三、存在问题",
              "项目预算资金编制不够细化，下年度预算资金120万元。"]
    for word in ("下年度", "下一年度", "明年"):
        assert _errors([b.replace("下年度", word) for b in budget]) == set()
    assert ("restated-mismatch", "120") in _errors([b.replace("下年度", "") for b in budget])


# An expense named for its use (工作经费, 培训经费) beside the project's allocation stated twice,
# and two wholes of one name (an allocation and its revision), each broken down.

def test_a_named_expense_is_no_statement_of_the_projects_funds() -> None:
    for verb, use in (("安排", "工作经费"), ("下达", "培训经费"), ("安排", "宣传费")):
        text = [f"{verb}项目资金100万元，用于道路建设。", f"{verb}资金100万元已全部到位。",
                f"{verb}{use}10万元，用于项目宣传。"]
        assert _errors(text) == set(), text
    # the funds under another name of the funds, with another value, are still found
    funds = ["下达项目资金100万元，用于道路建设。", "下达资金100万元已全部到位。",
             "下达项目经费120万元，用于道路建设。"]
    assert ("restated-mismatch", "120") in _errors(funds)


def test_parts_of_two_wholes_of_one_name_are_not_compared() -> None:
    text = ("2021年中央补助资金400万元，其中一般项目360万元，绩效奖励40万元。追减中央补助资金"
            "200万元。2021年中央补助资金200万元，其中一般项目170万元，绩效奖励30万元。")
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    # one whole stated twice with one part changed is still a restatement
    again = text.replace("200万元。2021年中央补助资金200万元，其中一般项目170万元，绩效奖励30万元",
                         "200万元。2021年中央补助资金400万元，其中一般项目360万元，绩效奖励45万元")
    assert ("restated-mismatch", "40") in _errors([again])


# The budget's execution as a first level of its own (预算执行率(10分)) in a table whose rows
# print their second levels with points, its blank 二级 cell dropped by blank-separated text.

POINTED = ["一级指标 | 二级指标 | 三级指标 | 分值 | 得分",
           "产出指标（50分） | 数量指标（20分） | 培训人数 | 10 | 10",
           "产出指标（50分） | 数量指标（20分） | 培训场次 | 10 | 10",
           "产出指标（50分） | 质量指标（15分） | 合格率 | 15 | 15",
           "产出指标（50分） | 时效指标（15分） | 及时率 | 15 | 15",
           "效益指标（30分） | 社会效益（30分） | 就业率 | 30 | 28",
           "满意度指标（10分） | 满意度（10分） | 满意度 | 10 | 10",
           "预算执行率（10分） | | 执行率 | 10 | 9.5",
           "总分 | | | 100 | 97.5"]


def _layouts(lines: list[str]) -> list[list[str]]:
    """The table with its cells cut by blanks, by tabs, and one cell per line (blank cells dropped)."""
    rows = [[c.strip() for c in ln.split("|") if c.strip()] for ln in lines]
    return [["  ".join(r) for r in rows], ["\t".join(r) for r in rows],
            [c for r in rows for c in [*r, ""]]]


def test_the_budgets_execution_is_a_first_level_of_its_own() -> None:
    assert _errors(POINTED) == set()
    for lines in _layouts(POINTED):
        assert _errors(lines) == set(), lines
    # a row over its second level's points under the same first level is still found
    over = [*POINTED[:7], "满意度指标（10分） | 满意度（10分） | 投诉处理率 | 10 | 10", *POINTED[7:]]
    for lines in (over, *_layouts(over)):
        assert any(code == "weights-sum-mismatch" for code, _ in _errors(lines)), lines


# A payment made by the contract or by the works' progress (按合同约定, 按工程进度): its rate is
# of what was due by then, not of the budget.

def test_a_payment_rate_by_the_contract_or_the_works_progress() -> None:
    for basis in ("已严格按合同约定和施工进度及时足额", "按照工程进度", "已按项目实施进度", "按协议"):
        text = f"年初预算安排专项资金200万元，{basis}拨付资金66.86万元，资金拨付进度100%。"
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # without a basis the rate is of the funds named: still an error
    bare = "年初预算安排专项资金200万元，已拨付资金66.86万元，资金拨付进度100%。"
    assert ("rate-mismatch", "100") in _errors([bare])


# Last year's grade after this year's score (与上年对比): its own clause names the period.

def test_a_grade_of_another_period_after_the_score() -> None:
    for text in ("经评价，项目自评得分95分，较上年提高3分，上年自评等级为良。",
                 "经评价，项目自评得分95分，2022年度自评等级为良。",
                 "经评价，项目自评得分95分，去年同期评价等级为良。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # this year's grade after a comparison, or the year of the score named again: still checked
    for text in ("经评价，项目自评得分85分，较上年提高3分，等级为优。",
                 "2023年度项目自评得分95分，2023年度自评等级为良。"):
        assert any(code == "grade-mismatch" for code, _ in _errors([text])), text


# A year's spending against that year's share of an allocation broken down by years.

def test_a_years_spending_over_that_years_share() -> None:
    text = "下达资金100万元，其中2023年10万元、2024年90万元；2023年支出10万元，执行率100%。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    # no reading gives the rate: still an error
    assert ("rate-mismatch", "100") in _errors([text.replace("支出10万元", "支出8万元")])
    assert ("rate-mismatch", "98") in _errors(["项目资金100万元，2023年支出95万元，执行率98%。"])


# Prose rates beside a funds table: each source row's rate, a moment of the year, another year
# compared — none of them the table's 执行数 ÷ 预算数.

FUNDS_TABLE = ["项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
               "年度资金总额 | 100 | 120 | 114 | 10 | 95% | 9.5",
               "其中：当年财政拨款 | 100 | 100 | 96 | — | 96% | —",
               "上年结转资金 | 0 | 20 | 18 | — | 90% | —"]


def test_prose_rates_of_a_source_row_a_moment_or_another_year() -> None:
    for text in ("全年支出114万元，预算执行率95%。其中当年财政拨款执行率96%，上年结转资金执行率90%。",
                 "上年结转资金20万元，支出18万元，执行率90%；当年财政拨款100万元，支出96万元，执行率96%。",
                 "截至6月底，项目支出60万元，执行率50%；全年支出114万元，执行率95%。",
                 "2022年该项目执行率88%，自评得分90分；2023年执行率95%，自评得分99.5分。"):
        for lines in _variants(text):
            assert _errors([*lines, *FUNDS_TABLE]) == set(), lines
    # the project's own rate against the table: still compared
    for text in ("全年支出114万元，预算执行率96%。", "截至12月31日，项目支出114万元，执行率96%。",
                 "2023年项目执行率96%，较2022年提高8个百分点。"):
        assert any(code == "restated-mismatch" for code, _ in _errors([text, *FUNDS_TABLE])), text


# A part named again with a spending verb (其中中央资金80万元，中央资金支出76万元) is that part's
# spending, no second part.

def test_a_parts_own_spending_is_no_part() -> None:
    for verb in ("支出", "已支付", "使用", "到位"):
        text = f"项目资金100万元，其中中央资金80万元，中央资金{verb}76万元，省级资金20万元。"
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    assert ("sum-mismatch", "100") in _errors(["项目资金100万元，其中中央资金80万元，省级资金30万元。"])


# A bracket breaking a total down one way after another (by sex；by status).

def test_a_bracket_with_two_divisions_of_its_total() -> None:
    for text in ("共聘用公益性岗位人员60人（男性35人，女性25人；其中脱贫人口40人）。",
                 "共培训120人次（男性70人次、女性50人次；其中脱贫人口30人次、监测对象10人次）。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # a division off is still found, in either place
    hired = "共聘用公益性岗位人员60人（男性35人，女性25人；其中脱贫人口40人）。"
    assert ("sum-mismatch", "60") in _errors([hired.replace("女性25人", "女性30人")])
    assert ("sum-mismatch", "60") in _errors([hired.replace("40人", "40人、监测对象30人")])
    # a 其中 after a ； right after its one total is still that total's breakdown
    assert ("sum-mismatch", "100") in _errors(["项目资金100万元；其中中央资金60万元，省级资金50万元。"])


# Items that alternate an amount and what of it was spent or paid; each part's payment in a
# bracket after it.

def test_alternating_amounts_and_payments_are_no_list_of_parts() -> None:
    for text in ("A项目预算30万元，实际支出28万元；B项目预算70万元，实际支出70万元；合计预算100万元，"
                 "实际支出98万元。",
                 "一是中央资金60万元，已支付54万元；二是省级资金40万元，已支付36万元；共计100万元，"
                 "已支付90万元，支付率90%。",
                 "其中，中央资金60万元（已拨付55万元），省级资金40万元（已拨付40万元）。项目资金合计100万元。",
                 "合同包1：预算30万元，中标价28万元；合同包2：预算20万元，中标价17.6万元；合计中标45.6万元。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    # parts of one kind, or of one measure, before their sum are still summed
    assert ("sum-mismatch", "100") in _errors(["中央资金60万元、省级资金50万元，合计100万元。"])
    assert ("sum-mismatch", "600") in _errors(["上半年拨付200万元，下半年拨付300万元，共计拨付600万元。"])
    # one amount stated twice with two payments is still a restatement
    twice = "项目资金100万元（已拨付55万元），经核实项目资金100万元（已拨付50万元）。"
    assert ("restated-mismatch", "55") in _errors([twice])


# An average has no parts; a 收支 table of two sides printed one cell per line.

def test_an_average_has_no_parts() -> None:
    for word in ("年均投入", "平均每年投入"):
        text = f"近三年累计投入资金6000万元，{word}2000万元，其中2023年投入2500万元。"
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    assert ("sum-mismatch", "6000") in _errors(["近三年累计投入资金6000万元，其中2023年投入6500万元。"])


SIDE_BY_SIDE = ["收入 | 金额 | 支出 | 金额", "财政拨款收入 | 480 | 基本支出 | 300",
                "其他收入 | 20 | 项目支出 | 190", "收入合计 | 500 | 支出合计 | 490"]


def test_a_two_sided_table_one_cell_per_line() -> None:
    for lines in (SIDE_BY_SIDE, *_layouts(SIDE_BY_SIDE)):
        assert _errors(lines) == set(), lines
    # a one-sided table one cell per line is still summed
    one = ["项目", "金额（万元）", "基本支出", "300", "项目支出", "190", "支出合计", "500"]
    assert ("sum-mismatch", "500") in _errors(one)


# Parts listed after the whole's name and a breakdown word (项目总投资分为…), then their sum.

def test_parts_after_the_wholes_name_and_a_breakdown_word() -> None:
    text = "项目总投资分为建安工程费80万元、设备购置费15万元两部分，另有预备费5万元，合计100万元。"
    for word in ("分为", "主要有", "分解为"):
        for lines in _variants(text.replace("分为", word)):
            assert _errors(lines) == set(), lines
    off = text.replace("合计100万元", "合计110万元")
    assert ("sum-mismatch", "110") in _errors([off])


# Failures put right (已整改, 已返工) no longer fail: the pass rate may be after the remedy.

def test_a_pass_rate_after_the_failures_were_remedied() -> None:
    for text in ("抽检50件，其中不合格2件已整改，合格率100%。",
                 "抽检50件，不合格2件，均已整改到位，合格率100%。",
                 "抽检50件，不合格2件经返工后合格，合格率100%。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    assert ("rate-mismatch", "100") in _errors(["抽检50件，不合格2件，合格率100%。"])


# A report of several projects, each under its heading with its own score.

def test_scores_of_several_projects_under_their_headings() -> None:
    report = ["一、甲项目", "项目资金60万元，已全部拨付。", "自评得分95分。", "二、乙项目",
              "项目资金40万元，已拨付36万元。", "自评得分90分。", "三、丙项目", "项目资金50万元。",
              "自评得分95分。"]
    assert _errors(report) == set()
    assert _errors(["".join(report)]) == set()
    # one project's score stated three times, once differently, is still found
    one = ["一、项目概况", "项目资金60万元。", "项目自评得分95分。", "二、绩效分析", "综合得分95分。",
           "三、结论", "自评得分90分。"]
    assert ("restated-mismatch", "90") in _errors(one)


# A price per 学期/季度 with its period named first (每学期每生): what it comes to is unsaid.

def test_a_price_per_term_named_before_its_unit() -> None:
    for text in ("每学期每生补助500元，春秋两学期共补助200名学生，发放资金20万元。",
                 "每季度每人补助300元，全年补助100人，发放资金12万元。"):
        for lines in _variants(text):
            assert _errors(lines) == set(), lines
    assert ("product-mismatch", "20") in _errors(["每生每年补助500元，共补助200名学生，发放资金20万元。"])


# A subject opening its sentence (甲镇：…) names the sentence's later figures too.

def test_a_subject_opening_its_sentence_names_its_later_figures() -> None:
    text = "甲镇：项目资金50万元，已支付45万元。乙镇：项目资金30万元，已支付30万元。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    # without subjects the two payments of one named amount still differ
    bare = "项目资金50万元，已支付45万元。项目资金50万元，已支付40万元。"
    assert ("restated-mismatch", "45") in _errors([bare])


# The outcome measured of a whole (合格人数) after its 其中 list, the full stop lost.

def test_an_outcome_after_a_list_is_no_part() -> None:
    text = "培训人数200人，其中女性80人。培训结束后考核，合格人数190人，合格率95%。"
    for lines in _variants(text):
        assert _errors(lines) == set(), lines
    assert ("sum-mismatch", "200") in _errors(["培训人数200人，其中女性80人、男性130人。"])
