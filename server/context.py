"""What the HTTP routes and the socket handlers share while the server runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from limits import parse
from limits.strategies import MovingWindowRateLimiter

from exports.publisher import Publisher
from facilitation.registry import Registry
from facilitation.service import SessionService
from server.assets import Assets
from server.join_codes import JoinCodeGuard
from server.rate_limits import SweptMemoryStorage
from server.settings import ROOT, Settings

# A whole room shares one Wi-Fi address, so commands are limited per participant, not per IP.
COMMANDS_PER_PARTICIPANT = parse("60/minute")
# A screen asks for a whole view only when it missed a patch (a flaky Wi-Fi): a few a minute.
RESYNCS_PER_SOCKET = parse("30/minute")
# Guessing join codes is slowed by the wrong codes of an address (server/join_codes.py), on
# this route too. Joining with a right code is limited per address only against a runaway
# script: a whole hall joins from one Wi-Fi address, a thousand phones within a minute when
# the QR code goes up, and none of them may be refused (bench/README.md measures it).
JOINS_PER_ADDRESS = parse("2000/minute")


@dataclass
class Runtime:
    settings: Settings
    registry: Registry
    base_url: str
    # The screens' files: bundled and versioned, or the sources as they are (server/assets.py).
    assets: Assets = field(default_factory=lambda: Assets(ROOT / "frontend"))
    limiter: MovingWindowRateLimiter = field(
        default_factory=lambda: MovingWindowRateLimiter(SweptMemoryStorage())
    )
    join_codes: JoinCodeGuard = field(init=False)
    _service: SessionService | None = None
    _publisher: Publisher | None = None

    def __post_init__(self) -> None:
        self.join_codes = JoinCodeGuard(self.limiter)

    @property
    def service(self) -> SessionService:
        if self._service is None:
            raise RuntimeError("the server is not started")
        return self._service

    @service.setter
    def service(self, value: SessionService) -> None:
        self._service = value

    @property
    def publisher(self) -> Publisher:
        if self._publisher is None:
            raise RuntimeError("the server is not started")
        return self._publisher

    @publisher.setter
    def publisher(self, value: Publisher) -> None:
        self._publisher = value

    @property
    def tz(self) -> ZoneInfo:
        """The time zone of the times in the minutes and the calendar (TIMEZONE)."""
        return ZoneInfo(self.settings.timezone)

    def join_url(self, join_code: str) -> str:
        return f"{self.base_url}/j/{join_code}"
