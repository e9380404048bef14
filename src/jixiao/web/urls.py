"""URL configuration. Every route here is covered by the permission matrix test
(tests/web/test_permission_matrix.py), which fails for a route it does not know."""

from django.urls import path

from jixiao.web.api import api
from jixiao.web.views import (
    admin,
    auth,
    evidence,
    lease,
    ledger,
    monitoring,
    projects,
    public,
    targets,
)

urlpatterns = [
    path("", auth.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.password_view, name="password"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", targets.project_new, name="project_new"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/targets/", targets.project_targets, name="project_targets"),
    path("projects/<int:pk>/targets/field/", targets.target_field, name="target_field"),
    path("projects/<int:pk>/targets/add/", targets.target_add, name="target_add"),
    path("projects/<int:pk>/targets/remove/", targets.target_remove, name="target_remove"),
    path("library/", targets.library, name="library"),
    path("projects/<int:pk>/field/", projects.field_update, name="field_update"),
    path("projects/<int:pk>/transition/", projects.project_transition, name="project_transition"),
    path("projects/<int:pk>/history/", projects.project_history, name="project_history"),
    path("projects/<int:pk>/export/", projects.project_export, name="project_export"),
    path("projects/<int:pk>/import/", projects.project_import, name="project_import"),
    path("projects/<int:pk>/entry/", projects.entry_template, name="entry_template"),
    path("projects/<int:pk>/entry/upload/", projects.entry_upload, name="entry_upload"),
    path("projects/<int:pk>/evidence/", evidence.evidence_upload, name="evidence_upload"),
    path("projects/<int:pk>/evidence/<int:evidence_id>/", evidence.evidence_download,
         name="evidence_download"),
    path("projects/<int:pk>/evidence/<int:evidence_id>/delete/", evidence.evidence_delete,
         name="evidence_delete"),
    path("projects/<int:pk>/monitoring/", monitoring.monitoring_page, name="project_monitoring"),
    path("projects/<int:pk>/monitoring/save/", monitoring.monitoring_save,
         name="project_monitoring_save"),
    path("projects/<int:pk>/publish/", public.report_publish, name="report_publish"),
    path("projects/<int:pk>/lease/", lease.lease_page, name="project_lease"),
    path("projects/<int:pk>/lease/save/", lease.lease_save, name="project_lease_save"),
    path("projects/<int:pk>/lease/apply/", lease.lease_apply, name="project_lease_apply"),
    path("projects/<int:pk>/ledger/", ledger.ledger_page, name="project_ledger"),
    path("projects/<int:pk>/ledger/line/", ledger.ledger_line, name="project_ledger_line"),
    path("projects/<int:pk>/ledger/import/", ledger.ledger_import, name="project_ledger_import"),
    path("projects/<int:pk>/document/", projects.project_document, name="project_document"),
    path("admin/accounts/", admin.account_list, name="accounts"),
    path("admin/accounts/<int:user_id>/", admin.account_action, name="account_action"),
    path("admin/roles/", admin.role_list, name="roles"),
    path("admin/audit/", admin.audit_log, name="audit"),
    path("public/reports/", public.public_reports, name="public_reports"),
    path("public/reports/<int:report_id>/", public.public_report_download,
         name="public_report_download"),
    path("public/reports/<int:report_id>/report.pdf", public.public_report_file,
         {"kind": "report"}, name="public_report_pdf"),
    path("public/reports/<int:report_id>/table.pdf", public.public_report_file,
         {"kind": "table"}, name="public_table_pdf"),
    path("disclosure/", public.disclosure, name="disclosure"),
    path("disclosure/<int:report_id>/correct/", public.report_correct, name="report_correct"),
    path("disclosure/<int:report_id>/withdraw/", public.report_withdraw, name="report_withdraw"),
    path("api/v1/", api.urls),
]

handler403 = "jixiao.web.views.errors.forbidden"
handler404 = "jixiao.web.views.errors.not_found"
handler500 = "jixiao.web.views.errors.server_error"
