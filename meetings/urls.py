from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("teams/<int:team_id>/meeting/", views.meeting_board, name="board"),
    path("cases/<int:case_id>/conferences/new/", views.conference_add, name="conference_add"),
    path(
        "cases/<int:case_id>/conferences/<int:conference_id>/",
        views.conference_edit,
        name="conference_edit",
    ),
]
