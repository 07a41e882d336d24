from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcomapConfig(AppConfig):
    name = "ecomap"
    verbose_name = _("Ecomap")
