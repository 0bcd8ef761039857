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


def format_webs() -> dict[str, Path]:
    """Each built-in format's screens folder (formats/<name>/web/)."""
    webs = {fmt.name: fmt.web for fmt in builtin_registry()}
    assert all(web is not None for web in webs.values()), "every built-in format has screens"
    return {name: web for name, web in webs.items() if web is not None}


def format_catalog(web: Path, lang: str) -> dict[str, Any]:
    words: dict[str, Any] = json.loads((web / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
    return words


def used_keys(folder: Path) -> set[str]:
    """Keys looked up with t('…') (also ctx.t('…')) in the screens' code under `folder`."""
    code = [
        line
        for source in folder.rglob("*.js")
        for line in source.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith(("*", "//", "/*"))  # comments show examples
    ]
    return {match for line in code for match in re.findall(r"\bt\('([a-z_][\w.]*)'", line)}


def plain(catalog: Mapping[str, Any]) -> set[str]:
    return {key.partition("#")[0] for key in flatten(catalog)}


def test_every_catalog_file_is_loaded_by_the_screens() -> None:
    listed = {path.name for lang in ("fr", "en") for path in catalog_files(lang)}
    assert {path.name for path in CATALOGS.glob("*.json")} == listed
    for name, web in format_webs().items():
        assert {p.name for p in (web / "i18n").glob("*.json")} == {"fr.json", "en.json"}, name


def test_the_screens_speak_french_and_english_alike() -> None:
    for fr_path, en_path in zip(catalog_files("fr"), catalog_files("en"), strict=True):
        catalogs = {
            lang: json.loads(p.read_text()) for lang, p in (("fr", fr_path), ("en", en_path))
        }
        assert_same_words(catalogs, fr_path.name)
    assert_same_words({"fr": merged("fr"), "en": merged("en")}, "frontend")


def test_each_format_brings_its_words_in_french_and_english() -> None:
    """A format's words are its own: prefixed with its name, so they never collide."""
    shared = plain(merged("fr"))
    for name, web in format_webs().items():
        catalogs = {lang: format_catalog(web, lang) for lang in ("fr", "en")}
        assert_same_words(catalogs, f"{name}/web/i18n")
        strays = {key for key in catalogs["fr"] if not key.startswith(f"{name}.")}
        assert not strays, f"{name}: keys without the format's prefix: {sorted(strays)}"
        assert not plain(catalogs["fr"]) & shared, name


def test_every_key_the_screens_use_is_in_the_catalogs() -> None:
    shared = plain(merged("fr"))
    used = used_keys(ROOT / "frontend")
    assert used, "the look-up found the screens' keys"
    assert used - shared == set()
    for name, web in format_webs().items():
        used = used_keys(web)
        assert used, f"the look-up found {name}'s keys"
        assert used - shared - plain(format_catalog(web, "fr")) == set(), name


def test_the_engine_and_every_format_speak_french_and_english_alike() -> None:
    assert_same_words(ENGINE, "engine")
    for fmt in builtin_registry():
        assert_same_words(fmt.messages, fmt.name)
        for step in fmt.steps:
            for role in ("participant", "facilitator"):
                assert f"step.{step.key}.instructions.{role}" in fmt.messages["fr"]
        for field in fmt.config_fields:
            assert f"config.{field.key}" in fmt.messages["fr"]
