"""信息公开 (RULES.md §7): the 索引号 of a publication, its title, and the publication deadline.

Pure rules, no storage:

- `org_code_check` / `org_code_valid`: the check character of an 组织机构代码 (GB 11714-1997;
  the seed's publisher code 57980172-X is valid under it);
- `index_number`: the seed's page-header pattern ``57980172-X-/2023-0427003`` — 8-character
  organisation code, ``-``, check/category character, ``-/``, year, ``-``, MMDD and a
  3-digit sequence of that publisher on that day (CONTRACTS.md §7);
- `publication_title`: the title as the seed prints it (unit, year, then the project in
  brackets), so a project named "…项目" is not followed by a second "项目";
- `publication_deadline`: 20 days after acceptance (批复后 20 日内公开, RULES.md §7).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "DEADLINE_DAYS",
    "INDEX_NUMBER",
    "DeadlineStatus",
    "credit_code_valid",
    "index_number",
    "org_code_check",
    "org_code_from_number",
    "org_code_valid",
    "publication_deadline",
    "publication_title",
]

#: Days after acceptance within which the report is to be published (RULES.md §7, [二手] S6).
DEADLINE_DAYS = 20

#: The 索引号 pattern of the seed's page header (CONTRACTS.md §7).
INDEX_NUMBER = re.compile(r"^[0-9A-Z]{8}-[0-9A-Z]-/\d{4}-\d{4}\d{3}$")

_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE = re.compile(r"^[0-9A-Z]{8}-?[0-9X]$")


def _char_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def org_code_check(body: str) -> str:
    """The check character of the 8-character body of an 组织机构代码 (GB 11714-1997)."""
    if not re.fullmatch(r"[0-9A-Z]{8}", body):
        raise ValueError("组织机构代码本体应为 8 位数字或大写字母")
    c9 = 11 - sum(w * _char_value(ch) for w, ch in zip(_WEIGHTS, body, strict=True)) % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def org_code_valid(code: str) -> bool:
    """Whether `code` (``57980172X`` or ``57980172-X``) is an 组织机构代码 with a correct check."""
    if not _ORG_CODE.match(code or ""):
        return False
    plain = code.replace("-", "")
    return org_code_check(plain[:8]) == plain[8]


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_valid(code: str) -> bool:
    """Whether `code` is an 18-character 统一社会信用代码 with a correct check character
    (GB 32100-2015) whose characters 9–17 are a valid 组织机构代码."""
    if len(code or "") != 18 or any(ch not in _CREDIT_CHARS for ch in code):
        return False
    total = sum(_CREDIT_CHARS.index(ch) * w for ch, w in zip(code, _CREDIT_WEIGHTS, strict=False))
    check = (31 - total % 31) % 31
    return _CREDIT_CHARS[check] == code[17] and org_code_valid(code[8:17])


def org_code_from_number(number: int) -> str:
    """A valid 9-character 组织机构代码 made from a number (for organisations without one:
    the 索引号 still has the seed's shape)."""
    body = f"{number % 100_000_000:08d}"
    return body + org_code_check(body)


def index_number(org_code: str, published_on: dt.date, sequence: int) -> str:
    """The 索引号 for the `sequence`-th publication (1-based) of `org_code` on `published_on`."""
    plain = org_code.replace("-", "")
    if not org_code_valid(plain):
        raise ValueError(f"组织机构代码「{org_code}」无效")
    if not 1 <= sequence <= 999:
        raise ValueError("同一天的公开序号应在 1–999 之间")
    return f"{plain[:8]}-{plain[8]}-/{published_on.year}-{published_on:%m%d}{sequence:03d}"


def publication_title(unit: str, fiscal_year: int, project: str) -> str:
    """The title of a published self-evaluation report, in the seed's form:
    ``保山市政务服务管理局2022年度项目绩效自评报告(房租及物业补助经费项目)``."""
    return f"{unit}{fiscal_year}年度项目支出绩效自评报告（{project}）"


@dataclass(frozen=True)
class DeadlineStatus:
    """Where an accepted, not yet published report stands against the 20-day deadline."""

    deadline: dt.date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def level(self) -> str:
        """``overdue`` (past the deadline), ``due`` (5 days or fewer left) or ``ok``."""
        if self.days_left < 0:
            return "overdue"
        return "due" if self.days_left <= 5 else "ok"

    @property
    def message(self) -> str:
        if self.days_left < 0:
            return f"已超过公开期限 {-self.days_left} 天（应于 {self.deadline:%Y-%m-%d} 前公开）"
        return f"应于 {self.deadline:%Y-%m-%d} 前公开（剩余 {self.days_left} 天）"


def publication_deadline(accepted_on: dt.date, today: dt.date) -> DeadlineStatus:
    """The deadline (acceptance + 20 days) and the days left on `today` (negative: overdue)."""
    deadline = accepted_on + dt.timedelta(days=DEADLINE_DAYS)
    return DeadlineStatus(deadline, (deadline - today).days)
