from django.apps import AppConfig


class HearthConfig(AppConfig):
    name = "hearth"
    verbose_name = "Hearth"

    def ready(self) -> None:
        from hearth import retention  # noqa: F401  (registers the retention policy check)
