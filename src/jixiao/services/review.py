"""抽查 (spot checks), 复核 (re-scoring) and 重点评价 (in-depth evaluation) — the finance
bureau's review of accepted self-evaluations (RULES.md §8, CONTRACTS.md §7).

Only the finance bureau sees any of it; for everybody else these objects do not exist
(404, as CONTRACTS §7 asks for `POST /api/v1/spot-checks`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jixiao.domain.errors import InputError
from jixiao.domain.money import D, NumberFormatError
from jixiao.domain.review import Candidate, ReviewComparison, review_compare, stratified_sample
from jixiao.domain.scoring import ScoredEvaluation, score_evaluation
from jixiao.persistence import selectors_review as sel
from jixiao.persistence.mappers import evaluation_document, evaluation_from_project, snapshot_sha256
from jixiao.persistence.models import (
    KeyEvaluation,
    Project,
    Review,
    ReviewScore,
    SpotCheck,
    SpotCheckItem,
    User,
)
from jixiao.persistence.selectors_lists import ordered
from jixiao.services.access import visible_project, visible_projects
from jixiao.services.audit import audit_record
from jixiao.services.errors import Invalid, NotFound
from jixiao.services.results import result_review_store

MAX_SIZE = 1000
_CENT = Decimal("0.01")


def _finance(actor: User) -> int:
    """The actor's finance bureau id; NotFound for anyone else (no existence leak)."""
    if (not getattr(actor, "is_authenticated", False) or not actor.is_active
            or actor.role != User.Role.FINANCE or actor.organisation_id is None):
        raise NotFound()
    return actor.organisation_id


def _amount(funds: Any) -> Decimal:
    try:
        return D((funds or {}).get("total", {}).get("full_year_budget", "0"))
    except (NumberFormatError, AttributeError):
        return Decimal(0)


def spot_check_create(*, actor: User, fiscal_year: int, size: int, seed: str = "",
                      ip: str = "") -> SpotCheck:
    """Draw and record a stratified random sample of the year's accepted evaluations.
    An empty seed gets a random one; the seed is stored with the sample.

    Raises:
        NotFound: not the finance bureau. Invalid: bad size/year, nothing to sample.
    """
    finance_id = _finance(actor)
    seed = seed.strip() or secrets.token_hex(8)
    errors = []
    if not 1 <= size <= MAX_SIZE:
        errors.append({"field": "size", "message": f"抽查数量应在 1–{MAX_SIZE} 之间"})
    if not 2000 <= fiscal_year <= 2100:
        errors.append({"field": "fiscal_year", "message": "年度应为四位年份"})
    if len(seed) > 100:
        errors.append({"field": "seed", "message": "随机种子最多 100 字"})
    if errors:
        raise Invalid("抽查参数有误", errors)
    with transaction.atomic():
        rows = sel.accepted_population(visible_projects(actor), fiscal_year)
        if not rows:
            raise Invalid("该年度没有财政已受理的自评，无法抽查",
                          [{"field": "fiscal_year", "message": f"{fiscal_year} 年度没有可抽查的项目"}])
        population = [Candidate(pk, department or "", _amount(funds))
                      for pk, department, funds in rows]
        sample = stratified_sample(population, size, seed)
        check = SpotCheck.objects.create(
            finance_id=finance_id, fiscal_year=fiscal_year, size=size, seed=seed,
            population=[c.project_id for c in population],
            allocation={k: list(v) for k, v in sample.allocation.items()},
            created_by=actor, created_at=timezone.now())
        SpotCheckItem.objects.bulk_create(
            SpotCheckItem(spot_check=check, project_id=pid, stratum=sample.stratum_of[pid])
            for pid in sample.project_ids)
        from jixiao.services.worklist import notify_unit

        for item in check.items.select_related("project"):
            notify_unit(item.project.unit_id, f"「{item.project.name}」被抽中 {fiscal_year} 年度财政抽查复核")
        audit_record(kind="spot_check_created", actor=actor.username, ip=ip,
                     target=f"抽查 {check.pk}（{fiscal_year} 年度）",
                     detail=f"seed={seed}; 总体 {len(population)}; 抽取 {len(sample.project_ids)}")
    return check


def spot_check_list(*, actor: User, year: int | None = None,
                    sort: str = "-created") -> QuerySet[SpotCheck]:
    """The finance bureau's spot checks with their counts, of one year or all, ordered by
    a column of `SPOT_CHECK_ORDERS` ("-key" reverses)."""
    checks = sel.spot_checks_of(_finance(actor))
    if year:
        checks = checks.filter(fiscal_year=year)
    return ordered(checks, sel.SPOT_CHECK_ORDERS, sort, "-created")


def spot_check_get(*, actor: User, spot_check_id: int) -> tuple[SpotCheck, list[SpotCheckItem]]:
    """One spot check and all its items (NotFound outside the bureau)."""
    check, items = spot_check_items(actor=actor, spot_check_id=spot_check_id)
    return check, list(items)


def spot_check_items(*, actor: User, spot_check_id: int, q: str = "",
                     department_id: int | None = None, grade: str | None = None,
                     status: str = "", sort: str = "id",
                     ) -> tuple[SpotCheck, sel.SpotCheckItems]:
    """One spot check and its items, filtered (text, department, stored self grade,
    review status) and ordered by a column of `ITEM_ORDERS` (lazy: page it)."""
    check = sel.spot_checks_of(_finance(actor)).filter(pk=spot_check_id).first()
    if check is None:
        raise NotFound()
    items = sel.spot_check_items_filtered(sel.spot_check_items(check), q=q,
                                          department_id=department_id, grade=grade,
                                          status=status)
    return check, ordered(items, sel.ITEM_ORDERS, sort, "id")


ITEM_HEADERS = ("抽查编号", "年度", "项目", "实施单位", "主管部门", "层", "自评得分", "自评等级",
                "复核自评得分", "复核得分", "复核等级", "差值", "标记", "复核时间")


def spot_check_table(items: sel.SpotCheckItems) -> Iterator[tuple[object, ...]]:
    """The export rows of a spot check's filtered items (`ITEM_HEADERS`): the stored
    self-score beside the 复核, never re-scored."""
    for it in items.iterator(chunk_size=2000):
        result = getattr(it.project, "result", None)
        r = getattr(it, "review", None)
        unit = it.project.unit
        yield (it.spot_check_id, it.project.fiscal_year, it.project.name, unit.name,
               unit.parent.name if unit.parent else "", it.stratum,
               result.total if result else None, result.grade if result else "",
               r.self_total if r else None, r.review_total if r else None,
               r.review_grade if r else "", it.gap, "；".join(r.flags) if r else "",
               timezone.localtime(r.reviewed_at).strftime("%Y-%m-%d %H:%M") if r else "")


@dataclass(frozen=True)
class ReviewForm:
    """What the re-scoring page shows: each indicator's weight, self-score and the review
    score and reason entered so far."""

    item: SpotCheckItem
    scored: ScoredEvaluation
    rows: list[dict[str, Any]]
    review: Review | None


def _scored(project: Project) -> ScoredEvaluation:
    try:
        return score_evaluation(evaluation_from_project(project))
    except InputError as err:
        raise Invalid("自评数据无法计分", [{"field": "document", "message": str(err)}]) from None


def _item(actor: User, item_id: int) -> SpotCheckItem:
    item = sel.spot_check_item(_finance(actor), item_id)
    if item is None:
        raise NotFound()
    visible_project(actor, item.project_id)
    return item


def review_form(*, actor: User, item_id: int) -> ReviewForm:
    item = _item(actor, item_id)
    scored = _scored(item.project)
    review = Review.objects.filter(item=item).first()
    saved = {s.indicator_index: s for s in review.scores.all()} if review else {}
    rows = []
    for i, (ind, score) in enumerate(zip(scored.evaluation.indicators, scored.scores,
                                         strict=True)):
        s = saved.get(i)
        rows.append({"index": i, "name": ind.name, "category": ind.category,
                     "weight": ind.weight, "self_score": score.quantize(_CENT),
                     "review_score": s.review_score if s else None,
                     "reason": s.reason if s else "",
                     "flag": s is not None and abs(s.review_score - s.self_score) > 5})
    return ReviewForm(item, scored, rows, review)


def review_save(*, actor: User, item_id: int, scores: dict[int, str], reasons: dict[int, str],
                ip: str = "") -> tuple[Review, ReviewComparison]:
    """Record 复核得分 per indicator (blank = agrees with the self-score). A score that
    differs from the self-score needs a reason. Saving again replaces the earlier review.

    Raises:
        Invalid: with one Chinese message per bad field (`scores.N`, `reasons.N`).
    """
    form = review_form(actor=actor, item_id=item_id)
    scored = form.scored
    self_scores = {r["index"]: r["self_score"] for r in form.rows}
    review_scores: dict[int, Decimal] = {}
    errors = []
    for row in form.rows:
        i, text = row["index"], (scores.get(row["index"]) or "").strip()
        reason = (reasons.get(i) or "").strip()
        if not text:
            continue
        try:
            value = D(text)
        except NumberFormatError:
            errors.append({"field": f"scores.{i}", "message": f"第 {i + 1} 个指标「{row['name']}」："
                                                              f"「{text[:20]}」不是有效的分数"})
            continue
        if not Decimal(0) <= value <= row["weight"] or value != value.quantize(_CENT):
            errors.append({"field": f"scores.{i}", "message": f"第 {i + 1} 个指标「{row['name']}」："
                           f"复核得分应在 0–{row['weight']} 之间，最多两位小数"})
            continue
        if value != row["self_score"] and not reason:
            errors.append({"field": f"reasons.{i}", "message": f"第 {i + 1} 个指标「{row['name']}」："
                                                               "复核得分与自评不同，请写明理由"})
        review_scores[i] = value
    if errors:
        raise Invalid("复核得分有误，未保存", errors)
    comparison = review_compare(self_total=scored.total.quantize(_CENT), self_scores=self_scores,
                                review_scores=review_scores, grade=scored.ruleset.grade)
    with transaction.atomic():
        Review.objects.filter(item_id=form.item.pk).delete()
        review = Review.objects.create(
            item=form.item, reviewer=actor, reviewed_at=timezone.now(),
            self_total=comparison.self_total, review_total=comparison.review_total,
            self_grade=comparison.self_grade, review_grade=comparison.review_grade,
            flags=comparison.flags,
            snapshot_sha256=snapshot_sha256(evaluation_document(form.item.project)))
        ReviewScore.objects.bulk_create(
            ReviewScore(review=review, indicator_index=r["index"], indicator_name=r["name"][:300],
                        weight=r["weight"], self_score=r["self_score"],
                        review_score=review_scores.get(r["index"], r["self_score"]),
                        reason=(reasons.get(r["index"]) or "").strip())
            for r in form.rows)
        result_review_store(project_id=form.item.project_id, total=review.review_total,
                            grade=review.review_grade)
        audit_record(kind="review_saved", actor=actor.username, ip=ip,
                     target=f"项目 {form.item.project_id} {form.item.project.name}",
                     detail=f"自评 {comparison.self_total} → 复核 {comparison.review_total}; "
                            f"{'；'.join(comparison.flags) or '无标记'}")
    return review, comparison


def key_evaluation_assign(*, actor: User, project_id: int, evaluator: str, kind: str,
                          deadline: dt.date | None, note: str = "", ip: str = "") -> KeyEvaluation:
    """Assign a project for 重点评价 to a named evaluator with a deadline."""
    _finance(actor)
    project = visible_project(actor, project_id)
    evaluator, note = evaluator.strip(), note.strip()
    errors = []
    if not evaluator or len(evaluator) > 200:
        errors.append({"field": "evaluator", "message": "请填写评价人或评价机构名称（最多 200 字）"})
    if kind not in KeyEvaluation.Kind.values:
        errors.append({"field": "kind", "message": "请选择财政内部或第三方机构"})
    if deadline is None:
        errors.append({"field": "deadline", "message": "请填写完成期限（如 2024-06-30）"})
    elif deadline < timezone.localdate():
        errors.append({"field": "deadline", "message": "完成期限不能早于今天"})
    if errors:
        raise Invalid("重点评价委托有误，未保存", errors)
    assert deadline is not None
    with transaction.atomic():
        key = KeyEvaluation.objects.create(project=project, evaluator=evaluator, kind=kind,
                                           deadline=deadline, note=note[:2000],
                                           assigned_by=actor, assigned_at=timezone.now())
        audit_record(kind="key_evaluation_assigned", actor=actor.username, ip=ip,
                     target=f"项目 {project.pk} {project.name}",
                     detail=f"{evaluator}（{key.get_kind_display()}），期限 {deadline:%Y-%m-%d}")
    return key


def key_evaluation_list(*, actor: User) -> QuerySet[KeyEvaluation]:
    _finance(actor)
    return sel.key_evaluations_of(visible_projects(actor))
