"""The process under load, pinned to one core: Fabrique (`python -m bench.serve`, a fresh SQLite
file in a temporary folder) or the bare python-socketio server (`python -m bench.bare`).

`env` adds to (or overrides) the environment the server reads (`DATABASE_URL`, and whatever a
scaled-out mode needs, a Redis URL say), and `processes` starts that many copies, each on its own
port and core, so that a mode with several processes sharing a database and a message queue can
be measured with the same scenarios; the load generator then spreads its sockets over `ports`.
"""

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
    """The command run on one core with `taskset` when it can be: without `taskset`, or on a
    machine without that core, it runs wherever the system puts it (figures are then noisier)."""
    if core is None or shutil.which("taskset") is None:
        return command
    try:
        available = os.sched_getaffinity(0)
    except (AttributeError, OSError):
        return command
    if len(available) < 2 or core not in available:
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
        env: dict[str, str] | None = None,
        processes: int = 1,
    ) -> None:
        if processes < 1 or (bare and processes != 1):
            raise ValueError("one bare server, or one Fabrique process or more")
        self.folder = folder
        self.bare = bare
        self.root = root
        self.env = {
            "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}",
            **(env or {}),
        }
        self.ports = [free_port() for _ in range(processes)]
        self.stats_files = [folder / f"gc-{i}.json" for i in range(processes)]
        self.logs = [folder / f"server-{i}.log" for i in range(processes)]
        flag = "on" if deflate else "off"
        self.commands = []
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]
        for i, port in enumerate(self.ports):
            if bare:
                module = ["-m", "bench.bare", "--port", str(port), "--deflate", flag]
            else:
                module = ["-m", "bench.serve", "--stats", str(self.stats_files[i])]
                module += ["--deflate", flag, "--gc", gc]
            # With several processes, each on a core of its own (the load generator shares).
            on = None if core is None else cores[(core + i) % len(cores)]
            self.commands.append(pinned(on, [sys.executable, *module]))
        self.processes: list[subprocess.Popen[bytes]] = []

    # The first (or only) process: what a one-process run measures.
    @property
    def port(self) -> int:
        return self.ports[0]

    @property
    def stats(self) -> Path:
        return self.stats_files[0]

    @property
    def log(self) -> Path:
        return self.logs[0]

    @property
    def pid(self) -> int:
        return self.pids[0]

    @property
    def pids(self) -> list[int]:
        assert self.processes, "not started"
        return [process.pid for process in self.processes]

    def start(self, timeout: float = 30) -> None:
        for port, command, log in zip(self.ports, self.commands, self.logs, strict=True):
            env = {
                **os.environ,
                "HOST": "127.0.0.1",
                "PORT": str(port),
                # Several processes sit behind one public address (a load balancer's): the
                # join links on their screens are the same.
                "PUBLIC_URL": "" if len(self.ports) == 1 else f"http://127.0.0.1:{self.port}",
                "PYTHONUNBUFFERED": "1",
                **self.env,
            }
            with log.open("wb") as output:
                self.processes.append(
                    subprocess.Popen(
                        command, cwd=self.root, env=env, stdout=output, stderr=subprocess.STDOUT
                    )
                )
        path = "/socket.io/?EIO=4&transport=polling" if self.bare else "/healthz"
        deadline = time.monotonic() + timeout
        for port, process in zip(self.ports, self.processes, strict=True):
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the server exited:\n{self.log_tail()}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the server did not answer within {timeout:g} s:\n{self.log_tail()}"
                        ) from None
                    time.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM (uvicorn shuts down within 5 s), then SIGKILL if it is still there; safe to
        call whatever state the processes are in."""
        running = [process for process in self.processes if process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            try:
                process.wait(8)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

    def restart(self, timeout: float = 30) -> None:
        """Stopped (SIGTERM, as a service manager restarts it), then started again on the same
        ports and database."""
        self.stop()
        self.processes = []
        self.start(timeout)

    def log_tail(self, lines: int = 30) -> str:
        tails = []
        for log in self.logs:
            try:
                tails += log.read_text(errors="replace").splitlines()[-lines:]
            except OSError:
                tails.append(f"(no log {log.name})")
        return "\n".join(tails)
