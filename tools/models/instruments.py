"""Instruments are data (R28): versions of a definition (tools/definition.py), and the
assessments taken with them. An answered assessment keeps its version forever."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hearth.validators import past_date
from programs.access import programs_visible_to
from tools import definition as spec


class InstrumentQuerySet(models.QuerySet):
    def for_program(self, program) -> "InstrumentQuerySet":
        """The instruments a program uses: Hearth's built-in ones and its own, in use."""
        return self.filter(
            models.Q(program__isnull=True) | models.Q(program=program), is_active=True
        )

    def visible_to(self, user) -> "InstrumentQuerySet":
        return self.filter(
            models.Q(program__isnull=True) | models.Q(program__in=programs_visible_to(user))
        )

    def with_current_version(self) -> "InstrumentQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "versions",
                queryset=InstrumentVersion.objects.order_by("-number"),
                to_attr="versions_newest_first",
            )
        )


class Instrument(models.Model):
    """A standardised assessment tool. Built-in ones (no program) are Hearth's own wording;
    a program may add the instruments it uses or holds a licence for."""

    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("program"),
        help_text=_("Empty for Hearth's built-in instruments, offered to every program."),
    )
    key = models.SlugField(
        _("key"), max_length=40, help_text=_("A short name for exports and the API.")
    )
    name = models.CharField(_("name"), max_length=200)
    builtin = models.BooleanField(_("built into Hearth"), default=False, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["-builtin", "name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "key"],
                name="one_instrument_key_per_program",
                violation_error_message=_("The program already has an instrument with this key."),
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(program__isnull=True),
                name="one_builtin_instrument_key",
            ),
            models.CheckConstraint(
                condition=models.Q(builtin=False) | models.Q(program__isnull=True),
                name="builtin_instruments_belong_to_no_program",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name) if self.builtin else self.name

    @property
    def current(self) -> "InstrumentVersion | None":
        """The version new assessments are taken with."""
        if hasattr(self, "versions_newest_first"):
            return self.versions_newest_first[0] if self.versions_newest_first else None
        return self.versions.order_by("-number").first()


class InstrumentVersion(models.Model):
    """One version of an instrument's definition; never changed once assessments use it."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="versions", verbose_name=_("instrument")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    definition = models.JSONField(_("domains and items"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instrument", "-number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="one_instrument_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    def display_definition(self) -> dict:
        """The definition in the reader's language (built-in instruments) or as written."""
        if self.instrument.builtin:
            return spec.translated(self.definition)
        return self.definition


class AssessmentQuerySet(models.QuerySet):
    def for_person_section(self, cases) -> "AssessmentQuerySet":
        return (
            self.filter(case__in=cases)
            .select_related("instrument", "instrument_version")
            .order_by("taken_on", "id")
        )


class Assessment(models.Model):
    """An instrument answered with the person, usually during a visit. The case's first one
    of an instrument is its baseline (seed 002: the first impact assessment)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="assessments", verbose_name=_("case")
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("instrument"),
        editable=False,
    )
    instrument_version = models.ForeignKey(
        InstrumentVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("instrument version"),
    )
    contact = models.ForeignKey(
        "visits.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("taken during the visit"),
    )
    taken_on = models.DateField(_("taken on"), default=timezone.localdate, validators=[past_date])
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True, editable=False)
    is_baseline = models.BooleanField(_("baseline"), default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "instrument"],
                condition=models.Q(is_baseline=True),
                name="one_baseline_per_case_and_instrument",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.taken_on}"

    def save(self, *args, **kwargs) -> None:
        if self.instrument_id is None:  # kept beside the version for per-instrument queries
            self.instrument_id = self.instrument_version.instrument_id
        super().save(*args, **kwargs)

    def compute_scores(self) -> dict:
        """Each scored domain's score, by the scoring rules of the version it was taken with."""
        return spec.scores(self.instrument_version.definition, self.answers)

    def clean(self) -> None:
        errors = {}
        problems = spec.check_answers(self.instrument_version.definition, self.answers)
        if problems:
            errors["answers"] = [
                f"{key}: {message}" if key else message for key, message in problems.items()
            ]
        if self.contact_id and self.contact.case_id != self.case_id:
            errors["contact"] = _("This visit belongs to another case.")
        if errors:
            raise ValidationError(errors)

    def domains(self, *, show_sensitive: bool) -> list[dict]:
        """The domains in the reader's language, each with its items, answers and score;
        sensitive domains left out unless the reader's role may see them (R35)."""
        result = []
        for domain in spec.domains_of(self.instrument_version.display_definition()):
            if spec.is_sensitive(domain) and not show_sensitive:
                continue
            result.append(
                {
                    "key": domain["key"],
                    "title": domain["title"],
                    "sensitive": spec.is_sensitive(domain),
                    "scored": spec.is_scored_domain(domain),
                    "score": self.scores.get(domain["key"]),
                    # An unanswered text adds nothing for the reader.
                    "answers": [
                        (item["label"], spec.display_answer(item, self.answers.get(item["key"])))
                        for item in domain["items"]
                        if item["type"] != "text" or self.answers.get(item["key"])
                    ],
                }
            )
        return result

    def has_hidden_domains(self, *, show_sensitive: bool) -> bool:
        return not show_sensitive and any(
            spec.is_sensitive(d) for d in spec.domains_of(self.instrument_version.definition)
        )
