"""What a client sends packet by packet: events named like the server's own handlers change
nothing, and packets the server cannot read cost one short line in the log, a few a minute at
most — any client can send them, so they must not flood the log."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.raw_socket import RawSocket
from tests.support import ServerProcess, add_board, caught_up, create_session


async def _phone(http: httpx.AsyncClient, code: str, name: str) -> str:
    response = await http.post(f"/api/join/{code}", json={"name": name})
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


async def test_an_event_named_disconnect_does_not_mark_a_phone_away(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    phone = await RawSocket(session.base_url).open(
        {"token": await _phone(http, session.join_code, "Awa")}
    )
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 1)

    await phone.answer(await phone.emit("disconnect", "client disconnect"))
    sent = await phone.answer(
        await phone.emit("command", {"type": "board.add_note", "payload": {"text": "Encore là"}})
    )
    seq = sent[0]["seq"]
    await caught_up(seq, facilitator)
    (awa,) = facilitator.view["session"]["participants"]
    assert (awa["connected"], facilitator.view["session"]["connected_count"]) == (True, 1)
    # And the phone still gets what it alone sees.
    await phone.until(
        lambda: any(p["seq"] >= seq and p["mine"]["notes"] for p in phone.received("private"))
    )
    await phone.close()
    await facilitator.disconnect()


async def test_an_event_named_connect_does_not_keep_a_phone_present_nor_change_who_it_is(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    token = await _phone(http, session.join_code, "Awa")
    phone = await RawSocket(session.base_url).open({"token": token})
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 1)

    await phone.answer(await phone.emit("connect", {}, {"token": token}))
    # Nor may it make a phone the facilitator (with the key, a real connect would).
    staff = {"session_id": session.id, "key": session.key}
    await phone.answer(await phone.emit("connect", {}, staff))
    refused = await phone.answer(await phone.emit("command", {"type": "step.next", "payload": {}}))
    assert refused[0]["error"]["code"] == "not_allowed"

    await phone.close()
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 0)
    (awa,) = facilitator.view["session"]["participants"]
    assert awa["connected"] is False
    await facilitator.disconnect()


MALFORMED = [
    "42xx",  # not JSON
    "42[]",  # no event name
    "4{",  # not a packet type
    '42["command",1,2]',  # more arguments than a command has
    '42["command"]',  # none
    "42" + "[" * 5000 + "]" * 5000,  # deeper than the JSON decoder goes
    "42" + "1" * 5000,  # a number longer than Python reads
    '42[{"a":1}]',  # an event named by an object
    '427[["command"]]',  # by a list, asking for an answer
    '42{"type":"x"}',  # an object where the event and its arguments go
]


async def test_malformed_packets_cost_one_short_line_each_a_few_a_minute(database: Path) -> None:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            session = await create_session(http)
            token = await _phone(http, session.join_code, "Awa")
            phone = await RawSocket(session.base_url).open({"token": token})
            for _round in range(10):
                for packet in MALFORMED:
                    await phone.send_raw(packet)
            # Packets of one socket are read in order: once this one is answered, the server
            # has read every malformed one before it.
            answer = await phone.answer(await phone.emit("command", {"type": "x", "payload": {}}))
            assert answer[0]["error"]["code"] == "unknown_command", "the socket still works"
            # A command with too few or too many arguments is answered when it asks for an answer.
            for args in ((), ({"type": "x", "payload": {}}, 2)):
                answer = await phone.answer(await phone.emit("command", *args))
                assert answer[0]["error"]["code"] == "invalid_payload", args
            await phone.close()
    finally:
        server.stop()
    log = server.log_text()
    assert "Traceback" not in log
    lines = [line for line in log.splitlines() if "Socket.IO" in line]
    assert 1 <= len(lines) <= 10, lines
    assert all(len(line) < 300 for line in lines), lines


async def test_a_frame_that_is_no_packet_closes_its_socket_with_one_short_line(
    database: Path,
) -> None:
    """An empty websocket frame, or one that does not start with a packet type, cannot even be
    split into an Engine.IO packet: its socket is closed, the log gets one short line (never a
    traceback), and the server serves the next socket."""
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            session = await create_session(http)
            token = await _phone(http, session.join_code, "Awa")
            for frame in ("", "x", "\x00"):
                phone = await RawSocket(session.base_url).open({"token": token})
                await phone.send_raw(frame)
                await phone.until(lambda phone=phone: phone.namespace_closed)
                await phone.close()
            phone = await RawSocket(session.base_url).open({"token": token})
            answer = await phone.answer(await phone.emit("command", {"type": "x", "payload": {}}))
            assert answer[0]["error"]["code"] == "unknown_command"
            await phone.close()
    finally:
        server.stop()
    log = server.log_text()
    assert "Traceback" not in log and "ERROR" not in log, log
    lines = [line for line in log.splitlines() if "Socket.IO" in line]
    assert len(lines) == 3 and all(len(line) < 300 for line in lines), lines
