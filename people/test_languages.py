"""A person's language, named in the reader's language (issue 12 §7; R33, R38)."""

import re

import pytest
from babel import Locale
from django.urls import reverse
from django.utils import translation

from hearth.collation import sort_key
from people.languages import OTHER, PERSON_LANGUAGES, choices_in_reader_order

pytestmark = pytest.mark.django_db

DANISH = {"en": "Danish", "fr": "Danois", "da": "Dansk", "pt-br": "Dinamarquês"}
BRAZILIAN = {
    "en": "Brazilian Portuguese",
    "fr": "Portugais brésilien",
    "da": "Brasiliansk portugisisk",
    "pt-br": "Português (Brasil)",
}


def _reader(user, language):
    user.language = language
    user.save(update_fields=["language"])


@pytest.mark.parametrize("reader", sorted(DANISH))
def test_a_persons_language_is_named_in_the_readers_language(world, reader):
    person = world.p_icm
    with translation.override(reader):
        person.preferred_language = "da"
        assert person.get_preferred_language_display() == DANISH[reader]
        person.preferred_language = "pt-br"
        assert person.get_preferred_language_display() == BRAZILIAN[reader]


@pytest.mark.parametrize("reader", ["fr", "da", "pt-br"])
def test_every_language_has_its_own_name_in_each_interface_language(reader):
    names = Locale.parse(translation.to_locale(reader)).languages
    for code, _name in PERSON_LANGUAGES:
        if code != OTHER and "-" not in code:
            assert code in names, f"CLDR has no {reader} name for {code}: it would show English"


def test_the_person_page_names_the_language_in_the_readers_language(client, world):
    world.p_icm.preferred_language = "pt-br"
    world.p_icm.save()
    _reader(world.alice, "fr")
    client.force_login(world.alice)
    body = client.get(reverse("people:detail", args=[world.p_icm.pk])).content.decode()
    assert "Portugais brésilien" in body
    assert "Brazilian Portuguese" not in body


def _options(body: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


@pytest.mark.parametrize("reader", ["fr", "da", "pt-br"])
def test_the_language_list_when_a_case_is_opened_is_named_and_sorted_for_the_reader(
    client, world, reader
):
    _reader(world.alice, reader)
    client.force_login(world.alice)
    body = client.get(reverse("cases:open")).content.decode()
    labels = _options(body, "p-preferred_language")[1:]  # after the blank choice
    assert DANISH[reader] in labels and "Danish" not in labels
    with translation.override(reader):
        other = str(dict(PERSON_LANGUAGES)[OTHER])
        assert labels[-1] == other
        assert labels[:-1] == sorted(labels[:-1], key=sort_key(reader))


def test_the_danish_list_puts_a_language_beginning_with_oe_after_z():
    with translation.override("da"):
        names = [name for _code, name in choices_in_reader_order()]
    assert names.index("Walisisk") < names.index("Øvresorbisk") == len(names) - 2
    assert names[-1] == "Et andet sprog"
