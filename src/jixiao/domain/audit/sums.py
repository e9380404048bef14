"""Detectors: enumerated parts against a stated total, in prose and in table columns.

Prose: ``总建筑面积为15415.38平方米，分别是：…3295.03平方米…`` or ``共完成预算资金89.97万元。
其中：30万元…；29.99万元…``. The parts are the exact figures of the same dimension that
follow the marker up to the end of the sentence. ``其中`` and ``包括`` often list only some
parts, so a shortfall there is a warning (and nothing at all when the list ends in 等);
parts that exceed the total, or an exhaustive ``分别是`` list that misses it, are errors.

Tables: a row labelled 合计/总计/小计 against the rows directly above it, column by column.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    agrees,
    cells,
    dimension,
    excerpt,
    fmt,
    in_unit,
    places,
    sentences,
)
from jixiao.domain.findings import Finding, Severity

__all__ = ["detect_column_sums", "detect_enumerated_parts"]

_MARKER = re.compile(r"其中|分别是|分别为|分别有|包括|包含")
_EXHAUSTIVE = ("分别是", "分别为", "分别有")
_TOTAL_WORD = re.compile(r"总|合计|共|累计|全部|全年|年度|下达|安排|投入|筹集")
_COUNT_BETWEEN = ("个", "项", "家", "所", "户", "处", "条")
_TOTAL_AGAIN = re.compile(r"合计|共计|总计|小计|总额|总共")
_GAP = re.compile(r"^[\s,，。:：;；、]*$")


def _inside_brackets(text: str, pos: int, start: int) -> bool:
    """Whether `pos` lies inside an open bracket opened after `start` (a parenthetical)."""
    depth = 0
    for ch in text[start:pos]:
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
    return depth > 0


def _total_before(line: AuditLine, marker_start: int) -> Figure | None:
    """The stated total a marker refers to: the figure right before it, in a total's words."""
    before = [f for f in line.figures if f.end <= marker_start]
    # "下达资金500万元，用于5个村，分别为…": a count of the parts may stand between.
    skipped = 0
    while len(before) > 1 and before[-1].unit in _COUNT_BETWEEN and skipped < 1:
        before.pop()
        skipped += 1
    if not before:
        return None
    total = before[-1]
    gap = line.text[total.end:marker_start]
    if "。" in gap.rstrip("。") or len(gap) > (20 if skipped else 12):
        return None
    if re.search(r"[、和与及]", gap):
        return None  # "预算、执行分别为…": the list pairs names with values, it is no breakdown
    label = line.text[max(0, total.start - 12):total.start]
    label = re.split(r"[。；;]", label)[-1]
    if not (_GAP.match(gap) or _TOTAL_WORD.search(label)):
        return None
    if not total.exact or not total.unit or "/" in total.unit or total.unit in ("%", "‰"):
        return None
    return total


def _sentence_end(text: str, pos: int) -> int:
    for start, end in sentences(text):
        if start <= pos < end:
            return end
    return len(text)


def detect_enumerated_parts(doc: AuditDocument) -> list[Finding]:
    """Total stated before 其中/分别是/包括 vs the parts listed after it."""
    findings: list[Finding] = []
    for line in doc.lines:
        for m in _MARKER.finditer(line.text):
            total = _total_before(line, m.start())
            if total is None:
                continue
            end = _sentence_end(line.text, m.end())
            region = line.text[m.end():end]
            if not region.endswith(("。", "！", "？", "!", "?")):
                continue  # the list may run on past the end of the line (a wrapped sentence)
            if _MARKER.search(region):
                continue  # nested breakdowns: which figure belongs to which is unclear
            restated_total = _TOTAL_AGAIN.search(region)
            if restated_total:  # "…，合计100万元。": the list ends where the total is restated
                end = m.end() + restated_total.start()
            dim = dimension(total.unit)[0]
            parts = [
                f for f in line.figures_between(m.end(), end)
                if dimension(f.unit)[0] == dim and not _inside_brackets(line.text, f.start, m.end())
            ]
            if len(parts) < 2 or not all(p.exact for p in parts):
                continue
            values = [in_unit(p, total.unit) for p in parts]
            if any(v is None for v in values):
                continue
            total_sum = sum((v for v in values if v is not None), Decimal(0))
            if agrees(total.value, total_sum):
                continue
            exhaustive = m.group() in _EXHAUSTIVE
            if total_sum < total.value and not exhaustive:
                if "等" in line.text[parts[-1].end:end]:
                    continue
                severity = Severity.WARNING
                note = "（如有未列出的部分，请补充说明）"
            else:
                severity = Severity.ERROR
                note = ""
            diff = total_sum - total.value
            findings.append(Finding(
                code="sum-mismatch",
                severity=severity,
                message=(
                    f"所述合计 {total.raw}，“{m.group()}”所列 {len(parts)} 项之和为 "
                    f"{fmt(total_sum, places(total.value))}{total.unit}"
                    f"（相差 {fmt(diff, places(total.value))}）{note}"
                    f" / stated total {total.value}, listed parts add up to {fmt(total_sum)}"
                ),
                stated=total.value,
                expected=Decimal(fmt(total_sum, places(total.value))),
                operands=tuple(p.value for p in parts),
                unit=total.unit,
                line=line.number,
                excerpt=excerpt(line.text, total.start, parts[0].end),
            ))
    return findings


_TOTAL_LABEL = re.compile(r"^[^其含]{0,8}(合\s*计|总\s*计|小\s*计)$")
_HEADER_UNIT = re.compile(r"[(（]\s*(万元|元|亿元|平方米|万平方米)\s*[)）]|单位\s*[:：]\s*(万元|元|亿元)")


def _numeric_row(line: AuditLine) -> tuple[str, list[Figure]] | None:
    row = cells(line)
    if len(row) < 2 or row[0].number is not None:
        return None
    numbers = [c.number for c in row[1:]]
    if any(n is None for n in numbers):
        return None
    figures = [n for n in numbers if n is not None]
    if not all(f.exact and f.unit in ("", "元", "万元", "亿元") for f in figures):
        return None
    return row[0].text, figures


def _years(figures: list[Figure]) -> bool:
    """A header row of years (2021 | 2022) is not a row of amounts."""
    return all(f.value == f.value.to_integral_value() and 1990 <= f.value <= 2100 and not f.unit
               for f in figures)


def detect_column_sums(doc: AuditDocument) -> list[Finding]:
    """A 合计 row of a flattened table against the rows directly above it."""
    findings: list[Finding] = []
    lines = doc.lines
    for i, line in enumerate(lines):
        total_row = _numeric_row(line)
        if total_row is None or not _TOTAL_LABEL.match(total_row[0]):
            continue
        width = len(total_row[1])
        rows: list[list[Figure]] = []
        j = i - 1
        while j >= 0:
            row = _numeric_row(lines[j])
            if row is None or len(row[1]) != width or _years(row[1]):
                break
            if row[0].startswith(("其中", "含")) or _TOTAL_LABEL.match(row[0]):
                rows = []  # sub-items or sub-totals: the column is not a plain list
                break
            rows.append(row[1])
            j -= 1
        if len(rows) < 2:
            continue
        unit = None
        for k in range(j, max(-1, j - 4), -1):
            um = _HEADER_UNIT.search(lines[k].text)
            if um:
                unit = um.group(1) or um.group(2)
                break
        for col, stated_fig in enumerate(total_row[1]):
            column = [r[col].value for r in rows]
            total_sum = sum(column, Decimal(0))
            if agrees(stated_fig.value, total_sum):
                continue
            findings.append(Finding(
                code="sum-mismatch",
                severity=Severity.ERROR,
                message=(
                    f"第{col + 2}列合计行为 {stated_fig.value}，上方 {len(rows)} 行之和为 "
                    f"{fmt(total_sum, places(stated_fig.value))}"
                    f" / total row {stated_fig.value}, the {len(rows)} rows above add up to "
                    f"{fmt(total_sum)}"
                ),
                stated=stated_fig.value,
                expected=Decimal(fmt(total_sum, places(stated_fig.value))),
                operands=tuple(reversed(column)),
                unit=unit,
                line=line.number,
                excerpt=line.text.strip(),
            ))
    return findings
