from django.urls import path

from money import views

app_name = "money"
urlpatterns = [
    path("people/<int:person_id>/money/", views.money_page, name="money"),
    path("people/<int:person_id>/money/income/new/", views.income_add, name="income_add"),
    path(
        "people/<int:person_id>/money/income/<int:income_id>/",
        views.income_edit,
        name="income_edit",
    ),
    path("people/<int:person_id>/money/budgets/new/", views.budget_add, name="budget_add"),
    path(
        "people/<int:person_id>/money/budgets/<int:budget_id>/",
        views.budget_edit,
        name="budget_edit",
    ),
    path(
        "people/<int:person_id>/money/assistance/new/",
        views.assistance_request,
        name="assistance_request",
    ),
    path(
        "people/<int:person_id>/money/assistance/<int:assistance_id>/decide/",
        views.assistance_decide,
        name="assistance_decide",
    ),
    path(
        "people/<int:person_id>/money/assistance/<int:assistance_id>/pay/",
        views.assistance_pay,
        name="assistance_pay",
    ),
    path("money/assistance/waiting/", views.waiting, name="waiting"),
]
