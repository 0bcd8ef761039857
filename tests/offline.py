"""A laptop with no internet is enough: browser tests run with every request that leaves the
machine blocked, and fail when a page tried one.

Two layers. Chromium is launched behind a proxy on a closed loopback port, and Chromium goes
straight only to loopback addresses (`--proxy-bypass-list`), so anything else fails at once
instead of reaching the internet; no host name is resolved either. And every browser context a
test creates records the requests, web sockets included, whose host is not a loopback one: the
test fails at teardown with their list (tests/conftest.py). The recorder does not route requests:
Playwright's routing would turn the HTTP cache off, and the caching tests need it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, BrowserContext, Page

# Port 9 (discard) on loopback: nothing listens there, so a proxied request fails at once.
CLOSED_PROXY = "http://127.0.0.1:9"

# `<-loopback>` removes Chromium's implicit bypass (loopback *and* link-local 169.254/16,
# fe80::/10); the loopback names and addresses are then put back one by one, so that only they
# go direct.
BYPASS = "<-loopback>;localhost;*.localhost;127.0.0.1/8;[::1]"

CHROMIUM_OFFLINE_ARGS = [
    f"--proxy-server={CLOSED_PROXY}",
    f"--proxy-bypass-list={BYPASS}",
    # Names are resolved by nobody. The rule matches address literals too, so loopback is left out.
    "--host-resolver-rules=MAP * ~NOTFOUND, "
    "EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.*, EXCLUDE [::1]",
]

# Debian's Chromium, headless (no browser is downloaded), as the tests, the benchmarks and the
# guide's pictures launch it. Without the background-networking flags, Chromium itself calls out.
CHROMIUM_LAUNCH: dict[str, Any] = {
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
        *CHROMIUM_OFFLINE_ARGS,
    ],
}


def leaves_the_machine(url: str) -> bool:
    """Whether a request to `url` would go out to the network: any host but a loopback one.
    URLs without a host (data:, blob:, about:blank) stay in the browser."""
    host = urlsplit(url).hostname
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


class OutsideRequests:
    """The requests that tried to leave the machine, from every context watched."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def note(self, url: str) -> None:
        if leaves_the_machine(url):
            self.urls.append(url)

    def take(self) -> list[str]:
        urls, self.urls = self.urls, []
        return urls

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("request", lambda request: self.note(request.url))
        context.on("page", self.watch_page)
        for page in context.pages:
            self.watch_page(page)
        return context

    def watch_page(self, page: Page) -> None:
        # Web sockets are not requests for Playwright: they have their own event, per page.
        page.on("websocket", lambda socket: self.note(socket.url))


OUTSIDE = OutsideRequests()


@contextmanager
def watching_every_context(recorder: OutsideRequests) -> Iterator[None]:
    """Wrap `Browser.new_context` and `Browser.new_page` (which makes its own context), so that
    every context made while this holds is watched, whoever makes it (tests, fixtures)."""
    new_context = Browser.new_context
    new_page = Browser.new_page

    async def watched_context(self: Browser, *args: Any, **kwargs: Any) -> BrowserContext:
        return recorder.watch(await new_context(self, *args, **kwargs))

    async def watched_page(self: Browser, *args: Any, **kwargs: Any) -> Page:
        # The page exists before we can listen: its first navigation has not started yet.
        page = await new_page(self, *args, **kwargs)
        recorder.watch(page.context)
        return page

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Browser, "new_context", watched_context)
        patch.setattr(Browser, "new_page", watched_page)
        yield
