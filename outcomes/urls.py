from django.urls import path

from outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("programs/<int:program_id>/dashboard/", views.program_dashboard, name="dashboard"),
]
