"""Benchmarks a program measures its outcomes against (R25, R36)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models import Country, ServiceModel


class MeasureCode(models.TextChoices):
    OUT_OF_HOMELESSNESS = "out_of_homelessness", _("Share out of homelessness at the end")
    RETENTION_12M = "retention_12m", _("Share still housed one year after move-in")
    DAYS_HOUSED = "days_housed", _("Share of days housed")


# Each country's own evidence (docs/architecture.md; R25, R36), by (service model, country);
# a country of None is the model's default wherever no national figure exists. A program with
# no default is held to nothing until its managers set a target (the benchmarks page).
DEFAULTS: dict[tuple[str, str | None], list[tuple[str, Decimal, object]]] = {
    (ServiceModel.ICM, Country.DENMARK): [
        (
            MeasureCode.OUT_OF_HOMELESSNESS,
            Decimal("0.80"),
            _("Danish ICM: 8 of 10 out of homelessness"),
        ),
    ],
    # At Home/Chez Soi, ICM for moderate needs: 62.7–77.2% of days stably housed over two years
    # in the four cities, against 29.7–38.8% with usual care (Stergiopoulos et al. 2015).
    (ServiceModel.ICM, Country.CANADA): [
        (
            MeasureCode.DAYS_HOUSED,
            Decimal("0.63"),
            # xgettext:no-python-format
            _("At Home/Chez Soi (ICM): at least 63% of days stably housed"),
        ),
    ],
    (ServiceModel.CTI, Country.DENMARK): [
        (
            MeasureCode.OUT_OF_HOMELESSNESS,
            Decimal("0.80"),
            _("Danish Housing First: 8 of 10 out of homelessness"),
        ),
    ],
    (ServiceModel.ACT, None): [
        (
            MeasureCode.RETENTION_12M,
            Decimal("0.73"),
            # xgettext:no-python-format
            _("At Home/Chez Soi (ACT): 73% stably housed after one year"),
        ),
    ],
}


def defaults_for(program) -> list[tuple[str, Decimal, object]]:
    """The benchmarks a program is held to until its managers set their own: its country's
    figures for its model, else the model's figures found anywhere, else none."""
    country = program.organisation.country
    return DEFAULTS.get((program.model, country)) or DEFAULTS.get((program.model, None), [])


def default_label(program, code: str, target: Decimal | None) -> str:
    """The wording of the program's default benchmark while its target is kept, else of the
    measure itself (a default "8 of 10" would misname a target of 85 %), in the reader's
    language."""
    for default_code, default_target, label in defaults_for(program):
        if default_code == code and target == default_target:
            return str(label)
    return str(MeasureCode(code).label)


class BenchmarkQuerySet(models.QuerySet):
    def for_program(self, program, *, measured_only: bool = True) -> list["Benchmark"]:
        """One benchmark per measure the program is held to, in MeasureCode order: its own
        where a manager set one, otherwise its model's default (not saved: reading the
        dashboard writes nothing). ``measured_only=False`` adds every other measure with no
        target, for the page that edits them. One query."""
        own = {b.code: b for b in self.filter(program=program)}
        for benchmark in own.values():
            benchmark.program = program  # the label reads its model: no query per row
        defaults = {code: target for code, target, _label in defaults_for(program)}
        found = []
        for code in MeasureCode.values:
            benchmark = own.get(code) or Benchmark(
                program=program, code=code, target=defaults.get(code)
            )
            if benchmark.target is not None or not measured_only:
                found.append(benchmark)
        return found


class Benchmark(models.Model):
    """A target share for one measure of a program, e.g. 0.80 out of homelessness."""

    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="benchmarks",
        verbose_name=_("program"),
    )
    code = models.CharField(_("measure"), max_length=32, choices=MeasureCode.choices)
    target = models.DecimalField(
        _("target share"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_(
            "A share between 0 and 1, for example 0.80 for 8 of 10. Empty: the program is not "
            "held to this measure."
        ),
    )
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the wording of the program's model."),
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = BenchmarkQuerySet.as_manager()

    class Meta:
        ordering = ["program", "code"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="one_benchmark_per_measure"),
            models.CheckConstraint(
                condition=models.Q(target__gte=0) & models.Q(target__lte=1),
                name="benchmark_target_is_a_share",
            ),
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def target_percent(self) -> Decimal | None:
        return None if self.target is None else self.target * 100

    @property
    def display_label(self) -> str:
        return self.label or default_label(self.program, self.code, self.target)

    def is_met(self, value) -> bool | None:
        """Met when the measured share reaches the target (equal counts as met); None
        without a measured value or a target."""
        if value is None or self.target is None:
            return None
        return Decimal(str(value)) >= self.target
