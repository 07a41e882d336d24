from django.urls import path

from fidelity import views

app_name = "fidelity"
urlpatterns = [
    path("teams/<int:team_id>/fidelity/", views.team_fidelity, name="team"),
]
