"""Socket.IO packets the server cannot read. Any client can send them, as fast as it likes: each
costs one short line in the log, a few a minute at most, never a traceback.

python-socketio and python-engineio log what they cannot decode or dispatch with the whole
traceback, through the logger they are given: we give them one whose filter shortens and counts.
Our own handlers never raise on what a client sends (see sockets.py), so what reaches this
logger is about packets, not about our code.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from limits import parse
from limits.strategies import RateLimiter
from socketio import packet

# Lines about unreadable packets, for the whole server (the log is what is protected).
LINES = parse("10/minute")
LOGGER = "fabrique.packets"


class OneShortLine(logging.Filter):
    """Each record becomes one line without its traceback; beyond `LINES`, records are counted
    and the next line that gets through says how many were left out."""

    def __init__(self, limiter: RateLimiter) -> None:
        super().__init__()
        self.limiter = limiter
        self.left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.limiter.hit(LINES, "packets"):
            self.left_out += 1
            return False
        reason = record.exc_info[1] if record.exc_info else None
        if reason is not None:
            said = f"a packet was dropped ({type(reason).__name__}: {str(reason)[:120]})"
        else:
            said = record.getMessage()[:200]
        if self.left_out:
            said += f" [{self.left_out} more not logged]"
            self.left_out = 0
        record.msg, record.args = "Socket.IO: %s", (said,)
        record.exc_info = record.exc_text = None
        record.stack_info = None
        return True


def packet_logger(limiter: RateLimiter) -> logging.Logger:
    """The logger given to python-socketio and python-engineio (errors only, as they log by
    default). Built again by each app: the filter of the previous one is replaced."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.ERROR)
    for old in [f for f in logger.filters if isinstance(f, OneShortLine)]:
        logger.removeFilter(old)
    logger.addFilter(OneShortLine(limiter))
    return logger


class UnreadableFrames:
    """The Socket.IO app, for websocket frames python-engineio cannot even split into a packet
    (an empty frame, one that does not start with a packet type): it raises outside of its own
    error handling, and the server would log a whole traceback for each such frame. Here the
    frame costs one short line like any unreadable packet, and its connection is closed."""

    def __init__(self, app: Any, logger: logging.Logger) -> None:
        self.app = app
        self.logger = logger

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "websocket":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except ValueError:
            self.logger.exception("an unreadable frame")


class NamedEvents(packet.Packet):
    """Socket.IO packets, where an event must be named by a text: python-socketio looks a name
    up in its handlers as it comes, and an object or a list for one (`42[{}]`) raised in a task
    of its own, whose traceback went to the log for each such packet. Refused while decoding,
    the packet is dropped like any unreadable one (one short line)."""

    def decode(self, encoded_packet: Any) -> int:
        attachments: int = super().decode(encoded_packet)
        if self.packet_type in (packet.EVENT, packet.BINARY_EVENT):
            data = self.data
            if not (isinstance(data, list) and data and isinstance(data[0], str)):
                raise ValueError("an event without a name")
        return attachments


class PacketJson:
    """The JSON module for Socket.IO packets: a packet nested deeper than Python's decoder goes
    is malformed like any other (ValueError), instead of a RecursionError that python-engineio
    does not expect and that closes the connection with a traceback."""

    @staticmethod
    def dumps(*args: Any, **kwargs: Any) -> str:
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(*args: Any, **kwargs: Any) -> Any:
        try:
            return json.loads(*args, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deep") from None
