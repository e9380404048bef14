"""Breakdowns over several years: a year opening each group of a list.

Multi-year evaluations (全周期跟踪问效, a project run over 2021–2022; round 3 山东 421) and reports
comparing two years' budgets list their parts year by year: ``共计X万元，其中2021年省级资金A万元、
中央资金B万元，2022年省级资金C万元、中央资金D万元``. The same name (中央资金) is then two different
amounts, one per year — no restatement (a false alarm before) — and the four amounts are one list
of parts of X (a 、 list going on after a ，, which ended the list before, so a wrong total was
never found). Invented variants in several surface forms; consistent ones must stay silent.
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _errors(text: str) -> list[tuple[str, str, str]]:
    return [(f.code, str(f.stated), str(f.expected)) for f in audit_lines([text])
            if f.severity.value == "error"]


def _years(total: str = "1000", a: str = "200", b: str = "300", c: str = "250", d: str = "250",
           comma: str = "，", unit: str = "万元", lead: str = "") -> str:
    return (f"{lead}2022年、2023年项目资金共计{total}{unit}{comma}其中2022年省级资金{a}{unit}、"
            f"中央资金{b}{unit}{comma}2023年省级资金{c}{unit}、中央资金{d}{unit}。")


SURFACES = {
    "full-width comma": {},
    "half-width comma": {"comma": ","},
    "元": {"unit": "元", "total": "10000000", "a": "2000000", "b": "3000000", "c": "2500000",
          "d": "2500000"},
    "decimals": {"total": "1000.50", "a": "200.25", "b": "300.25", "c": "250", "d": "250"},
    "heading first": {"lead": "（二）项目资金情况。"},
}


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_consistent_year_groups_are_silent(surface: str) -> None:
    assert _errors(_years(**SURFACES[surface])) == []


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_same_name_in_two_years_is_no_restatement(surface: str) -> None:
    # the 中央资金 of 2022 and of 2023 differ, as they may
    kw = {**SURFACES[surface], "d": "260", "total": None}
    kw["total"] = "1010.50" if surface == "decimals" else ("10100000" if surface == "元" else "1010")
    if surface == "元":
        kw["d"] = "2600000"
    assert not [e for e in _errors(_years(**kw)) if e[0] == "restated-mismatch"]


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_wrong_total_of_year_groups_is_found(surface: str) -> None:
    kw = dict(SURFACES[surface])
    right = kw.get("total", "1000")
    kw["total"] = str(int(right.split(".")[0]) - 100 if "." not in right else right.replace("1000", "900"))
    found = _errors(_years(**kw))
    assert any(code == "sum-mismatch" and stated == kw["total"] for code, stated, _ in found), found


def test_raised_part_of_the_second_year_is_found() -> None:
    found = _errors(_years(c="300"))
    assert ("sum-mismatch", "1000", "1050") in found


def test_same_year_twice_still_ends_the_list() -> None:
    # the same year again is no next group: the second clause is some other statement (the
    # list of 2022 ended at the ，), so its figures are no parts and nothing is summed
    text = "项目资金共计1000万元，其中2022年省级资金200万元、中央资金300万元，2022年省级资金拨付200万元。"
    assert not [e for e in _errors(text) if e[0] == "sum-mismatch"]


def test_a_name_restated_within_one_year_is_still_found() -> None:
    # a clause naming no year says nothing either way: still compared
    text = "2022年，中央资金300万元已下达，项目建设顺利推进，中央资金350万元已拨付到位。"
    assert [e for e in _errors(text) if e[0] == "restated-mismatch"] == [
        ("restated-mismatch", "300", "350")]


def test_a_total_of_one_year_does_not_take_the_next_years_group() -> None:
    # the total names 2022 alone: the 2023 group after it is no part of it
    text = ("2022年项目资金共计500万元，其中2022年省级资金200万元、中央资金300万元，"
            "2023年省级资金250万元、中央资金250万元。")
    assert not [e for e in _errors(text) if e[0] == "sum-mismatch"]
