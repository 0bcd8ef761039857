"""Reading the "when" people type in an action plan: "mars", "15/04", "avant l'été", "fin juin",
"2025-06-30", "by March", "fin 2027". What reads as a day or a period gives the day it is due by
(the last day of a month, the eve of a season, the 31 December of a year named alone); anything
else gives None, and the text stays as typed.

A month or season without a year is the next one from the session's day ("mars" typed in
November is next March): the calendar keeps the typed words beside the date, so the reading is
never silent.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "january", "jan", "janv"),
            ("fevrier", "february", "feb", "fev", "fevr"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr", "avr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul", "juil"),
            ("aout", "august", "aug"),
            ("septembre", "september", "sep", "sept"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("decembre", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Each season: (month, day) it starts, (month, day) it ends (the northern hemisphere's dates).
SEASONS = {
    "printemps": ((3, 20), (6, 20)),
    "spring": ((3, 20), (6, 20)),
    "ete": ((6, 21), (9, 22)),
    "summer": ((6, 21), (9, 22)),
    "automne": ((9, 23), (12, 20)),
    "autumn": ((9, 23), (12, 20)),
    "fall": ((9, 23), (12, 20)),
    "hiver": ((12, 21), (3, 19)),
    "winter": ((12, 21), (3, 19)),
}
# Words around a period that keep its meaning ("en mars", "d'ici juin", "fin mars", "by May").
FILLERS = (
    r"(?:l'|d'ici\s+|(?:en|d ici|a|au|pour|fin|courant|by|in|end of|the end of|late|at|le|la|"
    r"cet|cette|ce|this|next)\s+)*"
)
BEFORE = r"(?:avant|before)\s+(?:l'|le |la |the )?"
YEAR = r"(?:\s+(\d{4}))?"
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("1er", "1").split()).strip(" .")


def _next(
    month: int, day: int, after: date, year: int | None, month_end: bool = False
) -> date | None:
    """The day `day` of `month` in `year`, or in the first year that puts it on or after `after`
    (`month_end`: the month's last day, whatever `day` says)."""
    if year is not None:
        return _day(year, month, day, month_end)
    found = _day(after.year, month, day, month_end)
    if found is not None and found < after:
        found = _day(after.year + 1, month, day, month_end)
    return found


def _day(year: int, month: int, day: int, month_end: bool = False) -> date | None:
    """That day, or None when it does not exist (a 31st of February is a typing error)."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month)[1]
    if month_end:
        return date(year, month, last)
    return date(year, month, day) if 1 <= day <= last else None


def due_date(typed: str, session_day: date) -> date | None:
    """The day a typed "when" is due by, or None when it reads as no day."""
    text = _plain(typed)
    if not text:
        return None
    if m := ISO.match(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := DAY_MONTH_YEAR.match(text):
        year = int(m[3]) + (2000 if m[3] and len(m[3]) == 2 else 0) if m[3] else None
        return _next(int(m[2]), int(m[1]), session_day, year)
    before = re.match(rf"^{BEFORE}(.+)$", text)
    rest = before[1] if before else text
    # A year alone ("2027", "fin 2027", "by 2027", "end of 2027"): due by its last day.
    if m := re.match(rf"^{FILLERS}(\d{{4}})$", rest):
        year = int(m[1]) - (1 if before else 0)
        return _day(year, 12, 31)
    period = re.match(rf"^{FILLERS}(?:(\d{{1,2}})\s+)?([a-z]+){YEAR}$", rest)
    if period is None:
        period = re.match(rf"^{FILLERS}([a-z]+)\s+(\d{{1,2}}){YEAR}$", rest)
        if period is None:
            return None
        day_text, word, year_text = period[2], period[1], period[3]
    else:
        day_text, word, year_text = period[1], period[2], period[3]
    year = int(year_text) if year_text else None
    if word in MONTHS:
        month = MONTHS[word]
        if day_text:
            found = _next(month, int(day_text), session_day, year)
            return found - timedelta(days=1) if before and found else found
        last = _next(month, 31, session_day, year, month_end=True)
        if last is None:
            return None
        return last.replace(day=1) - timedelta(days=1) if before else last
    if word in SEASONS and not day_text:
        (start_month, start_day), (end_month, end_day) = SEASONS[word]
        if before:
            start = _next(start_month, start_day, session_day, year)
            return start - timedelta(days=1) if start else None
        return _next(end_month, end_day, session_day, year)
    return None
