"""Hearth's icon (issue 12 §7): browsers ask for /favicon.ico on every page, signed in or not."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_answers_an_icon_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO file header


def test_favicon_ico_may_be_cached_by_the_browser(client):
    cache_control = client.get("/favicon.ico")["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=604800" in cache_control


def test_every_page_links_the_svg_icon_and_it_is_served(client, world):
    client.force_login(world.alice)
    page = client.get("/people/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert link, "base.html links no icon"
    icon = client.get(link.group(1))
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
