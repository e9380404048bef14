"""Work on a report flattened into one long line grows linearly with its length.

A review found `jixiao audit` quadratic on such lines (the sentences of the whole line
recomputed for every 其中, the figures before every marker rebuilt): 108 000 characters
took 18 s. No timing here (speed is measured by bench/audit_long_lines.py); these tests
count the work instead, which does not depend on the machine.
"""

from __future__ import annotations

import sys
from collections import Counter
from types import FrameType
from typing import Any

from jixiao.domain.audit import facts
from jixiao.services.figure_audit import audit_lines

SENTENCE = "总面积为100平方米，其中甲30平方米、乙70平方米。受理诉求100件，在线答复60件，答复率60%。"


def _calls(text: str) -> Counter[str]:
    """Python function calls made while auditing `text` as one line, by function name."""
    counts: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            counts[f"{frame.f_code.co_filename}:{frame.f_code.co_name}"] += 1

    sys.setprofile(profile)
    try:
        audit_lines([text])
    finally:
        sys.setprofile(None)
    return counts


def test_sentences_of_a_line_are_computed_once_not_per_marker() -> None:
    counts = _calls(SENTENCE * 400)
    key = f"{facts.__file__}:sentences"
    # once per kind (sentences, clauses) per consumer; 400 markers must not mean 400 scans
    assert 0 < counts[key] <= 8


def test_calls_grow_linearly_with_the_line() -> None:
    small = sum(_calls(SENTENCE * 100).values())
    large = sum(_calls(SENTENCE * 400).values())
    assert large <= 4.5 * small


def test_long_line_findings_are_those_of_its_sentences() -> None:
    wrong = [f"总面积为{total}平方米，分别是甲30平方米、乙60平方米。" for total in (100, 101, 102)]
    findings = audit_lines(["".join(SENTENCE * 50 + w for w in wrong)])
    assert [(f.code, f.stated, f.expected) for f in findings if f.code == "sum-mismatch"] == [
        ("sum-mismatch", total, 90) for total in (100, 101, 102)]
