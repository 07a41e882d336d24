from django.urls import path

from cases import views
from visits import views as visit_views

app_name = "cases"
urlpatterns = [
    path("caseload/", views.my_caseload, name="my_caseload"),
    path("teams/<int:team_id>/caseload/", views.team_caseload, name="team_caseload"),
    path("cases/new/", views.open_case_new_person, name="open"),
    path("cases/new/matches/", views.person_matches, name="matches"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="edit"),
    path("cases/<int:case_id>/workers/", views.case_workers, name="workers"),
    path("cases/<int:case_id>/move-in/", views.case_move_in, name="move_in"),
    path("cases/<int:case_id>/close/", views.case_close, name="close"),
    path("cases/<int:case_id>/reopen/", views.case_reopen, name="reopen"),
    path("cases/<int:case_id>/transfer/", views.case_transfer, name="transfer"),
    path("cases/<int:case_id>/readiness/", views.case_readiness, name="readiness"),
    path("cases/<int:case_id>/contacts/new/", visit_views.contact_add, name="contact_add"),
    path("cases/<int:case_id>/todos/new/", views.legal_todo_add, name="todo_add"),
    path("cases/<int:case_id>/todos/<int:todo_id>/", views.legal_todo_status, name="todo_status"),
]
