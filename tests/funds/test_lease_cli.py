"""`jixiao apportion`: the seed example, JSON shape, --funds-for, exit codes, bad input."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml

from funds.support import EXAMPLES, run_cli

SEED = str(EXAMPLES / "baoshan-2022-lease.yaml")

CLEAN = """\
format: jixiao.lease/1
premises: 测试楼
months: 12
prices: {rent: 20, property_fee: "2.5"}
stated_total_area: 300
spaces:
  - name: 一层
    area: 100
    shares: {甲: 1/3, 乙: 2/3}
  - name: 二层
    area: "200.00"
    months: 6
    shares: {甲: 100%}
"""


def test_seed_reproduces_the_city_share_and_its_inconsistencies() -> None:
    result = run_cli("apportion", SEED, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["total_area"] == "16184.78"
    city = next(p for p in doc["payers"] if p["payer"] == "市级")
    assert city == {"payer": "市级", "area": "8477.09", "rent": "2034501.60",
                    "property_fee": "203450.16", "total": "2237951.76"}
    codes = [(f["code"], f.get("stated"), f.get("expected")) for f in doc["findings"]]
    assert ("sum-mismatch", "15415.38", "16184.78") in codes
    assert ("stated-amount-mismatch", "24.7", "20.35") in codes
    assert ("stated-amount-mismatch", "21", "20.35") in codes
    assert ("underpayment", "1580900.00", "2034501.60") in codes
    assert ("overpayment", "644138.16", "203450.16") in codes
    # the stated city area 8477.09 and rent 203.45万元 agree: no finding for them
    assert all(f["location"] not in ("stated[0]", "stated[1]") for f in doc["findings"])
    # building totals add up
    total = sum(Decimal(p["total"]) for p in doc["payers"])
    assert str(total) == doc["building"]["total"]


def test_seed_text_output_names_the_findings() -> None:
    result = run_cli("apportion", SEED)
    assert result.exit_code == 1
    assert "8,477.09" in result.stdout and "2,034,501.60" in result.stdout
    assert "sum-mismatch" in result.stdout and "15415.38" in result.stdout


def test_funds_for_emits_an_evaluation_funds_block() -> None:
    result = run_cli("apportion", SEED, "--funds-for", "市级")
    block = yaml.safe_load(result.stdout)
    assert block == {"funds": {"total": {"initial_budget": "2237951.76",
                                         "full_year_budget": "2237951.76",
                                         "executed": "2225038.16"}}}
    as_json = json.loads(run_cli("apportion", SEED, "--funds-for", "市级", "--json").stdout)
    assert as_json == block


def test_funds_for_unknown_payer_is_an_input_error() -> None:
    result = run_cli("apportion", SEED, "--funds-for", "省级")
    assert result.exit_code == 2
    assert "省级" in result.stderr and "市级" in result.stderr


def test_clean_lease_exits_0_with_thirds_exact(write) -> None:  # type: ignore[no-untyped-def]
    path = write("clean.yaml", CLEAN)
    result = run_cli("apportion", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["findings"] == []
    payers = {p["payer"]: p for p in doc["payers"]}
    # 一层: 100 m² × 20 × 12 = 24000 split 1/3 : 2/3; 二层 200 m² for 6 months to 甲
    assert payers["甲"]["rent"] == "32000.00" and payers["乙"]["rent"] == "16000.00"
    assert payers["甲"]["area"] == "233.33" and payers["乙"]["area"] == "66.67"
    assert Decimal(payers["甲"]["property_fee"]) + Decimal(payers["乙"]["property_fee"]) == Decimal(
        "6000.00")


@pytest.mark.parametrize(("edit", "needles"), [
    (("甲: 1/3, 乙: 2/3", "甲: 49%, 乙: 50%"), ["一层", "99%", "bad.yaml:9", "spaces[0].shares"]),
    (("area: 100", "area: -100"), ["一层", "负数", "bad.yaml:8"]),
    (("甲: 100%}", "甲: 100%}\npayments:\n  丙: {rent: 5}"), ["丙", "payments.丙", "甲"]),
    (("甲: 100%}", "甲: 100%}\npayments:\n  甲: {water: 5}"), ["water", "没有单价"]),
    (("jixiao.lease/1", "jixiao.lease/9"), ["format", "jixiao.lease/1"]),
    (("area: 100", "area: 一百"), ["spaces[0].area", "不是数字"]),
    (("months: 6", "months: 13"), ["二层", "months"]),
    # the lease's own months were unbounded above (13 months of rent, exit 0): review item 1
    (("months: 12", "months: 13"), ["bad.yaml:3", "months", "13", "不超过 12"]),
    (("months: 12", "months: 0"), ["bad.yaml:3", "months", "应大于 0"]),
    (("months: 12", "months: -1"), ["bad.yaml:3", "months"]),
    (("months: 6", "months: -1"), ["二层", "spaces[1].months"]),
])
def test_bad_input_exits_2_with_file_line_and_field(write, edit, needles) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.yaml", CLEAN.replace(*edit))
    result = run_cli("apportion", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "bad.yaml" in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_missing_file_exits_2() -> None:
    result = run_cli("apportion", "/nonexistent/lease.yaml")
    assert result.exit_code == 2
    assert "lease.yaml" in result.stderr


def test_json_lease_and_building_level_statements(write) -> None:  # type: ignore[no-untyped-def]
    doc = {
        "format": "jixiao.lease/1", "premises": "楼", "months": "12",
        "prices": {"rent": "20"},
        "spaces": [{"name": "一层", "area": 100.5, "shares": {"甲": "0.5", "乙": "1/2"},
                    "months": 6.5}],
        "stated": [{"item": "area", "value": "100.5平方米"},
                   {"item": "total", "value": "1.31万元"},
                   {"item": "rent", "value": "13065元"}],
    }
    path = write("lease.json", json.dumps(doc, ensure_ascii=False))
    result = run_cli("apportion", str(path), "--json")
    out = json.loads(result.stdout)
    # 100.5 × 20 × 6.5 = 13065.00; 1.31万元 is 13100 ± 50 元 → agrees; all statements hold
    assert out["building"]["rent"] == "13065.00"
    assert out["findings"] == [] and result.exit_code == 0
    assert [p["rent"] for p in out["payers"]] == ["6532.50", "6532.50"]


def test_funds_for_without_payments_has_zero_executed(write) -> None:  # type: ignore[no-untyped-def]
    path = write("clean.yaml", CLEAN)
    result = run_cli("apportion", str(path), "--funds-for", "乙", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"funds": {"total": {
        "initial_budget": "18000.00", "full_year_budget": "18000.00", "executed": "0.00"}}}


@pytest.mark.parametrize(("lease_months", "space_months", "ok"), [
    ("12", "13", False), ("13", None, False), ("13", "12", False), ("12.5", None, False),
    ("0", None, False), ("12", "12", True), ("0.5", None, True), ("12", "0", True),
    ("6", "7", False), ("6", "6", True), ("1", None, True),
])
def test_months_bounds_are_the_same_for_the_lease_and_its_spaces(
        write, lease_months, space_months, ok) -> None:  # type: ignore[no-untyped-def]
    """The lease covers more than 0 and at most 12 months; a space 0 up to the lease's months."""
    text = CLEAN.replace("months: 12", f'months: "{lease_months}"')
    text = text.replace("    months: 6\n", "" if space_months is None
                        else f'    months: "{space_months}"\n')
    result = run_cli("apportion", str(write("m.yaml", text)), "--json")
    assert (result.exit_code != 2) is ok, result.stderr


def test_space_with_zero_months_keeps_its_area_but_pays_nothing(write) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("apportion", str(write("m.yaml", CLEAN.replace("months: 6", "months: 0"))),
                     "--json")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0 and doc["findings"] == []  # stated total 300 still matches
    payers = {p["payer"]: p for p in doc["payers"]}
    # 二层 (200 m², 甲 100%) is listed but not billed: only 一层's 100 m² × 20 × 12 is rent
    assert payers["甲"]["area"] == "233.33"
    assert doc["building"]["rent"] == "24000.00"


THIRDS = """\
format: jixiao.lease/1
premises: X
months: 12
prices: {rent: 20, property_fee: 2}
spaces:
  - {name: A, area: 100.01, shares: {甲: "1/3", 乙: "1/3", 丙: "1/3"}}
"""


def test_equal_thirds_same_rent_different_rounded_area_and_a_note(write) -> None:  # type: ignore[no-untyped-def]
    """Review item 4: areas 33.33/33.34/33.34 with identical rents is correct — each is
    apportioned from its building total by the exact share (100.01 × 240 / 3 = 8000.80 each,
    100.01 / 3 = 33.3367 m² each, rounded so the areas add up to 100.01) — and is explained."""
    path = str(write("t.yaml", THIRDS))
    doc = json.loads(run_cli("apportion", path, "--json").stdout)
    payers = {p["payer"]: p for p in doc["payers"]}
    assert sorted(p["area"] for p in payers.values()) == ["33.33", "33.34", "33.34"]
    assert {p["rent"] for p in payers.values()} == {"8000.80"}
    assert {p["property_fee"] for p in payers.values()} == {"800.08"}
    text = run_cli("apportion", path).stdout
    assert "注：面积按精确份额分到 0.01 平方米" in text and "约 33.3367" in text
    assert "不由取整后的面积计算" in text


def test_no_rounding_note_when_areas_are_exact() -> None:
    # the seed's 50% splits land on whole hundredths of a square metre: nothing to explain
    assert "注：" not in run_cli("apportion", SEED).stdout
