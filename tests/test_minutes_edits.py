"""Editing the minutes before publishing: the scribe's corrections and summary are commands in
the log, the contributions stay as they were, and a later change of the session is merged into
the edit, or shown as a conflict between translated markers, never dropped."""

from __future__ import annotations

import io
from collections.abc import Awaitable
from typing import Any

import httpx
import pypdfium2
from odf import draw, teletype
from odf.opendocument import load

from tests.support import (
    Client,
    ServerProcess,
    Session,
    add_board,
    caught_up,
    create_session,
    get_minutes,
    join,
    open_link,
)
from tests.test_plugin_format import plugin_server

__all__ = ["plugin_server"]


async def edit_text(http: httpx.AsyncClient, session: Session, key: str) -> dict[str, Any]:
    response = await http.get(
        f"/api/sessions/{session.id}/minutes/edit", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def scribe_of(facilitator: Client, session: Session) -> tuple[str, Client]:
    url, scribe = await open_link(facilitator, session, "scribe", "Secrétaire")
    return url.rsplit("/", 1)[1], scribe


async def test_an_edit_and_a_later_note_both_reach_the_minutes(http: httpx.AsyncClient) -> None:
    session = await create_session(http, title="Assemblée de printemps")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, question="Que garder ?")
    awa = await join(http, session, "Awa")
    await awa.ok("board.add_note", {"text": "Le repas partagé"})
    key, scribe = await scribe_of(facilitator, session)

    opened = await edit_text(http, session, key)
    assert "pas encore découverts\u00a0: 1." in opened["text"] and not opened["edited"]
    corrected = opened["text"].replace(
        "# Compte-rendu — Assemblée de printemps",
        "# Compte-rendu — Assemblée de printemps 2025",
    )
    answer = await scribe.ok(
        "minutes.edit", {"text": corrected, "base": opened["generated"], "lang": "fr"}
    )
    summary = await scribe.ok("minutes.summary", {"text": "Une belle soirée, **trois** décisions."})
    await caught_up(summary["seq"], facilitator)
    assert facilitator.view["session"]["minutes"]["summary"].startswith("Une belle soirée")
    assert facilitator.view["session"]["minutes"]["edited_at"]
    # Participants learn nothing of the team's work on the minutes.
    await caught_up(summary["seq"], awa)
    assert awa.view["session"]["minutes"] == {"shared": None}
    assert answer["seq"] < summary["seq"]

    # A participant adds a note after the edit, then the notes are revealed: the minutes keep
    # the correction and show both notes.
    added = await join(http, session, "Bastien")
    await added.ok("board.add_note", {"text": "Les ateliers du samedi"})
    revealed = await facilitator.ok("step.next")
    await caught_up(revealed["seq"], facilitator)
    minutes = await get_minutes(http, session)
    assert "# Compte-rendu — Assemblée de printemps 2025" in minutes
    assert "Les ateliers du samedi" in minutes and "Le repas partagé" in minutes
    assert "## Synthèse\n\nUne belle soirée, **trois** décisions." in minutes
    assert "⚠" not in minutes
    page = await http.get(
        f"/api/sessions/{session.id}/minutes.html", headers={"Authorization": f"Bearer {key}"}
    )
    assert "<strong>trois</strong>" in page.text and "Assemblée de printemps 2025" in page.text

    # The contributions themselves are untouched, and the editor opens on the merged text.
    reopened = await edit_text(http, session, key)
    assert reopened["edited"] and reopened["conflicts"] == 0
    assert reopened["text"] == minutes
    # In English the edit (made in French) does not apply; the summary does.
    english = await get_minutes(http, session, "en")
    assert "# Minutes — Assemblée de printemps\n" in english and "## Summary" in english


async def test_a_conflicting_change_is_shown_between_markers(http: httpx.AsyncClient) -> None:
    session = await create_session(http, title="Bilan")
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, question="Quoi de neuf ?")
    awa = await join(http, session, "Awa")
    await awa.ok("board.add_note", {"text": "Un local trop petit"})
    await caught_up((await facilitator.ok("step.next"))["seq"], facilitator)
    opened = await edit_text(http, session, session.key)
    assert "Un local trop petit" in opened["text"]
    corrected = opened["text"].replace("Un local trop petit", "Un local trop exigu")
    await facilitator.ok(
        "minutes.edit", {"text": corrected, "base": opened["generated"], "lang": "fr"}
    )

    # The note itself is moderated into something else on the same line: both versions stay,
    # between markers.
    (note,) = facilitator.board["notes"]
    changed = await facilitator.ok(
        "board.edit_note", {"note_id": note["id"], "text": "Un local sans lumière"}
    )
    await caught_up(changed["seq"], facilitator)
    minutes = await get_minutes(http, session)
    assert "> **⚠ Conflit à résoudre — la version corrigée dit\u00a0:**" in minutes
    assert "Un local trop exigu" in minutes and "Un local sans lumière" in minutes
    assert "> **⚠ Fin du conflit" in minutes
    reopened = await edit_text(http, session, session.key)
    assert reopened["conflicts"] == 1

    # Resolving it: the facilitator keeps one version, on the text generated now.
    resolved = "\n".join(
        line
        for line in reopened["text"].split("\n")
        if "⚠" not in line and "sans lumière" not in line
    )
    answer = await facilitator.ok(
        "minutes.edit", {"text": resolved, "base": reopened["generated"], "lang": "fr"}
    )
    await caught_up(answer["seq"], facilitator)
    final = await edit_text(http, session, session.key)
    assert final["conflicts"] == 0 and "Un local trop exigu" in final["text"]
    assert "⚠" not in await get_minutes(http, session)


async def test_a_refused_edit_changes_nothing_and_says_why(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    phone = await join(http, session, "Awa")
    refused = await phone.send("minutes.edit", {"text": "# Rien", "base": "# Tout"})
    assert refused["error"]["code"] == "not_allowed"
    no_base = await facilitator.send("minutes.edit", {"text": "# Rien", "lang": "fr"})
    assert no_base["error"] == {
        "code": "invalid_payload",
        "message": "Cette demande est incomplète ou mal formée (base).",
    }
    too_long = await facilitator.send("minutes.summary", {"text": "x" * 4001})
    assert too_long["error"]["code"] == "too_long"
    assert (await edit_text(http, session, session.key))["edited"] is False
    # Dropping an edit: an empty text gives the generated minutes back.
    opened = await edit_text(http, session, session.key)
    await facilitator.ok("minutes.edit", {"text": "# Autre", "base": opened["generated"]})
    answer = await facilitator.ok("minutes.edit", {"text": ""})
    await caught_up(answer["seq"], facilitator)
    assert facilitator.view["session"]["minutes"]["edited_at"] is None
    assert (await get_minutes(http, session)).startswith("# Compte-rendu — Atelier communication")


async def test_shared_minutes_reach_each_phone_until_the_link_is_withdrawn(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http, title="Rencontre")
    facilitator = await session.facilitator().connect()
    phone = await join(http, session, "Awa")
    token = phone.token  # type: ignore[attr-defined]
    asked = await http.get(
        f"/api/sessions/{session.id}/minutes/link", headers={"Authorization": f"Bearer {token}"}
    )
    assert asked.status_code == 404 and asked.json()["error"]["code"] == "not_shared"
    refused = await phone.send("minutes.share", {"shared": True})
    assert refused["error"]["code"] == "not_allowed"

    shared = await facilitator.ok("minutes.share", {"shared": True})
    await caught_up(shared["seq"], phone)
    assert phone.view["session"]["minutes"] == {"shared": "m1"}
    asked = await http.get(
        f"/api/sessions/{session.id}/minutes/link", headers={"Authorization": f"Bearer {token}"}
    )
    url = asked.json()["url"]
    assert url.startswith(f"{session.base_url}/m/{session.id}/")
    page = await http.get(url.removeprefix(session.base_url))
    assert page.status_code == 200 and "<h1>Compte-rendu — Rencontre</h1>" in page.text
    # A wrong key opens nothing.
    assert (await http.get(f"/m/{session.id}/{'A' * 32}")).status_code == 404

    withdrawn = await facilitator.ok("minutes.share", {"shared": False})
    await caught_up(withdrawn["seq"], phone)
    assert phone.view["session"]["minutes"] == {"shared": None}
    assert (await http.get(url.removeprefix(session.base_url))).status_code == 404
    # Sharing again gives a new link: the old one stays dead.
    again = await facilitator.ok("minutes.share", {"shared": True})
    await caught_up(again["seq"], phone)
    assert phone.view["session"]["minutes"] == {"shared": "m2"}
    assert (await http.get(url.removeprefix(session.base_url))).status_code == 404


async def test_every_document_of_the_minutes_gives_the_edit_and_its_pictures(
    plugin_server: ServerProcess,
) -> None:
    async with httpx.AsyncClient(base_url=plugin_server.url, timeout=30) as http:
        session = await create_session(http, title="Rentrée")
        facilitator = await session.facilitator().connect()
        await facilitator.ok(
            "session.add_activity", {"format": "checkin", "config": {"question": "Et toi ?"}}
        )
        phone = await join(http, session, "Awa")
        await phone.ok("checkin.share", {"text": "Curieuse"})
        await facilitator.ok("step.next")
        opened = await edit_text(http, session, session.key)
        caption = (
            "_Figure\u00a0: Mots partagés (dans les versions HTML, PDF et ODT du compte-rendu)_"
        )
        assert caption in opened["text"]
        # The team moves the picture after a sentence of its own.
        corrected = opened["text"].replace(caption, "Une rentrée pleine d'envies.\n\n" + caption)
        await facilitator.ok(
            "minutes.edit", {"text": corrected, "base": opened["generated"], "lang": "fr"}
        )
        answer = await facilitator.ok("minutes.summary", {"text": "Trois nouvelles venues."})
        await caught_up(answer["seq"], facilitator)

        def get(name: str) -> Awaitable[httpx.Response]:
            auth = {"Authorization": f"Bearer {session.key}"}
            return http.get(f"/api/sessions/{session.id}/minutes.{name}", headers=auth)

        md = (await get("md")).text
        assert "Une rentrée pleine d'envies.\n\n" + caption in md and "Trois nouvelles" in md
        page = (await get("html")).text
        assert "Une rentrée pleine d’envies." in page or "Une rentrée pleine d'envies." in page
        assert "Trois nouvelles venues." in page and "<h2>Synthèse</h2>" in page
        assert page.count('<img alt="Mots partagés" src="data:image/svg+xml;base64,') == 1
        assert page.index("pleine d") < page.index("<img")
        odt = (await get("odt")).content
        said = teletype.extractText(load(io.BytesIO(odt)).text)
        assert "Une rentrée pleine d" in said and "Trois nouvelles venues." in said
        assert len(load(io.BytesIO(odt)).getElementsByType(draw.Image)) == 1
        pdf = pypdfium2.PdfDocument((await get("pdf")).content)
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
        assert "Trois nouvelles venues." in text and "pleine d" in text

        # Without the picture's line, no document draws it.
        opened = await edit_text(http, session, session.key)
        without = opened["text"].replace(caption, "")
        answer = await facilitator.ok(
            "minutes.edit", {"text": without, "base": opened["generated"], "lang": "fr"}
        )
        await caught_up(answer["seq"], facilitator)
        assert "<img" not in (await get("html")).text
        odt = (await get("odt")).content
        assert load(io.BytesIO(odt)).getElementsByType(draw.Image) == []
        await phone.disconnect()
        await facilitator.disconnect()
