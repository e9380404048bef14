"""Stored results: each project's score, grade and findings as columns, so that lists,
dashboards and exports read rows instead of re-scoring documents.

One row per project (`EvaluationResult.project` is the primary key). It is written by
`jixiao.services.results.result_store` on every change of the evaluation or its workflow
state, and in bulk by `jixiao rescore` (`services.results.results_rescore`). The organisation
chain and year are copied in, so a scoped list ("my department's 2023 projects by grade")
is one indexed range of this table.

Fields are a contract with the finance-bureau lists: add, never rename.
"""

from __future__ import annotations

from django.db import models

from jixiao.persistence.models import Organisation, Project


class EvaluationResult(models.Model):
    """The last scoring of one project's self-evaluation."""

    project = models.OneToOneField(Project, primary_key=True, on_delete=models.CASCADE,
                                   related_name="result")
    #: Copies of the project's place and state, for indexed scoped lists.
    fiscal_year = models.PositiveIntegerField("年度")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Organisation, null=True, on_delete=models.CASCADE,
                                   related_name="+")
    finance = models.ForeignKey(Organisation, null=True, on_delete=models.CASCADE,
                                related_name="+")
    state = models.CharField("状态", max_length=20)
    #: False when the stored evaluation cannot be scored yet; `error` says why.
    scorable = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    total = models.DecimalField("总分", max_digits=7, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=2, blank=True)
    #: 预算执行率 (executed ÷ full-year budget, 4 decimals; null for a zero budget) and its score.
    execution_rate = models.DecimalField(max_digits=14, decimal_places=4, null=True)
    execution_score = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    #: Points scored per 一级 category (null when the evaluation has no such category).
    score_cost = models.DecimalField("成本指标得分", max_digits=7, decimal_places=2, null=True)
    score_output = models.DecimalField("产出指标得分", max_digits=7, decimal_places=2, null=True)
    score_outcome = models.DecimalField("效益指标得分", max_digits=7, decimal_places=2, null=True)
    score_satisfaction = models.DecimalField("满意度指标得分", max_digits=7, decimal_places=2,
                                             null=True)
    #: Every category: {name: {"weight": "…", "score": "…"}} (decimals as strings).
    categories = models.JSONField(default=dict)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    infos = models.PositiveIntegerField("提示数", default=0)
    #: A written explanation the rules demand is missing (blocks submission).
    reason_missing = models.BooleanField(default=False)
    #: Distinct finding codes of warnings and errors, sorted, comma-separated.
    finding_codes = models.CharField(max_length=500, blank=True)
    #: `total`, or -1 when not scorable: the sort key of score orders (indexable everywhere,
    #: unlike NULLS LAST), so unscorable rows come last from high to low, first from low up.
    score_key = models.DecimalField(max_digits=7, decimal_places=2, default=-1)
    #: Light of the latest 运行监控 snapshot ("red", "yellow", "green", "not-judged"; "" none).
    monitoring_light = models.CharField("监控预警", max_length=12, blank=True, default="")
    #: The latest 复核 of the project (抽查), written by `services.review.review_save`: the
    #: re-scored total and grade, which take precedence for 结果应用; null/"" when none.
    review_total = models.DecimalField("复核得分", max_digits=6, decimal_places=2, null=True)
    review_grade = models.CharField("复核等级", max_length=10, blank=True, default="")
    ruleset_name = models.CharField(max_length=40, blank=True)
    ruleset_version = models.CharField(max_length=20, blank=True)
    scored_at = models.DateTimeField()

    class Meta:
        # Each list order of the biggest scope (a finance bureau: the whole region) is one
        # index range, with or without a year, grade or state filter; department and unit
        # scopes are small enough to sort. Counts of big scopes are cached briefly
        # (selectors_results.results_counts).
        indexes = (
            models.Index(fields=("unit", "-fiscal_year", "project"), name="result_unit_list"),
            models.Index(fields=("department", "-fiscal_year", "project"), name="result_dept_list"),
            models.Index(fields=("finance", "-fiscal_year", "project"), name="result_fin_list"),
            models.Index(fields=("finance", "grade", "-fiscal_year", "project"),
                         name="result_fin_grade_list"),
            models.Index(fields=("finance", "state", "-fiscal_year", "project"),
                         name="result_fin_state_list"),
            models.Index(fields=("finance", "-score_key", "project"), name="result_fin_score"),
            models.Index(fields=("finance", "fiscal_year", "-score_key", "project"),
                         name="result_fin_year_score"),
            models.Index(fields=("finance", "-errors", "-warnings", "project"),
                         name="result_fin_findings"),
            models.Index(fields=("finance", "fiscal_year", "-errors", "-warnings", "project"),
                         name="result_fin_year_findings"),
            models.Index(fields=("fiscal_year", "grade"), name="result_year_grade"),
            models.Index(fields=("ruleset_name", "ruleset_version"), name="result_ruleset"),
        )

    def __str__(self) -> str:
        return f"{self.project_id}: {self.total} {self.grade}"
