"""Sums in the genre's many surface forms (issue 10, i10v): tables with a 合计 row above or
below its rows and numbered category rows; prose lists in several word orders and units.

Each relation is written in several invented variants; consistent ones must stay silent,
a lowered total or a raised part must give an error naming the planted figure.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(lines: list[str]) -> set[tuple[str, str, int | None]]:
    return {(f.code, str(f.stated), f.line) for f in audit_lines(lines) if f.severity.value == "error"}


def _table(sep: str, rows: list[tuple[str, ...]]) -> list[str]:
    return [sep.join(r) for r in rows]


SEPARATORS = [" | ", "  ", "\t", "\u3000"]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_total_row_above_its_rows(sep: str) -> None:
    """部门预算/决算 tables print 合计 first; the rows under it are its parts."""
    head = ("项目", "金额（万元）")
    ok = _table(sep, [head, ("合计", "100"), ("甲项目", "60"), ("乙项目", "40")])
    assert _errors(ok) == set()
    assert ("sum-mismatch", "90", 2) in _errors(_table(sep, [head, ("合计", "90"), ("甲项目", "60"),
                                                         ("乙项目", "40")]))
    assert ("sum-mismatch", "100", 2) in _errors(_table(sep, [head, ("合计", "100"), ("甲项目", "70"),
                                                          ("乙项目", "40")]))


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("numbers", [("一、", "二、"), ("（一）", "（二）"), ("一.", "二.")])
@pytest.mark.parametrize("total_first", [False, True])
def test_category_rows_above_their_members(sep: str, numbers: tuple[str, str],
                                           total_first: bool) -> None:
    """A numbered category row totals the rows under it: the 合计 takes the categories only."""
    def table(total: str, part: str) -> list[str]:
        body = [(f"{numbers[0]}设备购置", "100"), ("甲设备", "60"), ("乙设备", part),
                (f"{numbers[1]}培训费", "20")]
        rows = [("合计", total), *body] if total_first else [*body, ("合计", total)]
        return _table(sep, [("项目", "金额（万元）"), *rows])

    assert _errors(table("120", "40")) == set()
    total_line = 2 if total_first else 6
    assert ("sum-mismatch", "110", total_line) in _errors(table("110", "40"))
    category_line = 3 if total_first else 2
    assert ("sum-mismatch", "100", category_line) in _errors(table("120", "50"))


def test_two_columns_and_units_in_cells() -> None:
    rows = ["项目 | 预算数 | 执行数", "甲 | 60万元 | 50万元", "乙 | 40万元 | 30万元",
            "合计 | 100万元 | 80万元"]
    assert _errors(rows) == set()
    assert ("sum-mismatch", "90", 4) in _errors([*rows[:3], "合计 | 100万元 | 90万元"])
    assert ("sum-mismatch", "90", 2) in _errors([rows[0], "合计 | 100 | 90", "甲 | 60 | 50", "乙 | 40 | 30"])


def test_members_without_their_numbered_category_are_not_summed() -> None:
    """Rows under a 合计 whose first row is no numbered category: which rows are categories
    cannot be told, so nothing is said."""
    rows = ["项目 | 金额", "甲设备 | 60", "二、培训费 | 20", "丙 | 5", "丁 | 15", "合计 | 120"]
    assert _errors(rows) == set()


def test_total_first_with_sub_items_or_another_total_below_is_not_summed() -> None:
    assert _errors(["项目 | 金额", "合计 | 90", "甲 | 60", "其中：甲1 | 30", "乙 | 40"]) == set()
    # a 小计 first and a 合计 last: which rows each takes is not certain
    assert _errors(["项目 | 金额", "小计 | 90", "甲 | 60", "乙 | 40", "合计 | 100"]) == set()
