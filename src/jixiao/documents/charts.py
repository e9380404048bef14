"""Charts for the 自评报告, drawn directly as SVG (no plotting library).

Two charts: each indicator's completion against its target with the scoring bands
(sorted, worst first; split over several charts when there are many indicators), and
points scored against points available per 一级 category. Bars are drawn from the
Decimals converted to float — pixel geometry only; every number printed on a chart is the
formatted Decimal text. The SVG names the CJK fonts jixiao embeds in PDFs (Noto Sans CJK
SC); Typst lays out its text with those fonts for the PDF and rasterises it to PNG for
the .docx; browsers fall back to the reader's Chinese sans-serif font for the HTML page.

matplotlib did this before (about 160 MB of dependencies, 0.15–0.4 s per report);
see docs/documents.md for the measurements that decided the change.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from html import escape

from jixiao.documents.report_model import ChartSpec

__all__ = ["COLOURS", "chart_png", "chart_svg"]

#: Bar colours by state (also the legend).
COLOURS = {
    "achieved": "#3a6ea5",   # 完成 (full marks / 达成年度指标)
    "short": "#e07b24",      # 未完全完成
    "over": "#7b3fa0",       # 超额完成 ≥ 130 %: to be explained
    "missing": "#9a9a9a",    # 未填写
}
_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'SimHei', sans-serif"
_W = 680          # SVG user units (px); scaled to the text width by every writer
_ROW = 20         # one indicator row
_LABEL = 11       # label font size
_CAP = Decimal(150)  # bars longer than 150 % are cut, their value printed


def _width(text: str, size: float) -> float:
    """Approximate advance of `text` at `size` px (CJK full width, Latin half)."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)


def _fit(text: str, size: float, room: float) -> str:
    """`text`, shortened with "…" to fit `room` px."""
    if _width(text, size) <= room:
        return text
    while text and _width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _text(x: float, y: float, text: str, size: float = _LABEL, anchor: str = "start",
          fill: str = "#000", weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{escape(text)}</text>')


def _svg(width: float, height: float, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_FONT}">'
            f'<rect width="100%" height="100%" fill="#fff"/>' + "".join(body) + "</svg>")


def _targets(spec: ChartSpec) -> str:
    rows = spec.rows
    label_w = 210.0
    left, right = label_w + 8, _W - 70
    span = right - left
    top = 34
    height = top + len(rows) * _ROW + 30

    def x(percent: Decimal) -> float:
        return left + float(min(percent, _CAP) / _CAP) * span

    body: list[str] = []
    # Bands of the rule: below 60 % / 60–80 % / 80–100 % / 100–130 % / 130 % and over.
    for lo, hi, shade in ((0, 60, "#fbeaea"), (60, 80, "#fdf3e6"), (80, 100, "#fbfbe8"),
                          (100, 130, "#edf5ec"), (130, 150, "#f2ebf6")):
        body.append(f'<rect x="{x(Decimal(lo)):.1f}" y="{top - 4}" '
                    f'width="{x(Decimal(hi)) - x(Decimal(lo)):.1f}" '
                    f'height="{len(rows) * _ROW + 4}" fill="{shade}"/>')
    for mark in (60, 80, 100, 130):
        xm = x(Decimal(mark))
        colour, dash = ("#b22222", "") if mark == 100 else ("#888", ' stroke-dasharray="3,3"')
        body.append(f'<line x1="{xm:.1f}" y1="{top - 4}" x2="{xm:.1f}" '
                    f'y2="{top + len(rows) * _ROW}" stroke="{colour}" stroke-width="1"{dash}/>')
        body.append(_text(xm, top - 8, f"{mark}%", 9, "middle", "#444"))
    for i, (name, _target, _actual, percent, achieved, missing, over) in enumerate(rows):
        y = top + i * _ROW
        state = "missing" if missing else "over" if over else "achieved" if achieved else "short"
        body.append(_text(label_w, y + 14, _fit(name, _LABEL, label_w - 4), anchor="end"))
        if missing:
            body.append(_text(left + 4, y + 14, "未填写", _LABEL, fill=COLOURS["missing"]))
            continue
        end = x(percent)
        body.append(f'<rect x="{left:.1f}" y="{y + 4}" width="{max(end - left, 1):.1f}" '
                    f'height="{_ROW - 8}" fill="{COLOURS[state]}"/>')
        label = f"{percent}%" + ("▶" if percent > _CAP else "")
        body.append(_text(end + 4, y + 14, label, 10))
    # Legend.
    ly = height - 10
    lx = left
    for state, words in (("achieved", "完成"), ("short", "未完全完成"), ("over", "超额≥130%须说明"),
                         ("missing", "未填写")):
        body.append(f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" '
                    f'fill="{COLOURS[state]}"/>')
        body.append(_text(lx + 14, ly, words, 10))
        lx += 24 + _width(words, 10)
    body.append(_text(8, 14, "实际完成值 ÷ 年度指标值（“≤”类为 指标值 ÷ 实际值；定性指标为 得分 ÷ 分值），"
                      "按完成度排序", 10, fill="#444"))
    return _svg(_W, height, body)


def _categories(spec: ChartSpec) -> str:
    rows = spec.rows
    height = 230
    left, bottom, top = 40, height - 40, 20
    span = bottom - top
    top_value = max((Decimal(r[1]) for r in rows), default=Decimal(1)) * Decimal("1.15")
    step = (_W - left - 10) / max(len(rows), 1)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{_W - 10}" y2="{bottom}" stroke="#000"/>']

    def h(v: Decimal) -> float:
        return float(v / top_value) * span if top_value else 0.0

    for i, (name, weight, score) in enumerate(rows):
        cx = left + step * (i + 0.5)
        for dx, value, colour in ((-22, weight, "#c9d6e8"), (2, score, "#3a6ea5")):
            body.append(f'<rect x="{cx + dx:.1f}" y="{bottom - h(value):.1f}" width="20" '
                        f'height="{h(value):.1f}" fill="{colour}"/>')
        body.append(_text(cx + 12, bottom - h(score) - 4, f"{score}", 10, "middle"))
        body.append(_text(cx - 12, bottom - h(weight) - 4, f"{weight}", 9, "middle", "#555"))
        body.append(_text(cx, bottom + 16, name, _LABEL, "middle"))
    for lx, colour, words in ((left, "#c9d6e8", "分值"), (left + 60, "#3a6ea5", "得分")):
        body.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(lx + 14, height - 5, words, 10))
    return _svg(_W, height, body)


@lru_cache(maxsize=64)
def chart_svg(spec: ChartSpec) -> str:
    """The chart as SVG text (for PDF via Typst, and HTML)."""
    return _targets(spec) if spec.kind == "targets" else _categories(spec)


@lru_cache(maxsize=32)
def chart_png(spec: ChartSpec, ppi: int = 150) -> bytes:
    """The chart as PNG bytes (for .docx), rasterised by Typst with the embedded fonts."""
    from jixiao.documents.typst_engine import compile_typst

    out = compile_typst("chart", {}, fmt="png", ppi=ppi, extra_inputs={"svg": chart_svg(spec)})
    return out[0] if isinstance(out, list) else out
