"""`jixiao opendata OUTDIR`: write the open-data package of everything published
(CONTRACTS.md §7) from the configured database."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("opendata")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--base-url", default="", metavar="URL",
              help="网站地址（如 https://jx.example.gov.cn），用于 CSV 中的 PDF 链接；默认只写路径。")
def opendata(outdir: Path, base_url: str) -> None:
    """写出开放数据包（datapackage.json + reports.csv）到 OUTDIR。"""
    from jixiao.cli.serve import _setup_django

    _setup_django()
    from django.db import DatabaseError
    from django.urls import reverse

    from jixiao.services.opendata import opendata_write

    names = {"report": "public_report_pdf", "table": "public_table_pdf"}

    def url(kind: str, pk: int) -> str:
        return base_url.rstrip("/") + reverse(names[kind], args=[pk])

    try:
        paths = opendata_write(outdir, url)
    except DatabaseError as err:
        click.echo(f"jixiao opendata: 无法读取数据库 / cannot read the database: {err}", err=True)
        sys.exit(2)
    except OSError as err:
        click.echo(f"jixiao opendata: 无法写入 {outdir}: {err}", err=True)
        sys.exit(2)
    for path in paths:
        click.echo(str(path))
