"""The surface cases: every relation type in several wordings and table shapes.

Each case is written twice from one template: consistent (the figures agree) and
inconsistent (one figure, `planted`, differs from what the others give, `expected`, by far
more than its printed precision). Every inconsistent version must be a contradiction on any
reading: after 其中/含 a list may name only some parts, so there the parts *exceed* the
planted total; 分别/共计 lists are exhaustive, so either direction is wrong. Approximate
wordings (约/余/多/左右) are written once, with figures that do not agree exactly: the audit
must stay silent on them.

Arithmetic of every case is in its comment or visible in the template; `test_quality_machinery`
re-checks the sums.
"""

from __future__ import annotations

from collections.abc import Callable

from audit_surface.model import Case, Doc, Para, Table

_PLACES = ("云南省某县", "四川省某区", "河南省某县", "湖北省某市", "浙江省某县", "宁夏某区", "安徽省某市",
           "河北省某县")


def _title(n: int, what: str = "项目支出") -> str:
    return f"{_PLACES[n % len(_PLACES)]}2022年度{what}绩效自评报告"


def _prose(text: str, n: int) -> Doc:
    return Doc(_title(n), (Para("一、项目基本情况"), Para(text), Para("二、绩效目标完成情况")))


def _pair(cid: str, relation: str, form: str, make: Callable[[str], Doc], good: str, bad: str) -> Case:
    return Case(cid, relation, form, make(good), make(bad), planted=bad, expected=good)


def _prose_pair(cid: str, relation: str, form: str, template: str, good: str, bad: str, n: int) -> Case:
    return _pair(cid, relation, form, lambda v: _prose(template.format(v=v), n), good, bad)


# (id, relation, form, template with {v}, consistent value, inconsistent value)
PROSE: tuple[tuple[str, str, str, str, str, str], ...] = (
    # sum — 45+30+25 = 100
    ("sum-qizhong", "sum", "其中 total first",
     "全年预算资金{v}万元，其中：人员经费45万元、公用经费30万元、项目支出25万元。", "100", "90"),
    # 120+50+30 = 200
    ("sum-fenbiewei", "sum", "分别为",
     "项目总投资{v}万元，资金来源分别为中央资金120万元、省级资金50万元、县级配套30万元。", "200", "230"),
    # 12+8+5 = 25
    ("sum-parts-first", "sum", "parts first, 共计",
     "按因素法分配至甲镇12万元，乙镇8万元，丙镇5万元，共计{v}万元。", "25", "28"),
    # 36.5+12.3 = 48.8
    ("sum-brackets", "sum", "brackets 含",
     "本年度共发放补贴{v}万元（含种粮补贴36.5万元、农机购置补贴12.3万元）。", "48.8", "44.8"),
    # 1250.5+349.5 = 1600
    ("sum-area", "sum", "平方米, ，-separated",
     "改造总面积{v}平方米，其中住宅1250.5平方米，商业用房349.5平方米。", "1600", "1450"),
    # 860+140 = 1000
    ("sum-renci", "sum", "人次",
     "全年共培训{v}人次，其中农民860人次、技术人员140人次。", "1000", "900"),
    # 1.25+0.75 = 2.00
    ("sum-yiyuan", "sum", "亿元 分别用于",
     "下达资金{v}亿元，分别用于基础设施建设1.25亿元、公共服务提升0.75亿元。", "2.00", "2.40"),
    # 132+48 = 180, no final 。
    ("sum-no-full-stop", "sum", "户, line without 。",
     "共帮扶{v}户，其中脱贫户132户、监测户48户", "180", "160"),
    # 7+5+3 = 15
    ("sum-count-first", "sum", "个, count first",
     "本项目共涉及{v}个村，其中甲镇7个、乙镇5个、丙镇3个。", "15", "13"),
    # 1,250,000.00+150,000.00 = 1,400,000.00
    ("sum-yuan-separators", "sum", "元 with thousands separators",
     "项目支出合计{v}元，其中：设备购置费1,250,000.00元，安装调试费150,000.00元。",
     "1,400,000.00", "1,260,000.00"),
    # restated — the same labelled amount twice in one paragraph
    ("restated-xiada", "restated", "下达资金 twice",
     "县财政下达项目资金58万元，用于农村饮水安全维修养护。截至年底，下达项目资金{v}万元已全部拨付到位。",
     "58", "68"),
    ("restated-zujin", "restated", "全年租金 twice",
     "办公用房全年租金36万元，按季度支付。经核实，全年租金{v}万元已全部付清。", "36", "40"),
    ("restated-across-sentences", "restated", "项目预算总额 in two sentences",
     "项目预算总额120万元。项目于2022年3月开工，12月完工，项目预算总额{v}万元已全部执行完毕。", "120", "150"),
    ("restated-area", "restated", "总面积 twice",
     "项目建设总面积2400平方米，包括教学用房和附属设施。目前项目建设总面积{v}平方米已全部完工验收。",
     "2400", "2600"),
    # product — 500 × 30 × 12 = 18万
    ("product-natural", "product", "月租金每平方米 X 元, 全年租金",
     "租用办公用房500平方米，月租金每平方米30元，全年租金{v}万元。", "18", "21"),
    # 800 × 25 × 12 = 24万
    ("product-per-m2-month", "product", "按X元/平方米/月",
     "办公用房面积800平方米，按25元/平方米/月计算，每年应付租金{v}万元。", "24", "27"),
    # 350 × 1200 = 42万
    ("product-per-person", "product", "每人每年 × 人数",
     "补助标准为每人每年1200元，全年共补助350人，发放补助资金{v}万元。", "42", "46"),
    # 20 × 0.45 = 9.00
    ("product-unit-price", "product", "台 × 单价",
     "购置办公设备20台，单价0.45万元，合计{v}万元。", "9.00", "10.80"),
    # 136 × 500 = 68000
    ("product-per-household", "product", "每户 × 户数",
     "为136户低保家庭每户发放慰问金500元，共计{v}元。", "68000", "75000"),
    # 3.5 × 120 = 420
    ("product-per-km", "product", "每公里造价",
     "新建道路3.5公里，每公里造价120万元，总造价{v}万元。", "420", "460"),
    # rate — 180/200 = 90%
    ("rate-one-clause", "rate", "one clause",
     "全年预算数200万元，全年执行数180万元，预算执行率{v}%。", "90", "96"),
    # 230/250 = 92%
    ("rate-three-sentences", "rate", "three sentences",
     "年初预算安排资金250万元。截至12月31日，实际支出230万元。预算执行率为{v}%。", "92.00", "97.00"),
    # 84/(84+16) = 84%
    ("rate-paid-unpaid", "rate", "已支付/尚未支付, 支付率",
     "项目已支付资金84万元，尚未支付16万元，资金支付率{v}%。", "84", "90"),
    # 15/2500 = 6‰
    ("rate-permille", "rate", "‰",
     "全年抽检食品2500批次，不合格15批次，不合格率{v}‰。", "6", "9"),
    # 276/300 = 92%
    ("rate-wan", "rate", "万 without 元",
     "预算300万，执行276万，执行率{v}%。", "92", "98"),
    # 45.6/48 = 95%
    ("rate-first", "rate", "rate first, figures in brackets",
     "预算执行率{v}%（全年执行数45.6万元，全年预算数48万元）。", "95.00", "91.00"),
    # share — 186/200 = 93%
    ("share-questionnaire", "share", "问卷 N of M",
     "共发放满意度调查问卷200份，满意186份，满意度{v}%。", "93", "98"),
    # 135/150 = 90%
    ("share-households", "share", "其中 N 户表示满意",
     "共调查农户150户，其中135户表示满意，满意率为{v}%。", "90", "96"),
    # 108/120 = 90%
    ("share-coverage", "share", "覆盖率",
     "全县共有行政村120个，已覆盖108个，覆盖率{v}%。", "90", "95"),
    # 228/240 = 95%
    ("share-in-m", "share", "在 M 名中 N 名",
     "在240名受访群众中，有228名表示满意，群众满意度达{v}%。", "95", "99"),
    # 171/180 = 95%
    ("share-pass-rate", "share", "合格 N 人, 合格率",
     "参训学员180人，考核合格171人，合格率{v}%。", "95", "99"),
    # growth — 112/100 − 1 = 12%
    ("growth-visitors", "growth", "较上年增长",
     "2022年接待游客112万人次，较上年的100万人次增长{v}%。", "12", "18"),
    # 345/300 − 1 = 15%
    ("growth-yoy", "growth", "同比增长",
     "本年支出345万元，上年支出300万元，同比增长{v}%。", "15", "21"),
    # 1 − 12/15 = 20%
    ("growth-decrease", "growth", "较上年下降",
     "三公经费支出12万元，较上年15万元下降{v}%。", "20", "25"),
    # 520 − 480 = 40
    ("growth-amount", "growth", "比上年增加 amount",
     "本年度项目支出520万元，比上年的480万元增加{v}万元。", "40", "60"),
    # paid-unpaid — 85 + 15 = 100
    ("paid-unpaid-contract", "paid-unpaid", "合同金额 = 已支付 + 尚未支付",
     "项目合同金额{v}万元，已支付85万元，尚未支付15万元。", "100", "110"),
    # 200 + 60 = 260
    ("paid-unpaid-remaining", "paid-unpaid", "已拨付, 剩余",
     "项目总投资260万元，已拨付{v}万元，剩余60万元待审计结算后支付。", "200", "220"),
    # 120 + 30 = 150
    ("paid-unpaid-settlement", "paid-unpaid", "已付款/未付款",
     "工程结算金额150万元，已付款{v}万元，未付款30万元。", "120", "130"),
    # 200 + 50 = 250
    ("paid-unpaid-qizhong", "paid-unpaid", "应付 … 其中已付/未付",
     "应付工程款{v}万元，其中已付200万元，未付50万元。", "250", "270"),
    # due-paid — paid above what is due
    ("due-paid-property", "due-paid", "应支付 … 实际支付",
     "按合同每年应支付物业管理费30万元。实际支付物业管理费{v}万元。", "30", "38"),
    ("due-paid-rent", "due-paid", "应付租金 … 实际支付租金",
     "根据租赁协议，本年度应付租金48万元，实际支付租金{v}万元。", "48", "60"),
    ("due-paid-service", "due-paid", "合同约定 … 本年实际支付",
     "合同约定运维服务费每年60万元，本年实际支付运维服务费{v}万元。", "60", "75"),
    # count — stated count vs items listed
    ("count-ji", "count", "N个，即 …",
     "下设直属事业单位{v}个，即县农业技术推广中心、县畜牧站、县农机站。", "3", "4"),
    ("count-fenbieshi", "count", "N个，分别是 …",
     "建成示范点{v}个，分别是东村、西村、南村和北村。", "4", "5"),
    ("count-colon", "count", "N个乡镇：…",
     "项目涉及{v}个乡镇：甲镇、乙镇、丙乡、丁乡、戊镇。", "5", "6"),
    ("count-jiadanwei", "count", "N家，分别为 …",
     "共有{v}家单位参与项目实施，分别为县农业农村局、县财政局。", "2", "3"),
    # score-weight in prose
    ("score-weight-prose", "score-weight", "prose 分值 … 得分",
     "产出指标中“培训人数”分值20分，自评得分{v}分。", "18", "23"),
    # weights in prose — 50+30+10+10 = 100
    ("weights-prose", "weights", "prose category weights",
     "本次自评一级指标分值为：产出指标{v}分、效益指标30分、满意度指标10分、预算执行率10分。", "50", "60"),
    # total-score in prose — 9.5+48+28+9 = 94.5
    ("total-score-prose", "total-score", "prose 总得分",
     "预算执行率得分9.5分，产出指标得分48分，效益指标得分28分，满意度指标得分9分，总得分{v}分。",
     "94.5", "96.5"),
    # grade — 优 needs ≥ 90
    ("grade-you", "grade", "得分 … 等级为“优”",
     "经自评，该项目自评得分{v}分，评价等级为“优”。", "95", "85"),
    ("grade-lianghao", "grade", "自评等级“良”",
     "项目绩效自评总分{v}分，自评等级为良。", "84", "93"),
    # funds-indicator in prose — 72 spent, cost indicator restates it
    ("funds-indicator-prose", "funds-indicator", "prose 成本指标 vs 执行数",
     "全年预算数80万元，全年执行数72万元，预算执行率90%。成本指标“项目总成本”年度指标值≤80万元，"
     "实际完成值{v}万元。", "72", "78"),
)

# Must-stay-silent wordings: approximate figures that do not agree exactly, and consistent
# sentences shaped like a contradiction.
APPROXIMATE: tuple[tuple[str, str, str, str], ...] = (
    ("approx-sum-yue", "sum", "约 total",
     "全年预算资金约100万元，其中人员经费45万元、公用经费30万元、项目支出30万元。"),
    ("approx-sum-yu", "sum", "余 total",
     "全年共培训1000余人次，其中农民860人次、技术人员240人次。"),
    ("approx-sum-duo", "sum", "多 total",
     "惠及群众5000多人，分别为低保户1200人、特困人员300人、其他群众3650人。"),
    ("approx-rate-zuoyou", "rate", "左右 rate",
     "全年预算数200万元，全年执行数180万元，预算执行率95%左右。"),
    ("approx-product-yue", "product", "约 area",
     "租用办公用房约500平方米，月租金每平方米30元，全年租金20万元。"),
    ("approx-share-yue", "share", "约 count",
     "发放调查问卷约200份，满意186份，满意度98%。"),
    ("approx-growth-yue", "growth", "约 growth",
     "本年支出345万元，上年支出300万元，同比增长约20%。"),
    # consistent wordings that look like a contradiction to a careless reader (issue 10, items 3–6)
    ("trap-same-phrase", "restated", "same phrase, two quantities",
     "办公经费同比上年度增加2万元，主要是办公设备维修增加；差旅费同比上年度增加5万元，主要是下乡调研次数增加。"),
    ("trap-list-runs-on", "sum", "list runs on into another amount",
     "项目总投资100万元，其中中央资金60万元、省级资金40万元，目前已拨付80万元。"),
    ("trap-adjusted-total", "sum", "其中 list then 调整后",
     "年初预算100万元，其中：人员经费50万元、公用经费30万元、项目支出20万元，调整后预算120万元。"),
    ("trap-two-years", "restated", "same label, two years",
     "2021年下达项目资金50万元。2022年下达项目资金80万元，用于二期工程。"),
    ("approx-restated-yu", "restated", "余 restated",
     "下达项目资金58万余元，用于饮水安全维修。截至年底，下达项目资金60万元已全部拨付到位。"),
)


# ---------------------------------------------------------------------------------------
# Tables: a funds block and an indicator table, in two shapes (merged cells repeated or empty)

FUNDS_HEADER = ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
# Other provinces' words for the same columns (权重 for 分值, 指标值/完成值, 自评得分…).
IND_HEADER_ALT = ("一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "自评得分",
                  "未完成原因分析")
IND_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
              "偏差原因分析及改进措施")
# Weights 产出 20+20+10 = 50, 效益 20+10 = 30, 满意度 10; + 预算执行 10 = 100.
BASE_ROWS: tuple[tuple[str, ...], ...] = (
    ("产出指标", "数量指标", "培训人数", "≥100人", "120人", "20", "20", ""),
    ("产出指标", "质量指标", "培训合格率", "≥95%", "98%", "20", "20", ""),
    ("产出指标", "时效指标", "培训完成及时率", "100%", "100%", "10", "10", ""),
    ("效益指标", "社会效益指标", "群众政策知晓率", "≥90%", "92%", "20", "20", ""),
    ("效益指标", "可持续影响指标", "长效机制建立", "健全", "健全", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "培训对象满意度", "≥90%", "95%", "10", "10", ""),
)


def _funds(rate: str = "95%", executed: str = "95", score: str = "9.5", initial: str = "100") -> Table:
    return Table((FUNDS_HEADER, ("年度资金总额", initial, "100", executed, "10", rate, score),
                  ("其中：财政拨款", initial, "100", executed, "", "", "")))


def _merge_empty(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Merged first and second columns left empty below their first row (as html/docx flatten)."""
    out = []
    prev: tuple[str, ...] = ("", "")
    for row in rows:
        first = row[0] if row[0] != prev[0] else ""
        second = row[1] if row[:2] != prev else ""
        out.append((first, second, *row[2:]))
        prev = row[:2]
    return out


def _indicator_doc(n: int, rows: list[tuple[str, ...]], *, shape: str, funds: Table | None = None,
                   total: str | None = None, note: str | None = None,
                   labels: dict[str, str] | None = None) -> Doc:
    rows = [((labels or {}).get(r[0], r[0]), *r[1:]) for r in rows]
    body = _merge_empty(rows) if shape == "merged-empty" else rows
    table_rows: list[tuple[str, ...]] = [IND_HEADER_ALT if shape == "alt-headers" else IND_HEADER, *body]
    if total is not None:
        table_rows.append(("总分", "", "", "", "", "100", total, ""))
    blocks: list[Para | Table] = [Para("项目支出绩效自评表")]
    if funds is not None:
        blocks.append(funds)
    if note:
        blocks.append(Para(note))
    blocks.append(Table(tuple(table_rows)))
    return Doc(_title(n), tuple(blocks))


def _with(row: int, cells: dict[int, str],
          rows: tuple[tuple[str, ...], ...] = BASE_ROWS) -> list[tuple[str, ...]]:
    out = [list(r) for r in rows]
    for col, value in cells.items():
        out[row][col] = value
    return [tuple(r) for r in out]


RULE_NOTE = "评分规则：定量指标按完成比例计分，得分=实际完成值÷年度指标值×分值。"
SHORT_REASON = "受疫情影响部分培训取消"


def _table_cases(shape: str, n0: int) -> list[Case]:
    s = shape
    cases = [
        # score-weight: 培训合格率 scored 25 of 20
        _pair(f"table-score-weight-{s}", "score-weight", f"table, merged {s}",
              lambda v: _indicator_doc(n0, _with(1, {6: v}), shape=s, funds=_funds()), "20", "25"),
        # docked: 培训完成及时率 100% of 100%, scored 7 of 10 without a reason
        _pair(f"table-docked-{s}", "docked", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 1, _with(2, {6: v}), shape=s, funds=_funds()), "10", "7"),
        # score-rule: 80 of 100 人 → 20 × 0.8 = 16
        _pair(f"table-score-rule-{s}", "score-rule", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 2, _with(0, {3: "100人", 4: "80人", 6: v, 7: SHORT_REASON}),
                                       shape=s, funds=_funds(), note=RULE_NOTE), "16", "18"),
        # total-score: 9.5 + 16 + 20 + 10 + 20 + 10 + 10 = 95.5
        _pair(f"table-total-score-{s}", "total-score", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 3, _with(0, {3: "100人", 4: "80人", 6: "16", 7: SHORT_REASON}),
                                       shape=s, funds=_funds(), total=v, note=RULE_NOTE), "95.5", "98.5"),
        # weights: 产出指标（50分） holds 20 + 20 + 10 = 50
        _pair(f"table-weights-{s}", "weights", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 4, list(BASE_ROWS), shape=s, funds=_funds(),
                                       labels={"产出指标": f"产出指标（{v}分）",
                                               "效益指标": "效益指标（30分）",
                                               "满意度指标": "满意度指标（10分）"}), "50", "60"),
        # rate: funds block 95 / 100 = 95%
        _pair(f"table-rate-{s}", "rate", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 5, list(BASE_ROWS), shape=s, funds=_funds(rate=f"{v}%")),
              "95", "85"),
        # rate against the adjusted budget: 年初 120, 全年 100, 执行 95 → 95% (not 95/120 = 79.2%)
        _pair(f"table-rate-adjusted-{s}", "rate", f"table, merged {s}, adjusted budget",
              lambda v: _indicator_doc(n0 + 8, list(BASE_ROWS), shape=s,
                                       funds=_funds(rate=f"{v}%", initial="120")), "95", "85"),
        # funds-indicator: 预算执行率 indicator vs the funds block's 95%
        _pair(f"table-funds-rate-indicator-{s}", "funds-indicator", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 6, _with(2, {2: "预算执行率", 3: "100%", 4: f"{v}%", 6: "9.5",
                                                         7: "部分资金未支付"}), shape=s, funds=_funds()),
              "95", "98"),
        # funds-indicator: 成本 indicator vs 执行数 95
        _pair(f"table-funds-cost-indicator-{s}", "funds-indicator", f"table, merged {s}",
              lambda v: _indicator_doc(n0 + 7, _with(2, {1: "成本指标", 2: "项目总成本", 3: "≤100万元",
                                                         4: f"{v}万元"}), shape=s, funds=_funds()),
              "95", "99"),
    ]
    return cases


def _prose_vs_table_case() -> list[Case]:
    """The funds block says 95 spent; the narrative restates it (restated, prose vs table)."""
    def make(v: str) -> Doc:
        return Doc(_title(2), (Para("一、项目资金情况"), _funds(),
                               Para(f"项目全年预算数100万元，全年执行数{v}万元，资金已按进度拨付。")))
    return [_pair("table-prose-restated", "restated", "prose restates the funds table", make, "95", "98")]


def _column_sum_case() -> list[Case]:
    """A sources table with a 合计 row: 58 + 30 + 9 = 97 (budget 60 + 30 + 10 = 100)."""
    def make(v: str) -> Doc:
        rows = (("资金来源", "预算数（万元）", "执行数（万元）"), ("中央资金", "60", "58"),
                ("省级资金", "30", "30"), ("县级资金", "10", "9"), ("合计", "100", v))
        return Doc(_title(5), (Para("二、项目资金使用情况"), Table(rows)))
    return [_pair("table-column-sum", "sum", "table, 合计 row", make, "97", "107")]


def cases() -> list[Case]:
    """Every case (prose, approximate, tables)."""
    out = [_prose_pair(cid, rel, form, tpl, good, bad, n)
           for n, (cid, rel, form, tpl, good, bad) in enumerate(PROSE)]
    out += [Case(cid, rel, form, _prose(text, n)) for n, (cid, rel, form, text) in enumerate(APPROXIMATE)]
    out += _table_cases("repeated", 0) + _table_cases("merged-empty", 3) + _table_cases("alt-headers", 6)
    out += _prose_vs_table_case()
    out += _column_sum_case()
    return out
