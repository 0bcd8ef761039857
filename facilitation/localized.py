"""Dates, times and numbers as the session's language writes them, from Babel's locale data
(CLDR): one place for the minutes, the register, the exports and the formats' minutes.

Machine-readable exports (CSV, JSON, the calendar's fields, file names) keep ISO dates; what a
person reads goes through here.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from facilitation.messages import language

# French typography writes the time "14 h 05" (Imprimerie nationale), which CLDR's "14:05"
# does not; English takes CLDR's short time ("2:05 PM").
TIME_PATTERNS = {"fr": "H 'h' mm", "en": "short"}
# Up to two decimals, none when the number is whole: "1,5", "2", "0,33".
DECIMAL = "#,##0.##"
SIGNED = "+#,##0.##;-#,##0.##"


def long_date(day: date | datetime, lang: str) -> str:
    """ "3 décembre 2026", "1er mars 2027"; "December 3, 2026"."""
    lang = language(lang)
    shown = format_date(day, "long", locale=lang)
    if lang == "fr" and day.day == 1:
        shown = "1er" + shown[1:]  # the first of the month is an ordinal in French
    return shown


def clock(moment: datetime, lang: str) -> str:
    """ "14 h 05"; "2:05 PM"."""
    lang = language(lang)
    return format_time(moment, TIME_PATTERNS[lang], locale=lang)


def decimal(value: float, lang: str) -> str:
    """ "1,5", "12 345" (narrow no-break space) in French; "1.5", "12,345" in English."""
    return format_decimal(value, DECIMAL, locale=language(lang))


def signed(value: float, lang: str) -> str:
    """A mean on a scale around zero: "+1,5", "-0,33", "0"."""
    return format_decimal(value, SIGNED, locale=language(lang)) if value else "0"
