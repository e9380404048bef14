"""ORM models: organisations, accounts, projects with their evaluation, workflow,
field history, audit log, API tokens and published reports.

A project's self-evaluation is stored as one document in the evaluation file format
(CONTRACTS.md §2, numbers as exact decimal strings) so that import, export, scoring and
the snapshot hash all work on the same data; `mappers` turns it into domain objects.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class Organisation(models.Model):
    """A node of the tree 财政局 → 主管部门 → 预算单位."""

    class Kind(models.TextChoices):
        FINANCE = "finance", "财政局"
        DEPARTMENT = "department", "主管部门"
        UNIT = "unit", "预算单位"

    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.CharField("地区", max_length=100, blank=True)
    #: 组织机构代码 (9 characters, e.g. 57980172X) and 统一社会信用代码 (18 characters).
    code = models.CharField("机构代码", max_length=9, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """An account. `role` decides what it may do, `organisation` where (its scope).

    三员分立: the three administrator roles have no organisation scope and see no
    business data; business roles always belong to an organisation of matching kind.
    """

    class Role(models.TextChoices):
        UNIT = "unit", "预算单位填报人"
        DEPARTMENT = "department", "主管部门审核人"
        FINANCE = "finance", "财政局绩效科"
        SYSADMIN = "sysadmin", "系统管理员"
        SECADMIN = "secadmin", "安全管理员"
        AUDITADMIN = "auditadmin", "审计管理员"
        NONE = "none", "未分配角色"

    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.NONE)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    display_name = models.CharField("姓名", max_length=100, blank=True)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    #: Set when an administrator created the account or reset its password: the user must
    #: choose a new password before doing anything else.
    must_change_password = models.BooleanField(default=False)
    #: When and from which address the system administrator last reset the password (the
    #: one-time password expires RESET_HOURS later; its first use is audited with both).
    password_reset_at = models.DateTimeField(null=True, blank=True)
    password_reset_by = models.CharField(max_length=150, blank=True)
    password_reset_ip = models.CharField(max_length=64, blank=True)

    class Meta(AbstractUser.Meta):
        constraints = (
            # `UNIT1` and `unit1` are one account: login is case-insensitive too
            models.UniqueConstraint(Lower("username"), name="user_username_ci"),
        )


class Project(models.Model):
    """A project (项目) of a budget unit for one fiscal year, with its self-evaluation."""

    class State(models.TextChoices):
        DRAFT = "draft", "填报中"
        SUBMITTED = "submitted", "已提交（待主管部门审核）"
        APPROVED = "approved", "主管部门审核通过（待财政受理）"
        ACCEPTED = "accepted", "财政已受理"
        RETURNED = "returned", "已退回（待修改）"

    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField("项目名称", max_length=300)
    fiscal_year = models.PositiveIntegerField("年度")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    document = models.JSONField("自评数据", default=dict)
    code = models.CharField("项目编码", max_length=50, blank=True)
    #: When the department first opened the submitted evaluation (no 撤回 after that).
    department_opened_at = models.DateTimeField(null=True, blank=True)
    #: Grows by one with every change to the evaluation or the workflow state (CONTRACTS.md
    #: §7); written only by `jixiao.services.project_store.project_save`.
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-fiscal_year", "id")

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.name}"


class Transition(models.Model):
    """One workflow step: who moved the project from which state to which, why, and the
    SHA-256 of the evaluation document at that moment (the submitted snapshot)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(blank=True)
    snapshot_sha256 = models.CharField(max_length=64)
    snapshot = models.JSONField(default=dict)
    #: Findings of the figure audit of the rendered report (on submission), as JSON.
    audit_findings = models.JSONField(default=list)

    class Meta:
        ordering = ("at", "id")


class FieldChange(models.Model):
    """Field history: who changed which field of the evaluation from what to what, when."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="field_changes")
    path = models.CharField(max_length=200)
    label = models.CharField(max_length=300)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ("-at", "-id")


class AuditEvent(models.Model):
    """The security audit log (logins, lockouts, accounts, roles, workflow). Append-only:
    nothing in the application updates or deletes rows. Tamper-evident: `seq` numbers the
    entries 1, 2, 3 … and `sha256` is the SHA-256 of the entry's canonical serialisation,
    which includes `prev_sha256`, the previous entry's hash (`services.audit`)."""

    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=40, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    detail = models.TextField(blank=True)
    ip = models.CharField(max_length=64, blank=True)
    seq = models.BigIntegerField(null=True, unique=True)
    prev_sha256 = models.CharField(max_length=64, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ("-at", "-id")


class ApiToken(models.Model):
    """A bearer token for the API. Only the SHA-256 of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()


class PublishedReport(models.Model):
    """One version of a self-evaluation report disclosed to the public (信息公开), with its
    page-header metadata. Immutable once written: a correction is a new row (`version` + 1,
    `supersedes` the previous one); a withdrawal only sets the `withdrawn_*` fields. The
    rendered PDFs are `PublicationFile` rows (models_disclosure)."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    index_number = models.CharField("索引号", max_length=100, unique=True)
    publisher = models.CharField("发布机构", max_length=200)
    catalogue = models.CharField("公开目录", max_length=200)
    published_on = models.DateField("发布日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    title = models.CharField("标题", max_length=300)
    #: The evaluation as published (immutable) and its SHA-256.
    snapshot = models.JSONField(default=dict)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)
    keywords = models.CharField("主题词", max_length=200, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    correction_note = models.TextField("更正说明", blank=True)
    # What the snapshot says, kept beside it for listing, search and open data.
    project_name = models.CharField("项目名称", max_length=300, blank=True)
    unit_name = models.CharField("实施单位", max_length=200, blank=True, db_index=True)
    department_name = models.CharField("主管部门", max_length=200, blank=True)
    fiscal_year = models.PositiveIntegerField("年度", null=True, blank=True, db_index=True)
    total_score = models.DecimalField("自评得分", max_digits=6, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=10, blank=True)
    #: 年度资金总额 in 元: 年初预算数 (approved), 全年预算数 (adjusted), 全年执行数 (executed).
    budget_approved = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    budget_adjusted = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    budget_executed = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    text = models.TextField("报告全文", blank=True)
    accepted_on = models.DateField("财政受理日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.CharField("发布人", max_length=150, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.CharField("撤回人", max_length=150, blank=True)
    withdrawal_reason = models.TextField("撤回原因", blank=True)

    class Meta:
        ordering = ("-published_on", "id")
        # the public list's order (selectors_disclosure.current_publications)
        indexes = (models.Index(fields=("-published_on", "-id"), name="report_published_order"),)


class LibraryIndicator(models.Model):
    """An entry of the indicator library (指标库): a reusable 三级 indicator for a project
    type, with its place in the 一级/二级 tree, operator, unit and suggested weight."""

    project_type = models.CharField("项目类型", max_length=50, db_index=True)
    category = models.CharField("一级指标", max_length=20)
    subcategory = models.CharField("二级指标", max_length=30)
    name = models.CharField("三级指标", max_length=200)
    operator = models.CharField("指标性质", max_length=20)
    unit_of_measure = models.CharField("度量单位", max_length=30, blank=True)
    suggested_weight = models.CharField("建议分值", max_length=20)
    target_hint = models.CharField("指标值参考", max_length=100, blank=True)
    source = models.CharField("来源", max_length=200, blank=True)

    class Meta:
        ordering = ("project_type", "id")
        constraints = (
            models.UniqueConstraint(fields=("project_type", "name"), name="library_type_name"),
        )


class Evidence(models.Model):
    """An evidence attachment (佐证材料) of a project, optionally for one indicator.

    The file is stored under a random name (`stored_name`); the user's file name is kept
    only as cleaned display text and is never used as a path.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evidence")
    indicator_index = models.IntegerField(null=True, blank=True)
    original_name = models.CharField(max_length=120)
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ("uploaded_at", "id")


class ProjectLease(models.Model):
    """The shared-premises lease (`jixiao.lease/1` text) of a rent project, for 分摊."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="lease")
    text = models.TextField()
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

from jixiao.persistence.models_disclosure import *  # noqa: E402,F403
from jixiao.persistence.models_jobs import Job  # noqa: E402,F401  (background jobs)
from jixiao.persistence.models_notifications import *  # noqa: E402,F403
from jixiao.persistence.models_rectification import *  # noqa: E402,F403
from jixiao.persistence.models_results import EvaluationResult  # noqa: E402,F401  (stored results)
from jixiao.persistence.models_review import *  # noqa: E402,F403
from jixiao.persistence.models_security import AuditChainHead, LoginThrottle  # noqa: E402, F401
from jixiao.persistence.models_targets import *  # noqa: E402,F403
