"""The one list-export writer (`services.exports.table_xlsx`): text stays text, numbers exact."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from jixiao.services.exports import table_xlsx


def test_export_keeps_formula_like_text_as_text_and_decimals_exact():
    data = table_xlsx("清单", ["项目", "金额"], [
        ["=HYPERLINK(\"http://x\",\"点我\")", Decimal("0.9753")],
        ["+1 单位", Decimal("2281500.00")],
        ["@SUM(A1)", None],
    ])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula came from user text
    assert "<v>0.9753</v>" in sheet and "<v>2281500.00</v>" in sheet  # never through a float

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")
    assert ws["A3"].value == "+1 单位" and ws["A4"].value == "@SUM(A1)"
    assert ws["B4"].value is None
