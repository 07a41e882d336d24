from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from accounts.models import User
from programs.models import Membership, Team
from roster.models import Shift

# What <input type="datetime-local"> sends and shows: local wall-clock time to the minute.
INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", INPUT_FORMAT)
        super().__init__(**kwargs)


class TeamDateTimeField(forms.DateTimeField):
    """A date and time read and shown in the team's time zone, not the viewer's: the lead of
    a Copenhagen team rosters Copenhagen hours wherever they sit."""

    widget = DateTimeLocalInput
    zone: ZoneInfo | None = None

    def to_python(self, value) -> datetime | None:
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(self.zone):
            return super().prepare_value(value)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ShiftForm(forms.ModelForm):
    class Meta:
        model = Shift
        fields = ["user", "kind", "starts_at", "ends_at", "note"]
        field_classes = {
            "user": StaffChoiceField,
            "starts_at": TeamDateTimeField,
            "ends_at": TeamDateTimeField,
        }

    def __init__(self, *args, team: Team, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        staff = Membership.objects.active().filter(team=team).values("user_id")
        self.fields["user"].queryset = User.objects.filter(pk__in=staff).order_by(
            "last_name", "first_name"
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].zone = zone
