"""The migrations build exactly the schema the code declares, on an empty database."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from facilitation.schema import upgrade
from facilitation.store import metadata, open_engine


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), metadata))


async def test_migrations_match_the_declared_tables(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite+aiosqlite:///{tmp_path / 'schema.sqlite3'}")
    try:
        await upgrade(engine)
        await upgrade(engine)  # a second start-up finds nothing to do
        async with engine.connect() as conn:
            assert await conn.run_sync(_differences) == []
    finally:
        await engine.dispose()
