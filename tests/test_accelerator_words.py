"""The accelerator's words, read as a French facilitator reads them: the person who holds the
project has a name, and the words say it where the screen knows it; where they cannot (a step's
instructions, the same for every session), they speak of the person, not of "le/la porteur·se".
A name after "de" would need an elision ("d'Inès"): the words put names where none is needed."""

from __future__ import annotations

import json
import re

from formats.accelerator.messages import MESSAGES
from tests.support import ROOT

WEB = ROOT / "formats" / "accelerator" / "web" / "i18n"
GENERIC_HOLDER = re.compile(r"\b(le/la|du/de la|au/à la) porteur", re.IGNORECASE)
BEFORE_A_NAME = re.compile(r"\b(de|que|le|la) \{name\}", re.IGNORECASE)


def french() -> dict[str, str]:
    words: dict[str, str] = dict(MESSAGES["fr"])
    for key, value in json.loads((WEB / "fr.json").read_text(encoding="utf-8")).items():
        forms = value.values() if isinstance(value, dict) else [value]
        words.update({f"{key}#{n}": text for n, text in enumerate(forms)})
    return words


def test_no_words_call_the_holder_le_la_porteur_se() -> None:
    generic = {key: text for key, text in french().items() if GENERIC_HOLDER.search(text)}
    assert not generic, generic


def test_no_name_follows_a_word_it_would_have_to_elide() -> None:
    elided = {key: text for key, text in french().items() if BEFORE_A_NAME.search(text)}
    assert not elided, elided
