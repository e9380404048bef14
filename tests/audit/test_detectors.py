"""Each relation detector on real sentences from ../shared/corpus (quoted inline) and on
counter-examples it must stay silent on."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.test_corpus import CORPUS  # the one rule for where the shared corpus is
from jixiao.domain.audit.registry import DETECTORS
from jixiao.domain.findings import CODES, Finding, Severity
from jixiao.services.figure_audit import audit_lines, build_document

SEED_43 = (
    "市、区两个中心租赁场地为永昌传媒中心2号楼一层、二层、三层、四层七层局部、十四层、十五层局部,"
    "租用总建筑面积为15415.38平方米,分别是:2号楼第一层3295.03平方米,为市、区政务服务中心的办税大厅"
    "不动产登记中心和公安便民大厅使用;2号楼第二层3169.08平方米,为隆阳区政务服务中心使用;2号楼第三层"
    "3881.22平方米,为保山市政务服务中心(含中介超市、便民服务超市)使用;2号楼第四层3881.22平方米,为市、"
    "区公共资源交易中心(政府采购和出让中心)和市、区政务服务管理局办公场所使用;2号楼B栋第七层1188.83"
    "平方米,为市人力资源社会保障局、市医保局(市医保中心)、社保中心、就业和人才服务局办公场所使用市区"
    "各承担50%费用;2号楼B栋第十四层567.94平方米,为市社保中心办公场所,市级承担100%费用;2号楼B栋第十"
    "五层201.46平方米,为市政务服务管理局档案室和办公室,市级承担100%费用。一是办公用房租金203.45万元。"
    "根据分摊面积测算,市政务服务管理局租用面积共计8477.09平方米,按20/.平方米计算,每年应承担办公用房"
    "租金203.45万元;二是物业管理费24.7万元。根据分摊面积测算,市政务服务管理局租用面积共计8477.09平方米,"
    "按2/.平方米计算,每年应承担物业管理费21万元"
)
SEED_21_HOTLINE = (
    "六是12345政务服务便民热线(以下简称12345热线)共接听企业和群众来电85444次,电话接通率95.84%;"
    "受理有效诉求72728件,在线答复53467件,在线答复率73.52%;交办工单19261件,办结率97.19%。"
)
SEED_51 = ("1.预算执行情况分析:2022年,实际使用项目资金房租及物业补助经费项目经费2225038.16,其中:"
           "物业管理费644138.16元、租赁费1580900元。预算执行率为100.00%")
GUANGXI_7 = (
    "2020年10月30日,中央以《财政部关于提前下达2021年农业相关转移支付资金预算的通知》(财农〔2020〕90号)"
    "文件下达我区农业生产发展专项转移支付预算463142万元;2021年4月21日,中央以《财政部关于下达2021年"
    "农业生产发展资金预算的通知》(财农〔2021〕28号)文件下达我区农业生产发展专项转移支付预算163455万元;"
    "2021年6月29日,中央以《财政部关于下达实际种粮农民一次性补贴资金预算的通知》(财农〔2021〕61号)文件"
    "下达我区实际种粮农民一次性补贴资金预算44440万元(实际种粮农民一次性补贴资金列入农业生产发展资金耕地"
    "地力保护补贴支出);2021年农业生产发展资金合计671037万元。其中,安排耕地地力保护补贴、农机购置补贴、"
    "农业信贷担保业务奖补、有机肥替代化肥、优势特色产业集群、国家现代农业产业园、农业产业强镇、良种良法"
    "技术推广8项约束性任务资金合计575218万元,安排指导性任务资金合计95819万元。"
)
GUANGXI_8 = ("年度目标下设33个三级绩效指标,包括23个数量指标、2个质量指标、1个时效指标、1个成本指标、"
             "1个经济效益指标、1个社会效益指标、1个生态效益指标、1个可持续影响指标、2个服务对象满意度指标。")
KAIFU_7 = ("1、楼宇载体情况。截至2022年底,全区共有5000Itf以上商务商业楼宇165栋,总面积723.60万rtf。"
           "其中商务面积407.60万Itf,商业面积239.80万。待招商面积约81.61万rtf,其中待招商商务面积59.54万rtf,"
           "待招商商业面积22.07万rtf;")


def _codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def test_registry_is_explicit_and_codes_are_catalogued() -> None:
    names = [d.name for d in DETECTORS]
    assert len(names) == len(set(names)) >= 8
    for detector in DETECTORS:
        for code in detector.codes:
            assert code in CODES


def test_every_detector_emits_only_the_codes_it_declares() -> None:
    """The registry's codes are what a detector may emit (the docs and `--json` users rely on
    them): run each detector alone over every shared report on this machine and the quoted
    sentences, with a funds table and its prose disagreeing."""
    texts = [[SEED_43], [SEED_21_HOTLINE], [SEED_51], [GUANGXI_7], [GUANGXI_8], [KAIFU_7],
             ["全年预算数 | 全年执行数 | 执行率", "100 | 90 | 90%", "三级指标 | 指标值 | 实际完成值",
              "预算执行率 | 100% | 95%", "项目全年执行数为80万元，执行率为80%。"]]
    for folder in (CORPUS, CORPUS / "round2"):
        texts += [p.read_text(encoding="utf-8").splitlines() for p in sorted(folder.glob("*.txt"))]
    for lines in texts:
        doc = build_document(lines)
        for detector in DETECTORS:
            emitted = {f.code for f in detector.run(doc)}
            assert emitted <= set(detector.codes), (detector.name, emitted)


# --- enumerated parts vs a stated total ---------------------------------------------------

def test_seed_floor_areas_against_stated_total() -> None:
    findings = [f for f in audit_lines([SEED_43]) if f.code == "sum-mismatch"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.stated, f.expected, f.unit, f.line) == (
        Decimal("15415.38"), Decimal("16184.78"), "平方米", 1)
    assert f.operands == tuple(Decimal(x) for x in
                               ["3295.03", "3169.08", "3881.22", "3881.22", "1188.83", "567.94",
                                "201.46"])
    assert f.severity is Severity.ERROR
    assert "15415.38" in (f.excerpt or "")


def test_consistent_decompositions_are_silent() -> None:
    assert audit_lines([GUANGXI_7, GUANGXI_8, SEED_51, SEED_21_HOTLINE]) == ()


def test_kaifu_total_floor_area_short_of_parts_is_an_error() -> None:
    # a warning while a 其中 list of kinds might leave kinds out; the sentence names the whole as
    # 商务商业楼宇 — exactly the two kinds listed — so the shortfall is an error (i10v)
    (f,) = audit_lines([KAIFU_7])
    assert (f.code, f.stated, f.expected, f.severity) == (
        "sum-mismatch", Decimal("723.60"), Decimal("647.40"), Severity.ERROR)


def test_tangxi_actuals_exceed_their_total() -> None:
    line = ("本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;"
            "29.99万元用于基建工程项目设计、规划、测绘。")
    (f,) = audit_lines([line])
    assert (f.stated, f.expected, f.severity) == (Decimal("89.97"), Decimal("89.99"), Severity.ERROR)


def test_partial_listings_are_not_accused() -> None:
    assert audit_lines(["全年预算数100万元，其中中央补助30万元、省级补助20万元等。"]) == ()
    assert audit_lines(["总面积为100平方米，分别是约50平方米、约40平方米。"]) == ()
    assert audit_lines(["总投资100万元，其中A项目60万元（其中设备20万元）、B项目30万元。"]) == ()


def test_partial_listing_after_qizhong_is_no_contradiction() -> None:
    # 其中 may name only some of the parts: a shortfall is silent …
    assert audit_lines(["全年预算数100万元，其中中央补助30万元、省级补助20万元。"]) == ()
    # … except a warning when the total is a 总… and every part a kind of it (开福 046)
    (f,) = audit_lines(["总面积为100平方米，其中办公面积30平方米、业务面积20平方米。"])
    assert (f.severity, f.stated, f.expected) == (Severity.WARNING, Decimal(100), Decimal(50))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.decimals(min_value=1, max_value=99999, places=2), min_size=2, max_size=6),
       st.sampled_from(["分别是", "分别为", "其中"]),
       st.decimals(min_value=Decimal("0.01"), max_value=500, places=2))
def test_enumeration_property(parts: list[Decimal], marker: str, delta: Decimal) -> None:
    body = "；".join(f"第{i + 1}项{p}平方米" for i, p in enumerate(parts))
    total = sum(parts)
    assert audit_lines([f"总面积为{total}平方米，{marker}：{body}。"]) == ()
    # parts above the total: an error whatever the marker — unless, after 其中, the first
    # parts alone make the total (then the rest are read as other figures)
    over = audit_lines([f"总面积为{total - delta}平方米，{marker}：{body}。"])
    prefixes = {sum(parts[:k]) for k in range(2, len(parts))}
    if total - delta > 0 and not (marker == "其中" and total - delta in prefixes):
        assert _codes(over) == ["sum-mismatch"] and over[0].expected == total
        assert over[0].severity is Severity.ERROR
    # parts below the total: an error only for an exhaustive 分别 list
    short = audit_lines([f"总面积为{total + delta}平方米，{marker}：{body}。"])
    if marker == "其中":
        assert short == ()
    else:
        assert _codes(short) == ["sum-mismatch"] and short[0].expected == total


# --- table columns against a 合计 row ----------------------------------------------------

CHUNAN = [
    "支出内容(经济科目) | 计划支出数(万元) | 实际支出数(万元) | ||||||||",
    "文化活动经费(文广旅体局) | 166.16 | 129.05 | ||||||||",
    "广电低保工程补助 | 80.00 | 62.54 | ||||||||",
    "非物质文化保护经费 | 100.00 | 98.21 | ||||||||",
    "应急广播建设工程运维补助资金 | 206.77 | 206.77 | ||||||||",
    "乡镇文化站免费开放补助 | 73 | 73 | ||||||||",
    "乡镇图书分馆运行保障经费 | 41.40 | 41.40 | ||||||||",
    "送书下乡经费 | 87.40 | 87.40 | ||||||||",
    "图书馆免费开放专项补助 | 50.00 | 49.95 | ||||||||",
    "编外用工人员经费 | 24 | 24 | ||||||||",
    "文化活动经费(文化馆) | 141.93 | 139.21 | ||||||||",
    "文化馆免费开放专项补助 | 50.00 | 41.16 | ||||||||",
    "文化馆分馆运行保障经费 | 18.00 | 18.00 | ||||||||",
    "农村电影公益放映补助资金 | 49.34 | 49.34 | ||||||||",
    "支出合计 | 1088.00 | 1020.02 | ||||||||",
]


def test_chunan_actual_column_drifts_by_a_cent() -> None:
    (f,) = audit_lines(CHUNAN)
    assert (f.code, f.line, f.stated, f.expected, f.unit) == (
        "sum-mismatch", 15, Decimal("1020.02"), Decimal("1020.03"), "万元")


def test_table_with_sub_items_is_not_summed() -> None:
    rows = ["项目 | 金额", "A | 10", "其中：A1 | 4", "B | 5", "合计 | 15"]
    assert audit_lines(rows) == ()


# --- unit price × quantity × months ------------------------------------------------------

def test_seed_property_fee_against_area_and_price() -> None:
    f = next(f for f in audit_lines([SEED_43]) if f.code == "product-mismatch")
    assert (f.stated, f.expected, f.unit) == (Decimal("21"), Decimal("20.35"), "万元")
    assert f.operands == (Decimal("8477.09"), Decimal("2"), Decimal("12"))


def test_seed_rent_is_consistent() -> None:
    assert not [f for f in audit_lines([SEED_43]) if f.stated == Decimal("203.45")]


def test_clean_price_unit_needs_no_confirmation() -> None:
    (f,) = audit_lines(["租用面积8477.09平方米，按2元/平方米/月计算，每年应承担物业管理费21万元。"])
    assert (f.code, f.expected) == ("product-mismatch", Decimal("20.35"))


def test_damaged_price_unit_is_never_guessed_alone() -> None:
    assert audit_lines(["租用面积8477.09平方米，按2/.平方米计算，每年应承担物业管理费21万元。"]) == ()


def test_shares_and_daily_prices_are_left_alone() -> None:
    assert audit_lines(["面积1000平方米，按2元/平方米/月计算，市级承担50%，每年应承担12万元。"]) == ()
    assert audit_lines(["面积1000平方米，按2元/平方米/天计算，全年租金70万元。"]) == ()


# --- the same quantity stated twice ------------------------------------------------------

def test_seed_property_fee_stated_twice() -> None:
    f = next(f for f in audit_lines([SEED_43]) if f.code == "restated-mismatch")
    assert (f.stated, f.expected, f.unit) == (Decimal("24.7"), Decimal("21"), "万元")


def test_differently_dated_or_labelled_amounts_are_not_the_same_quantity() -> None:
    assert audit_lines([GUANGXI_7]) == ()
    assert audit_lines(["2021年预算资金100万元，2022年预算资金120万元。"]) == ()
    assert audit_lines(["预算物业管理费25万元，实际支付物业管理费24万元。"]) == ()


# --- funds block, indicator rows and weights of flattened 自评表 --------------------------

SHIDIAN = [
    "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
    "||",
    "年度财政资金总额 | 650 | 94 | 0.1 | 2.9 | ||",
    "年度绩效目标1 (80分) |",
    "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
    "产出指标 | 数量指标 | 扶持发展新型农业经营主体 (个) |",
    "15 | 6 | 8.0 | |",
    "数量指标 | 带动贫困户(人) | 11442 | 4164 | 7.3 | ||",
    "效益指标 | 经济效益指标 | 新型经营主体实现产值(%) | 8000 | 12767.36 | 31.9 | |",
    "经济效益指标 | 新型经营主体助农增收 (元) |",
    "1980 | 2074 | 10.5 | ||",
    "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 100 | 11.1 | |",
    "总分 | 71.7 | |||||",
]


def test_shidian_rate_scores_and_unit_slip() -> None:
    got = {(f.code, f.line, str(f.stated), str(f.expected)) for f in audit_lines(SHIDIAN)}
    assert got == {
        ("rate-mismatch", 3, "0.1", "0.1446"),
        ("score-above-weight", 9, "31.9", "20"),
        ("score-above-weight", 11, "10.5", "10"),
        ("score-above-weight", 12, "11.1", "10"),
        ("unit-implausible", 9, "12767.36", "None"),
    }


def test_implied_weights_need_the_stated_block_total() -> None:
    changed = [ln.replace("(80分)", "(90分)") for ln in SHIDIAN]
    assert "score-above-weight" not in _codes(audit_lines(changed))


LINXIANG = [
    "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    "年度资金总额 |",
    "| 32.4 | 31.69 | 10 | 97.80% | 9 |",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |",
    "产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | 10 | 10 | 无 |",
    "效益指标 | 经济效益指标 | 务工人员年人均增收 | ≥8400元 | 8400元 | 10 | 10 | 无 |",
]


def test_linxiang_truncated_rate_and_floor_score_are_accepted() -> None:
    assert audit_lines(LINXIANG) == ()


def test_rate_contradicting_the_amounts_is_an_error() -> None:
    rows = ["| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
            "年度资金总额 | 100 | 100 | 80 | 10 | 90.00% | 8 |"]
    (f,) = audit_lines(rows)
    assert (f.code, f.stated, f.expected, f.severity) == (
        "rate-mismatch", Decimal("90.00"), Decimal("80.00"), Severity.ERROR)


def test_yongde_docked_score_on_an_achieved_indicator() -> None:
    rows = [
        "| 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 |",
        "| 时效指标 | 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |",
        "| 社会效益 指标 | 政策知晓率 | ═ | 100 | % | 98% | 10 | 9 |",
    ]
    # the table is read (a 偏差原因 column, left empty on the row): docked is certain, an error
    (f,) = audit_lines(rows)
    assert (f.code, f.line, f.stated, f.expected, f.severity) == (
        "score-docked-achieved", 2, Decimal("7"), Decimal("10"), Severity.ERROR)


def test_zhongjiang_category_weights_differ_from_the_note() -> None:
    line = ("产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10效益指标(20分)经济效益指标"
            "满意度指标(10分)服务对象满意度指标……总分100100注:1.一级指标分值统一设置为:产出指标50分、"
            "效益指标30分、满意度指标10分、预算资金执行率10分")
    got = {(f.code, str(f.stated), str(f.expected)) for f in audit_lines([line])}
    assert got == {("restated-mismatch", "70", "50"), ("restated-mismatch", "20", "30")}


def test_category_weights_plus_funds_weight_must_be_100() -> None:
    rows = ["项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: "
            "20 20 20 10 100% 10 其中:本年财政拨款 20 20 20",
            "产出指标(70分) 效益指标(20分) 满意度指标(10分)"]
    (f,) = audit_lines(rows)
    assert (f.code, f.stated, f.expected) == ("weights-sum-mismatch", Decimal(100), Decimal(110))


# --- silence ---------------------------------------------------------------------------------

def test_text_without_figures_gives_nothing() -> None:
    assert audit_lines(["本次评价工作人员,由于受专业知识和评价能力的限制,对评价结果可能产生一定影响。",
                        "", "一是加强管理;二是完善制度。"]) == ()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(
    list("0123456789.%|，。；其中分别是总合计共约余万元平方米个≥≧═年度资金总额预算数执行数执行率得分分值(A)(B)产出指标")),
    max_size=60), max_size=6))
def test_audit_never_raises_on_noise(lines: list[str]) -> None:
    for f in audit_lines(lines):
        assert f.code in CODES and f.line is not None and 1 <= f.line <= len(lines)


# --- rates in prose, counts announced vs listed, total score ----------------------------------

def test_hotline_rates_are_consistent_or_not_checkable() -> None:
    assert audit_lines([SEED_21_HOTLINE]) == ()


def test_rate_against_its_own_numerator_and_denominator() -> None:
    (f,) = audit_lines(["共受理投诉200件，办结180件，办结率100%。"])
    assert (f.code, f.stated, f.expected, f.operands) == (
        "rate-mismatch", Decimal("100"), Decimal("90.00"), (Decimal("180"), Decimal("200")))


def test_rate_with_an_ambiguous_numerator_is_left_alone() -> None:
    assert audit_lines(["今年完成95个，去年完成80个，完成率90%。"]) == ()
    assert audit_lines(["共接听来电85444次,电话接通率95.84%;"]) == ()


def test_count_announced_against_items_listed() -> None:
    (f,) = audit_lines(["局属直属事业单位3个，即市政务服务中心、市公共资源交易中心。"])
    assert (f.code, f.stated, f.expected, f.severity) == (
        "count-mismatch", Decimal(3), Decimal(2), Severity.ERROR)
    # "市、区政务服务中心" may be one name holding 、: a one-character item makes it a warning
    (f,) = audit_lines(["服务机构3个，即市、区政务服务中心。"])
    assert f.severity == Severity.WARNING
    assert audit_lines(["下辖三个乡镇，即甲镇、乙镇、丙镇。"]) == ()
    assert audit_lines(["包括5个单位，即甲、乙、丙等。"]) == ()
    # 和 may join one name or two: 2 and 3 are readings, 4 is none (i12r: outside the range
    # of readings is wrong whichever is meant)
    assert audit_lines(["共有3个单位：财政局、住房和城乡建设局。"]) == ()
    assert audit_lines(["共有2个单位：财政局、住房和城乡建设局。"]) == ()
    assert audit_lines(["共有3家企业：甲公司、乙公司和丙公司。"]) == ()
    # — but pieces that each end as the list's other names do are names of one kind (i13a)
    (f,) = audit_lines(["共有2家企业：甲公司、乙公司和丙公司。"])
    assert (f.stated, f.expected, f.severity) == (Decimal(2), Decimal(3), Severity.ERROR)
    (f,) = audit_lines(["共有4家企业：甲公司、乙公司和丙公司。"])
    assert (f.code, f.stated, f.severity) == ("count-mismatch", Decimal(4), Severity.ERROR)


TABLE = [
    "项目资金 （元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
    "年度资金总额 | 100.00 | 100.00 | 90.00 | 10 | 90.00% | 9",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分",
    "产出指标 | 数量指标 | 办公场所面积 | ≥ | 5236 | 平方米 | 5236 | 50 | 50.00",
    "效益指标 | 可持续影响指标 | 正常运转 | 定性 | 全年正常运转 | 达成年度指标 | 30 | 28.00",
    "满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥ | 90 | % | 100 | 10 | 10.00",
    "总分 | 100 | 97.00 | 优",
]


def test_total_score_against_the_rows() -> None:
    assert audit_lines(TABLE) == ()
    (f,) = audit_lines([*TABLE[:-1], "总分 | 100 | 99.00 | 优"])
    assert (f.code, f.line, f.stated, f.expected) == ("sum-mismatch", 7, Decimal("99.00"),
                                                       Decimal("97.00"))


def test_total_score_is_not_checked_when_a_row_was_not_read() -> None:
    unreadable = [ln for ln in TABLE if "定性" not in ln]
    assert audit_lines([*unreadable[:-1], "总分 | 100 | 99.00 | 优"]) == ()


# --- a funds row whose separators were all lost ----------------------------------------------

def _funds_block(line: str):  # type: ignore[no-untyped-def]
    from jixiao.domain.audit.facts import AuditDocument
    from jixiao.domain.audit.funds import parse_funds_block
    from jixiao.ingest.figures import extract_line

    header = "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:"
    return parse_funds_block(AuditDocument((extract_line(1, header + line),)))


def test_zhongjiang_run_together_funds_row_is_cut_one_way_only() -> None:
    block = _funds_block("202010100.00%10其中:本年财政拨款2020其他资金")
    assert block is not None and block.complete
    assert [str(block.values[c].value) for c in block.columns] == ["20", "20", "10", "100.00", "10"]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5000), st.integers(0, 100), st.integers(5, 20))
def test_run_together_rows_are_read_right_or_not_at_all(budget: int, share: int, weight: int) -> None:
    from jixiao.domain.money import round_half_up

    executed = budget * share // 100
    rate = round_half_up(Decimal(executed) / budget * 100, 2)
    score = round_half_up(weight * rate / 100, 2)
    block = _funds_block(f"{budget}{executed}{weight}{rate}%{score}其中")
    assert block is not None
    if block.values:
        got = [block.values[c].value for c in block.columns]
        assert got == [budget, executed, weight, rate, score]


# --- paid more than was due ---------------------------------------------------------------

def test_seed_property_fee_paid_three_times_what_was_due() -> None:
    # (an error: the same breakdown pays the rent under its due — the split contradicts the
    # dues; a lone overpayment stays a warning, below)
    found = [f for f in audit_lines([SEED_43, "", SEED_51]) if f.code == "overpayment"]
    assert [(f.line, f.stated, f.expected, f.unit, f.severity) for f in found] == [
        (3, Decimal("644138.16"), Decimal("210000.00"), "元", Severity.ERROR)]


def test_seed_rent_underpaid_in_the_breakdown_that_overpays_the_property_fee() -> None:
    # S7: 租赁费 (paid) is the 办公用房租金 (due) — the breakdown names the other due item,
    # 物业管理费, exactly, and each side names one rent; the property fee is overpaid
    found = [f for f in audit_lines([SEED_43, "", SEED_51]) if f.code == "underpayment"]
    assert [(f.line, f.stated, f.expected, f.unit, f.severity) for f in found] == [
        (3, Decimal("1580900"), Decimal("2034500"), "元", Severity.ERROR)]
    assert "203.45万元" in found[0].message and "少于" in found[0].message
    assert "“租赁费”（即“办公用房租金”）" in found[0].message


DUE_BOTH = "每年应承担办公用房租金100万元，每年应承担物业管理费20万元。"


def test_underpayment_only_beside_an_overpayment_and_rent_paired_only_by_the_document() -> None:
    # paying less is legitimate when nothing of the breakdown is overpaid
    assert audit_lines([DUE_BOTH, "实际支付资金100万元，其中:物业管理费20万元、租赁费80万元。"]) == ()
    # the rent is paired only when another item of the breakdown is named exactly as due
    assert audit_lines([DUE_BOTH, "实际支付资金110万元，其中:物业服务费30万元、租赁费80万元。"]) == ()
    # two rents due: which one the 租赁费 is, is unknown
    two = "每年应承担办公用房租金100万元，每年应承担车位租金5万元，每年应承担物业管理费20万元。"
    found = audit_lines([two, "实际支付资金110万元，其中:物业管理费30万元、租赁费80万元。"])
    assert [(f.code, f.severity) for f in found] == [("overpayment", Severity.WARNING)]
    found = audit_lines([DUE_BOTH, "实际支付资金110万元，其中:物业管理费30万元、租赁费80万元。"])
    assert sorted((f.code, f.stated, f.expected, f.severity) for f in found) == [
        ("overpayment", Decimal(30), Decimal(20), Severity.ERROR),
        ("underpayment", Decimal(80), Decimal(100), Severity.ERROR)]


def test_paying_less_than_due_or_under_another_name_is_not_reported() -> None:
    due = "按面积测算，每年应承担物业管理费21万元。"
    assert audit_lines([due, "2022年实际使用资金20万元，其中:物业管理费20万元。"]) == ()
    assert audit_lines([due, "2022年实际使用资金30万元，其中:物业服务费30万元。"]) == ()
    (f,) = audit_lines([due, "2022年实际使用资金30万元，其中:物业管理费30万元。"])
    assert (f.code, f.stated, f.expected) == ("overpayment", Decimal(30), Decimal(21))
    assert f.severity is Severity.WARNING  # (alone: arrears may have been paid)


# --- general-case guards (reports beyond the sample) ----------------------------------------

def test_lists_of_subjects_are_not_one_quantity_restated() -> None:
    assert audit_lines(["甲镇：补助资金10万元。乙镇：补助资金12万元。"]) == ()
    assert audit_lines(["一是补助资金10万元；二是补助资金12万元。"]) == ()
    assert audit_lines(["一是补助资金10万元。二是补助资金12万元。"]) == ()


def test_name_value_pairs_and_restated_totals_are_not_breakdowns() -> None:
    assert audit_lines(["总额100万元，预算、执行分别为100万元、95万元。"]) == ()
    assert audit_lines(["合计100万元，其中：A 60万元、B 40万元，合计100万元。"]) == ()


def test_year_header_row_is_not_summed() -> None:
    rows = ["项目 | 2021 | 2022", "甲 | 10 | 20", "乙 | 5 | 5", "合计 | 15 | 25"]
    assert audit_lines(rows) == ()
    (f,) = audit_lines([*rows[:-1], "合计 | 15 | 26"])
    assert (f.stated, f.expected) == (Decimal(26), Decimal(25))


def test_stated_proportional_rule_is_applied_to_shortfall_rows() -> None:
    rows = [
        "| 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| 数量指标 | 培训人数 | ≥ | 200 | 人 | 150 | 20 | 18 |",
        "| 数量指标 | 培训场次 | ≥ | 10 | 场 | 8 | 10 | 8 |",
        "注：定量指标得分 = 实际完成值/年度指标值×分值。",
    ]
    (f,) = audit_lines(rows)
    assert (f.code, f.line, f.stated, f.expected) == (
        "score-rule-mismatch", 2, Decimal(18), Decimal("15.00"))
    # no rule stated: the national rule (RULES.md §2.3, 按比例计分) gives the same
    assert [(f.code, f.stated) for f in audit_lines(rows[:3])] == [("score-rule-mismatch", 18)]


def test_docked_score_with_a_reason_is_not_reported() -> None:
    rows = [
        "| 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| 时效指标 | 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 | 部分资金年底才拨付 |",
    ]
    assert audit_lines(rows) == ()


# --- grade against score, prose score against the table ------------------------------------

def test_grade_must_follow_the_national_bands() -> None:
    assert audit_lines(["经逐项对照自评,自评得分99分,本次绩效评价各项工作自评结果:优秀。"]) == ()
    (f,) = audit_lines(["经逐项对照自评,自评得分89.99分,本次绩效评价各项工作自评结果:优秀。"])
    assert (f.code, f.stated) == ("grade-mismatch", Decimal("89.99"))
    (f,) = audit_lines(["| 总分 | 100 | 86 | 优 |"])
    assert (f.code, f.stated) == ("grade-mismatch", Decimal(86))
    assert audit_lines(["自评得分为75分，等级为中等偏上。", "自评得分70分，评价结果：合格。"]) == ()


def test_prose_score_against_the_table_total() -> None:
    rows = ["自评得分96分。", "| 年度指标值 | 实际完成值 | 分值 | 得分 |", "| 总分 | 100 | 95 | 优 |"]
    (f,) = audit_lines(rows)
    assert (f.code, f.stated, f.expected) == ("restated-mismatch", Decimal(96), Decimal(95))
    assert audit_lines([rows[0].replace("96", "95"), *rows[1:]]) == ()
