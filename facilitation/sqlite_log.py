"""A SQLite log's writes, each in one trip to a thread of its own.

Through SQLAlchemy over aiosqlite, one command's transaction (BEGIN IMMEDIATE, its inserts,
COMMIT, the pool's checkout and reset) is eleven round trips between the event loop and
aiosqlite's thread, each waking both: 1.4 ms of CPU per command, where the SQL itself takes
0.15 ms (`bench/README.md`, *The log's writes*). SQLite serves one process (`server/app.py`
refuses several), so that process is the log's only writer: it keeps one connection of its own,
on one thread, and hands it a whole transaction at once.

The statements are SQLAlchemy's, from `facilitation/tables.py`, compiled once for SQLite; reads
and every rarer write still go through the engine (WAL lets them run beside this connection, and
`busy_timeout` makes either writer wait for the other).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite

# Every connection to the file, SQLAlchemy's and this one: WAL lets readers go on during a write,
# FULL makes a commit survive a power cut (an acknowledged contribution is never lost),
# secure_delete overwrites what is deleted (a deleted session, a forgotten name) with zeros.
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA secure_delete=ON",
)

# Execution option marking a connection of the engine that only reads (it begins without taking
# the write lock: facilitation/store.py).
READ_ONLY = "fabrique_read_only"

_DIALECT = sqlite.dialect(paramstyle="named")

# One step of a transaction: a statement and its values (a list of them: one row each).
Step = tuple[sa.UpdateBase, Mapping[str, Any] | Sequence[Mapping[str, Any]]]


def compiled(statement: sa.UpdateBase, keys: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """The SQL of a statement for SQLite and the values it holds (`.values(...)`, bound
    parameters' defaults); an insert names the columns the caller gives, `keys`."""
    if isinstance(statement, sa.Insert):
        done = statement.compile(dialect=_DIALECT, column_keys=list(keys))
    else:
        done = statement.compile(dialect=_DIALECT)
    return str(done), dict(done.params)


class SqliteLog:
    """The writing connection to one SQLite file, on its own thread."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fabrique-log")
        self._connection: sqlite3.Connection | None = None
        # The SQL of each statement, by the statement itself (kept alive here) and the columns
        # given: statements are made once, at import (facilitation/store.py), not per command.
        self._sql: dict[tuple[sa.UpdateBase, tuple[str, ...]], tuple[str, dict[str, Any]]] = {}

    async def write(self, steps: Sequence[Step]) -> None:
        """Run the steps in one transaction, committed when this returns. An error rolls it
        back whole and is raised (`sqlite3.IntegrityError` for a taken key)."""
        prepared = [self._prepare(statement, values) for statement, values in steps]
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._thread, self._transaction, prepared)

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the file and empty it (it waits for readers up to
        `busy_timeout`; what it could not copy then is copied at a later checkpoint)."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._thread, self._checkpoint)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._thread, self._close)
        self._thread.shutdown(wait=True)

    def _prepare(
        self, statement: sa.UpdateBase, values: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> tuple[str, Any]:
        rows = [values] if isinstance(values, Mapping) else list(values)
        keys = tuple(rows[0]) if rows else ()
        known = self._sql.get((statement, keys))
        if known is None:
            known = self._sql[(statement, keys)] = compiled(statement, keys)
        sql, defaults = known
        if defaults.keys() - keys:
            rows = [{**defaults, **row} for row in rows]
        return sql, rows[0] if isinstance(values, Mapping) else rows

    # -- on the log's thread ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            # isolation_level=None: no implicit transactions, this class says BEGIN and COMMIT.
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            for pragma in PRAGMAS:
                connection.execute(pragma)
            self._connection = connection
        return self._connection

    def _transaction(self, prepared: list[tuple[str, Any]]) -> None:
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            for sql, values in prepared:
                if isinstance(values, list):
                    connection.executemany(sql, values)
                else:
                    connection.execute(sql, values)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _checkpoint(self) -> None:
        # The pragma answers a row: read, and its statement closed here, on this thread. Left
        # unread (a cursor returned to the event loop), the statement stays in progress until
        # the loop lets go of it, and a transaction this thread runs meanwhile cannot commit.
        cursor = self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            cursor.fetchall()
        finally:
            cursor.close()

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
