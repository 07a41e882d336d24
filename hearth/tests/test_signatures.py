"""The one signature path (issue 12 §8): what the pad sends, and "signed on the screen" as a
fact that follows from a drawn signature, never a choice on its own."""

import random

import pytest
from django import forms
from django.core.exceptions import ValidationError

from hearth.signatures import (
    MAX_CHARS,
    OTHER_WAYS,
    AgreementWay,
    SignatureField,
    drawn_signature,
    given_way,
    png_bytes,
    validate_signature,
)
from hearth.testing import TINY_PNG


def test_a_signature_must_be_a_png_data_url_of_bounded_size():
    validate_signature(TINY_PNG)
    validate_signature(drawn_signature(random.Random(1)))
    for bad in (
        "data:image/jpeg;base64,/9j/4AAQ",
        "data:image/png;base64,not base64!",
        "data:image/png;base64,R0lGODlhAQABAAAAACw=",  # a GIF
        "data:image/png;base64," + "A" * MAX_CHARS,
        "javascript:alert(1)",
    ):
        with pytest.raises(ValidationError):
            validate_signature(bad)


def test_the_png_of_a_signature_is_its_decoded_image():
    assert png_bytes(TINY_PNG).startswith(b"\x89PNG\r\n\x1a\n")


def test_signed_on_the_screen_is_not_among_the_ways_a_worker_chooses():
    assert AgreementWay.SIGNED_SCREEN not in dict(OTHER_WAYS)
    assert set(dict(OTHER_WAYS)) == {AgreementWay.SIGNED_PAPER, AgreementWay.AGREED_ALOUD}


def test_a_drawn_signature_makes_the_way_signed_on_the_screen():
    assert given_way(way="", signature=TINY_PNG, witness="") == AgreementWay.SIGNED_SCREEN


def test_signed_on_the_screen_without_a_signature_is_refused():
    with pytest.raises(ValidationError) as refused:
        given_way(way=AgreementWay.SIGNED_SCREEN, signature="", witness="")
    assert "signature" in refused.value.message_dict


def test_a_signature_and_another_way_at_once_are_refused():
    with pytest.raises(ValidationError) as refused:
        given_way(way=AgreementWay.SIGNED_PAPER, signature=TINY_PNG, witness="")
    assert "given_how" in refused.value.message_dict


def test_without_a_signature_the_worker_says_how_it_was_given():
    with pytest.raises(ValidationError) as refused:
        given_way(way="", signature="", witness="")
    assert "given_how" in refused.value.message_dict
    assert given_way(way=AgreementWay.SIGNED_PAPER, signature="", witness="") == "signed_paper"


def test_agreed_aloud_needs_a_witness():
    with pytest.raises(ValidationError) as refused:
        given_way(way=AgreementWay.AGREED_ALOUD, signature="", witness="  ")
    assert "witness" in refused.value.message_dict


def test_a_damaged_signature_is_refused_beside_the_pad():
    with pytest.raises(ValidationError) as refused:
        given_way(way="", signature="data:image/png;base64,R0lGOD", witness="")
    assert "signature" in refused.value.message_dict


class _Signed(forms.Form):
    signature = SignatureField(instead_of="given_how")


def test_the_pad_is_a_fieldset_with_a_legend_undo_clear_and_a_fallback_without_javascript():
    html = str(_Signed()["signature"])
    assert 'type="hidden" name="signature"' in html
    assert "<fieldset" in html and "<legend>Sign here with a finger</legend>" in html
    assert 'role="img"' in html and 'aria-label="Signature"' in html
    # The canvas is reached by Tab and tells a keyboard or screen-reader user the other ways.
    assert 'tabindex="0"' in html and 'aria-describedby="id_signature-hint"' in html
    assert 'id="id_signature-hint"' in html
    assert "data-signature-undo" in html and "data-signature-clear" in html
    assert 'data-signature-instead-of="given_how"' in html
    assert "<noscript>" in html and "hearth/signature.js" in html
    assert "style=" not in html and "<script>" not in html


def test_the_signature_field_refuses_what_is_not_a_png():
    form = _Signed({"signature": "data:image/gif;base64,R0lGOD"})
    assert not form.is_valid() and "signature" in form.errors
