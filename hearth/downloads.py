"""Files Hearth hands out: one way to name them, whatever text the name is built from.

File names, spreadsheet sheet titles and Content-Disposition headers are often built from a
user's words or a translated title ("Assessments: change by domain", "Économies / coûts").
Each target refuses different characters: Excel refuses a sheet title with ``[]:*?/\\`` or longer
than 31 characters, Windows a file name with ``<>:"/\\|?*`` or called ``CON``, and a header
must not carry a line break. Everything goes through here, so a download never fails on a word.
"""

import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from hearth.validators import clean_name

SHEET_TITLE_MAX = 31  # Excel's limit
FILENAME_MAX = 120  # characters, well inside every file system's 255 bytes

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILENAME_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in "123456789"
}


def sheet_title(text: str, *, taken: set[str] | None = None) -> str:
    """A worksheet title Excel accepts, unique among ``taken`` (compared as Excel does,
    ignoring case); the title is added to ``taken``."""
    title = _SHEET_FORBIDDEN.sub("-", clean_name(str(text))).strip("' ")
    title = title[:SHEET_TITLE_MAX].rstrip("' ") or "Sheet"
    if taken is not None:
        base, number = title, 2
        while title.casefold() in {t.casefold() for t in taken}:
            suffix = f" ({number})"
            title = base[: SHEET_TITLE_MAX - len(suffix)].rstrip("' ") + suffix
            number += 1
        taken.add(title)
    return title


def safe_filename(stem: str, extension: str) -> str:
    """A file name every operating system accepts, keeping letters of any language."""
    name = _FILENAME_FORBIDDEN.sub("-", clean_name(str(stem))).strip(" .-")
    name = name[:FILENAME_MAX].rstrip(" .") or "download"
    if name.split(".")[0].upper() in _WINDOWS_RESERVED:
        name = f"_{name}"
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)
    return f"{name}.{extension}" if extension else name


def file_response(
    body: bytes | str,
    *,
    stem: str,
    extension: str,
    content_type: str,
    inline: bool = False,
) -> HttpResponse:
    """The response for a generated file, its name made safe and its header well formed
    (RFC 6266: a plain ``filename`` when ASCII, ``filename*`` otherwise)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        not inline, safe_filename(stem, extension)
    )
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
