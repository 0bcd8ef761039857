"""The minutes as documents: one text for all of them (the generated minutes with the team's
summary and edits, exports/edits.py), every format it is given in, and one rule for the files'
names. The export routes serve these documents; publishing sends the same ones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from exports.edits import edited_minutes
from exports.html import PdfUnavailable, minutes_body, minutes_html, minutes_pdf
from exports.minutes import Figures, compose_minutes, local, picture_caption, picture_image
from exports.odt import minutes_odt
from exports.words import WORDS
from facilitation.fields import clean
from facilitation.messages import translate
from facilitation.registry import Registry
from facilitation.session import SessionState


@dataclass(frozen=True)
class Wanted:
    """The minutes of a session, in a language, their times in a time zone."""

    state: SessionState
    registry: Registry
    lang: str
    tz: tzinfo


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "seance"


def file_name(state: SessionState, lang: str, tz: tzinfo, what: str, extension: str) -> str:
    """compte-rendu-2025-03-14-atelier-communication.pdf: what, the session's day, its title."""
    day = local(state.created_at, tz).date().isoformat() if state.created_at else ""
    prefix = translate(WORDS, f"file.{what}", lang)
    return "-".join(p for p in (prefix, day, _slug(state.title)) if p) + f".{extension}"


def generated_minutes(wanted: Wanted) -> str:
    """The minutes as the session gives them, before the team's summary and edits: what the
    editor's edits are made on."""
    return compose_minutes(wanted.state, wanted.registry, wanted.lang, wanted.tz)


def _placed(text: str, wanted: Wanted, figures: Figures) -> str:
    """The pictures' lines of the text (each where the team left it; none if they removed it)
    turned into the images the printable versions draw."""
    compose_minutes(wanted.state, wanted.registry, wanted.lang, wanted.tz, figures)
    lines = text.split("\n")
    at = 0
    for number, picture in enumerate(figures.items, 1):
        caption = clean(picture_caption(picture.title, wanted.lang))
        found = next((i for i in range(at, len(lines)) if lines[i] == caption), None)
        if found is not None:
            lines[found] = picture_image(picture.title, number)
            at = found + 1
    return "\n".join(lines)


def minutes_text(wanted: Wanted, figures: Figures | None = None) -> str:
    """What every export of the minutes says. With `figures`, the pictures are placed as images
    (exports/html.py fills them in); without, each is a line of text (the .md)."""
    text = edited_minutes(wanted.state, generated_minutes(wanted), wanted.lang)
    return text if figures is None else _placed(text, wanted, figures)


def minutes_page(wanted: Wanted) -> str:
    figures = Figures([])
    return minutes_html(minutes_text(wanted, figures), wanted.state.title, wanted.lang, figures)


def _pdf(wanted: Wanted) -> bytes:
    return minutes_pdf(minutes_page(wanted))


def _odt(wanted: Wanted) -> bytes:
    figures = Figures([])
    body = minutes_body(minutes_text(wanted, figures))
    return minutes_odt(body, wanted.state.title, figures)


@dataclass(frozen=True)
class Document:
    extension: str
    media_type: str
    render: Callable[[Wanted], str | bytes]
    # Shown in the browser (the printable page) rather than downloaded.
    inline: bool = False


MD = Document("md", "text/markdown; charset=utf-8", minutes_text)
HTML = Document("html", "text/html; charset=utf-8", minutes_page, inline=True)
PDF = Document("pdf", "application/pdf", _pdf)
ODT = Document("odt", "application/vnd.oasis.opendocument.text", _odt)
# Every format the minutes are exported and published in, from the same text.
DOCUMENTS: tuple[Document, ...] = (MD, HTML, PDF, ODT)


@dataclass(frozen=True)
class Rendered:
    name: str
    media_type: str
    body: bytes


def rendered(wanted: Wanted) -> tuple[Rendered, ...]:
    """Every document of the minutes, as files (the PDF left out where Pango is missing)."""
    files = []
    for document in DOCUMENTS:
        try:
            body = document.render(wanted)
        except PdfUnavailable:
            continue
        name = file_name(wanted.state, wanted.lang, wanted.tz, "minutes", document.extension)
        data = body.encode() if isinstance(body, str) else body
        files.append(Rendered(name, document.media_type, data))
    return tuple(files)
