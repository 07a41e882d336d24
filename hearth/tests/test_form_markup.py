"""includes/form.html, the one way Hearth draws a form's fields: what a screen reader is told
(issue 12 §5; WCAG 1.3.1, 3.3.1, 3.3.2)."""

import re

from django import forms
from django.template.loader import render_to_string


class Visit(forms.Form):
    place = forms.CharField(label="Where", help_text="As the person calls it.")
    mood = forms.ChoiceField(
        label="How it went",
        choices=[("good", "Good"), ("hard", "Hard")],
        widget=forms.RadioSelect,
        help_text="In the person's eyes.",
    )


def _html(form) -> str:
    return render_to_string("includes/form.html", {"form": form})


def test_every_id_a_control_points_to_for_its_help_and_error_is_on_the_page_once():
    html = _html(Visit(data={}))
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert described  # the text box and the group of radio buttons
    for ids in described:
        for id_ in ids.split():
            assert len(re.findall(rf'\bid="{id_}"', html)) == 1, f"{id_} is not on the page once"
    assert 'aria-describedby="id_place_helptext id_place_error"' in html


def test_a_group_of_radio_buttons_is_a_fieldset_named_by_its_legend():
    html = _html(Visit())
    group = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", html, re.S)
    assert group and 'name="mood"' in group.group(1)
    assert re.search(r"<legend>How it went:?</legend>", group.group(1))
    assert 'aria-describedby="id_mood_helptext"' in html.split("<fieldset", 1)[1].split(">")[0]
