from django.urls import path

from cases import views as case_views
from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/edit/", views.person_edit, name="edit"),
    path("<int:person_id>/access-log/", views.person_access_log, name="access_log"),
    path("<int:person_id>/identifiers/new/", views.identifier_add, name="identifier_add"),
    path("<int:person_id>/household/new/", views.household_add, name="household_add"),
    path("<int:person_id>/household/<int:member_id>/", views.household_edit, name="household_edit"),
    path(
        "<int:person_id>/identifiers/<int:identifier_id>/",
        views.identifier_edit,
        name="identifier_edit",
    ),
    path(
        "<int:person_id>/living-situations/new/",
        views.living_situation_add,
        name="living_situation_add",
    ),
    path("<int:person_id>/cases/new/", case_views.open_case_existing_person, name="open_case"),
]
