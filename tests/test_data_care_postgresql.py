"""Forgetting a participant, deleting a session and the retention on PostgreSQL, where the log's
writes go through the engine instead of SQLite's own connection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from facilitation.tables import metadata
from tests.postgres import postgres_cluster
from tests.support import ServerProcess, add_board, caught_up, create_session, get_minutes, join
from tests.test_data_care import cli


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


async def stored_text(url: str) -> str:
    """Every value of every row of every table, as text."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            values = []
            for table in metadata.sorted_tables:
                for row in await conn.execute(sa.select(table)):
                    values += [str(v) for v in row]
            return "\n".join(values)
    finally:
        await engine.dispose()


async def age(url: str, session_id: str, days: int) -> None:
    then = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                sa.text("UPDATE events SET at = :at WHERE session_id = :id"),
                {"at": then, "id": session_id},
            )
            await conn.execute(
                sa.text("UPDATE sessions SET created_at = :at WHERE id = :id"),
                {"at": then, "id": session_id},
            )
    finally:
        await engine.dispose()


async def test_forget_delete_and_retention_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "unused.sqlite3", env={"DATABASE_URL": postgres_url}).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
            session = await create_session(http, title="Atelier sur PostgreSQL")
            kept = await create_session(http, title="Séance gardée")
            old = await create_session(http, title="Séance ancienne")
            facilitator = await session.facilitator().connect()
            await add_board(facilitator, "Qui fait quoi", "Qui s'en occupe ?", "named")
            phone = await join(http, session, "Philomène")
            await phone.ok("board.add_note", {"text": "Je prends la salle"})
            answer = await phone.ok("participant.forget")
            await caught_up(answer["seq"], facilitator)
            answer = await facilitator.ok("step.next")
            await caught_up(answer["seq"], facilitator)
            minutes = await get_minutes(http, session)
            assert "- Je prends la salle — une personne participante" in minutes
            stored = await stored_text(postgres_url)
            assert "Je prends la salle" in stored and "Philomène" not in stored

            deleted = await http.delete(
                f"/api/sessions/{session.id}", headers={"Authorization": f"Bearer {session.key}"}
            )
            assert deleted.status_code == 204
            assert session.id not in await stored_text(postgres_url)
            assert (await http.get(f"/api/join/{session.join_code}")).status_code == 404
            await facilitator.disconnect()
    finally:
        server.stop()

    await age(postgres_url, old.id, 100)
    done = cli(tmp_path / "unused.sqlite3", "purge", DATABASE_URL=postgres_url)
    assert done.returncode == 0, done.stderr
    stored = await stored_text(postgres_url)
    assert old.id not in stored and kept.id in stored
    assert not (tmp_path / "unused.sqlite3").exists(), "nothing went to SQLite"
