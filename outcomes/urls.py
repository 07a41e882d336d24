from django.urls import path

from outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("programs/<int:program_id>/dashboard/", views.program_dashboard, name="dashboard"),
    path(
        "organisations/<int:organisation_id>/dashboard/",
        views.organisation_dashboard,
        name="organisation_dashboard",
    ),
    path("programs/<int:program_id>/benchmarks/", views.benchmark_list, name="benchmarks"),
    path(
        "programs/<int:program_id>/benchmarks/<str:measure>/",
        views.benchmark_edit,
        name="benchmark_edit",
    ),
]
