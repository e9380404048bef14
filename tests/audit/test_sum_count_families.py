"""Sum and count relations by family of wordings (issue 10, i13a).

Each family is written in several of the genre's wordings and word orders; each wording has a
consistent variant that must stay silent and an inconsistent one that must be found (an
error), and readings the text leaves open stay below an error. The families come from the
机构设置 paragraphs of 部门整体 reports (round 3 157, 179), the 项目概况's 实施地点/覆盖范围
(484 and the transfer-payment reports), the 问题/建议 sections of every 自评报告, and the
资金情况 paragraphs that cite the documents allocating the funds (153, 026, 414).
"""

from __future__ import annotations

import pytest
from tests.audit.test_prose_families import _errors, _found

# --- count: a remark in brackets after an item's name is no item ------------------------------

@pytest.mark.parametrize("template", [
    "下设{n}个科室：办公室、财务科（挂审计办）、业务科。",
    "下设{n}个科室，分别为办公室、财务科(挂审计办、信息办)、业务科。",
    "内设{n}个股室，即办公室、财务股（含票据管理）、业务股。",
    "内设办公室、财务科（挂审计办）、业务科{n}个科室。",
    "局机关内设办公室、财务科(挂审计办、信息办)、业务科共{n}个科室。",
])
def test_count_items_with_remarks_in_brackets(template: str) -> None:
    good = template.format(n=3)
    assert _errors(good) == set(), good  # (the colon form was an error on main: 2 items read)
    assert ("count-mismatch", "5") in _errors(template.format(n=5)), template
    assert ("count-mismatch", "2") in _errors(template.format(n=2)), template


def test_a_list_in_brackets_after_its_count_is_still_read() -> None:
    # the bracket right after the counted noun is the list, not a remark
    assert _errors("涉及3个村（甲村、乙村、丙村）。") == set()
    assert ("count-mismatch", "4", "w") in _found("涉及4个村（甲村、乙村、丙村）。")


# --- count: names of one kind joined by 和/及 are two names -----------------------------------

@pytest.mark.parametrize("template", [
    "涉及{n}个乡镇，分别是甲镇、乙镇和丙镇",
    "设置{n}个一级指标，分别为产出指标、效益指标和满意度指标。",
    "项目覆盖甲村、乙村及丙村{n}个村。",
    "共有{n}家企业：甲公司、乙公司和丙公司。",
])
def test_names_of_one_kind_joined_by_and_are_two(template: str) -> None:
    assert _errors(template.format(n=3)) == set(), template
    assert ("count-mismatch", "2") in _errors(template.format(n=2)), template
    assert ("count-mismatch", "4") in _errors(template.format(n=4)), template


@pytest.mark.parametrize("text", [
    "共有2个单位：财政局、住房和城乡建设局。",  # 住房和城乡建设局 is one name
    "共有3个单位：财政局、住房和城乡建设局。",
    "涉及2个部门：财政局、人力资源和社会保障局。",
])
def test_a_name_holding_and_leaves_both_readings(text: str) -> None:
    assert _errors(text) == set(), text


# --- count: the counted noun names the list before it opens -----------------------------------

@pytest.mark.parametrize("template", [
    "示范区覆盖的行政村为城内、北关、东关共计{n}个行政村。",
    "项目涉及乡镇有城关、北山、东岭{n}个乡镇。",
    "项目实施的社区包括城关、北山、东岭等{n}个社区。",
    "受益的合作社为丰收、富民、兴农，共{n}家合作社。",
])
def test_the_counted_noun_names_the_list(template: str) -> None:
    assert _errors(template.format(n=3)) == set(), template
    assert ("count-mismatch", "2") in _errors(template.format(n=2)), template


@pytest.mark.parametrize("text", [
    "新建、改建道路5条。",  # actions, not roads
    "项目涉及新建、改建道路5条。",
    "涉及种植、养殖、加工5个产业。",  # a list of kinds in front of another count
    "项目覆盖城关、北山、东岭等5个乡镇。",  # 等: more places may be meant
    # bare place names: towns holding the villages counted, or the villages themselves
    "项目涉及城关、北山、东岭5个村。",
    "项目涉及甲镇、乙镇和丙镇的12个村。",  # the villages of those towns
])
def test_lists_that_may_not_be_the_counted_things_are_no_error(text: str) -> None:
    assert _errors(text) == set(), text


# --- count: names separated by ，or ； ---------------------------------------------------------

@pytest.mark.parametrize("template", [
    "涉及{n}个村，分别为：甲村，乙村，丙村。",
    "涉及{n}个村，分别为甲村；乙村；丙村。",
    "下设{n}个中心：甲中心；乙中心；丙中心",
])
def test_names_separated_by_commas_or_semicolons(template: str) -> None:
    assert _errors(template.format(n=3)) == set(), template
    assert ("count-mismatch", "4") in _errors(template.format(n=4)), template


@pytest.mark.parametrize("text", [
    "涉及4个村，分别为甲村，乙村，丙村均已完工。",  # the clause goes on in words
    "涉及4个村，分别为甲村，乙村，其余由县级安排。",
    "涉及4个村，包括甲村，乙村，丙村。",  # 包括 may name some only
    "完成了3个村的道路建设：一是甲村；二是乙村。",  # numbered: the ordinal lists' reading
])
def test_comma_lists_that_are_not_the_whole_list_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- count: N方面 / N点 and the numbered points after them ------------------------------------

@pytest.mark.parametrize("template", [
    "存在{w}方面问题：一是预算编制不细；二是执行进度慢；三是绩效目标不明确。",
    "主要有以下{w}点建议：（1）细化预算编制；（2）加快执行进度；（3）明确绩效目标。",
    "存在{d}方面的问题：1.预算编制不细；2.执行进度慢；3.绩效目标不明确。",
    "下一步从{w}个方面改进：一是细化预算；二是加快进度；三是明确目标。",
])
def test_points_counted_by_aspects(template: str) -> None:
    assert _errors(template.format(w="三", d="3")) == set(), template
    assert ("count-mismatch", "4") in _errors(template.format(w="四", d="4")), template
    assert ("count-mismatch", "2") in _errors(template.format(w="两", d="2")), template


@pytest.mark.parametrize("text", [
    "得分提高了3点，一是预算编制；二是执行进度。",  # no list noun after the count
    "第三方面：一是预算编制不细；二是执行进度慢。",  # an ordinal, not a count
    "存在多方面问题：一是预算编制不细；二是执行进度慢。",
])
def test_aspect_words_that_are_no_count_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: 分别 + the genre's verbs of giving share an amount out -------------------------------

@pytest.mark.parametrize("verb", ["支持", "扶持", "奖补", "资助", "补贴", "分配", "落实", "发放", "兑付"])
def test_shared_out_by_every_verb_of_giving(verb: str) -> None:
    template = "下达资金{t}万元，分别" + verb + "甲村{a}万元、乙村{b}万元、丙村{c}万元。"
    assert _errors(template.format(t="100", a="50", b="30", c="20")) == set(), verb
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="30"))
    # 分别 names every recipient: short of the whole is an error too
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="10"))


@pytest.mark.parametrize("verb", ["支持", "安排", "扶持", "用于"])
def test_a_batch_shared_out_inside_a_list_of_batches_is_no_part_of_the_whole(verb: str) -> None:
    # the unannotated pool's 中央水污染防治资金 text: main added the first batch's projects to the
    # batches (a false error)
    good = (f"我市获得专项资金170万元，其中第一批资金100万元，分别{verb}甲项目30万元、乙项目30万元、"
            f"丙项目40万元；第二批资金70万元，分别{verb}丁项目50万元、戊项目20万元。")
    assert _errors(good) == set()
    assert ("sum-mismatch", "100") in _errors(good.replace("丙项目40", "丙项目50"))


# --- sum: parts whose labels cite the documents that allocated them ---------------------------

@pytest.mark.parametrize("cite", ["（皖财农〔2020〕1351号）", "(皖财农【2020】1351号)", "[2020]1351号",
                                  "（财农〔2021〕28号，2021年4月21日）"])
def test_parts_citing_their_documents_before_a_sum_word(cite: str) -> None:
    template = ("依据《关于下达水利发展资金的通知》" + cite + "下达中央财政资金{a}万元,县财政资金{b}万元,"
                "共计下达{t}万元。")
    assert _errors(template.format(a="30.9", b="30.9", t="61.8")) == set(), cite
    assert ("sum-mismatch", "54.4") in _errors(template.format(a="30.9", b="30.9", t="54.4")), cite


# --- sum: 计 after the parts ------------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "中央资金{a}万元、省级资金{b}万元、县级资金{c}万元，计{t}万元。",
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，计为{t}万元",
    "购置设备{a}万元，培训{b}万元，宣传{c}万元，以上计{t}万元。",
])
def test_ji_as_a_sum_word(template: str) -> None:
    assert _errors(template.format(a="50", b="30", c="20", t="100")) == set(), template
    assert ("sum-mismatch", "90") in _errors(template.format(a="50", b="30", c="20", t="90"))


@pytest.mark.parametrize("text", [
    "中央资金50万元，省级资金30万元，计划资金90万元。",  # 计划 is no sum word
    "中央资金50万元，省级资金30万元，计入成本90万元。",
])
def test_ji_in_other_words_stays_silent(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: a 其中 list by subject, the same kinds for each subject after a ； -------------------

@pytest.mark.parametrize("template", [
    "资金总计{t}万元，其中甲工程监理费{a}万元，测绘费{b}万元；乙工程监理费{c}万元，测绘费{d}万元。",
    "资金总计{t}万元,其中甲工程监理费{a}万元,建设用地测绘费{b}万元;乙河段(塘门口)监理费{c}万元,"
    "建设用地测绘费{d}万元",
    "共下达资金{t}万元，其中甲镇中央资金{a}万元、省级资金{b}万元；乙镇中央资金{c}万元、省级资金{d}万元。",
])
def test_a_list_by_subject_goes_on_after_a_semicolon(template: str) -> None:
    assert _errors(template.format(t="100", a="40", b="10", c="30", d="20")) == set(), template
    assert ("sum-mismatch", "90") in _errors(template.format(t="90", a="40", b="10", c="30", d="20"))
    assert ("sum-mismatch", "100") in _errors(
        template.format(t="100", a="40", b="10", c="40", d="20"))


@pytest.mark.parametrize("text", [
    # after the ；another figure, not the same kinds for another subject
    "资金总计100万元，其中甲工程监理费40万元，测绘费10万元；到位资金100万元，支出95万元。",
    "资金总计100万元，其中甲工程监理费40万元，测绘费10万元；乙工程监理费30万元，验收费70万元。",
])
def test_a_clause_after_a_semicolon_of_other_kinds_is_no_part(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: 资金使用情况如下 ----------------------------------------------------------------------

@pytest.mark.parametrize("lines", [
    ["项目资金{t}万元，资金使用情况如下：设备购置{a}万元，人员培训{b}万元，宣传{c}万元。"],
    ["项目资金{t}万元，资金分配情况如下：", "（1）甲村{a}万元；", "（2）乙村{b}万元；", "（3）丙村{c}万元。"],
    ["下达资金{t}万元，具体使用情况如下：", "1.设备购置{a}万元；", "2.人员培训{b}万元；", "3.宣传{c}万元。"],
])
def test_the_use_of_the_funds_as_follows(lines: list[str]) -> None:
    def fill(**v: str) -> list[str]:
        return [ln.format(**v) for ln in lines]
    assert _errors(fill(t="100", a="50", b="30", c="20")) == set(), lines
    assert ("sum-mismatch", "100") in _errors(fill(t="100", a="50", b="30", c="30")), lines


def test_a_situation_of_something_else_as_follows_is_no_breakdown() -> None:
    assert _errors("项目资金100万元，项目实施情况如下：完成设备购置120万元，培训30万元。") == set()


# --- sum: the total or the parts on lines of their own ----------------------------------------

@pytest.mark.parametrize("lines", [
    ["甲村{a}万元，乙村{b}万元，丙村{c}万元。", "合计{t}万元。"],
    ["中央资金{a}万元、省级资金{b}万元、县级资金{c}万元", "", "以上资金共计{t}万元"],
    ["中央资金{a}万元，省级资金{b}万元，县级资金{c}万元；", "三项合计{t}万元。"],
    ["项目资金{t}万元，其中：", "中央资金{a}万元；", "省级资金{b}万元；", "县级资金{c}万元。"],
    ["项目资金{t}万元，资金来源为：", "中央资金{a}万元，", "省级资金{b}万元，", "县级资金{c}万元"],
    ["下达资金{t}万元，分别为：", "甲村{a}万元", "乙村{b}万元", "丙村{c}万元"],
])
def test_total_or_parts_on_lines_of_their_own(lines: list[str]) -> None:
    def fill(**v: str) -> list[str]:
        return [ln.format(**v) for ln in lines]
    assert _errors(fill(t="100", a="50", b="30", c="20")) == set(), lines
    found = _errors(fill(t="90", a="50", b="30", c="20"))
    assert ("sum-mismatch", "90") in found, lines
    assert ("sum-mismatch", "100") in _errors(fill(t="100", a="50", b="30", c="30")), lines


@pytest.mark.parametrize("lines", [
    ["甲村 | 60", "乙村 | 40", "合计100万元。"],  # a table's rows are column-sums' to read
    ["项目资金100万元，其中：", "中央资金60万元，已拨付到位，用于甲村道路硬化工程建设。", "省级资金50万元。"],
    ["完成投资60万元。", "合计完成年度任务的80%。"],  # no amount after the sum word
    ["项目资金100万元，其中：", "中央资金60万元；", "2023年6月完成验收，支出50万元。"],
])
def test_lines_that_are_no_list_and_total_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- sum: the sources named by 资金来源, the levels summed by 三级资金 ---------------------------

@pytest.mark.parametrize("template", [
    "项目资金{t}万元，资金来源为：中央资金{a}万元，省级资金{b}万元，县级资金{c}万元。",
    "项目总投资{t}万元，资金来源：中央资金{a}万元、省级资金{b}万元、县级资金{c}万元。",
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，三级资金合计{t}万元。",
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，各级资金共计{t}万元。",
])
def test_sources_and_levels(template: str) -> None:
    assert _errors(template.format(t="100", a="50", b="30", c="20")) == set(), template
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="30"))


# --- count: the count after the list's comma, the list on the next line, a noun's alternative ---

@pytest.mark.parametrize("lines", [
    ["项目涉及城关镇、北山镇、东岭镇，共{n}个乡镇。"],
    ["项目涉及城关镇、北山镇和东岭镇，共计{n}个乡镇"],
    ["内设办公室、财务科、业务科，合计{n}个科室。"],
    ["涉及{n}个乡镇：", "甲镇、乙镇、丙镇。"],
    ["下设{n}个科室：", "", "办公室、财务科（挂审计办）、业务科"],
    ["下辖{n}个乡镇（街道）：甲镇、乙镇、丙街道。"],
    ["涉及{n}个乡镇。分别为甲镇、乙镇、丙镇。"],  # the list opening the next sentence
    ["涉及{n}个乡镇；具体为：甲镇、乙镇、丙镇"],
    ["涉及{n}个村（社区），分别为甲村、乙社区、丙村。"],
])
def test_count_word_orders_and_layouts(lines: list[str]) -> None:
    def fill(n: int) -> list[str]:
        return [ln.format(n=n) for ln in lines]
    assert _errors(fill(3)) == set(), lines
    assert ("count-mismatch", "4") in _errors(fill(4)), lines
    assert ("count-mismatch", "2") in _errors(fill(2)), lines


@pytest.mark.parametrize("lines", [
    ["项目内容为新建、改建道路，共5条。"],  # actions before the roads counted
    ["完成了道路硬化、路灯安装、绿化，共4项。"],  # not names of one kind: a warning at most
    ["覆盖的乡镇有城关、北山、东岭，共4个。"],
    ["涉及4个乡镇：", "甲镇10户、乙镇20户、丙镇5户。"],  # figures: no list of names
    ["涉及4个乡镇：", "项目实施后群众满意度达到95%以上。"],
    ["涉及4个乡镇，包括：", "甲镇、乙镇、丙镇。"],  # 包括 may name some only
])
def test_count_layouts_that_stay_below_an_error(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


def test_a_remark_after_the_counted_noun_is_no_alternative_noun() -> None:
    # the unannotated pool's 福建 就业专项资金 text: 8个地市(不含厦门)及所属县(市、区)
    assert _found("对全省8个地市(不含厦门)及所属县(市、区)就业专项资金实施绩效评价。") == set()


# --- count: persons and times counted before their names ---------------------------------------

@pytest.mark.parametrize("template", [
    "资助{n}人，分别为张三、李四、王五。",
    "共有{n}人获奖：张三、李四、王五。",
    "聘请专家{n}人，即张教授、李研究员、王工程师。",
])
def test_persons_counted_before_their_names(template: str) -> None:
    assert _errors(template.format(n=3)) == set(), template
    assert ("count-mismatch", "4") in _errors(template.format(n=4)), template


@pytest.mark.parametrize("text", [
    "党员、干部30人参加培训。",  # people of those kinds, not their names
    "组织农民、技术员等5人开展培训。",
    "共培训4人次，分别为甲村、乙村、丙村。",  # 人次 counts attendances
])
def test_persons_after_a_list_of_kinds_stay_silent(text: str) -> None:
    assert _errors(text) == set(), text



# --- sum: the sum word with a colon, a colon after each item's name, what is summed in front ---

@pytest.mark.parametrize("template", [
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，合计：{t}万元。",
    "甲村：{a}万元；乙村：{b}万元；丙村：{c}万元；合计：{t}万元。",
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，以上三项合计{t}万元。",
    "甲村投入{a}万元，乙村投入{b}万元，丙村投入{c}万元，三村共投入{t}万元。",
    "中央资金{a}万元，省级资金{b}万元，县级资金{c}万元，以上资金共计拨付{t}万元。",
])
def test_sum_word_wordings(template: str) -> None:
    assert _errors(template.format(a="50", b="30", c="20", t="100")) == set(), template
    assert ("sum-mismatch", "90") in _errors(template.format(a="50", b="30", c="20", t="90"))


@pytest.mark.parametrize("text", [
    "甲村60万元，乙村40万元，全县共投入500万元。",  # 全县 may hold more than the villages named
    "甲村60万元，乙村40万元，其中：丙村30万元。",
])
def test_a_whole_named_as_a_place_is_no_sum(text: str) -> None:
    assert _errors(text) == set(), text


# --- precision: consistent genre sentences around this round's readings (i13a's attack) --------

@pytest.mark.parametrize("lines", [
    # sums: next-line totals
    ["项目资金100万元，其中中央资金60万元，省级资金40万元。", "合计100万元。"],
    ["2022年预算60万元，执行55万元。", "合计执行率91.67%。"],
    ["甲村完成投资60万元，乙村完成投资40万元。", "合计完成投资100万元，其中已支付80万元。"],
    ["一、项目资金情况", "合计下达资金100万元。"],
    ["甲村60万元，乙村40万元。", "合计下达资金100万元，已全部拨付。"],
    ["甲村60万元，乙村40万元，丙村20万元（未到位）。", "合计已到位资金100万元。"],
    ["2021年下达60万元。", "2022年下达40万元。", "合计100万元。"],
    ["中央资金60万元，省级资金40万元，县级资金20万元。", "合计中央和省级资金100万元。"],
    ["培训农民300人，发放资料2000份。", "共计投入资金5万元。"],
    ["其中，第一批30万元，第二批40万元。", "累计下达70万元。"],
    # plain items
    ["项目资金100万元，其中：", "中央资金60万元；", "省级资金30万元；",
     "县级配套10万元已到位，剩余资金结转下年。"],
    ["项目资金100万元，其中：", "培训农民500人；", "发放资料3000份。"],
    ["资金来源：", "中央资金60万元；", "省级资金40万元。"],
    ["项目总投资100万元，资金来源为：", "中央资金60万元；", "省级资金30万元；", "其余由县级自筹。"],
    ["项目资金100万元，具体使用情况如下：", "设备购置60万元；", "人员培训30万元；", "目前结余10万元。"],
    ["全年支出100万元，其中：", "基本支出60万元；", "项目支出40万元，其中：", "设备购置20万元；",
     "培训20万元。"],
    # 分别+verbs
    ["下达资金100万元，分别支持甲村、乙村、丙村产业发展。"],
    ["下达资金100万元，分别支持甲村60万元、乙村40万元，其余用于管理。"],
    ["项目资金100万元，其中中央资金60万元，分别支持甲村30万元、乙村30万元；省级资金40万元。"],
    ["甲村、乙村分别落实资金60万元、40万元，共100万元。"],
    ["分别发放补贴每户2000元、3000元。"],
    ["下达资金100万元，分别兑付甲户2万元、乙户3万元，剩余资金结转下年。"],
    # 计
    ["项目资金100万元，计划资金90万元。"],
    ["甲村60万元，乙村40万元，计划下年投入100万元。"],
    ["采购电脑10台，单价5000元，计5万元。"],
    ["中央资金60万元，省级资金40万元，计入成本95万元。"],
    ["甲村60户，乙村40户，计100户，补助资金50万元。"],
    # grouped lists
    ["其中甲镇中央资金40万元、省级资金10万元；乙镇中央资金30万元、省级资金20万元。"],
    ["资金总计100万元，其中甲工程监理费40万元，测绘费10万元；乙工程监理费30万元，测绘费20万元；已支付80万元。"],
    ["资金总计150万元，其中甲工程监理费40万元，测绘费10万元；乙工程监理费30万元，测绘费20万元；其余50万元用于管理。"],
    ["下达资金100万元，其中2022年中央资金40万元，省级资金10万元；2023年中央资金30万元，省级资金20万元。"],
    ["资金总计100万元，其中甲工程监理费40万元，测绘费10万元；乙工程监理费30万元，测绘费15万元（另有5万元未结算）。"],
    # document citations
    ["根据《通知》（财农〔2021〕28号）下达资金30万元，《通知》（财农〔2021〕61号）下达资金40万元，共计下达70万元。"],
    ["根据2021年第3次会议纪要下达资金30万元，省级资金40万元，共计下达70万元。"],
    ["甲村2组30万元，乙村3组40万元，共计70万元。"],
    # 情况如下
    ["项目资金100万元，项目实施情况如下：完成道路硬化60公里，投资80万元。"],
    ["项目资金100万元，资金到位情况如下：中央资金60万元已到位，省级资金40万元未到位。"],
    ["项目资金100万元，资金使用情况如下：截至12月底支出80万元，结余20万元。"],
    # counts
    ["下设3个科室：办公室、财务科（挂审计办、信息中心）、业务科。"],
    ["内设机构3个（办公室、财务科、业务科），事业单位2个。"],
    ["涉及3个乡镇，分别为甲镇（含2个村）、乙镇、丙镇。"],
    ["覆盖甲镇、乙镇、丙镇3个乡镇12个村。"],
    ["项目涉及甲镇、乙镇和丙镇的12个村。"],
    ["项目覆盖甲镇、乙镇、丙镇共12个村。"],
    ["项目涉及甲镇、乙镇、丙镇，共惠及12个村。"],
    ["项目涉及甲镇、乙镇、丙镇，共12个行政村。"],
    ["涉及甲村、乙村、丙村，共3个村1200户。"],
    ["惠及城关、北山、东岭，共计受益群众5000人。"],
    ["分布在城关镇、北山镇、东岭镇共5个村。"],
    ["存在三方面问题：一是预算编制不细；二是执行进度慢；三是绩效目标不明确。"
     "下一步将从两方面改进：一是加强培训；二是严格考核。"],
    ["主要有以下几点：一是细化；二是加快；三是明确。"],
    ["提出三点建议：", "（一）细化预算编制。", "（二）加快执行进度。", "（三）明确绩效目标。",
     "四、其他需要说明的问题"],
    ["从以下三个方面开展自评：一是项目决策；二是项目过程；三是项目产出和效益。"],
    ["涉及3个村，分别为甲村，乙村，丙村已完工。"],
    ["涉及3个村，分别为：甲村，乙村和丙村。"],
    ["设置一级指标3个，分别为产出指标、效益指标和满意度指标，二级指标6个。"],
    ["设置二级指标6个，分别为数量指标、质量指标、时效指标和成本指标、经济效益指标和社会效益指标。"],
    ["资助2人，分别为张三和李四。"],
    ["资助3人，分别为张三、李四和王五等。"],
    ["全年开展督查3次，分别为3月、6月、9月。"],
    ["共召开会议3次，分别是年初部署会、年中推进会和年底总结会。"],
    ["涉及2个部门：财政局和人力资源和社会保障局。"],
    ["涉及3个部门：财政局、住房和城乡建设局和人力资源和社会保障局。"],
    ["下设5个股室（办公室、财务股、业务股、执法队、信息中心）。"],
    ["乡镇有甲镇、乙镇、丙镇，共3个乡镇，村有甲村、乙村，共2个村。"],
    ["涉及乡镇有甲、乙、丙3个乡镇。"],
])
def test_consistent_genre_sentences_stay_below_an_error(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


def test_an_exhaustive_list_on_lines_short_of_its_total_is_an_error() -> None:
    # 分别为 names every part, and the heading after the items ends the list
    assert ("sum-mismatch", "100") in _errors(
        ["下达资金100万元，分别为：", "甲村60万元", "乙村30万元", "二、项目绩效目标"])


# --- sum: a table one cell per line with columns of words beside its amounts -------------------

def _cells(rows: list[tuple[str, ...]]) -> list[str]:
    return [f"{c} |" if c else "|" for r in rows for c in r]


@pytest.mark.parametrize("layout", ["remarks", "numbered", "two-amounts"])
def test_a_table_one_cell_per_line_with_columns_of_words(layout: str) -> None:
    """483's 资金分配表 (村名 | 金额 | 列支科目 | 备注, blanks printed as bars), the pool's i12f/02
    (序号 | 乡镇名称 | 项目名称 | 金额 | 备注, the 合计 spanning the columns of words)."""
    def table(total: str, second: str = "60") -> list[str]:
        if layout == "remarks":
            rows = [("村名", "金额", "列支科目", "备注"), ("甲村", "50", "2110302-水体", ""),
                    ("乙村", "30", "2110302-水体", ""), ("丙村", "20", "2160699-其他", "含监理费")]
            return ["资金分配表", "单位:万元", *_cells(rows), "合 计 |", f"{total} |", "|", "|", "附件2"]
        if layout == "numbered":
            rows = [("序号", "乡镇名称", "项目名称", "金额", "备注"), ("1", "甲镇", "排洪工程", "50", ""),
                    ("2", "乙镇", "水圳修复", "30", ""), ("3", "丙镇", "河道治理", "20", "")]
            return ["资金安排表", "单位:万元", *_cells(rows), "合计 |", f"{total} |", "附件2"]
        rows = [("项目", "预算数", "执行数", "备注"), ("设备购置", "50", "40", "已验收"),
                ("人员培训", "30", "10", ""), ("宣传", "20", "10", "")]
        return ["支出明细表（万元）", *_cells(rows), "合计 |", f"{total} |", f"{second} |", "|"]

    assert _errors(table("100")) == set(), layout
    assert ("sum-mismatch", "90") in _errors(table("90")), layout
    if layout == "two-amounts":
        assert ("sum-mismatch", "65") in _errors(table("100", "65"))


@pytest.mark.parametrize("rows", [
    # a 其中 row: the column is no plain list
    [("项目", "金额", "备注"), ("甲村", "50", ""), ("其中甲组", "20", ""), ("乙村", "30", "")],
    # words in the amount column: no column of amounts
    [("项目", "金额", "备注"), ("甲村", "50", ""), ("乙村", "待定", ""), ("丙村", "30", "")],
    # a row short of the header's width: the cells do not line up
    [("项目", "金额", "备注"), ("甲村", "50", ""), ("乙村", "30")],
])
def test_cell_tables_that_do_not_line_up_stay_silent(rows: list[tuple[str, ...]]) -> None:
    assert _errors([*_cells(rows), "合计 |", "90 |", "|"]) == set(), rows


# --- sum: a run of values printing its unit once, after the last ------------------------------

@pytest.mark.parametrize("template", [
    "项目资金{t}万元，中央、省、县级资金分别为{a}、{b}、{c}万元。",
    "项目资金{t}万元，其中中央、省、县级资金分别为{a}、{b}和{c}万元。",
    "甲村、乙村、丙村分别投入{a}、{b}、{c}万元，合计{t}万元。",
    "投资分别为{a}、{b}和{c}万元，共{t}万元",
    "共培训{t}人次，其中农民、技术员、干部分别为{a}、{b}、{c}人次。",
    "其中中央资金{a}、省级资金{b}、县级资金{c}万元，合计{t}万元。",  # each behind its name
    "项目资金{t}万元，其中中央资金{a}、省级资金{b}、县级资金{c}万元。",
])
def test_values_sharing_the_unit_printed_after_the_last(template: str) -> None:
    assert _errors(template.format(t="100", a="50", b="30", c="20")) == set(), template
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="30"))


@pytest.mark.parametrize("text", [
    "第2、3批资金共5万元，第1批资金3万元，合计8万元。",  # ordinals
    "2、3月份下达资金50万元，4月份下达资金30万元，合计80万元。",  # months
    "第2、第3批资金共5万元，第1批资金3万元，合计8万元。",
    "2021、2022年度资金共50万元，2023年度资金30万元，合计80万元。",  # years
])
def test_numbers_before_a_unit_that_are_no_values_of_it(text: str) -> None:
    assert _errors(text) == set(), text


# --- sum: each part a sentence or a short line of its own, then the sum word --------------------

@pytest.mark.parametrize("lines", [
    ["中央资金{a}万元。省级资金{b}万元。县级资金{c}万元。三级资金合计{t}万元。"],
    ["中央资金{a}万元。", "省级资金{b}万元。", "县级资金{c}万元。", "合计{t}万元。"],
    ["甲村{a}万元", "乙村{b}万元", "丙村{c}万元", "合计：{t}万元"],
])
def test_parts_each_a_sentence_of_their_own(lines: list[str]) -> None:
    def fill(**v: str) -> list[str]:
        return [ln.format(**v) for ln in lines]
    assert _errors(fill(t="100", a="50", b="30", c="20")) == set(), lines
    assert ("sum-mismatch", "90") in _errors(fill(t="90", a="50", b="30", c="20")), lines
    # the run may have begun in a sentence saying more: short of the total proves nothing
    assert _errors(fill(t="110", a="50", b="30", c="20")) == set(), lines


@pytest.mark.parametrize("lines", [
    ["完成投资60万元。支付资金30万元。合计100万元。"],  # two measures, no parts
    ["完成投资60万元。", "支付资金50万元。", "合计100万元。"],
    ["中央资金60万元", "", "省级资金50万元", "合计100万元"],  # a blank line inside the run
])
def test_lone_sentences_that_are_no_parts_stay_silent(lines: list[str]) -> None:
    assert _errors(lines) == set(), lines


# --- sum: the genre's other breakdown words --------------------------------------------------

@pytest.mark.parametrize("marker", ["具体包括", "主要包括", "主要有", "分为", "分解为", "其构成为",
                                    "分别来源于", "来源于"])
def test_other_breakdown_words(marker: str) -> None:
    template = "项目资金{t}万元，" + marker + "中央资金{a}万元、省级资金{b}万元、县级资金{c}万元。"
    assert _errors(template.format(t="100", a="50", b="30", c="20")) == set(), marker
    assert ("sum-mismatch", "90") in _errors(template.format(t="90", a="50", b="30", c="20"))
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="30"))
    if marker in ("分为", "分解为", "其构成为", "分别来源于"):  # exhaustive: every part named
        assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="10"))


def test_a_source_after_a_breakdown_word_is_no_whole_of_the_next() -> None:
    # main read 中央资金50万元 after 具体包括 as the whole of 省级 + 县级 (50 against 55)
    found = _errors("项目资金105万元，具体包括中央资金50万元、省级资金30万元、县级资金25万元。")
    assert ("sum-mismatch", "50") not in found
    assert found == set()


# --- count: a tally closing the sentence that named the places ---------------------------------

@pytest.mark.parametrize("template", [
    "项目涉及阳原县西城镇、揣骨疃镇，示范区覆盖的行政村为城内、北关、东关共计3个行政村，"
    "共涉及1个县{n}个镇3个行政村。",
    "项目涉及甲镇、乙镇和丙镇，共涉及{n}个镇。",
    "本项目覆盖甲村、乙村、丙村，合计覆盖{n}个行政村。",
])
def test_a_tally_against_the_names_of_its_sentence(template: str) -> None:
    n = 3 if "丙" in template else 2
    assert _errors(template.format(n=n)) == set(), template
    assert ("count-mismatch", str(n + 3)) in _errors(template.format(n=n + 3)), template


@pytest.mark.parametrize("text", [
    "项目在甲村、乙村实施，惠及丙镇、丁镇，共涉及5个镇。",  # the villages' towns may be counted too
    "项目涉及甲镇、乙镇等地，共涉及4个镇。",  # 等
    "项目涉及甲镇、乙镇，丙镇、丁镇为对照，共涉及3个镇。",  # two lists: which one is counted?
])
def test_a_tally_that_may_count_more_than_its_names_is_no_error(text: str) -> None:
    assert _errors(text) == set(), text


@pytest.mark.parametrize("text", [
    "项目涉及甲镇、乙镇，另有丙镇正在申报，共涉及3个镇。",  # another such place in the sentence
    "项目涉及甲镇、乙镇2个乡镇，共涉及3个镇。",
])
def test_a_tally_beside_other_places_of_its_kind_stays_silent(text: str) -> None:
    assert _errors(text) == set(), text


@pytest.mark.parametrize("lines", [
    ["主要开展了以下{n}项工作，具体如下：", "1.加强领导；", "2.完善制度；", "3.强化监督。", "二、下一步打算",
     "继续加强管理。"],
    ["存在{n}个方面的问题，分别是：一是预算编制不细；二是执行进度慢；三是绩效目标不明确。"],
])
def test_a_count_announced_twice_before_its_numbered_items(lines: list[str]) -> None:
    def fill(n: int) -> list[str]:
        return [ln.format(n=n) for ln in lines]
    assert _errors(fill(3)) == set(), lines
    assert ("count-mismatch", "4") in _errors(fill(4)), lines


# --- sum: each part's amount in brackets after its name ---------------------------------------

@pytest.mark.parametrize("template", [
    "项目资金{t}万元，其中甲村（{a}万元）、乙村（{b}万元）、丙村（{c}万元）。",
    "下达资金{t}万元，分别为甲村({a}万元)、乙村({b}万元)、丙村({c}万元)。",
    "甲村（{a}万元）、乙村（{b}万元）、丙村（{c}万元），合计{t}万元。",
])
def test_amounts_in_brackets_after_their_names(template: str) -> None:
    assert _errors(template.format(t="100", a="50", b="30", c="20")) == set(), template
    assert ("sum-mismatch", "100") in _errors(template.format(t="100", a="50", b="30", c="30"))


@pytest.mark.parametrize("text", [
    "项目资金100万元，其中甲村（含监理费5万元）、乙村30万元。",  # a remark, not the item's amount
    "项目资金100万元，其中甲村60万元（含监理费50万元）、乙村30万元。",  # a bracket after an amount
    "项目资金100万元，其中甲村（第一批60万元、第二批50万元）、乙村30万元。",
])
def test_brackets_that_are_remarks_stay_remarks(text: str) -> None:
    assert _errors(text) == set(), text
