"""Nothing acknowledged is lost; a resent command counts once; a phone comes back as itself."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support import (
    Client,
    ServerProcess,
    caught_up,
    create_session,
    join,
    private_caught_up,
)

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


# -- several phones writing when the server is killed (issue 15, promise 1) -------------------


@dataclass
class Phone:
    """A phone that writes notes one after the other, each with its own client id, and keeps
    what was acknowledged and what was sent without an answer yet."""

    number: int
    client: Client
    acked: dict[str, str] = field(default_factory=dict)  # client id -> text
    in_flight: dict[str, str] = field(default_factory=dict)

    async def write(self, count: int, enough: asyncio.Event, phones: list[Phone]) -> None:
        for n in range(count):
            client_id, text = f"p{self.number}-{n}", f"Téléphone {self.number}, idée {n}"
            self.in_flight[client_id] = text
            answer = await self.client.send("board.add_note", {"text": text}, client_id=client_id)
            assert answer["ok"], answer
            self.acked[client_id] = self.in_flight.pop(client_id)
            if sum(len(p.acked) for p in phones) >= KILL_AFTER:
                enough.set()


PHONES = 8
NOTES_PER_PHONE = 40  # below the 60 commands a minute a phone may send
KILL_AFTER = 160  # acknowledged notes, of 320 sent, when the server is killed


async def write_through_a_kill(
    server: ServerProcess, figure: Any, label: str, check_log: Callable[[str], Awaitable[None]]
) -> None:
    """Phones write at once; the server is killed (SIGKILL) while their commands are in flight,
    then started again: every acknowledged note is there once, and each phone, sending again
    with the same client ids what got no answer, finds each of its notes exactly once."""
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok("session.add_activity", BOARD)
        phones = [Phone(n, await join(http, session, f"Personne {n}")) for n in range(PHONES)]
        enough = asyncio.Event()
        writing = [asyncio.create_task(p.write(NOTES_PER_PHONE, enough, phones)) for p in phones]
        await asyncio.wait_for(enough.wait(), 40)
        server.kill()  # mid-stream: every phone has a command on its way
        in_flight = sum(len(p.in_flight) for p in phones)
        for task in writing:
            task.cancel()
        await asyncio.gather(*writing, return_exceptions=True)
        for client in (facilitator, *(p.client for p in phones)):
            await client.disconnect()

    server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            acked = {text for p in phones for text in p.acked.values()}
            found: list[str] = []
            for phone in phones:
                back = Client(server.url, {"token": phone.client.token})  # type: ignore[attr-defined]
                await back.connect()
                await back.until(lambda c: bool(c.private))
                found += [n["text"] for n in back.mine["notes"]]
                phone.client = back
            lost = acked - set(found)
            doubled = len(found) - len(set(found))
            # What got no answer is sent again, as a phone does after a reconnect.
            retried = 0
            for phone in phones:
                for client_id, text in phone.in_flight.items():
                    answer = await phone.client.send(
                        "board.add_note", {"text": text}, client_id=client_id
                    )
                    assert answer["ok"], answer
                    retried += 1
                    await private_caught_up(answer["seq"], phone.client)
            sent = {text for p in phones for text in [*p.acked.values(), *p.in_flight.values()]}
            after: list[str] = []
            for phone in phones:
                after += [n["text"] for n in phone.client.mine["notes"]]
                await phone.client.disconnect()
            doubled += len(after) - len(set(after))
            figure(
                f"nothing acknowledged is lost ({label})",
                phones=PHONES,
                acked=len(acked),
                in_flight=in_flight,
                found=len(acked & set(found)),
                lost=len(lost),
                doubled=doubled,
                resent_after_restart=retried,
            )
            assert in_flight > 0, "the kill came between two commands, not during one"
            assert not lost
            assert doubled == 0
            assert set(after) == sent and len(after) == len(sent)
            await check_log(session.id)
    finally:
        server.stop()


async def log_is_whole(url: str, session_id: str) -> None:
    """What a host checks after a crash, on SQLite and PostgreSQL alike: the session's seqs run
    1, 2, 3… with no gap, no event or command row belongs to no session, and every recorded
    command id points at an event that is there."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            seqs = (
                await conn.scalars(
                    sa.text("SELECT seq FROM events WHERE session_id = :s ORDER BY seq"),
                    {"s": session_id},
                )
            ).all()
            assert seqs == list(range(1, len(seqs) + 1))
            orphans_of = "SELECT count(*) FROM {} WHERE session_id NOT IN (SELECT id FROM sessions)"
            for orphans in (
                *(orphans_of.format(table) for table in ("events", "commands", "credentials")),
                "SELECT count(*) FROM commands c WHERE NOT EXISTS (SELECT 1 FROM events e"
                " WHERE e.session_id = c.session_id AND e.seq = c.seq)",
            ):
                assert await conn.scalar(sa.text(orphans)) == 0, orphans
    finally:
        await engine.dispose()


def sqlite_integrity(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


async def test_nothing_acknowledged_is_lost_when_the_server_is_killed_mid_stream(
    database: Path, figure: Any
) -> None:
    async def check(session_id: str) -> None:
        await log_is_whole(f"sqlite+aiosqlite:///{database}", session_id)
        assert sqlite_integrity(database) == "ok"

    await write_through_a_kill(ServerProcess(database).start(), figure, "SQLite", check)
