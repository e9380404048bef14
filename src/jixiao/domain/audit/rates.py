"""Detector: a rate stated beside its numerator and denominator in prose.

``受理有效诉求72728件，在线答复53467件，在线答复率73.52%`` — the rate's name
(在线答复率) names its numerator (在线答复 53467件); the denominator is another figure of
the same unit in the same clause. The rate is checked only when exactly one figure
carries the numerator's name, and it is reported only when exactly one denominator is
possible and it does not give the rate (at the rate's printed precision, rounded or cut).
Anything less certain — 接通率 beside 接听来电, 办结率 with no 办结 count — is left alone.

Execution rates (预算执行率, 资金执行率) are named differently: the numerator is the one
执行数/支出 figure and the denominator the one 预算数/下达资金 figure of the sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.audit.facts import (
    AuditDocument,
    AuditLine,
    Figure,
    dimension,
    excerpt,
    in_unit,
    ratio_agrees,
    sentences,
)
from jixiao.domain.findings import Finding, Severity
from jixiao.domain.money import round_half_up

__all__ = ["detect_stated_rates"]

_DELIMITER = re.compile(r"[,，。；;:：、|()（）\s]")
_RATE_LABEL = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,10})率(?:为|达|达到|是)?$")


# A "sentence" this long is no prose (a flattened table, punctuation lost): its rates are
# not read. Pairing every rate with every figure of it would also be quadratic.
_MAX_SPAN = 2000
_MAX_LABEL = 40  # the label patterns below only look at its last characters


def _label(text: str, fig: Figure, start: int) -> str:
    pos = fig.start
    start = max(start, fig.start - _MAX_LABEL)
    while pos > start and not _DELIMITER.match(text[pos - 1]):
        pos -= 1
    return text[pos:fig.start]


def _names(label: str, stem: str) -> bool:
    """Whether a figure labelled `label` is the numerator of the rate named `stem`率."""
    return label.endswith(stem) or (len(label) >= 2 and stem.endswith(label))


def _clause_findings(line: AuditLine, start: int, end: int) -> list[Finding]:
    figures = line.figures_between(start, end)
    findings: list[Finding] = []
    for rate in figures:
        if rate.unit != "%" or not rate.exact:
            continue
        m = _RATE_LABEL.search(_label(line.text, rate, start))
        if not m:
            continue
        stem = m.group("stem")
        if stem.endswith("执行"):
            continue  # execution rates name their operands differently: see _execution
        counts = [f for f in figures if f is not rate and f.exact and f.unit not in ("%", "‰", "")
                  and "/" not in f.unit]
        numerators = [f for f in counts if f.start < rate.start
                      and _names(_label(line.text, f, start), stem)]
        if len(numerators) != 1:
            continue
        num = numerators[0]
        dim = dimension(num.unit)
        denominators = [f for f in counts if f is not num and dimension(f.unit) == dim
                        and f.value >= num.value > 0]
        if not denominators:
            continue
        if any(ratio_agrees(rate.value, num.value, d.value,
                            Decimal(100) * dimension(num.unit)[1] / dimension(d.unit)[1])
               for d in denominators):
            continue
        if len(denominators) != 1:
            continue
        den = denominators[0]
        implied = num.value / den.value * 100
        findings.append(Finding(
            code="rate-mismatch", severity=Severity.ERROR,
            message=(f"所述{stem}率 {rate.raw}，{num.raw} ÷ {den.raw} = "
                     f"{round_half_up(implied, 2)}% / stated rate {rate.raw}, "
                     f"{num.value} ÷ {den.value} = {round_half_up(implied, 2)}%"),
            stated=rate.value, expected=round_half_up(implied, max(2, -_exp(rate.value))),
            operands=(num.value, den.value), unit="%", line=line.number,
            excerpt=excerpt(line.text, min(den.start, num.start), rate.end, 10)))
    return findings


_EXECUTED = re.compile(r"(?:执行数|执行|支出数|支出|使用资金|使用|拨付)$")
_NOT_SPENT = re.compile(r"未|结余|剩余|结转")
_BUDGET = re.compile(r"(?:预算数|预算|预算资金|下达资金|安排资金|到位资金|资金总额)$")


def _execution(line: AuditLine, start: int, end: int) -> list[Finding]:
    """预算执行率 against the one 执行数/支出 and the one 预算数/下达资金 of the sentence."""
    figures = line.figures_between(start, end)
    money = [f for f in figures if f.exact and dimension(f.unit)[0] == "money"]
    findings: list[Finding] = []
    for rate in figures:
        if rate.unit != "%" or not rate.exact:
            continue
        m = _RATE_LABEL.search(_label(line.text, rate, start))
        if not m or not m.group("stem").endswith("执行"):
            continue
        executed = {in_unit(f, "元"): f for f in money if f.start < rate.start
                    and _EXECUTED.search(_label(line.text, f, start))
                    and not _NOT_SPENT.search(_label(line.text, f, start))}
        budget = {in_unit(f, "元"): f for f in money if _BUDGET.search(_label(line.text, f, start))}
        if len(executed) != 1 or len(budget) != 1:
            continue
        (num_yuan, num), (den_yuan, den) = next(iter(executed.items())), next(iter(budget.items()))
        if num_yuan is None or den_yuan is None or den_yuan <= 0:
            continue
        implied = num_yuan / den_yuan * 100
        scale = Decimal(100) * dimension(num.unit)[1] / dimension(den.unit)[1]
        if ratio_agrees(rate.value, num.value, den.value, scale):
            continue
        findings.append(Finding(
            code="rate-mismatch", severity=Severity.ERROR,
            message=(f"所述执行率 {rate.raw}，{num.raw} ÷ {den.raw} = {round_half_up(implied, 2)}%"
                     f" / stated rate {rate.raw}, executed ÷ budget = {round_half_up(implied, 2)}%"),
            stated=rate.value, expected=round_half_up(implied, max(2, -_exp(rate.value))),
            operands=(num.value, den.value), unit="%", line=line.number,
            excerpt=excerpt(line.text, min(den.start, num.start), rate.end, 10)))
    return findings


def _exp(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def detect_stated_rates(doc: AuditDocument) -> list[Finding]:
    """Rates whose own numerator and denominator, stated beside them, give another value."""
    findings: list[Finding] = []
    for line in doc.lines:
        if "率" not in line.text:
            continue
        for start, end in sentences(line.text, clauses=True):
            if end - start <= _MAX_SPAN:
                findings.extend(_clause_findings(line, start, end))
        for start, end in sentences(line.text):
            if end - start <= _MAX_SPAN:
                findings.extend(_execution(line, start, end))
    return findings
