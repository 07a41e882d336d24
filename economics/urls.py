from django.urls import path

from economics import views

app_name = "economics"
urlpatterns = [
    path("programs/<int:program_id>/economics/", views.program_economics, name="program"),
    path("cases/<int:case_id>/service-use/", views.case_service_use, name="service_use"),
]
