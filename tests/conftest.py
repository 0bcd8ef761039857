from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import expect

# Helpers' assertions show their diffs too (golden files, views).
pytest.register_assert_rewrite("tests.support")

from tests.support import ServerProcess  # noqa: E402

# Pages wait for what only the intended state shows; on a machine busy with other test runs, a
# page may take longer than Playwright's default 5 s to get there.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real server for the whole run; each test makes its own session in it."""
    process = ServerProcess(tmp_path_factory.mktemp("db") / "fabrique.sqlite3").start()
    yield process
    process.stop()


@pytest.fixture
async def http(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as client:
        yield client


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "fabrique.sqlite3"


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """Debian's Chromium, headless; no browser is downloaded."""
    return {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
