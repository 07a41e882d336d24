from django.urls import path

from visits import views

app_name = "visits"
urlpatterns = [
    path("cases/<int:case_id>/cadence/", views.cadence_agree, name="cadence"),
    path("cases/<int:case_id>/appointments/new/", views.appointment_add, name="appointment_add"),
    path(
        "cases/<int:case_id>/appointments/<int:appointment_id>/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path("cases/<int:case_id>/crises/new/", views.crisis_add, name="crisis_add"),
    path("due/", views.due_list, name="due"),
    path("agenda/", views.agenda_day, name="agenda"),
    path("agenda/week/", views.agenda_week, name="agenda_week"),
    path("agenda/calendar-link/", views.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", views.calendar_ics, name="calendar_ics"),
]
