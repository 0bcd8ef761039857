"""Moderation: an edited note keeps a trace; a removed participant is out for good; joining
can be closed and opened again."""

from __future__ import annotations

import httpx
import pytest
import socketio

from tests.support import (
    Client,
    add_board,
    caught_up,
    create_session,
    eventually,
    get_minutes,
    join,
    record,
)


async def test_a_note_edited_by_the_facilitator_says_so(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    await phone.ok("board.add_note", {"text": "Les chefs ne servent à rien"})
    await phone.ok("board.add_note", {"text": "Un calendrier partagé"})
    answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    rude = next(n for n in facilitator.board["notes"] if n["text"].startswith("Les chefs"))
    assert rude["edited"] is False

    answer = await facilitator.ok(
        "board.edit_note", {"note_id": rude["id"], "text": "Clarifier le rôle des responsables"}
    )
    await caught_up(answer["seq"], room, phone)
    for screen in (room, phone):
        shown = {n["text"]: n["edited"] for n in screen.board["notes"]}
        assert shown == {"Clarifier le rôle des responsables": True, "Un calendrier partagé": False}
    minutes = await get_minutes(http, session)
    assert "- Clarifier le rôle des responsables _(modifié par l'animation)_" in minutes
    assert "- Un calendrier partagé\n" in minutes
    english = await get_minutes(http, session, "en")
    assert "- Clarifier le rôle des responsables _(edited by the facilitator)_" in english
    for client in (facilitator, room, phone):
        await client.disconnect()


async def test_a_removed_participant_is_disconnected_and_cannot_come_back(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    troll = await join(http, session, "Troll")
    other = await join(http, session, "Inès")
    await troll.ok("board.add_note", {"text": "Une idée avant le départ"})
    await other.ok("board.add_note", {"text": "Une autre idée"})
    revoked = record(troll, "revoked")
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 2)

    answer = await facilitator.ok("participant.remove", {"participant_id": "p1"})
    await eventually(lambda: not troll.sio.connected)
    assert revoked == [{}], "told before being disconnected"
    await caught_up(answer["seq"], facilitator)
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 1)
    assert [p["name"] for p in facilitator.view["session"]["participants"]] == ["Inès"]
    assert facilitator.board["note_count"] == 2, "what they wrote stays"
    again = await facilitator.send("participant.remove", {"participant_id": "p1"})
    assert again["error"]["code"] == "not_found"

    back = Client(session.base_url, {"token": troll.token})  # type: ignore[attr-defined]
    reasons: list[object] = []
    back.sio.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await back.connect()
    assert reasons == [{"message": "unauthorized"}]

    await facilitator.ok("step.next")
    await other.until(lambda c: len(c.board["notes"]) == 2)
    minutes = await get_minutes(http, session)
    assert "Une idée avant le départ" in minutes
    assert "**Participant·es**\u00a0: 1" in minutes
    for client in (facilitator, other):
        await client.disconnect()


async def test_joining_can_be_locked_and_opened_again(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    answer = await facilitator.ok("session.lock_joining", {"locked": True})
    await caught_up(answer["seq"], facilitator)
    assert facilitator.view["session"]["joining_locked"] is True

    # The join page learns it before asking anything.
    looked_up = await http.get(f"/api/join/{session.join_code}")
    assert looked_up.status_code == 200 and looked_up.json()["joining_locked"] is True
    response = await http.post(f"/api/join/{session.join_code}", json={"name": "Tard"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "joining_locked"
    assert "n'accepte plus" in response.json()["error"]["message"]
    assert facilitator.view["session"]["participant_count"] == 0

    answer = await facilitator.ok("session.lock_joining", {"locked": False})
    await caught_up(answer["seq"], facilitator)
    assert facilitator.view["session"]["joining_locked"] is False
    looked_up = await http.get(f"/api/join/{session.join_code}")
    assert looked_up.json()["joining_locked"] is False
    late = await join(http, session, "Tard")
    await facilitator.until(lambda c: c.view["session"]["participant_count"] == 1)
    for client in (facilitator, late):
        await client.disconnect()
