"""Revoking a link or removing a participant while their screen streams commands: nothing of
theirs is applied after the revocation's seq, and the commands that were already on their way
are refused with `revoked`.

The streaming screens are hand-written sockets that, like a hostile client, keep their transport
open after the server's disconnect, so every answer the server gives them is seen. Once the
first command of a burst is applied, the revocation is sent, and a second burst right after it:
the commands still queued then are "already on their way".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.raw_socket import RawSocket
from tests.support import Client, ServerProcess, add_board, create_session, stored_rows


async def _stream(screen: RawSocket, commands: list[dict[str, Any]]) -> list[int]:
    return [await screen.emit("command", command) for command in commands]


async def _answers_after(
    facilitator: RawSocket, screen: RawSocket, ack_ids: list[int]
) -> list[dict[str, Any]]:
    """Every answer the screen got. A command of the facilitator's, answered, comes after every
    command already queued on the session's lock (it is taken in order)."""
    await facilitator.answer(await facilitator.emit("command", {"type": "x", "payload": {}}))
    return [screen.acks[i][0] for i in ack_ids if i in screen.acks]


def _judge(answers: list[dict[str, Any]], revoked_at: int, figure: Any, who: str) -> None:
    applied = [a["seq"] for a in answers if a["ok"]]
    refused = [a["error"]["code"] for a in answers if not a["ok"]]
    figure(
        f"nobody acts beyond their role: while {who}",
        sent=len(answers),
        applied_before=sum(seq < revoked_at for seq in applied),
        refused=len(refused),
        applied_after=sum(seq > revoked_at for seq in applied),
    )
    assert applied and max(applied) < revoked_at, (applied, revoked_at)
    assert refused and set(refused) == {"revoked"}, refused


async def test_a_link_revoked_while_it_streams_commands_applies_nothing_after(
    http: httpx.AsyncClient, server: ServerProcess, figure: Any
) -> None:
    session = await create_session(http)
    staff = {"session_id": session.id, "key": session.key}
    facilitator = await RawSocket(session.base_url).open(staff)
    created = await facilitator.answer(
        await facilitator.emit("command", {"type": "link.create", "payload": {"role": "scribe"}})
    )
    key = created[0]["result"]["url"].rsplit("/", 1)[1]
    scribe = await RawSocket(session.base_url).open({"session_id": session.id, "key": key})

    def people(first: int, count: int) -> list[dict[str, Any]]:
        return [
            {"type": "participant.add", "payload": {"name": f"P{n}"}, "client_id": f"add-{n}"}
            for n in range(first, first + count)
        ]

    sent = await _stream(scribe, people(0, 150))
    await scribe.answer(sent[0])
    revoke = await facilitator.emit(
        "command", {"type": "link.revoke", "payload": {"link_id": "l1"}}
    )
    sent += await _stream(scribe, people(150, 100))
    revoked_at = (await facilitator.answer(revoke))[0]["seq"]

    _judge(await _answers_after(facilitator, scribe, sent), revoked_at, figure, "a link is revoked")
    added = [
        e for e in stored_rows(server.database, "events", session.id) if e["actor_id"] == "scribe"
    ]
    assert added and max(e["seq"] for e in added) < revoked_at
    for screen in (facilitator, scribe):
        await screen.close()


async def test_a_participant_removed_while_they_stream_notes_has_none_applied_after(
    http: httpx.AsyncClient, server: ServerProcess, figure: Any
) -> None:
    session = await create_session(http)
    staff = {"session_id": session.id, "key": session.key}
    console = await session.facilitator().connect()
    await add_board(console, anonymity="named")
    await console.disconnect()
    facilitator = await RawSocket(session.base_url).open(staff)
    joined = await http.post(f"/api/join/{session.join_code}", json={"name": "Awa"})
    phone = await RawSocket(session.base_url).open({"token": joined.json()["token"]})
    pid = joined.json()["participant_id"]

    def notes(first: int, count: int) -> list[dict[str, Any]]:
        return [
            {"type": "board.add_note", "payload": {"text": f"Idée {n}"}, "client_id": f"n-{n}"}
            for n in range(first, first + count)
        ]

    # A participant may send 60 commands a minute.
    sent = await _stream(phone, notes(0, 40))
    await phone.answer(sent[0])
    remove = await facilitator.emit(
        "command", {"type": "participant.remove", "payload": {"participant_id": pid}}
    )
    sent += await _stream(phone, notes(40, 19))
    removed_at = (await facilitator.answer(remove))[0]["seq"]

    _judge(
        await _answers_after(facilitator, phone, sent),
        removed_at,
        figure,
        "a participant is removed",
    )
    theirs = [e for e in stored_rows(server.database, "events", session.id) if e["actor_id"] == pid]
    assert max(e["seq"] for e in theirs) < removed_at
    for screen in (facilitator, phone):
        await screen.close()


async def test_a_revocation_written_by_another_process_stops_the_next_command(
    database: Path,
) -> None:
    """The check reads the log, not what one process remembers: two servers on one database,
    the link revoked through one, its screen connected to the other."""
    first = ServerProcess(database).start()
    second = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=first.url) as http:
            session = await create_session(http)
        facilitator = await Client(
            first.url, {"session_id": session.id, "key": session.key}
        ).connect()
        answer = await facilitator.ok("link.create", {"role": "scribe"})
        key = answer["result"]["url"].rsplit("/", 1)[1]
        scribe = await Client(second.url, {"session_id": session.id, "key": key}).connect()
        await scribe.ok("participant.add", {"name": "Jo"})

        await facilitator.ok("link.revoke", {"link_id": "l1"})
        refused = await scribe.send("participant.add", {"name": "Après"})
        assert refused["ok"] is False and refused["error"]["code"] == "revoked", refused
        assert (
            refused["error"]["message"]
            == "Votre accès à cette séance a été retiré\u00a0: rien n'a été enregistré."
        )
        names = [
            e["data"]
            for e in stored_rows(database, "events", session.id)
            if e["type"] == "participant.added"
        ]
        assert len(names) == 1 and "Jo" in names[0]
        for client in (facilitator, scribe):
            await client.disconnect()
    finally:
        first.stop()
        second.stop()
