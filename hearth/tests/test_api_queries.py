"""A list's filter by id takes only what can be an id (hearth.api.query_integer): anything else
leaves the filter out, as a word always did, instead of failing on the database."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FILTERED_LISTS = [
    ("tie-list", "person"),
    ("income_source-list", "person"),
    ("consent-list", "person"),
    ("document-list", "person"),
    ("tenancy-list", "person"),
    ("referral-list", "case"),
    ("plan-list", "case"),
    ("directory_contact-list", "partner"),
    ("barrier_report-list", "program"),
]


@pytest.mark.parametrize("value", ["²", "9" * 30, "١٢"])
@pytest.mark.parametrize(("name", "parameter"), FILTERED_LISTS)
def test_a_list_filtered_by_something_that_is_no_id_answers_unfiltered(
    client, world, name, parameter, value
):
    client.force_login(world.tina)
    unfiltered = client.get(reverse(name)).json()
    response = client.get(reverse(name), {parameter: value})
    assert response.status_code == 200
    assert response.json() == unfiltered
