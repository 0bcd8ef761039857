"""One spelling per organisation and per tool: names are matched trimmed, inner spaces
collapsed, case- and accent-insensitively ("Asso X" = "asso  x", "Créasol" = "creasol")."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from formats.cartography.state import Named


def key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def tidy(name: str) -> str:
    """The spelling kept: as typed, inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def matching(items: Iterable[Named], name: str) -> Named | None:
    """The standing organisation or tool a typed name is (absorbed spellings match too, and
    give the one they were merged into)."""
    wanted = key(name)
    all_items = list(items)
    for item in all_items:
        if key(item.name) == wanted:
            target = item
            while target.merged_into is not None:
                nxt = next((i for i in all_items if i.id == target.merged_into), None)
                if nxt is None:
                    break
                target = nxt
            return target
    return None
