"""The disk fills or the database is locked: a command is refused in words (`storage_full`,
`storage_busy`), nothing is half-written, and the session goes on once the disk has room again or
the lock is released (issue 15, promise 9).

The full disk is a real one: the server runs in a mount namespace of its own (`unshare`, no root
needed where user namespaces are allowed) with its database on a 2 MB tmpfs, which the test
fills with a ballast file until the kernel says ENOSPC, then empties.
"""

from __future__ import annotations

import contextlib
import errno
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import (
    Client,
    ServerProcess,
    caught_up,
    create_session,
    join,
    private_caught_up,
)
from tests.test_durability import BOARD, sqlite_integrity

FR_FULL = "Le serveur n'a plus de place pour enregistrer"


def _namespaces_allowed() -> bool:
    if shutil.which("unshare") is None or shutil.which("nsenter") is None:
        return False
    probe = ["unshare", "--user", "--map-root-user", "--mount", "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def small_disk(folder: Path, size: str = "2m") -> list[str]:
    """The command that starts the server with `folder` on a tmpfs of `size`, seen by it alone."""
    mount = 'mount -t tmpfs -o size="$1" tmpfs "$0" && shift && exec "$@"'
    return [
        "unshare",
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-c",
        mount,
        str(folder),
        size,
    ]


def fill(path: Path) -> int:
    """Write zeros into `path` until the disk is full; returns the bytes written."""
    written = 0
    chunk = b"\0" * 4096
    with path.open("wb", buffering=0) as ballast:
        while True:
            try:
                written += ballast.write(chunk) or 0
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                return written


def rows(database: Path, session_id: str) -> tuple[int, int]:
    """The session's events and recorded commands, as the file holds them."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        events = connection.execute(
            "SELECT count(*) FROM events WHERE session_id = ?", (session_id,)
        ).fetchone()[0]
        commands = connection.execute(
            "SELECT count(*) FROM commands WHERE session_id = ?", (session_id,)
        ).fetchone()[0]
    return int(events), int(commands)


# Run inside the server's namespace (SQLite resolves /proc/<pid>/root to "/", outside it): the
# file's integrity, the session's seqs, its command rows and those pointing at no event.
LOOK = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
ask = lambda sql, *values: connection.execute(sql, values).fetchall()
print(json.dumps({
    "integrity": ask("PRAGMA integrity_check")[0][0],
    "seqs": [r[0] for r in ask(
        "SELECT seq FROM events WHERE session_id = ? ORDER BY seq", sys.argv[2]
    )],
    "commands": ask("SELECT count(*) FROM commands WHERE session_id = ?", sys.argv[2])[0][0],
    "orphans": ask("SELECT count(*) FROM commands c WHERE NOT EXISTS (SELECT 1 FROM events e"
                   " WHERE e.session_id = c.session_id AND e.seq = c.seq)")[0][0],
}))
"""


def look(server: ServerProcess, session_id: str) -> dict[str, Any]:
    assert server.process is not None
    enter = ["nsenter", "-t", str(server.process.pid), "-U", "-m", "--preserve-credentials"]
    done = subprocess.run(
        [*enter, sys.executable, "-c", LOOK, str(server.database), session_id],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


@pytest.fixture
def small_disk_server(tmp_path: Path) -> Iterator[tuple[ServerProcess, Path]]:
    if not _namespaces_allowed():
        pytest.skip("this machine allows no user namespace: no tmpfs without root")
    folder = tmp_path / "disk"
    folder.mkdir()
    # The server's log is opened before the tmpfs is mounted over the folder: it stays on the
    # real disk, and a full tmpfs does not silence it.
    server = ServerProcess(folder / "fabrique.sqlite3", wrapper=small_disk(folder)).start()
    assert server.process is not None
    # The server's view of the folder (its tmpfs), from outside its namespace.
    seen = Path(f"/proc/{server.process.pid}/root") / folder.relative_to("/")
    yield server, seen
    server.stop()


async def test_a_full_disk_refuses_commands_in_words_and_the_session_goes_on(
    small_disk_server: tuple[ServerProcess, Path], figure: Any
) -> None:
    server, disk = small_disk_server
    async with httpx.AsyncClient(base_url=server.url, timeout=15) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok("session.add_activity", BOARD)
        phones = [await join(http, session, name) for name in ("Awa", "Marc", "Inès")]
        for n, phone in enumerate(phones):
            await phone.ok("board.add_note", {"text": f"Avant {n}"})
        before = look(server, session.id)

        fill(disk / "ballast")
        refused: list[dict[str, Any]] = []
        for n, phone in enumerate(phones):
            for k in range(3):
                text = f"Pendant {n}.{k}"
                answer = await phone.send(
                    "board.add_note", {"text": text}, client_id=f"full-{n}-{k}"
                )
                refused.append(answer)
        english = Client(session.base_url, {**phones[0].auth, "lang": "en"})
        await english.connect()
        in_english = await english.send("board.add_note", {"text": "During"})
        await english.disconnect()
        newcomer = await http.post(f"/api/join/{session.join_code}", json={"name": "Lou"})
        during = look(server, session.id)

        (disk / "ballast").unlink()  # the host makes room
        accepted = 0
        for n, phone in enumerate(phones):
            # The same client ids as the refused ones: a refusal recorded nothing.
            answer = await phone.send(
                "board.add_note", {"text": f"Pendant {n}.0"}, client_id=f"full-{n}-0"
            )
            assert answer["ok"] and "duplicate" not in answer, answer
            accepted += 1
            await private_caught_up(answer["seq"], phone)
        later = await http.post(f"/api/join/{session.join_code}", json={"name": "Lou"})
        accepted += later.status_code == 201
        last = await facilitator.ok("step.next")
        accepted += 1
        await caught_up(last["seq"], facilitator)

        codes = {a["error"]["code"] for a in refused if not a["ok"]}
        half_written = len(during["seqs"]) - len(before["seqs"])
        half_written += during["commands"] - before["commands"]
        figure(
            "a full disk refuses in words (SQLite, tmpfs)",
            refused=sum(not a["ok"] for a in [*refused, in_english])
            + (newcomer.status_code == 503),
            sent_while_full=len(refused) + 2,
            rows_half_written=half_written,
            accepted_after=accepted,
        )
        assert all(not a["ok"] for a in refused), refused
        assert codes == {"storage_full"}
        assert all(a["error"]["message"].startswith(FR_FULL) for a in refused)
        assert not in_english["ok"]
        assert in_english["error"]["message"].startswith("The server has no room left to save")
        assert newcomer.status_code == 503, newcomer.text
        assert newcomer.json()["error"]["code"] == "storage_full"
        assert half_written == 0
        assert during["integrity"] == "ok"
        assert later.status_code == 201, later.text
        notes = [n["text"] for n in facilitator.board["notes"]]
        assert sorted(notes) == sorted(
            [f"Avant {n}" for n in range(3)] + [f"Pendant {n}.0" for n in range(3)]
        )
        assert facilitator.activity["step"]["key"] == "reveal"
        after = look(server, session.id)
        assert after["integrity"] == "ok"
        assert after["seqs"] == list(range(1, len(after["seqs"]) + 1))
        assert after["orphans"] == 0
        for client in (facilitator, *phones):
            await client.disconnect()


async def test_a_locked_database_refuses_commands_in_words_and_the_session_goes_on(
    database: Path, figure: Any
) -> None:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=15) as http:
            session = await create_session(http)
            facilitator = await session.facilitator().connect()
            await facilitator.ok("session.add_activity", BOARD)
            phone = await join(http, session, "Awa")
            await phone.ok("board.add_note", {"text": "Avant"})
            before = rows(database, session.id)

            # Another program takes the write lock and keeps it longer than busy_timeout (5 s).
            other = sqlite3.connect(database, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            try:
                answer = await phone.send(
                    "board.add_note", {"text": "Pendant"}, client_id="locked-1"
                )
                during = rows(database, session.id)
            finally:
                other.execute("ROLLBACK")
                other.close()
            again = await phone.send("board.add_note", {"text": "Pendant"}, client_id="locked-1")
            assert again["ok"], again
            await private_caught_up(again["seq"], phone)

            half_written = (during[0] - before[0]) + (during[1] - before[1])
            figure(
                "a locked database refuses in words (SQLite)",
                refused=int(not answer["ok"]),
                rows_half_written=half_written,
                accepted_after=int(again["ok"] and "duplicate" not in again),
            )
            assert not answer["ok"]
            assert answer["error"]["code"] == "storage_busy"
            assert answer["error"]["message"].startswith(
                "La base de données du serveur est occupée"
            )
            assert half_written == 0
            assert "duplicate" not in again
            assert [n["text"] for n in phone.mine["notes"]] == ["Avant", "Pendant"]
            for client in (facilitator, phone):
                await client.disconnect()
    finally:
        server.stop()
    assert sqlite_integrity(database) == "ok"
