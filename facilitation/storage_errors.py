"""A database that cannot write now — its disk full, its write lock held by another program
longer than `busy_timeout` — refuses the command in words (`storage_full`, `storage_busy`) instead
of failing as a server error. Its transaction was rolled back whole: nothing was written, and the
same command (the same client id) may be sent again once the disk has room or the lock is free.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa

from facilitation.types import Rejected

log = logging.getLogger("fabrique.store")

# What the database says when it cannot write now: the disk (or the server's quota) is full,
# another process holds the write lock longer than `busy_timeout`. SQLite's words, PostgreSQL's
# SQLSTATE 53100 (disk full) and 55P03 (lock not available).
STORAGE_FULL = ("database or disk is full", "53100")
STORAGE_BUSY = ("database is locked", "database table is locked", "55p03")


def storage_refusal(error: BaseException) -> Rejected | None:
    """The refusal a person reads when the database cannot take a write (`storage_full`,
    `storage_busy`), or None for any other error. The transaction was rolled back whole."""
    words = f"{error} {getattr(getattr(error, 'orig', None), 'sqlstate', '')}".lower()
    if any(w in words for w in STORAGE_FULL):
        return Rejected("storage_full")
    if any(w in words for w in STORAGE_BUSY):
        return Rejected("storage_busy")
    return None


@asynccontextmanager
async def refused_when_storage_fails() -> AsyncIterator[None]:
    """Turns the database's "full" and "locked" into a refusal: nothing was written."""
    try:
        yield
    except (sa.exc.DBAPIError, sqlite3.OperationalError) as error:
        refusal = storage_refusal(error)
        if refusal is None:
            raise
        log.warning("a write was refused: %s (nothing was written)", refusal.code)
        raise refusal from error
