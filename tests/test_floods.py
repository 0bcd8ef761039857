"""Floods are contained without punishing the room (issue 15, promise 8).

A hall behind one Wi-Fi address: twenty phones joined from that address, one of them flooding
(commands as fast as its socket sends them, resyncs, then a frame far beyond the largest message
the server accepts), while a guesser on another address tries join codes. The flood is held to
the flooding phone's own limits (server/context.py), the oversize frame costs that socket alone,
and none of the honest phones, the flooder's neighbours behind the same address, is refused.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.context import COMMANDS_PER_PARTICIPANT, RESYNCS_PER_SOCKET
from server.join_codes import FREE_FAILURES, WAITING
from server.settings import Settings
from tests.raw_socket import RawSocket
from tests.support import ServerProcess, create_session, stored_rows

HALL = "192.0.2.10"  # the hall's one public address (X-Forwarded-For, trusted from 127.0.0.1)
GUESSER = "198.51.100.7"
HONEST = 19
FLOOD = 300
RESYNC_FLOOD = 200
GUESSES = 120


OPENED: list[RawSocket] = []


@pytest.fixture
async def own(database: Path) -> AsyncIterator[tuple[ServerProcess, httpx.AsyncClient]]:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
            yield server, http
    finally:
        while OPENED:
            await OPENED.pop().close()
        server.kill()  # guesses may still wait their turn: nothing to keep


async def open_socket(url: str, auth: dict[str, Any]) -> RawSocket:
    socket = RawSocket(url)
    OPENED.append(socket)
    return await socket.open(auth)


async def phone(http: httpx.AsyncClient, url: str, code: str, name: str) -> RawSocket:
    joined = await http.post(
        f"/api/join/{code}", json={"name": name}, headers={"X-Forwarded-For": HALL}
    )
    assert joined.status_code == 201, joined.text
    socket = await open_socket(url, {"token": joined.json()["token"]})
    await socket.until(lambda: bool(socket.received("view")))
    return socket


async def note(socket: RawSocket, text: str) -> list[Any]:
    return await socket.answer(
        await socket.emit("command", {"type": "board.add_note", "payload": {"text": text}}), 30
    )


async def test_a_flooding_phone_is_held_to_its_limits_and_its_room_is_not_punished(
    own: tuple[ServerProcess, httpx.AsyncClient], figure: Any
) -> None:
    server, http = own
    database = server.database
    session = await create_session(http, title="Salle comble")
    console = await open_socket(
        server.url, {"session_id": session.id, "key": session.key, "screen": "console"}
    )
    board = {"format": "board", "title": "Idées", "config": {"question": "Et si… ?"}}
    ack = await console.answer(
        await console.emit("command", {"type": "session.add_activity", "payload": board})
    )
    assert ack[0]["ok"], ack
    flooder = await phone(http, server.url, session.join_code, "Flot")
    honest = [await phone(http, server.url, session.join_code, f"P{n}") for n in range(HONEST)]

    # The guesser, on its own address, while the hall works.
    guesser = httpx.AsyncClient(
        base_url=server.url, timeout=60, limits=httpx.Limits(max_connections=GUESSES)
    )

    async def guess(n: int) -> int:
        response = await guesser.get(f"/api/join/ZZZZ{n:04d}", headers={"X-Forwarded-For": GUESSER})
        return response.status_code

    guessing = asyncio.get_running_loop().time()
    guesses = [asyncio.create_task(guess(n)) for n in range(GUESSES)]
    # The free wrong codes answered at once, the rest refused at once but for those that wait
    # their turn (server/join_codes.py): all of those are answered without waiting a turn.
    while sum(1 for g in guesses if g.done()) < GUESSES - WAITING:
        await asyncio.wait(guesses, timeout=10, return_when=asyncio.FIRST_COMPLETED)

    # The flooder sends FLOOD notes at once; each honest phone writes three, as people do.
    flood_ids = [
        await flooder.emit("command", {"type": "board.add_note", "payload": {"text": f"F{n}"}})
        for n in range(FLOOD)
    ]
    honest_acks = await asyncio.gather(
        *(note(s, f"Idée {n}.{k}") for n, s in enumerate(honest) for k in range(3))
    )
    flood_acks = [(await flooder.answer(i, 30))[0] for i in flood_ids]
    accepted = sum(1 for a in flood_acks if a["ok"])
    limited = [a for a in flood_acks if not a["ok"]]
    honest_refused = sum(1 for (a,) in honest_acks if not a["ok"])

    # Resyncs: a whole view each, at most RESYNCS_PER_SOCKET a minute.
    whole_views = 0
    take = flooder._take

    async def counting(packet: str) -> None:
        nonlocal whole_views
        if packet.startswith("42"):
            name, *data = json.loads(packet[2:])
            whole_views += name == "view" and bool(data) and "patch" not in data[0]
        await take(packet)

    flooder._take = counting  # type: ignore[method-assign]
    for _ in range(RESYNC_FLOOD):
        await flooder.send_raw("42" + json.dumps(["resync", "view"]))
    await flooder.until(lambda: whole_views >= RESYNCS_PER_SOCKET.amount, 30)
    # A command sent after the resyncs, answered (still over the flooder's limit): by then the
    # resyncs were handled; more whole views would have come.
    after_resyncs = await note(flooder, "encore une")
    probe = await note(honest[0], "après les resyncs")

    # A frame far beyond the largest message accepted: that socket is dropped, nothing else.
    limit = Settings().max_message_bytes
    oversize = "42" + json.dumps(["command", {"type": "board.add_note", "payload": {
        "text": "x" * (16 * limit)}}])  # fmt: skip
    await flooder.send_raw(oversize)
    await flooder.until(lambda: flooder.namespace_closed, 30)
    after = await asyncio.gather(*(note(s, "encore là") for s in honest))
    health = await http.get("/healthz")

    turns = asyncio.get_running_loop().time() - guessing
    statuses = [g.result() for g in guesses if g.done()]
    for g in guesses:
        g.cancel()
    await guesser.aclose()
    events = stored_rows(database, "events", session.id)
    notes = [json.loads(e["data"]) for e in events if e["type"] == "board.note_added"]
    figure(
        "floods are contained",
        flood_sent=FLOOD,
        flood_accepted=accepted,
        resyncs_sent=RESYNC_FLOOD,
        whole_views_sent=whole_views,
        oversize_frame_bytes=len(oversize),
        oversize_socket_closed=flooder.namespace_closed,
        honest_phones=HONEST,
        honest_refused=honest_refused + sum(1 for (a,) in after if not a["ok"]),
        guesses=GUESSES,
        guesses_found=statuses.count(200),
        guesses_refused_429=statuses.count(429),
        guesses_answered_404=statuses.count(404),
        guesses_slowed=GUESSES - len(statuses),
    )
    per_minute = COMMANDS_PER_PARTICIPANT.amount
    assert accepted == per_minute, "the flooder gets its own minute's worth, no more"
    assert {a["error"]["code"] for a in limited} == {"rate_limited"}
    assert all(a["error"]["message"] for a in limited)
    assert honest_refused == 0, "no honest phone behind the same address is refused"
    assert probe[0]["ok"]
    assert after_resyncs[0]["error"]["code"] == "rate_limited"
    assert 0 < whole_views <= RESYNCS_PER_SOCKET.amount
    assert all(a["ok"] for (a,) in after), "the honest phones go on after the oversize frame"
    assert health.status_code == 200
    # Nothing written but the accepted notes: not the refused ones, not the oversize one.
    assert len(notes) == accepted + 3 * HONEST + 1 + HONEST
    assert max(len(json.dumps(n)) for n in notes) < limit
    # The guesser: nothing found, slowed to a look-up a second, the rest refused at once.
    assert set(statuses) <= {404, 429}, "no guess found a session"
    free = FREE_FAILURES.amount
    assert statuses.count(404) <= free + int(turns) + 1, "beyond the free ones, one a second"
    assert statuses.count(429) >= GUESSES - free - WAITING - int(turns) - 1
