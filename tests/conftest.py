from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import expect

# Helpers' assertions show their diffs too (golden files, views).
pytest.register_assert_rewrite("tests.support")

from tests.figures import FIGURES  # noqa: E402
from tests.offline import CHROMIUM_LAUNCH, OUTSIDE, watching_every_context  # noqa: E402
from tests.publish_servers import DAV_PASSWORD, DAV_USER, Receiver, webdav_server  # noqa: E402
from tests.support import ServerProcess  # noqa: E402

# Pages wait for what only the intended state shows; on a machine busy with other test runs, a
# page may take longer than Playwright's default 5 s to get there.
expect.set_options(timeout=10_000)


@pytest.fixture
def figure() -> Any:
    """Record a reliability figure (see tests/figures.py)."""
    return FIGURES.record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES.rows:
        terminalreporter.section("reliability figures")
        for line in FIGURES.lines():
            terminalreporter.write_line(line)
        FIGURES.write()


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
    """Debian's Chromium, headless; no browser is downloaded. Nothing but loopback is reachable
    from it (tests/offline.py)."""
    return CHROMIUM_LAUNCH


@pytest.fixture(scope="session", autouse=True)
def _every_browser_context_watched() -> Iterator[None]:
    with watching_every_context(OUTSIDE):
        yield


@pytest.fixture(autouse=True)
def _no_request_leaves_the_machine(request: pytest.FixtureRequest) -> Iterator[None]:
    """A browser test fails when one of its pages asked for anything but loopback: a laptop
    with no internet must be enough for a whole session."""
    drives_a_browser = bool(set(request.fixturenames) & {"browser", "context", "page"})
    if request.node.get_closest_marker("browser") is None and not drives_a_browser:
        yield
        return
    OUTSIDE.take()
    yield
    outside = OUTSIDE.take()
    if outside:
        pytest.fail(
            f"{len(outside)} request(s) tried to leave this computer:\n  " + "\n  ".join(outside),
            pytrace=False,
        )


# -- publishing the minutes: a WebDAV server and a webhook receiver (tests/publish_servers.py)


@pytest.fixture
def dav_root(tmp_path: Path) -> Path:
    root = tmp_path / "dav"
    (root / DAV_USER).mkdir(parents=True)
    return root


@pytest.fixture
def dav(dav_root: Path) -> Iterator[str]:
    with webdav_server(dav_root) as url:
        yield url


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    # Fails twice, then takes the post.
    hook = await Receiver(fail_first=2).start()
    yield hook
    await hook.stop()


@pytest.fixture
def retry_seconds() -> str:
    """The first delay before publishing again after a failure (it doubles at each try)."""
    return "0.2"


@pytest.fixture
def publishing_server(
    tmp_path: Path, dav: str, receiver: Receiver, retry_seconds: str
) -> Iterator[ServerProcess]:
    process = ServerProcess(
        tmp_path / "fabrique.sqlite3",
        env={
            # A folder two levels below what exists: made with MKCOL.
            "PUBLISH_WEBDAV_URL": f"{dav}/{DAV_USER}/Comptes-rendus/2026",
            "PUBLISH_WEBDAV_USER": DAV_USER,
            "PUBLISH_WEBDAV_PASSWORD": DAV_PASSWORD,
            "PUBLISH_WEBHOOK_URL": receiver.url,
            "PUBLISH_RETRY_SECONDS": retry_seconds,
        },
    ).start()
    yield process
    process.stop()
