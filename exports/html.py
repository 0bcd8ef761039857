"""The minutes as a print-ready page: Markdown to HTML, then sanitised with a short allow-list."""

from __future__ import annotations

import html

import markdown
import nh3

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


def minutes_html(markdown_text: str, title: str, lang: str) -> str:
    body = markdown.markdown(markdown_text, extensions=["tables", "sane_lists"])
    safe = nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{safe}\n</main>\n</body>\n</html>\n"
    )
