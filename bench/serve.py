"""`python -m bench.serve`: the server as `python -m server` runs it (settings from the
environment, the same uvicorn options), plus what the benchmark reads and compares:

- the time Python's cyclic GC takes, written as JSON to `--stats` when SIGUSR1 comes;
- `--deflate on|off`: permessage-deflate offered to the sockets or not;
- `--gc startup`: the GC as it was before server/gc_tuning.py (frozen once at start-up,
  CPython's thresholds), to measure what the tuning brings.
"""

from __future__ import annotations

import argparse
import gc
import json
import signal
import time
from pathlib import Path
from typing import Any

import uvicorn

from server.app import build_app
from server.settings import Settings


class GcClock:
    """A `gc.callbacks` hook: total time in collections, their number, the longest pause."""

    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0
        self.longest = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
            return
        took = time.perf_counter() - self._began
        self.total += took
        self.count += 1
        self.longest = max(self.longest, took)

    def write(self, path: Path) -> None:
        figures = {
            "total_ms": self.total * 1000,
            "count": self.count,
            "max_ms_since_read": self.longest * 1000,
        }
        self.longest = 0.0
        path.write_text(json.dumps(figures))


def options(settings: Settings, deflate: bool) -> dict[str, Any]:
    try:
        from server.__main__ import uvicorn_options
    except ImportError:  # an older server, measured for comparison
        chosen: dict[str, Any] = {"host": settings.host, "port": settings.port, "workers": 1}
        chosen.update(timeout_graceful_shutdown=5, proxy_headers=True)
    else:
        chosen = uvicorn_options(settings)
    chosen.update(ws_per_message_deflate=deflate, log_level="warning")
    return chosen


def untuned() -> None:
    """The GC as it was: start-up objects frozen, default thresholds, nothing more."""
    try:
        from server import gc_tuning
    except ImportError:
        return
    tuning: Any = gc_tuning.GcTuning

    def start(self: Any) -> None:
        gc.collect()
        gc.freeze()

    tuning.start = start
    tuning.arrival = lambda self: None
    tuning.departure = lambda self: None


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serve")
    parser.add_argument("--stats", type=Path, required=True)
    parser.add_argument("--deflate", choices=["on", "off"], default="off")
    parser.add_argument("--gc", choices=["tuned", "startup"], default="tuned")
    args = parser.parse_args()
    if args.gc == "startup":
        untuned()
    clock = GcClock()
    gc.callbacks.append(clock)
    signal.signal(signal.SIGUSR1, lambda *_: clock.write(args.stats))
    settings = Settings.from_env()
    uvicorn.run(build_app(settings), **options(settings, args.deflate == "on"))


if __name__ == "__main__":
    main()
