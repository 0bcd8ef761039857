"""Long runs stay healthy (issue 15, promise 11), in short: `python -m bench.soak` for 45 s
against `python -m server`, workshops following one another, phones joining, writing, leaving and
coming back, sessions deleted at their end. Memory and file descriptors must not grow after the
warm-up, acks must not slow down. The bounds here are generous (a short run on a shared machine);
the 30-minute soak (bench/README.md, *Soak*) measures the real ones. Memory is held to the
issue's 5 % even here: it grew by 0.7 to 1.3 % in the short runs measured.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.soak import Soak
from tests.support import ServerProcess

SECONDS = 45


@pytest.fixture
def alone(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server of its own: its memory and descriptors are this run's alone."""
    process = ServerProcess(tmp_path / "soak.sqlite3").start()
    yield process
    process.stop()


async def test_phones_joining_and_leaving_leave_memory_and_descriptors_flat(
    alone: ServerProcess, figure: Any
) -> None:
    assert alone.process is not None
    soak = Soak(
        "127.0.0.1", alone.port, alone.process.pid, SECONDS,
        workshop=15, joins_per_second=10, stay=3, sample_every=1,
    )  # fmt: skip
    figures = await soak.run()
    figure(
        "long runs stay healthy (short soak)",
        seconds=figures["seconds"],
        join_leave_cycles=figures["joined"] + figures["returned"],
        workshops=figures["workshops"],
        rss_mib=f"{figures['rss_mib_after_warmup']} → {figures['rss_mib_end']}",
        rss_growth_pct=figures["rss_growth_pct"],
        fds=f"{figures['fds_after_warmup']} → {figures['fds_end']}",
        fds_growth_pct=figures["fds_growth_pct"],
        ack_p95_ms=f"{figures['ack_p95_first_ms']} → {figures['ack_p95_last_ms']}",
    )
    assert figures["refused"] == 0, (figures["errors"], alone.log_text()[-4000:])
    assert figures["deleted"] == figures["workshops"] >= 4
    assert figures["joined"] + figures["returned"] >= 250
    assert figures["left"] == figures["joined"], "every phone wrote and left"
    assert figures["rss_growth_pct"] < 5
    assert figures["fds_end"] - figures["fds_after_warmup"] <= max(
        5, 0.1 * figures["fds_after_warmup"]
    )
    assert figures["ack_p95_last_ms"] < 5 * figures["ack_p95_first_ms"] + 200
