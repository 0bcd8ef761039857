"""Bringing a database to the schema this code expects, through Alembic migrations."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The PostgreSQL advisory lock migrations run under (any constant unlike a session's key).
MIGRATION_LOCK = 0x46616272697175


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every migration not yet applied (a new database gets them all)."""
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several processes started at once on a new database (a PaaS scaling to three):
            # one migrates, the others wait for it and then find nothing left to do.
            await conn.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        await conn.run_sync(_upgrade)
