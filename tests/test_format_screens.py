"""A format's screens are its own: its styles are in a layer of their own with classes that carry
its name, and its renderers speak to the rest only through the kit. (That they live in its
folder and that nothing else names the format: tests/test_house.py.)"""

from __future__ import annotations

import re
from pathlib import Path

from facilitation.registry import builtin_registry
from tests.support import ROOT

FRONTEND = ROOT / "frontend"
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def webs() -> dict[str, Path]:
    found = {fmt.name: fmt.web for fmt in builtin_registry()}
    assert found and all(web is not None for web in found.values())
    return {name: web for name, web in found.items() if web is not None}


def sources(*folders: Path) -> list[Path]:
    kinds = {".js", ".css", ".json", ".html", ".py", ".md"}
    return [p for folder in folders for p in folder.rglob("*") if p.suffix in kinds]


def css_classes(path: Path) -> set[str]:
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    # Only selectors: what comes before each "{" (declarations hold no classes, only values).
    selectors = " ".join(re.findall(r"([^{};]*)\{", text))
    return set(CLASS.findall(selectors))


def test_styles_come_in_layers_and_a_format_s_classes_carry_its_name() -> None:
    shared = set()
    for path in (FRONTEND / "css").glob("*.css"):
        text = COMMENT.sub("", path.read_text(encoding="utf-8")).strip()
        assert text.startswith("@layer "), f"{path.name}: every rule is in a layer"
        shared |= css_classes(path)
    base = (FRONTEND / "css" / "base.css").read_text(encoding="utf-8")
    assert "@layer tokens, base, components, shell, format;" in base
    for name, web in webs().items():
        for path in web.glob("*.css"):
            text = COMMENT.sub("", path.read_text(encoding="utf-8")).strip()
            assert text.startswith("@layer format {") and text.endswith("}"), path.name
            # A format styles its own classes; it may refer to the shared ones (a page state,
            # a component) to say where.
            strays = {c for c in css_classes(path) if not c.startswith(name)} - shared
            assert not strays, f"{name}/web/{path.name}: {sorted(strays)}"


def test_renderers_import_only_the_kit_lit_and_their_own_folder() -> None:
    specifier = re.compile(r"""^(?:import|export|\})[^'"\n]*\bfrom\s+['"]([^'"]+)['"]""", re.M)
    for name, web in webs().items():
        for path in web.glob("*.js"):
            text = path.read_text(encoding="utf-8")
            for found in specifier.findall(text):
                allowed = (
                    found == "fabrique/kit.js"
                    or found == "lit"
                    or found.startswith("lit/")
                    or re.fullmatch(r"\./[\w-]+\.js", found)
                )
                assert allowed, f"{name}/web/{path.name} imports {found}"
        for role in ("participant", "console", "room"):
            renderer = (web / f"{role}.js").read_text(encoding="utf-8")
            assert "export default defineRenderer(" in renderer, f"{name}/web/{role}.js"
