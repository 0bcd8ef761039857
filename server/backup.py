"""A backup of a running server's SQLite file, and its restore into a server that is not running.

The backup is SQLite's own online backup (`sqlite3.Connection.backup`): one read transaction
copies every page of the file as it was at one moment, while the server goes on writing (WAL lets
a reader and the writer work side by side). Every acknowledged command before that moment is in
the copy, none after, and nothing half-written. On PostgreSQL, `pg_dump` does the same.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """Said to the host as it is (French, then English), with no traceback."""


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            "Cette commande sauvegarde un fichier SQLite ; pour PostgreSQL, utilisez pg_dump.\n"
            "This command backs up a SQLite file; for PostgreSQL, use pg_dump."
        )
    return Path(url.database)


def _copy(source: Path, target: Path) -> None:
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.execute("PRAGMA busy_timeout=5000")
        # pages=-1: the whole file in one step, from one consistent moment.
        src.backup(dst, pages=-1)


def _check(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} : fichier illisible / unreadable file ({exc})") from None
    if verdict != "ok" or "sessions" not in tables:
        raise BackupError(
            f"{path} n'est pas une sauvegarde de Fabrique intacte ({verdict}).\n"
            f"{path} is not a sound Fabrique backup ({verdict})."
        )


def backup(database_url: str, target: Path) -> None:
    """Copy the server's database into `target` (a new file), then check the copy."""
    source = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"{source} n'existe pas / does not exist.")
    if target.exists():
        raise BackupError(f"{target} existe déjà / already exists.")
    _copy(source, target)
    _check(target)


def _has_sessions(path: Path) -> bool:
    if not path.exists():
        return False
    with contextlib.closing(sqlite3.connect(path)) as db:
        try:
            return db.execute("SELECT 1 FROM sessions LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:  # no sessions table: an empty file
            return False


def restore(database_url: str, source: Path, replace: bool = False) -> None:
    """Put a backup in place of the server's database. The server must be stopped; a database
    that holds sessions is replaced only when asked (`replace`)."""
    target = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"{source} n'existe pas / does not exist.")
    _check(source)
    if _has_sessions(target) and not replace:
        raise BackupError(
            f"{target} contient déjà des séances : arrêtez le serveur et ajoutez --replace.\n"
            f"{target} already holds sessions: stop the server and add --replace."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source, target)
    _check(target)
