"""运行监控 in the web application: enter a period, see the red/yellow/green warnings."""

from __future__ import annotations

import re

import pytest

from jixiao.persistence.models import Project

pytestmark = pytest.mark.django_db


def light(html: str) -> str:
    return re.search(r'id="project-light">([^<]*)<', html).group(1)


def test_enter_a_period_and_see_the_lights(as_persona, projects):
    unit1, project = as_persona("unit1"), projects["baoshan"]
    names = [ind["name"] for ind in project.document["indicators"]]
    data = {"as_of": "2022-07-31", "executed": "1,668,778.62", "expected_full_year": "2225038.16",
            "goal_progress": "1-7月按合同支付。", "name": names}
    response = unit1.post(f"/projects/{project.pk}/monitoring/save/", data, follow=True)
    html = response.content.decode()
    assert "监控数据已保存" in html
    assert light(html) == "绿灯"  # 73.14% executed against 58.33% time progress
    snapshot = Project.objects.get(pk=project.pk).document["monitoring"]["snapshots"][0]
    assert snapshot["as_of"] == "2022-07-31" and snapshot["executed"] == "1,668,778.62"

    # Much less spent, and one target judged 完全不可能 without a reason → red, reason demanded.
    data.update({"executed": "300000", "completion_0": "impossible", "causes_0": ["人员保障"]})
    html = unit1.post(f"/projects/{project.pk}/monitoring/save/", data, follow=True).content.decode()
    assert light(html) == "红灯"
    assert "deviation-reason-missing" in html and "execution-behind-schedule" in html
    assert '<td class="num">300,000.00</td>' in html  # 元 with separators, as in the scores
    assert len(Project.objects.get(pk=project.pk).document["monitoring"]["snapshots"]) == 1
    # reviewers see the same page
    assert light(as_persona("dept").get(f"/projects/{project.pk}/monitoring/?as_of=2022-07-31")
                 .content.decode()) == "红灯"


def test_invalid_period_is_refused(as_persona, projects):
    project = projects["baoshan"]
    html = as_persona("unit1").post(f"/projects/{project.pk}/monitoring/save/",
                                    {"as_of": "2031-01-01", "name": []}, follow=True).content.decode()
    assert "监控数据有误，未保存" in html
    assert "monitoring" not in Project.objects.get(pk=project.pk).document
