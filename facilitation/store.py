"""The event log in SQLAlchemy: the truth of every session. SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from facilitation.erasure import ErasingStore, Erasure, data_json, erasure_steps
from facilitation.sqlite_log import PRAGMAS, READ_ONLY, SqliteLog, Step
from facilitation.storage_errors import refused_when_storage_fails
from facilitation.tables import (
    commands,
    credentials,
    events,
    sessions,
    templates,
)
from facilitation.tables import metadata as metadata
from facilitation.types import Event

# The statements of every command, made once: each execution only binds its values, so no
# statement is built (nor its cache key computed) per command.
INSERT_EVENT = events.insert()
INSERT_COMMAND = commands.insert()
COMMAND_SEQ = sa.select(commands.c.seq).where(
    commands.c.session_id == sa.bindparam("session_id"),
    commands.c.actor_id == sa.bindparam("actor_id"),
    commands.c.client_id == sa.bindparam("client_id"),
)
INSERT_CREDENTIAL = credentials.insert()
REVOKE_LINK = (
    credentials.update()
    .where(
        credentials.c.session_id == sa.bindparam("revoke_session"),
        credentials.c.link_id == sa.bindparam("revoke_link"),
    )
    .values(revoked=True)
)
REVOKE_PERSON = (
    credentials.update()
    .where(
        credentials.c.session_id == sa.bindparam("revoke_session"),
        credentials.c.participant_id == sa.bindparam("revoke_person"),
    )
    .values(revoked=True)
)
LOAD = (
    sa.select(events)
    .where(events.c.session_id == sa.bindparam("session_id"), events.c.seq > sa.bindparam("after"))
    .order_by(events.c.seq)
)


class SeqConflict(Exception):
    """Another writer appended to this session first; catch up and decide again."""


@dataclass(frozen=True)
class Credential:
    session_id: str
    role: str
    participant_id: str | None
    link_id: str | None = None


@dataclass(frozen=True)
class NewCredential:
    secret_hash: str
    role: str
    participant_id: str | None = None
    link_id: str | None = None


@dataclass(frozen=True)
class Revocation:
    """Credentials that stop working: a link's, or a removed participant's."""

    link_id: str | None = None
    participant_id: str | None = None


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    language: str
    activities: list[dict[str, Any]]
    created_at: str


def open_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"isolation_level": None})
        _tune_sqlite(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: AsyncEngine) -> None:
    # WAL lets readers go on during a write; BEGIN IMMEDIATE takes the write lock up front so a
    # transaction that writes later cannot fail with "database is locked" without waiting.
    @sa_event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @sa_event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Reads take no write lock: in WAL mode they go on while another session writes.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def lock_key(session_id: str) -> int:
    """A session's PostgreSQL advisory lock key: a signed 64-bit integer from its id."""
    return int.from_bytes(hashlib.sha256(session_id.encode()).digest()[:8], "big", signed=True)


class EventStore(ErasingStore):
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # SQLite serves one process (server/app.py refuses several): nothing but this process
        # writes the log, so what it last wrote or read is the log's end. PostgreSQL may be
        # written by other processes at any time.
        self.sole_writer = engine.dialect.name != "postgresql"
        # The sole writer's accepted client ids, per session, once read: (actor, client) -> seq.
        self._command_ids: dict[str, dict[tuple[str, str], int]] = {}
        # A SQLite file's commands are appended through a connection of their own, in one trip
        # each (facilitation/sqlite_log.py); PostgreSQL's go through the engine.
        path = engine.url.database if engine.dialect.name == "sqlite" else None
        self._log = SqliteLog(path) if path and path != ":memory:" else None

    @asynccontextmanager
    async def session_lock(self, session_id: str) -> AsyncIterator[None]:
        """Held while one command of a session is decided and written, by every process.

        On PostgreSQL, several server processes may serve one session: an advisory lock makes
        them take the session's commands one at a time, so each is decided on the state the one
        before it wrote (and the `(session_id, seq)` key stays a safety net, not the usual
        path). SQLite serves one process, whose own lock is enough.
        """
        if self.sole_writer:
            yield
            return
        async with self.engine.connect() as conn:
            key = lock_key(session_id)
            await conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": key})
            await conn.commit()
            try:
                yield
            finally:
                await conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                await conn.commit()

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[AsyncConnection]:
        """A connection for reads only (SQLite then begins without taking the write lock)."""
        async with self.engine.connect() as conn:
            yield await conn.execution_options(**{READ_ONLY: True})

    async def create_schema(self) -> None:
        # Imported here: the migrations import this module's tables.
        from facilitation.schema import upgrade

        await upgrade(self.engine)

    async def close(self) -> None:
        if self._log is not None:
            await self._log.close()
        await self.engine.dispose()

    async def ping(self) -> None:
        async with self._reading() as conn:
            await conn.execute(sa.text("SELECT 1"))

    async def create_session(
        self,
        session_id: str,
        join_code: str,
        created_at: str,
        first: Sequence[Event],
        credential: NewCredential,
        alias_secret: str | None = None,
    ) -> None:
        async with refused_when_storage_fails(), self.engine.begin() as conn:
            await conn.execute(
                sessions.insert().values(
                    id=session_id,
                    join_code=join_code,
                    created_at=created_at,
                    alias_secret=alias_secret,
                )
            )
            await self._insert_credential(conn, session_id, credential)
            await self._insert_events(conn, session_id, 0, first)

    async def session_for_code(self, join_code: str) -> str | None:
        async with self._reading() as conn:
            row = await conn.execute(
                sa.select(sessions.c.id).where(sessions.c.join_code == join_code)
            )
            return row.scalar_one_or_none()

    async def alias_secret(self, session_id: str) -> str:
        async with self._reading() as conn:
            row = await conn.execute(
                sa.select(sessions.c.alias_secret).where(sessions.c.id == session_id)
            )
            # Sessions from before aliases existed fall back on their id (they had no proxies).
            return row.scalar_one_or_none() or session_id

    async def code_taken(self, join_code: str) -> bool:
        return await self.session_for_code(join_code) is not None

    async def credential(self, secret_hash: str) -> Credential | None:
        async with self._reading() as conn:
            row = (
                await conn.execute(
                    sa.select(credentials).where(
                        credentials.c.secret_hash == secret_hash,
                        credentials.c.revoked.is_(False),
                    )
                )
            ).one_or_none()
        if row is None:
            return None
        return Credential(row.session_id, row.role, row.participant_id, row.link_id)

    async def load(self, session_id: str, after_seq: int = 0) -> list[tuple[int, Event]]:
        async with self._reading() as conn:
            rows = await conn.execute(LOAD, {"session_id": session_id, "after": after_seq})
            return [
                (
                    r.seq,
                    Event(r.type, json.loads(r.data), r.activity_id, r.actor_id, r.at),
                )
                for r in rows
            ]

    async def last_seq(self, session_id: str) -> int:
        """The seq of a session's newest event (0 when it has none): what another process
        may have written since this one last looked."""
        async with self._reading() as conn:
            found = await conn.scalar(
                sa.select(sa.func.max(events.c.seq)).where(events.c.session_id == session_id)
            )
        return int(found or 0)

    async def command_seq(self, session_id: str, actor_id: str, client_id: str) -> int | None:
        if self.sole_writer:
            # Every accepted client id of the session passes through this process: read them
            # once, then keep them (see `append`) instead of asking the file at each command.
            known = self._command_ids.get(session_id)
            if known is None:
                known = self._command_ids[session_id] = await self._read_command_ids(session_id)
            return known.get((actor_id, client_id))
        async with self._reading() as conn:
            row = await conn.execute(
                COMMAND_SEQ,
                {"session_id": session_id, "actor_id": actor_id, "client_id": client_id},
            )
            return row.scalar_one_or_none()

    async def _read_command_ids(self, session_id: str) -> dict[tuple[str, str], int]:
        async with self._reading() as conn:
            rows = await conn.execute(
                sa.select(commands.c.actor_id, commands.c.client_id, commands.c.seq).where(
                    commands.c.session_id == session_id
                )
            )
            return {(r.actor_id, r.client_id): r.seq for r in rows}

    async def append(
        self,
        session_id: str,
        after_seq: int,
        new_events: Sequence[Event],
        *,
        actor_id: str | None = None,
        client_id: str | None = None,
        credential: NewCredential | None = None,
        revoke: Sequence[Revocation] = (),
        erase: Sequence[Erasure] = (),
    ) -> int:
        """Append events after `after_seq` in one transaction; returns the last seq.

        The (session_id, seq) key makes a concurrent writer fail instead of interleaving; the
        (session_id, actor_id, client_id) key makes a resent command fail instead of applying twice.
        """
        rows = _event_rows(session_id, after_seq, new_events)
        last = after_seq + len(rows)
        steps: list[Step] = [(INSERT_EVENT, rows)] if rows else []
        if client_id and actor_id:
            command = {"session_id": session_id, "actor_id": actor_id, "client_id": client_id}
            steps.append((INSERT_COMMAND, command | {"seq": last}))
        if credential is not None:
            steps.append((INSERT_CREDENTIAL, _credential_row(session_id, credential)))
        for gone in revoke:
            if gone.link_id is not None:
                steps.append(
                    (REVOKE_LINK, {"revoke_session": session_id, "revoke_link": gone.link_id})
                )
            else:
                which = {"revoke_session": session_id, "revoke_person": gone.participant_id}
                steps.append((REVOKE_PERSON, which))
        steps += erasure_steps(session_id, erase)
        try:
            async with refused_when_storage_fails():
                if self._log is not None:
                    await self._log.write(steps)
                else:
                    async with self.engine.begin() as conn:
                        for statement, values in steps:
                            await conn.execute(statement, values)
        except (sa.exc.IntegrityError, sqlite3.IntegrityError) as exc:
            raise SeqConflict(str(exc)) from exc
        known = self._command_ids.get(session_id)
        if client_id and actor_id and known is not None:
            known[(actor_id, client_id)] = last
        return last

    async def _insert_events(
        self, conn: AsyncConnection, session_id: str, after_seq: int, new_events: Sequence[Event]
    ) -> None:
        rows = _event_rows(session_id, after_seq, new_events)
        if rows:
            await conn.execute(INSERT_EVENT, rows)

    async def _insert_credential(
        self, conn: AsyncConnection, session_id: str, credential: NewCredential
    ) -> None:
        await conn.execute(INSERT_CREDENTIAL, _credential_row(session_id, credential))

    # -- templates --------------------------------------------------------------------------

    async def save_template(self, template: Template) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                templates.insert().values(
                    id=template.id,
                    title=template.title,
                    language=template.language,
                    activities=json.dumps(template.activities, ensure_ascii=False),
                    created_at=template.created_at,
                )
            )

    async def list_templates(self) -> list[Template]:
        async with self._reading() as conn:
            rows = await conn.execute(sa.select(templates).order_by(templates.c.created_at.desc()))
            return [
                Template(r.id, r.title, r.language, json.loads(r.activities), r.created_at)
                for r in rows
            ]


def _event_rows(
    session_id: str, after_seq: int, new_events: Sequence[Event]
) -> list[dict[str, Any]]:
    return [
        {
            "session_id": session_id,
            "seq": seq,
            "type": e.type,
            "activity_id": e.activity_id,
            "actor_id": e.actor_id,
            "data": data_json(e.data),
            "at": e.at,
        }
        for seq, e in enumerate(new_events, start=after_seq + 1)
    ]


def _credential_row(session_id: str, credential: NewCredential) -> dict[str, Any]:
    return {
        "secret_hash": credential.secret_hash,
        "session_id": session_id,
        "role": credential.role,
        "participant_id": credential.participant_id,
        "link_id": credential.link_id,
        "revoked": False,
    }
