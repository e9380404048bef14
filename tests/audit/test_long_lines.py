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


# Lines whose punctuation was lost: one clause for the whole line. Every detector that
# pairs figures within a clause must still do work in proportion to the line.
NO_FULL_STOP = [
    "受理诉求100件，在线答复60件，答复率60%，总面积为100平方米，其中甲30平方米、乙70平方米，"
    "物业管理费20万元，每年应承担物业管理费21万元，按2元/平方米/月，面积8477.09平方米，2021年12月3日，",
    "甲30平方米、乙70平方米、实际支付物业管理费30万元、每年应承担物业管理费21万元、其中、分别为、",
    # one 合计 after another (parts-then-total read back to the sentence start: was quadratic)
    "购置电脑10台，单价5000元，合计5万元，",
    # rates settled per clause, then per sentence and with the sentence before (a completion)
    "受理诉求100件；办结90件；办结率90%。计划培训100人，实际培训95人，完成率95%。",
]


def _lines_run(text: str) -> int:
    """Lines of jixiao's Python code executed while auditing `text` (a measure of work)."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if "jixiao" not in frame.f_code.co_filename:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        audit_lines([text])
    finally:
        sys.settrace(None)
    return count


def test_work_on_a_line_without_full_stops_grows_linearly() -> None:
    for unit in NO_FULL_STOP:
        small = _lines_run(unit * 30)
        large = _lines_run(unit * 240)
        assert large <= 9 * small, unit  # 8 × the line: linear ≈ 8 ×; it was 14–17 ×


def test_long_line_findings_are_those_of_its_sentences() -> None:
    wrong = [f"总面积为{total}平方米，分别是甲30平方米、乙60平方米。" for total in (100, 101, 102)]
    findings = audit_lines(["".join(SENTENCE * 50 + w for w in wrong)])
    assert [(f.code, f.stated, f.expected) for f in findings if f.code == "sum-mismatch"] == [
        ("sum-mismatch", total, 90) for total in (100, 101, 102)]


PROSE_FUNDS = "全年预算数200万元，其中：人员经费120万元、公用经费80万元，全年执行数180万元，预算执行率90%。"


def _calls_by_file(lines: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            counts[frame.f_code.co_filename] += 1

    sys.setprofile(profile)
    try:
        audit_lines(lines)
    finally:
        sys.setprofile(None)
    return counts


def test_prose_naming_the_funds_columns_is_not_read_as_a_header() -> None:
    """Every line of a report names 预算数, 执行数 and 执行率 with their amounts: the table
    reader takes no line for a run-together header (no cutting at names and figures) and reads
    no 120-line window below any of them (was 124 calls into tables.py per line, 61 into
    cells.py; a 1 MB report of such lines spent two thirds of its audit there)."""
    from jixiao.ingest.docmodel import cells, tables

    counts = _calls_by_file([PROSE_FUNDS] * 200)
    assert counts[tables.__file__] <= 40 * 200
    assert counts[cells.__file__] <= 2 * 200
