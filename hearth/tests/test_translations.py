"""The English, French, Danish and Brazilian Portuguese catalogs stay complete (R38)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "fr", "da", "pt_BR"]
# Hearth's own apps: those that live at the top of the repository.
SOURCE_DIRS = [c.label for c in apps.get_app_configs() if Path(c.path).parent == ROOT]


def _catalog(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalog = _catalog(language)
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:10]}"
    assert not catalog.obsolete_entries(), f"{language}: obsolete entries left in the catalog"


@pytest.mark.parametrize("language", ["fr", "da", "pt_BR"])
def test_translations_keep_their_placeholders(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in _catalog(language).translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(placeholder.findall(text))
            if entry.msgid_plural:
                assert set(found) <= set(expected + placeholder.findall(entry.msgid_plural))
            else:
                assert found == expected, f"{language}: {entry.msgid!r} → {text!r}"


def test_the_catalogs_hold_every_string_in_the_source(tmp_path):
    """Extract the messages from a copy of the source; each must already be in the catalogs."""
    for name in [*SOURCE_DIRS, "manage.py"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                tmp_path / name,
                ignore=shutil.ignore_patterns("__pycache__", "tests", "data"),
            )
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    env = os.environ | {"HEARTH_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "-v0"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    assert len(extracted) > 300  # the extraction itself worked
    ours = {_key(e) for e in _catalog("fr")}
    missing = [e.msgid for e in extracted if _key(e) not in ours]
    assert not missing, f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.parametrize("language", ["fr", "da", "pt_BR"])
def test_every_django_message_is_translated_by_django_or_by_hearth(language):
    """Django's own strings (form errors, blank choices) must also reach the user translated."""
    import django

    base = Path(django.__file__).parent / "conf" / "locale"
    source = {e.msgid for e in polib.pofile(str(base / "en" / "LC_MESSAGES" / "django.po"))}
    django_has = {
        e.msgid
        for e in polib.pofile(str(base / language / "LC_MESSAGES" / "django.po"))
        if e.translated()
    }
    hearth_has = {e.msgid for e in _catalog(language).translated_entries()}
    assert not source - django_has - hearth_has


VALIDATION_MESSAGE_WORDS = (
    "Ensure",
    "Invalid",
    "Must be",
    "Not a valid",
    "Enter a valid",
    "out of range",
    "not allowed",
    "may not be",
    "required",
    "valid",
)


@pytest.mark.parametrize("language", ["fr", "da", "pt_BR"])
def test_every_api_validation_message_is_translated_by_drf_or_by_hearth(language):
    import rest_framework

    base = Path(rest_framework.__file__).parent / "locale"
    source = {
        e.msgid
        for e in polib.mofile(str(base / "en" / "LC_MESSAGES" / "django.mo"))
        if any(word in e.msgid for word in VALIDATION_MESSAGE_WORDS)
    }
    drf_has = {
        e.msgid
        for e in polib.mofile(str(base / language / "LC_MESSAGES" / "django.mo"))
        if e.msgstr or e.msgstr_plural
    }
    hearth_has = {e.msgid for e in _catalog(language).translated_entries()}
    assert not source - drf_has - hearth_has


def test_the_english_catalog_is_the_source_text_itself():
    for entry in _catalog("en"):
        if entry.msgid_plural:
            assert list(entry.msgstr_plural.values()) == [entry.msgid, entry.msgid_plural]
        else:
            assert entry.msgstr == entry.msgid, entry.msgid
