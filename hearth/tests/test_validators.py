"""The shared plausibility rules (hearth/validators.py, issue 12 §2)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hearth.validators import (
    AmountRange,
    check_period,
    clean_identifier,
    clean_name,
    far_date,
    near_date,
    non_negative_amount,
    past_date,
    positive_amount,
    visible_name,
    year_not_in_future,
)
from money.models import IncomeSource


def _refused(validator, value) -> str:
    with pytest.raises(ValidationError) as refused:
        validator(value)
    return refused.value.messages[0]


def test_a_past_date_is_from_1900_to_today():
    today = timezone.localdate()
    past_date(date(1900, 1, 1))
    past_date(today)
    assert _refused(past_date, date(1899, 12, 31)) == (
        "Please check the year: this date is before 1900."
    )
    assert _refused(past_date, today + timedelta(days=1)) == "This date is in the future."


def test_a_moment_later_today_is_in_the_future():
    past_date(timezone.now() - timedelta(minutes=1))
    assert _refused(past_date, timezone.now() + timedelta(hours=1)) == (
        "This date is in the future."
    )


def test_what_is_arranged_ahead_may_be_ahead_but_not_for_years():
    today = timezone.localdate()
    near_date(today + timedelta(days=300))
    far_date(today + timedelta(days=9 * 365))
    assert _refused(near_date, today + timedelta(days=3 * 365)) == (
        "Please check the date: it is more than 2 years ahead."
    )
    assert "more than 10 years ahead" in _refused(far_date, today + timedelta(days=11 * 365))
    assert "before 1900" in _refused(near_date, datetime(1850, 1, 1, tzinfo=timezone.UTC))


def test_a_year_of_birth_is_from_1900_to_this_year():
    year_not_in_future(1900)
    year_not_in_future(timezone.localdate().year)
    assert _refused(year_not_in_future, 1899) == "Please check the year: this date is before 1900."
    assert _refused(year_not_in_future, timezone.localdate().year + 1) == (
        "This date is in the future."
    )


def test_a_period_ending_before_it_starts_is_refused_naming_both_fields():
    income = IncomeSource(started_on=date(2025, 5, 1), ended_on=date(2025, 4, 30))
    with pytest.raises(ValidationError) as refused:
        check_period(income, "started_on", "ended_on")
    assert refused.value.message_dict == {
        "ended_on": ["“Paid until” cannot be before “Paid since”."]
    }
    income.ended_on = date(2025, 5, 1)
    check_period(income, "started_on", "ended_on")  # the same day is a period


def test_a_period_message_is_in_the_readers_language():
    income = IncomeSource(started_on=date(2025, 5, 1), ended_on=date(2025, 4, 30))
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        check_period(income, "started_on", "ended_on")
    assert "Paid until" not in refused.value.messages[0]


def test_amounts_are_not_negative_and_stay_below_the_ceiling():
    non_negative_amount(Decimal("0"))
    non_negative_amount(Decimal("1000000"))
    assert _refused(non_negative_amount, Decimal("-0.01")) == "The amount cannot be negative."
    assert _refused(non_negative_amount, Decimal("1000000.01")) == (
        "Please check this amount: it is above 1,000,000."
    )
    assert _refused(positive_amount, Decimal("0")) == "Give an amount above zero."
    assert AmountRange(ceiling=10) == AmountRange(ceiling=10) != non_negative_amount


def test_the_ceiling_is_written_the_readers_way():
    with translation.override("da"):
        assert "1.000.000" in _refused(non_negative_amount, Decimal("2000000"))


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("Ana\u202e Silva", "Ana Silva"),  # right-to-left override
        ("\u202aJosé\u202c", "José"),  # left-to-right embedding … pop
        ("\u2066Mette\u2069", "Mette"),  # isolates
        ("So\u200bren", "Soren"),  # zero-width space
        ("\ufeffLéa", "Léa"),  # byte order mark
        ("Ma\u2060ria\u200e", "Maria"),  # word joiner, left-to-right mark
        ("\u061cعلي", "علي"),  # Arabic letter mark
        ("Jo\u00adhn", "John"),  # soft hyphen
        ("Jose\u0301", "José"),  # decomposed: stored in NFC
        ("  Ana \t Maria\n", "Ana Maria"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ between Persian letters is spelling
        ("\u200dAna\u200c", "Ana"),  # a joiner that joins nothing hides something
    ],
)
def test_a_name_is_stored_as_it_reads(typed, stored):
    assert clean_name(typed) == stored


def test_a_name_of_only_invisible_characters_is_refused():
    visible_name("Ana")
    assert "only invisible characters" in _refused(visible_name, "\u202e\u200b")


def test_an_identifier_loses_invisible_characters_and_full_width_digits():
    assert clean_identifier("\u200b１３０ 692\u202e544") == "130 692544"
