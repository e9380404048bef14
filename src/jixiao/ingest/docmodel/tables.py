"""Table reconstructor: a 自评表's indicator and funds tables from extracted lines of any layout.

The genre's headers are few and fixed by the official forms (财预〔2020〕10号 附件; the
provinces' copies): 一级指标 / 二级指标 / 三级指标, (指标性质), 年度指标值, (度量单位),
实际完成值, 分值, 得分, 偏差原因分析及改进措施 for indicators; 年初预算数, 全年预算数, 全年执行数,
分值, 执行率, 得分 for funds. The reconstructor finds such a header in the stream of cells
(`cells.line_cells`) — one header cell per line, a header row spread over two lines
(``年度 | 实际`` over ``指标值 | 完成值``), or all on one line — and reads its roles left to right.

Rows are then *aligned* rather than cut by line: starting where the last row ended, it
looks for the first cell that can be a row's name followed by cells that fit the
header's value columns (a 分值 is a bare number ≤ 100, a 得分 a bare number or blank, a
度量单位 short text…). The cells skipped on the way are the row's labels: merged category
cells, repeated on every row, carried down, or left empty — all read the same. So one cell
per line, pipes, tabs and space-separated rows are one algorithm. The table ends at its 总分 /
合计 row, at the form's closing sections (评价结论, 存在问题…) or where no row fits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from jixiao.domain.audit.facts import AuditLine, Figure
from jixiao.domain.audit.tables import FUNDS, INDICATORS, Table, TableCell, TableRow, TotalRow
from jixiao.ingest.docmodel.cells import (
    CATEGORY_POINTS,
    join_operators,
    line_cells,
    run_cells,
    split_lead,
    split_pair,
)
from jixiao.ingest.figures import extract_figures

__all__ = ["recover_tables"]

_INDICATOR_ROLES: tuple[tuple[str, str], ...] = (
    ("level1", r"一级指标"),
    ("level2", r"二级指标"),
    ("name", r"三级指标|指标名称|指标内容|具体指标"),
    # 指标说明/指标解释: a text column of the 绩效目标表/评价指标表 (宁晋 120's 指标名称 | 指标说明 |
    # 目标值 | 分值; 指标解释 in 财预〔2020〕10号 附件2's framework and several provinces' 目标申报表)
    # 评分标准: the scoring criteria of a score sheet (部门整体支出绩效评价自评表: 序号 | 一级 | 二级 |
    # 三级 | 指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 — 寿县 417, and the 附件2 framework's
    # 评分标准 column): text that states points of its own (每项1分), never the row's weight (i11t)
    # (评分依据/评分说明 too: with 评分 now the score column's name, its text columns must not be
    # read as a second score; i12w)
    ("criteria", r"(?:指标说明|指标解释)?及?评分(?:标准|规则|办法|细则|依据|说明)|计分(?:方法|标准|规则)|"
                 r"评价标准"),
    ("note", r"指标说明|指标解释"),
    ("nature", r"指标性质|指标方向|计算符号"),
    # (计划值, 年度目标: copies naming the target column by the plan; i12w)
    ("target", r"(?:年度|年初|预期|计划|全年)?(?:指标值|目标值)|计划值|(?:年度|全年)目标(?![值完])"),
    ("unit", r"度量单位|计量单位"),
    # (实际完成 / 实际完成数 / 实际完成指标值: the actual named without 值 or with the target's
    # words; never 实际完成率/完成情况, the completion columns; i12w)
    ("actual", r"实际完成值|全年实际值|实际完成情况|实际值|(?:全年|年终)?完成值|"
               r"实际完成(?:指标值|数)?(?![率情程比])"),
    # a column of its own beside the actual in several provinces' forms (i11t): 完成率 (the
    # actual over the target, as %) or 完成情况 (已完成/未完成) — 指标方向 | 全年目标值 | 全年实际值 |
    # 完成率 | 权重 and 实际完成值 | 完成情况 | 分值 tables
    ("completion", r"(?:指标)?完成(?:率|情况|程度|比例|比率)"),
    # (满分 / 标准分: the points available per row in score sheets and county copies; 评分 the
    # score column of those — 评分标准 is the criteria role above; i12w)
    ("weight", r"分值|权重|满分|标准分"),
    ("score", r"(?:自评)?得分|自评分|评分"),
    ("reason", r"偏差原因|未完成原因|原因分析|改进措施|备注"),
)
_FUNDS_ROLES: tuple[tuple[str, str], ...] = (
    ("budget_initial", r"年初预算(?:数)?"),
    ("budget", r"全年预算(?:数)?|调整后预算(?:数)?|预算数"),
    ("executed", r"全年(?:实际)?执行数|预算执行数|执行数|实际支出(?:数)?"),
    ("weight", r"分值|权重"),
    ("rate", r"(?:预算)?执行率"),
    # (得分计算方法: the rule in words beside the score — 贵州 部门整体 form, 416; before 得分 so the
    # cell is not a second score column, i11t)
    ("reason", r"(?:得分)?计算方法|原因|备注"),
    ("score", r"得分"),
)


def _compile(roles: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in roles))


_INDICATOR_RE = _compile(_INDICATOR_ROLES)
_FUNDS_RE = _compile(_FUNDS_ROLES)
# The header words of the official forms and their common local spellings. A header row
# printed over two lines cuts them (年度 / 指标值, 一级 / 指标, 年初指 / 标值): any short piece
# of one of them is a header fragment, and two fragments that join into a column name are
# that column.
_HEADER_WORDS_FULL = (
    "一级指标", "二级指标", "三级指标", "指标名称", "指标性质", "指标值", "年度指标值", "年初指标值",
    "预期指标值", "计划指标值", "全年指标值", "度量单位", "计量单位", "实际完成值", "年终完成值",
    "全年实际值", "全年完成值", "实际完成情况", "分值", "参考分值", "标准分值", "权重", "得分",
    "计划值", "年度目标", "实际完成", "实际完成数", "满分", "标准分", "评分", "考核得分",
    "自评得分", "自评分", "指标说明", "指标解释",
    "偏差原因分析及改进措施", "未完成原因及拟采取的改进措施", "年初预算数", "全年预算数",
    "调整后预算数", "全年执行数", "预算执行数", "全年实际执行数", "执行率", "预算执行率",
)
_FRAGMENT_MAX = 6
_SPACE = re.compile(r"[\s\u3000]+")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")

# First- and second-level categories of the national indicator framework.
_CATEGORY = re.compile(
    r"^(?:(?:产出|效益|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响)(?:指标)?|"
    r"(?:满意度|服务对象满意度|社会公众满意度|经济成本|社会成本|生态环境成本|项目产出|项目效益)指标|"
    r"(?:项目)?(?:决策|过程)(?:指标)?|项目(?:管理|效果|产出|效益)(?:指标)?|投入(?:指标)?)"
    rf"(?:{CATEGORY_POINTS}|(?P<wb>\d+(?:\.\d+)?)分)?$"
)
# First-level categories of the evaluation frameworks: 决策 / 过程 / 产出 / 效益 (财预〔2020〕10号
# 附件 项目支出绩效评价指标体系框架, often printed 项目决策 / 项目管理 / 项目产出 / 项目效益) and the
# older 投入 / 过程 / 产出 / 效果.
_FRAMEWORK = frozenset(("决策", "过程", "投入", "项目决策", "项目过程", "项目管理", "项目产出", "项目效益",
                        "项目效果"))
# (服务对象满意度 without 指标 is the usual name of the satisfaction indicator itself)
_LEVEL1 = re.compile(r"^(产出|效益|满意度|成本)指标")
# 总分(100分): the forms print the points available in the total's own cell too
# (自评得分 / 项目自评得分 / 绩效自评得分 / 自评总得分 / 评价得分: the last row's label in county and
# provincial copies of the form, i11t)
_TOTAL = re.compile(r"^(?:总分|合计|总计|综合得分|自评总分|总得分|项目总得分|得分合计|合计得分|"
                    r"(?:项目|绩效)?自评(?:总)?得分|评价(?:总)?得分)"
                    r"(?:[(（]\s*(?P<w>\d+(?:\.\d+)?)\s*分?\s*[)）])?$")
# A category cell wrapped by the reader: its weight in the next cell (产出指标 / (50), 效益指标 /
# 30分)), its name cut in two (社会效 / 益指标), or its points spaced off it (产出指标 50分).
_WEIGHT_CELL = re.compile(r"^[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]?$|^(\d+(?:\.\d+)?)\s*分\s*[)）]?$")
# The first rows of a 自评表 (财预〔2020〕10号 附件1: 项目名称, 主管部门/实施单位, the funds block
# 项目资金 | 年初预算数 …, 年度资金总额): never inside an indicator table, so where a report of
# several projects prints the next form the table before it has ended.
_NEXT_FORM = re.compile(r"^(?:项目名称|主管部门|实施单位|项目资金|年度资金总额|年初预算数)")
_GRADE_LABEL = re.compile(r"^(?:(?:自评|评价|综合评价|绩效)?(?:等级|等次)|(?:自评|评价|综合评价)结果)[:：]?$")
_STOP = re.compile(
    r"^(?:评价结论|其他需要说明|自评结论|存在问题|主要问题|问题及改进|改进措施|改进意见|说明[:：]|注[:：]|"
    r"填报人|联系人|联系电话|项目负责人|财务负责人|单位负责人|审核人|填表人|年度总体目标)")
_GRADES = ("优秀", "良好", "中等", "较差", "优", "良", "中", "差")
_NATURE = frozenset(("≥", "≤", ">=", "<=", "≧", "≦", ">", "<", "=", "＝", "═", "定性", "定量",
                     "正向", "反向", "正向指标", "反向指标"))
_TITLE = re.compile(r"项目支出绩效自评表|绩效(?:目标)?自评表|项目绩效自评表")
_MONEY_HEADER = re.compile(r"[(（]\s*(万元|元|亿元)\s*[)）]|单位\s*[:：]\s*(万元|元|亿元)")
# (基本支出 / 项目支出: the rows of the 部门整体支出绩效自评表's funds block, by kind of spending)
_FUNDS_LABEL = re.compile(r"资金总额|总额|合计|其中|财政|结转|其他资金|单位资金|自有资金|专户|补助|"
                          r"基本支出|项目支出|"
                          r"中央|省级|市级|县级|自治区|社会|上级|本级|资金")
_UNIT_LINE = re.compile(r"^\s*(?:金额)?单位\s*[:：]\s*(万元|元|亿元)\s*$")
_WINDOW = 600  # cells read after a header at most: a 自评表 has a few dozen rows
# 一级 alone is the upper half of 一级指标 in a header printed over two lines
_VALUE_HEADER = re.compile(r"(?:年度|年初|预期|计划|全年)?(?:指标值|目标值)")
_HEADER_TRIGGER = re.compile(r"一级指标|三级指标|指标名称|(?:^|[\s|])一级(?=[\s|]|$)")
# (every match holds one of these words: the pattern's last alternative opens with a group,
# which makes the engine try it at every position, and every short line of a report is asked)
_TRIGGER_WORDS = ("指标", "一级")


def _header_trigger(text: str) -> bool:
    """``_HEADER_TRIGGER.search(text)``, refused at once for a line without its words."""
    return any(w in text for w in _TRIGGER_WORDS) and _HEADER_TRIGGER.search(text) is not None


def _compact(text: str) -> str:
    return "".join(text.split())  # str.split knows every Unicode space (\u3000 too)


def _no_separator(text: str) -> bool:
    return "|" not in text and "\t" not in text and not _SPACE.search(text.strip())


# An amount or a rate printed in a line: the column names of a header stand side by side
# with none between them; prose names each with its figure ("全年预算数200万元，全年执行数180万元，
# 执行率90%").
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|万|%)")


_TARGET_HEADER = re.compile(r"指标名称.{0,12}目标值\s*(?:\(\w\)|（\w）)?\s*(?:分值|权重)")


def _run_together(text: str) -> bool:
    """A header line printed with no separator: several column names of the forms in one run,
    no amount or rate between them (the names of the run-together 自评表 rows, 020 and the
    Zhongjiang form: "全年预算数(A)全年执行数(B)分值执行率(B/A)得分…"). Prose that names the
    funds columns each with its amount on every line is cut as plain text: cutting it at names
    and figures cost a 1 MB report of such lines two thirds of its audit and finds no header."""
    if not _no_separator(text):
        return False
    if len(set(_HEADER_WORDS.findall(text))) < 3:
        # a 绩效目标表/评价指标表's header names no 得分 (指标名称…目标值分值: 宁晋 120)
        return "目标值" in text and _TARGET_HEADER.search(text) is not None
    if not _AMOUNT.search(text):
        return True
    return any(len(set(_HEADER_WORDS.findall(run))) >= 3 for run in _AMOUNT.split(text))


class _Cells:
    """The cells of each line, cut once per document (tables are searched more than once)."""

    def __init__(self, lines: Sequence[AuditLine]) -> None:
        self.lines = lines
        self.plain: dict[int, list[TableCell]] = {}
        self.joined: dict[int, list[TableCell]] = {}
        self.runs: dict[int, list[TableCell]] = {}
        # whether each line has no separator at all (asked for every line of every stream)
        self.bare: dict[int, bool] = {}
        self.groups: dict[int, tuple[int, int]] | None = None
        self.continuing: frozenset[int] | None = None
        self.group_cells: dict[int, tuple[list[TableCell], list[int]]] = {}
        self.widths: frozenset[int] | None = None  # (lengths of space-separated lines re-wrapped)

    def _cut(self, k: int) -> list[TableCell]:
        # A web page's table one cell per line with its border on the next line alone
        # (34.64 / | / 100% / |): that bar closes the cell above, it is no empty cell.
        text = self.lines[k].text.strip()
        if text == "|":
            back = k - 1
            while back >= 0 and not self.lines[back].text.strip():
                back -= 1
            if back >= 0 and "|" not in self.lines[back].text:
                return []
        cells = line_cells(self.lines[k])
        if "|" in text or "\t" in text or not cells:
            return cells
        cells = self._cut_number(k, cells)
        if len(cells) < 2:
            return cells
        return _pdf_pieces(cells, self.lines[k])

    def _cut_number(self, k: int, cells: list[TableCell]) -> list[TableCell]:
        """A space-separated line of text re-wrapped at one width (three lines of one length at
        least, as `wrapped` finds for bare lines): a number cut by its end (…98%  1 / 5  15  无)
        is kept unread on both sides — which digits were one number is unknown (it gave a
        score 5 above a weight 1 on a consistent table; i11t)."""
        text = self.lines[k].text
        if not (text[-1:].isdigit() or text[:1].isdigit()):
            return cells
        if k > 0 and text[:1].isdigit() and self.lines[k - 1].text[-1:].isdigit() \
                and self._full(k - 1) and cells[0].figures:
            cells = [cells[0]._replace(figures=()), *cells[1:]]
        if k + 1 < len(self.lines) and text[-1:].isdigit() \
                and self.lines[k + 1].text[:1].isdigit() and self._full(k) and cells[-1].figures:
            cells = [*cells[:-1], cells[-1]._replace(figures=())]
        return cells

    def _full(self, k: int) -> bool:
        """Whether space-separated line `k` is as long as the text's wrap width: a length at
        least `_WRAP_MIN` that three or more such lines share (rows re-wrapped one by one
        leave every row's last line shorter, so the full ones need not be adjacent)."""
        if self.widths is None:
            counts: dict[int, int] = {}
            for line in self.lines:
                t = line.text
                if len(t) >= _WRAP_MIN and "|" not in t and "\t" not in t and " " in t:
                    counts[len(t)] = counts.get(len(t), 0) + 1
            self.widths = frozenset(n for n, c in counts.items() if c >= 3)
        return len(self.lines[k].text) in self.widths

    def _bare(self, k: int) -> bool:
        bare = self.bare.get(k)
        if bare is None:
            bare = self.bare[k] = _no_separator(self.lines[k].text)
        return bare

    def stream(self, first: int, count: int, operators: bool = False,
               runs: bool = False) -> list[TableCell]:
        """The cells of `count` lines from index `first`; with `operators`, ≥ joined to its
        figure; with `runs`, lines printed without any separator cut by `run_cells` (lines
        re-wrapped at a fixed width cut as the one text they were)."""
        out: list[TableCell] = []
        k = first
        end = min(first + count, len(self.lines))
        while k < end:
            if runs and self._bare(k):
                group = self.wrapped(k)
                if group is not None:
                    in_group, numbers = self._group_cells(group)
                    last = min(group[1], end - 1)
                    # (the cells of lines k..last only: a whole report re-wrapped is one group,
                    # and every table's window must not walk all of it)
                    out.extend(in_group[bisect_left(numbers, self.lines[k].number):
                                        bisect_right(numbers, self.lines[last].number)])
                    k = last + 1
                    continue
                run = self.runs.get(k)
                if run is None:
                    run = self.runs[k] = self._unsplit(k, run_cells(self.lines[k]))
                out.extend(run)
                k += 1
                continue
            cells = self.plain.get(k)
            if cells is None:
                cells = self.plain[k] = self._cut(k)
            if operators:
                joined = self.joined.get(k)
                if joined is None:
                    joined = self.joined[k] = join_operators(cells, self.lines[k])
                cells = joined
            out.extend(cells)
            k += 1
        return out

    def wrapped(self, k: int) -> tuple[int, int] | None:
        """The lines (first, last index) of the fixed-width re-wrapped text holding bare line
        `k`, or None. Re-wrapped at a width, every line but the last has that same length
        (characters, or display width within 2: CJK characters count two); a number or a
        word cut at a line's end (…98%3 / 029个别…) is then no two cells."""
        if self.groups is None:
            self.groups = _wrapped_groups(self.lines, self._bare)
        return self.groups.get(k)

    def _unsplit(self, k: int, cells: list[TableCell]) -> list[TableCell]:
        """A bare line's cells, with a figure cut by a line break (…520人2 / 020无, the line
        ending in a digit, the next bare line beginning with one) kept unread on both sides:
        which digits were one number is unknown."""
        text = self.lines[k].text
        if not cells:
            return cells
        if k > 0 and text[:1].isdigit() and self._bare(k - 1) \
                and self.lines[k - 1].text.rstrip()[-1:].isdigit() and cells[0].figures \
                and not self._numbered(k - 1):
            cells = [cells[0]._replace(figures=()), *cells[1:]]
        if k + 1 < len(self.lines) and text.rstrip()[-1:].isdigit() and self._bare(k + 1) \
                and self.lines[k + 1].text[:1].isdigit() and cells[-1].figures \
                and not self._numbered(k):
            cells = [*cells[:-1], cells[-1]._replace(figures=())]
        return cells

    def _numbered(self, k: int) -> bool:
        """Whether bare lines `k` and `k + 1` begin with row numbers counting up (1产出指标… /
        2质量指标…: a 序号 column run together, one row per line) — then the digits opening
        line `k + 1` are its number, not the end of a figure cut at line `k`'s end."""
        here = _ROW_NUMBER.match(self.lines[k].text)
        after = _ROW_NUMBER.match(self.lines[k + 1].text)
        return here is not None and after is not None \
            and int(after.group(1)) == int(here.group(1)) + 1

    def continued(self) -> frozenset[int]:
        """Numbers of the lines that continue a re-wrapped line (not a new row's start)."""
        if self.groups is None:
            return frozenset()
        if self.continuing is None:
            self.continuing = frozenset(self.lines[k].number for k, (first, _) in
                                        self.groups.items() if k > first)
        return self.continuing

    def _group_cells(self, group: tuple[int, int]) -> tuple[list[TableCell], list[int]]:
        """The cells of a re-wrapped group and their line numbers (non-decreasing)."""
        got = self.group_cells.get(group[0])
        if got is None:
            cells = _cut_group(self.lines[group[0]:group[1] + 1])
            got = self.group_cells[group[0]] = (cells, [c.line for c in cells])
        return got


_WRAP_MIN = 15  # shorter lines are headings or cells, not a width
# a row number run together with the row's first label (1产出指标, 12满意度指标)
_ROW_NUMBER = re.compile(r"\s*(\d{1,2})(?=[\u4e00-\u9fff])")


# PDF text of a 自评表 whose cells are centred vertically (Word/WPS tables exported to PDF):
# a date wrapped inside its cell comes back as two tokens (2023年12 月底前), and the last cell
# of a row is glued to the next row's category printed beside it (无效益指标) (i11t).
_DATE_HEAD = re.compile(r"\d{2,4}\s*年\s*\d{1,2}$|\d{1,2}\s*月\s*\d{1,2}$")
_DATE_TAIL = {"年": "月", "月": "日"}


def _pdf_pieces(cells: list[TableCell], line: AuditLine) -> list[TableCell]:
    """Space-cut cells with a wrapped date joined (2023年12 | 月底前 → 2023年12月底前) and a
    blank reason glued to the next category cut off it (无效益指标 → 无 | 效益指标)."""
    if "年" not in line.text and "月" not in line.text and "无" not in line.text:
        return _letter_spaced(cells, line)
    out: list[TableCell] = []
    for cell in cells:
        prev = out[-1] if out else None
        if prev is not None and cell.text[:1] in ("月", "日") and _DATE_HEAD.search(prev.text) \
                and _DATE_TAIL[prev.text.rstrip("0123456789 ")[-1:]] == cell.text[0]:
            out[-1] = TableCell(line.text[prev.start:cell.end], line.number, prev.start, cell.end,
                                line.figures_between(prev.start, cell.end))
            continue
        if len(cell.text) > 3 and cell.text[0] == "无" and _CATEGORY.match(cell.text[1:]):
            out.append(TableCell("无", line.number, cell.start, cell.start + 1))
            out.append(TableCell(cell.text[1:], line.number, cell.start + 1, cell.end))
            continue
        out.append(cell)
    return _letter_spaced(out, line)


_CJK_ONE = re.compile(r"[\u4e00-\u9fff]")


def _letter_spaced(cells: list[TableCell], line: AuditLine) -> list[TableCell]:
    """A label letter-spaced by the form's typesetting (产 出 指 标 (50分), 满 意 度 指 标): a run of
    one-character cells joined when it spells a category or a total (i11t; 405's form prints
    its categories so)."""
    if sum(1 for c in cells if len(c.text) == 1) < 2:
        return cells
    out: list[TableCell] = []
    k = 0
    while k < len(cells):
        end = k
        while end < len(cells) and len(cells[end].text) == 1 and _CJK_ONE.fullmatch(cells[end].text):
            end += 1
        if end - k >= 2:
            word = "".join(c.text for c in cells[k:end])
            if _CATEGORY.match(word) or _TOTAL.match(word):
                out.append(TableCell(word, line.number, cells[k].start, cells[end - 1].end))
                k = end
                continue
        out.append(cells[k])
        k += 1
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _wrapped_groups(lines: Sequence[AuditLine],
                    bare: Callable[[int], bool]) -> dict[int, tuple[int, int]]:
    """Runs of at least two bare lines re-wrapped at one width: line index → (first, last)."""
    groups: dict[int, tuple[int, int]] = {}
    k, n = 0, len(lines)
    while k < n:
        text = lines[k].text
        if len(text) < _WRAP_MIN or not bare(k):
            k += 1
            continue
        size, width = len(text), _width(text)
        last = k
        while last + 1 < n and bare(last + 1) and lines[last + 1].text:
            nxt = lines[last + 1].text
            same = len(nxt) == size or abs(_width(nxt) - width) <= 2
            shorter = len(nxt) < size and _width(nxt) < width
            if same:
                last += 1
                continue
            if shorter:
                last += 1  # the paragraph's last line
            break
        # (three lines of one width at least: two rows of a table may share a length by chance)
        alike = sum(1 for m in range(k + 1, last + 1)
                    if len(lines[m].text) == size or abs(_width(lines[m].text) - width) <= 2)
        if alike >= 2:
            for m in range(k, last + 1):
                groups[m] = (k, last)
        k = last + 1
    return groups


def _cut_group(lines: Sequence[AuditLine]) -> list[TableCell]:
    """`run_cells` of wrapped lines joined, each cell given back to a line with offsets in it:
    the line it lies on; a cell cut by a wrap, the line it ends on (its start before that
    line's); one starting right at a wrap, the line before (glued to the cell it follows)."""
    starts: list[int] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line.text)
    joined = AuditLine(lines[0].number, "".join(line.text for line in lines), ())
    out: list[TableCell] = []
    for cell in run_cells(joined):
        i = bisect_right(starts, cell.start) - 1
        if i > 0 and cell.start == starts[i]:
            i -= 1  # a cell starting at a wrap continues the line before (glued to its cell)
        elif cell.end > starts[i] + len(lines[i].text) and i + 1 < len(lines):
            # a cell cut by the wrap (5 / 20人) belongs to the line it ends on, so the cells
            # glued after it there stay glued to it (its start falls before that line's)
            i = bisect_right(starts, cell.end - 1) - 1
        shift = starts[i]
        out.append(TableCell(cell.text, lines[i].number, cell.start - shift, cell.end - shift,
                             tuple(Figure(f.value, f.unit, f.start - shift, f.end - shift, f.raw,
                                          f.qualifier) for f in cell.figures)))
    return out


def _fragment(compact: str) -> bool:
    """A piece of a header word (年度, 指标, 年初指, 及改进措施…) that names no column alone."""
    return 0 < len(compact) <= _FRAGMENT_MAX and any(compact in w for w in _HEADER_WORDS_FULL)


def _role_of(text: str, pattern: re.Pattern[str]) -> str:
    """The one role `text` names as a whole (年度指标值 → target), else ''."""
    m = pattern.fullmatch(text)
    return (m.lastgroup or "") if m else ""


def _roles(cells: list[TableCell], pattern: re.Pattern[str]) -> list[str]:
    """The roles a header's cells name, left to right.

    A header row printed over two lines (or a header cell wrapped, or cut by spaces) leaves
    fragments: 年度 | 实际 over 指标值 | 完成值, 一级 | 二级 over 指标 | 指标, 年初 / 预算数 one
    cell per line. A fragment joins the fragment right before it on its own line, or —
    from a later line — the first earlier fragment still waiting, when the two make a
    column name of the forms (`_role_of`); columns keep the upper line's order.
    """
    cols: list[list[object]] = []  # [role, waiting fragment, line]
    per_line: dict[int, int] = {}
    for cell in cells:
        per_line[cell.line] = per_line.get(cell.line, 0) + 1
    previous: TableCell | None = None
    for cell in cells:
        before, previous = previous, cell
        # "得分 (20分*执行率)": a bracketed remark names no column
        compact = _BRACKETED.sub("", _compact(cell.text))
        if not compact:
            continue
        joined = False
        if cols and cols[-1][1] and (cols[-1][2] == cell.line or (
                before is not None and per_line.get(before.line) == 1
                and per_line.get(cell.line) == 1 and cols[-1][2] == before.line)):
            role = _role_of(str(cols[-1][1]) + compact, pattern)
            if role:  # 年度 + 指标值 side by side, or 全年 / 执行数 one cell per line
                cols[-1] = [role, "", cell.line]
                joined = True
        if not joined and _fragment(compact):
            for col in cols:
                if col[1] and int(str(col[2])) < cell.line:
                    role = _role_of(str(col[1]) + compact, pattern)
                    if role:  # the header's second line completes its fragments in order
                        col[0], col[1] = role, ""
                        joined = True
                        break
        if joined:
            continue
        found = [m.lastgroup for m in pattern.finditer(compact) if m.lastgroup]
        if found:
            cols.extend([role, "", cell.line] for role in found)
        elif _fragment(compact):
            cols.append(["", compact, cell.line])
    roles = [str(c[0]) for c in cols if c[0]]
    # A group header above its columns (年度预算数 over 年初预算 | 调整后预算数) names a role
    # twice: the later, specific cell is the column.
    out: list[str] = []
    for k, role in enumerate(roles):
        if role in roles[k + 1:]:
            continue
        out.append(role)
    return out


_TARGET_GROUP = ("nature", "target", "unit")


def _target_before_actual(columns: list[str]) -> list[str]:
    """The 年度指标值 group (指标性质 | 指标值 | 度量单位) before 实际完成值, where every form
    prints it: a group cell over its sub-header (年度指标值 above 指标性质 指标值 度量单位, the
    Yunnan 公开14表 form) is read a line after the header's other columns, so its columns came
    last (a PDF of that form misread every row)."""
    if "actual" not in columns:
        return columns
    at = columns.index("actual")
    late = [r for r in columns[at + 1:] if r in _TARGET_GROUP]
    if not late:
        return columns
    rest = [r for r in columns if r not in late]
    at = rest.index("actual")
    return [*rest[:at], *late, *rest[at:]]


_LABEL_ROLES = ("level1", "level2", "name")


def _header_cells_above(lines: Sequence[AuditLine], index: int) -> int:
    """The first of the lines right above `index` that each hold one header cell and nothing
    else — the upper row of a header printed one cell per line (绩效指标 / 年度指标值 / 实际完成值
    / 分值 / 得分 / 偏差原因… above 一级指标 / 二级指标 …), at most eight."""
    first = index
    while first > 0 and index - first < 8:
        compact = _compact(lines[first - 1].text)
        if not compact or len(compact) > 16 or "|" in compact or "\t" in lines[first - 1].text \
                or not (_INDICATOR_RE.search(compact) or compact in ("绩效指标", "绩效目标")):
            break
        first -= 1
    return first


def _labels_first(columns: list[str]) -> list[str]:
    """The label columns (一级/二级/三级指标) first, where every form prints them: a header over
    two rows whose upper row groups them under one cell (绩效指标 over 一级 | 二级 | 三级, 年度
    指标值 over 指标性质 | 指标值 | 度量单位 — the Yunnan 项目支出绩效自评表, dev 455) gives the upper
    row's value columns before the lower row's labels. Only when the labels come after every
    value column (a score sheet's 一级指标 | 分值 | 二级指标 | 分值 … keeps its order)."""
    labels = [r for r in columns if r in _LABEL_ROLES]
    if not labels or columns[-len(labels):] != labels or len(labels) == len(columns):
        return columns
    return [*labels, *columns[:-len(labels)]]


def _is_header_cell(cell: TableCell, pattern: re.Pattern[str]) -> bool:
    compact = _compact(cell.text)
    if _CATEGORY.match(compact):
        return False  # 产出指标(权重50%): a category stating its points names no column
    # (a column's letter cut off its name in run-together text: 指标值 | (A) | 实际值 | (B))
    return not compact or _fragment(_BRACKETED.sub("", compact)) or bool(pattern.search(compact)) \
        or bool(_LETTER.fullmatch(compact)) \
        or compact in ("绩效指标", "绩效目标", "项目资金", "资金情况") \
        or bool(_MONEY_HEADER.fullmatch(compact))


_LETTER = re.compile(r"[(（][A-Za-z][A-Za-z/÷×*]{0,4}[)）]")


def _is_category(cell: TableCell) -> re.Match[str] | None:
    return _CATEGORY.match(_compact(cell.text))


class _Category(NamedTuple):
    """A category label read from the stream: its name, weight (and the weight's line), the
    cells it takes, and whether it is first-level whatever its name."""

    name: str
    weight: Decimal | None
    line: int
    used: int
    first: bool = False
    score: Decimal | None = None  # a subtotal row's 得分 (产出指标 | … | 50 | 48)
    score_line: int = 0


# A label cell that states points, 项目产出(40分), names a category even when its words are a
# local form's own: only the forms' categories carry points in the label columns.
_POINTS_LABEL = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,12})[(（]\s*(?P<w>\d+(?:\.\d+)?)\s*分\s*[)）]$")


def _category_at(stream: list[TableCell], k: int) -> _Category | None:
    """The category that starts at cell `k`: its name, its weight (printed in its cell or, the
    cell wrapped, in the next: 产出指标 / (50)), the weight's line, and the cells it takes;
    a name cut over two cells (社会效 / 益指标) is joined. None when `k` starts no category."""
    cell = stream[k]
    if cell.empty:
        return None
    compact = _compact(cell.text)
    used = 1
    m = _CATEGORY.match(compact)
    if k + 1 < len(stream) and not stream[k + 1].empty and not _CATEGORY.match(
            _compact(stream[k + 1].text)) and min(len(compact), len(_compact(
                stream[k + 1].text))) <= 6:
        # (a narrow PDF column wraps it anywhere: 产出指标(50 / 分), 服务对象满意 / 度指标)
        joined = _CATEGORY.match(compact + _compact(stream[k + 1].text))
        if joined and (m is None or not m.group(0).endswith("指标")):
            m, used = joined, 2
    if m is None:
        p = _POINTS_LABEL.match(compact)
        nxt = next((c for c in stream[k + 1:k + 4] if not c.empty), None)
        if p is None or nxt is None or (nxt.figures and not _POINTS_LABEL.match(_compact(nxt.text))):
            return None  # (a label heads labels or a name; 资金到位率(10分) | 100% is a row)
        return _Category(p.group("name"), Decimal(p.group("w")), cell.line, 1, True)
    points = m.group("w") or m.group("wb")
    weight, line = (Decimal(points), stream[k + used - 1].line) if points else (None, 0)
    if weight is None and k + used < len(stream):
        w = _WEIGHT_CELL.match(_compact(stream[k + used].text))
        if w:
            weight, line = Decimal(w.group(1) or w.group(2)), stream[k + used].line
            used += 1
    name = re.split(r"[(（\[【\d]", m.group(0))[0]
    if weight is None:
        subtotal = _subtotal(stream, k + used - 1)
        if subtotal is not None:
            w_cell, s_cell, used_more = subtotal
            assert w_cell.number is not None
            score = s_cell.number.value if s_cell is not None and s_cell.number else None
            return _Category(name, w_cell.number.value, w_cell.line, used + used_more, False,
                             score, s_cell.line if s_cell is not None else 0)
    return _Category(name, weight, line, used)


def _points_cell(stream: list[TableCell], k: int, found: _Category | None, column: bool,
                 limit: int | None = None) -> _Category | None:
    """A first-level category whose points the header prints in a column of their own right
    after the label (一级指标 | 分值 | 二级指标 …): the bare number after its label cell, before
    the row's name (`limit`), is its weight."""
    if not column or found is None or found.weight is not None:
        return found
    at = k + found.used
    if at >= (limit if limit is not None else len(stream)) or not _bare(stream[at]):
        return found
    number = stream[at].number
    assert number is not None
    if number.value <= 0:
        return found
    return found._replace(weight=number.value, line=stream[at].line, used=found.used + 1)


def _subtotal(stream: list[TableCell], k: int) -> tuple[TableCell, TableCell | None, int] | None:
    """A category printed as a subtotal row (产出指标 | | | | | 50 | 48): its 分值 and 得分 cells —
    one or two bare numbers ending the category cell's line after blank cells — and the cells
    taken after cell `k`."""
    line = stream[k].line
    numbers: list[TableCell] = []
    n = k + 1
    while n < len(stream) and n <= k + 16 and stream[n].line == line:
        cell = stream[n]
        if not cell.empty:
            if not _bare(cell) or len(numbers) == 2:
                return None
            numbers.append(cell)
        n += 1
    if not numbers or numbers[0].number is None or numbers[0].number.value <= 0:
        return None
    return numbers[0], (numbers[1] if len(numbers) > 1 else None), n - k - 1


def _apply_category(found: _Category, level1: str, level2: str,
                    weights: list[tuple[str, Decimal, int]],
                    subweights: list[tuple[str, str, Decimal, int]],
                    scores: list[tuple[str, Decimal, int]]) -> tuple[str, str]:
    """The categories after a category cell; its weight (and a subtotal's score) is recorded
    by its level."""
    level1, level2 = (found.name, "") if found.first else _levels(found.name, level1, level2)
    if found.weight is not None and level1 and level2 == "":
        weights.append((level1, found.weight, found.line))
        if found.score is not None:
            scores.append((level1, found.score, found.score_line))
    elif found.weight is not None and level1 and level2:
        subweights.append((level1, level2, found.weight, found.line))
    return level1, level2


def _unnamed_level1(stream: list[TableCell], p: int, j: int) -> bool:
    """Whether label cell `p` is a first-level category the forms do not name: the first of
    two label cells printed right before a row's name, a short word (绩效管理 | 管理制度 | 培训人数,
    项目产出 | 数量指标 | 培训人数). A merged first-level cell left blank or dropped leaves one
    label, and nothing changes."""
    if p != j - 2:
        return False
    cell, nxt = stream[p], stream[p + 1]
    compact = _compact(cell.text)
    if cell.empty or nxt.empty or not _WORD.fullmatch(compact):
        return False
    below = _category_at(stream, p + 1)
    if below is None:
        # two unknown words: a row's own cells only when they share the name's line (a PDF
        # column wraps a long name over lines: 职业技能培训 / 学员人数（含 / 线上线下）)
        return not _fragment(compact) and cell.line == nxt.line == stream[j].line
    return not below.first and _levels(below.name, "x", "")[1] != ""


_WORD = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _displaced(stream: list[TableCell], k: int) -> bool:
    """Whether the first-level category cell `k` sits elsewhere than before its first row: after
    other cells of its line, or alone on a line between rows of several cells — where a PDF
    prints a merged cell, beside the middle row of its block (质量指标 … 15 无产出指标(50分)).
    Then which rows it holds is unknown."""
    cell = stream[k]
    before = stream[k - 1] if k > 0 else None
    if before is not None and before.line == cell.line and not before.empty:
        if before.end == cell.start:
            # run together with the cell before (OCR or extraction that drops every border,
            # a table flattened into one line): the text is in reading order, the category
            # heads the row after it
            return False
        # (not after the header on its line, nor after a row's 序号)
        index = before.text.strip().isdigit() and len(before.text.strip()) <= 3 and (
            k < 2 or stream[k - 2].line != cell.line)
        return not index and not _is_header_cell(before, _INDICATOR_RE)
    after = stream[k + 1] if k + 1 < len(stream) else None
    alone = (before is None or before.line != cell.line) and (
        after is None or after.line != cell.line)
    if not alone or before is None:
        return False
    last = next((c for c in reversed(stream[max(0, k - 16):k]) if not c.empty), None)
    if last is not None and _is_header_cell(last, _INDICATOR_RE):
        # the first category under the header (after its blank trailing cells), wrapped or
        # alone on its line: 产出指标 / (50分) 数量指标 …, 产 出 指 标 (50分) |
        return False
    row_before = [c for c in stream[max(0, k - 4):k] if c.line == before.line]
    return len(row_before) >= 2 and after is not None and any(
        c.line == after.line for c in stream[k + 2:k + 4]) and not _labels_head_blocks(stream, k)


_LOOKBACK = 400  # cells back to the header at most (a 自评表 has a few dozen rows)


def _labels_head_blocks(stream: list[TableCell], k: int) -> bool:
    """Whether the table's first category label sat alone on its line right under the header:
    then the text prints every category on a line of its own before its rows (a 自评表 whose
    category cells are rows of their own, or top-aligned and taller than their rows — spaced
    PDF and pasted text), and a later label alone between rows heads the rows after it. A PDF
    printing merged cells beside the middle of their block never puts the first one there: the
    first block's first row comes first (i13w)."""
    first = None
    j = k - 1
    while j >= 0 and k - j < _LOOKBACK:
        cell = stream[j]
        if _is_category(cell):
            first = j
        elif not cell.empty and _is_header_cell(cell, _INDICATOR_RE):
            break
        j -= 1
    if first is None or first == k:
        return False
    cell = stream[first]
    before = stream[first - 1] if first > 0 else None
    after = stream[first + 1] if first + 1 < len(stream) else None
    return before is not None and before.line != cell.line and _is_header_cell(before, _INDICATOR_RE) \
        and not before.empty and (after is None or after.line != cell.line or _WEIGHT_CELL.match(
            _compact(after.text)) is not None)


# The second-level categories of each first-level one in the national framework (财预〔2020〕
# 10号 附件): 产出 = 数量/质量/时效/成本, 效益 = 经济/社会/生态效益, 可持续影响, 满意度 = 服务对象满意度.
_BELOW = {"产出": ("数量", "质量", "时效", "成本"), "效益": ("经济效益", "社会效益", "生态效益", "可持续"),
          "满意度": ("服务对象满意", "社会公众满意", "满意度")}


def _adopt(rows: list[TableRow], level1: str) -> bool:
    """A first-level category printed after some of its rows (a PDF prints a merged cell
    beside the middle of its block: 数量… | 质量… | 产出指标(50分) | 时效…) takes the rows read
    before it when it is the table's first category — none of them has one — and their
    second levels are its own by the framework; those rows get it, and it is in place.
    False otherwise (then a label away from its rows leaves its points unjudged)."""
    below = _BELOW.get(level1.removeprefix("项目").removesuffix("指标"))
    if below is None or any(r.labels and r.labels[0] for r in rows):
        return False
    if not rows or not all(len(r.labels) > 1 and r.labels[1].startswith(below) for r in rows):
        return False
    rows[:] = [TableRow((level1, *r.labels[1:]), r.cells) for r in rows]
    return True


def _weighted_labels(cells: list[TableCell], level1: str, level2: str,
                     weights: list[tuple[str, Decimal, int]],
                     subweights: list[tuple[str, str, Decimal, int]]) -> tuple[str, str]:
    """The labels before a row's name in a score sheet printing each level's points in its own
    column: (label, points) pairs, two of them the first and second level, one of them the
    first level when it is a category of the forms (项目决策, 产出指标…), else the second."""
    cells = [c for c in cells if not c.empty]
    pairs: list[tuple[str, Decimal, int]] = []
    k = 0
    while k + 1 < len(cells):
        label, points = cells[k], cells[k + 1].number
        if label.number is not None or points is None or not points.exact \
                or points.unit not in ("", "分"):
            return level1, level2  # not label | points: the labels stay as they were
        pairs.append((_compact(label.text), points.value, cells[k + 1].line))
        k += 2
    if k != len(cells) or not pairs or len(pairs) > 2:
        return level1, level2
    first = len(pairs) == 2 or _CATEGORY.match(pairs[0][0]) is not None \
        or _LEVEL1.match(pairs[0][0]) is not None
    if first:
        name, value, line = pairs[0]
        level1, level2 = name, ""
        weights.append((name, value, line))
        pairs = pairs[1:]
    if pairs:
        name, value, line = pairs[0]
        level2 = name
        subweights.append((level1, name, value, line))
    return level1, level2


def _unnamed_level2(stream: list[TableCell], p: int, j: int) -> bool:
    """Whether label cell `p`, right before a row's name, is a second-level category the forms
    do not name (| 工作任务 | 培训人数): a short word on the name's line, so its rows are not
    counted under the second level before it."""
    if p != j - 1:
        return False
    cell = stream[p]
    compact = _compact(cell.text)
    return not cell.empty and cell.line == stream[j].line and bool(_WORD.fullmatch(compact)) \
        and not _fragment(compact) and _STOP.match(compact) is None


def _bare(cell: TableCell, ceiling: Decimal = Decimal(100)) -> bool:
    fig = cell.number
    return fig is not None and fig.unit in ("", "分") and fig.exact and 0 <= fig.value <= ceiling \
        and not cell.operator


# A 度量单位 cell's words, never a target or an actual by themselves (a row whose last cell was
# cut off must not slide its unit into the actual: ≥ | 95 | % | 95 | 10.00 — dev 455's last row)
_UNIT_ONLY = frozenset(("%", "％", "‰", "元", "万元", "人", "人次", "个", "户", "次", "项", "天", "家", "台",
                        "套"))


def _fits(role: str, cell: TableCell) -> bool:
    """Whether `cell` can be the value of `role` in an indicator row."""
    compact = _compact(cell.text)
    if _STOP.match(compact) or _TOTAL.match(compact):
        return False
    if role == "target":
        return not cell.empty and not _is_category(cell) and compact not in _UNIT_ONLY and (
            bool(cell.figures) or len(compact) <= 16)
    if role == "actual":
        return not _is_category(cell) and compact not in _UNIT_ONLY and (
            cell.empty or bool(cell.figures) or len(compact) <= 16)
    if role == "criteria":
        # any text, its own points included (1、…(1分)); never a bare number (the next column's)
        return cell.empty or (cell.number is None and not _is_category(cell))
    if role == "note":
        # words only: a cell with a figure is the next column's (or the row is not read)
        return cell.empty or (cell.number is None and not cell.figures and not _is_category(cell)
                              and len(compact) <= _NAME_MAX)
    if role == "nature":
        return cell.empty or compact in _NATURE
    if role == "completion":
        # a rate (104%) or a short word (已完成, 未完成, 部分完成, 达成) — never a bare number,
        # which is the 分值 after it
        fig = cell.number
        return cell.empty or (fig is not None and fig.unit == "%") or (
            (not cell.figures and len(compact) <= 6 and "完成" in compact) or compact in ("达成", "未达成"))
    if role == "unit":
        # (an operator or 定性 is the 指标性质, never a unit)
        return cell.empty or (len(compact) <= 5 and not re.search(r"\d", compact)
                              and compact not in _NATURE)
    if role == "weight":
        return _bare(cell) and cell.number is not None and cell.number.value > 0
    if role == "score":
        return cell.empty or _bare(cell)
    return True


# An indicator's name may describe what it counts (慰问伤残军人50人;革命烈士遗属50人;… — 76
# characters in a 保山 table); longer than this is a paragraph, not a cell.
_NAME_MAX = 100


def _name_ok(cell: TableCell) -> bool:
    compact = _compact(cell.text)
    return bool(compact) and not cell.empty and cell.number is None and not _is_category(cell) \
        and not _STOP.match(compact) and not _TOTAL.match(compact) and len(compact) <= _NAME_MAX


def _glued(stream: list[TableCell], k: int) -> bool:
    """Whether cell `k` follows the cell before it with nothing between (a run-together line):
    only there may one printed number be two cells' figures."""
    # (a cell cut by a fixed-width wrap starts before its line: `_cut_group`; bare lines have
    # no separator, so it follows the cell before it with nothing between)
    return 0 < k < len(stream) and ((stream[k - 1].line == stream[k].line
                                     and stream[k - 1].end == stream[k].start)
                                    or stream[k].start < 0)


_OPERATOR_CELLS = frozenset(("≥", "≤", ">=", "<=", "≧", "≦", ">", "<", "=", "＝", "═"))


def _unit_cell(cell: TableCell) -> bool:
    """A 度量单位 cell: a short unit word (人, %, 万元, 平方米), no figure."""
    compact = _compact(cell.text)
    return 0 < len(compact) <= 4 and not re.search(r"\d", compact) and not cell.empty \
        and compact not in _NATURE


# A 时效指标's actual is a date, no figure (11月, 2023年11月): the Yunnan form's ＝ | 12 | 月 | 11月
_DATE_CELL = re.compile(r"^\s*\d{1,4}\s*(?:年|月|日)")
# blank cells dropped by the layout (xlsx, spaces) take these; a 指标说明 run together with the
# name (宁晋 120: 资金支出率达到目标值95%10) is read as part of the name
_OPTIONAL = ("note", "criteria", "nature", "unit", "completion")


def _match(stream: list[TableCell], at: int, template: list[str]) -> dict[str, TableCell] | None:
    """The template's cells from `at`, or None when a cell does not fit.

    A 指标性质 or 度量单位 cell left blank may be missing altogether (readers and
    space-separated text drop blank cells): when its cell does not fit, the role is skipped.
    A short word can fit 度量单位 and still be the 指标值 of a row whose unit cell was dropped
    (有效 | 有效 | 10 | 10 under 指标值 | 度量单位 | 完成值 | 分值 | 得分): when the row fails
    after an optional cell was taken, it is tried again without it.
    """
    out, optional_taken = _match_once(stream, at, template, ())
    if out is None and "target" in template and not {"score", "actual"} & set(template):
        # a target table with weights (指标名称 | 指标说明 | 目标值 | 分值): a qualitative row
        # states its target in words in the 指标说明 and leaves 目标值 blank, a cell the
        # layout drops (宁晋 120: 规章制度建立与否 | | 20); its weight is then the next cell
        out, _ = _match_once(stream, at, template, ("target",))
        return out
    if out is not None or not optional_taken:
        return out
    for skip in (("unit",), ("nature",), ("nature", "unit")):
        if all(r in template for r in skip):
            out, _ = _match_once(stream, at, template, skip)
            if out is not None:
                return out
    return None


def _match_once(stream: list[TableCell], at: int, template: list[str],
                skip: tuple[str, ...]) -> tuple[dict[str, TableCell] | None, bool]:
    """One reading of `_match`, the roles in `skip` taken as dropped; and whether a non-blank
    cell was taken for an optional role."""
    out: dict[str, TableCell] = {}
    optional_taken = False
    k = at
    for n, role in enumerate(template):
        if role == "reason":
            if "weight" not in template[n + 1:] and "score" not in template[n + 1:]:
                break  # optional: decided by the caller
            # 偏差原因 printed before 分值 and 得分 (实际完成值 | 偏差原因 | 分值 | 得分): a text cell,
            # blank or dropped, never a bare number (that is the 分值 after it; i11t)
            if k < len(stream) and (stream[k].empty or (
                    stream[k].number is None and not _is_category(stream[k])
                    and not _TOTAL.match(_compact(stream[k].text)))):
                out["reason"] = stream[k]
                k += 1
            continue
        if role in skip or role in out:
            if role == "target" and role in skip and k < len(stream) and stream[k].empty:
                k += 1  # a blank 目标值 the layout kept (pipes, one cell per line)
            continue  # (the 得分 cut from a run-together 分值: 2020 → 20 | 20)
        if role == "target" and "nature" not in template and k + 1 < len(stream) \
                and stream[k].text.strip() in _OPERATOR_CELLS and stream[k + 1].number is not None:
            # 年度指标值 printed as 指标性质 | 指标值 | 度量单位 under the one header cell
            # (the Yunnan form): ≥ | 200 | 人
            out["nature"] = stream[k]
            k += 1
        bare = stream[k].number if role == "target" and k + 2 < len(stream) else None
        if bare is not None and not bare.unit and "unit" not in template \
                and _unit_cell(stream[k + 1]) and (stream[k + 2].number is not None
                                                   or _DATE_CELL.match(stream[k + 2].text)):
            out["target"], out["unit"] = stream[k], stream[k + 1]
            k += 2
            continue
        if role == "actual" and "unit" not in template and k + 2 < len(stream) \
                and (fig := stream[k].number) is not None and not fig.unit \
                and _unit_cell(stream[k + 1]) and stream[k + 2].number is not None \
                and stream[k + 1].line == stream[k].line:
            # 520 人 (OCR or spaced text puts a space before the unit): the unit is no cell
            out["actual"] = stream[k]
            k += 2
            continue
        if k < len(stream) and _fits(role, stream[k]):
            if role in _OPTIONAL and not stream[k].empty and n + 1 < len(template) \
                    and template[n + 1] != "reason" and not _fits(template[n + 1], stream[k + 1]
                                                                   if k + 1 < len(stream) else
                                                                   stream[k]):
                continue  # the next column's value: this optional cell was dropped
            if role == "weight" and template[n + 1:n + 2] == ["score"] and _glued(stream, k) and (
                    k + 1 >= len(stream) or not _fits("score", stream[k + 1])):
                pair = _points_pair(stream[k])  # 分值 and 得分 run together: "2016"
                if pair is not None:
                    out["weight"], out["score"] = pair
                    k += 1
                    continue
            if role == "weight" and template[n + 1:n + 2] == ["score"] \
                    and (pair := _unscored_pair(stream, k, out)) is not None:
                out["weight"], out["score"] = pair  # "88 无": 分值 8, 得分 8 (OCR lost the gap)
                k += 1
                continue
            optional_taken = optional_taken or (role in _OPTIONAL and not stream[k].empty)
            out[role] = stream[k]
            k += 1
        elif role == "weight" and template[n + 1:n + 2] == ["score"] and k < len(stream) \
                and _glued(stream, k) and (pair := _points_pair(stream[k])) is not None:
            out["weight"], out["score"] = pair  # "10010": 100 does not fit, 100 | 10 does
            k += 1
        elif role == "weight" and template[n + 1:n + 2] == ["score"] \
                and (pair := _unscored_pair(stream, k, out)) is not None:
            out["weight"], out["score"] = pair  # "2020 无" in spaced text: 20 | 20
            k += 1
        elif role == "weight" and template[n + 1:n + 2] == ["target"] and k + 1 < len(stream) \
                and _glued(stream, k) and (pair := split_lead(stream[k], stream[k + 1])) is not None:
            out["weight"], out["target"] = pair  # "8550万粒 | 550万粒": 8 | 550万粒 | 550万粒
            k += 1
        elif role in _OPTIONAL or role in out:
            continue
        else:
            return None, optional_taken
    return out, optional_taken


def _unscored_pair(stream: list[TableCell], k: int,
                   taken: dict[str, TableCell]) -> tuple[TableCell, TableCell] | None:
    """分值 and 得分 in one cell of a row that prints no 得分 after it (i11t): OCR of a scanned
    自评表 loses the narrow gap between the two number columns while the wider ones keep
    theirs (`培训人数 ≥500人 520人 88 无`, `… 2016 部分学员未就业`). Every row of a 自评表 is
    scored, so a number cell followed by no score — the reason text, 无, or the row's end;
    never a blank cell, which a layout keeping blanks prints for a score left blank — is read
    as the one cut `split_pair` allows, when it gives a score within the weight and above 0
    (the other reading, a weight with its score missing, is the form's impossibility)."""
    if k >= len(stream) or _glued(stream, k) or any(
            c.text.strip() in _OPERATOR_CELLS for r, c in taken.items() if r in ("target", "actual")):
        return None  # (an operator read as a value: the row is misaligned, not glued)
    following = stream[k + 1] if k + 1 < len(stream) else None
    if following is not None and not following.empty and (
            following.figures or _unit_cell(following) or len(_compact(following.text)) < 2):
        return None  # a blank, a figure or a unit after it: the cells are not where assumed
    pair = _points_pair(stream[k])
    if pair is None:
        return None
    weight, score = pair[0].number, pair[1].number
    if weight is None or score is None or score.unit or not 0 < score.value <= weight.value:
        return None
    return pair


def _consumed(values: dict[str, TableCell], stream: list[TableCell], at: int) -> int:
    """Stream cells a row's values took from `at`: up to the cell its last value is, or was
    cut from (a 分值 and 得分 run together, ``2016``; a 分值 glued before its 指标值, ``8550万粒``:
    two values, one cell)."""
    cells = [c for r, c in values.items() if r not in ("name", "reason")]
    if not cells:
        return 0
    last = max(cells, key=lambda c: (c.line, c.end, c.start))
    for n in range(at, min(len(stream), at + 2 * len(cells) + 2)):
        c = stream[n]
        if c is last or (c.line == last.line and c.start < last.start and c.end == last.end):
            return n - at + 1
    return len(cells)


def _levels(text: str, level1: str, level2: str) -> tuple[str, str]:
    """The categories after reading a category cell (产出指标(40分), 数量指标, 成本指标…)."""
    name = re.split(r"[(（]", text)[0]
    head = _LEVEL1.match(name)
    if head and name in ("产出指标", "效益指标"):
        return name, ""
    if name.removesuffix("指标") in _FRAMEWORK or name in ("产出", "效益"):
        return name, ""
    if name == "满意度指标":
        return (level1, name) if level1 == name else (name, "")
    if name == "成本指标" and head:
        # 2020 form: a second-level category of 产出指标 (项目产出 in the evaluation framework's
        # words); later forms: first-level
        output = level1.removeprefix("项目").removesuffix("指标") == "产出"
        return (level1, name) if output else (name, "")
    return level1, name


def _is_reason(stream: list[TableCell], at: int, template: list[str], labels: int = 1,
               continued: frozenset[int] = frozenset()) -> bool:
    """Whether the cell after a row's 得分 is its 偏差原因 rather than the next row's label
    (`continued`: lines that only continue the text of the line before, re-wrapped)."""
    cand = stream[at]
    compact = _compact(cand.text)
    if cand.empty:
        return True
    if _category_at(stream, at) is not None or _TOTAL.match(compact) or _STOP.match(compact):
        return False
    if stream[at - 1].line != cand.line and cand.line not in continued and at + 1 < len(stream) \
            and stream[at + 1].line == cand.line and not stream[at + 1].empty:
        return False  # the first of several cells of a new line: the next row's label
    # not a category and not the next row's name: the reason column's text (a label of the
    # next row outside the national categories would be taken for it, which only loses
    # that label)
    return not (_name_ok(cand) and _values_after(stream, at, template, labels) is not None)


def _by_column(stream: list[TableCell], at: int, columns: Sequence[str]) -> str:
    """The column (``weight`` or ``score``) of the one figure of a 总分 row printed as a row of
    cells (``总分 | | | | | 100 |``): by its place under the header, when the row has the
    header's cells (a trailing blank cell may be dropped: ``100 |`` ends the line), else ''."""
    head = stream[at]
    if at > 0 and stream[at - 1].line == head.line:
        return ""  # not the first cell of its line: its places are unknown
    row = [c for c in stream[at:at + len(columns) + 1] if c.line == head.line]
    if len(row) not in (len(columns), len(columns) - 1):
        return ""
    numbered = [n for n, c in enumerate(row) if c.number is not None]
    if len(numbered) != 1 or numbered[0] >= len(columns):
        return ""
    role = columns[numbered[0]]
    return role if role in ("weight", "score") else ""


def _total_row(stream: list[TableCell], at: int, weights: bool = True,
               columns: Sequence[str] = ()) -> tuple[TotalRow, int]:
    """总分 | 100 | 96 | 优: points available, score and grade.

    The two figures may sit under the 分值 and 得分 columns with blank cells before them;
    one figure followed by blank cells is the points available with no score filled in.
    """
    head = stream[at]
    slots: list[TableCell] = []
    grade = ""
    k = at + 1
    while k < len(stream) and k <= at + 14:
        cell = stream[k]
        if cell.line != stream[k - 1].line and sum(c.number is not None for c in slots) >= 2:
            break  # (its points and score read: the next line is not the row's — a page's "— 6 —")
        if cell.empty or (cell.number is not None and cell.number.unit in ("", "分")):
            slots.append(cell)
            k += 1
        else:
            break
    if k + 1 < len(stream) and _GRADE_LABEL.match(_compact(stream[k].text)) \
            and _compact(stream[k + 1].text) in _GRADES:
        k += 1  # 总分 | 100 | 自评等级 | 优
    if k < len(stream) and _compact(stream[k].text) in _GRADES:
        grade = _compact(stream[k].text)
        k += 1
    if not grade:
        got = _grade_row(stream, k, head.line)
        if got is not None:
            grade, k = got
    numbered = [n for n, c in enumerate(slots) if c.number is not None]
    big = slots[0].number is not None and slots[0].number.value > 200 if slots else False
    if len(numbered) == 1 and numbered[0] == 0 and (_glued(stream, at + 1) or big) \
            and (pair := _pair(slots[0])) is not None \
            and pair[0].number is not None and (pair[0].number.value == 100 or big):
        # "10096": 100 and 96 run together; "9099" is no score of a 100-point form either,
        # so its one reading (90 | 99) is the two figures (glued wherever the line broke)
        slots[numbered[0]:numbered[0] + 1] = list(pair)
        numbered = [numbered[0], numbered[0] + 1]
    available = score = None
    lines = [head.line, head.line]
    if len(numbered) >= 2:
        first, second = numbered[-2], numbered[-1]
        if "score" in columns and "weight" in columns \
                and columns.index("score") < columns.index("weight"):
            first, second = second, first  # 得分 | 分值: the header's order is the row's
        available, score = slots[first].number, slots[second].number
        lines = [slots[first].line, slots[second].line]
    elif numbered:
        only = slots[numbered[0]].number
        place = _by_column(stream, at, columns)
        if place:
            # the row's cells under the header's: the figure's column says what it is (a 总分
            # row giving only the points available, its 得分 cell left blank at the line's end)
            if place == "weight":
                available = only
                lines[0] = slots[numbered[0]].line
            else:
                score = only
                lines[1] = slots[numbered[0]].line
        elif "score" not in columns and weights and columns:
            available = only  # a table of weights without scores: its 总分 is the points
            lines[0] = slots[numbered[0]].line
        elif numbered[0] < len(slots) - 1 and not grade and weights:
            available = only  # (a table without a 分值 column prints no points available)
            lines[0] = slots[numbered[0]].line
        else:
            score = only
            lines[1] = slots[numbered[0]].line
    bracket = _TOTAL.match(_compact(head.text))
    if available is None and bracket is not None and bracket.group("w"):
        w = bracket.group("w")
        available = Figure(Decimal(w), "", head.start, head.end, w)
    return TotalRow(head.line, available, score, grade, head.text, lines[0], lines[1]), k


def _grade_after_blanks(stream: list[TableCell], k: int) -> int:
    """The index of the first non-blank cell from `k` (at most eight blank cells skipped)."""
    n = k
    while n < len(stream) and n - k < 8 and stream[n].empty and stream[n].text.strip() != "无":
        n += 1
    return n


def _grade_row(stream: list[TableCell], k: int, line: int) -> tuple[str, int] | None:
    """The grade printed as a row of its own under the total (评价等级 | | | | 良好 |: its label,
    blank cells, the grade under a column), on the total's line or the next (i11t)."""
    n = _grade_after_blanks(stream, k)
    if n >= len(stream) or stream[n].line > line + 1 \
            or not _GRADE_LABEL.match(_compact(stream[n].text)):
        return None
    g = _grade_after_blanks(stream, n + 1)
    if g < len(stream) and stream[g].line == stream[n].line and _compact(stream[g].text) in _GRADES:
        return _compact(stream[g].text), g + 1
    return None


def _total_after(stream: list[TableCell], at: int) -> int | None:
    """The 总分 cell after a closing row (其他需要说明事项 | 无 | … blank cells … | 总分), when
    at most two cells of text come between."""
    texts = 0
    for n in range(at + 1, min(at + 24, len(stream))):
        cell = stream[n]
        if _TOTAL.match(_compact(cell.text)):
            return n
        if not cell.empty:
            texts += 1
            if texts > 2:
                return None
    return None


def _indicator_table(cut: _Cells, index: int) -> tuple[Table, int] | None:
    """The indicator table whose header starts on line `index`, and the index after it."""
    lines = cut.lines
    runs, index = _runs_at(cut, index)
    first = index if runs else _header_cells_above(lines, index)
    stream = cut.stream(first, _WINDOW + index - first, runs=runs)
    start = next((k for k, c in enumerate(stream) if _HEADER_TRIGGER.search(_compact(c.text))), None)
    if start is None or (stream[start].line > lines[index].number and _VALUE_HEADER.search(
            lines[index].text)):
        # a header whose label columns are printed elsewhere (cut at a page top, or merged
        # into the row above): 年度指标值 | 实际完成值 | 分值 | 得分 on its own
        start = next((k for k, c in enumerate(stream[:40]) if c.line == lines[index].number
                      and _VALUE_HEADER.fullmatch(_compact(c.text))), start)
    if start is None:
        return None
    start = _fragments_before(stream, start)
    k = start
    while k < len(stream) and k - start < 40 and _is_header_cell(stream[k], _INDICATOR_RE):
        if stream[k].line != stream[k - 1].line and _row_of_figures(stream, k) \
                and not _INDICATOR_RE.search(_compact(stream[k].text)) \
                and _complete_header(_roles(stream[start:k], _INDICATOR_RE)):
            break  # a complete header, then a row (预算执行率 | | | 100% | 100% | 10 | 10)
        k += 1
    header = stream[start:k]
    columns = _roles(header, _INDICATOR_RE)
    if not {"weight", "score"} <= set(columns):
        # A two-row header flattened with its upper row first (a merged 绩效指标 cell over
        # 一级…度量单位, the rest of the upper row beside it): the columns 一级指标 does not
        # reach are the header cells right before it, in their order.
        b = start
        while b > 0 and start - b < 12 and _is_header_cell(stream[b - 1], _INDICATOR_RE) \
                and not stream[b - 1].empty:
            b -= 1
        before = _roles(stream[b:start], _INDICATOR_RE)
        columns = [*columns, *(r for r in before if r not in columns)]
    columns = _labels_first(_target_before_actual(columns))
    # A form without a 分值 column (目标值(A) | 实际完成值(B) | 得分, the score being 分值 × B ÷ A)
    # is a table too: its weights can only be inferred (table_scores.detect_implied_weights).
    # A target table with weights and no scores (指标名称 | 指标值 | 分值: published 绩效目标表 and
    # 评价指标表 that weight their indicators, 宁晋 120) is a table too: its weights are checked.
    weights_only = "score" not in columns and "weight" in columns and "target" in columns \
        and bool({"level1", "level2", "name"} & set(columns))
    # A score sheet (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: an evaluation's
    # 评分表, no 指标值 or 实际值): its scores against its weights.
    sheet = {"weight", "score"} <= set(columns) and "name" in columns \
        and not {"target", "actual"} & set(columns)
    if not weights_only and not sheet and ("score" not in columns or not ({"target", "actual"} & set(columns))
                             or ("weight" not in columns
                                 and not {"target", "actual"} <= set(columns))):
        return None
    if runs and "criteria" in columns:
        # Run-together text cuts at every figure, and a 评分标准 cell is full of them (计5分,
        # 每超过一个百分点扣0.5分, 100%): its points cannot be told from the rows' 分值 and 得分
        # (a 部门整体 score sheet run together, dev 473, read its criteria as scores). Not read.
        return None
    if "nature" not in columns:
        stream = cut.stream(first, _WINDOW + index - first, operators=True, runs=runs)
        k = next(n for n, c in enumerate(stream) if c.line == header[-1].line
                 and c.start >= header[-1].start) + 1
    label_roles = [r for r in columns if r in ("level1", "level2", "name")]
    # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: each level's label with its points
    named = [m.lastgroup for c in header for m in _INDICATOR_RE.finditer(_compact(c.text))]
    # 一级指标 | 分值 | 二级指标 | … | 分值 | 得分 in a table with targets: the first level's points
    # in a column of their own, right after its label (read with the label: _points_cell)
    level1_points = not sheet and any(named[n:n + 2] == ["level1", "weight"] for n in range(len(named)))
    level_weighted = sheet and any(named[n:n + 2] == [level, "weight"]
                                   for n in range(len(named)) for level in ("level1", "level2"))
    after_name = columns.index(label_roles[-1]) + 1 if label_roles else 0
    template = [r for r in columns[after_name:] if r not in ("level1", "level2", "name")]
    rows: list[TableRow] = []
    weights: list[tuple[str, Decimal, int]] = []
    subweights: list[tuple[str, str, Decimal, int]] = []
    scores: list[tuple[str, Decimal, int]] = []
    displaced = False
    level1 = level2 = ""
    two_levels = {"level1", "level2"} <= set(label_roles)
    first_in_row = pointed_levels = False  # (labels stating points of both levels: i11t)
    first_total: TotalRow | None = None
    total: TotalRow | None = None
    i = k
    misses = 0
    while i < len(stream) and misses < 12:
        cell = stream[i]
        compact = _compact(cell.text)
        if cell.empty:
            i += 1
            continue
        if rows and _NEXT_FORM.match(compact):
            break  # the next project's form begins (its name, its funds block)
        if rows and misses <= 8 and _HEADER_TRIGGER.search(compact):
            # (a page's footer between: 第1页 共2页; another project's form ended the table)
            again = _header_again(stream, i, columns)
            if again is not None:  # the header printed again at a page top: one table
                i = again
                continue
        if _STOP.match(compact) or (_HEADER_TRIGGER.search(compact) and rows):
            # the 2020 form prints 其他需要说明事项 | … | 总分 | 100 | 96 | 优 after the rows
            after = _total_after(stream, i) if rows and _STOP.match(compact) else None
            if after is not None:
                total, i = _total_row(stream, after, "weight" in columns, columns)
            break
        if _TOTAL.match(compact):
            total, i = _total_row(stream, i, "weight" in columns, columns)
            if not rows and total is not None and (total.score or total.available) is not None \
                    and first_total is None:
                # 总分 printed first, right under the header (合计 before its rows, as budget
                # statements print it): the rows follow (i11t)
                first_total, total = total, None
                continue
            break
        if len(compact) == 1 and i + 1 < len(stream) and stream[i + 1].line == cell.line \
                and _TOTAL.match(compact + _compact(stream[i + 1].text)):
            # 合  计 / 总  分: a two-character label letter-spaced by the form's typesetting,
            # cut into two cells by the blanks (PDF text; i11t)
            second = stream[i + 1]
            stream[i + 1] = TableCell(compact + second.text.strip(), second.line, cell.start,
                                      second.end)
            total, i = _total_row(stream, i + 1, "weight" in columns, columns)
            break
        found = None
        for j in range(i, min(i + 5, len(stream))):
            if stream[j].empty:
                continue
            if _STOP.match(_compact(stream[j].text)) or _TOTAL.match(_compact(stream[j].text)):
                break
            if _name_ok(stream[j]):
                got = _values_after(stream, j, template, len(label_roles))
                if got is not None:
                    found = (j, *got)
                    break
        while found is not None and level_weighted and "criteria" in template:
            # a sheet printing each level's points (投入 | 13 | 预算配置 | 13 | 在职人员控制率 | 5 |
            # 评价标准 | 5): a label and its points fit a row whose 评价标准 is the next label, so
            # the row's name is the last label of its (label, points) pairs (dev 473's sheet)
            j = found[0]
            later = _values_after(stream, j + 2, template, len(label_roles)) \
                if j + 2 < len(stream) and _bare(stream[j + 1]) and _name_ok(stream[j + 2]) else None
            if later is None or (j + 2) - i > 4:
                break
            found = (j + 2, *later)
        if found is None and (compact.startswith("其中") or compact in _FILLERS):
            # a breakdown of the row above (其中桃树种植面积 | 1.5亩 | 1.5亩: its target and
            # actual, no points — 安徽 衔接资金 forms, 405) or the template's …… row: no row
            # of the table, and no sign that the table ended (i11t)
            line = cell.line
            while i < len(stream) and stream[i].line == line:
                i += 1
            continue
        if found is None:
            category = _points_cell(stream, i, _category_at(stream, i), level1_points)
            if category is not None:
                # a row not read keeps its category for the rows after it
                level1, level2 = _apply_category(category, level1, level2, weights,
                                                 subweights, scores)
                if level2 == "" and not _adopt(rows, level1) and _displaced(stream, i):
                    displaced = True
                i += category.used
                continue
            misses += 1
            i += 1
            continue
        misses = 0
        j, values, after = found
        p = i
        if level_weighted:
            # a label and its 分值 per level (项目决策 | 20 | 项目立项 | 8 | 立项依据充分性 | 4 | 4)
            level1, level2 = _weighted_labels(stream[i:j], level1, level2, weights, subweights)
            p = j
        while p < j:
            category = _points_cell(stream, p, _category_at(stream, p), level1_points, j)
            if category is None:
                if two_levels and _unnamed_level1(stream, p, j):
                    level1, level2 = _compact(stream[p].text), ""
                elif two_levels and _unnamed_level2(stream, p, j):
                    level2 = _compact(stream[p].text)
                p += 1
                continue
            if category.first and two_levels and p + category.used == j and level1 and (
                    first_in_row or pointed_levels) and category.weight is not None:
                # 规划(15分) | 基础信息(3分) | name: two labels stating points, the second is the
                # second level; once a table showed that, a lone one before a name is too (the
                # first level merged over its block, printed once: 寿县 417's 部门整体 sheet)
                pointed_levels = pointed_levels or first_in_row
                level2 = category.name
                subweights.append((level1, level2, category.weight, category.line))
                p += category.used
                continue
            level1, level2 = _apply_category(category, level1, level2, weights,
                                                 subweights, scores)
            # (a first level stating points, known or not — 项目决策(20分) — makes a pointed
            # label after it in the row the second level: 项目决策(20分) | 项目立项(8分) | name)
            first_in_row = first_in_row or category.first or (
                level2 == "" and category.weight is not None)
            if level2 == "" and not _adopt(rows, level1) and _displaced(stream, p):
                displaced = True
            p += category.used
        first_in_row = False
        nxt = after + _consumed(values, stream, after)
        values["name"] = stream[j]
        if "reason" in template and "reason" not in values and nxt < len(stream) and _is_reason(
                stream, nxt, template, len(label_roles), cut.continued()):
            values["reason"] = stream[nxt]
            nxt += 1
        rows.append(TableRow((level1, level2), values))
        i = nxt
    if not rows:
        return None
    total = total or first_total
    end_line = max(total.line, rows[-1].line) if total else rows[-1].line
    title = _title(lines, index)
    if displaced:
        # which rows a category holds is unknown: no category's points can be judged
        weights, subweights, scores = [], [], []
    return Table(INDICATORS, tuple(columns), tuple(rows), header[0].line, None, tuple(weights),
                 total, title, tuple(subweights), tuple(scores)), _line_index(lines, end_line) + 1


_FILLERS = frozenset(("…", "……", "...", "......", "。。。", "。。。。。。"))

# The value columns a value block is read under, in the orders the forms print them (the 2020
# national form and its copies; 宁夏's 分值 first).
_BLOCK_TEMPLATES = (("target", "actual", "weight", "score"), ("weight", "target", "actual", "score"))


def _value_block(cut: _Cells, index: int) -> tuple[Table, int] | None:
    """A 自评表 whose text gives each row's values one after another and its labels only after
    the 总分 row's figures: the text layer of Word/WPS tables exported to PDF with merged label
    cells, as document-sharing sites and reposts extract it (上海 财政项目支出绩效自评表, round 3
    427: `… 年度 指标值 实际 完成值 分值 得分 =100% 100% 10 10 … 及时 及时 20 20 … 100 98.62 率
    产出指标 质量指标 … 总分`). Read only in that shape: the header's value columns (other header
    cells or the first row's labels may sit between them), two rows or more of values each
    fitting its column, then two bare figures — the 总分 row's points and score — and its 总分
    label among label cells after them with no figure between. The rows have no names or
    categories (`TableRow.unlabelled`); the reasons' column is not read (its cells are not
    among the values), so no row's reason is taken as given or as left empty."""
    lines = cut.lines
    runs, index = _runs_at(cut, index)
    stream = cut.stream(index, _WINDOW, operators=True, runs=runs)
    start = next((k for k, c in enumerate(stream) if _HEADER_TRIGGER.search(_compact(c.text))), None)
    if start is None:
        return None
    k, header = start, []
    while k < len(stream) and k - start < 30 and not stream[k].figures and not stream[k].operator:
        if _is_header_cell(stream[k], _INDICATOR_RE):
            header.append(stream[k])
        k += 1
    values = [r for r in _roles(header, _INDICATOR_RE) if r not in (*_LABEL_ROLES, "reason")]
    template = next((t for t in _BLOCK_TEMPLATES if tuple(values) == t), None)
    if template is None:
        return None
    rows: list[TableRow] = []
    while k + len(template) <= len(stream):
        while rows and k < len(stream) and stream[k].empty:
            k += 1  # (a 偏差原因 left 无 or — printed after its row's values)
        cells = stream[k:k + len(template)]
        if not all(_fits(role, c) and not c.empty for role, c in zip(template, cells, strict=True)):
            break
        rows.append(TableRow(("", ""), dict(zip(template, cells, strict=True))))
        k += len(template)
    pair = stream[k:k + 2]
    if len(rows) < 2 or len(pair) < 2 or not all(_bare(c, Decimal(200)) for c in pair):
        return None
    label = next((n for n in range(k + 2, min(len(stream), k + 62))
                  if stream[n].figures or _TOTAL.match(_compact(stream[n].text))), None)
    if label is None or stream[label].figures:
        return None
    head = stream[label]
    total = TotalRow(head.line, pair[0].number, pair[1].number, "", head.text, pair[0].line,
                     pair[1].line)
    return (Table(INDICATORS, template, tuple(rows), header[0].line, None, (), total,
                  _title(lines, index)), _line_index(lines, head.line) + 1)


def _header_again(stream: list[TableCell], at: int, columns: list[str]) -> int | None:
    """The index after a header naming exactly `columns` that starts at `at`, else None.

    A 自评表 longer than a page has its header printed again on each page (PDF text of
    multi-page forms, web pages pasted page by page); the rows after it continue the table,
    so a category's rows and the 总分 row at its end stay one table (i11t)."""
    k = at
    while k < len(stream) and k - at < 40 and _is_header_cell(stream[k], _INDICATOR_RE):
        k += 1
    if k == at:
        return None
    again = _target_before_actual(_roles(stream[at:k], _INDICATOR_RE))
    return k if again == columns else None


def _pair(cell: TableCell) -> tuple[TableCell, TableCell] | None:
    """`split_pair` of a stream cell, unless its figures were withdrawn (digits cut by a line
    break: `_Cells._unsplit`)."""
    return split_pair(cell) if cell.figures else None


def _points_pair(cell: TableCell) -> tuple[TableCell, TableCell] | None:
    """`_pair` read as an indicator row's 分值 and 得分: both bare points. A rate is never a
    score — ``98%`` glued after 完成 in run-together text is the actual, not 9 | 8% (i13w)."""
    pair = _pair(cell)
    return pair if pair is not None and _bare(pair[0]) and _bare(pair[1]) else None


def _complete_header(roles: list[str]) -> bool:
    """Whether an indicator header names what a table needs: 分值 and 得分, or 分值 and 指标值."""
    return "weight" in roles and ("score" in roles or "target" in roles)


def _row_of_figures(stream: list[TableCell], k: int) -> bool:
    """Whether the line of cell `k` holds a figure cell after it (a data row, not a header)."""
    line = stream[k].line
    n = k + 1
    while n < len(stream) and stream[n].line == line and n - k < 16:
        if stream[n].number is not None:
            return True
        n += 1
    return False


def _values_after(stream: list[TableCell], j: int, template: list[str],
                  labels: int) -> tuple[dict[str, TableCell], int] | None:
    """The values of the row named by cell `j` and where they start: right after the name, or
    — a name merged over the label columns (预算执行率 | | | 100% …, the funds row inside the
    indicator table) — after its blank label cells."""
    values = _match(stream, j + 1, template)
    if values is not None:
        return values, j + 1
    if labels > 1:
        after = _blank_run(stream, j, labels - 1)
        values = _match(stream, after, template) if after > j + 1 else None
        if values is not None:
            return values, after
    return None


def _blank_run(stream: list[TableCell], j: int, most: int) -> int:
    """The index after the blank cells (at most `most`) following cell `j` on its line."""
    m = j + 1
    while m < len(stream) and m - j <= most and stream[m].line == stream[j].line \
            and stream[m].empty and not stream[m].text.strip():
        m += 1
    return m


def _runs_at(cut: _Cells, index: int) -> tuple[bool, int]:
    """Whether the header on line `index` is run together, and the line its stream starts on:
    a header re-wrapped at a fixed width (一级指标二级指标三 / 级指标年度指标值…) is judged on its
    lines joined, and read from its text's first line."""
    lines = cut.lines
    if _run_together(lines[index].text):
        return True, index
    group = cut.wrapped(index) if _no_separator(lines[index].text) else None
    if group is None:
        return False, index
    first = max(group[0], index - 3)
    joined = "".join(ln.text for ln in lines[first:min(group[1], index + 3) + 1])
    return (True, first) if _run_together(joined) else (False, index)


def _line_index(lines: Sequence[AuditLine], number: int) -> int:
    if 1 <= number <= len(lines) and lines[number - 1].number == number:
        return number - 1
    return next((k for k, ln in enumerate(lines) if ln.number == number), len(lines) - 1)


def _title(lines: Sequence[AuditLine], index: int) -> str:
    for line in lines[max(0, index - 40):index + 1]:
        m = _TITLE.search(line.text.replace(" ", ""))
        if m:
            return m.group()
    return ""


def _fragments_before(stream: list[TableCell], start: int) -> int:
    """Where a header starts when fragments of its first names come before the first full one
    (年初 / 预算数 | 全年预算数: the header starts at 年初)."""
    while start > 0 and start - 1 >= 0 and _fragment(_compact(stream[start - 1].text)) \
            and stream[start - 1].line >= stream[start].line - 2:
        start -= 1
    return start


def _funds_table(cut: _Cells, index: int, floor: int = 0) -> tuple[Table, int] | None:
    """The funds table whose header is around line `index` (not before line index `floor`,
    where the previous table ended), and the index after it."""
    lines = cut.lines
    first, back = index, 0
    while first > floor and back < 6:  # six lines of text back: blank lines do not count
        first -= 1
        back += bool(lines[first].text.strip())
    runs = _run_together(lines[index].text)
    # Most lines naming 执行数 or 执行率 are prose (全年预算数200万元，全年执行数180万元，执行率90%).
    # Their header ends on the line itself without the funds columns; then the 120-line
    # window, which may be cut into cells line after line, cannot change that.
    near = cut.stream(first, index + 1 - first, runs=runs)
    found = _funds_header(near)
    if found is None:
        # The line that names 执行数/执行率 is a sentence, and so is every line naming the funds
        # columns in the six above: a header below names 执行数 itself and is read from there.
        return None
    if found[1] < len(near) and not _funds_columns(found[2]):
        return None
    stream = cut.stream(first, 120, runs=runs)
    found = _funds_header(stream)
    if found is None or not _funds_columns(found[2]):
        return None
    start, k, columns = found
    header = stream[start:k]
    template = [r for r in columns if r != "reason"]
    unit_text = " ".join(c.text for c in stream[max(0, start - 3):k + 1])
    um = _MONEY_HEADER.search(unit_text)
    if um is None:
        # the table's unit line above its title (金额单位：元), as the forms print it
        head = _line_index(lines, header[0].line)
        um = next((m for ln in lines[max(0, head - 8):head]
                   if (m := _UNIT_LINE.search(ln.text)) is not None), None)
    rows: list[TableRow] = []
    i = k
    misses = 0
    while i < len(stream) and misses < 4:
        cell = stream[i]
        compact = _compact(cell.text)
        if cell.empty:
            i += 1
            continue
        if _STOP.match(compact) or _HEADER_TRIGGER.search(compact) or "绩效指标" in compact \
                or "总体目标" in compact:
            break
        if i == k and not rows and cell.number is not None:
            got = _funds_values_first(stream, i, template)
            if got is not None:
                values, i = got
                rows.append(TableRow(("年度资金总额",), values))
                continue
        label = cell.number is None and _FUNDS_LABEL.search(compact) and len(compact) <= 24
        got = _funds_values(stream, i + 1, template) if label else None
        if got is None and label and rows:
            # (a source row under 年度资金总额 prints no 分值: its amounts and, in some copies,
            # its own 执行率 — never a 分值 cut from its amounts, as _funds_values_dropped reads)
            got = _source_amounts(stream, i + 1, template)
        if got is None and label:
            got = _funds_values_dropped(stream, i + 1, template)
        if got is None:
            misses += 1
            i += 1
            continue
        misses = 0
        values, nxt = got
        values["name"] = cell
        if "reason" in columns and nxt < len(stream) and (
                stream[nxt].empty or (stream[nxt].number is None
                                      and not _FUNDS_LABEL.search(_compact(stream[nxt].text)))):
            values["reason"] = stream[nxt]
            nxt += 1
        rows.append(TableRow((), values))
        i = nxt
    if not rows:
        return None
    return Table(FUNDS, tuple(columns), tuple(rows), header[0].line,
                 next((g for g in um.groups() if g), None) if um else None, (), None,
                 _title(lines, index)), _line_index(lines, rows[-1].line) + 1


def _funds_header(stream: list[TableCell]) -> tuple[int, int, list[str]] | None:
    """The first funds header of a stream of cells: where it starts and ends, and its columns."""
    # (a header starts at a column name, never at a figure: 项目自评得分96分 above the form is
    # prose naming 得分; the cheap tests first)
    start = next((k for k, c in enumerate(stream)
                  if not _sentence_cell(c) and not c.figures
                  and _FUNDS_RE.search(_compact(c.text))), None)
    if start is None:
        return None
    start = _fragments_before(stream, start)
    k = start
    while k < len(stream) and k - start < 30 and _is_header_cell(stream[k], _FUNDS_RE) \
            and not _sentence_cell(stream[k]):
        k += 1
    return start, k, _roles(stream[start:k], _FUNDS_RE)


def _sentence_cell(cell: TableCell) -> bool:
    """A cell of prose ("全年预算数200万元，全年执行数180万元，执行率90%。"): longer than any
    column name of the forms and cut into clauses. It names the funds columns but is no
    header: without this, every such line of a long report started a header that took in the
    120 lines below it (a 1 MB report of such lines spent two thirds of its audit here)."""
    text = cell.text
    return len(text) > 40 and ("，" in text or "。" in text or "；" in text)


def _funds_columns(columns: list[str]) -> bool:
    """Whether a header names the columns a funds table needs (执行数, a 预算数, and 执行率 —
    or 分值 and 得分: a form printing no rate column scores the rate all the same, 年初预算数(A)
    | 全年执行数(B) | 分值(10分) | 得分 of the 部门整体 自评表, 贵州 416; i11t)."""
    return "executed" in columns and bool({"budget", "budget_initial"} & set(columns)) \
        and ("rate" in columns or {"weight", "score"} <= set(columns))


def _funds_values(stream: list[TableCell], at: int,
                  template: list[str]) -> tuple[dict[str, TableCell], int] | None:
    """The funds row's cells from `at` under `template`, and the index after them."""
    out: dict[str, TableCell] = {}
    amounts = 0
    p = at
    for k, role in enumerate(template):
        if role in out:
            continue  # filled with the cell before (a run-together 分值 and 执行率)
        if p >= len(stream):
            return None
        cell = stream[p]
        p += 1
        if role == "weight" and template[k + 1:k + 2] == ["rate"] and _glued(stream, p - 1) \
                and cell.number is not None \
                and cell.number.unit == "%" and (pair := _pair(cell)) is not None:
            out["weight"], out["rate"] = pair  # "1090%": 10 | 90%
            continue
        fig = cell.number
        if role in ("budget_initial", "budget", "executed"):
            if fig is not None and fig.unit in ("", "万", "万元", "元", "亿元"):
                amounts += 1
            elif not cell.empty:
                return None
        elif role == "rate":
            if not (cell.empty or (fig is not None and fig.unit in ("%", ""))):
                return None
        elif not (cell.empty or (fig is not None and fig.unit in ("", "分"))):
            return None
        out[role] = cell
    return (out, p) if amounts else None


_AMOUNT_ROLES = ("budget_initial", "budget", "executed")
_AMOUNT_UNITS = ("", "万", "万元", "元", "亿元")


def _funds_values_dropped(stream: list[TableCell], at: int,
                          template: list[str]) -> tuple[dict[str, TableCell], int] | None:
    """A funds row with one blank amount cell dropped, read by its 执行率 cell (i10r).

    Text from web pages and space-separated PDF drops blank cells, and the forms leave
    年初预算数 blank for a project funded during the year: "| 32.4 | 31.69 | 10 | 97.80% | 9 |"
    under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 (shared 040, 010; the
    Yunnan 公开14表 form). The one % cell is the 执行率; the cells after it fill the roles after
    it, the one before it the 分值 (a whole number of points, ≤ 30), and the two amounts left
    the 全年预算数 and 全年执行数 — a printed rate was computed from a printed 执行数, so the
    blank cell is a budget column. Only exactly one missing amount is read this way."""
    cells: list[TableCell] = []
    p = at
    while p < len(stream) and len(cells) < len(template):
        cell = stream[p]
        if cell.number is None and not cell.empty:
            break
        cells.append(cell)
        p += 1
    rates = [k for k, c in enumerate(cells) if c.number is not None and c.number.unit == "%"]
    if "rate" not in template or len(rates) != 1 or any(c.empty for c in cells):
        return None
    r = template.index("rate")
    before, after = cells[:rates[0]], cells[rates[0] + 1:]
    roles_before, roles_after = template[:r], template[r + 1:]
    amounts = [role for role in roles_before if role in _AMOUNT_ROLES]
    if len(after) > len(roles_after) or len(before) != len(roles_before) - 1 \
            or len(amounts) != 3 or roles_before[3:] not in ([], ["weight"]):
        return None
    out: dict[str, TableCell] = {"rate": cells[rates[0]]}
    if roles_before[3:]:
        weight = before.pop()
        fig = weight.number
        if fig is None or fig.unit not in ("", "分") or fig.value > 30 or fig.value != int(fig.value):
            return None
        out["weight"] = weight
    if any(c.number is None or c.number.unit not in _AMOUNT_UNITS for c in before):
        return None
    out.update(zip(("budget", "executed"), before, strict=True))
    for role, cell in zip(roles_after, after, strict=False):
        fig = cell.number
        if fig is None or fig.unit not in ("", "分"):
            return None
        out[role] = cell
    return out, p


def _funds_values_first(stream: list[TableCell], at: int,
                        template: list[str]) -> tuple[dict[str, TableCell], int] | None:
    """The first funds row printed right under the header without its label, its 执行率 apart:
    the text layer of a Word/WPS 自评表 exported to PDF gives the 年度资金总额 row's figures
    first and its label (and, printed in another cell's place, its rate) later (上海 427:
    `年初预算数 全年预算数 全年执行数 分值 执行率 得分 250000.00 250000.00 215,457.6 10 8.62 …
    年度资金总额`). Read only when the header is the form's six columns and exactly one
    reading fits: the three amounts, a 分值 of whole points (≤ 30), and — the rate missing,
    as the forms print every 执行率 with its % — the 得分 (a bare figure), the next cell no
    % figure (the next row's amount, or a label). The form's first row is 年度资金总额 whatever
    its label's place; it must be named in the block after the values."""
    if tuple(template) != ("budget_initial", "budget", "executed", "weight", "rate", "score"):
        return None
    cells = stream[at:at + 6]
    if len(cells) < 5 or any(c.number is None for c in cells[:5]):
        return None
    amounts, weight, score = cells[:3], cells[3].number, cells[4].number
    if any(c.number is None or c.number.unit not in _AMOUNT_UNITS for c in amounts) \
            or weight is None or score is None or weight.unit not in ("", "分") \
            or score.unit not in ("", "分") or not 0 < weight.value <= 30 \
            or weight.value != int(weight.value) or score.value > 100:
        return None
    if len(cells) > 5 and cells[5].number is not None and cells[5].number.unit == "%":
        return None  # (a rate after them: another reading, not this one)
    if not any(_compact(c.text) == "年度资金总额" for c in stream[at + 5:at + 45]):
        return None
    return dict(zip(("budget_initial", "budget", "executed", "weight", "score"), cells[:5],
                    strict=True)), at + 5


def _source_amounts(stream: list[TableCell], at: int,
                    template: list[str]) -> tuple[dict[str, TableCell], int] | None:
    """A fund-source row (其中：财政拨款 90 89.974 89.974) that prints only its amounts: the
    forms leave its 分值, 执行率 and 得分 blank (RULES.md §2.5), and space-separated text
    drops blank cells. Amount cells in the amount columns' order, then the next label — or
    its own 执行率 first, which copies of the form print for every source (其中：当年财政拨款 |
    7.29 | 7.29 | 7.29 | 100%: the Yunnan form, dev 455; its 分值 and 得分 left blank)."""
    amounts = [r for r in template if r in ("budget_initial", "budget", "executed")]
    out: dict[str, TableCell] = {}
    p = at
    for role in amounts:
        if p >= len(stream):
            break
        fig = stream[p].number
        if fig is None or fig.unit not in ("", "万", "万元", "元", "亿元"):
            break
        out[role] = stream[p]
        p += 1
    r = p
    while r < len(stream) and stream[r].empty and stream[r].text.strip() != "无" \
            and stream[r].line == stream[p - 1].line:
        r += 1  # (its blank 分值 cell, kept by pipes)
    rate = stream[r].number if r < len(stream) and len(out) == len(amounts) else None
    if rate is not None and rate.unit == "%" and "rate" in template:
        out["rate"] = stream[r]
        p = r + 1
    following = stream[p] if p < len(stream) else None
    if len(out) < len(amounts) or (following is not None and following.number is not None):
        return None  # a row with more figures than amounts is no such row
    return out, p


def _header_like(text: str) -> bool:
    """A line that can hold (part of) a header: a short cell, a row of cells, or several
    column names side by side — not a sentence of prose that mentions 执行率."""
    if len(text) >= 4000:
        return False
    if len(text) <= 40 or "|" in text or "\t" in text:
        return True
    return len(set(_HEADER_WORDS.findall(text))) >= 3


_HEADER_WORDS = re.compile(r"一级指标|二级指标|三级指标|指标值|分值|得分|预算数|执行数|执行率|完成值")


def _value_header(text: str) -> bool:
    """A header line naming 指标值, 分值 and 得分 (and more) without its label columns."""
    return "指标值" in text and "分值" in text and "得分" in text \
        and len(set(_HEADER_WORDS.findall(text))) >= 4


# Run-together text with stray blanks: the text previews of document-sharing sites and OCR
# give a 自评表 without any cell border, but a cell wrapped inside the form leaves a blank where
# its line broke — 年度 指标值, 实际 完成值, 分 值, 得 分, 偏差原因分析 及改进措施 (taowenge
# i11f/13, 777doc-like previews), 产出 指标, 效益 指标, 年度财政 资金总额 (i13f/12, a 湖北 form),
# 偏差原因分析及改进措 施 (i12f/05). Cut at those blanks, the header names no column and the rows
# are long text cells: such a line is read as the run-together text it is, blanks dropped.
# A blank between two figures (…100% 95 / 15 13) is a cell border — a line with one is
# space-separated text, not this; nor is a line of short pieces (a spaced row) unless a piece
# holds column names run together.
_FIGURE_GAP = re.compile(r"[\d%％‰][ \u3000]+[\d≥≤<>=＞＜≧≦]")
_SPACED_LABEL = re.compile(r"^\s*(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]")
_STRAY_PIECES = 8  # characters per blank-separated piece at least: longer is run-together
_STRAY_WINDOW = 60  # lines after a run-together header whose blanks are stray too


def _stray(text: str, in_run: bool) -> bool:
    """A line of run-together text with stray blanks (see above): one of its blank-separated
    pieces holds two column names run together, or — `in_run`, after a run-together header —
    its pieces are long or it begins with a letter-spaced label."""
    if "|" in text or "\t" in text or (" " not in text.strip() and "\u3000" not in text.strip()):
        return False
    if _FIGURE_GAP.search(text) is not None:
        return False
    pieces = text.split()
    # (a spaced header's cells hold one column name each, however long they are:
    # 部门(单位)总体资金(万元)  年初预算数(A)  分值(10分) — never read as run together)
    # (a bracketed remark names no column: 得分(20分*执行率) is one cell, 保山's funds header)
    if any(len(_HEADER_WORDS.findall(_BRACKETED.sub("", p))) >= 2 for p in pieces):
        return True
    if not in_run:
        return False
    # (a row beginning with a letter-spaced label — 总  分10099, 产 出 指 标(50分)…: the forms'
    # letter-spaced 总分/合计 and categories, i11t — keeps its letters' blanks too)
    label = _SPACED_LABEL.match(text)
    return len(text) >= _STRAY_PIECES * len(pieces) or (label is not None and bool(
        _TOTAL.match(_compact(label.group())) or _CATEGORY.match(_compact(label.group()))))


def _despaced(line: AuditLine) -> tuple[AuditLine, list[int]]:
    """The line with its blanks dropped, and where each of its characters was (plus the end)."""
    text = line.text
    where = [k for k, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[k] for k in where)
    where.append(len(text))
    return AuditLine(line.number, compact, extract_figures(compact, normalised=True)), where


def _without_stray_spaces(lines: Sequence[AuditLine]) -> tuple[Sequence[AuditLine],
                                                                 dict[int, list[int]]]:
    """The lines with every run-together line that has stray blanks despaced — a header that
    is run together once despaced, and the lines after a run-together header — and, by line
    number, where the despaced lines' characters were."""
    out: list[AuditLine] | None = None
    maps: dict[int, list[int]] = {}
    until = -1
    for k, line in enumerate(lines):
        text = line.text
        if _no_separator(text):
            if _run_together(text):
                until = k + _STRAY_WINDOW
            continue
        if not _stray(text, k <= until) or (k > until and not _run_together(_compact(text))):
            continue
        despaced, where = _despaced(line)
        if _run_together(despaced.text):
            until = k + _STRAY_WINDOW
        if out is None:
            out = list(lines)
        out[k] = despaced
        maps[line.number] = where
    return (lines if out is None else out), maps


def _placed(cell: TableCell, maps: dict[int, list[int]]) -> TableCell:
    """A cell of a despaced line put back at its offsets in the line as printed."""
    where = maps.get(cell.line)
    if where is None:
        return cell
    return cell._replace(start=_at(where, cell.start), end=_end_at(where, cell.start, cell.end),
                         figures=tuple(_placed_figure(f, where) for f in cell.figures))


def _at(where: list[int], k: int) -> int:
    return where[min(k, len(where) - 1)]


def _end_at(where: list[int], start: int, end: int) -> int:
    return _at(where, end - 1) + 1 if end > start else _at(where, end)


def _placed_figure(fig: Figure, where: list[int]) -> Figure:
    return Figure(fig.value, fig.unit, _at(where, fig.start), _end_at(where, fig.start, fig.end),
                  fig.raw, fig.qualifier)


def _placed_table(table: Table, maps: dict[int, list[int]]) -> Table:
    """A table read from despaced lines with every cell and figure at its printed offsets."""
    rows = tuple(TableRow(r.labels, {role: _placed(c, maps) for role, c in r.cells.items()})
                 for r in table.rows)
    total = table.total
    if total is not None and (total.line in maps or total.available_line in maps
                              or total.score_line in maps):
        av, sc = total.available, total.score
        total = replace(total,
                        available=av and _placed_figure(av, maps[total.line_of("available")])
                        if total.line_of("available") in maps else av,
                        score=sc and _placed_figure(sc, maps[total.line_of("score")])
                        if total.line_of("score") in maps else sc)
    return replace(table, rows=rows, total=total)


def recover_tables(lines: Sequence[AuditLine]) -> tuple[Table, ...]:
    """Every indicator and funds table the lines hold, in order."""
    lines, maps = _without_stray_spaces(lines)
    tables = list(_recover(lines))
    return tuple(_placed_table(t, maps) if maps else t for t in tables)


def _recover(lines: Sequence[AuditLine]) -> tuple[Table, ...]:
    """`recover_tables` of lines read as they are."""
    tables: list[Table] = []
    index = 0
    n = len(lines)
    cut = _Cells(lines)
    floor = 0  # (a table is read once: the next one's header is looked for after it)
    while index < n:
        text = lines[index].text
        if "执行" not in text and not any(w in text for w in _TRIGGER_WORDS):
            # (no header can start here: a funds header names 执行数/执行率, an indicator
            # header matches `_HEADER_TRIGGER` or names 指标值 — most lines of a report)
            index += 1
            continue
        found: list[tuple[Table, int]] = []
        if ("执行数" in text or "执行率" in text) and _header_like(text):
            got = _funds_table(cut, index, floor)
            if got is not None:
                found.append(got)
        # a funds table and the indicator table may share one line (a page flattened to one)
        if (not found or found[0][1] <= index + 1) and _header_like(text) and (
                _header_trigger(text) or _value_header(text)):
            got = _indicator_table(cut, index) or _value_block(cut, index)
            if got is not None:
                found.append(got)
        if not found:
            index += 1
            continue
        tables.extend(t for t, _ in found)
        index = max(max(after for _, after in found), index + 1)
        floor = index
    return tuple(tables)
