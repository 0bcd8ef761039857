"""The minutes' Markdown reads as typed: in the .md file (an e-mail, a text editor: no HTML
entities, Markdown's own backslash escapes only where a mark would mean something), in any
Markdown reader, and in the printable page, where no typed text ever becomes HTML."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from exports.html import ALLOWED_TAGS, minutes_html
from facilitation.markdown import escape
from tests.support import add_board, caught_up, create_session, get_minutes, join

HOSTILE = [
    "<script>alert(1)</script>",
    "<b>Zoé</b> & <i>Léo</i>",
    "<img src=x onerror=alert(1)>",
    "a < b > c, <3, <= 5",
    "<!-- caché --> <?php ?> </p> ]]>",
    "<https://exemple.org> <contact@exemple.org>",
    "Tom & Jerry, AT&T, R&D",
    "&amp; &lt;b&gt; &#60; &#x3C; &copy;",
    "*gras* _penché_ `code` ~~barré~~ __init__",
    "[clic](javascript:alert(1)) ![image](x.png) [ref]: https://x",
    "\\ antislash \\< \\& \\*",
    "| colonne | cachée |",
    "> citation",
    "# titre",
    "- tiret",
    "+ plus",
    "--- règle",
    "1. premier",
    "2024) une année",
    "Langage C #",
    "-5 °C et 1.5 litre, #mot-dièse",
    "ligne\nsuivante\n\n- et une liste",
]


def markdown_reading(markdown: str) -> str:
    """What a Markdown reader shows for an escaped text (CommonMark: a backslash before an ASCII
    punctuation mark is dropped)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def typed(text: str) -> str:
    """A text as the minutes keep it: on one line."""
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_text_reads_as_typed_in_markdown_and_in_the_printable_page(text: str) -> None:
    md = escape(text)
    assert "\n" not in md
    assert markdown_reading(md) == typed(text), "a Markdown reader shows it as typed"
    for entity in ("&lt;", "&gt;", "&amp;", "&#"):
        assert md.count(entity) == text.count(entity), "no HTML entity added to the .md file"

    # In every place the minutes put a text: a list, a table, a quote, a heading.
    document = f"- {md}\n\n| Texte |\n|---|\n| {md} |\n\n> {md}\n\n#### {md}\n"
    body = minutes_html(document, "Compte-rendu", "fr").split("<main>", 1)[1]
    assert set(re.findall(r"<\s*([a-zA-Z0-9]+)", body)) <= ALLOWED_TAGS
    assert "=" not in "".join(re.findall(r"<[^>]*>", body)), "no attribute at all"
    shown = [
        re.search(r"<li>(.*?)</li>", body, re.S),
        re.search(r"<td>(.*?)</td>", body, re.S),
        re.search(r"<blockquote>\s*<p>(.*?)</p>", body, re.S),
        re.search(r"<h4>(.*?)</h4>", body, re.S),
    ]
    for place, found in zip(("list", "table", "quote", "heading"), shown, strict=True):
        assert found is not None, (place, body)
        assert html.unescape(found[1]) == typed(text), place


async def test_the_downloaded_minutes_hold_what_people_typed(http: httpx.AsyncClient) -> None:
    session = await create_session(
        http, title="Atelier ESS & réseaux : 1 < 2", facilitator_name="Zoé & Léo"
    )
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, title="", question="Qu'est-ce qui coince <vraiment> ?")
    await add_board(facilitator, title="Nos idées & envies", question="Et demain ?")
    person = await join(http, session, "<b>Awa</b>")
    for text in ("Moins de réunions & plus de café", "<script>alert(1)</script>"):
        await person.ok("board.add_note", {"text": text})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)

    minutes = await get_minutes(http, session)
    for entity in ("&lt;", "&gt;", "&amp;"):
        assert entity not in minutes
    assert minutes.startswith("# Compte-rendu — Atelier ESS & réseaux : 1 < 2\n")
    assert "- **Animé par**\u00a0: Zoé & Léo\n" in minutes
    # "<" before a letter could open HTML: escaped the Markdown way.
    assert "> Qu'est-ce qui coince \\<vraiment> ?\n" in minutes
    assert "- Moins de réunions & plus de café\n" in minutes
    assert "- \\<script>alert(1)\\</script>\n" in minutes
    # An activity titled after its format says it once; another says which format it ran.
    untitled = minutes.split("## 1. Mur de post-it\n", 1)[1].split("## 2.", 1)[0]
    assert "Format" not in untitled
    assert "## 2. Nos idées & envies\n\n_Format\u00a0: Mur de post-it. Chacun·e a écrit" in minutes

    page = await http.get(
        f"/api/sessions/{session.id}/minutes.html",
        headers={"Authorization": f"Bearer {session.key}"},
    )
    body = page.text.split("<main>", 1)[1]
    assert set(re.findall(r"<\s*([a-zA-Z0-9]+)", body)) <= ALLOWED_TAGS
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in body
    assert "<li>Moins de réunions &amp; plus de café</li>" in body
    for client in (facilitator, person):
        await client.disconnect()
