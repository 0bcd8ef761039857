"""`python -m bench.weak_network`: a phone on a throttled 3G link, from opening the join link to a
board's first step, with the bundled screens and with the sources served as they are
(`FABRIQUE_ASSETS=plain`), in the same run, several times each.

Chromium's network emulation (DevTools `Network.emulateNetworkConditions`) with WebPageTest's
"3G" profile: 1.6 Mbps down, 768 kbps up, 300 ms round trip. Each run is a new browser context
(an empty cache: a phone's first visit). Three times are measured:

- page ready: from opening the join link to the join form being usable;
- join → first view: from the tap on "join" to the board's first step drawn with its styles;
- total: both, and the typing in between (none here).

It prints each mode's median over `--repeats`, what the phone downloaded (scripts and styles:
requests, kilobytes on the wire, kilobytes once decompressed) and whether the target is met: a
phone shows its first view less than 3 s after joining. `--root PATH` measures another
checkout's server too (an older version, served as that version serves it).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from playwright.async_api import Browser, async_playwright

from bench.server import BenchServer
from tests.offline import CHROMIUM_LAUNCH
from tests.support import add_board, create_session
from tests.test_browser import PHONE
from tests.test_page_weight import THREE_G, board_shown, join_form_ready, record_network

TARGET_SECONDS = 3.0


@dataclass
class Mode:
    label: str
    server: BenchServer
    runs: list[dict[str, float]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"


async def one_run(browser: Browser, base_url: str) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        session = await create_session(http)
    facilitator = await session.facilitator().connect()
    try:
        await add_board(facilitator)
        context = await browser.new_context(**PHONE)
        try:
            phone = await context.new_page()
            network = await record_network(phone, THREE_G)
            started = time.monotonic()
            await phone.goto(f"{base_url}/j/{session.join_code.replace('-', '')}")
            await join_form_ready(phone)
            ready = time.monotonic()
            await phone.get_by_test_id("join-name").fill("Camille")
            clicked = time.monotonic()
            await phone.get_by_test_id("join-button").click()
            await board_shown(phone)
            done = time.monotonic()
            totals = network.totals()
        finally:
            await context.close()
    finally:
        await facilitator.disconnect()
    return {
        "page ready s": ready - started,
        "join → view s": done - clicked,
        "total s": done - started,
        "JS+CSS requests": totals["requests"],
        "JS+CSS KB": totals["wire_bytes"] / 1000,
        "raw KB": totals["raw_bytes"] / 1000,
    }


async def measure(modes: list[Mode], repeats: int) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**CHROMIUM_LAUNCH)
        try:
            for round_ in range(repeats):
                # The modes take turns, so that a busy moment of the machine hits them all.
                for mode in modes:
                    run = await one_run(browser, mode.url)
                    mode.runs.append(run)
                    figures = ", ".join(f"{k} {v:.2f}" for k, v in run.items())
                    print(f"[{round_ + 1}/{repeats}] {mode.label}: {figures}", flush=True)
        finally:
            await browser.close()


def table(modes: list[Mode]) -> str:
    columns = list(modes[0].runs[0])
    rows = [["screens", *columns, f"view < {TARGET_SECONDS:g} s"]]
    for mode in modes:
        medians = [statistics.median(run[c] for run in mode.runs) for c in columns]
        met = "yes" if medians[1] < TARGET_SECONDS else "no"
        rows.append([mode.label, *(f"{m:.2f}" if m % 1 else f"{m:.0f}" for m in medians), met])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per mode (medians)")
    parser.add_argument("--root", type=Path, help="also measure this checkout's server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        servers = {
            "bundled": BenchServer(Path(folder) / "bundled", core=None),
            "unbundled": BenchServer(
                Path(folder) / "unbundled", core=None, env={"FABRIQUE_ASSETS": "plain"}
            ),
        }
        if args.root:
            servers[f"{args.root}"] = BenchServer(Path(folder) / "other", core=None, root=args.root)
        modes = [Mode(label, server) for label, server in servers.items()]
        try:
            for mode in modes:
                mode.server.folder.mkdir()
                mode.server.start()
            asyncio.run(measure(modes, args.repeats))
        finally:
            for mode in modes:
                mode.server.stop()
    print(f"\nMedians of {args.repeats} runs, 3G (1.6 Mbps down, 768 kbps up, 300 ms RTT):")
    print(table(modes))


if __name__ == "__main__":
    main()
