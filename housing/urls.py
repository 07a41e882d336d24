from django.urls import path

from housing import views

app_name = "housing"
urlpatterns = [
    path("housing/", views.supply, name="supply"),
    path("housing/providers/new/", views.provider_add, name="provider_add"),
    path("housing/providers/<int:provider_id>/", views.provider_detail, name="provider"),
    path("housing/providers/<int:provider_id>/edit/", views.provider_edit, name="provider_edit"),
    path(
        "housing/providers/<int:provider_id>/agreements/new/",
        views.agreement_edit,
        name="agreement_add",
    ),
    path(
        "housing/providers/<int:provider_id>/agreements/<int:agreement_id>/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path("housing/providers/<int:provider_id>/units/new/", views.unit_add, name="unit_add"),
    path("housing/units/<int:unit_id>/", views.unit_edit, name="unit_edit"),
    path("cases/<int:case_id>/housing-search/new/", views.search_open, name="search_open"),
    path("housing/searches/<int:search_id>/", views.search_edit, name="search"),
    path("housing/searches/<int:search_id>/offers/new/", views.offer_add, name="offer_add"),
    path("housing/offers/<int:offer_id>/", views.offer_answer, name="offer_answer"),
    path(
        "people/<int:person_id>/tenancy-events/new/",
        views.tenancy_event_add,
        name="tenancy_event_add",
    ),
    path(
        "people/<int:person_id>/tenancy-events/<int:event_id>/",
        views.tenancy_event_edit,
        name="tenancy_event_edit",
    ),
    path(
        "people/<int:person_id>/tenancies/<int:tenancy_id>/",
        views.tenancy_edit,
        name="tenancy_edit",
    ),
    path(
        "people/<int:person_id>/tenancies/<int:tenancy_id>/end/",
        views.tenancy_end,
        name="tenancy_end",
    ),
]
