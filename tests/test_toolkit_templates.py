"""Templates: built-in agendas, a session's agenda saved, and sessions started from either."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.support import (
    Client,
    ServerProcess,
    Session,
    add_board,
    caught_up,
    create_session,
    open_link,
    stored_rows,
)


async def session_from(http: httpx.AsyncClient, template: str, language: str = "fr") -> Session:
    response = await http.post(
        "/api/sessions",
        json={
            "title": "Depuis un modèle",
            "facilitator_name": "Sam",
            "language": language,
            "template": template,
        },
    )
    assert response.status_code == 201, response.text
    data = response.json()
    key = data["facilitator_url"].rsplit("/", 1)[1]
    return Session(
        data["id"],
        data["join_code"],
        data["join_url"],
        data["facilitator_url"],
        key,
        str(http.base_url).rstrip("/"),
    )


def agenda(client: Client) -> list[tuple[str, str, str]]:
    return [(a["format"], a["title"], a["anonymity"]) for a in client.view["session"]["activities"]]


async def boards(client: Client) -> list[dict[str, Any]]:
    """Each activity's settings as its board shows them, opening each in turn."""
    shown = []
    for activity in client.view["session"]["activities"]:
        answer = await client.ok("session.open_activity", {"activity_id": activity["id"]})
        await caught_up(answer["seq"], client)
        shown.append({k: client.board[k] for k in ("question", "dots", "groups")})
    return shown


def added(database: Any, session_id: str) -> list[dict[str, Any]]:
    rows = stored_rows(database, "events", session_id)
    found = []
    for row in rows:
        if row["type"] == "activity.added":
            data = json.loads(row["data"])
            found.append({k: data[k] for k in ("format", "title", "config", "anonymity")})
    return found


async def test_built_in_templates_are_listed_in_each_language(http: httpx.AsyncClient) -> None:
    french = (await http.get("/api/templates", params={"lang": "fr"})).json()
    english = (await http.get("/api/templates", params={"lang": "en"})).json()
    builtins = {t["id"]: t for t in french if t["builtin"]}
    assert {"builtin-ideas", "builtin-retrospective"} <= set(builtins)
    retrospective = builtins["builtin-retrospective"]
    assert retrospective["title"] == "Bilan d'une action"
    assert [a["title"] for a in retrospective["activities"]] == [
        "Ce qui a marché",
        "Ce qu'on change",
    ]
    assert [a["format"] for a in retrospective["activities"]] == ["board", "board"]
    assert all(not t["builtin"] for t in french[len(builtins) :]), "built-ins come first"
    retrospective = next(t for t in english if t["id"] == "builtin-retrospective")
    assert retrospective["title"] == "Looking back on an action"
    assert [a["title"] for a in retrospective["activities"]] == ["What worked", "What we change"]

    session = await session_from(http, "builtin-retrospective", "en")
    facilitator = await session.facilitator().connect()
    assert agenda(facilitator) == [
        ("board", "What worked", "pseudonym"),
        ("board", "What we change", "anonymous"),
    ]
    assert facilitator.view["session"]["current_activity_id"] == "a1"
    # The template's agenda is where the session starts, not an action to take back.
    assert facilitator.activity["undo"] is None
    assert "session.undo" not in facilitator.activity["can"]
    assert await boards(facilitator) == [
        {"question": "What worked well?", "dots": 2, "groups": []},
        {"question": "What should we change next time?", "dots": 3, "groups": []},
    ]
    await facilitator.disconnect()


async def test_a_saved_agenda_starts_an_equal_session(
    http: httpx.AsyncClient, server: ServerProcess
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    empty = await http.post(
        f"/api/sessions/{session.id}/templates",
        json={"title": "Rien"},
        headers={"Authorization": f"Bearer {session.key}"},
    )
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "empty_agenda"
    await add_board(
        facilitator,
        "Ce qui a marché",
        "Qu'est-ce qui a marché ?",
        "pseudonym",
        columns=["Organisation", "Contenu"],
        dots=4,
    )
    second = await add_board(facilitator, "Qui fait quoi", "Qui s'en charge ?", "named", dots=1)
    await facilitator.ok("session.move_activity", {"activity_id": second, "position": 0})
    await facilitator.until(lambda c: c.view["session"]["activities"][0]["id"] == second)

    # Only the facilitator saves templates.
    title = {"title": "Bilan d'équipe"}
    url = f"/api/sessions/{session.id}/templates"
    assert (await http.post(url, json=title)).status_code == 401
    scribe_url, scribe = await open_link(facilitator, session, "scribe")
    scribe_key = {"Authorization": f"Bearer {scribe_url.rsplit('/', 1)[1]}"}
    assert (await http.post(url, json=title, headers=scribe_key)).status_code == 403
    saved = await http.post(url, json=title, headers={"Authorization": f"Bearer {session.key}"})
    assert saved.status_code == 201, saved.text
    template_id = saved.json()["id"]
    assert saved.json()["title"] == "Bilan d'équipe"

    listed = (await http.get("/api/templates")).json()
    mine = next(t for t in listed if t["id"] == template_id)
    assert mine["builtin"] is False and mine["title"] == "Bilan d'équipe"
    assert [a["title"] for a in mine["activities"]] == ["Qui fait quoi", "Ce qui a marché"]

    copy = await session_from(http, template_id)
    copied = await copy.facilitator().connect()
    assert (
        agenda(copied)
        == agenda(facilitator)
        == [
            ("board", "Qui fait quoi", "named"),
            ("board", "Ce qui a marché", "pseudonym"),
        ]
    )
    assert await boards(copied) == await boards(facilitator)
    assert await boards(copied) == [
        {"question": "Qui s'en charge ?", "dots": 1, "groups": []},
        {
            "question": "Qu'est-ce qui a marché ?",
            "dots": 4,
            "groups": [{"id": "g1", "title": "Organisation"}, {"id": "g2", "title": "Contenu"}],
        },
    ]
    # The settings, exactly as stored.
    assert added(server.database, copy.id) == sorted(
        added(server.database, session.id), key=lambda a: a["title"] != "Qui fait quoi"
    )
    for client in (facilitator, scribe, copied):
        await client.disconnect()


async def test_an_unknown_template_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/api/sessions",
        json={"title": "Essai", "facilitator_name": "", "language": "en", "template": "nope"},
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_template"
    assert "template" in response.json()["error"]["message"]
