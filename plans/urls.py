from django.urls import path

from plans import views

app_name = "plans"
urlpatterns = [
    path("cases/<int:case_id>/plan/", views.plan_detail, name="plan"),
    path("cases/<int:case_id>/plan/goals/new/", views.goal_add, name="goal_add"),
    path("cases/<int:case_id>/plan/goals/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(
        "cases/<int:case_id>/plan/goals/<int:goal_id>/steps/new/",
        views.step_add,
        name="step_add",
    ),
    path("cases/<int:case_id>/plan/steps/<int:step_id>/", views.step_edit, name="step_edit"),
    path(
        "cases/<int:case_id>/plan/steps/<int:step_id>/status/",
        views.step_status,
        name="step_status",
    ),
    path("cases/<int:case_id>/plan/interval/", views.plan_interval, name="interval"),
    path("cases/<int:case_id>/plan/review/", views.plan_review, name="review"),
    path("cases/<int:case_id>/plan/versions/new/", views.version_create, name="version_create"),
    path(
        "cases/<int:case_id>/plan/versions/<int:plan_version_id>/",
        views.version_detail,
        name="version",
    ),
    path(
        "cases/<int:case_id>/plan/versions/<int:plan_version_id>/agreement/",
        views.version_agreement,
        name="agreement",
    ),
    path("cases/<int:case_id>/plan/copy/", views.plan_copy, name="copy"),
    path("cases/<int:case_id>/plan/copy.pdf", views.plan_copy_pdf, name="copy_pdf"),
    path("cases/<int:case_id>/plan/links/", views.link_create, name="link_create"),
    path(
        "cases/<int:case_id>/plan/links/<int:plan_link_id>/revoke/",
        views.link_revoke,
        name="link_revoke",
    ),
    path("plan/<str:plan_token>/", views.public_plan, name="public"),
]
