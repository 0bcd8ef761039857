"""The shape of the house: a format is one folder, and no module grows past what one reads.

- Nothing outside a format's folder names that format: the engine, the server, the exports, the
  screens' shells and the shared kit stay format-blind, so adding a format touches its folder
  and one line of the registry's list of built-ins (multi-format templates aside, in
  formats/templates.py).
- Every built-in format's folder has all its parts (FORMAT-FOLDER in docs/write-a-format.md).
- No module is over ~400 lines, tests apart (a short reviewed list of exceptions below).
"""

from __future__ import annotations

import re
from pathlib import Path

from facilitation.registry import BUILTIN_FORMATS, builtin_registry, folder_of
from tests.support import ROOT

REGISTRY = builtin_registry()
# Where a format's name must never appear: what every format shares.
FORMAT_BLIND = ("facilitation", "server", "exports", "frontend", "formats/kit")
SOURCES = {".py", ".js", ".css", ".html", ".json", ".md"}
# The parts of a format's folder (see docs/write-a-format.md).
PARTS = (
    "__init__.py",
    "format.py",
    "commands.py",
    "events.py",
    "state.py",
    "view.py",
    "minutes.py",
    "messages.py",
    "protocol.md",
    "contract.py",
    "golden/session.fr.md",
    "golden/session.en.md",
    "web/participant.js",
    "web/console.js",
    "web/room.js",
    "web/style.css",
    "web/i18n/fr.json",
    "web/i18n/en.json",
)
LINE_LIMIT = 400
# Reviewed exceptions to the line limit: (path, why).
LONG_MODULES: dict[str, str] = {}
CODE = {".py", ".js", ".css", ".html"}
NOT_OURS = {"node_modules", ".venv", ".git", "tests", "__pycache__", "artifacts"}


def files_under(folder: Path, suffixes: set[str]) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in suffixes and not NOT_OURS & set(p.relative_to(ROOT).parts)
    )


def test_nothing_outside_a_format_folder_names_the_format() -> None:
    names = [fmt.name for fmt in REGISTRY]
    assert names, "no format registered: the scan is broken"
    found: list[str] = []
    for area in FORMAT_BLIND:
        for path in files_under(ROOT / area, SOURCES):
            text = path.read_text(encoding="utf-8")
            if path == ROOT / "facilitation" / "registry.py":
                # The list of built-ins is where formats are named: that one place is allowed.
                for spec in BUILTIN_FORMATS:
                    text = text.replace(spec, "")
            for name in names:
                for number, line in enumerate(text.splitlines(), 1):
                    if re.search(rf"\b{re.escape(name)}\b", line, re.IGNORECASE):
                        where = path.relative_to(ROOT)
                        found.append(f"{where}:{number} names {name!r}: {line.strip()}")
    assert not found, "\n".join(found)


def test_every_format_folder_has_all_its_parts() -> None:
    for fmt in REGISTRY:
        folder = folder_of(fmt)
        assert folder == ROOT / "formats" / fmt.name, f"{fmt.name} lives in {folder}"
        missing = [part for part in PARTS if not (folder / part).is_file()]
        assert not missing, f"formats/{fmt.name}/ lacks {missing}"
        assert fmt.web == folder / "web", f"{fmt.name} serves its screens from {fmt.web}"


def test_no_module_is_over_the_line_limit() -> None:
    long = {}
    for path in files_under(ROOT, CODE):
        count = len(path.read_text(encoding="utf-8").splitlines())
        where = str(path.relative_to(ROOT))
        if count > LINE_LIMIT and where not in LONG_MODULES:
            long[where] = count
    assert not long, f"split these modules (over {LINE_LIMIT} lines): {long}"
    stale = [p for p in LONG_MODULES if not (ROOT / p).is_file()]
    assert not stale, f"the list of long modules names files that are gone: {stale}"
