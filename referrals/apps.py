from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals and consent")

    def ready(self) -> None:
        from referrals import barriers  # noqa: F401  (receives housing's landlord refusals)
