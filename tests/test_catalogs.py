"""Every word on screen and in the minutes exists in French and in English, with the same blanks."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from facilitation.messages import ENGINE
from facilitation.registry import builtin_registry
from tests.support import ROOT

CATALOGS = ROOT / "frontend" / "i18n"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def flatten(catalog: Mapping[str, Any]) -> dict[str, str]:
    """Plural entries ({"one": …, "other": …}) count as one key per form."""
    flat: dict[str, str] = {}
    for key, value in catalog.items():
        if isinstance(value, dict):
            flat.update({f"{key}#{form}": text for form, text in value.items()})
        else:
            flat[key] = value
    return flat


def assert_same_words(catalogs: Mapping[str, Mapping[str, Any]], where: str) -> None:
    french, english = flatten(catalogs["fr"]), flatten(catalogs["en"])
    assert french.keys() == english.keys(), f"{where}: {french.keys() ^ english.keys()}"
    for key, text in french.items():
        blanks = set(PLACEHOLDER.findall(text))
        assert blanks == set(PLACEHOLDER.findall(english[key])), f"{where}: {key}"
        assert text.strip() and english[key].strip(), f"{where}: {key} is empty"


def test_the_screens_speak_french_and_english_alike() -> None:
    catalogs = {lang: json.loads((CATALOGS / f"{lang}.json").read_text()) for lang in ("fr", "en")}
    assert_same_words(catalogs, "frontend")


def test_every_key_the_screens_use_is_in_the_catalogs() -> None:
    keys = flatten(json.loads((CATALOGS / "fr.json").read_text()))
    plain = {key.partition("#")[0] for key in keys}
    sources = [*ROOT.joinpath("frontend").rglob("*.js")]
    code = [
        line
        for source in sources
        for line in source.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith(("*", "//", "/*"))  # comments show examples
    ]
    used = {match for line in code for match in re.findall(r"\bt\('([a-z_][\w.]*)'", line)}
    assert used, "the look-up found the screens' keys"
    assert used - plain == set()


def test_the_engine_and_every_format_speak_french_and_english_alike() -> None:
    assert_same_words(ENGINE, "engine")
    for fmt in builtin_registry():
        assert_same_words(fmt.messages, fmt.name)
        for step in fmt.steps:
            for role in ("participant", "facilitator"):
                assert f"step.{step.key}.instructions.{role}" in fmt.messages["fr"]
        for field in fmt.config_fields:
            assert f"config.{field.key}" in fmt.messages["fr"]
