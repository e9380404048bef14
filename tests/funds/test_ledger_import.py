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


# ---- review item 3: shifted cells and broken quotes must not be imported ----

@pytest.mark.parametrize("row", [
    "2022-03-01,1,000.00,甲,rent,30214 租赁费,x,v1",    # unquoted comma in the amount
    "2022-03-01,100,甲,rent,30214 租赁费,房租,押金,v1",  # unquoted comma in the purpose
    "2022-03-01,100,甲,rent,30214 租赁费,x,v1,",         # a trailing empty cell too
])
def test_row_with_more_cells_than_the_header_is_refused(tmp_path: Path, row: str) -> None:
    path = tmp_path / "x.csv"
    path.write_text(GOOD + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    text = str(err.value)
    assert "第4行：列数多于表头" in text and "未加引号的逗号" in text
    assert "未导入任何记录" in text and err.value.line == 4


def test_quoted_comma_is_fine_and_other_bad_rows_are_still_listed(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(GOOD + '2022-03-01,"1,000.00",甲,rent,30214,"房租,押金",v1\n'
                    "2022-03-02,1,000.00,乙,rent,30214,x,v2\n2022-03-03,abc,丙,rent\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    text = str(err.value)
    assert "2 处错误" in text and "第5行：列数多于表头" in text and "第6行 金额" in text
    path.write_text(GOOD + '2022-03-01,"1,000.00",甲,rent,30214,"房租,押金",v1\n', encoding="utf-8")
    assert read_records(path)[-1].purpose == "房租,押金"


def test_unclosed_quote_to_the_end_of_the_file_is_named(tmp_path: Path) -> None:
    """Was reported as "第11行 预算项目：不能为空" (the last line of the file)."""
    path = tmp_path / "u.csv"
    path.write_text(GOOD + '2022-03-01,100,"甲,rent,30214,x,v1\n'
                    + "2022-03-02,100,乙,rent,30214,x,v2\n" * 5, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    text = str(err.value)
    assert "引号未闭合" in text and "第4行" in text and err.value.line == 4
    assert "不能为空" not in text


@pytest.mark.parametrize(("later", "needle"), [
    ('2022-03-02,100,乙,rent,30214,"x",v2', "从第4行起的引号可能未闭合（一直读到第5行"),
    ('2022-03-02,100,乙,rent,30214,x",v2', "第4行：引号可能未闭合"),
])
def test_unclosed_quote_closed_by_a_later_quote_is_named(tmp_path: Path, later: str,
                                                         needle: str) -> None:
    path = tmp_path / "u.csv"
    path.write_text(GOOD + '2022-03-01,100,"甲,rent,30214,x,v1\n' + later + "\n"
                    + "2022-03-03,100,丙,rent,30214,x,v3\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    assert needle in str(err.value)


def test_multi_line_cell_keeps_its_row_number_and_later_rows_theirs(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(GOOD + '2022-03-01,100,甲,rent,30214,"两行\n用途",v1\n'
                    "2022-03-02,x,乙,rent,30214,y,v2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_records(path, {"rent", "property"})
    assert "第6行 金额" in str(err.value)  # the record starts on line 6 (line 4 spans 4–5)
    path.write_text(GOOD + '2022-03-01,100,甲,rent,30214,"两行\n用途",v1\n', encoding="utf-8")
    record = read_records(path)[-1]
    assert record.purpose == "两行\n用途" and record.source == "m.csv:4"


def test_stray_quote_inside_a_cell_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(GOOD + '2022-03-01,100,甲,rent,30214,"x"y,v1\n', encoding="utf-8")
    with pytest.raises(InputError, match="第4行的引号用法不对"):
        read_records(path)


def test_xlsx_value_beyond_the_header_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "金额", "收款人", "预算项目"])
    sheet.append([datetime(2022, 7, 20), 10, "甲", "rent"])
    sheet.append([datetime(2022, 7, 21), 10, "甲", "rent", None, "多出来的"])
    path = tmp_path / "w.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="第3行：表头之外的第 6 列有数据「多出来的」"):
        read_records(path)
