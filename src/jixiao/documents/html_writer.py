"""The 自评报告 as one self-contained, printable HTML page.

No external URL of any kind (government intranets are closed): CSS is inline, charts are
SVG data URIs (glyphs drawn as paths, so no web font is needed), fonts are named, not
downloaded. Every piece of user text goes through `html.escape`.
"""

from __future__ import annotations

import base64
from html import escape

from jixiao.documents.cells import Grid
from jixiao.documents.report_model import Report
from jixiao.documents.style import GONGWEN

__all__ = ["grid_html", "report_html"]

_CSS = """
@page { size: A4; margin: %(top)smm %(right)smm %(bottom)smm %(left)smm;
  @bottom-center { content: "— " counter(page) " —"; font: %(pn)spt "宋体", "SimSun", serif; } }
html { background: #f3f3f3; }
body { margin: 0; font-family: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC",
  "Noto Serif SC", serif; font-size: %(body)spt; line-height: %(pitch)spt; color: #000; }
main { width: %(width)smm; margin: 2em auto; padding: %(top)smm %(right)smm %(bottom)smm %(left)smm;
  background: #fff; box-shadow: 0 0 4px #aaa; }
h1 { font-family: "方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC", serif; font-size: %(title)spt;
  line-height: 1.35; text-align: center; font-weight: normal; margin: 0 0 %(pitch)spt; }
h1 span { display: block; }
h2, h3, h4, p { font-size: %(body)spt; margin: 0; text-indent: 2em; text-align: justify; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "Noto Serif CJK SC", serif; font-weight: normal; }
h4 { font-weight: bold; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }  /* a heading never ends a page */
figure { margin: 0.5em 0; text-align: center; break-inside: avoid; }
figure img { width: 100%%; }
figcaption, .caption { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif;
  font-size: 12pt; line-height: 1.5; text-align: center; text-indent: 0; }
table { border-collapse: collapse; width: 100%%; font-size: %(table)spt; line-height: 1.35;
  margin: 0.3em 0 0.8em; }
td, th { border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }
th { font-weight: bold; }
td.left { text-align: left; } td.right { text-align: right; }
p.signature { text-align: right; padding-right: 4em; margin-top: %(pitch)spt; }
p.issue-date { text-align: right; padding-right: 4em; text-indent: 0; }
.draft-mark { position: fixed; top: 40%%; left: 0; right: 0; text-align: center;
  font-size: 120pt; color: rgba(200, 0, 0, 0.18); transform: rotate(-30deg); pointer-events: none; }
p.draft { color: #c00000; border: 1px solid #c00000; padding: 4pt; text-indent: 0; }
@media print { html { background: none; } main { margin: 0; padding: 0; box-shadow: none;
  width: auto; } }
"""


def _css() -> str:
    g = GONGWEN
    return _CSS % {
        "top": g.margin_top_mm, "right": g.margin_right_mm, "bottom": g.margin_bottom_mm,
        "left": g.margin_left_mm, "body": g.body_pt, "title": g.title_pt,
        "pitch": g.line_pitch_pt.quantize(g.body_pt.__class__("0.01")), "table": g.table_pt,
        "pn": g.page_number_pt, "width": 210 - g.margin_left_mm - g.margin_right_mm,
    }


def grid_html(grid: Grid) -> str:
    """A `Grid` as an HTML table with rowspan/colspan."""
    rows: list[list[str]] = [[] for _ in range(grid.rows)]
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        tag = "th" if c.kind == "label" else "td"
        attrs = ""
        if c.rowspan > 1:
            attrs += f' rowspan="{c.rowspan}"'
        if c.colspan > 1:
            attrs += f' colspan="{c.colspan}"'
        if c.align in ("left", "right") and tag == "td":
            attrs += f' class="{c.align}"'
        text = "<br>".join(escape(part) for part in c.text.split("\n"))
        rows[c.row].append(f"<{tag}{attrs}>{text}</{tag}>")
    total = sum(grid.columns)
    cols = "".join(f'<col style="width:{(w * 100 / total):.2f}%">' for w in grid.columns)
    head = "".join(f"<tr>{''.join(r)}</tr>" for r in rows[:grid.header_rows])
    body = "\n".join(f"<tr>{''.join(r)}</tr>" for r in rows[grid.header_rows:])
    thead = f"<thead>{head}</thead>" if head else ""  # repeated by browsers when printing
    return f"<table><colgroup>{cols}</colgroup>{thead}\n<tbody>{body}</tbody>\n</table>"


def report_html(report: Report) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    from jixiao.documents.charts import chart_svg

    title = "".join(f"<span>{escape(t)}</span>" for t in report.title)
    parts = []
    if report.draft:
        # An unfinished evaluation: a watermark on every printed page and a banner.
        parts.append('<div class="draft-mark" aria-hidden="true">草稿</div>')
        parts.append('<p class="draft">' + escape(
            "草稿：以下结果未填写，填写完整后方可报送——" + "；".join(report.draft)) + "</p>")
    parts.append(f"<h1>{title}</h1>")
    for b in report.blocks:
        text = escape(b.text)
        if b.kind == "heading":
            level = min(b.level + 1, 4)
            parts.append(f"<h{level}>{text}</h{level}>")
        elif b.kind == "para":
            parts.append(f"<p>{text}</p>")
        elif b.kind == "table" and b.grid is not None:
            parts.append(f'<div class="caption">{text}</div>')
            parts.append(grid_html(b.grid))
        elif b.kind == "chart" and b.chart is not None:
            data = base64.b64encode(chart_svg(b.chart).encode("utf-8")).decode("ascii")
            parts.append(f'<figure><img alt="{text}" src="data:image/svg+xml;base64,{data}">'
                         f"<figcaption>{text}</figcaption></figure>")
        elif b.kind == "signature":
            parts.append(f'<p class="signature">{text}</p>')
        elif b.kind == "date":
            parts.append(f'<p class="issue-date">{text}</p>')
    doc_title = escape("".join(report.title))
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{doc_title}</title>\n<style>{_css()}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
