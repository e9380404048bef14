"""Business rules that used to sit in views (issue 11 deliverable 11) now live in services:
the upload policy of evaluation files and the organisation tree, the weight rule of a
target declaration, the publish rule and who approves targets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.persistence.models import Project, User
from jixiao.services import evaluations, organisations, public, target_changes, targets
from jixiao.services.errors import Invalid

pytestmark = pytest.mark.django_db


def test_upload_policy_of_evaluation_files():
    assert evaluations.upload_text(None) == ("", "")
    assert evaluations.upload_text("\ufeff名称: 甲".encode()) == ("名称: 甲", "")
    assert evaluations.upload_text(b"\xff\xfe") == ("", "文件不是 UTF-8 文本")
    big = b"a" * (evaluations.MAX_IMPORT_BYTES + 1)
    assert evaluations.upload_text(big) == ("", "文件超过 2 MB")
    assert evaluations.upload_text(big[:-1])[1] == ""


def test_organisation_upload_policy_names_the_file(users):
    for data in (None, b"", b"x" * (organisations.MAX_IMPORT_BYTES + 1)):
        with pytest.raises(Invalid) as err:
            organisations.organisation_import(actor=users["finance"], data=data)
        assert err.value.errors[0]["field"] == "file" and "5 MB" in err.value.errors[0]["message"]


def test_weight_rule():
    lines, total, expected = targets.weight_check(
        {"indicators": [{"category": "产出指标", "weight": "50"},
                        {"category": "效益指标", "weight": "30"},
                        {"category": "满意度指标", "weight": "10"}]})
    assert total == Decimal(90) and targets.weights_ok(lines, total, expected)
    lines, total, expected = targets.weight_check(
        {"indicators": [{"category": "产出指标", "weight": "45"},
                        {"category": "效益指标", "weight": "35"},
                        {"category": "满意度指标", "weight": "10"}]})
    assert total == expected and not targets.weights_ok(lines, total, expected)


def test_publish_and_approval_rules(users, projects):
    finance, dept = users["finance"], users["dept"]
    assert public.may_publish(finance, projects["ca"])
    assert not public.may_publish(finance, projects["hall"])  # submitted, not accepted
    assert not public.may_publish(dept, projects["ca"])
    assert target_changes.may_approve_targets(dept, locked=False, declared=True)
    assert not target_changes.may_approve_targets(dept, locked=True, declared=True)
    assert not target_changes.may_approve_targets(dept, locked=False, declared=False)
    assert not target_changes.may_approve_targets(users["unit1"], locked=False, declared=True)
    assert target_changes.may_decide_change(dept) and not target_changes.may_decide_change(finance)
    assert projects["ca"].state == Project.State.ACCEPTED and finance.role == User.Role.FINANCE
