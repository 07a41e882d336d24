from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("directory/", views.resource_list, name="resources"),
    path("directory/resources/new/", views.resource_add, name="resource_add"),
    path("directory/resources/<int:resource_id>/", views.resource_detail, name="resource"),
    path("directory/resources/<int:resource_id>/edit/", views.resource_edit, name="resource_edit"),
    path(
        "directory/resources/<int:resource_id>/checked/",
        views.resource_checked,
        name="resource_checked",
    ),
    path(
        "directory/resources/<int:resource_id>/suggest/",
        views.suggest_update,
        name="suggest_update",
    ),
    path("directory/suggest/", views.suggest_new, name="suggest_new"),
    path(
        "cases/<int:case_id>/directory/suggest/", views.suggest_from_case, name="suggest_from_case"
    ),
    path("directory/suggestions/", views.suggestion_list, name="suggestions"),
    path("directory/suggestions/<int:suggestion_id>/", views.suggestion_detail, name="suggestion"),
    path(
        "directory/suggestions/<int:suggestion_id>/accept/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "directory/suggestions/<int:suggestion_id>/reject/",
        views.suggestion_reject,
        name="suggestion_reject",
    ),
    path("directory/partners/", views.partner_list, name="partners"),
    path("directory/partners/new/", views.partner_add, name="partner_add"),
    path("directory/partners/<int:partner_id>/", views.partner_detail, name="partner"),
    path("directory/partners/<int:partner_id>/edit/", views.partner_edit, name="partner_edit"),
    path(
        "directory/partners/<int:partner_id>/contacts/new/",
        views.contact_add,
        name="contact_add",
    ),
    path(
        "directory/partners/<int:partner_id>/contacts/<int:partner_contact_id>/",
        views.contact_edit,
        name="contact_edit",
    ),
    path(
        "directory/partners/<int:partner_id>/agreements/new/",
        views.agreement_add,
        name="agreement_add",
    ),
    path(
        "directory/partners/<int:partner_id>/agreements/<int:agreement_id>/",
        views.agreement_edit,
        name="agreement_edit",
    ),
]
