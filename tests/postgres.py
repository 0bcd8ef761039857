"""A throw-away PostgreSQL cluster from Debian's packages, started and stopped by the tests."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError(
            "PostgreSQL is not installed: `make test` installs Debian's postgresql package"
        )
    return found[-1]


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package creates the `postgres` user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster in a fresh folder; yield an SQLAlchemy URL for the `fabrique` database."""
    # Not under pytest's root-only temp folder: the `postgres` user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="fabrique-pg-"))
    data = folder / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, data):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = free_port()
    run = lambda args: subprocess.run(  # noqa: E731
        _as_owner(args), check=True, capture_output=True, cwd=folder
    )
    run([_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "fabrique", "--no-sync"])
    options = f"-h 127.0.0.1 -p {port} -k {data} -c fsync=on"
    run([_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"])
    try:
        run([_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "fabrique", "fabrique"])
        yield f"postgresql+asyncpg://fabrique@127.0.0.1:{port}/fabrique"
    finally:
        run([_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)
