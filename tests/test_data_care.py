"""Data kept no longer than needed: a session deleted by its facilitator or past the host's
retention, a participant forgotten, a backup of a running server and its restore, and logs that
hold no address and no secret."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio

from server.backup import backup
from tests.support import (
    ROOT,
    Client,
    ServerProcess,
    Session,
    add_board,
    caught_up,
    create_session,
    eventually,
    get_minutes,
    join,
    record,
    stored_rows,
)

SESSION_TABLES = ("events", "commands", "credentials", "publications", "publish_targets")


def cli(database: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m server <args>`, as a host types it, on the given SQLite file."""
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite+aiosqlite:///{database}", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def every_stored_text(database: Path) -> str:
    """Every value of every row of every table of the SQLite file, as text."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(
            str(value)
            for table in tables
            for row in db.execute(f"SELECT * FROM {table}")
            for value in row
        )


def stored_bytes(database: Path) -> bytes:
    """The file and its write-ahead log, byte for byte (free pages and old page copies too)."""
    return b"".join(p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists())


async def document(http: httpx.AsyncClient, session: Session, name: str) -> httpx.Response:
    return await http.get(
        f"/api/sessions/{session.id}/{name}", headers={"Authorization": f"Bearer {session.key}"}
    )


async def refused_connect(url: str, auth: dict[str, Any], **headers: str) -> object:
    """Why the server refuses a socket with this `auth`."""
    client = socketio.AsyncClient(reconnection=False)
    reasons: list[object] = []
    client.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(
            url, auth=auth, headers=headers, transports=["websocket"], wait_timeout=10
        )
    (reason,) = reasons
    return reason


# -- the facilitator deletes a session ----------------------------------------------------------


async def test_a_deleted_session_is_gone_for_every_screen_link_and_export(database: Path) -> None:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            session = await create_session(http, title="Atelier à effacer")
            other = await create_session(http, title="Une autre séance")
            facilitator = await session.facilitator().connect()
            await add_board(facilitator)
            phone = await join(http, session, "Maëlle")
            await phone.ok("board.add_note", {"text": "Une idée à effacer"})
            told_phone, told_console = record(phone, "deleted"), record(facilitator, "deleted")
            code = session.join_code

            url = f"/api/sessions/{session.id}"
            assert (await http.delete(url)).status_code == 401
            wrong = {"Authorization": f"Bearer {other.key}"}
            assert (await http.delete(url, headers=wrong)).status_code == 403
            mine = {"Authorization": f"Bearer {session.key}"}
            assert (await http.delete(url, headers=mine)).status_code == 204

            # Its open screens are told, then disconnected.
            await eventually(lambda: told_phone == [{}] and told_console == [{}])
            await eventually(lambda: not phone.sio.connected and not facilitator.sio.connected)
            # Its links, phones and exports answer as for a session that never existed.
            never = await http.get("/api/join/ZZZZ-ZZZZ")
            gone = await http.get(f"/api/join/{code}")
            assert (gone.status_code, gone.json()) == (404, never.json())
            assert (await http.get(f"/facilitate/{session.key}")).status_code == 403
            for name in ("minutes.md", "data.json", "data.csv"):
                answer = await document(http, session, name)
                assert (answer.status_code, answer.json()["error"]["code"]) == (403, "forbidden")
            token = phone.token  # type: ignore[attr-defined]
            assert await refused_connect(server.url, {"token": token}) == {
                "message": "unauthorized"
            }
            auth = {"session_id": session.id, "key": session.key}
            assert await refused_connect(server.url, auth) == {"message": "unauthorized"}
            # The other session goes on.
            assert (await document(http, other, "minutes.md")).status_code == 200
            # Nothing of it is left in the file nor in its write-ahead log, while the server runs.
            for table in SESSION_TABLES:
                assert stored_rows(database, table, session.id) == [], table
            assert "Une idée à effacer".encode() not in stored_bytes(database)
            assert "Maëlle".encode() not in stored_bytes(database)
    finally:
        server.stop()

    # A new start does not bring it back.
    server = ServerProcess(database, port=server.port).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            assert (await http.get(f"/api/join/{code}")).status_code == 404
            assert (await document(http, session, "minutes.md")).status_code == 403
            assert (await document(http, other, "minutes.md")).status_code == 200
    finally:
        server.stop()


# -- retention ----------------------------------------------------------------------------------


def age(database: Path, session_id: str, days: int) -> None:
    """Make a session's whole log `days` days old, as if it had been written then."""
    then = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        db.execute("UPDATE events SET at = ? WHERE session_id = ?", (then, session_id))
        db.execute("UPDATE sessions SET created_at = ? WHERE id = ?", (then, session_id))


async def test_sessions_idle_past_the_retention_are_deleted_at_start_and_by_the_command(
    database: Path,
) -> None:
    server = ServerProcess(database).start()
    async with httpx.AsyncClient(base_url=server.url) as http:
        old = await create_session(http, title="Séance de l'an dernier")
        older = await create_session(http, title="Séance pour la commande")
        recent = await create_session(http, title="Séance du mois")
        # Active lately although created long ago: its last event counts, not its creation.
        revived = await create_session(http, title="Séance reprise")
        screen = await revived.facilitator().connect()
        await add_board(screen)
        await screen.disconnect()
    server.stop()
    age(database, old.id, 120)
    age(database, recent.id, 50)
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat(timespec="milliseconds")
        db.execute("UPDATE sessions SET created_at = ? WHERE id = ?", (long_ago, revived.id))
        db.execute(
            "UPDATE events SET at = ? WHERE session_id = ? AND seq = 1", (long_ago, revived.id)
        )

    # At start-up, with the default retention (90 days).
    server = ServerProcess(database, port=server.port).start()
    try:
        assert stored_rows(database, "events", old.id) == []
        async with httpx.AsyncClient(base_url=server.url) as http:
            assert (await http.get(f"/api/join/{old.join_code}")).status_code == 404
            for kept in (older, recent, revived):
                assert (await http.get(f"/api/join/{kept.join_code}")).status_code == 200
    finally:
        server.stop()

    # By the command, with the host's setting.
    age(database, older.id, 70)
    done = cli(database, "purge", RETENTION_DAYS="60")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 ")
    assert session_ids(database) == {recent.id, revived.id}
    for table in SESSION_TABLES:
        assert stored_rows(database, table, older.id) == [], table
    # 0 keeps everything.
    assert cli(database, "purge", "--days", "0").returncode == 0
    assert session_ids(database) == {recent.id, revived.id}


def session_ids(database: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return {r[0] for r in db.execute("SELECT id FROM sessions")}


# -- a participant asks to be forgotten ---------------------------------------------------------

NAME = "Zéphyrine"
STAYS = "Karim"


async def test_a_forgotten_participant_is_named_nowhere_and_the_minutes_stay_whole(
    database: Path,
) -> None:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            session = await create_session(http)
            facilitator = await session.facilitator().connect()
            await add_board(facilitator, "Qui fait quoi", "Qui s'en occupe ?", "named")
            phone = await join(http, session, "Zéph")
            await phone.ok("participant.rename", {"name": NAME})  # both names are hers
            karim = await join(http, session, STAYS)
            await phone.ok("board.add_note", {"text": "J'appelle la mairie"})
            await karim.ok("board.add_note", {"text": "Je réserve la salle"})
            await facilitator.ok("minutes.summary", {"text": f"{NAME} appelle la mairie."})
            answer = await facilitator.ok("step.next")
            await caught_up(answer["seq"], facilitator)
            assert f"J'appelle la mairie — {NAME}" in await get_minutes(http, session)

            # Someone else's name is not theirs to erase.
            refused = await karim.send("participant.forget", {"participant_id": "p1"})
            assert refused["error"]["code"] == "not_allowed"
            told = record(phone, "revoked")
            answer = await phone.ok("participant.forget")
            # Acknowledged: no page of the file nor of its write-ahead log holds the name any
            # more, while the server runs.
            assert "Zéph".encode() not in stored_bytes(database)
            await caught_up(answer["seq"], facilitator)
            await eventually(lambda: told == [{}] and not phone.sio.connected)
            token = phone.token  # type: ignore[attr-defined]
            assert await refused_connect(server.url, {"token": token}) == {
                "message": "unauthorized"
            }

            notes = {n["text"]: n["author"]["name"] for n in facilitator.board["notes"]}
            assert notes == {
                "J'appelle la mairie": "une personne participante",
                "Je réserve la salle": STAYS,
            }
            people = [p["name"] for p in facilitator.view["session"]["participants"]]
            assert people == [STAYS]
            minutes = await get_minutes(http, session)
            assert "- J'appelle la mairie — une personne participante" in minutes
            assert "- Je réserve la salle — Karim" in minutes
            assert "une personne participante appelle la mairie." in minutes
            assert "- J'appelle la mairie — a participant" in await get_minutes(http, session, "en")
            for name in ("minutes.md", "minutes.html", "data.csv", "data.json", "actions.ics"):
                text = (await document(http, session, name)).text
                assert NAME not in text and "Zéph" not in text, name
            room = await session.facilitator("room").connect()
            for screen in (facilitator, karim, room):
                assert NAME not in json.dumps(screen.view, ensure_ascii=False)
                assert NAME not in json.dumps(screen.private, ensure_ascii=False)
            before = minutes
    finally:
        server.stop()

    stored = every_stored_text(database)
    assert "J'appelle la mairie" in stored and STAYS in stored
    assert NAME not in stored and "Zéph" not in stored
    assert phones_credentials(database, session) == ["p2"]

    # Replaying the rewritten log gives the same minutes.
    server = ServerProcess(database, port=server.port).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            assert await get_minutes(http, session) == before
            facilitator = await session.facilitator().connect()
            # The facilitator forgets someone on their behalf.
            answer = await facilitator.ok("participant.forget", {"participant_id": "p2"})
            await caught_up(answer["seq"], facilitator)
            assert facilitator.view["session"]["participants"] == []
            minutes = await get_minutes(http, session)
            assert "- Je réserve la salle — une personne participante" in minutes
            assert "**Participant·es**\u00a0: 2\n" in minutes, "counted, never named"
            await facilitator.disconnect()
    finally:
        server.stop()
    assert STAYS not in every_stored_text(database)
    assert phones_credentials(database, session) == []


def phones_credentials(database: Path, session: Session) -> list[str]:
    rows = stored_rows(database, "credentials", session.id)
    return [r["participant_id"] for r in rows if r["participant_id"] is not None]


# -- a backup of a running server, and its restore ----------------------------------------------


def last_seq(backup_file: Path) -> int:
    """The newest seq in a sound backup."""
    with contextlib.closing(sqlite3.connect(backup_file)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (seq,) = db.execute("SELECT max(seq) FROM events").fetchone()
    return int(seq)


async def started_minutes(database: Path, session: Session) -> str:
    """The minutes a server started on `database` gives for `session`."""
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            return await get_minutes(http, session)
    finally:
        server.stop()


async def test_a_backup_taken_while_notes_are_written_restores_to_the_same_minutes(
    database: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "sauvegarde.sqlite3"
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            session = await create_session(http)
            facilitator = await session.facilitator().connect()
            await add_board(facilitator)
            answer = await facilitator.ok("participant.add", {"name": "Jo"})
            await caught_up(answer["seq"], facilitator)
            (jo,) = [p["id"] for p in facilitator.view["session"]["participants"]]
            acked: list[int] = []
            backing_up = True

            async def write() -> None:
                # The scribe's pace (no limit for the team): notes until the backup is done.
                while backing_up or len(acked) < 5:
                    note = {"text": f"Idée {len(acked)}"}
                    answer = await facilitator.send("board.add_note", note, on_behalf_of=jo)
                    assert answer["ok"], answer
                    acked.append(answer["seq"])

            writing = asyncio.create_task(write())
            await eventually(lambda: len(acked) >= 20)
            # The command's backup, in a thread of this process: it begins at once, so what was
            # acknowledged before it is known exactly (the command takes a second to start).
            at_once = tmp_path / "tout-de-suite.sqlite3"
            acked_before = len(acked)
            await asyncio.to_thread(backup, f"sqlite+aiosqlite:///{database}", at_once)
            # Then as a host types it.
            before = len(acked)
            done = await asyncio.to_thread(cli, database, "backup", str(copy))
            during = len(acked) - before
            backing_up = False
            await writing
            assert done.returncode == 0, done.stderr
            assert during > 0, "notes were acknowledged while the backup ran"
            await facilitator.disconnect()
    finally:
        server.stop()

    # Whole commands only, every one acknowledged before the backup began among them.
    assert last_seq(at_once) in acked[acked_before - 1 :]
    seq = last_seq(copy)
    assert seq in acked and acked.index(seq) + 1 >= before
    # The original log as it was at that seq.
    original = tmp_path / "original-then.sqlite3"
    with (
        contextlib.closing(sqlite3.connect(database)) as source,
        contextlib.closing(sqlite3.connect(original)) as target,
    ):
        source.backup(target)
        with target:
            target.execute("DELETE FROM events WHERE seq > ?", (seq,))
            target.execute("DELETE FROM commands WHERE seq > ?", (seq,))

    # Restored into a fresh server's database (the command refuses to overwrite sessions).
    fresh = tmp_path / "fresh" / "fabrique.sqlite3"
    done = cli(fresh, "restore", str(copy))
    assert done.returncode == 0, done.stderr
    refused = cli(fresh, "restore", str(copy))
    assert refused.returncode != 0 and "--replace" in refused.stderr
    restored = await started_minutes(fresh, session)
    # Notes not revealed yet are counted in the minutes: as many as were acked up to that seq.
    assert f"pas encore découverts\u00a0: {acked.index(seq) + 1}.\n" in restored
    assert restored == await started_minutes(original, session)


# -- logs ---------------------------------------------------------------------------------------

# The address the requests come from, as a proxy in front of the server says it.
ADDRESS = "203.0.113.7"


async def test_logs_hold_no_address_nor_secret_and_one_line_per_refused_credential(
    database: Path,
) -> None:
    server = ServerProcess(database).start()
    forwarded = {"X-Forwarded-For": ADDRESS}
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=forwarded) as http:
            session = await create_session(http)
            answer = await http.post(f"/api/join/{session.join_code}", json={"name": "Awa"})
            token = answer.json()["token"]
            phone = Client(server.url, {"token": token})
            await phone.sio.connect(
                server.url, auth=phone.auth, headers=forwarded, transports=["websocket"]
            )
            assert (await http.get(f"/facilitate/{session.key}")).status_code == 303
            wrong_key, wrong_token = "faux" + session.key[4:], "faux" + token[4:]
            wrong_code = "ABCD-EFGH" if session.join_code != "ABCD-EFGH" else "ABCD-EFGJ"
            marks = len(server.log_text().splitlines())
            # Four refused credentials.
            assert (await http.get(f"/facilitate/{wrong_key}")).status_code == 403
            answer = await http.get(
                f"/api/sessions/{session.id}/minutes.md",
                headers={"Authorization": f"Bearer {wrong_key}"},
            )
            assert answer.status_code == 403
            reason = await refused_connect(server.url, {"token": wrong_token}, **forwarded)
            assert reason == {"message": "unauthorized"}
            assert (await http.get(f"/api/join/{wrong_code}")).status_code == 404
            await phone.sio.disconnect()
    finally:
        server.stop()

    log = server.log_text()
    refusals = [line for line in log.splitlines()[marks:] if "refused" in line]
    assert len(refusals) == 4, refusals
    for secret in (session.key, wrong_key, token, wrong_token, session.join_code, wrong_code):
        assert secret not in log and secret.replace("-", "") not in log
    assert ADDRESS not in log
