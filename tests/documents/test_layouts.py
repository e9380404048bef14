"""Every layout file — bundled, or dropped into a folder named by $JIXIAO_LAYOUT_DIRS — is
discovered and tested: it renders in every format, its documents pass the figure audit
(round trip), and it fits A4. The real local layouts reproduce their published tables, and
the layout is chosen by the most specific configured region, else the national form."""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources

import pytest

from jixiao.documents import layout as layout_mod
from jixiao.documents.layout import get_layout, layout_names, select_layout
from jixiao.documents.render import render_table
from jixiao.documents.table_model import build_table
from jixiao.domain.scoring import score_evaluation

from .conftest import needs_poppler, pdf_pages

audit = pytest.importorskip("jixiao.services.figure_audit")

A4 = {(595, 842), (842, 595)}  # pt, rounded


def _page_sizes(path) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    import subprocess

    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return [(round(float(w)), round(float(h)))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


@needs_poppler
@pytest.mark.parametrize("name", layout_names())
def test_every_layout_renders_audits_clean_and_fits_a4(tmp_path, scored, name) -> None:
    paths = [render_table(scored, tmp_path / f"t{s}", name) for s in (".xlsx", ".docx", ".pdf")]
    for result in audit.audit_files(paths):
        assert [f.to_json() for f in result.findings] == [], (name, result.path)
    sizes = _page_sizes(paths[-1])
    assert sizes and set(sizes) <= A4, sizes
    # The 14-indicator example's form fits one page, 总分 included (notes may follow).
    pages = pdf_pages(paths[-1])
    assert any("总分" in ln.replace(" ", "") for ln in pages[0])


@pytest.fixture()
def dropped_layout(tmp_path, monkeypatch):
    """A city's layout dropped into a folder: the national form under a new id."""
    folder = tmp_path / "layouts"
    folder.mkdir()
    src = resources.files("jixiao.documents") / "layouts" / "national-2020.yaml"
    text = src.read_text(encoding="utf-8")
    text = text.replace("id: national-2020", "id: ceshi-city-2024")
    text = text.replace("regions: []", "regions: [测试省测试市]")
    (folder / "ceshi.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(layout_mod.LAYOUT_DIRS_ENV, str(folder))
    layout_mod._bundled.cache_clear()
    yield folder
    layout_mod._bundled.cache_clear()


def test_dropped_layout_is_discovered_and_chosen(dropped_layout, tmp_path, evaluation) -> None:
    assert "ceshi-city-2024" in layout_names()
    assert select_layout("national-2020", "测试省测试市某县", 2024).id == "ceshi-city-2024"
    scored = score_evaluation(replace(evaluation, project=replace(
        evaluation.project, region="测试省测试市某县")))
    [result] = audit.audit_files([render_table(scored, tmp_path / "t.docx")])
    assert result.findings == ()


def test_broken_dropped_layout_names_its_file(tmp_path, monkeypatch) -> None:
    from jixiao.domain.errors import InputError

    (tmp_path / "bad.yaml").write_text("id: bad\ncolumns: [1, 2]\n", encoding="utf-8")
    monkeypatch.setenv(layout_mod.LAYOUT_DIRS_ENV, str(tmp_path))
    layout_mod._bundled.cache_clear()
    try:
        with pytest.raises(InputError, match=r"bad\.yaml"):
            layout_names()
    finally:
        monkeypatch.delenv(layout_mod.LAYOUT_DIRS_ENV)
        layout_mod._bundled.cache_clear()


@pytest.mark.parametrize(("region", "expected"), [
    ("云南省保山市", "yunnan-2020"),
    ("云南省临沧市永德县", "yunnan-yongde-2022"),
    ("云南省临沧市临翔区", "national-2020"),  # publishes the national form (corpus 040)
    ("云南省", "national-2020"),              # "云南" alone is no safe guess
    ("安徽省池州市贵池区", "anhui-chizhou-2022"),
    ("四川省德阳市中江县", "sichuan-zhongjiang-2022"),
    ("", "national-2020"),
])
def test_layout_chosen_by_most_specific_region(region, expected) -> None:
    assert select_layout("national-2020", region, 2022).id == expected


def _texts(scored, name) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return build_table(scored, get_layout(name)).text_rows()


def test_yongde_reproduces_gongkai_14(scored) -> None:
    grid = build_table(scored, get_layout("yunnan-yongde-2022"))
    assert grid.table_number == "公开14表" and grid.top_line == "部门：保山市政务服务管理局"
    assert grid.title == "2022年度项目支出绩效自评表"
    rows = grid.text_rows()
    head = next(i for i, r in enumerate(rows) if "年度指标值" in r)
    assert rows[head + 1][4:7] == ["指标性质", "指标值", "度量单位"]  # two-level header
    assert grid.repeat_rows == 2
    last = rows[-1]
    assert last[0] == "其他需要说明事项" and "总分" in last and last[-1] == "优"
    assert "≧" in [r[4] for r in rows]


def test_other_layouts_reproduce_their_tables(scored) -> None:
    anhui = _texts(scored, "anhui-chizhou-2022")
    assert any(r[1] == "产出指标\n（50分）" for r in anhui)
    assert any(r[1] == "其中：本年财政拨款" for r in anhui)
    zj = build_table(scored, get_layout("sichuan-zhongjiang-2022"))
    rows = zj.text_rows()
    assert zj.title == "绩效目标自评表"
    assert rows[1][0] == "项目负责人及电话"
    assert "全年预算数（A）" in rows[3] and "执行率（B/A）" in rows[3]
    assert all("年初预算数" not in r for r in rows)
    assert rows[-1][0] == "总分" and "等级" not in "".join(rows[-1])


def test_no_table_number_by_default(scored) -> None:
    for name in layout_names():
        if name != "yunnan-yongde-2022":
            assert build_table(scored, get_layout(name)).table_number == "", name


def test_bundled_folder_is_what_is_listed() -> None:
    folder = resources.files("jixiao.documents") / "layouts"
    files = [e.name for e in folder.iterdir() if e.name.endswith(".yaml")]
    assert len(files) == len(layout_names()) >= 5
