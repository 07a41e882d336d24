"""Strings of the frameworks' own that their catalogs lack in one of Hearth's languages.

Listed here so that makemessages puts them in Hearth's catalogs, which take precedence over
Django's: every form and error Hearth shows is then in the user's language. Tests compare
the frameworks' catalogs with ours; when theirs catch up, this file can shrink.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS_MISSING_IN_PT_BR = (
    gettext_noop("- Select an option -"),
    gettext_noop("No %s matches the given query."),
    gettext_noop("“%(value)s” is not a valid binary value."),
)

# Django REST framework's Danish catalog lacks these validation messages (DRF 3.18): the API
# answers Danish users in Danish all the same.
DRF_STRINGS_MISSING_IN_DA = (
    gettext_noop("Datetime value out of range."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop('Invalid datetime for the timezone "{timezone}".'),
    gettext_noop("Invalid input."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Not a valid string."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("This dictionary may not be empty."),
)
