"""Compile Typst templates to PDF (or PNG) in-process, with explicit CJK fonts.

Data goes into the template as one JSON string through ``sys.inputs`` and the template
displays it as strings, so user text is never parsed as Typst markup: ``#``, ``$``, ``*``,
``_``, ``@`` and ``<`` come out literally without any escaping. Fonts are Debian's Noto
CJK files, given by path; system fonts and Typst's embedded fonts are ignored so that a
missing glyph cannot silently fall back to an empty box.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

import typst

from jixiao.documents.style import pdf_font_dirs

__all__ = ["compile_typst", "template_source", "warm_up"]


@lru_cache(maxsize=1)
def _fonts() -> typst.Fonts:
    # Scanning the font folder once per process; every compile reuses it.
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(d) for d in pdf_font_dirs()],
    )


@lru_cache(maxsize=1)
def _compiler() -> typst.Compiler:
    return typst.Compiler(font_paths=_fonts(), ignore_system_fonts=True)


def warm_up() -> None:
    """Scan the fonts and build the compiler now (once per process), not on the first
    document; a tiny compile makes Typst load the font files it will use."""
    _compiler().compile(input="#set text(font: (\"FandolFang R\", \"Noto Serif CJK SC\"))\n绩效".encode(),
                        format="pdf", timestamp=0)


@lru_cache(maxsize=8)
def template_source(name: str) -> bytes:
    """A bundled template (``templates/<name>.typ``) prefixed with the shared ``common.typ``."""
    folder = resources.files("jixiao.documents") / "templates"
    common = (folder / "common.typ").read_text(encoding="utf-8")
    body = (folder / f"{name}.typ").read_text(encoding="utf-8")
    return (common + "\n" + body).encode("utf-8")


def _default(obj: object) -> object:
    if isinstance(obj, Decimal):
        return str(obj)  # exact; templates print the preformatted text fields
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def compile_typst(
    template: str, data: dict[str, Any], *, fmt: str = "pdf", ppi: float | None = None,
    extra_inputs: dict[str, str] | None = None,
) -> bytes | list[bytes]:
    """Compile template `template` with `data`; PDF bytes, or one PNG per page.

    A fixed timestamp keeps PDFs reproducible (no clock in the output).
    """
    inputs = {"data": json.dumps(data, ensure_ascii=False, default=_default)}
    inputs.update(extra_inputs or {})
    result = _compiler().compile(
        input=template_source(template), format=fmt,  # type: ignore[arg-type]
        ppi=ppi, sys_inputs=inputs,
        timestamp=0,
    )
    if result is None:  # pragma: no cover - only when an output path is given
        raise RuntimeError("typst returned nothing")
    return result
