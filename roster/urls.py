from django.urls import path

from roster import views

app_name = "roster"
urlpatterns = [
    path("teams/<int:team_id>/roster/", views.team_roster, name="team"),
    path("teams/<int:team_id>/roster/shifts/new/", views.shift_add, name="shift_add"),
    path("roster/shifts/<int:shift_id>/delete/", views.shift_delete, name="shift_delete"),
    path("teams/<int:team_id>/on-call/", views.on_call, name="on_call"),
    path(
        "teams/<int:team_id>/on-call/people/<int:person_id>/",
        views.crisis_summary,
        name="crisis_summary",
    ),
]
