"""Downloads never fail on a word: sheet titles, file names and Content-Disposition headers
built from translated or typed text (issue 12 §1; R36, R37, R39)."""

import csv
import io
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from hearth.downloads import SHEET_TITLE_MAX, file_response, safe_filename, sheet_title
from outcomes.dashboard import dashboard_data

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _filename(response) -> str:
    """The file name a browser reads from the header (RFC 6266 / RFC 2231)."""
    message = EmailMessage()
    message["Content-Disposition"] = response["Content-Disposition"]
    return message.get_filename()


@pytest.mark.parametrize(
    "text",
    [
        "Assessments: change by domain",
        "Économies / coûts [2026] *?\\",
        "'quoted'",
        "A title far longer than the thirty-one characters Excel allows",
        "\u202eevil\u202c name\nwith a break",
        "",
    ],
)
def test_a_sheet_title_made_from_any_text_is_accepted_by_excel(text):
    book = Workbook()
    book.active.title = sheet_title(text)  # openpyxl raises on what Excel refuses
    title = book.active.title
    assert 0 < len(title) <= SHEET_TITLE_MAX
    assert not set(title) & set("[]:*?/\\\n\u202e")
    book.save(io.BytesIO())


def test_sheet_titles_that_clash_once_shortened_are_numbered():
    taken: set[str] = set()
    first = sheet_title("Persons per case manager, by month", taken=taken)
    second = sheet_title("Persons per case manager, by month and team", taken=taken)
    assert first != second
    assert second.endswith("(2)") and len(second) <= SHEET_TITLE_MAX


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("outcomes: Toronto/ICM", "outcomes- Toronto-ICM.csv"),
        ("Résumé du dossier", "Résumé du dossier.csv"),
        ("../../etc/passwd", "etc-passwd.csv"),
        ("CON", "_CON.csv"),
        ("line\r\nInjected: header", "line Injected- header.csv"),
        ("", "download.csv"),
    ],
)
def test_a_file_name_is_safe_on_every_system(stem, expected):
    assert safe_filename(stem, "csv") == expected


def test_a_header_carries_a_non_ascii_name_readably():
    response = file_response(b"x", stem="København: økonomi", extension="pdf", content_type="x")
    assert response["Content-Disposition"].startswith("attachment;")
    assert _filename(response) == "København- økonomi.pdf"
    assert "\n" not in response["Content-Disposition"]


def _check_file(response, fmt: str, language: str, what: str) -> None:
    assert response.status_code == 200, f"{what} in {language}: {response.status_code}"
    name = _filename(response)
    assert name and name.endswith(f".{fmt}"), f"{what} in {language}: {name!r}"
    body = response.content
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(body))
        assert book.active.max_row >= 1
    elif fmt == "csv":
        assert next(csv.reader(io.StringIO(body.decode("utf-8"))))
    else:
        assert body.startswith(b"%PDF")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_export_of_every_dashboard_downloads_in_every_language(client, world, language):
    """The program and organisation dashboards' tables as CSV and Excel, the board's PDF, and
    the barrier report's spreadsheet and CSV, each in every interface language."""
    world.dora.language = language  # the data administrator may open all of them
    world.dora.save()
    client.force_login(world.dora)
    program = world.icm_team.program
    today = timezone.localdate()
    period = {"start": today - timedelta(days=365), "end": today, "today": today}
    pages = [
        (reverse("outcomes:dashboard", args=[program.pk]), dashboard_data(program, **period)),
        (
            reverse("outcomes:organisation_dashboard", args=[program.organisation_id]),
            dashboard_data(organisation=program.organisation, **period),
        ),
    ]
    downloads = 0
    for url, data in pages:
        for key in data["tables"]:
            for fmt in ("csv", "xlsx"):
                response = client.get(url, {"export": key, "format": fmt})
                _check_file(response, fmt, language, f"{url} {key}")
                downloads += 1
        response = client.get(url, {"export": "report", "format": "pdf"})
        _check_file(response, "pdf", language, f"{url} board report")
    for fmt in ("xlsx", "csv"):
        response = client.get(reverse("referrals:barrier_report"), {"export": fmt})
        _check_file(response, fmt, language, "barrier report")
    assert downloads >= 20  # every table of both dashboards was tried
