"""The large demo region's publications carry the listing columns (project, unit,
department, year, acceptance), so the portal and 公开管理 find them by year and unit."""

from __future__ import annotations

import pytest

from jixiao.persistence.models import PublishedReport
from jixiao.services.demo_region import demo_region

pytestmark = pytest.mark.django_db


def test_demo_region_publications_can_be_searched_by_year_and_unit(as_persona):
    before = set(PublishedReport.objects.values_list("pk", flat=True))
    demo_region(projects=300)
    made = PublishedReport.objects.exclude(pk__in=before)
    assert made.exists()
    assert not made.filter(fiscal_year__isnull=True).exists()
    assert not made.filter(unit_name="").exists() and not made.filter(project_name="").exists()
    one = made.first()
    assert one.title.count("项目支出绩效自评报告") == 1 and "项目项目" not in one.title
    page = as_persona("finance").get("/disclosure/", {"year": one.fiscal_year,
                                                      "q": one.project_name}).content.decode()
    assert one.index_number in page
