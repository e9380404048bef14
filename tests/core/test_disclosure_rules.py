"""信息公开 rules of `jixiao.domain.disclosure`: 索引号 in the seed's pattern, the organisation
code check character, the title without a doubled 项目, the 20-day deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from jixiao.domain.disclosure import (
    INDEX_NUMBER,
    index_number,
    org_code_check,
    org_code_from_number,
    org_code_valid,
    publication_deadline,
    publication_title,
)


def test_seed_index_number_is_reproduced():
    # the seed's page header: 索引号 57980172-X-/2023-0427003 (third publication that day)
    assert org_code_check("57980172") == "X"
    assert org_code_valid("57980172-X") and org_code_valid("57980172X")
    assert not org_code_valid("579801721")
    assert index_number("57980172X", dt.date(2023, 4, 27), 3) == "57980172-X-/2023-0427003"
    assert INDEX_NUMBER.match("57980172-X-/2023-0427003")


def test_index_number_refuses_bad_input():
    with pytest.raises(ValueError):
        index_number("12345678-9", dt.date(2023, 1, 1), 1)  # wrong check character
    with pytest.raises(ValueError):
        index_number("57980172X", dt.date(2023, 1, 1), 1000)


def test_generated_codes_are_valid():
    for n in (0, 1, 42, 99_999_999, 123_456_789):
        code = org_code_from_number(n)
        assert len(code) == 9 and org_code_valid(code)
        assert INDEX_NUMBER.match(index_number(code, dt.date(2024, 12, 31), 1))


def test_title_never_doubles_xiangmu():
    """What was seen: "…项目项目支出绩效自评报告" for a project named "…项目"."""
    title = publication_title("保山市政务服务中心", 2022, "房租及物业补助经费项目")
    assert "项目项目" not in title
    assert title == "保山市政务服务中心2022年度项目支出绩效自评报告（房租及物业补助经费项目）"


def test_deadline_is_twenty_days_after_acceptance():
    accepted = dt.date(2023, 4, 7)
    on_time = publication_deadline(accepted, dt.date(2023, 4, 20))
    assert on_time.deadline == dt.date(2023, 4, 27) and on_time.days_left == 7
    assert on_time.level == "ok" and not on_time.overdue
    assert publication_deadline(accepted, dt.date(2023, 4, 24)).level == "due"
    late = publication_deadline(accepted, dt.date(2023, 5, 1))
    assert late.overdue and late.days_left == -4 and "已超过公开期限 4 天" in late.message
