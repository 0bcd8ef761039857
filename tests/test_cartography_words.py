"""The cartography's words: French typography (a no-break space before ":", ";", "?", "!"),
real plural forms, and French minutes that say the map's words in French."""

from __future__ import annotations

import re

from facilitation.fields import parse
from facilitation.protocol import MinutesContext
from formats.cartography import FORMAT

BRACKETED_PLURAL = re.compile(r"\w\((?:s|e|es|x)\)")
PLAIN_SPACE_BEFORE_HIGH_PUNCTUATION = re.compile(r" [:;?!»]|« ")


def test_french_words_use_no_break_spaces_and_real_plurals() -> None:
    for key, text in FORMAT.messages["fr"].items():
        assert not PLAIN_SPACE_BEFORE_HIGH_PUNCTUATION.search(text), key
        assert not BRACKETED_PLURAL.search(text), key
    for key, text in FORMAT.messages["en"].items():
        assert "\u00a0" not in text, key


def test_the_french_minutes_keep_french_spacing() -> None:
    state = FORMAT.initial_state(parse(FORMAT.config_fields, {}))
    minutes = FORMAT.minutes(state, MinutesContext("results", "fr"))
    assert "Structures\u00a0: 0\u00a0; outils\u00a0: 0" in minutes
    english = FORMAT.minutes(state, MinutesContext("results", "en"))
    assert "Organisations: 0; tools: 0" in english
