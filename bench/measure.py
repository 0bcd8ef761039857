"""What a run reads: the server's CPU, memory and GC (from /proc and bench/serve.py's file), and
what the screens received during a phase."""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.screens import Screen


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def server_cpu(pids: Sequence[int]) -> float:
    """User + system CPU seconds the server's processes have used."""
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def server_rss_kib(pids: Sequence[int]) -> int:
    """The resident memory of the server's processes, together."""
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def gc_figures(pid: int, path: str) -> dict[str, float]:
    """Ask bench/serve.py for its GC figures (SIGUSR1) and read them once written."""
    if not path:
        return {}
    file = Path(path)
    before = file.stat().st_mtime_ns if file.exists() else 0
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if file.exists() and file.stat().st_mtime_ns != before:
            try:
                figures: dict[str, float] = json.loads(file.read_text())
                return figures
            except ValueError:
                pass  # being written
        time.sleep(0.01)
    return {}


@dataclass
class Phase:
    """From `begin` to `end`: the server's CPU and GC, what each screen received."""

    pids: list[int]
    stats: str
    began: float
    cpu: float
    gc: dict[str, float]
    rss: int
    received: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    @classmethod
    def begin(cls, args: argparse.Namespace, screens: Sequence[Screen] = ()) -> Phase:
        phase = cls(
            args.pids,
            args.stats,
            time.perf_counter(),
            server_cpu(args.pids),
            gc_figures(args.pids[0], args.stats),
            server_rss_kib(args.pids),
        )
        phase.received = {id(s): (s.frames, s.bytes, s.wire_bytes) for s in screens}
        return phase

    def end(self, screens: Sequence[Screen]) -> dict[str, Any]:
        seconds = time.perf_counter() - self.began
        cpu = server_cpu(self.pids) - self.cpu
        gc_after = gc_figures(self.pids[0], self.stats)
        frames: dict[str, list[int]] = {}
        size: dict[str, list[int]] = {}
        wire = 0
        for screen in screens:
            f0, b0, w0 = self.received.get(id(screen), (0, 0, 0))
            frames.setdefault(screen.kind, []).append(screen.frames - f0)
            size.setdefault(screen.kind, []).append(screen.bytes - b0)
            wire += screen.wire_bytes - w0
        delivered = sum(sum(v) for v in frames.values())
        figures: dict[str, Any] = {
            "seconds": seconds,
            "server_cpu_s": cpu,
            "server_cpu_pct": 100 * cpu / seconds,
            "frames": delivered,
            "cpu_us_per_frame": cpu * 1e6 / delivered if delivered else math.nan,
            # What crossed the network per frame (compressed, when permessage-deflate is on),
            # websocket headers and Engine.IO pings included.
            "wire_bytes_per_frame": wire / delivered if delivered else math.nan,
            "rss_kib_before": self.rss,
            "rss_kib_after": server_rss_kib(self.pids),
        }
        for kind in frames:
            count = sum(frames[kind])
            figures[f"bytes_per_frame_{kind}"] = sum(size[kind]) / count if count else math.nan
            rates = [f / seconds for f in frames[kind]]
            figures[f"frames_per_s_{kind}_mean"] = sum(rates) / len(rates)
            figures[f"frames_per_s_{kind}_max"] = max(rates)
        if self.gc and gc_after:
            figures["gc_ms"] = gc_after["total_ms"] - self.gc["total_ms"]
            figures["gc_pct"] = 100 * figures["gc_ms"] / 1000 / max(cpu, 1e-9)
            figures["gc_max_pause_ms"] = gc_after["max_ms_since_read"]
            figures["gc_collections"] = gc_after["count"] - self.gc["count"]
        return figures


def delays(
    pairs: Sequence[tuple[float, int]], screens: Sequence[Screen]
) -> tuple[list[float], int]:
    """For each contribution (sent at, its seq): ms until the LAST screen had a view at that seq
    or later ("every screen has it"); and how many contributions some screen never showed."""
    if not pairs:
        return [], 0
    low = min(seq for _, seq in pairs)
    high = max(seq for _, seq in pairs)
    size = high - low + 1
    worst = [0.0] * size
    for screen in screens:
        # When this screen first held each seq from low to high (a view skips some seqs).
        held = [math.inf] * size
        previous = low - 1
        for seq, at in zip(screen.seqs, screen.times, strict=True):
            if seq <= previous:
                continue
            start, stop = max(previous + 1, low) - low, min(seq, high) - low + 1
            if start < stop:
                held[start:stop] = [at] * (stop - start)
            previous = seq
            if seq >= high:
                break
        worst = list(map(max, worst, held))
    every = [(worst[seq - low] - sent) * 1000 for sent, seq in pairs]
    lost = sum(1 for d in every if math.isinf(d))
    return [d for d in every if not math.isinf(d)], lost
