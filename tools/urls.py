from django.urls import path

from tools import views

app_name = "tools"
urlpatterns = [
    path("cases/<int:case_id>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment"),
    path("cases/<int:case_id>/vulnerability/", views.vulnerability, name="vulnerability"),
    path("cases/<int:case_id>/vulnerability/factors/new/", views.factor_add, name="factor_add"),
    path(
        "cases/<int:case_id>/vulnerability/factors/<int:factor_id>/",
        views.factor_edit,
        name="factor_edit",
    ),
    path("cases/<int:case_id>/vulnerability/reviews/new/", views.review_add, name="review_add"),
    path(
        "manage/programs/<int:program_id>/instruments/",
        views.instrument_list,
        name="instruments",
    ),
    path(
        "manage/programs/<int:program_id>/instruments/new/",
        views.instrument_create,
        name="instrument_create",
    ),
    path(
        "manage/programs/<int:program_id>/instruments/<int:instrument_id>/",
        views.instrument_edit,
        name="instrument_edit",
    ),
]
