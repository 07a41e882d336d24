"""Names in the reader's alphabetical order, the same on SQLite and PostgreSQL (issue 12 §7)."""

import pytest
from django.utils import translation

from hearth import testing as t
from hearth.collation import by_name, sort_key
from people.models import Person

pytestmark = pytest.mark.django_db

ORDERS = {
    # Accents count only after the letters: Bélanger among the Be…, before Bouchard.
    "fr": ["Bélanger", "Bernier", "Bouchard", "Côté", "Cyr", "Zola"],
    "en": ["Bélanger", "Bernier", "Bouchard", "Côté", "Cyr", "Zola"],
    "pt-br": ["Sá", "Silva", "Souza", "Órfão", "Oliveira"],
    # Danish: Æ, Ø, Å after Z, and Aa (in names) sorts as Å, after it (ICU's da rules).
    "da": ["Andersen", "Zahle", "Ærø", "Østergaard", "Åberg", "Ågård", "Aagaard"],
}
EXPECTED = {
    "fr": ["Bélanger", "Bernier", "Bouchard", "Côté", "Cyr", "Zola"],
    "en": ["Bélanger", "Bernier", "Bouchard", "Côté", "Cyr", "Zola"],
    "pt-br": ["Oliveira", "Órfão", "Sá", "Silva", "Souza"],
    "da": ["Andersen", "Zahle", "Ærø", "Østergaard", "Åberg", "Ågård", "Aagaard"],
}


def _persons(family_names: list[str]) -> list[int]:
    organisation = t.make_organisation(name="Collation")
    user = t.make_user(username="collator")
    # Created in reverse so that no order of insertion can pass for the right order.
    return [
        t.make_person(organisation=organisation, created_by=user, family_name=name).pk
        for name in reversed(family_names)
    ]


@pytest.mark.parametrize("language", sorted(ORDERS))
def test_the_database_sorts_names_in_the_readers_language(language):
    ids = _persons(ORDERS[language])
    with translation.override(language):
        names = list(
            Person.objects.filter(pk__in=ids)
            .order_by(*by_name())
            .values_list("family_name", flat=True)
        )
    assert names == EXPECTED[language]


@pytest.mark.parametrize("language", sorted(ORDERS))
def test_python_sorts_names_as_the_database_does(language):
    assert sorted(ORDERS[language], key=sort_key(language)) == EXPECTED[language]


def test_the_same_names_sort_differently_in_danish_and_french():
    ids = _persons(["Østergaard", "Zahle", "Aagaard", "Olsen"])

    def order(language):
        with translation.override(language):
            return list(
                Person.objects.filter(pk__in=ids)
                .order_by(*by_name())
                .values_list("family_name", flat=True)
            )

    assert order("da") == ["Olsen", "Zahle", "Østergaard", "Aagaard"]
    assert order("fr") == ["Aagaard", "Olsen", "Østergaard", "Zahle"]


def test_given_names_break_ties_between_family_names():
    organisation = t.make_organisation(name="Collation")
    user = t.make_user(username="collator")
    for given in ["Émile", "Zoé", "Eva"]:
        t.make_person(
            organisation=organisation, created_by=user, family_name="Roy", given_name=given
        )
    with translation.override("fr"):
        given_names = list(
            Person.objects.filter(family_name="Roy")
            .order_by(*by_name())
            .values_list("given_name", flat=True)
        )
    assert given_names == ["Émile", "Eva", "Zoé"]
