from django.urls import path

from programs import views

app_name = "programs"
urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/<int:program_id>/", views.program_detail, name="detail"),
    path("manage/", views.manage, name="manage"),
    path("manage/organisations/new/", views.organisation_create, name="organisation_create"),
    path(
        "manage/organisations/<int:organisation_id>/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "manage/organisations/<int:organisation_id>/programs/new/",
        views.program_create,
        name="program_create",
    ),
    path("manage/organisations/<int:organisation_id>/staff/", views.staff_list, name="staff"),
    path(
        "manage/organisations/<int:organisation_id>/staff/new/",
        views.staff_create,
        name="staff_create",
    ),
    path(
        "manage/organisations/<int:organisation_id>/staff/<int:user_id>/roles/new/",
        views.membership_add,
        name="membership_add",
    ),
    path("manage/programs/<int:program_id>/", views.program_edit, name="program_edit"),
    path("manage/programs/<int:program_id>/teams/new/", views.team_create, name="team_create"),
    path("manage/teams/<int:team_id>/", views.team_edit, name="team_edit"),
    path("manage/memberships/<int:membership_id>/", views.membership_edit, name="membership_edit"),
]
