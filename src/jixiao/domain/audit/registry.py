"""The explicit registry of figure-audit detectors and the function that runs them.

Each detector is a small pure function ``AuditDocument -> list[Finding]``. Adding one
means writing the function, adding it here, and adding its code to
`jixiao.domain.findings.CODES`; nothing is discovered by magic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jixiao.domain.audit.chains import detect_chained_products
from jixiao.domain.audit.counts import detect_listed_counts
from jixiao.domain.audit.docked import detect_docked
from jixiao.domain.audit.due_paid import detect_full_payment, detect_paid_over_due
from jixiao.domain.audit.facts import AuditDocument
from jixiao.domain.audit.grades import detect_grades
from jixiao.domain.audit.indicators import detect_percent_labels, detect_prose_indicator_rates
from jixiao.domain.audit.outline import detect_outline_points
from jixiao.domain.audit.prose_tables import detect_prose_vs_tables
from jixiao.domain.audit.rates import detect_rate_columns, detect_stated_rates
from jixiao.domain.audit.rescore import detect_rescored
from jixiao.domain.audit.restated import detect_restated
from jixiao.domain.audit.shares import (
    detect_growth,
    detect_growth_amounts,
    detect_paid_unpaid,
    detect_share_table,
    detect_shares,
)
from jixiao.domain.audit.sums import (
    detect_adjusted,
    detect_bracketed_parts,
    detect_cell_per_line_sums,
    detect_column_sums,
    detect_differences,
    detect_dropped_counts,
    detect_enumerated_parts,
    detect_form_breakdowns,
    detect_parts_then_total,
    detect_row_totals,
    detect_source_parts,
    detect_source_rows,
)
from jixiao.domain.audit.table_funds import (
    detect_formula_rates,
    detect_funds_indicators,
    detect_funds_parts,
    detect_funds_rates,
)
from jixiao.domain.audit.table_scores import (
    detect_implied_weights,
    detect_row_scores,
    detect_table_total,
    detect_table_weights,
)
from jixiao.domain.audit.unit_price import (
    detect_percent_of,
    detect_price_table,
    detect_unit_price,
)
from jixiao.domain.audit.weights import detect_category_weights
from jixiao.domain.findings import Finding

__all__ = ["DETECTORS", "Detector", "audit_document"]


@dataclass(frozen=True, slots=True)
class Detector:
    """A named relation check and the finding codes it may emit."""

    name: str
    codes: tuple[str, ...]
    run: Callable[[AuditDocument], list[Finding]]


DETECTORS: tuple[Detector, ...] = (
    Detector("enumerated-parts", ("sum-mismatch", "unit-implausible"), detect_enumerated_parts),
    Detector("column-sums", ("sum-mismatch",), detect_column_sums),
    Detector("row-totals", ("sum-mismatch",), detect_row_totals),
    Detector("cell-per-line-sums", ("sum-mismatch",), detect_cell_per_line_sums),
    Detector("bracketed-parts", ("sum-mismatch",), detect_bracketed_parts),
    Detector("parts-then-total", ("sum-mismatch",), detect_parts_then_total),
    Detector("differences", ("sum-mismatch",), detect_differences),
    Detector("dropped-counts", ("sum-mismatch",), detect_dropped_counts),
    Detector("source-parts", ("sum-mismatch",), detect_source_parts),
    Detector("adjusted", ("sum-mismatch",), detect_adjusted),
    Detector("form-breakdowns", ("sum-mismatch",), detect_form_breakdowns),
    Detector("source-rows", ("sum-mismatch",), detect_source_rows),
    Detector("unit-price", ("product-mismatch",), detect_unit_price),
    Detector("chained-products", ("product-mismatch",), detect_chained_products),
    Detector("percent-of", ("product-mismatch",), detect_percent_of),
    Detector("price-table", ("product-mismatch",), detect_price_table),
    # (within a paragraph and across the report: `restated.detect_restated_across`)
    Detector("restated", ("restated-mismatch",), detect_restated),
    Detector("paid-over-due", ("overpayment", "underpayment"), detect_paid_over_due),
    Detector("full-payment", ("due-paid-mismatch", "rate-mismatch"), detect_full_payment),
    Detector("stated-rates", ("rate-mismatch",), detect_stated_rates),
    # before the score detectors: its error outranks their docked warning on the same row
    Detector("docked", ("score-docked-achieved",), detect_docked),
    Detector("implied-weights", ("score-above-weight", "score-rule-mismatch"),
             detect_implied_weights),
    Detector("grades", ("grade-mismatch", "restated-mismatch"), detect_grades),
    Detector("listed-counts", ("count-mismatch",), detect_listed_counts),
    Detector("percent-labels", ("unit-implausible",), detect_percent_labels),
    Detector("category-weights", ("restated-mismatch", "weights-sum-mismatch"),
             detect_category_weights),
    Detector("outline-points", ("weights-sum-mismatch", "score-above-weight"),
             detect_outline_points),
    Detector("shares", ("share-mismatch",), detect_shares),
    Detector("share-table", ("share-mismatch",), detect_share_table),
    Detector("growth", ("growth-mismatch",), detect_growth),
    Detector("growth-amounts", ("growth-mismatch",), detect_growth_amounts),
    Detector("paid-unpaid", ("paid-unpaid-mismatch",), detect_paid_unpaid),
    # over the recovered tables (rows × cells, any layout)
    Detector("table-row-scores", ("score-above-weight",), detect_row_scores),
    Detector("table-total", ("sum-mismatch", "grade-mismatch", "weights-sum-mismatch"), detect_table_total),
    Detector("table-weights", ("weights-sum-mismatch",), detect_table_weights),
    Detector("funds-table-rates", ("rate-mismatch",), detect_funds_rates),
    Detector("formula-rates", ("rate-mismatch",), detect_formula_rates),
    Detector("rate-columns", ("rate-mismatch",), detect_rate_columns),
    Detector("funds-table-parts", ("funds-parts-mismatch",), detect_funds_parts),
    Detector("funds-indicators", ("funds-indicator-mismatch",), detect_funds_indicators),
    Detector("rescored", ("score-rule-mismatch",), detect_rescored),
    Detector("prose-indicator-rates", ("funds-indicator-mismatch",), detect_prose_indicator_rates),
    Detector("prose-vs-tables", ("restated-mismatch", "sum-mismatch", "funds-indicator-mismatch"),
             detect_prose_vs_tables),
)


def audit_document(document: AuditDocument) -> tuple[Finding, ...]:
    """Run every registered detector; findings in line order, duplicates dropped."""
    found: list[Finding] = []
    seen: set[tuple[str, int | None, str | None, str | None]] = set()
    for detector in DETECTORS:
        for finding in detector.run(document):
            if document.origins and finding.line is not None:
                # (a piece of a run-together line: the finding names the file's line)
                finding = finding._replace(line=document.source_line(finding.line))
            key = (finding.code, finding.line, str(finding.stated), str(finding.expected))
            if key in seen:
                continue
            seen.add(key)
            found.append(finding)
    found.sort(key=lambda f: (f.line or 0, f.code))
    return tuple(found)
