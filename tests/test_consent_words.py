"""The consent format's words, read as a French facilitator reads them: French typography (a
space before ":", ";", "?" and "!"), the person who brings the proposal spoken of as a person,
and every refusal the format writes said in French and English."""

from __future__ import annotations

import re

from formats.consent.messages import MESSAGES

GLUED = re.compile(r"\S[:;?!](?!\w)")
GENERIC_PROPOSER = re.compile(r"\b(le/la|du/de la|au/à la) porteur", re.IGNORECASE)
# Every code a consent command may refuse with, besides the engine's.
CODES = (
    "no_proposal",
    "already_decided",
    "same_text",
    "objection_closed",
    "reason_required",
    "positions_shown",
    "no_round",
    "objection_open",
    "positions_hidden",
)


def test_french_words_put_a_space_before_double_punctuation() -> None:
    glued = {k: t for k, t in MESSAGES["fr"].items() if GLUED.search(t)}
    assert not glued, glued


def test_no_words_call_the_proposer_le_la_porteur_se() -> None:
    generic = {k: t for k, t in MESSAGES["fr"].items() if GENERIC_PROPOSER.search(t)}
    assert not generic, generic


def test_every_refusal_is_said_in_french_and_english() -> None:
    for code in CODES:
        for lang in ("fr", "en"):
            assert f"error.{code}" in MESSAGES[lang], (lang, code)
