"""A Socket.IO client as lean as a load generator needs: Engine.IO 4 over a raw websocket,
default namespace, on an `asyncio.Protocol`.

Two thousand python-socketio clients in one process would use more CPU than the server they
measure; this one parses a frame header, inflates when permessage-deflate was agreed (as
browsers ask for it), and hands each event to a callback. Frames it sends are masked with a
zero key (allowed on the wire; a load generator needs no protection from proxies).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import time
import zlib
from collections.abc import Callable
from typing import Any, cast

EventHandler = Callable[[str, Any, int], None]
_NO_MASK = b"\x00\x00\x00\x00"


class WireError(Exception):
    pass


class Wire(asyncio.Protocol):
    def __init__(
        self, host: str, port: int, auth: dict[str, Any], on_event: EventHandler, deflate: bool
    ) -> None:
        self.host, self.port, self.auth = host, port, auth
        self.on_event = on_event
        self.offer_deflate = deflate
        self.deflate = False
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._upgraded = False
        self._fragments: list[bytes] = []
        self._compressed = False
        self._inflater = zlib.decompressobj(-15)
        self._reset_inflater = False
        self._ids = itertools.count(1)
        self._acks: dict[int, Callable[[Any], None]] = {}
        loop = asyncio.get_running_loop()
        self.connected: asyncio.Future[Any] = loop.create_future()
        self.closed: asyncio.Future[None] = loop.create_future()
        # Payload bytes received (inflated) and on the wire, and event messages received.
        self.bytes_in = 0
        self.wire_in = 0

    @classmethod
    async def open(
        cls,
        host: str,
        port: int,
        auth: dict[str, Any],
        on_event: EventHandler,
        deflate: bool = False,
        timeout: float = 30,
    ) -> Wire:
        loop = asyncio.get_running_loop()
        _, wire = await loop.create_connection(
            lambda: cls(host, port, auth, on_event, deflate), host, port
        )
        answer = await asyncio.wait_for(wire.connected, timeout)
        if not isinstance(answer, dict) or "sid" not in answer:
            wire.close()
            raise WireError(f"connection refused: {answer}")
        return wire

    # -- the websocket --------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not subclasses of asyncio.Transport, only alike.
        self.transport = cast(asyncio.Transport, transport)
        transport = self.transport
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Version: 13",
        ]
        if self.offer_deflate:
            lines.append("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")
        transport.write(("\r\n".join(lines) + "\r\n\r\n").encode())

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.connected.done():
            self.connected.set_exception(WireError(f"connection lost: {exc}"))
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.wire_in += len(data)
        buffer = self._buffer
        buffer += data
        if not self._upgraded:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end]).decode("latin-1").lower()
            del buffer[: end + 4]
            if not head.startswith("http/1.1 101"):
                self.connected.set_exception(WireError(head.splitlines()[0]))
                self.close()
                return
            self._upgraded = True
            extensions = [line for line in head.split("\r\n") if "permessage-deflate" in line]
            self.deflate = bool(extensions)
            self._reset_inflater = any("server_no_context_takeover" in e for e in extensions)
        while len(buffer) >= 2:
            first, second = buffer[0], buffer[1]
            length = second & 0x7F
            at = 2
            if length == 126:
                if len(buffer) < 4:
                    return
                length = int.from_bytes(buffer[2:4], "big")
                at = 4
            elif length == 127:
                if len(buffer) < 10:
                    return
                length = int.from_bytes(buffer[2:10], "big")
                at = 10
            if len(buffer) < at + length:
                return
            payload = bytes(buffer[at : at + length])
            del buffer[: at + length]
            self._frame(first, payload)

    def _frame(self, first: int, payload: bytes) -> None:
        opcode = first & 0x0F
        if opcode == 9:  # ping
            self._send_frame(0x8A, payload)
            return
        if opcode == 8:
            self.close()
            return
        if opcode in (1, 2):
            self._fragments = [payload]
            self._compressed = bool(first & 0x40)
        elif opcode == 0:
            self._fragments.append(payload)
        else:
            return
        if not first & 0x80:
            return  # more fragments to come
        message = b"".join(self._fragments)
        self._fragments = []
        if self._compressed:
            message = self._inflater.decompress(message + b"\x00\x00\xff\xff")
            if self._reset_inflater:
                self._inflater = zlib.decompressobj(-15)
        self.bytes_in += len(message)
        self._packet(message.decode(), len(message))

    def _send_frame(self, first: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        length = len(payload)
        if length < 126:
            head = bytes((first, 0x80 | length))
        elif length < 65536:
            head = bytes((first, 0x80 | 126)) + length.to_bytes(2, "big")
        else:
            head = bytes((first, 0x80 | 127)) + length.to_bytes(8, "big")
        self.transport.write(head + _NO_MASK + payload)

    def send_text(self, text: str) -> None:
        self._send_frame(0x81, text.encode())

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()

    # -- Engine.IO and Socket.IO ------------------------------------------------------------

    def _packet(self, text: str, size: int) -> None:
        kind = text[:1]
        if kind == "2":
            self.send_text("3")  # Engine.IO ping: answer, or the server closes the socket
        elif kind == "0":
            self.send_text("40" + json.dumps(self.auth))
        elif kind == "4":
            packet = text[1:2]
            if packet == "2":
                name, *data = json.loads(text[2:])
                self.on_event(name, data[0] if data else None, size)
            elif packet == "3":
                split = text.index("[")
                callback = self._acks.pop(int(text[2:split]), None)
                if callback is not None:
                    callback(json.loads(text[split:])[0])
            elif packet == "0":
                if not self.connected.done():
                    self.connected.set_result(json.loads(text[2:] or "{}"))
            elif packet == "4":
                if not self.connected.done():
                    self.connected.set_result({"error": json.loads(text[2:] or "{}")})
            elif packet == "1":
                self.close()
        elif kind == "1":
            self.close()

    def emit(self, name: str, *args: Any) -> None:
        self.send_text("42" + json.dumps([name, *args]))

    def call(self, name: str, data: Any, answered: Callable[[Any], None]) -> None:
        """Send an event with an acknowledgement; `answered(ack)` runs when it comes."""
        ack_id = next(self._ids)
        self._acks[ack_id] = answered
        self.send_text(f"42{ack_id}" + json.dumps([name, data]))


async def ask(wire: Wire, name: str, data: Any, timeout: float) -> tuple[Any, float]:
    """An event with an acknowledgement, awaited: (the answer, when it came)."""
    future: asyncio.Future[tuple[Any, float]] = asyncio.get_running_loop().create_future()

    def answered(ack: Any) -> None:
        if not future.done():
            future.set_result((ack, time.perf_counter()))

    wire.call(name, data, answered)
    return await asyncio.wait_for(future, timeout)
