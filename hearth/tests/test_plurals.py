"""Every count goes through ngettext, and every plural has its language's forms (issue 12 §7;
R38). Checked over the catalogs, the Python source and the templates, so that "1 contacts in
24 h" cannot come back in a new string."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [Path(c.path) for c in apps.get_app_configs() if Path(c.path).parent == ROOT]
LANGUAGES = ["en", "fr", "da", "pt_BR"]

# A placeholder holds a count when its name says so, when it is formatted as a whole number
# (%(n)d), or when an English plural follows it ("%(d)s contacts"). A count with a word after
# it ("%(n)s persons", "%(n)s reviewed") needs a plural form: the word changes with the number
# in every language, an adjective too in French, Danish and Portuguese.
COUNT_NAMES = {
    "n",
    "count",
    "total",
    "persons",
    "people",
    "cases",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "age",
    "required",
    "followed",
    "open",
    "all",
    "free",
    "gaps",
}
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|\{(\w+)\}")
# A unit symbol after the number does not change with it: "12 h", "85 %".
UNIT_AFTER = re.compile(r"\s*(h\b|%%|%)")
WORD_AFTER = re.compile(r"\s+([^\W\d_][\w-]*)")
# Words ending in "s" after a placeholder that are verbs, not plurals ("%(where)s needs a title").
VERBS = {"is", "has", "was", "does", "needs", "holds", "gets", "says", "wants"}

# Messages with a count placeholder before a word that need no plural, each with why.
NOT_COUNTS = {
    # Django REST framework's own messages, kept verbatim in hearth/framework_strings.py so that
    # its validation errors find Hearth's translation; DRF itself has no plural for them.
    "Ensure this field has at least {min_length} elements.",
    "Ensure this field has no more than {max_length} elements.",
}


def _catalog(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def counts_before_words(msgid: str) -> list[str]:
    """The count placeholders of ``msgid`` that a word follows (so the word depends on them)."""
    found = []
    for match in PLACEHOLDER.finditer(msgid):
        name = match.group(1) or match.group(3)
        rest = msgid[match.end() :]
        word = WORD_AFTER.match(rest)
        if not word or UNIT_AFTER.match(rest):
            continue
        plural_after = word.group(1).endswith("s") and word.group(1) not in VERBS
        named = name in COUNT_NAMES or name.endswith("_count") or match.group(2) == "d"
        if named or plural_after:
            found.append(name)
    return found


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("%(n)s persons on the caseload", ["n"]),
        ("%(d)s contacts in 24 h, %(w)s in 7 days", ["d"]),
        ("%(n)s reviewed", ["n"]),
        ("%(where)s needs a title.", []),
        ("%(kept)s of %(open)s open cases", ["open"]),
        ("%(hours)s h uncovered", []),
        ("Page %(number)s of %(total)s", []),
        ("at most %(n)s", []),
        ("%(n)d strong", ["n"]),
        ("Version %(number)s saved.", []),
    ],
)
def test_the_heuristic_finds_counts_before_words(msgid, expected):
    assert counts_before_words(msgid) == expected


def test_every_message_with_a_count_before_a_word_has_a_plural_form():
    missing = [
        f"{e.msgid!r} ({e.occurrences[0][0] if e.occurrences else '?'})"
        for e in _catalog("en")
        if not e.msgid_plural and counts_before_words(e.msgid) and e.msgid not in NOT_COUNTS
    ]
    assert not missing, "use ngettext / {% blocktranslate count %}: " + "; ".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_entry_has_all_the_forms_its_language_asks_for(language):
    catalog = _catalog(language)
    header = catalog.metadata["Plural-Forms"]
    nplurals = int(re.search(r"nplurals=(\d+)", header).group(1))
    plurals = [e for e in catalog if e.msgid_plural and not e.obsolete]
    assert len(plurals) > 40  # the catalogs do hold Hearth's plurals
    for entry in plurals:
        forms = entry.msgstr_plural
        assert sorted(forms) == list(range(nplurals)), f"{language}: {entry.msgid!r}"
        assert all(forms.values()), f"{language}: a form of {entry.msgid!r} is empty"


def _python_files():
    for directory in SOURCE_DIRS:
        for path in directory.rglob("*.py"):
            parts = set(path.relative_to(ROOT).parts)
            if not parts & {"migrations", "tests", "management"} and "test" not in path.name:
                yield path


GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "npgettext"}


def _is_gettext(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT
    )


def glued_lines(source: str) -> list[int]:
    """Lines where translated words are joined to another value outside the message:
    ``f"{n} {_('persons')}"`` or ``str(n) + _(" persons")`` cannot be translated right."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            translated = [v for v in values if _is_gettext(v)]
            if translated and len(translated) < len(values):
                lines.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            if any(_is_gettext(side) for side in sides) and not all(
                _is_gettext(side) or isinstance(side, ast.Constant | ast.JoinedStr)
                for side in sides
            ):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    ("source", "glued"),
    [
        ("f\"{n} {_('persons')}\"", True),
        ("str(n) + _(' persons')", True),
        ("f\" · {_('Interpreter needed')}\"", False),
        ("_('%(n)s persons') % {'n': n}", False),
    ],
)
def test_the_source_check_finds_numbers_glued_to_translated_words(source, glued):
    assert bool(glued_lines(source)) is glued


def test_no_python_code_glues_a_number_to_translated_words():
    glued = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _python_files()
        for line in glued_lines(path.read_text(encoding="utf-8"))
    ]
    assert not glued, glued


def _templates():
    for directory in SOURCE_DIRS:
        yield from directory.rglob("templates/**/*.html")
        yield from directory.rglob("templates/**/*.txt")


BESIDE = re.compile(r"\{\{[^}]*\}\}\s*\{%\s*(translate|trans)\s+\"[a-z]")
BLOCK = re.compile(r"\{%\s*blocktranslate\b([^%]*)%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
TIME_VALUE = re.compile(r"(\w+)=\S*\|(?:time|date:\"\w*DATETIME\w*\")")


def times_before_a_full_stop(template: str) -> list[str]:
    """Blocktranslates whose time ("5:29 a.m.") is followed by the sentence's full stop."""
    found = []
    for options, body in BLOCK.findall(template):
        for name in TIME_VALUE.findall(options):
            if re.search(r"\{\{\s*" + name + r"\s*\}\}\.", body):
                found.append(body.strip()[:60])
    return found


@pytest.mark.parametrize(
    ("template", "found"),
    [
        ('{{ n }} {% translate "persons" %}', "beside"),
        ("{% blocktranslate count n=x %}{{ n }} person{% plural %}…{% endblocktranslate %}", ""),
        (
            '{% blocktranslate with time=at|time:"TIME_FORMAT" %}Saved at {{ time }}.'
            "{% endblocktranslate %}",
            "stop",
        ),
        (
            '{% blocktranslate with when=at|date:"SHORT_DATETIME_FORMAT" %}Signed on {{ when }} '
            "by {{ name }}.{% endblocktranslate %}",
            "",
        ),
    ],
)
def test_the_template_checks_find_what_they_look_for(template, found):
    assert bool(BESIDE.search(template)) is (found == "beside")
    assert bool(times_before_a_full_stop(template)) is (found == "stop")


def test_no_template_puts_a_number_beside_a_translated_word():
    """``{{ n }} {% translate "persons" %}``: the number belongs inside a blocktranslate count."""
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in _templates()
        for m in BESIDE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_no_sentence_ends_with_a_time_and_a_full_stop():
    """English times end in "a.m." or "p.m.": "Draft saved at 5:29 a.m.." had two stops."""
    found = [
        f"{path.relative_to(ROOT)}: {body}"
        for path in _templates()
        for body in times_before_a_full_stop(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
