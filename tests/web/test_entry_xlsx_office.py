"""The entry template after an office suite has saved it.

The fixture was made once: the Baoshan template from `entry_template_xlsx`, with 实际完成值 of
the first indicator set to 5000 and a deviation reason typed in, then opened and saved by
LibreOffice Calc 7 (`soffice --convert-to xlsx`), which rewrites the whole package in its own
style (shared strings, its own styles and number records). Users' files look like that, not
like openpyxl's.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.ingest.entry_xlsx import read_entry_xlsx

FIXTURE = Path(__file__).parent / "fixtures" / "entry-filled-saved-by-libreoffice.xlsx"


def test_values_typed_in_an_office_suite_come_back_exactly():
    sheet = read_entry_xlsx(FIXTURE.read_bytes(), FIXTURE.name)
    cells = {c.cell: c for c in sheet.cells}
    assert sheet.project_id == 1
    assert [c for c in sheet.cells if c.problem] == []
    assert cells["I15"].path == "indicators.0.actual" and cells["I15"].text == "5000"
    assert cells["M15"].text == "场地调整，面积减少236平方米"
    # amounts survive the office suite's number records to the fen
    assert cells["D7"].path == "funds.total.executed" and cells["D7"].text == "2225038.16"
    assert cells["C7"].text == "2281500"
