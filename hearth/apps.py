from django.apps import AppConfig
from django.db.backends.signals import connection_created


class HearthConfig(AppConfig):
    name = "hearth"
    verbose_name = "Hearth"

    def ready(self) -> None:
        from hearth import retention  # noqa: F401  (registers the retention policy check)
        from hearth.collation import register_sqlite_collations

        connection_created.connect(register_sqlite_collations)
