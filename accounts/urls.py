from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.login, name="login"),
    path("sign-out/", views.logout, name="logout"),
    path("language/", views.language, name="language"),
    path("api-token/", views.api_token, name="api_token"),
    path("settings/", views.my_settings, name="settings"),
]
