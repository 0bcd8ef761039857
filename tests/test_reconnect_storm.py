"""A reconnect storm (issue 15, promise 4): the server restarts in a full hall.

150 phones hold raw sockets (bench/wire.py, as the benchmark's swarm does), the server is stopped
(SIGTERM) and started again on the same SQLite file, and every socket comes back by itself with
the browsers' reconnection delays, while the facilitator sends commands from a reloaded console.
None may diverge (each screen's view, patches applied, equals a new socket's whole view at the
same seq) and the facilitator's commands are acknowledged throughout. `python -m bench.storm`
measures the same at 1000 phones (bench/README.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.storm import Storm
from tests.support import ServerProcess

PHONES = 150


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path / "storm.sqlite3").start()
    yield process
    process.stop()


async def test_a_hall_of_phones_comes_back_after_a_restart(
    restartable: ServerProcess, figure: Any
) -> None:
    def restart() -> None:
        restartable.stop()
        restartable.start()  # the same port and database file

    async def restart_async() -> None:
        await asyncio.to_thread(restart)

    storm = Storm("127.0.0.1", restartable.port, PHONES, restart_async, timeout=30)
    figures = await storm.run()
    figure(
        "a reconnect storm converges",
        phones=PHONES,
        back=f"{figures['back'] - 2}/{PHONES}",
        all_back_s=figures["all_back_s"],
        after_server_up_s=figures["all_back_after_up_s"],
        diverged=figures["diverged"],
        facilitator_ack_p50_ms=figures["facilitator_ack_p50_ms"],
        facilitator_ack_p95_ms=figures["facilitator_ack_p95_ms"],
    )
    assert figures["back"] == figures["screens"] == PHONES + 2
    assert figures["diverged"] == 0
    assert figures["facilitator_acks"] > 0, "the facilitator was answered during the storm"
    # Generous bounds on a shared machine; bench/storm.py measures the real ones.
    assert figures["facilitator_ack_p95_ms"] < 2000
    assert figures["all_back_after_up_s"] < 20
