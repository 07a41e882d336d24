"""The header on every page (issue 12 §6): a compact menu on a phone and the people search."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["cases:my_caseload", "visits:agenda", "people:list"])
def test_every_page_of_a_signed_in_user_has_the_people_search_in_its_header(client, world, page):
    client.force_login(world.alice)
    header = client.get(reverse(page)).content.decode().split("</header>")[0]
    form = header.split('<form role="search" class="header-search"')[1].split("</form>")[0]
    assert f'action="{reverse("people:list")}" method="get"' in form
    assert 'name="q"' in form and '<label for="header-search"' in form


def test_the_header_search_sends_the_query_to_the_people_search(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("people:list"), {"q": "imogen"})
    assert [p.pk for p in response.context["persons"]] == [world.p_icm.pk]


def test_the_menu_button_controls_the_list_of_links(client, world):
    client.force_login(world.alice)
    header = client.get(reverse("cases:my_caseload")).content.decode().split("</header>")[0]
    assert 'aria-controls="mainnav" hidden>Menu</button>' in header
    assert '<ul class="mainnav" id="mainnav">' in header


def test_the_sign_in_page_has_neither_menu_nor_search(client):
    header = client.get(reverse("accounts:login")).content.decode().split("</header>")[0]
    assert "header-search" not in header and "menu-toggle" not in header
