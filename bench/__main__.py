"""`python -m bench`: run the workshop benchmark and print the medians per size."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import os
import platform
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from bench.figures import BASELINE, run_figures, summarise, table
from bench.workshop import Options, RunFailed, RunResult, run_workshop


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError("sizes are whole numbers: 1,30,100,300") from exc
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("at least one size, each 1 or more")
    return sizes


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Load benchmark: workshops of N participants writing notes on a board, "
        "against a real server on 127.0.0.1. Prints the medians of --repeats runs per size.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[1, 30, 100, 300],
        help="participants per workshop, comma-separated (default 1,30,100,300; "
        "1 is the baseline of the ratios)",
    )
    parser.add_argument(
        "--repeats",
        type=_positive,
        default=3,
        help="runs per size, each with a fresh server and database (default 3)",
    )
    parser.add_argument(
        "--notes", type=_positive, default=3, help="notes each participant writes (default 3)"
    )
    parser.add_argument(
        "--batch",
        type=_positive,
        default=50,
        help="participants joined and connected at a time (default 50)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60,
        help="seconds allowed to each phase and each command (default 60)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write every figure (per run and medians) to this file",
    )
    return parser.parse_args(argv)


def _clean(value: Any) -> Any:
    """JSON has no NaN: missing figures (no baseline, no samples) become null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


async def bench(args: argparse.Namespace) -> tuple[dict[int, list[RunResult]], list[str]]:
    options = Options(notes=args.notes, batch=args.batch, timeout=args.timeout)
    runs: dict[int, list[RunResult]] = {size: [] for size in args.sizes}
    failures: list[str] = []
    # Rounds interleave the sizes, so a noisy minute on the shared machine hits every size.
    for round_ in range(1, args.repeats + 1):
        for size in args.sizes:
            try:
                run = await run_workshop(size, options)
            except (RunFailed, RuntimeError, OSError) as exc:
                failures.append(f"round {round_} N={size}: {exc}")
                print(f"round {round_}/{args.repeats}  N={size:<4} FAILED: {exc}", file=sys.stderr)
                continue
            runs[size].append(run)
            f = run_figures(run)
            print(
                f"round {round_}/{args.repeats}  N={size:<4} ack p50 {f['ack_p50_ms']:7.1f} ms"
                f"  p95 {f['ack_p95_ms']:7.1f} ms  {f['throughput_per_s']:6.0f} cmd/s"
                f"  errors {f['errors']}  ({run.wall_s:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
            # The load generator's own garbage must not pause the next run's clients.
            gc.collect()
    return {size: results for size, results in runs.items() if results}, failures


Outcome = tuple[dict[int, list[RunResult]], list[str]]


def _run(main: Coroutine[Any, Any, Outcome]) -> Outcome:
    try:
        import uvloop  # installed with uvicorn[standard]; the server runs on it too
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    began = time.perf_counter()
    try:
        runs, failures = _run(bench(args))
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("Interrupted: the server of the current run was stopped.", file=sys.stderr)
        return 130
    summary = summarise(runs)
    total = time.perf_counter() - began
    print()
    print(
        f"Fabrique load benchmark: medians of {args.repeats} run(s), {args.notes} notes per "
        f"participant; latencies in ms (client-measured), ratios to N={BASELINE}."
    )
    print(table(summary))
    errors = sum(figures["errors"] for figures in summary.values())
    miscounted = sum(figures["miscounted_views"] for figures in summary.values())
    if errors or miscounted:
        print(f"WARNING: {errors} rejected command(s), {miscounted} view(s) with a wrong count")
    if failures:
        print(f"WARNING: {len(failures)} run(s) failed and are left out of the medians:")
        print("\n".join(f"  {failure.splitlines()[0]}" for failure in failures))
    print(f"Total {total:.0f} s on {os.cpu_count()} CPU(s), Python {platform.python_version()}.")
    if args.json:
        document = {
            "settings": {
                "sizes": args.sizes,
                "repeats": args.repeats,
                "notes": args.notes,
                "batch": args.batch,
                "timeout": args.timeout,
            },
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "total_s": total,
            "failures": failures,
            "sizes": {str(size): figures for size, figures in summary.items()},
        }
        args.json.write_text(json.dumps(_clean(document), indent=2) + "\n")
        print(f"Figures written to {args.json}.")
    return 1 if errors or miscounted or failures else 0


if __name__ == "__main__":
    sys.exit(main())
