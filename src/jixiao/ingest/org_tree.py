"""Read the organisation tree from an .xlsx (sheet 「机构」): one organisation per row under
the header 类型 | 名称 | 上级主管部门 | 组织机构代码 | 统一社会信用代码. Uses the guarded cell reader
(`xlsx_cells.read_cells`: archive checked first, cells read exactly as stored); every problem
is reported by cell in Chinese, and nothing is returned when there is any."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.domain.disclosure import credit_code_valid, org_code_valid
from jixiao.domain.errors import InputError
from jixiao.ingest.xlsx_cells import EMPTY, NUMBER, TEXT, read_cells

SHEET = "机构"
HEADERS = ("类型", "名称", "上级主管部门", "组织机构代码", "统一社会信用代码")
KINDS = {"主管部门": "department", "预算单位": "unit"}
MAX_ROWS = 5000
_LETTERS = "ABCDE"


@dataclass(frozen=True)
class OrgRow:
    """One organisation to create or update."""

    row: int
    kind: str  # department | unit
    name: str
    parent: str  # department name for a unit, "" for a department
    code: str
    credit_code: str


class OrgTreeErrors(InputError):
    """The file has errors; `messages` lists each by cell."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(f"机构表有 {len(messages)} 处错误，未导入任何数据")
        self.messages = messages


def read_org_tree(data: bytes, source: str = "上传的文件") -> list[OrgRow]:
    """The rows of the 「机构」 sheet.

    Raises:
        InputError: not a readable .xlsx, no 「机构」 sheet. OrgTreeErrors: cell errors.
    """
    sheets = read_cells(data, {SHEET: (MAX_ROWS + 1, len(HEADERS))}, source)
    if SHEET not in sheets:
        raise InputError(f"找不到工作表「{SHEET}」：请使用下载的机构导入模板", file=source)
    cells = sheets[SHEET]
    errors: list[str] = []

    def text(row: int, col: int) -> str:
        cell = cells.get((row, col))
        if cell is None or cell.kind == EMPTY:
            return ""
        if cell.kind not in (TEXT, NUMBER):
            errors.append(f"{_LETTERS[col - 1]}{row} 单元格（{HEADERS[col - 1]}）：不是文字或数字")
            return ""
        return cell.text.strip()

    header = [text(1, c) for c in range(1, len(HEADERS) + 1)]
    if tuple(header) != HEADERS:
        raise OrgTreeErrors([f"第 1 行应为表头：{' | '.join(HEADERS)}"])
    rows: list[OrgRow] = []
    seen: dict[str, int] = {}
    last = max((r for r, _ in cells), default=1)
    if last > MAX_ROWS:
        raise OrgTreeErrors([f"最多 {MAX_ROWS} 行"])
    for r in range(2, last + 1):
        values = [text(r, c) for c in range(1, len(HEADERS) + 1)]
        if not any(values):
            continue
        kind_text, name, parent, code, credit = values
        kind = KINDS.get(kind_text, "")
        if not kind:
            errors.append(f"A{r} 单元格（类型）：「{kind_text}」应为“主管部门”或“预算单位”")
        if not name or len(name) > 200:
            errors.append(f"B{r} 单元格（名称）：不能为空，最多 200 字")
        elif name in seen:
            errors.append(f"B{r} 单元格（名称）：「{name}」与第 {seen[name]} 行重复")
        else:
            seen[name] = r
        if kind == "unit" and not parent:
            errors.append(f"C{r} 单元格（上级主管部门）：预算单位须填写上级主管部门")
        if kind == "department" and parent:
            errors.append(f"C{r} 单元格（上级主管部门）：主管部门的上级是财政局，此格应留空")
        code = code.replace("-", "").upper()
        if code and not org_code_valid(code):
            errors.append(f"D{r} 单元格（组织机构代码）：「{code}」不是有效的组织机构代码（9 位，末位校验）")
        credit = credit.upper()
        if credit and not credit_code_valid(credit):
            errors.append(f"E{r} 单元格（统一社会信用代码）：「{credit}」不是有效的统一社会信用代码"
                          "（18 位，末位校验）")
        elif credit and code and credit[8:17] != code:
            errors.append(f"E{r} 单元格（统一社会信用代码）：第 9–17 位应与组织机构代码「{code}」一致")
        rows.append(OrgRow(r, kind, name, parent, code, credit))
    if not rows and not errors:
        errors.append("表中没有机构（第 2 行起每行一个机构）")
    if errors:
        raise OrgTreeErrors(errors)
    return rows
