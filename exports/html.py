"""The minutes as a print-ready page: Markdown to HTML, then sanitised with a short allow-list;
and as PDF, the same page printed by WeasyPrint."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from exports.minutes import PICTURE_SCHEME, Figures

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
    "img",
}
ALLOWED_ATTRIBUTES = {"th": {"align", "style"}, "td": {"align", "style"}, "img": {"alt", "src"}}
# An image may only be one of the format's pictures (exports/minutes.py names them so): typed
# text never becomes an image, and no address outside the document is ever fetched.
PICTURE = re.compile(rf'src="{PICTURE_SCHEME}:(\d+)"')

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
img { display: block; max-width: 100%; height: auto; margin: .5rem auto; }
@page { size: A4; margin: 2cm 1.8cm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, img, blockquote { break-inside: avoid; }
}
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


def minutes_body(markdown_text: str) -> str:
    """The minutes' HTML body, sanitised; pictures still named `picture:N`."""
    body = markdown.markdown(markdown_text, extensions=["tables", "sane_lists", _TypedMarks()])
    return str(
        nh3.clean(
            body,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={PICTURE_SCHEME},
            link_rel=None,
        )
    )


def minutes_fragment(markdown_text: str) -> str:
    """The minutes' body as the editor's preview shows it: sanitised, a picture named by its
    title (the printable versions draw it)."""
    return PICTURE.sub('src=""', minutes_body(markdown_text))


def _embedded(figures: Figures | None) -> Callable[[re.Match[str]], str]:
    def embed(m: re.Match[str]) -> str:
        number = int(m[1])
        if figures is None or not 0 < number <= len(figures.items):
            return 'src=""'
        svg = figures.items[number - 1].svg.encode()
        # In an <img>, an SVG draws and never runs a script.
        return f'src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}"'

    return embed


def minutes_html(markdown_text: str, title: str, lang: str, figures: Figures | None = None) -> str:
    safe = PICTURE.sub(_embedded(figures), minutes_body(markdown_text))
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{safe}\n</main>\n</body>\n</html>\n"
    )


class PdfUnavailable(Exception):
    """WeasyPrint cannot load Pango (a system library, not a Python package) on this server."""


def minutes_pdf(page: str) -> bytes:
    """The print-ready page as PDF (A4, page numbers), as a browser would print it."""
    # Imported here: WeasyPrint loads Pango at import, which only this export needs; a server
    # without it still serves every other document.
    try:
        from weasyprint import HTML
    except OSError as missing:
        raise PdfUnavailable(str(missing)) from None

    pdf: bytes = HTML(string=page, base_url=None).write_pdf()
    return pdf
