"""The review's words, read as a French facilitator reads them: French typography (a space
before ":", ";", "?" and "!"), the seed's axes and the glossary's words, and every refusal the
format writes said in French and English."""

from __future__ import annotations

import re

from formats.review.messages import MESSAGES
from formats.review.state import AXIS_KEYS, COLUMNS, KINDS, Axis
from formats.review.view import axis_titles

GLUED = re.compile(r"\S[:;?!](?!\w)")
# Every code a review command may refuse with, besides the engine's.
CODES = (
    "same_item",
    "not_a_lesson",
    "no_dots_left",
    "no_dot_here",
    "too_many_axes",
    "nothing_to_rate",
    "text_required",
    "already_committed",
)


def test_french_words_put_a_space_before_double_punctuation() -> None:
    glued = {k: t for k, t in MESSAGES["fr"].items() if GLUED.search(t)}
    assert not glued, glued


def test_every_refusal_is_said_in_french_and_english() -> None:
    for code in CODES:
        for lang in ("fr", "en"):
            assert MESSAGES[lang].get(f"error.{code}"), (lang, code)


def test_both_languages_have_the_same_words() -> None:
    assert MESSAGES["fr"].keys() == MESSAGES["en"].keys()


def test_the_seed_s_axes_are_the_defaults_in_both_languages() -> None:
    titles = [axis_titles(Axis(f"a{i}", "", key)) for i, key in enumerate(AXIS_KEYS, 1)]
    assert [t["fr"] for t in titles] == [
        "Communication interne",
        "Implication des bénévoles",
        "Activités",
        "Professionnalisation",
    ]
    assert [t["en"] for t in titles] == [
        "Internal communication",
        "Volunteer involvement",
        "Activities",
        "Professionalisation",
    ]


def test_the_glossary_s_words_name_the_steps() -> None:
    """bilan des 3 dernières années, frise chronologique, feuille de route, engagement,
    critères de réussite (shared/GLOSSARY.md)."""
    fr, en = MESSAGES["fr"], MESSAGES["en"]
    assert fr["step.timeline"] == "Frise chronologique" and en["step.timeline"] == "Timeline"
    assert fr["step.commitments"] == "Engagements" and en["step.commitments"] == "Commitments"
    assert "Feuille de route" in fr["minutes.roadmap"] and "roadmap" in en["minutes.roadmap"]
    assert "Critère de réussite" in fr["minutes.collective"]
    assert "success criterion" in en["minutes.collective"]
    for lang in ("fr", "en"):
        for kind in KINDS:
            assert MESSAGES[lang][f"kind.{kind}"], (lang, kind)
        for column in COLUMNS:
            assert MESSAGES[lang][f"column.{column}"], (lang, column)
