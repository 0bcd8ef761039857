"""French typography in the catalogs: a no-break space (U+00A0, or the narrow U+202F) before
":", "?", "!" and ";", so that a line never starts with one of them.

`python -m tests.french_typography` lists the offenders of every catalog, Python and JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tests.support import ROOT

NO_BREAK = "\u00a0\u202f"
# A mark that ends a clause: followed by a space, the end, or what closes a sentence. Not the
# colon of "14:05", "https://", "{count, plural, one:…}".
MARK = re.compile(r"(?P<before>.?)(?P<mark>[:?!;])(?=\s|$|[?!»”)\]*_.,'\"])", re.S)


def offences(text: str) -> list[str]:
    """Each badly spaced mark of `text`, with a little of what is around it."""
    found = []
    for match in MARK.finditer(text):
        before = match.group("before")
        if before in NO_BREAK or before in "?!" or before == "":
            continue
        start = max(0, match.start() - 12)
        found.append(text[start : match.end() + 8].replace("\n", "⏎"))
    return found


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from strings(inner)


def french_of_python() -> dict[str, list[str]]:
    """The French of every Python catalog: the engine's, each format's, the exports' words, the
    built-in templates' French."""
    from exports.words import WORDS
    from facilitation.messages import ENGINE
    from facilitation.registry import builtin_registry
    from formats.templates import BUILTIN_TEMPLATES

    found = {"facilitation/messages.py": list(strings(ENGINE["fr"]))}
    found["exports/words.py"] = list(strings(WORDS["fr"]))
    for fmt in builtin_registry():
        found[f"formats/{fmt.name}/messages.py"] = list(strings(fmt.messages["fr"]))
    found["formats/templates.py"] = list(french_in_templates(BUILTIN_TEMPLATES))
    return found


def french_in_templates(value: Any) -> Iterator[str]:
    """The values under the "fr" keys of the templates (their titles, questions…)."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if key == "fr":
                yield from strings(inner)
            else:
                yield from french_in_templates(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from french_in_templates(inner)


def json_catalogs() -> list[Path]:
    return sorted(
        [*(ROOT / "frontend" / "i18n").glob("*fr.json"), *ROOT.glob("formats/*/web/i18n/fr.json")]
    )


def french_of_json() -> dict[str, list[str]]:
    return {
        str(path.relative_to(ROOT)): list(strings(json.loads(path.read_text(encoding="utf-8"))))
        for path in json_catalogs()
    }


def report(catalogs: dict[str, list[str]]) -> dict[str, list[str]]:
    return {
        where: bad
        for where, texts in catalogs.items()
        if (bad := [o for text in texts for o in offences(text)])
    }


if __name__ == "__main__":
    for where, bad in {**report(french_of_python()), **report(french_of_json())}.items():
        print(f"{where}: {len(bad)}")
        for offence in bad:
            print(f"    {offence!r}")
