"""Benchmarks a program measures its outcomes against (R25, R36)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programs.models import ServiceModel


class MeasureCode(models.TextChoices):
    OUT_OF_HOMELESSNESS = "out_of_homelessness", _("Share out of homelessness at the end")
    RETENTION_12M = "retention_12m", _("Share still housed one year after move-in")
    DAYS_HOUSED = "days_housed", _("Share of days housed")


# Defaults from shared/reference/models-and-standards.md, per service model.
DEFAULTS: dict[str, list[tuple[str, Decimal, object]]] = {
    ServiceModel.ICM: [
        (
            MeasureCode.OUT_OF_HOMELESSNESS,
            Decimal("0.80"),
            _("Danish ICM: 8 of 10 out of homelessness"),
        ),
    ],
    ServiceModel.CTI: [
        (
            MeasureCode.OUT_OF_HOMELESSNESS,
            Decimal("0.80"),
            _("Danish Housing First: 8 of 10 out of homelessness"),
        ),
    ],
    ServiceModel.ACT: [
        (
            MeasureCode.RETENTION_12M,
            Decimal("0.73"),
            # xgettext:no-python-format
            _("At Home/Chez Soi (ACT): 73% stably housed after one year"),
        ),
    ],
}


class BenchmarkQuerySet(models.QuerySet):
    def for_program(self, program) -> list["Benchmark"]:
        """The program's benchmarks, the defaults of its model created when missing (one query
        once they exist)."""
        found = list(self.filter(program=program))
        have = {b.code for b in found}
        missing = [
            Benchmark(program=program, code=code, target=target, label=str(label))
            for code, target, label in DEFAULTS.get(program.model, [])
            if code not in have
        ]
        if missing:
            Benchmark.objects.bulk_create(missing, ignore_conflicts=True)
            found = list(self.filter(program=program))
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
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("A share between 0 and 1, for example 0.80 for 8 of 10."),
    )
    label = models.CharField(_("label"), max_length=200)
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
        return self.label

    def is_met(self, value) -> bool | None:
        """Met when the measured share reaches the target (equal counts as met); None
        without a measured value."""
        if value is None:
            return None
        return Decimal(str(value)) >= self.target
