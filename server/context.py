"""What the HTTP routes and the socket handlers share while the server runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from exports.publisher import Publisher
from facilitation.registry import Registry
from facilitation.service import SessionService
from server.join_codes import JoinCodeGuard
from server.settings import Settings

# A whole room shares one Wi-Fi address, so commands are limited per participant, not per IP.
COMMANDS_PER_PARTICIPANT = parse("60/minute")
# Wrong join codes slow their address down (server/join_codes.py); joining itself is limited
# per address only against floods: a whole room joins from one Wi-Fi address.
JOINS_PER_ADDRESS = parse("300/minute")


@dataclass
class Runtime:
    settings: Settings
    registry: Registry
    base_url: str
    limiter: MovingWindowRateLimiter = field(
        default_factory=lambda: MovingWindowRateLimiter(MemoryStorage())
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
