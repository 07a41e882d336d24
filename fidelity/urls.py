from django.urls import path

from fidelity import views

app_name = "fidelity"
urlpatterns = [
    path("teams/<int:team_id>/fidelity/", views.team_fidelity, name="team"),
    path(
        "programs/<int:program_id>/self-assessment/",
        views.self_assessment,
        name="self_assessment",
    ),
]
