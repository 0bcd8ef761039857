"""The process under load, pinned to one core: Fabrique (`python -m bench.serve`, a fresh SQLite
file in a temporary folder) or the bare python-socketio server (`python -m bench.bare`)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def pinned(core: int | None, command: list[str]) -> list[str]:
    if core is None or shutil.which("taskset") is None:
        return command
    return ["taskset", "-c", str(core), *command]


class BenchServer:
    """One server process; `stop()` is safe to call whatever state it is in."""

    def __init__(
        self,
        folder: Path,
        *,
        bare: bool = False,
        deflate: bool = False,
        gc: str = "tuned",
        core: int | None = 0,
        root: Path = ROOT,
    ) -> None:
        self.folder = folder
        self.stats = folder / "gc.json"
        self.log = folder / "server.log"
        self.port = free_port()
        self.bare = bare
        flag = "on" if deflate else "off"
        if bare:
            module = ["-m", "bench.bare", "--port", str(self.port), "--deflate", flag]
        else:
            module = ["-m", "bench.serve", "--stats", str(self.stats), "--deflate", flag]
            module += ["--gc", gc]
        self.command = pinned(core, [sys.executable, *module])
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 30) -> None:
        env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "DATABASE_URL": f"sqlite+aiosqlite:///{self.folder / 'bench.sqlite3'}",
            "PUBLIC_URL": "",
            "PYTHONUNBUFFERED": "1",
        }
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                self.command, cwd=self.root, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        path = "/socket.io/?EIO=4&transport=polling" if self.bare else "/healthz"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not answer within {timeout:g} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down within 5 s), then SIGKILL if it is still there."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(8)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
