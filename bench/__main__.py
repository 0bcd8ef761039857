"""`python -m bench`: the fan-out under load, scenario by scenario, medians of several runs.

Each run starts a fresh server pinned to core 0 (`taskset`) and the load generator
(`python -m bench.swarm`) in another process pinned to core 1; each contribution run is followed
by the bare python-socketio server (bench/bare.py) at the same N, frame rate and frame size, so
the ratio of CPU per delivered frame compares runs made minutes apart. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.server import ROOT, BenchServer, pinned


@dataclass(frozen=True)
class Spec:
    label: str
    scenario: str
    n: int
    rate: float = 0
    seconds: float = 0
    notes: int = 10
    address: str = "spread"
    deflate: bool = False
    gc: str = "tuned"
    # Followed by the bare server at the same N, frame rate and size.
    bare: bool = False
    # More than one: that many server processes on a throw-away PostgreSQL and Redis.
    processes: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def plan(name: str, seconds: float) -> list[Spec]:
    if name == "smoke":
        n, s = 50, min(seconds, 4)
        return [
            Spec("joins spread", "joins", n),
            Spec("joins one address", "joins", n, address="one"),
            Spec("steady 20/s", "steady", n, 20, s, bare=True),
            Spec("steady 20/s deflate", "steady", n, 20, s, deflate=True, bare=True),
            Spec("dots 10 notes", "dots", n, 10, s, notes=10),
            Spec("steady 20/s GC untuned", "steady", n, 20, s, gc="startup"),
            Spec("steady 20/s 2 processes", "steady", n, 20, s, processes=2),
        ]
    specs = [
        Spec("joins 2000 spread", "joins", 2000),
        Spec("joins 1000 one address", "joins", 1000, address="one"),
        Spec("N=1000 20/s", "steady", 1000, 20, seconds, bare=True),
        Spec("N=1000 100/s", "steady", 1000, 100, seconds, bare=True),
        Spec("N=2000 100/s", "steady", 2000, 100, seconds, bare=True),
    ]
    votes = min(seconds, 20)
    for notes in (10, 100, 300):
        specs.append(Spec(f"dots {notes} notes N=1000", "dots", 1000, 20, votes, notes=notes))
    specs += [
        Spec("N=1000 20/s deflate", "steady", 1000, 20, votes, deflate=True, bare=True),
        Spec("N=1000 20/s no deflate", "steady", 1000, 20, votes, bare=True),
        Spec("N=1000 100/s GC untuned", "steady", 1000, 100, votes, gc="startup"),
        Spec("joins 1000, 2 processes", "joins", 1000, processes=2),
        Spec("N=1000 20/s, 2 processes", "steady", 1000, 20, votes, processes=2),
        Spec("N=1000 100/s, 2 processes", "steady", 1000, 100, votes, processes=2),
    ]
    if name == "quick":
        return [s for s in specs if s.n <= 1000 and "dots 100" not in s.label]
    return specs


def swarm(server: BenchServer, scenario: str, args: list[str], timeout: float) -> dict[str, Any]:
    others = list(zip(server.ports, server.pids, strict=True))[1:]
    command = pinned(
        1,
        [
            *(sys.executable, "-m", "bench.swarm", scenario, "--port", str(server.port)),
            *("--pid", str(server.pid), "--stats", "" if server.bare else str(server.stats)),
            *("--more", ",".join(f"{o}:{p}" for o, p in others)),
            *args,
        ],
    )
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{scenario}: {done.stderr.strip()[-2000:]}\n{server.log_tail(10)}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


@contextlib.contextmanager
def services(spec: Spec) -> Iterator[dict[str, str]]:
    """What several processes share: a PostgreSQL and a Redis of their own, from Debian's
    packages (as the tests start them), for the length of one run."""
    if spec.processes == 1:
        yield {}
        return
    from tests.postgres import postgres_cluster
    from tests.redis_server import redis_server

    with postgres_cluster() as database, redis_server() as redis:
        yield {"DATABASE_URL": database, "REDIS_URL": redis.url}


def one_run(spec: Spec, root: Path, timeout: float) -> dict[str, Any]:
    args = ["--n", str(spec.n), "--timeout", str(timeout), "--address", spec.address]
    args += ["--rate", str(spec.rate), "--seconds", str(spec.seconds), "--notes", str(spec.notes)]
    if spec.deflate:
        args.append("--deflate")
    limit = timeout * 4 + spec.seconds
    with tempfile.TemporaryDirectory(prefix="fabrique-bench-") as folder, services(spec) as env:
        server = BenchServer(
            Path(folder),
            deflate=spec.deflate,
            gc=spec.gc,
            root=root,
            env=env,
            processes=spec.processes,
        )
        try:
            server.start()
            figures = swarm(server, spec.scenario, args, limit)
        finally:
            server.stop()
    if spec.bare and figures.get("frames"):
        rate = figures["frames_per_s_phone_mean"]
        size = figures["bytes_per_frame_phone"]
        bare_args = ["--n", str(spec.n), "--timeout", str(timeout), "--rate", f"{rate:.3f}"]
        bare_args += ["--seconds", str(spec.seconds), "--size", str(int(size))]
        if spec.deflate:
            bare_args.append("--deflate")
        with tempfile.TemporaryDirectory(prefix="fabrique-bare-") as folder:
            bare = BenchServer(Path(folder), bare=True, deflate=spec.deflate)
            try:
                bare.start()
                measured = swarm(bare, "bare", bare_args, limit)
            finally:
                bare.stop()
        figures["bare_cpu_us_per_frame"] = measured["cpu_us_per_frame"]
        figures["bare_lost"] = measured["lost"]
        figures["cpu_ratio_to_bare"] = figures["cpu_us_per_frame"] / measured["cpu_us_per_frame"]
    return figures


COLUMNS = (
    ("run", None, "{}"),
    ("joins s", "seconds", "{:.1f}"),
    ("view p50", "view_p50_ms", "{:.0f}"),
    ("view p99", "view_p99_ms", "{:.0f}"),
    ("ack p99", "ack_p99_ms", "{:.0f}"),
    ("fr/s phone", "frames_per_s_phone_max", "{:.1f}"),
    ("B/fr phone", "bytes_per_frame_phone", "{:.0f}"),
    ("B/fr room", "bytes_per_frame_room", "{:.0f}"),
    ("B whole room", "whole_view_bytes_room", "{:.0f}"),
    ("wire B/fr", "wire_bytes_per_frame", "{:.0f}"),
    ("µs/fr", "cpu_us_per_frame", "{:.0f}"),
    ("bare µs/fr", "bare_cpu_us_per_frame", "{:.0f}"),
    ("× bare", "cpu_ratio_to_bare", "{:.2f}"),
    ("srv CPU %", "server_cpu_pct", "{:.0f}"),
    ("GC %", "gc_pct", "{:.1f}"),
    ("GC max ms", "gc_max_pause_ms", "{:.0f}"),
    ("KiB/pers", "rss_kib_per_participant", "{:.0f}"),
    ("lost", "lost", "{}"),
)


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = {k for run in runs for k, v in run.items() if isinstance(v, int | float)}
    found: dict[str, Any] = {}
    for key in sorted(keys):
        values = [r[key] for r in runs if isinstance(r.get(key), int | float)]
        values = [v for v in values if not (isinstance(v, float) and math.isnan(v))]
        if values:
            found[key] = statistics.median(values)
    found["lost"] = sum(r.get("lost", 0) for r in runs)
    return found


def table(summary: dict[str, dict[str, Any]]) -> str:
    rows = [[heading for heading, _, _ in COLUMNS]]
    for label, figures in summary.items():
        row = []
        for _, key, fmt in COLUMNS:
            if key is None:
                row.append(label)
                continue
            value = figures.get(key)
            if key == "seconds" and figures.get("scenario_joins") != 1:
                value = None
            row.append("–" if value is None else fmt.format(value))
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--plan", choices=["full", "quick", "smoke"], default="full")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="run only the runs whose label is this, or else holds it (repeatable)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60, help="length of each steady run")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--root", type=Path, default=ROOT, help="the server's code to measure")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every figure there")
    parser.add_argument(
        "--show", type=Path, metavar="PATH", help="print the table of a JSON written before"
    )
    return parser.parse_args(argv)


def selected(specs: list[Spec], only: list[str]) -> list[Spec]:
    """The runs `--only` names: a label given whole is that run alone ("N=1000 100/s", not its
    "GC untuned" twin), any other text every run whose label holds it."""
    if not only:
        return specs
    labels = {s.label for s in specs}
    return [s for s in specs if any(s.label == o if o in labels else o in s.label for o in only)]


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.show:
        print(table(json.loads(args.show.read_text())["medians"]))
        return 0
    if args.root != ROOT:
        # Another checkout (an older version, for "before" figures) runs with this bench.
        shutil.copytree(ROOT / "bench", args.root / "bench", dirs_exist_ok=True)
    specs = selected(plan(args.plan, args.seconds), args.only)
    runs: dict[str, list[dict[str, Any]]] = {s.label: [] for s in specs}
    failures: list[str] = []
    began = time.perf_counter()
    # Rounds interleave the runs: a noisy minute on a shared machine hits every one.
    for round_ in range(1, args.repeats + 1):
        for spec in specs:
            load = os.getloadavg()[0]
            try:
                figures = one_run(spec, args.root, args.timeout)
            except (RuntimeError, OSError, subprocess.TimeoutExpired, ValueError) as exc:
                failures.append(f"round {round_} {spec.label}: {exc}")
                print(f"round {round_} {spec.label}: FAILED {exc}", file=sys.stderr, flush=True)
                continue
            figures["scenario_joins"] = int(spec.scenario == "joins")
            figures["load_before"] = load
            runs[spec.label].append(figures)
            shown = {k: round(v, 1) for k, v in figures.items() if isinstance(v, float)}
            print(f"round {round_} {spec.label}: {shown}", file=sys.stderr, flush=True)
    summary = {label: medians(found) for label, found in runs.items() if found}
    print(f"\nFabrique fan-out benchmark: medians of {args.repeats} run(s), plan {args.plan}.")
    print(table(summary))
    lost = sum(f["lost"] for f in summary.values())
    print(
        f"Total {time.perf_counter() - began:.0f} s on {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}; lost: {lost}; failed runs: {len(failures)}."
    )
    if args.json:
        document = {
            "settings": {k: str(v) for k, v in vars(args).items()},
            "failures": failures,
            "medians": summary,
            "runs": runs,
        }
        text = json.dumps(document, indent=2, default=str).replace("NaN", "null")
        args.json.write_text(text + "\n")
    return 1 if lost or failures else 0


if __name__ == "__main__":
    sys.exit(main())
