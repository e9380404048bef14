"""Small template filters for the evaluation pages."""

from __future__ import annotations

import re
from typing import Any

from django import template

from jixiao.domain.indicators import Operator, QualitativeGrade
from jixiao.domain.lease import FEE_LABELS
from jixiao.domain.money import D, format_yuan

register = template.Library()

_ACTIONS = {"submit": "提交", "approve": "审核通过", "return": "退回（主管部门）",
            "accept": "受理", "finance_return": "退回（财政）"}


@register.filter
def get(mapping: Any, key: str) -> Any:
    """`{{ d|get:key }}`: a dict item, or None."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def slug(path: str) -> str:
    """A form field path as an HTML id fragment: ``indicators.0.actual`` → ``indicators-0-actual``."""
    return re.sub(r"[^a-z0-9]+", "-", str(path).lower()).strip("-")


@register.filter
def operator_symbol(value: str) -> str:
    try:
        return Operator.parse(str(value)).symbol
    except ValueError:
        return str(value)


@register.filter
def grade_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return QualitativeGrade.parse(str(value)).label
    except ValueError:
        return str(value)


@register.filter
def action_label(value: str) -> str:
    return _ACTIONS.get(value, value)


@register.filter
def yuan(value: Any) -> str:
    """`{{ amount|yuan }}`: 元 with thousands separators and two decimals ("2,034,501.60");
    anything that is not an amount is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        return format_yuan(D(str(value)))
    except (ValueError, ArithmeticError, TypeError):
        return str(value)


@register.filter
def fee_label(value: str) -> str:
    """`rent` → 租金 (the lease file's fee keys in Chinese)."""
    return FEE_LABELS.get(str(value), str(value))


@register.simple_tag
def sort_th(listing: Any, key: str, label: str) -> str:
    """A sortable column header of a server-side list (`web.listing.ListPage`): a link to
    this column's ascending order, or to the reverse when it is already sorted by it; the
    current order shows ▲/▼."""
    from django.utils.html import format_html

    current = getattr(listing, "sort", "")
    ascending = current == key
    target = "-" + key if ascending else key
    arrow = "▲" if ascending else "▼" if current == "-" + key else ""
    base = getattr(listing, "base", "")
    href = f"?{base}&sort={target}" if base else f"?sort={target}"
    sort_state = ("ascending" if ascending else "descending" if arrow else "none")
    return format_html('<th aria-sort="{}"><a href="{}">{}</a>{}</th>', sort_state, href, label,
                       arrow)
