"""Anonymity per activity: anonymous (nothing stored ties a note or a dot to a person),
pseudonym (names on screens, not in the minutes), named (names in the minutes too)."""

from __future__ import annotations

import csv
import io
import json
import re

import httpx

from tests.support import (
    Client,
    ServerProcess,
    add_board,
    caught_up,
    create_session,
    get_minutes,
    join,
    stored_rows,
)

NAMES = ("Camille", "Yanis")


async def test_nothing_stored_or_shown_ties_an_anonymous_note_to_its_author(
    http: httpx.AsyncClient, server: ServerProcess
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    activity = await add_board(facilitator, "Ce qui fâche", anonymity="anonymous", dots=2)
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    people = {p.private["me"]["participant_id"]: p for p in (camille, yanis)}
    assert set(people) == {"p1", "p2"}

    await camille.ok("board.add_note", {"text": "Les réunions trop longues"})
    await camille.ok("board.add_note", {"text": "Les mails en copie"})
    await yanis.ok("board.add_note", {"text": "Le bruit du couloir"})
    await camille.ok("participant.ready", {"ready": True})

    # A phone that sleeps and wakes with its token still finds, and may still edit, its notes.
    me = camille.private["me"]
    await camille.disconnect()
    camille = await Client(session.base_url, {"token": camille.token}).connect()  # type: ignore[attr-defined]
    await camille.until(lambda c: len(c.mine.get("notes", [])) == 2)
    assert camille.private["me"]["participant_id"] == me["participant_id"]
    assert camille.private["me"]["ready"] is True
    mine = {n["text"]: n["id"] for n in camille.mine["notes"]}
    await camille.ok(
        "board.edit_note",
        {"note_id": mine["Les mails en copie"], "text": "Les mails en copie à tout le monde"},
    )
    await camille.until(
        lambda c: (
            [n["text"] for n in c.mine["notes"]]
            == ["Les réunions trop longues", "Les mails en copie à tout le monde"]
        )
    )
    refused = await yanis.send("board.delete_note", {"note_id": mine["Les réunions trop longues"]})
    assert refused["ok"] is False and refused["error"]["code"] == "not_yours"
    await yanis.until(lambda c: [n["text"] for n in c.mine["notes"]] == ["Le bruit du couloir"])

    for _ in range(3):
        await facilitator.ok("step.next")
    await camille.until(lambda c: c.activity["step"]["key"] == "vote")
    notes = {n["text"]: n["id"] for n in camille.board["notes"]}
    await camille.ok("board.add_vote", {"note_id": notes["Le bruit du couloir"]})
    await yanis.ok("board.add_vote", {"note_id": notes["Le bruit du couloir"]})
    await yanis.ok("board.add_vote", {"note_id": notes["Les réunions trop longues"]})
    await yanis.ok("participant.ready", {"ready": True})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, room, camille, yanis)
    assert [(r["text"], r["votes"]) for r in room.board["results"]] == [
        ("Le bruit du couloir", 2),
        ("Les réunions trop longues", 1),
        ("Les mails en copie à tout le monde", 0),
    ]

    # The log: aliases, never the people.
    rows = stored_rows(server.database, "events", session.id)
    theirs = [
        r
        for r in rows
        if (r["type"].startswith("board.") and r["activity_id"] == activity)
        or (r["type"] == "participant.ready" and json.loads(r["data"])["activity_id"] == activity)
    ]
    assert len(theirs) == 9
    for row in theirs:
        assert row["actor_id"] not in people and row["actor_id"].startswith("x"), row
        values = json.loads(row["data"]).values()
        assert not set(values) & set(people), row
        assert not any(name in row["data"] for name in NAMES), row
    authors = {
        json.loads(r["data"])["author_id"] for r in theirs if r["type"] == "board.note_added"
    }
    assert len(authors) == 2, "one alias per person"
    commands = stored_rows(server.database, "commands", session.id)
    assert commands, "commands are recorded, under aliases"
    assert not {c["actor_id"] for c in commands} & set(people)
    assert sum(c["actor_id"].startswith("x") for c in commands) == 9

    # Screens and minutes name nobody.
    for screen in (facilitator, room, camille, yanis):
        shown = json.dumps(screen.activity, ensure_ascii=False)
        assert not any(name in shown for name in NAMES)
        assert '"p1"' not in shown and '"p2"' not in shown
        assert all(n["author"] is None for n in screen.board["notes"])
    minutes = await get_minutes(http, session)
    assert "Le bruit du couloir" in minutes
    assert not any(name in minutes for name in NAMES)

    # Every other export names nobody either: the printable minutes, the CSV, the calendar, and
    # the archive, where the activity's events keep their aliases.
    documents = {}
    for name in ("minutes.html", "data.csv", "actions.ics", "data.json"):
        response = await http.get(
            f"/api/sessions/{session.id}/{name}", headers={"Authorization": f"Bearer {session.key}"}
        )
        assert response.status_code == 200, name
        documents[name] = response.text
    for name in ("minutes.html", "data.csv", "actions.ics"):
        assert "Le bruit du couloir" in documents[name] or name == "actions.ics"
        assert not any(who in documents[name] for who in NAMES), name
        assert not re.search(r"\bp[12]\b", documents[name]), name
    rows = list(csv.reader(io.StringIO(documents["data.csv"].lstrip("\ufeff"))))
    assert {r[7] for r in rows[1:]} == {""}, "no author column filled"
    archived = json.loads(documents["data.json"])
    for event in archived["events"]:
        if event["activity_id"] == activity:
            told = json.dumps(event, ensure_ascii=False)
            assert not any(who in told for who in NAMES), event
            assert event["actor_id"] not in people and not set(event["data"].values()) & set(people)
    secret_like = re.compile(r"[A-Za-z0-9_-]{32,}")
    assert not secret_like.search(documents["data.json"]), "no key, token or hash"
    assert all(e["data"].get("join_code", "") == "" for e in archived["events"])
    for client in (facilitator, room, camille, yanis):
        await client.disconnect()


async def test_pseudonyms_show_on_screens_and_only_named_activities_name_in_minutes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator, "Ce qui a marché", "Qu'est-ce qui a marché ?", "pseudonym")
    named = await add_board(facilitator, "Qui fait quoi", "Qui s'en occupe ?", "named")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    await camille.ok("board.add_note", {"text": "Le repas partagé"})
    await yanis.ok("board.add_note", {"text": "Les horaires"})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], room, camille)
    for screen in (room, camille):
        authors = [(n["text"], n["author"]) for n in screen.board["notes"]]
        assert authors == [
            ("Le repas partagé", {"name": "Camille", "number": 1, "proxy": False}),
            ("Les horaires", {"name": "Yanis", "number": 2, "proxy": False}),
        ]
    minutes = await get_minutes(http, session)
    assert "Le repas partagé" in minutes
    assert not any(name in minutes for name in NAMES)

    await facilitator.ok("session.open_activity", {"activity_id": named})
    await camille.until(lambda c: c.activity["id"] == named)
    assert camille.activity["anonymity"] == "named"
    await camille.ok("board.add_note", {"text": "J'appelle la mairie"})
    await yanis.ok("board.add_note", {"text": "Je réserve la salle"})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], room)
    assert [n["author"]["name"] for n in room.board["notes"]] == ["Camille", "Yanis"]
    minutes = await get_minutes(http, session)
    assert "- J'appelle la mairie — Camille" in minutes
    assert "- Je réserve la salle — Yanis" in minutes
    assert "- Le repas partagé\n" in minutes, "the pseudonym activity still names nobody"
    for client in (facilitator, room, camille, yanis):
        await client.disconnect()


async def test_a_named_activity_asks_for_a_name_first(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, anonymity="named")
    nameless = await join(http, session, "")
    refused = await nameless.send("board.add_note", {"text": "Sans nom"})
    assert refused["ok"] is False and refused["error"]["code"] == "name_required"
    assert "prénom" in refused["error"]["message"]
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 1)
    assert facilitator.board["note_count"] == 0

    answer = await nameless.ok("participant.rename", {"name": "Zoé"})
    await caught_up(answer["seq"], facilitator)
    assert [p["name"] for p in facilitator.view["session"]["participants"]] == ["Zoé"]
    await nameless.until(lambda c: c.private["me"]["name"] == "Zoé")
    await nameless.ok("board.add_note", {"text": "Avec mon nom"})
    await facilitator.ok("step.next")
    minutes = await get_minutes(http, session)
    assert "- Avec mon nom — Zoé" in minutes
    for client in (facilitator, nameless):
        await client.disconnect()
