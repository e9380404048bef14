"""评价结果应用 rules (RULES.md §8): treatment by grade, never a cut amount; overdue rule."""

from __future__ import annotations

import datetime as dt

from jixiao.domain.application import rectification_overdue, treatment_for


def test_treatment_by_grade():
    assert treatment_for("优").code == treatment_for("良").code == "support"
    assert treatment_for("中").code == treatment_for("差").code == "candidate_cut"
    assert "规则未给出削减比例" in treatment_for("差").basis
    assert treatment_for("").code == "none"


def test_overdue_only_when_past_deadline_and_not_confirmed():
    day = dt.date(2024, 6, 30)
    assert rectification_overdue(day, False, dt.date(2024, 7, 1))
    assert not rectification_overdue(day, False, day)
    assert not rectification_overdue(day, True, dt.date(2024, 8, 1))
