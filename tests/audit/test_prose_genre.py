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


def test_a_clause_or_a_remark_may_stand_between_total_and_its_list() -> None:
    relief = ("上级下达的补助资金总额118万元，对临河区设施农业发生灾害的情况进行补助，其中：白脑包镇补助资金"
              "10万元、城关镇补助资金2万元、临河农场补助资金35万元、干召庙镇补助资金71万元。")
    assert _errors([relief]) == set()
    assert ("sum-mismatch", "104") in _errors([relief.replace("118", "104")])
    aid = ("中央财政困难群众救助补助资金下达我区111万元(福财直〔2020〕67号)，其中低保、特困和临时救助"
           "资金100万元，孤儿基本生活保障金11万元。")
    assert _errors([aid]) == set()
    assert ("sum-mismatch", "78") in _errors([aid.replace("111", "78")])
    # a clause that names something else (with its own list) still cuts the link
    assert _errors(["下达资金100万元，用于甲村、乙村道路建设，其中甲村60万元，乙村70万元。"]) == set()


def test_a_blank_amount_in_a_bracketed_breakdown_adds_nothing() -> None:
    text = "实际支出503.8232万元(业务工作经费29.1465万元、专项经费474.6767万元、政府专项经费万元)。"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "443.3644") in _errors([text.replace("503.8232", "443.3644")])


def test_sources_of_funds_are_a_breakdown() -> None:
    text = ("示范项目总预算36,620万元，经调整后资金的来源为：中央财政补助10,000万元，省级财政补助"
            "5,000万元，地市财政补助15920万元，其他资金渠道5700万元。")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "31127") in _errors([text.replace("36,620", "31,127")])


def test_hectares_written_hm() -> None:
    text = "治理水土流失面积1429.39hm，其中坡改梯25.26hm，封育治理958.81hm，保土耕作412.83hm，经果林32.49hm。"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "1257.86") in _errors([text.replace("1429.39", "1257.86")])
    assert [f.unit for f in extract_line(1, "造林5hm²，经果林3hmm").figures] == ["公顷", ""]


# --- rates -----------------------------------------------------------------------------

def test_pdf_breaks_after_a_decimal_point_and_before_a_rate() -> None:
    text = ("1、烈士纪念设施维修项目:预算35. 3万元,2022年全 年实际支付35. 3万元,使用率 100%o具体评价"
            "范围为:独立墓。")
    assert _errors([text]) == set()
    assert ("rate-mismatch", "94") in _errors([text.replace("100%o", "94%o")])
    assert [str(f.value) for f in extract_line(1, "项目1. 2022年度, 3. 5名").figures] == ["1", "3", "5"]


def test_execution_rate_against_the_budget_of_the_paragraph_above() -> None:
    lines = ["百岁宫大气监测专项经费预算数为16万元。分别为运行维护经费10万元和电费6万元。",
             "(2)资金使用情况",
             "2021年度百岁宫大气监测专项项目经费实际执行数为10.01万元,预算执行率为63%。"]
    assert _errors(lines) == set()
    assert ("rate-mismatch", "58") in _errors([*lines[:2], lines[2].replace("63%", "58%")])
    # two budgets above: two readings — silent when either gives the rate (10.01 ÷ 20 = 50%),
    # an error when neither does (as for two budgets in the rate's own sentence)
    two = "百岁宫大气监测专项经费预算数为16万元，调整后预算数为20万元。"
    assert _errors([two, lines[1], lines[2].replace("63%", "50%")]) == set()
    assert ("rate-mismatch", "58") in _errors([two, lines[1], lines[2].replace("63%", "58%")])
    # another project's spending in between: which budget is not said
    other = "乙项目实际支出5万元。"
    assert _errors([lines[0], other, lines[2].replace("63%", "58%")]) == set()


def test_a_count_before_the_marker_is_the_total_when_the_parts_are_counted_alike() -> None:
    text = ("年度目标下设33个三级绩效指标,包括23个数量指标、2个质量指标、1个时效指标、1个成本指标、"
            "1个经济效益指标、1个社会效益指标、1个生态效益指标、1个可持续影响指标、2个服务对象满意度指标。")
    assert _errors([text]) == set()
    # 28 = 23+2+1+1+1 by chance: a 、 run is one list, its prefix no total of its own
    assert ("sum-mismatch", "28") in _errors([text.replace("33个", "28个")])
    # a count of the parts still stands between the money total and its list
    villages = "下达资金500万元，用于2个村，分别为甲村300万元、乙村250万元。"
    assert ("sum-mismatch", "500") in _errors([villages])


def test_an_amount_printed_without_its_unit_takes_its_parts_unit() -> None:
    text = "实际使用项目经费2225038.16，其中：物业管理费644138.16元、租赁费1580900元。预算执行率为100%"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "1780030.53") in _errors([text.replace("2225038.16", "1780030.53")])
    # parts in two units: which one the bare total is in is not said
    assert _errors(["项目经费100，其中：物业管理费60万元、租赁费500000元。"]) == set()


# --- over / under the plan --------------------------------------------------------------

def test_amount_over_the_plan_is_actual_minus_plan() -> None:
    rent = "2020年租赁补贴计划发放300户,实际发放366户,超额66户。"
    assert _errors([rent]) == set()
    assert ("sum-mismatch", "58") in _errors([rent.replace("超额66户", "超额58户")])
    assert ("sum-mismatch", "66") in _errors([rent.replace("366户", "322户")])
    pension = ("石台县申请基础养老金补贴90万元,缴费补贴9.65万元;2022年底实际领取待遇人数20154人,全年发放"
               "市级基础养老金93.34万元,超出预算金额3.34万元,享受市级缴费补贴人数5035人,缴费补贴19.71万元,"
               "超出预算金额10.06万元。")
    assert _errors([pension]) == set()
    assert ("sum-mismatch", "2.94") in _errors([pension.replace("金额3.34万元", "金额2.94万元")])
    assert ("sum-mismatch", "10.06") in _errors([pension.replace("9.65万元", "12.65万元")])
    assert _errors(["预算资金100万元，实际支出90万元，节约资金10万元。"]) == set()
    assert ("sum-mismatch", "12") in _errors(["预算资金100万元，实际支出90万元，节约资金12万元。"])


def test_over_the_plan_needs_one_plan_named_alike() -> None:
    # two earlier amounts share the actual's name equally: which plan is meant is not said
    tie = "申请养老金补贴90万元，缴费补贴9.65万元，补贴金额19.71万元，超出预算金额30万元。"
    assert _errors([tie]) == set()
    # no plan named in the sentence
    assert _errors(["甲项目支出100万元，乙项目支出150万元，超出30万元。"]) == set()


# --- products ----------------------------------------------------------------------------

def test_unit_cost_then_the_amount_it_comes_to() -> None:
    text = ("村集体投资种植优质李子树30亩，扣除土地租金、生产、劳务等费用成本每亩4000元，计12万元，"
            "可实现集体统一经营净收入3万元。")
    assert _errors([text]) == set()
    assert ("product-mismatch", "8") in _errors([text.replace("计12万元", "计8万元")])
    # without a result word the second amount may be the product as well: not read
    assert _errors([text.replace("计12万元", "另有补助8万元")]) == set()


def test_funding_sources_listed_after_an_amount_without_a_marker() -> None:
    text = ("年度完成基层医疗卫生机构实施基本药物制度补助2300.67万元,中央补助442.43万元,"
            "地方财政补助1858.24万元;")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "1955.57") in _errors([text.replace("2300.67", "1955.57")])
    # sources not named as kinds of the amount (补助 vs 资金) are not read as its parts
    assert _errors(["下达补助100万元,中央资金80万元,地方资金50万元。"]) == set()


def test_an_adjusted_amount_is_the_first_plus_or_minus_the_adjustments() -> None:
    aid = ("2021年中央财政困难群众救助补助资金下达我区111万元(福财直〔2020〕67号),其中低保、特困和临时救助"
           "资金100万元,孤儿基本生活保障金11万元,调减40万元(福财直〔2021〕29号),全年实际下达71万元。")
    assert _errors([aid]) == set()
    assert ("sum-mismatch", "57") in _errors([aid.replace("71万元", "57万元")])
    budget = "年初预算100万元，年中追加20万元，调减5万元，调整后预算115万元。"
    assert _errors([budget]) == set()
    assert ("sum-mismatch", "120") in _errors([budget.replace("115万元", "120万元")])
    # an amount in between that is neither a part nor an adjustment: not certain
    assert _errors(["年初预算100万元，已支付30万元，追加20万元，调整后预算150万元。"]) == set()


def test_a_sum_word_may_name_what_it_sums_and_other_counts_lie_between_parts() -> None:
    text = ("年度总体目标一是采购马铃薯原原种425万粒,免费向全区农户发放,完成马铃薯原种繁育田850亩;二是企业"
            "自行采购马铃薯原原种200万粒,建成原种基地400亩,共计建成原种繁育基地1250亩,平均亩产2500公斤")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "1062") in _errors([text.replace("1250亩", "1062亩")])
    # the sum word must open its clause
    assert _errors(["甲村50万元，乙村60万元，项目共计划投资100万元。"]) == set()


# --- paid + unpaid ------------------------------------------------------------------------

def test_a_remainder_printed_finer_than_the_whole_is_checked_at_its_precision() -> None:
    text = ("2021年本专科生奖助学金项目实际下达预算2596万元,全年度实际总支出2595.6208 万元,"
            "项目预算执行率99%。项目预算资金未执行完的主要原因是剩余未执行完的0.3792万元为应征入伍学生国家资助经费。")
    assert _errors([text]) == set()
    assert ("paid-unpaid-mismatch", "0.4930") in _errors([text.replace("0.3792", "0.4930")])


# --- shares of a survey --------------------------------------------------------------------

def test_satisfaction_over_the_answers_counted() -> None:
    survey = "共发放满意度调查问卷100份，回收有效问卷98份，其中满意95份，满意度为96.94%。"
    assert _errors([survey]) == set()
    assert ("rate-mismatch", "90.94") in _errors([survey.replace("96.94", "90.94")])
    # issued or valid: either reading is accepted
    assert _errors([survey.replace("96.94", "95.00")]) == set()
    for good, rate, wrong in (("发放问卷200份，满意和基本满意的180份，满意度90%。", "90%", "95%"),
                              ("本次调查受益群众150人，表示满意的有141人，满意率为94%。", "94%", "97%"),
                              ("随机抽取50户农户进行问卷调查，满意户数48户，满意度96%。", "96%", "92%")):
        assert _errors([good]) == set()
        assert ("rate-mismatch", wrong[:-1]) in _errors([good.replace(rate, wrong)])
    # satisfied, fairly satisfied, not satisfied: which count the rate is of is not said
    assert _errors(["调查100人，满意80人，基本满意15人，不满意5人，满意度90%。"]) == set()


def test_rates_in_the_genre_s_other_word_orders() -> None:
    for good, rate, wrong in (
            ("项目总投资100万元，已完成投资95万元，投资完成率95%。", "95%", "90%"),
            ("下达资金100万元，实际拨付95万元，资金拨付率95%。", "95%", "90%"),
            ("应到位资金100万元，实际到位95万元，资金到位率95%。", "95%", "90%"),
            ("预算安排100万元，截至年底支出95万元，执行率为95%。", "95%", "90%"),
            ("该项目年度预算资金100万元，全年实际支出资金95万元，预算执行率95%。", "95%", "90%"),
            ("计划培训100人，实际培训95人，完成率95%。", "95%", "90%"),
            ("计划培训100人，实际培训120人，完成率120%。", "120%", "110%"),
            ("本项目预算100万元，调整后预算120万元，实际支出114万元，预算执行率95%。", "95%", "90%")):
        assert _errors([good]) == set(), good
        assert ("rate-mismatch", wrong[:-1]) in _errors([good.replace(rate, wrong)]), good
    # the rate is of either budget: no error
    assert _errors(["本项目预算100万元，调整后预算120万元，实际支出114万元，预算执行率114%。"]) == set()
    # two plans: which one the completion is of is not said
    assert _errors(["计划培训100人，目标培训90人，实际培训95人，完成率80%。"]) == set()


def test_sum_forms_of_the_genre() -> None:
    for good, total, wrong in (
            # a prefix of a breakdown by source is no total of its own
            ("项目总投资100万元，其中中央资金60万元，省级资金30万元，县级资金10万元。", "100万元", "90万元"),
            # 和 joins the last item
            ("项目总投资100万元，包括中央资金60万元、省级资金30万元和县级资金10万元。", "100万元", "90万元"),
            ("全年支出100万元，具体为：人员经费60万元，公用经费40万元。", "100万元", "90万元"),
            ("全年支出100万元，主要用于：人员经费60万元，公用经费40万元。", "100万元", "90万元"),
            ("资金总额100万元，中央资金60万元，地方资金40万元。", "100万元", "90万元"),
            ("项目预算100万，其中中央补助60万，县级配套40万。", "100万", "90万")):
        assert _errors([good]) == set(), good
        assert ("sum-mismatch", wrong[:2]) in _errors([good.replace(total, wrong, 1)]), good
    # a prefix that is not a source breakdown still excuses what follows
    assert _errors(["下达资金200万元，其中：中央资金150万元，省级资金50万元，到位资金200万元。"]) == set()


def test_count_forms_of_the_genre() -> None:
    for good, count, wrong in (
            ("涉及甲镇、乙镇、丙镇共3个乡镇。", "3个", "4个"),  # 涉及 is no 及 between names
            ("下设5个科室，分别是办公室、财务科、业务科、信息科、执法队。", "5个", "7个")):
        assert _errors([good]) == set(), good
        assert ("count-mismatch", wrong[0]) in _errors([good.replace(count, wrong)]), good
    # 和 may join two names or be part of one: 4 and 5 are both readings, left alone; 6 is
    # neither (i12r: a count outside every reading is wrong whichever is meant)
    assert _errors(["下设5个科室，分别是办公室、财务科、业务科、信息科和执法队。"]) == set()
    assert _errors(["下设4个科室，分别是办公室、财务科、业务科、信息科和执法队。"]) == set()
    assert ("count-mismatch", "6") in _errors(["下设6个科室，分别是办公室、财务科、业务科、信息科和执法队。"])
    # 等 may stand for more: only a count below the list is certain
    assert _errors(["涉及甲镇、乙镇、丙镇等4个乡镇。"]) == set()
    assert ("count-mismatch", "2") in _errors(["涉及甲镇、乙镇、丙镇等2个乡镇。"])
    # a list in brackets may be examples: read, but a warning only
    assert _errors(["项目覆盖4个村（甲村、乙村、丙村）。"]) == set()
    assert any(f.code == "count-mismatch" and f.severity.value == "warning"
               for f in audit_lines(["项目覆盖4个村（甲村、乙村、丙村）。"]))
    assert _errors(["项目覆盖3个部门（含办公室、财务科）。"]) == set()


# --- growth -----------------------------------------------------------------------------

def test_growth_forms_of_the_genre() -> None:
    for good, stated, wrong in (
            ("2022年收入120万元，较上年增长20%，上年收入100万元。", "20%", "25%"),
            ("2022年收入120万元，同比增长20%（2021年为100万元）。", "20%", "25%"),
            ("本年度支出120万元，比上年度100万元增长20.0%。", "20.0%", "25.0%"),
            ("2022年收入120万元，较上年的100万元增加20万元。", "增加20万元", "增加25万元"),
            ("2022年收入120万元，上年100万元，增加20万元。", "增加20万元", "增加25万元"),
            ("支出80万元，较上年100万元减少20万元，下降20%。", "减少20万元", "减少25万元")):
        assert _errors([good]) == set(), good
        found = _errors([good.replace(stated, wrong)])
        assert ("growth-mismatch", wrong.strip("增加减少%万元")) in found, good
    # the wrong direction is an error too
    assert ("growth-mismatch", "20") in _errors(["2022年收入120万元，较上年的100万元减少20万元。"])
    # two of this year's figures: which one changed is not said
    assert _errors(["2022年收入120万元，支出90万元，上年收入100万元，增加25万元。"]) == set()


def test_a_rate_said_of_the_total_may_stand_before_its_breakdown() -> None:
    text = ("(2)项目资金执行情况。实际执行9265.353442万元,项目执行率88.74%。其中中央补助飞行经费执行"
            "7177.373442万元,省级财政配套资金执行2087.98万元。")
    assert _errors([text]) == set()
    assert ("sum-mismatch", "6485.747409") in _errors([text.replace("9265.353442", "6485.747409")])


def test_one_part_larger_than_its_whole() -> None:
    text = "项目总投资39.2696万元，其中：中央财政衔接资金39万元，已下拨到位。自筹资金2696元，已完成自筹。"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "33.3792") in _errors([text.replace("39.2696", "33.3792")])
    # one part short of the whole says nothing
    assert _errors(["项目总投资50万元，其中：中央财政衔接资金39万元，已下拨到位。"]) == set()


def test_completion_against_the_plan_of_the_sentence_before() -> None:
    text = "1.成本指标:下达财政补助绩效目标值2373.51万元。已下达补助2373.51万元,完成进度100%,无偏差。"
    assert _errors([text]) == set()
    assert ("rate-mismatch", "94") in _errors([text.replace("100%", "94%")])
    # a rate settled in its own sentence is not read again with the sentence before
    both = "计划培训80人。计划培训100人，实际培训95人，完成率95%。"
    assert _errors([both]) == set()


def test_unit_cost_named_for_the_counted_thing() -> None:
    for good, amount, wrong in (
            ("购置电脑10台，单价5000元，合计5万元。", "5万元", "6万元"),
            ("购置电脑10台，每台5000元，合计5万元。", "5万元", "6万元"),
            ("培训200人次，人均培训费500元，共计10万元。", "10万元", "11万元")):
        assert _errors([good]) == set(), good
        found = _errors([good.replace(amount, wrong)])
        assert ("product-mismatch", wrong.removesuffix("万元")) in found, good
    # two counts in the clause: which one the price is of is not said
    assert _errors(["购置电脑10台、打印机5台，单价5000元，合计6万元。"]) == set()


def test_the_same_label_after_an_ellipsis() -> None:
    assert ("restated-mismatch", "100") in _errors(["本项目总投资为100万元，……本项目总投资90万元。"])


def test_share_and_paid_unpaid_forms_of_the_genre() -> None:
    for good, stated, wrong, code in (
            ("调查200人，其中满意180人，占调查总人数的90%。", "90%", "80%", "share-mismatch"),
            ("建档立卡贫困户120户，占全村总户数300户的40%。", "40%", "45%", "share-mismatch"),
            ("中标金额100万元，已拨付60万元，待拨付40万元。", "40万元", "30万元", "paid-unpaid-mismatch"),
            ("预算100万元，已支付60万元，结余40万元。", "40万元", "30万元", "paid-unpaid-mismatch")):
        assert _errors([good]) == set(), good
        assert any(c == code for c, _ in _errors([good.replace(stated, wrong)])), good
    # the name after 占 shares nothing with any earlier figure: not read
    assert _errors(["调查200人，其中满意180人，占受访户数的80%。"]) == set()


def test_named_pairings_stay_silent_when_the_names_do_not_decide() -> None:
    # which budget was exceeded is not said
    assert _errors(["年初预算100万元，调整预算120万元，实际支出125万元，超出预算10万元。"]) == set()
    # what actually arrived may differ from the adjusted amount
    assert _errors(["下达资金100万元，追加20万元，实际到位资金100万元。"]) == set()
    # a source followed by something else is no breakdown
    assert _errors(["下达资金100万元，中央资金160万元，已拨付80万元。"]) == set()


# the official 部门整体支出绩效自评表's funds block, one cell per line (blank lines between)
DEPARTMENT_FORM = "\n\n".join([
    "年度资金总额", "861.10", "2030.12", "2030.12", "10", "100%", "10",
    "按收入性质分:2030.12", "按支出性质分:1925.67",
    "其中: 一般公共预算:1325.68", "其中:基本支出:900.47",
    "政府性基金拨款:118.82", "项目支出:1025.20",
    "纳入专户管理的非税收入拨款:", "", "其他资金:585.62", "年度总体目标"]).split("\n")


def test_department_form_funds_by_source_and_by_use() -> None:
    assert _errors(DEPARTMENT_FORM) == set()
    by_source = [x.replace("2030.12", "1786.51") if x.startswith("按收入") else x
                 for x in DEPARTMENT_FORM]
    assert ("sum-mismatch", "1786.51") in _errors(by_source)
    by_use = [x.replace("900.47", "950.47") for x in DEPARTMENT_FORM]
    assert ("sum-mismatch", "1925.67") in _errors(by_use)
    # without the form's kinds the lines are not read as its block
    assert _errors(["按收入性质分:100", "其他资金:50", "项目支出:20"]) == set()


def test_paid_in_full_said_after_the_amount_paid() -> None:
    for good, paid, wrong in (
            ("应拨付资金100万元，实际拨付100万元，已足额拨付。", "实际拨付100万元", "实际拨付90万元"),
            ("应付工程款100万元，已支付100万元，全部付清。", "已支付100万元", "已支付90万元")):
        assert _errors([good]) == set(), good
        assert ("due-paid-mismatch", "90") in _errors([good.replace(paid, wrong)]), good
    # two amounts between what was due and the claim: which one is meant is not said
    assert _errors(["应拨付资金100万元，上半年拨付40万元，下半年拨付50万元，已足额拨付。"]) == set()


def test_approximate_figures_are_never_operands_of_the_new_relations() -> None:
    for text in ("计划发放300户，实际发放约366户，超额60户。",
                 "项目总投资约100万元，其中中央资金60万元，省级资金50万元。",
                 "2022年收入120余万元，较上年的100万元增加25万元。",
                 "年初预算100万元，追加约20万元，调整后预算125万元。",
                 "资金总额100万元，中央资金约60万元，地方资金50万元。",
                 "计划培训100人，实际培训95人左右，完成率90%。",
                 "购置电脑约10台，单价5000元，合计6万元。"):
        assert _errors([text]) == set(), text


def test_a_bare_total_before_an_explicit_bracketed_breakdown() -> None:
    text = "棚户区住房改造开工198007(其中,城镇棚户区197825套,国有工矿棚户区182),基本建成99890套。"
    assert _errors([text]) == set()
    assert ("sum-mismatch", "148505") in _errors([text.replace("198007", "148505")])
    # a shortfall says nothing when the unit is taken from the parts
    assert _errors([text.replace("198007", "298007")]) == set()
    # money parts: which unit a bare total is in is not said
    assert _errors(["项目经费100(其中,中央资金60万元,省级资金50万元)。"]) == set()


def test_rate_written_as_label_colon_value() -> None:
    for good in ("预算数：100万元；执行数：95万元；执行率：95%。", "预算数:100万元,执行数:95万元,执行率:95%"):
        assert _errors([good]) == set(), good
        assert ("rate-mismatch", "90") in _errors([good.replace("95%", "90%")]), good


def test_execution_rate_against_the_budget_of_the_sentence_before() -> None:
    text = "项目预算100万元。截至2022年12月31日，实际支出95万元，执行率95%。"
    assert _errors([text]) == set()
    found = [f for f in audit_lines([text.replace("95%", "90%")]) if f.code == "rate-mismatch"]
    assert [(str(f.stated), f.operands) for f in found] == [("90", (95, 100))]
    assert "实际支出95万元" in found[0].excerpt
    # the sentence before states spending too: another statement, not read
    assert _errors(["项目预算100万元，已支付50万元。截至年底，实际支出95万元，执行率90%。"]) == set()


def test_a_rate_s_change_in_percentage_points() -> None:
    for good in ("2022年满意度为95%，较上年的90%提高5个百分点。",
                 "2022年执行率95%，2021年执行率90%，提高了5个百分点。"):
        assert _errors([good]) == set(), good
        assert ("growth-mismatch", "3") in _errors([good.replace("5个百分点", "3个百分点")]), good
    # two of this year's rates: which one changed is not said
    assert _errors(["执行率95%，满意度98%，较上年的90%提高3个百分点。"]) == set()


def test_amount_named_before_the_standard_and_the_count() -> None:
    text = "发放补贴资金10万元，按每户2000元标准，补助50户。"
    assert _errors([text]) == set()
    assert ("product-mismatch", "10") in _errors([text.replace("50户", "60户")])
    # a budget is not said to be the standard times the count
    assert _errors(["项目预算10万元，按每户2000元标准，补助60户。"]) == set()


def test_a_total_row_of_a_table_printed_without_borders() -> None:
    rows = ["单位：万元", "项目\t预算数\t执行数", "甲村\t50\t45", "乙村\t30\t30", "丙村\t20\t15",
            "合计\t100\t90"]
    assert _errors(rows) == set()
    assert ("sum-mismatch", "110") in _errors([*rows[:-1], "合计\t110\t90"])
    spaced = [r.replace("\t", " ") for r in rows]
    assert _errors(spaced) == set()
    assert ("sum-mismatch", "95") in _errors([*spaced[:-1], "合计 100 95"])


def test_a_later_marker_ends_the_list_only_after_words() -> None:
    # the parts ran straight into the next breakdown: where the first list ends is not said
    assert _errors(["下达资金100万元，其中中央资金60万元，省级资金50万元，包括设备费、材料费。"]) == set()
    # words only between the parts and the marker: the parts read are parts
    assert ("sum-mismatch", "100") in _errors(
        ["下达资金100万元，其中中央资金60万元，省级资金50万元，用于日常运转，包括设备费、材料费。"])
