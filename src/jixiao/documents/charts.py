"""Charts for the 自评报告 with matplotlib (Agg backend, explicit CJK font file).

Two charts: each indicator's completion as it was scored (得分 ÷ 分值; full marks is the
100% line, bars coloured achieved / not), and points scored against points available per
一级 category.
Bars are drawn from the Decimals converted to float — that is pixel geometry only; every
number printed on a chart is the formatted Decimal text. Charts are cached per process
because the docx, PDF and HTML of one report share them.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from jixiao.documents.report_model import ChartSpec
from jixiao.documents.style import FontMissingError

__all__ = ["chart_font_file", "chart_png", "chart_svg"]

_ACHIEVED = "#3a6ea5"
_SHORT = "#e07b24"

_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@lru_cache(maxsize=1)
def chart_font_file() -> str:
    """A CJK font file matplotlib can use (WenQuanYi Micro Hei: Chinese glyph forms)."""
    from pathlib import Path

    for name in _FONT_FILES:
        if Path(name).is_file():
            return name
    raise FontMissingError(
        "找不到图表用的中文字体（请安装 fonts-wqy-microhei 或 fonts-noto-cjk）/ "
        "no CJK font for charts"
    )


@lru_cache(maxsize=1)
def _mpl() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    path = chart_font_file()
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    matplotlib.rcParams.update({
        "font.family": [name],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",  # glyphs as outlines: the SVG needs no font on the reader's side
        "svg.hashsalt": "jixiao",  # stable ids, reproducible files
    })
    return Figure, font_manager


def _figure(spec: ChartSpec) -> Any:
    figure_cls, _ = _mpl()
    if spec.kind == "targets":
        rows = spec.rows
        # Tall enough for each bar, but never taller than a page holds (60 indicators).
        height = min(1.0 + 0.3 * len(rows), 8.0)
        per_row_pt = (height - 1.0) / len(rows) * 72
        label_pt = min(8.0, per_row_pt * 0.8)
        fig = figure_cls(figsize=(7.2, height))
        ax = fig.add_subplot()
        labels = [r[0] for r in rows]
        values = [float(r[3]) for r in rows]  # bar length only; labels print the Decimal text
        ys = list(range(len(rows)))[::-1]
        colours = [_ACHIEVED if r[4] else _SHORT for r in rows]
        ax.barh(ys, values, color=colours, height=0.6)
        ax.axvline(100, color="#b22222", linewidth=1)
        for y, r, v in zip(ys, rows, values, strict=True):
            # Only the rate: the values themselves are in 表1 just above the chart, and
            # every label costs matplotlib text layout time.
            ax.text(max(v, 100.0) + 1.5, y, f"{r[3]}%", va="center", fontsize=min(7.5, label_pt))
        ax.set_yticks(ys, labels, fontsize=label_pt)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlim(0, 125)
        ax.set_xlabel("完成度 = 得分 ÷ 分值（%），红线为满分；蓝色已完成，橙色未完全完成", fontsize=8)
        # Fixed margins instead of tight_layout(), which draws the whole figure once more.
        longest = max(len(label) for label in labels)
        fig.subplots_adjust(left=min(0.05 + longest * label_pt / 72 / 7.2, 0.45), right=0.98,
                            top=1 - 0.12 / height, bottom=0.55 / height)
    else:
        rows = spec.rows
        fig = figure_cls(figsize=(7.2, 3.2))
        ax = fig.add_subplot()
        xs = list(range(len(rows)))
        ax.bar([x - 0.2 for x in xs], [float(r[1]) for r in rows], width=0.4,
               color="#c9d6e8", label="分值")
        ax.bar([x + 0.2 for x in xs], [float(r[2]) for r in rows], width=0.4,
               color="#3a6ea5", label="得分")
        for x, r in zip(xs, rows, strict=True):
            ax.text(x + 0.2, float(r[2]) + 0.8, f"{r[2]}", ha="center", fontsize=8)
        ax.set_xticks(xs, [r[0] for r in rows], fontsize=9)
        ax.set_ylabel("分", fontsize=9)
        ax.set_ylim(0, max(float(r[1]) for r in rows) * 1.2)
        ax.legend(fontsize=8, frameon=False)
        fig.subplots_adjust(left=0.08, right=0.98, top=0.95, bottom=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


@lru_cache(maxsize=32)
def chart_png(spec: ChartSpec, dpi: int = 110) -> bytes:
    """The chart as PNG bytes (for .docx)."""
    buf = io.BytesIO()
    # Fast zlib level: the default level spends more time than drawing small charts.
    _figure(spec).savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


@lru_cache(maxsize=32)
def chart_svg(spec: ChartSpec) -> str:
    """The chart as SVG text with glyphs as paths (for PDF via Typst, and HTML)."""
    buf = io.StringIO()
    _figure(spec).savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
