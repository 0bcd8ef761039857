"""Dates, times and numbers as each language writes them (Babel), in the minutes and the
exports; French typography in the catalogs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from exports.minutes import compose_minutes
from facilitation.localized import clock, decimal, long_date, signed
from facilitation.registry import builtin_registry
from facilitation.session import SessionState
from formats.cartography.minutes import average
from formats.consent.minutes import day
from formats.review.minutes import number
from tests.french_typography import french_of_json, french_of_python, offences, report

PARIS = ZoneInfo("Europe/Paris")


def test_dates_read_as_each_language_writes_them() -> None:
    assert long_date(date(2026, 12, 3), "fr") == "3 décembre 2026"
    assert long_date(date(2027, 3, 1), "fr") == "1er mars 2027"
    assert long_date(date(2026, 12, 3), "en") == "December 3, 2026"
    assert long_date(date(2026, 12, 3), "de") == "3 décembre 2026", "French by default"


def test_times_read_as_each_language_writes_them() -> None:
    assert clock(datetime(2026, 12, 3, 14, 5), "fr") == "14 h 05"
    assert clock(datetime(2026, 12, 3, 9, 0), "fr") == "9 h 00"
    assert clock(datetime(2026, 12, 3, 14, 5), "en") == "2:05\u202fPM"


def test_numbers_take_the_language_s_decimal_mark_and_grouping() -> None:
    assert [decimal(x, "fr") for x in (1.5, 2.0, 1 / 3, 12345.678)] == [
        "1,5",
        "2",
        "0,33",
        "12\u202f345,68",
    ]
    assert [decimal(x, "en") for x in (1.5, 2.0, 1 / 3, 12345.678)] == [
        "1.5",
        "2",
        "0.33",
        "12,345.68",
    ]
    assert [signed(x, "fr") for x in (1.5, -2 / 3, 0.0)] == ["+1,5", "-0,67", "0"]
    # The formats' minutes go through the same rule.
    assert (average(-2 / 3, "fr"), average(None, "fr")) == ("-0,67", "–")
    assert (number(2.25, "fr"), number(2.25, "en")) == ("2,25", "2.25")
    assert (day("2026-12-03T13:05:00.000+00:00", "fr"), day("", "fr")) == ("3 décembre 2026", "")


def test_the_minutes_header_says_the_day_and_hours_in_the_session_s_language() -> None:
    state = SessionState(
        id="s1",
        title="Atelier",
        created_at="2026-12-03T13:05:00.000+00:00",
        started_at="2026-12-03T13:05:00.000+00:00",
        last_at="2026-12-03T15:40:00.000+00:00",
    )
    french = compose_minutes(state, builtin_registry(), "fr", PARIS)
    assert "- **Date**\u00a0: 3 décembre 2026\n" in french
    assert "- **Horaires**\u00a0: de 14 h 05 à 16 h 40\n" in french
    english = compose_minutes(state, builtin_registry(), "en", PARIS)
    assert "- **Date**: December 3, 2026\n" in english
    assert "- **Time**: from 2:05\u202fPM to 4:40\u202fPM\n" in english


def test_the_typography_check_finds_plain_spaces_and_spares_times_and_links() -> None:
    assert len(offences("Attention : rien n'a été envoyé ; réessayez ? Oui !")) == 4
    assert (
        offences("Prêt\u00a0? Allons-y\u00a0! À 14:05, https://exemple.fr/a:b, «\u00a0oui\u00a0»")
        == []
    )
    assert offences("Note: collée") == ["Note: collée"], "no space at all is wrong too"
    assert offences("Prêt ?!") == ["Prêt ?!"], "one offence for the pair"


def test_every_french_message_of_the_server_is_spaced_before_high_punctuation() -> None:
    assert report(french_of_python()) == {}


def test_every_french_word_of_the_screens_is_spaced_before_high_punctuation() -> None:
    assert report(french_of_json()) == {}
