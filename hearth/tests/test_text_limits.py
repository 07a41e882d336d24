"""The limit of a text area shown beside it (issue 12 §2): the data the widget carries, and the
counter in Chromium, which counts as the person types, in their language, is read out only near
the limit, and says when the text is too long."""

import pytest
from django import forms
from django.urls import reverse

from hearth import testing as t


class _Form(forms.Form):
    note = forms.CharField(max_length=2000, widget=forms.Textarea)


def test_a_text_area_with_a_limit_carries_it_and_its_words_instead_of_a_maxlength():
    html = str(_Form()["note"])
    assert 'data-limit="2000"' in html
    assert 'data-limit-text="{count} of {limit} characters"' in html
    assert "Too long: {count} of at most {limit} characters. Shorten it to save." in html
    assert "maxlength" not in html


@pytest.mark.django_db
def test_the_persons_text_areas_show_their_limit_instead_of_cutting_the_text(client, world):
    client.force_login(world.alice)
    body = client.get(reverse("people:edit", args=[world.p_icm.pk])).content.decode()
    assert 'name="cultural_notes"' in body
    start = body.index('<textarea name="cultural_notes"')
    tag = body[start : body.index(">", start)]
    assert 'data-limit="2000"' in tag
    assert 'data-limit-text="{count} of {limit} characters"' in tag
    assert "maxlength" not in tag


def _sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/caseload/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_worker_sees_how_much_of_a_notes_limit_is_used_as_she_types(live_server, phone):
    team = t.make_team(name="Centre")
    worker = t.make_user(username="lea", password="un mot de passe solide")
    worker.language = "fr"
    worker.save()
    t.add_member(worker, team=team)
    person = t.make_case(team=team, by=worker, given_name="Ana", family_name="Lima").person
    _sign_in(phone, live_server, "lea", "un mot de passe solide")
    phone.goto(f"{live_server.url}/people/{person.pk}/edit/")

    notes = phone.locator("#id_cultural_notes")
    counter = phone.locator("#id_cultural_notes-limit")
    assert "0" in counter.inner_text() and "2\u202f000" in counter.inner_text()
    assert counter.get_attribute("aria-live") is None
    assert notes.get_attribute("aria-describedby").endswith("id_cultural_notes-limit")

    notes.press_sequentially("Aime le thé", delay=10)
    assert counter.inner_text().startswith("11 ")

    notes.fill("x" * 1_850)  # near the limit: now read out, politely
    notes.press_sequentially("y")
    assert counter.inner_text().startswith("1\u202f851 ")
    assert counter.get_attribute("aria-live") == "polite"

    notes.fill("x" * 2_001)  # the browser cuts nothing off; the counter says it is too long
    notes.press_sequentially("z")
    assert notes.input_value() == "x" * 2_001 + "z"
    assert "text-limit-over" in counter.get_attribute("class")
    assert "2\u202f002" in counter.inner_text()

    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_selector(".field.has-error")
    assert "2000" in phone.locator(".field.has-error .error").first.inner_text()
    person.refresh_from_db()
    assert person.cultural_notes == ""
