"""Every word on screen and in the minutes exists in French and in English, with the same blanks."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
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


def catalog_files(lang: str) -> list[Path]:
    """The shared file, then one per area (the PARTS of frontend/js/i18n.js)."""
    source = (ROOT / "frontend" / "js" / "i18n.js").read_text(encoding="utf-8")
    listed = re.search(r"export const PARTS = \[([^\]]*)\]", source)
    assert listed, "i18n.js lists its catalog parts"
    parts = re.findall(r"'([\w-]+)'", listed.group(1))
    return [CATALOGS / f"{lang}.json", *(CATALOGS / f"{part}.{lang}.json" for part in parts)]


def merged(lang: str) -> dict[str, Any]:
    catalog: dict[str, Any] = {}
    for path in catalog_files(lang):
        words = json.loads(path.read_text(encoding="utf-8"))
        twice = catalog.keys() & words.keys()
        assert not twice, f"{path.name} repeats keys of another part: {sorted(twice)}"
        catalog.update(words)
    return catalog


def test_every_catalog_file_is_loaded_by_the_screens() -> None:
    listed = {path.name for lang in ("fr", "en") for path in catalog_files(lang)}
    assert {path.name for path in CATALOGS.glob("*.json")} == listed


def test_the_screens_speak_french_and_english_alike() -> None:
    for fr_path, en_path in zip(catalog_files("fr"), catalog_files("en"), strict=True):
        catalogs = {
            lang: json.loads(p.read_text()) for lang, p in (("fr", fr_path), ("en", en_path))
        }
        assert_same_words(catalogs, fr_path.name)
    assert_same_words({"fr": merged("fr"), "en": merged("en")}, "frontend")


def test_every_key_the_screens_use_is_in_the_catalogs() -> None:
    keys = flatten(merged("fr"))
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
