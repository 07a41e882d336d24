from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("contacts/<int:contact_id>/report/", views.report_write, name="write"),
    path("reports/<int:report_id>/", views.report_edit, name="edit"),
    path("reports/<int:report_id>/draft/", views.report_draft, name="draft"),
    path("reports/<int:report_id>/sign/", views.report_sign, name="sign"),
    path("reports/<int:report_id>/addenda/", views.report_addendum, name="addendum"),
    path("reports/<int:report_id>/pdf/", views.report_pdf_view, name="pdf"),
    path("cases/<int:case_id>/summary.pdf", views.case_summary_pdf_view, name="case_summary"),
    path(
        "manage/programs/<int:program_id>/report-templates/", views.template_list, name="templates"
    ),
    path(
        "manage/programs/<int:program_id>/report-templates/new/",
        views.template_create,
        name="template_create",
    ),
    path("manage/report-templates/<int:template_id>/", views.template_edit, name="template_edit"),
]
