"""公文 typography (GB/T 9704-2012) and the fonts used for it, in one place.

Word/WPS documents name the official fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312,
宋体) so that a government PC prints them as required. PDFs and charts cannot embed those
(they are not free), so they use Debian's Noto CJK fonts as stand-ins, chosen by file path —
never by a fallback that might render empty boxes. `cjk_font_files()` fails loudly when
the fonts are missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.domain.text import normalise_text

__all__ = [
    "GONGWEN",
    "FontMissingError",
    "Gongwen",
    "cjk_font_dir",
    "cjk_font_files",
    "clean_text",
    "fandol_dir",
    "pdf_font_dirs",
    "pdf_fonts",
]


@dataclass(frozen=True, slots=True)
class Gongwen:
    """Page and type settings of GB/T 9704-2012 (sizes in pt, margins in mm).

    号 → pt: 2号 = 22, 3号 = 16, 4号 = 14, 5号 = 10.5.
    """

    margin_top_mm: Decimal = Decimal(37)
    margin_bottom_mm: Decimal = Decimal(35)
    margin_left_mm: Decimal = Decimal(28)
    margin_right_mm: Decimal = Decimal(26)
    title_pt: Decimal = Decimal(22)
    body_pt: Decimal = Decimal(16)
    page_number_pt: Decimal = Decimal(14)
    table_pt: Decimal = Decimal("10.5")
    lines_per_page: int = 22
    chars_per_line: int = 28
    # Font names written into .docx (Word/WPS resolve them on the reader's machine).
    title_font: str = "方正小标宋简体"
    body_font: str = "仿宋_GB2312"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    table_font: str = "仿宋_GB2312"
    latin_font: str = "Times New Roman"
    # Stand-ins embedded in PDFs and charts (Debian fonts-noto-cjk).
    pdf_serif: str = "Noto Serif CJK SC"
    pdf_sans: str = "Noto Sans CJK SC"

    @property
    def text_height_mm(self) -> Decimal:
        return Decimal(297) - self.margin_top_mm - self.margin_bottom_mm

    @property
    def text_width_mm(self) -> Decimal:
        return Decimal(210) - self.margin_left_mm - self.margin_right_mm

    @property
    def line_pitch_pt(self) -> Decimal:
        """Baseline-to-baseline distance giving exactly `lines_per_page` lines (≈ 28.95 pt)."""
        return self.text_height_mm * Decimal(72) / Decimal("25.4") / self.lines_per_page

    @property
    def char_pitch_pt(self) -> Decimal:
        """Character advance giving exactly `chars_per_line` characters (≈ 15.77 pt)."""
        return self.text_width_mm * Decimal(72) / Decimal("25.4") / self.chars_per_line


GONGWEN = Gongwen()


class FontMissingError(RuntimeError):
    """The CJK fonts needed for PDFs/charts are not installed."""


_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/local/share/fonts/noto"),
)
_FONT_FILES = (
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJK-Bold.ttc",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
)


def cjk_font_dir() -> Path:
    """The folder holding Noto Serif/Sans CJK (Debian: fonts-noto-cjk)."""
    for folder in _FONT_DIRS:
        if all((folder / name).is_file() for name in _FONT_FILES):
            return folder
    raise FontMissingError(
        "找不到 Noto CJK 字体（请安装 Debian 软件包 fonts-noto-cjk）/ "
        "Noto CJK fonts not found: apt-get install fonts-noto-cjk"
    )


_FANDOL_DIRS = (
    Path("/usr/local/share/fonts/fandol"),
    Path.home() / ".local" / "share" / "fonts" / "fandol",
    Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"),
)
_FANDOL_FILES = ("FandolSong-Regular.otf", "FandolSong-Bold.otf", "FandolFang-Regular.otf",
                 "FandolKai-Regular.otf", "FandolHei-Regular.otf")


def fandol_dir() -> Path | None:
    """The folder holding the Fandol fonts (宋/仿宋/楷/黑, installed by scripts/bootstrap.sh
    from Debian's texlive-lang-chinese), or None."""
    env = os.environ.get("JIXIAO_FANDOL_DIR")
    for folder in ((Path(env),) if env else ()) + _FANDOL_DIRS:
        if all((folder / name).is_file() for name in _FANDOL_FILES):
            return folder
    return None


def pdf_font_dirs() -> list[Path]:
    """Font folders handed to Typst: Fandol (if installed), then Noto CJK."""
    fandol = fandol_dir()
    return ([fandol] if fandol else []) + [cjk_font_dir()]


def pdf_fonts() -> dict[str, list[str]]:
    """Typst font lists by role, each ending in Noto CJK for any glyph Fandol lacks.

    title 方正小标宋简体 → FandolSong Bold; body/table 仿宋_GB2312 → FandolFang; kai
    楷体_GB2312 → FandolKai; hei 黑体 → FandolHei; song 宋体 (page numbers) → FandolSong.
    Without Fandol every role falls back to Noto Serif/Sans CJK SC.
    """
    serif, sans = [GONGWEN.pdf_serif], [GONGWEN.pdf_sans]
    if fandol_dir() is None:
        return {"title": serif, "body": serif, "table": serif, "kai": serif, "hei": sans,
                "song": serif, "serif": serif, "sans": sans}
    return {"title": ["FandolSong", *serif], "body": ["FandolFang R", *serif],
            "table": ["FandolFang R", *serif], "kai": ["FandolKai", *serif],
            "hei": ["FandolHei", *sans], "song": ["FandolSong", *serif],
            "serif": serif, "sans": sans}


def cjk_font_files() -> dict[str, Path]:
    """Font files by role: serif, serif_bold, sans, sans_bold."""
    folder = cjk_font_dir()
    roles = ("serif", "serif_bold", "sans", "sans_bold")
    return {role: folder / name for role, name in zip(roles, _FONT_FILES, strict=True)}


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x9FFF  # ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
    )


def clean_text(text: str) -> str:
    """Drop whitespace between two CJK characters (left by YAML line folding), keep the rest.

    Chinese never puts a space between characters, so "行政审批、 公共资源" is a line-fold
    artefact; "2,225,038.16 元" keeps its space. Line breaks between paragraphs are kept.
    """
    # XML (docx, xlsx) cannot hold C0 control characters; a JSON file can contain them.
    text = normalise_text(text)
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in " \t" and out and _is_cjk(out[-1]):
            j = i
            while j < n and text[j] in " \t":
                j += 1
            if j < n and _is_cjk(text[j]):
                i = j
                continue
        out.append(ch)
        i += 1
    return "".join(out)
