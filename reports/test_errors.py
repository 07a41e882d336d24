"""A report's errors where the worker is looking (issue 12 §6): beside the field being typed in
when a draft is refused, and in a summary linking to each field when signing is refused."""

import pytest
from django.urls import reverse

from reports.models import Report
from reports.tests import report  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_a_refused_draft_shows_the_error_beside_its_field(client, world, report):  # noqa: F811
    client.force_login(world.alice)
    response = client.post(
        reverse("reports:draft", args=[report.pk]),
        {"version": 0, "home": "Kitchen sorted", "mood": "9"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "Not saved" in body
    slot = body.split('id="id_mood_error" hx-swap-oob="true">')[1].split("</small>")[0]
    assert "Select a valid choice" in slot
    assert 'id="id_home_error" hx-swap-oob="true"></small>' in body  # no error: left empty
    assert Report.objects.get(pk=report.pk).answers == {}


def test_a_saved_draft_clears_the_errors_beside_the_fields(client, world, report):  # noqa: F811
    client.force_login(world.alice)
    response = client.post(
        reverse("reports:draft", args=[report.pk]),
        {"version": 0, "home": "Kitchen sorted", "mood": "4"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "Draft saved" in body
    assert 'id="id_mood_error" hx-swap-oob="true"></small>' in body


def test_each_field_of_the_report_is_described_by_its_error_slot(client, world, report):  # noqa: F811
    client.force_login(world.alice)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert 'aria-describedby="id_home_error"' in page
    assert '<small class="error" id="id_home_error"></small>' in page


def test_a_refused_signature_names_each_missing_field_in_a_summary_and_beside_it(
    client,
    world,
    report,  # noqa: F811
):
    client.force_login(world.alice)
    response = client.post(reverse("reports:sign", args=[report.pk]), {"version": 0, "mood": "3"})
    assert response.status_code == 400
    body = response.content.decode()
    summary = body.split('class="form-errors error-summary"')[1].split("</div>")[0]
    assert "Still to fill in before signing" in summary
    assert '<a href="#id_home">How is the home organised?</a>' in summary
    assert '<a href="#id_budget">Budget made?</a>' in summary
    assert '<small class="error" id="id_budget_error">Fill this in before signing.</small>' in body
    assert not Report.objects.get(pk=report.pk).is_signed


def test_a_draft_saved_more_than_999_times_still_saves(client, world, report):  # noqa: F811
    # The version goes back to the page in a hidden field: unlocalised ("1235", not "1,235").
    Report.objects.filter(pk=report.pk).update(version=1234)
    client.force_login(world.alice)
    url = reverse("reports:draft", args=[report.pk])
    first = client.post(url, {"version": 1234, "home": "Kitchen sorted"}, headers=HTMX)
    assert 'name="version" value="1235"' in first.content.decode()
    second = client.post(
        url, {"version": "1235", "home": "Kitchen sorted, fridge on"}, headers=HTMX
    )
    assert "Draft saved" in second.content.decode()
