"""评价结果应用 (RULES.md §8): what the rules allow for an evaluation's grade, and the
overdue rule of 问题整改. The rules give no formula from a score to a budget cut, so none is
computed here: 中/差 only makes a project a candidate for 核减/调整, for people to decide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["TREATMENTS", "TREATMENT_RANKS", "Treatment", "rectification_overdue",
           "treatment_codes", "treatment_for"]


@dataclass(frozen=True)
class Treatment:
    """The treatment the rules allow for a grade."""

    code: str  # support | candidate_cut | none
    label: str
    basis: str


_SUPPORT = Treatment("support", "予以支持",
                     "优、良：根据情况予以支持（财预〔2020〕10号第五章）")
_CUT = Treatment("candidate_cut", "核减/调整候选",
                 "中、差：完善政策、改进管理，根据情况核减预算；不整改或整改不到位的相应调减预算，"
                 "或整改到位后再安排（财预〔2020〕10号第五章）。规则未给出削减比例，由预算科研究确定")
_NONE = Treatment("none", "未评级", "自评尚不能计分，无法提出应用建议")

TREATMENTS = {"优": _SUPPORT, "良": _SUPPORT, "中": _CUT, "差": _CUT}
#: The budget division's reading order: candidates for 核减/调整 first, then the ungraded,
#: then those to support.
TREATMENT_RANKS = {_CUT.code: 0, _NONE.code: 1, _SUPPORT.code: 2}


def treatment_codes() -> dict[str, list[str]]:
    """Treatment code → the grades that lead to it (codes of ungraded rows left out)."""
    out: dict[str, list[str]] = {}
    for grade, treatment in TREATMENTS.items():
        out.setdefault(treatment.code, []).append(grade)
    return out


def treatment_for(grade: str) -> Treatment:
    """The treatment for a grade (优/良/中/差); `none` for anything else."""
    return TREATMENTS.get(grade, _NONE)


def rectification_overdue(deadline: dt.date, confirmed: bool, today: dt.date) -> bool:
    """A rectification is overdue when its deadline has passed and the department has not
    confirmed it."""
    return not confirmed and deadline < today
