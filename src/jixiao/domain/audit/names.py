"""The names a report gives its project, and labels with the name cut from their start.

Shared by the readings that compare what the prose restates (`restated`, `prose_tables`): the
prose names the project's funds with its name in front as often as with 该项目/本项目.
"""

from __future__ import annotations

import re

from jixiao.domain.audit.facts import AuditDocument

__all__ = ["project_names", "without_project"]

_DIGIT = re.compile(r"\d")

# The project's name as the genre prints it: in quotes in the title or the opening lines
# (淮北市文化旅游体育局2025年“农村文化建设配套补助经费”项目资金投入情况, round 3 472; “…”项目 of
# 183, 463), in the form's 项目名称 field (on its line or the next, one cell per line) and in the
# title before 项目…绩效自评/评价 (2022年道路维修项目绩效自评报告). The prose then names the
# project's funds with the name in front (农村文化建设配套补助经费预算安排5万元) as often as
# with 该项目/本项目 (该项目年度预算5万元): cut, the name leaves the role (预算安排).
_QUOTED_NAME = re.compile(r"[“\"「]([^“”\"「」]{4,40})[”\"」]")
_NAME_FIELD = re.compile(r"项目名称\s*[：:|｜]?\s*\|?\s*(?P<name>[^\s|｜：:，,。；;]{0,40})")
_TITLE_NAME = re.compile(r"(?:^|[：:\s]|\d{4}\s*年度?)(?P<name>[\u4e00-\u9fff]{4,40}?)"
                         r"项目(?:支出)?(?:绩效|资金)")
_OPENING = 12  # the lines a title and its opening paragraph take
_TITLE_LINE = re.compile(r"绩效|报告|情况|评价|自评")
_TITLE_LENGTH = 80
_PUNCTUATION = re.compile(r"[，,。；;]")


def project_names(doc: AuditDocument) -> tuple[str, ...]:
    """The names the report gives its project (see above), longest first, without 项目."""
    found: set[str] = set()
    lines = doc.lines
    for k, line in enumerate(lines):
        text = line.text
        if k < _OPENING:
            if "“" in text or '"' in text or "「" in text:
                found.update(m.group(1) for m in _QUOTED_NAME.finditer(text))
            if len(text) <= _TITLE_LENGTH and "项目" in text and _TITLE_LINE.search(text) \
                    and not _PUNCTUATION.search(text):
                # (a title: short, no sentence in it — "本年度安排项目资金130万元。" is prose)
                found.update(m.group("name").removeprefix("关于") for m in _TITLE_NAME.finditer(text))
        if "项目名称" not in text:
            continue
        m = _NAME_FIELD.search(text)
        name = m.group("name") if m else ""
        if not name:  # (one cell per line: the name in the next line that holds words)
            name = next((t for ln in lines[k + 1:k + 3]
                         if (t := ln.text.strip(" |｜\t")) and "|" not in t), "")
        found.add(name)
    names = {n[:-2] if n.endswith("项目") else n for n in found}
    return tuple(sorted((n for n in names if 4 <= len(n) <= 40 and not _DIGIT.search(n)),
                        key=len, reverse=True))


def without_project(label: str, names: tuple[str, ...]) -> str:
    """The label with the project's name cut from its start (农村文化建设配套补助经费预算安排 →
    预算安排; 道路维修项目预算资金 → 预算资金), 项目 kept where what is left needs it (项目资金)."""
    for name in names:
        if label.startswith(name) and len(label) > len(name):
            rest = label[len(name):]
            if rest.startswith("项目"):
                rest = rest[2:] if len(rest) >= 5 else rest
            return rest
    return label
