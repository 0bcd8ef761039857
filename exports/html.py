"""The minutes as a print-ready page: Markdown to HTML, then sanitised with a short allow-list."""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "hr",
    "code",
}
ALLOWED_ATTRIBUTES = {"th": {"align", "style"}, "td": {"align", "style"}}

PRINT_CSS = """
body { font: 12pt/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; color: #111;
       padding: 0 1rem; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; border-bottom: 1px solid #777; }
h3 { font-size: 1.15rem; margin-top: 1.4rem; }
h4 { font-size: 1rem; margin-bottom: .2rem; }
blockquote { margin: 0; padding: .2rem 1rem; border-left: 4px solid #444; background: #f3f3f3; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #777; padding: .3rem .5rem; text-align: left; vertical-align: top; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


class _TypedMark(InlineProcessor):
    """`\\<` and `\\&` show as typed. The minutes escape the marks that would open raw HTML or
    an entity so (facilitation/markdown.py), as CommonMark reads them; Python-Markdown does not
    know these two escapes. The mark goes in as an HTML entity, so a typed "&amp;" shows as
    "&amp;", not as "&"."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        return self.md.htmlStash.store(html.escape(m[1])), m.start(0), m.end(0)


class _TypedMarks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the built-in escapes (180: two backslashes are a typed one), before links (170),
        # autolinks and raw HTML.
        md.inlinePatterns.register(_TypedMark(r"\\([<&])", md), "typed_mark", 175)


def minutes_fragment(markdown_text: str) -> str:
    """The minutes' body as sanitised HTML (the printable page's, and the editor's preview)."""
    body = markdown.markdown(markdown_text, extensions=["tables", "sane_lists", _TypedMarks()])
    return nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)


def minutes_html(markdown_text: str, title: str, lang: str) -> str:
    safe = minutes_fragment(markdown_text)
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{safe}\n</main>\n</body>\n</html>\n"
    )
