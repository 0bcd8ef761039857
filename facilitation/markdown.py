"""Putting participant text into Markdown safely: it must read as typed, never as markup.

Texts always follow a prefix we write ("- ", "> ", "| ", "#### "), so only inline markup needs
escaping: emphasis, code, links, table pipes and HTML. Escaping stays minimal so the .md file
still reads well as plain text.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]|])")


def escape(text: str) -> str:
    """One line of plain text → Markdown that renders exactly as typed."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", flat)
