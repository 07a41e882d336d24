from django.apps import AppConfig


class HearthConfig(AppConfig):
    name = "hearth"
    verbose_name = "Hearth"
