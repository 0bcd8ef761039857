"""Undo: the facilitator's last action goes back exactly, as new events, never at a
participant's expense."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.support import (
    ServerProcess,
    add_board,
    caught_up,
    create_session,
    get_minutes,
    join,
    stored_rows,
)


def staff_list(view: dict[str, Any]) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = view["session"]["participants"]
    return people


async def test_undoing_a_step_by_mistake_restores_the_exact_state(
    http: httpx.AsyncClient, server: ServerProcess
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", anonymity="named")
    camille = await join(http, session, "Camille")
    yanis = await join(http, session, "Yanis")
    await camille.ok("board.add_note", {"text": "Un calendrier partagé"})
    await yanis.ok("board.add_note", {"text": "Des petits déjeuners"})
    await camille.ok("participant.ready", {"ready": True})
    answer = await facilitator.ok("timer.start", {"minutes": 10})
    await caught_up(answer["seq"], facilitator, camille)
    await facilitator.until(lambda c: c.activity["ready_count"] == 1)
    before = facilitator.activity
    before_people = staff_list(facilitator.view)
    assert [p["ready"] for p in before_people] == [True, False]
    assert before["timer"] is not None and before["undo"] == {"label": "timer.start", "detail": ""}
    minutes_before = await get_minutes(http, session)

    answer = await facilitator.ok("step.next")  # by mistake
    await caught_up(answer["seq"], facilitator, camille)
    assert facilitator.activity["step"]["key"] == "reveal"
    assert facilitator.activity["timer"] is None and facilitator.activity["ready_count"] == 0
    assert facilitator.activity["undo"] == {"label": "step.next", "detail": ""}
    assert "session.undo" in facilitator.activity["can"]
    assert await get_minutes(http, session) != minutes_before

    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], facilitator, camille)
    assert facilitator.activity == before, "same step, same timer, same ready signals"
    assert staff_list(facilitator.view) == before_people
    assert await get_minutes(http, session) == minutes_before
    assert camille.activity["step"]["key"] == "write"
    await camille.until(lambda c: c.private["me"]["ready"] is True)
    assert [n["text"] for n in camille.mine["notes"]] == ["Un calendrier partagé"]

    # Undo is recorded as new events after the originals: nothing in the log is rewritten.
    rows = stored_rows(server.database, "events", session.id)
    types = [r["type"] for r in rows]
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert types[-5:] == [
        "undo.checkpoint",
        "timer.set",
        "undo.checkpoint",
        "step.changed",
        "undo.done",
    ]
    assert json.loads(rows[-5]["data"]) == {"label": "timer.start", "count": 1, "detail": ""}
    checkpoint, changed, done = rows[-3:]
    assert json.loads(checkpoint["data"]) == {"label": "step.next", "count": 1, "detail": ""}
    assert json.loads(changed["data"])["index"] == 1, "the mistaken step stays in the log"
    assert json.loads(done["data"]) == {"seq": checkpoint["seq"], "label": "step.next"}
    for client in (facilitator, camille, yanis):
        await client.disconnect()


async def test_undo_brings_back_hidden_and_merged_notes(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    for text in ("Un agenda partagé", "Un calendrier partagé", "Une newsletter"):
        await phone.ok("board.add_note", {"text": text})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator, room)
    notes = {n["text"]: n["id"] for n in facilitator.board["notes"]}

    def shown() -> list[tuple[str, list[str]]]:
        return [(n["text"], n["merged"]) for n in room.board["notes"]]

    everything = shown()
    assert len(everything) == 3

    answer = await facilitator.ok(
        "board.hide_note", {"note_id": notes["Une newsletter"], "hidden": True}
    )
    await caught_up(answer["seq"], room)
    assert [text for text, _ in shown()] == ["Un agenda partagé", "Un calendrier partagé"]
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], room, facilitator)
    assert shown() == everything

    answer = await facilitator.ok(
        "board.merge_notes",
        {"note_id": notes["Un agenda partagé"], "into_id": notes["Un calendrier partagé"]},
    )
    await caught_up(answer["seq"], room)
    assert shown() == [("Un calendrier partagé", ["Un agenda partagé"]), ("Une newsletter", [])]
    assert facilitator.activity["undo"] == {"label": "board.merge_notes", "detail": ""}
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], room, facilitator)
    assert shown() == everything
    # Next in line: the action before those two.
    assert facilitator.activity["undo"] == {"label": "step.next", "detail": ""}
    for client in (facilitator, room, phone):
        await client.disconnect()


async def test_undoing_a_removal_brings_the_activity_back_with_its_notes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    first = await add_board(facilitator, "Ce qui marche")
    second = await add_board(facilitator, "Ce qu'on change", "Que changer ?")
    phone = await join(http, session, "Lou")
    await phone.ok("board.add_note", {"text": "Les horaires"})
    await phone.ok("board.add_note", {"text": "La salle"})
    await facilitator.ok("session.open_activity", {"activity_id": second})
    await phone.until(lambda c: c.activity["id"] == second)
    await phone.ok("board.add_note", {"text": "Plus de pauses"})

    def agenda() -> list[tuple[str, str]]:
        return [(a["id"], a["title"]) for a in facilitator.view["session"]["activities"]]

    answer = await facilitator.ok("session.remove_activity", {"activity_id": first})
    await caught_up(answer["seq"], facilitator)
    assert agenda() == [(second, "Ce qu'on change")]
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], facilitator)
    assert agenda() == [(first, "Ce qui marche"), (second, "Ce qu'on change")]

    answer = await facilitator.ok("session.open_activity", {"activity_id": first})
    await caught_up(answer["seq"], facilitator, phone)
    assert facilitator.board["note_count"] == 2
    await phone.until(lambda c: len(c.mine["notes"]) == 2)
    assert [n["text"] for n in phone.mine["notes"]] == ["Les horaires", "La salle"]
    minutes = await get_minutes(http, session)
    assert "Ce qui marche" in minutes
    assert "Post-it écrits, pas encore découverts\u00a0: 2." in minutes
    for client in (facilitator, phone):
        await client.disconnect()


async def test_a_contribution_after_the_action_makes_undo_unavailable_and_is_kept(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    refused = await facilitator.send("session.undo")
    assert refused["error"]["code"] == "nothing_to_undo", "a new session has nothing to undo"
    await add_board(facilitator)
    phone = await join(http, session, "Inès")
    await phone.ok("board.add_note", {"text": "Avant"})
    answer = await facilitator.ok("step.reveal", {"revealed": True})
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["undo"] == {"label": "step.reveal", "detail": "revealed"}

    answer = await phone.ok("board.add_note", {"text": "Écrite après le dévoilement"})
    await caught_up(answer["seq"], facilitator, phone)
    assert facilitator.activity["undo"] is None
    assert "session.undo" not in facilitator.activity["can"]
    refused = await facilitator.send("session.undo")
    assert refused["ok"] is False and refused["error"]["code"] == "nothing_to_undo"
    assert [n["text"] for n in facilitator.board["notes"]] == [
        "Avant",
        "Écrite après le dévoilement",
    ]
    await phone.until(lambda c: len(c.mine["notes"]) == 2)
    assert [n["text"] for n in phone.mine["notes"]] == ["Avant", "Écrite après le dévoilement"]
    assert facilitator.activity["revealed"] is True
    for client in (facilitator, phone):
        await client.disconnect()


async def test_undo_says_exactly_what_it_takes_back(http: httpx.AsyncClient) -> None:
    """A lock and an unlock are both `step.lock_input`: the checkpoint says which one undo would
    take back, so the console can say "reopening input", not "locked or reopened"."""
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    for command, payload, detail in (
        ("step.lock_input", {"locked": True}, "locked"),
        ("step.lock_input", {"locked": False}, "unlocked"),
        ("step.reveal", {"revealed": True}, "revealed"),
        ("step.reveal", {"revealed": False}, "hidden"),
        ("session.lock_joining", {"locked": True}, "locked"),
        ("session.lock_joining", {"locked": False}, "opened"),
        ("screen.show", {"mode": "qr"}, "qr"),
        ("screen.show_join", {"shown": False}, "hidden"),
        ("timer.start", {"minutes": 3}, ""),
    ):
        answer = await facilitator.ok(command, payload)
        await caught_up(answer["seq"], facilitator)
        assert facilitator.activity["undo"] == {"label": command, "detail": detail}, command
    answer = await facilitator.ok("session.undo")
    await caught_up(answer["seq"], facilitator)
    assert facilitator.activity["undo"] == {"label": "screen.show_join", "detail": "hidden"}
    # A format's event says what it did too: hiding a note, or showing it again.
    phone = await join(http, session, "Camille")
    await phone.ok("board.add_note", {"text": "Un calendrier partagé"})
    for command in ("step.next", "step.next"):  # write → reveal → group
        await facilitator.ok(command)
    for hidden, detail in ((True, "hidden"), (False, "shown")):
        payload = {"note_id": "n1", "hidden": hidden}
        answer = await facilitator.ok("board.hide_note", payload)
        await caught_up(answer["seq"], facilitator)
        assert facilitator.activity["undo"] == {"label": "board.hide_note", "detail": detail}
    for client in (facilitator, phone):
        await client.disconnect()
