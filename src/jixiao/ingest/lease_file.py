"""Load a lease file (`format: jixiao.lease/1`, CONTRACTS.md §3) into a `Lease`.

YAML or JSON. Numbers may be YAML numbers or strings ("3,295.03"); shares are ``50%``,
``0.5`` or ``1/2``; stated figures may carry a unit (``24.7万元``). Every problem raises
`InputError` naming the file, line and field — including the domain's own checks (shares
not adding up to 100%, negative areas, unknown payers), whose field paths are looked up in
the line map. Documented in docs/funds.md and schemas/lease.schema.json.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from jixiao.domain.errors import InputError, shown
from jixiao.domain.lease import (
    AREA,
    Lease,
    Payment,
    Space,
    StatedFigure,
    parse_share,
    split_figure,
    validate_lease,
)
from jixiao.domain.money import NumberFormatError
from jixiao.ingest.fields import FieldReader
from jixiao.ingest.yamlsource import LineMap, load_document, read_text_file

__all__ = ["FORMAT", "load_lease", "parse_lease", "parse_lease_text"]

FORMAT = "jixiao.lease/1"
_TOP = {"format", "premises", "fiscal_year", "months", "prices", "stated_total_area",
        "spaces", "payments", "stated"}
_SPACE = {"name", "area", "use", "shares", "months"}
_STATED = {"payer", "item", "value", "source"}


def load_lease(path: str | Path) -> Lease:
    """Read, parse and validate a lease file; raises `InputError` naming file/line/field."""
    return parse_lease_text(read_text_file(path), str(path))


def parse_lease_text(text: str, source: str) -> Lease:
    data, lines = load_document(text, source)
    return parse_lease(data, source, lines)


def parse_lease(data: Any, source: str, lines: LineMap | None = None) -> Lease:
    """Validate already-parsed data into a `Lease` (the domain checks run too)."""
    r = FieldReader(source, lines)
    doc = r.mapping("", data, _TOP, {"format", "premises", "months", "prices", "spaces"})
    if doc["format"] != FORMAT:
        raise r.error("format", f"格式应为 {shown(FORMAT)}，实际是 {doc['format']!r} / unknown format")
    prices = r.mapping("prices", doc["prices"], set(_keys(doc["prices"])), set())
    stated_total = doc.get("stated_total_area")
    fiscal_year = doc.get("fiscal_year")
    lease = Lease(
        premises=r.text("premises", doc["premises"], required=True),
        months=r.number("months", doc["months"]),
        prices=tuple((str(fee), r.number(f"prices.{fee}", v, minimum=None))
                     for fee, v in prices.items()),
        spaces=tuple(_space(r, f"spaces[{i}]", v)
                     for i, v in enumerate(r.sequence("spaces", doc["spaces"]))),
        stated_total_area=None if stated_total is None
        else r.number("stated_total_area", stated_total),
        stated=tuple(_stated(r, f"stated[{i}]", v)
                     for i, v in enumerate(r.sequence("stated", doc.get("stated") or []))),
        payments=_payments(r, doc.get("payments")),
        fiscal_year=None if fiscal_year is None
        else r.integer("fiscal_year", fiscal_year, low=1990, high=2200),
    )
    try:
        validate_lease(lease)
    except InputError as err:
        raise r.error(err.field or "", err.message) from None
    return lease


def _keys(value: Any) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def _space(r: FieldReader, path: str, value: Any) -> Space:
    m = r.mapping(path, value, _SPACE, {"name", "area", "shares"})
    shares_map = r.mapping(f"{path}.shares", m["shares"], set(_keys(m["shares"])), set())
    shares: list[tuple[str, Fraction]] = []
    for payer, raw in shares_map.items():
        try:
            shares.append((str(payer), parse_share(raw)))
        except ValueError as err:
            raise r.error(f"{path}.shares.{payer}", str(err)) from None
    months = m.get("months")
    return Space(
        name=r.text(f"{path}.name", m["name"], required=True),
        # negative areas are refused by validate_lease with the space's name in the message
        area=r.number(f"{path}.area", m["area"], minimum=None),
        shares=tuple(shares),
        months=None if months is None else r.number(f"{path}.months", months, minimum=None),
        use=r.text(f"{path}.use", m.get("use")),
    )


def _stated(r: FieldReader, path: str, value: Any) -> StatedFigure:
    m = r.mapping(path, value, _STATED, {"item", "value"})
    item = r.text(f"{path}.item", m["item"], required=True)
    raw = m["value"]
    try:
        number, unit = split_figure(raw, "平方米" if item == AREA else "元")
    except NumberFormatError as err:
        raise r.error(f"{path}.value", str(err)) from None
    payer = r.text(f"{path}.payer", m.get("payer")) or None
    return StatedFigure(payer, item, number, unit, r.text(f"{path}.source", m.get("source")))


def _payments(r: FieldReader, value: Any) -> tuple[Payment, ...]:
    if value is None:
        return ()
    by_payer = r.mapping("payments", value, set(_keys(value)), set())
    out: list[Payment] = []
    for payer, fees in by_payer.items():
        path = f"payments.{payer}"
        m = r.mapping(path, fees, set(_keys(fees)), set())
        for fee, amount in m.items():
            number: Decimal = r.number(f"{path}.{fee}", amount, money=True)
            out.append(Payment(str(payer), str(fee), number))
    return tuple(out)
