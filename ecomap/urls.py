from django.urls import path

from ecomap import views

app_name = "ecomap"
urlpatterns = [
    path("people/<int:person_id>/ecomap/", views.ecomap, name="ecomap"),
    path("people/<int:person_id>/ecomap/ties/new/", views.tie_add, name="tie_add"),
    path("people/<int:person_id>/ecomap/ties/<int:tie_id>/", views.tie_edit, name="tie_edit"),
    path("people/<int:person_id>/ecomap/ties/<int:tie_id>/end/", views.tie_end, name="tie_end"),
    path(
        "people/<int:person_id>/ecomap/snapshots/new/",
        views.snapshot_take,
        name="snapshot_take",
    ),
    path(
        "people/<int:person_id>/ecomap/snapshots/<int:snapshot_id>/",
        views.snapshot_detail,
        name="snapshot",
    ),
    path("people/<int:person_id>/ecomap/compare/", views.compare_view, name="compare"),
]
