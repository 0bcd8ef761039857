"""The "when" of an action plan, as people type it: read where it says a day, left as typed
where it does not."""

from __future__ import annotations

from datetime import date

import pytest

from exports.when import due_date

# A session on Friday 14 November 2025.
SESSION = date(2025, 11, 14)


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("mars", date(2026, 3, 31)),
        ("en avril 2026", date(2026, 4, 30)),
        ("fin juin", date(2026, 6, 30)),
        ("d'ici juin", date(2026, 6, 30)),
        ("avant l'été", date(2026, 6, 20)),
        ("Avant l’été", date(2026, 6, 20)),
        ("avant mars", date(2026, 2, 28)),
        ("avant le 1er mai", date(2026, 4, 30)),
        ("cet été", date(2026, 9, 22)),
        ("décembre", date(2025, 12, 31)),
        ("le 3 décembre", date(2025, 12, 3)),
        ("15/04", date(2026, 4, 15)),
        ("15/04/2027", date(2027, 4, 15)),
        ("2026-06-30", date(2026, 6, 30)),
        ("by March", date(2026, 3, 31)),
        ("March 15", date(2026, 3, 15)),
        ("before summer", date(2026, 6, 20)),
        # A target year: due by its last day.
        ("2027", date(2027, 12, 31)),
        ("fin 2027", date(2027, 12, 31)),
        ("en 2027", date(2027, 12, 31)),
        ("by 2027", date(2027, 12, 31)),
        ("end of 2027", date(2027, 12, 31)),
        ("d'ici 2028", date(2028, 12, 31)),
        ("avant 2027", date(2026, 12, 31)),
    ],
)
def test_what_reads_as_a_day_gives_the_day_it_is_due_by(typed: str, due: date) -> None:
    assert due_date(typed, SESSION) == due


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "à voir",
        "semaine prochaine",
        "bientôt",
        "31/02",
        "20271",
        "fin 027",
        "asap",
        "avril 20261",
    ],
)
def test_what_does_not_read_as_a_day_gives_none(typed: str) -> None:
    assert due_date(typed, SESSION) is None
