"""Nothing acknowledged is lost; a resent command counts once; a phone comes back as itself."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import socketio

from tests.support import Client, ServerProcess, caught_up, create_session, join

BOARD = {"format": "board", "config": {"question": "Qu'est-ce qui marche bien ?"}}


async def test_acknowledged_notes_survive_a_killed_server(database: Path) -> None:
    server = ServerProcess(database).start()
    async with httpx.AsyncClient(base_url=server.url) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok("session.add_activity", BOARD)
        person = await join(http, session, "Inès")
        acked = []
        for n in range(20):
            answer = await person.ok("board.add_note", {"text": f"Idée {n}"})
            acked.append(answer["seq"])
        server.kill()  # SIGKILL right after the last ack: no shutdown, no flush

    server = ServerProcess(database, port=server.port).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            back = Client(server.url, {"token": person.token})  # type: ignore[attr-defined]
            await back.connect()
            await back.until(lambda c: bool(c.private))
            assert [n["text"] for n in back.mine["notes"]] == [f"Idée {n}" for n in range(20)]
            assert back.view["seq"] == acked[-1]
            await back.disconnect()
    finally:
        server.stop()


async def test_a_resent_command_is_applied_once(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await facilitator.ok("session.add_activity", BOARD)
    person = await join(http, session, "Marc")
    first = await person.send("board.add_note", {"text": "Une seule fois"}, client_id="note-1")
    again = await person.send("board.add_note", {"text": "Une seule fois"}, client_id="note-1")
    assert first["ok"] and again["ok"] and again["duplicate"]
    assert again["seq"] == first["seq"]
    await person.until(lambda c: len(c.mine["notes"]) == 1)
    # Another participant may use the same client id: ids are per person.
    other = await join(http, session, "Lou")
    theirs = await other.send("board.add_note", {"text": "La mienne"}, client_id="note-1")
    assert theirs["ok"] and "duplicate" not in theirs
    await facilitator.until(lambda c: c.board["note_count"] == 2)
    for client in (facilitator, person, other):
        await client.disconnect()


async def test_a_reconnecting_phone_is_the_same_participant_with_its_notes(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await facilitator.ok("session.add_activity", BOARD)
    phone = await join(http, session, "Awa")
    answer = await phone.ok("board.add_note", {"text": "Mon idée"})
    me = phone.private["me"]
    # The view of the phone's join says "not connected" too: see it connected first, so that
    # "not connected" below can only be the disconnection.
    await caught_up(answer["seq"], facilitator)
    assert [p["connected"] for p in facilitator.view["session"]["participants"]] == [True]
    await phone.disconnect()  # the phone sleeps
    await facilitator.until(
        lambda c: [p["connected"] for p in c.view["session"]["participants"]] == [False]
    )
    assert facilitator.view["session"]["connected_count"] == 0
    assert facilitator.view["session"]["participant_count"] == 1, "away, not gone"
    await facilitator.ok("step.next")  # the session moves on meanwhile

    woken = Client(session.base_url, {"token": phone.token})  # type: ignore[attr-defined]
    await woken.connect()
    await woken.until(lambda c: bool(c.private))
    identity = ("participant_id", "name", "number", "role")
    assert {k: woken.private["me"][k] for k in identity} == {k: me[k] for k in identity}
    assert woken.activity["step"]["key"] == "reveal"
    assert [n["text"] for n in woken.board["notes"]] == ["Mon idée"]
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 1)
    for client in (facilitator, woken):
        await client.disconnect()


async def test_a_second_facilitator_device_has_the_same_rights(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    laptop = await session.facilitator().connect()
    tablet = await session.facilitator().connect()
    await tablet.ok("session.add_activity", BOARD)
    await laptop.until(lambda c: c.view["activity"] is not None)
    await laptop.ok("step.next")
    await tablet.until(lambda c: c.activity["step"]["key"] == "reveal")
    for client in (laptop, tablet):
        await client.disconnect()


async def test_a_socket_without_credentials_is_refused(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    for auth in ({}, {"token": "nope"}, {"session_id": session.id, "key": "nope"}):
        client = Client(session.base_url, auth)
        reasons: list[object] = []
        client.sio.on("connect_error", reasons.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect()
        assert reasons == [{"message": "unauthorized"}], auth


async def test_a_socket_opened_from_another_site_is_refused(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    client = Client(session.base_url, {"session_id": session.id, "key": session.key})
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.sio.connect(
            session.base_url,
            auth=client.auth,
            headers={"Origin": "http://another-site.example"},
            transports=["websocket"],
            wait_timeout=5,
        )
    if client.sio.eio.http is not None:  # the refused handshake leaves its HTTP session open
        await client.sio.eio.http.close()
    same_site = Client(session.base_url, client.auth)
    await same_site.sio.connect(
        session.base_url,
        auth=client.auth,
        headers={"Origin": session.base_url},
        transports=["websocket"],
        wait_timeout=5,
    )
    await same_site.disconnect()
