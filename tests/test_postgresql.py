"""The same engine on PostgreSQL, chosen by DATABASE_URL alone, with no code change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.postgres import postgres_cluster
from tests.support import Client, ServerProcess, create_session, join
from tests.test_durability import log_is_whole, write_through_a_kill


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


async def test_a_board_runs_on_postgresql_and_survives_a_killed_server(
    postgres_url: str, tmp_path: Path
) -> None:
    server = ServerProcess(tmp_path / "unused.sqlite3", env={"DATABASE_URL": postgres_url}).start()
    async with httpx.AsyncClient(base_url=server.url) as http:
        session = await create_session(http)
        facilitator = await session.facilitator().connect()
        await facilitator.ok(
            "session.add_activity", {"format": "board", "config": {"question": "Et demain ?"}}
        )
        person = await join(http, session, "Jo")
        first = await person.send("board.add_note", {"text": "Sur PostgreSQL"}, client_id="pg-1")
        again = await person.send("board.add_note", {"text": "Sur PostgreSQL"}, client_id="pg-1")
        assert again["duplicate"] and again["seq"] == first["seq"]
        server.kill()
    assert not (tmp_path / "unused.sqlite3").exists(), "nothing went to SQLite"

    server = ServerProcess(server.database, port=server.port, env=server.env).start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            back = await Client(server.url, {"token": person.token}).connect()  # type: ignore[attr-defined]
            await back.until(lambda c: bool(c.private))
            assert [n["text"] for n in back.mine["notes"]] == ["Sur PostgreSQL"]
            minutes = await http.get(
                f"/api/sessions/{session.id}/minutes.md",
                headers={"Authorization": f"Bearer {session.key}"},
            )
            assert "Et demain ?" in minutes.text
            await back.disconnect()
    finally:
        server.stop()


async def test_nothing_acknowledged_is_lost_on_postgresql_when_killed_mid_stream(
    postgres_url: str, tmp_path: Path, figure: Any
) -> None:
    async def check(session_id: str) -> None:
        await log_is_whole(postgres_url, session_id)

    server = ServerProcess(tmp_path / "unused.sqlite3", env={"DATABASE_URL": postgres_url})
    await write_through_a_kill(server.start(), figure, "PostgreSQL", check)
