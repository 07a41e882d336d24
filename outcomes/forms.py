from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.forms import VersionedModelForm
from outcomes.models import Benchmark


class BenchmarkForm(VersionedModelForm):
    """The target as a percentage (what a program manager writes), kept as a share."""

    target_percent = forms.DecimalField(
        label=_("Target (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=1,
        help_text=_("For example 80 for 8 of 10. Empty: the program is not held to this measure."),
    )

    class Meta:
        model = Benchmark
        fields = ["target_percent", "label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.target is not None:
            # 80, not 80.000 nor 8E+1
            percent = self.instance.target_percent.normalize()
            self.fields["target_percent"].initial = Decimal(f"{percent:f}")
        self.fields["label"].widget.attrs["placeholder"] = self.instance.display_label

    def clean(self):
        cleaned = super().clean()
        percent = cleaned.get("target_percent")
        self.instance.target = None if percent is None else percent / 100
        return cleaned
