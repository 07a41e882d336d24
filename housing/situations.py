"""Living situations and destinations: the HUD HMIS codes (FY2024/FY2026) behind every
living-situation record, so the HMIS CSV export is a mapping, not a migration.

Source: shared/reference/living-situations.md. Version of this list: LIST_VERSION.
Each country's own names (Danish § 110-boform = 101, Brazilian "situação de rua" = 116) are the
translations of these labels in the catalogs; the code never changes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LIST_VERSION = "HUD HMIS FY2026"


class Group(models.TextChoices):
    HOMELESS = "homeless", _("Homeless")
    INSTITUTIONAL = "institutional", _("Institutional")
    TEMPORARY = "temporary", _("Temporary")
    PERMANENT = "permanent", _("Permanent housing")
    OTHER = "other", _("Other")


class Situation(models.IntegerChoices):
    EMERGENCY_SHELTER = 101, pgettext_lazy("living situation", "Emergency shelter")
    NOT_MEANT_FOR_HABITATION = (
        116,
        pgettext_lazy("living situation", "Street or other place not meant for habitation"),
    )
    SAFE_HAVEN = 118, pgettext_lazy("living situation", "Safe haven")
    PSYCHIATRIC = 204, pgettext_lazy("living situation", "Psychiatric hospital or facility")
    SUBSTANCE_TREATMENT = (
        205,
        pgettext_lazy("living situation", "Substance-use treatment facility or detox centre"),
    )
    HOSPITAL = 206, pgettext_lazy("living situation", "Hospital or other medical facility")
    JAIL = 207, pgettext_lazy("living situation", "Jail, prison or juvenile detention")
    FOSTER_CARE = 215, pgettext_lazy("living situation", "Foster care or group foster home")
    LONG_TERM_CARE = 225, pgettext_lazy("living situation", "Long-term care or nursing home")
    TRANSITIONAL = 302, pgettext_lazy("living situation", "Transitional housing")
    FAMILY_TEMPORARY = 312, pgettext_lazy("living situation", "With family, temporarily")
    FRIENDS_TEMPORARY = 313, pgettext_lazy("living situation", "With friends, temporarily")
    HOTEL_NO_VOUCHER = (
        314,
        pgettext_lazy("living situation", "Hotel or motel paid without a shelter voucher"),
    )
    HOPWA_TRANSITIONAL = 327, pgettext_lazy("living situation", "HOPWA transitional housing")
    HALFWAY_HOUSE = 329, pgettext_lazy("living situation", "Residential project or halfway house")
    HOST_HOME = 332, pgettext_lazy("living situation", "Host home (non-crisis)")
    FAMILY_ROOM = (
        335,
        pgettext_lazy("living situation", "Staying in a family member's room, apartment or house"),
    )
    FRIEND_ROOM = (
        336,
        pgettext_lazy("living situation", "Staying in a friend's room, apartment or house"),
    )
    RENTAL_NO_SUBSIDY = (
        410,
        pgettext_lazy("living situation", "Own rental, no ongoing housing subsidy"),
    )
    OWNED_NO_SUBSIDY = (
        411,
        pgettext_lazy("living situation", "Own home, no ongoing housing subsidy"),
    )
    OWNED_SUBSIDY = 421, pgettext_lazy("living situation", "Own home, with housing subsidy")
    FAMILY_PERMANENT = 422, pgettext_lazy("living situation", "With family, permanently")
    FRIENDS_PERMANENT = 423, pgettext_lazy("living situation", "With friends, permanently")
    HOPWA_PERMANENT = 426, pgettext_lazy("living situation", "HOPWA permanent housing")
    RENTAL_SUBSIDY = (
        435,
        pgettext_lazy("living situation", "Own rental, with ongoing housing subsidy"),
    )
    OTHER = 17, pgettext_lazy("living situation", "Other")
    DECEASED = 24, pgettext_lazy("living situation", "Deceased")
    NO_EXIT_INTERVIEW = 30, pgettext_lazy("living situation", "No exit interview completed")
    UNABLE_TO_DETERMINE = 37, pgettext_lazy("living situation", "Worker unable to determine")
    DOES_NOT_KNOW = 8, pgettext_lazy("living situation", "Person doesn't know")
    PREFERS_NOT_TO_ANSWER = 9, pgettext_lazy("living situation", "Person prefers not to answer")
    NOT_COLLECTED = 99, pgettext_lazy("living situation", "Data not collected")


def group_of(code: int) -> Group:
    if code < 100:
        return Group.OTHER
    return {1: Group.HOMELESS, 2: Group.INSTITUTIONAL, 3: Group.TEMPORARY, 4: Group.PERMANENT}[
        code // 100
    ]


def is_homeless(code: int) -> bool:
    return group_of(code) == Group.HOMELESS


OWN_HOME_CODES = frozenset(
    {
        Situation.RENTAL_NO_SUBSIDY,
        Situation.RENTAL_SUBSIDY,
        Situation.OWNED_NO_SUBSIDY,
        Situation.OWNED_SUBSIDY,
    }
)


OWN_HOME_CHOICES = [(c.value, c.label) for c in Situation if c in OWN_HOME_CODES]


def is_own_home(code: int) -> bool:
    """Sleeping in a home of one's own: the Danish outcome measure (seed 003)."""
    return code in OWN_HOME_CODES
