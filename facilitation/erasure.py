"""What the store deletes or writes again so that data is kept no longer than needed: a whole
session (by its facilitator, or past the host's retention), and a forgotten person's name and
credentials (facilitation/forgetting.py says why the log is rewritten there).

Every table that refers to a session is listed here; templates are agendas saved apart from any
session (no contribution, no name) and stay.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from facilitation.sqlite_log import READ_ONLY, SqliteLog, Step
from facilitation.tables import (
    commands,
    credentials,
    events,
    publications,
    publish_targets,
    sessions,
)

# A session's rows, table by table, those that refer to it first.
SESSION_TABLES = (events, commands, credentials, publications, publish_targets, sessions)

REWRITE_EVENT = (
    events.update()
    .where(
        events.c.session_id == sa.bindparam("rewrite_session"),
        events.c.seq == sa.bindparam("rewrite_seq"),
    )
    .values(data=sa.bindparam("rewrite_data"))
)
DELETE_PERSON = credentials.delete().where(
    credentials.c.session_id == sa.bindparam("forget_session"),
    credentials.c.participant_id == sa.bindparam("forget_person"),
)


@dataclass(frozen=True)
class Erasure:
    """A participant forgotten: their events stored again without their name (seq, new data),
    their credentials deleted."""

    participant_id: str
    events: Sequence[tuple[int, dict[str, Any]]] = ()


def data_json(data: Any) -> str:
    """An event's data as the log stores it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def erasure_steps(session_id: str, erase: Sequence[Erasure]) -> list[Step]:
    """The steps that go into the transaction of the event that forgets someone."""
    steps: list[Step] = []
    for forgotten in erase:
        rewrites = [
            {"rewrite_session": session_id, "rewrite_seq": seq, "rewrite_data": data_json(data)}
            for seq, data in forgotten.events
        ]
        if rewrites:
            steps.append((REWRITE_EVENT, rewrites))
        which = {"forget_session": session_id, "forget_person": forgotten.participant_id}
        steps.append((DELETE_PERSON, which))
    return steps


class ErasingStore:
    """The event store's deletions (facilitation/store.py's `EventStore` is one)."""

    engine: AsyncEngine
    _log: SqliteLog | None
    _command_ids: dict[str, dict[tuple[str, str], int]]

    async def delete_session(self, session_id: str) -> bool:
        """Delete a session's rows in every table, in one transaction; False when there was
        none. What was deleted is overwritten on disk (`scrub`)."""
        async with self.engine.begin() as conn:
            for table in SESSION_TABLES:
                column = table.c.id if table is sessions else table.c.session_id
                done = await conn.execute(table.delete().where(column == session_id))
        self._command_ids.pop(session_id, None)
        await self.scrub()
        return bool(done.rowcount)

    async def idle_sessions(self, before: str) -> list[str]:
        """Sessions whose last activity (their newest event, or their creation when they have
        none) is older than `before` (an ISO time in UTC, as the log stamps them)."""
        newest = (
            sa.select(events.c.session_id, sa.func.max(events.c.at).label("last_at"))
            .group_by(events.c.session_id)
            .subquery()
        )
        last = sa.func.coalesce(newest.c.last_at, sessions.c.created_at)
        query = (
            sa.select(sessions.c.id)
            .select_from(sessions.outerjoin(newest, newest.c.session_id == sessions.c.id))
            .where(last < before)
            .order_by(sessions.c.id)
        )
        async with self.engine.connect() as conn:
            reading = await conn.execution_options(**{READ_ONLY: True})
            return list((await reading.scalars(query)).all())

    async def scrub(self) -> None:
        """On SQLite, copy the write-ahead log into the file and empty it: the pages that held
        deleted content (zeroed by `secure_delete`) leave no older copy behind. (PostgreSQL's
        dead rows are reclaimed by its autovacuum.)"""
        if self._log is not None:
            await self._log.checkpoint()
