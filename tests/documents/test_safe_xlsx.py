"""Every xlsx writer stores user text as text: nothing typed by a user becomes a formula.

Strings that a spreadsheet reads as a formula (``=`` ``+`` ``-`` ``@`` and tab-led) go
through the 自评表 writer and the entry template; the cells are read back with openpyxl and
the sheet XML is searched for ``<f>`` (formula) elements.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from jixiao.documents.entry_xlsx import entry_template_xlsx
from jixiao.documents.render import render_table
from jixiao.domain.indicators import Indicator, Operator
from jixiao.domain.scoring import score_evaluation

#: Text a spreadsheet would otherwise evaluate.
HOSTILE = ("=100%", "=50户", '=HYPERLINK("http://x.example","点击")', "+1+1", "-2+3",
           "@SUM(A1)", "\t=1+1", "=1+1")


def _formulas(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [m for n in z.namelist() if n.startswith("xl/worksheets/")
                for m in re.findall(r"<f[ >].*?</f>", z.read(n).decode())]


def _cells(data: bytes) -> dict[str, str]:
    """Text value → data type of every non-empty cell of every sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {str(c.value): c.data_type for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if c.value is not None}


@pytest.fixture(scope="module")
def hostile_scored(evaluation):
    first = evaluation.indicators[0]
    inds = [replace(first, name=HOSTILE[0], deviation_reason=HOSTILE[2])]
    for i, text in enumerate(HOSTILE[1:]):
        inds.append(Indicator(
            category=first.category, subcategory=first.subcategory, name=text,
            operator=Operator.QUALITATIVE, target=text, actual=text, weight=Decimal(0),
            unit_of_measure="", deviation_reason=HOSTILE[(i + 3) % len(HOSTILE)]))
    project = replace(evaluation.project, name=HOSTILE[3], department=HOSTILE[4],
                      unit=HOSTILE[5])
    goals = replace(evaluation.goals, expected=HOSTILE[6], actual=HOSTILE[7])
    return score_evaluation(replace(evaluation, project=project, goals=goals,
                                    indicators=(*inds, *evaluation.indicators[1:])))


@pytest.mark.parametrize("layout", ["national-2020", "yunnan-2020"])
def test_table_xlsx_keeps_text(tmp_path, hostile_scored, layout) -> None:
    data = render_table(hostile_scored, tmp_path / "t.xlsx", layout).read_bytes()
    assert _formulas(data) == []
    cells = _cells(data)
    for text in HOSTILE:
        assert cells.get(text) == "s", text


def test_entry_template_keeps_text() -> None:
    doc = {
        "project": {"name": HOSTILE[0], "department": HOSTILE[1], "unit": HOSTILE[2],
                    "fiscal_year": 2022},
        "funds": {"total": {"initial_budget": HOSTILE[3], "full_year_budget": "100",
                            "executed": "90"}},
        "goals": {"expected": HOSTILE[4], "actual": HOSTILE[5]},
        "indicators": [{"category": "产出指标", "subcategory": "数量指标", "name": text,
                        "operator": ">=", "target": "1", "actual": text, "weight": "10",
                        "unit_of_measure": "个", "deviation_reason": text}
                       for text in HOSTILE],
    }
    data = entry_template_xlsx(doc, project_id=1)
    assert _formulas(data) == []
    cells = _cells(data)
    for text in HOSTILE:
        assert cells.get(text) == "s", text
    # Numbers stay numbers: the budget and executed amounts.
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert any(c.data_type == "n" and c.value == 100
               for row in wb.worksheets[0].iter_rows() for c in row)
