"""Putting participant text into Markdown safely: it must read as typed, never as markup.

Escaping is Markdown's own, a backslash before a punctuation mark, and only where the mark
would otherwise mean something: the .md file is read as plain text too (in an e-mail, an
editor), where HTML entities such as `&lt;` would show as they are. A Markdown reader shows each
escaped mark as typed; the printable page (exports/html.py) does the same, then sanitises.

Texts always follow a prefix we write ("- ", "> ", "| ", "#### "), on one line: what may mean
something is inline markup (emphasis, code, links, table pipes), what could open raw HTML or an
entity, and a mark at the start of the text that would open a block inside the list item or
quote (a quote, a heading, a list, a rule).
"""

from __future__ import annotations

import re

# Inline markup; "<" only where HTML, a comment or an autolink could start ("a < b" and "<3"
# stay as typed); "&" only where an entity could start ("AT&T" stays).
_INLINE = re.compile(r"[\\`*_\[\]|]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
# At the start: a quote, a heading, a bullet or a rule ("- ", "+ ", "---"), a numbered item
# ("1. ", "2024) ").
_BLOCK_START = re.compile(r"^(?:[>#]|[+-](?=\s|-|$)|\d{1,9}[.)](?=\s|$))")
# A heading's closing hashes ("#### Langage C #" would lose its "#").
_CLOSING_HASHES = re.compile(r"(?<=\s)#+$")
# Runs of white space, line breaks included, but not the no-break spaces French typography puts
# before ":" or "?" (they keep the mark on its word's line).
_BREAKABLE_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def escape(text: str) -> str:
    """One line of plain text → Markdown that renders exactly as typed."""
    flat = _BREAKABLE_SPACES.sub(" ", text).strip()
    flat = _INLINE.sub(lambda mark: "\\" + mark[0], flat)
    flat = _BLOCK_START.sub(_escape_block_start, flat)
    return _CLOSING_HASHES.sub(lambda hashes: "\\" + hashes[0], flat)


def _escape_block_start(start: re.Match[str]) -> str:
    mark = start[0]
    # "2024. Une année" escapes its dot, not its number.
    return mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark
