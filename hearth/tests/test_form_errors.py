"""Form errors where the person is looking (issue 12 §6): includes/form.html opens a failed
form with a summary linking to each field, and names each error beside its field."""

from django import forms
from django.template.loader import render_to_string


class VisitForm(forms.Form):
    on = forms.DateField(label="Date of the visit", help_text="As day/month/year.")
    minutes = forms.IntegerField(label="Minutes", min_value=5)
    place = forms.ChoiceField(
        label="Place", choices=[("home", "Home"), ("office", "Office")], widget=forms.RadioSelect
    )

    def clean(self):
        raise forms.ValidationError("Someone else changed this record.")


def _render(data) -> str:
    return render_to_string("includes/form.html", {"form": VisitForm(data)})


def test_a_failed_form_opens_with_a_summary_linking_to_each_field():
    html = _render({"on": "soon", "minutes": "2"})
    summary = html.split('<div class="form-errors error-summary" role="alert" tabindex="-1">')[1]
    summary = summary.split("</div>")[0]
    assert "Someone else changed this record." in summary
    assert '<a href="#id_on">Date of the visit</a>: Enter a valid date.' in summary
    assert '<a href="#id_minutes">Minutes</a>:' in summary
    assert '<a href="#id_place">Place</a>: This field is required.' in summary


def test_each_error_sits_beside_its_field_under_the_id_the_field_points_to():
    html = _render({"on": "soon", "minutes": "2"})
    assert 'aria-describedby="id_on_helptext id_on_error"' in html
    assert '<small class="error" id="id_on_error">Enter a valid date.</small>' in html
    assert '<small class="help" id="id_on_helptext">As day/month/year.</small>' in html
    assert html.count('id="id_minutes_error"') == 1


def test_a_form_without_errors_has_no_summary():
    assert "error-summary" not in render_to_string("includes/form.html", {"form": VisitForm()})
