"""CSV and xlsx import: headers in Chinese or English, row-level errors, all or nothing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao.domain.errors import InputError
from jixiao.ingest.ledger_import import parse_date, parse_money_cell, read_records

GOOD = """日期,金额,收款人,预算项目,经济分类,用途,凭证号
2022-01-20,"395,225.00",出租方,rent,30214 租赁费,一季度房租,记-1
2022/4/20,161034.54,物业方,property,30209,二季度物业费,记-2
"""


def test_csv_utf8(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    records = read_records(path, {"rent", "property"})
    assert [r.amount for r in records] == [Decimal("395225.00"), Decimal("161034.54")]
    assert records[1].date == date(2022, 4, 20)
    assert records[0].source == "l.csv:2" and records[0].classification == "30214 租赁费"


def test_csv_gb18030_and_english_headers(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("date,amount,payee,line\n2022年3月1日,12.30,物业公司,p\n".encode("gb18030"))
    (record,) = read_records(path)
    assert (record.date, record.amount, record.payee) == (date(2022, 3, 1), Decimal("12.30"),
                                                         "物业公司")


def test_bad_rows_import_nothing_and_list_every_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + "2022-02-30,10,甲,rent\n2022-03-01,一百,乙,rent\n"
                    "2022-03-02,5.555,丙,rent\n2022-03-03,7,,canteen\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    text = str(err.value)
    assert "未导入任何记录" in text and "bad.csv:4" in text
    for needle in ("第4行 日期", "第5行 金额", "第6行 金额", "第7行 收款人", "第7行 预算项目",
                   "canteen"):
        assert needle in text
    assert err.value.line == 4


def test_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("日期,金额,备注\n2022-01-01,1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="收款人"):
        read_records(path)


def test_xlsx_numbers_are_exact(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["支付日期", "支付金额", "收款单位", "预算项目编码", "经济分类"])
    sheet.append([datetime(2022, 7, 20), 149034.54, "物业方", "property", 30209])
    sheet.append(["2022-07-21", 0.1, "物业方", "property", 30209])
    path = tmp_path / "l.xlsx"
    book.save(path)
    first, second = read_records(path)
    assert first.amount == Decimal("149034.54") and first.date == date(2022, 7, 20)
    assert first.classification == "30209"
    assert second.amount == Decimal("0.1")


def test_xlsx_error_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "金额", "收款人", "预算项目"])
    sheet.append([datetime(2022, 7, 20), 10, "甲", "rent"])
    sheet.append([None, 10, "甲", "rent"])
    path = tmp_path / "e.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="第3行 日期"):
        read_records(path)


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="xlsx"):
        read_records(path)


@pytest.mark.parametrize(("text", "day"), [
    ("2022-03-31", date(2022, 3, 31)), ("2022/3/31", date(2022, 3, 31)),
    ("2022年3月31日", date(2022, 3, 31)), ("20220331", date(2022, 3, 31)),
    ("2022.03.31", date(2022, 3, 31)), ("2022-03-31 00:00:00", date(2022, 3, 31)),
])
def test_parse_date(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2022-02-29", "31/03/2022", "", "明天"])
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_money_cell() -> None:
    assert parse_money_cell("1,234.50") == Decimal("1234.50")
    assert parse_money_cell("1.5万元") == Decimal("15000.0")
    assert parse_money_cell(-20) == Decimal(-20)
    for bad in ("0", "1.001", None, "abc"):
        with pytest.raises(ValueError):
            parse_money_cell(bad)
