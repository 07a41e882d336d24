from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("programs/<int:program_id>/feedback/", views.program_rounds, name="rounds"),
    path("feedback/rounds/<int:round_id>/staff/", views.staff_survey, name="staff"),
    path("feedback/rounds/<int:round_id>/hand-over/", views.hand_over, name="hand_over"),
    path("feedback/rounds/<int:round_id>/results/", views.results, name="results"),
    # The round link: public, a random token is the key; it shows only the survey.
    path("feedback/r/<str:round_token>/", views.public_survey, name="public"),
]
