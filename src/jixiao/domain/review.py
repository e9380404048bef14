"""抽查 and 复核 (RULES.md §8: 单位自评结果接受财政抽查复核): a reproducible stratified sample,
and the comparison of 复核得分 with the self-scores.

- `stratified_sample`: strata are department × amount band (大额 at or above the median budget
  of the population, 小额 below); the sample size is split over the strata in proportion to
  their size (largest remainder, ties by stratum name), and each stratum is sampled with its
  own `random.Random` seeded from the seed text and the stratum. The same seed over the same
  population (in any order) gives the same sample.
- `review_compare`: the re-scored total, grade and the flags — an indicator or the total where
  |复核 − 自评| > 5 points, or a grade that changes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "FLAG_POINTS",
    "Candidate",
    "ReviewComparison",
    "Sample",
    "review_compare",
    "stratified_sample",
]

#: A difference of more than this many points between 复核 and 自评 is flagged.
FLAG_POINTS = Decimal(5)


@dataclass(frozen=True)
class Candidate:
    """A member of the population: an accepted evaluation."""

    project_id: int
    department: str
    amount: Decimal


@dataclass(frozen=True)
class Sample:
    """The drawn project ids (sorted), the stratum of each, and the allocation per stratum
    as (population size, drawn)."""

    project_ids: tuple[int, ...]
    stratum_of: dict[int, str]
    allocation: dict[str, tuple[int, int]]


def _median(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def stratified_sample(population: Iterable[Candidate], size: int, seed: str) -> Sample:
    """Draw `size` candidates (all of them when the population is smaller).

    Raises:
        ValueError: size below 1.
    """
    if size < 1:
        raise ValueError("抽查数量至少为 1")
    members = sorted(population, key=lambda c: c.project_id)
    if not members:
        return Sample((), {}, {})
    median = _median([c.amount for c in members])
    strata: dict[str, list[int]] = {}
    stratum_of: dict[int, str] = {}
    for c in members:
        key = f"{c.department}·{'大额' if c.amount >= median else '小额'}"
        strata.setdefault(key, []).append(c.project_id)
        stratum_of[c.project_id] = key
    total, n = len(members), min(size, len(members))
    quotas = {k: Fraction(n * len(ids), total) for k, ids in strata.items()}
    counts = {k: int(q) for k, q in quotas.items()}
    left = n - sum(counts.values())
    for k in sorted(strata, key=lambda k: (-(quotas[k] - counts[k]), k))[:left]:
        counts[k] += 1
    drawn: list[int] = []
    for key in sorted(strata):
        rng = random.Random(f"{seed}\x1f{key}")
        drawn.extend(rng.sample(strata[key], counts[key]))
    return Sample(tuple(sorted(drawn)), {i: stratum_of[i] for i in drawn},
                  {k: (len(strata[k]), counts[k]) for k in sorted(strata)})


@dataclass(frozen=True)
class ReviewComparison:
    """Self-score against 复核 for one evaluation."""

    self_total: Decimal
    review_total: Decimal
    self_grade: str
    review_grade: str
    flagged_indicators: tuple[int, ...]

    @property
    def difference(self) -> Decimal:
        return self.review_total - self.self_total

    @property
    def flags(self) -> list[str]:
        """Plain-language reasons this review needs attention (empty when none)."""
        out = []
        if abs(self.difference) > FLAG_POINTS:
            out.append(f"复核总分与自评相差 {abs(self.difference)} 分（超过 {FLAG_POINTS} 分）")
        if self.review_grade != self.self_grade:
            out.append(f"等级由「{self.self_grade}」变为「{self.review_grade}」")
        for i in self.flagged_indicators:
            out.append(f"第 {i + 1} 个指标复核得分与自评相差超过 {FLAG_POINTS} 分")
        return out


def review_compare(*, self_total: Decimal, self_scores: Mapping[int, Decimal],
                   review_scores: Mapping[int, Decimal],
                   grade: Callable[[Decimal], str]) -> ReviewComparison:
    """Compare a re-scoring with the self-evaluation. Indicators not re-scored keep their
    self-score; the budget-execution points (in `self_total`) are not re-scored."""
    review_total = self_total + sum(
        (review_scores[i] - self_scores[i] for i in review_scores), Decimal(0))
    flagged = tuple(sorted(i for i, s in review_scores.items()
                           if abs(s - self_scores[i]) > FLAG_POINTS))
    return ReviewComparison(self_total, review_total, grade(self_total), grade(review_total),
                            flagged)
