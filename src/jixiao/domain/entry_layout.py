"""Cell layout of the 自评表 entry template (.xlsx) shared by its writer
(`jixiao.documents.entry_xlsx`) and its reader (`jixiao.ingest.entry_xlsx`): plain data, so
that the two cannot drift apart.
"""

from __future__ import annotations

FORMAT = "jixiao.entry-xlsx/1"
SHEET = "自评表"
META_SHEET = "_jixiao"
#: Funds block rows (key, label), under the header row.
FUND_ROWS = (("total", "年度资金总额"), ("current_appropriation", "其中：当年财政拨款"),
             ("carryover", "上年结转资金"), ("other_funds", "其他资金"))
FUND_COLUMNS = (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"),
                ("executed", "全年执行数"))
FUND_HEADER_ROW = 6
GOALS_ROW = 12
INDICATOR_HEADER_ROW = 14
#: Indicator columns: (key, header, editable).
INDICATOR_COLUMNS = (
    ("index", "序号", False), ("category", "一级指标", False), ("subcategory", "二级指标", False),
    ("name", "三级指标", False), ("operator", "指标性质", False), ("target", "年度指标值", False),
    ("unit_of_measure", "度量单位", False), ("weight", "分值", False),
    ("actual", "实际完成值", True), ("grade", "定性档次", True),
    ("score", "得分（定性必填/定量调整）", True), ("override_reason", "调整得分理由", True),
    ("deviation_reason", "偏差原因分析及改进措施", True),
)
#: Typed into a fillable cell to clear its value on upload. A cell left empty where the
#: system holds a value is an error instead: an emptied cell is more often a slip (a
#: deleted row, a cut-and-paste) than an intention, and clearing must never be silent.
CLEAR_MARK = "清空"
#: Qualitative grades as the form words them (财预〔2020〕10号).
GRADE_LABELS: dict[str, str] = {
    "achieved": "达成年度指标",
    "partly_achieved": "部分达成年度指标并具有一定效果",
    "not_achieved": "未达成年度指标且效果较差",
}
