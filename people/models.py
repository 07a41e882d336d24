from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cases.models import Case
from hearth.fields import NameField
from hearth.text import fold
from hearth.validators import TextLimit, past_date, year_not_in_future
from people.identifiers import IdentifierKind, display, masked
from people.languages import PERSON_LANGUAGES


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    ANOTHER = "another", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonQuerySet":
        """Persons with at least one case the user may see (see cases.models)."""
        return self.filter(Exists(Case.objects.visible_to(user).filter(person=OuterRef("pk"))))

    def visible_to_roles(self, user, roles) -> "PersonQuerySet":
        """Persons the user reaches through memberships in ``roles`` only."""
        return self.filter(_reached(user, roles))

    def with_reach(self, user, **roles_by_name) -> "PersonQuerySet":
        """Annotate, in the same query, whether the user reaches each person through
        memberships in each set of roles: ``with_reach(user, may_see_ids=IDENTIFIER_ROLES)``."""
        return self.annotate(
            **{name: _reached(user, roles) for name, roles in roles_by_name.items()}
        )


def _reached(user, roles) -> Exists:
    return Exists(Case.objects.visible_to(user, roles=roles).filter(person=OuterRef("pk")))


class Person(models.Model):
    """Someone Hearth supports. Never deleted, never marked inactive by Hearth (R18)."""

    organisation = models.ForeignKey(
        "programs.Organisation",
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("organisation"),
    )
    given_name = NameField(_("given name"), max_length=100)
    family_name = NameField(_("family name"), max_length=100, blank=True)
    preferred_name = NameField(
        _("preferred name"),
        max_length=100,
        blank=True,
        help_text=_("The name the person wants to be called by."),
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, validators=[past_date])
    birth_date_approximate = models.BooleanField(
        _("date of birth is approximate"),
        default=False,
        help_text=_("Tick when the person knows only the year or roughly their age."),
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    pronouns = models.CharField(
        _("pronouns"),
        max_length=40,
        blank=True,
        help_text=_("How the person wants to be referred to, in their words (e.g. she/her)."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=PERSON_LANGUAGES, blank=True
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    cultural_notes = models.TextField(
        _("culture and preferences"),
        max_length=TextLimit.NOTE,
        blank=True,
        help_text=_("What the person wants the team to know and respect."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), max_length=TextLimit.ADDRESS, blank=True)
    safety_note = models.TextField(
        _("safety for visits"),
        max_length=TextLimit.NOTE,
        blank=True,
        help_text=_(
            "What a colleague visiting for the first time must know to keep everyone safe "
            "(a dog, visit in pairs, how to get in), agreed with the person where possible."
        ),
    )
    search_name = models.CharField(max_length=320, editable=False, db_index=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_name"])

    objects = PersonQuerySet.as_manager()

    # What a worker may edit on a person, in forms and in the API alike.
    EDITABLE_FIELDS = (
        "given_name",
        "family_name",
        "preferred_name",
        "birth_date",
        "birth_date_approximate",
        "gender",
        "pronouns",
        "preferred_language",
        "interpreter_needed",
        "cultural_notes",
        "phone",
        "email",
        "address",
        "safety_note",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.given_name
        return f"{given} {self.family_name}".strip()

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def age(self, *, on: date | None = None) -> int | None:
        if not self.birth_date:
            return None
        on = on or timezone.localdate()
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(f"{self.given_name} {self.family_name} {self.preferred_name}")
        super().save(*args, **kwargs)


class NationalIdentifier(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="identifiers", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IdentifierKind.choices)
    value = models.CharField(_("number"), max_length=20, help_text=_("Stored without spaces."))
    organisation = models.ForeignKey(
        "programs.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("national identifier")
        verbose_name_plural = _("national identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "value"], name="identifier_unique_in_organisation"
            ),
            models.UniqueConstraint(fields=["person", "kind"], name="one_identifier_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.formatted}"

    @property
    def formatted(self) -> str:
        return display(self.kind, self.value)

    @property
    def masked(self) -> str:
        return masked(self.kind, self.value)

    def save(self, *args, **kwargs) -> None:
        self.organisation_id = self.person.organisation_id
        super().save(*args, **kwargs)


class Relationship(models.TextChoices):
    PARTNER = "partner", pgettext_lazy("household member", "Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    OTHER = "other", _("Other")


class HouseholdMember(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="household", verbose_name=_("person")
    )
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    name = NameField(_("name"), max_length=200, blank=True)
    linked_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("also a person in Hearth"),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[year_not_in_future]
    )
    lives_with_person = models.BooleanField(_("lives with the person"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["relationship", "name"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(linked_person__isnull=False),
                name="household_member_named_or_linked",
                violation_error_message=_("Give a name, or choose the person in Hearth."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.linked_person.display_name if self.linked_person_id else self.name
