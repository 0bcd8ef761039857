"""A Socket.IO client written by hand, packet by packet, over a websocket: it sends what no
well-behaved client library would (events named like the server's own, undecodable packets) and
ignores what a hostile client ignores (the server's disconnect)."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import aiohttp
import jsonpatch


class RawSocket:
    """Engine.IO 4 over a websocket, default namespace. Keeps every event and ack it receives."""

    def __init__(self, base_url: str) -> None:
        self.url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.events: list[tuple[str, Any]] = []
        self.acks: dict[int, list[Any]] = {}
        self.namespace_closed = False
        self._ids = itertools.count(1)
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Condition()
        self.connect_answer: Any = None
        self._held: dict[str, dict[str, Any]] = {}

    async def open(self, auth: dict[str, Any]) -> RawSocket:
        self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(self.url)
        opening = await self._ws.receive_str()
        assert opening.startswith("0{"), opening
        await self._ws.send_str("40" + json.dumps(auth))
        self._reader = asyncio.create_task(self._read())
        await self.until(lambda: self.connect_answer is not None)
        return self

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._http is not None:
            await self._http.close()

    async def send_raw(self, packet: str) -> None:
        assert self._ws is not None
        await self._ws.send_str(packet)

    async def emit(self, event: str, *args: Any) -> int:
        """An event with an ack id; returns the id (see `answer`)."""
        ack_id = next(self._ids)
        await self.send_raw(f"42{ack_id}" + json.dumps([event, *args]))
        return ack_id

    async def answer(self, ack_id: int, timeout: float = 10) -> list[Any]:
        await self.until(lambda: ack_id in self.acks, timeout)
        return self.acks[ack_id]

    def received(self, event: str) -> list[Any]:
        return [data for name, data in self.events if name == event]

    async def until(self, predicate: Any, timeout: float = 10) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            await self._take(message.data)
            async with self._changed:
                self._changed.notify_all()
        self.namespace_closed = True
        async with self._changed:
            self._changed.notify_all()

    async def _take(self, packet: str) -> None:
        if packet == "2":  # Engine.IO ping: answer, or the server closes the transport
            await self.send_raw("3")
        elif packet.startswith("40"):
            self.connect_answer = json.loads(packet[2:] or "{}")
        elif packet.startswith("44"):
            self.connect_answer = {"error": json.loads(packet[2:])}
        elif packet.startswith("41"):
            # The server's disconnect: a hostile client keeps its transport open.
            self.namespace_closed = True
        elif packet.startswith("42"):
            name, *data = json.loads(packet[2:])
            message = data[0] if data else None
            if isinstance(message, dict) and "patch" in message:
                # A view or private view as a patch to the last one (docs/protocol.md): kept
                # whole, as a screen sees it.
                held = self._held.get(name)
                if held is None or held["seq"] != message["base"]:
                    await self.send_raw("42" + json.dumps(["resync", name]))
                    return
                message = jsonpatch.apply_patch(held, message["patch"])
            if isinstance(message, dict) and name in ("view", "private"):
                self._held[name] = message
            self.events.append((name, message))
        elif packet.startswith("43"):
            body = packet[2:]
            split = body.index("[")
            self.acks[int(body[:split])] = json.loads(body[split:])
