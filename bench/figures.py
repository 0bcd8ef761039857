"""From runs to figures: percentiles per run, medians over the repeats, ratios to the baseline."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

from bench.workshop import RunResult

BASELINE = 1


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _share(cpu_s: float, wall_s: float) -> float:
    """CPU time as a percentage of one core over the writing phase."""
    return 100 * cpu_s / wall_s if wall_s > 0 else math.nan


def run_figures(run: RunResult) -> dict[str, Any]:
    latencies = [s.latency_ms for s in run.samples if s.error is None]
    acked = len(latencies)
    return {
        "ack_p50_ms": percentile(latencies, 50),
        "ack_p95_ms": percentile(latencies, 95),
        "ack_p99_ms": percentile(latencies, 99),
        "fanout_p50_ms": percentile(run.fanout_ms, 50),
        "fanout_p95_ms": percentile(run.fanout_ms, 95),
        "fanout_p99_ms": percentile(run.fanout_ms, 99),
        "throughput_per_s": acked / run.writing_s if run.writing_s > 0 else math.nan,
        "rss_mib": run.memory_kib.get("VmRSS", 0) / 1024,
        "peak_rss_mib": run.memory_kib.get("VmHWM", 0) / 1024,
        "server_cpu_pct": _share(run.server_cpu_s, run.writing_s),
        "generator_cpu_pct": _share(run.generator_cpu_s, run.writing_s),
        "server_cpu_ms_per_cmd": run.server_cpu_s * 1000 / acked if acked else math.nan,
        "writing_s": run.writing_s,
        "connect_s": run.connect_s,
        "disconnect_s": run.disconnect_s,
        "drain_ms": run.drain_ms,
        "acked": acked,
        "errors": len(run.errors),
        "miscounted_views": run.miscounted,
        "wall_s": run.wall_s,
    }


def summarise(runs: dict[int, list[RunResult]]) -> dict[int, dict[str, Any]]:
    """Per size, the median over its runs of each figure, then the ratios to N=1's medians."""
    summary: dict[int, dict[str, Any]] = {}
    for size, results in runs.items():
        per_run = [run_figures(r) for r in results]
        medians = {
            name: statistics.median(f[name] for f in per_run)
            for name in per_run[0]
            if name not in ("errors", "miscounted_views")
        }
        medians["errors"] = sum(f["errors"] for f in per_run)
        medians["miscounted_views"] = sum(f["miscounted_views"] for f in per_run)
        medians["runs"] = per_run
        summary[size] = medians
    baseline = summary.get(BASELINE)
    for figures in summary.values():
        for q in ("p50", "p95"):
            base = baseline[f"ack_{q}_ms"] if baseline else math.nan
            figures[f"ack_{q}_ratio"] = figures[f"ack_{q}_ms"] / base if base else math.nan
    return summary


COLUMNS = (
    # (heading, key, format)
    ("N", None, "{}"),
    ("ack p50", "ack_p50_ms", "{:.1f}"),
    ("ack p95", "ack_p95_ms", "{:.1f}"),
    ("ack p99", "ack_p99_ms", "{:.1f}"),
    ("fan-out p50", "fanout_p50_ms", "{:.1f}"),
    ("fan-out p95", "fanout_p95_ms", "{:.1f}"),
    ("cmd/s", "throughput_per_s", "{:.0f}"),
    ("RSS MiB", "rss_mib", "{:.0f}"),
    ("p50 ×N=1", "ack_p50_ratio", "{:.1f}"),
    ("p95 ×N=1", "ack_p95_ratio", "{:.1f}"),
    ("srv CPU ms/cmd", "server_cpu_ms_per_cmd", "{:.1f}"),
    ("srv CPU %", "server_cpu_pct", "{:.0f}"),
    ("gen CPU %", "generator_cpu_pct", "{:.0f}"),
    ("connect s", "connect_s", "{:.1f}"),
)


def table(summary: dict[int, dict[str, Any]]) -> str:
    rows = [[heading for heading, _, _ in COLUMNS]]
    for size, figures in summary.items():
        row = []
        for _, key, fmt in COLUMNS:
            value = size if key is None else figures[key]
            row.append("–" if isinstance(value, float) and math.isnan(value) else fmt.format(value))
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
