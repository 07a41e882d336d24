from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("people/<int:person_id>/documents/", views.document_list, name="list"),
    path("people/<int:person_id>/documents/new/", views.upload, name="upload"),
    path(
        "people/<int:person_id>/documents/<int:document_id>/download/",
        views.download,
        name="download",
    ),
    path(
        "people/<int:person_id>/documents/<int:document_id>/acknowledge/",
        views.acknowledge_view,
        name="acknowledge",
    ),
    path(
        "people/<int:person_id>/documents/<int:document_id>/withdraw/",
        views.withdraw_view,
        name="withdraw",
    ),
]
