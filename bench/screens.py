"""One screen of the load (a phone, the console, the room screen) on a `Wire`, reading `view` and
`private` messages as a browser does (docs/protocol.md, *Patches*).

Every screen follows the seqs (a patch applies to the seq it holds, else it asks for `resync`)
and records when each view arrived; a few `keeps` their documents whole, applying each patch,
so the run can check at the end that patches rebuilt exactly what the server would send whole.
"""

from __future__ import annotations

import asyncio
import time
from array import array
from typing import Any

import jsonpatch

from bench.wire import Wire


class Screen:
    def __init__(self, kind: str, keeps: bool = False) -> None:
        self.kind = kind  # "phone", "console" or "room"
        self.keeps = keeps
        self.wire: Wire | None = None
        self.held = {"view": -1, "private": -1}
        self.docs: dict[str, Any] = {}
        self._first = {"view": True, "private": True}
        self._asked = {"view": False, "private": False}
        # When each view was taken (perf_counter) and its seq.
        self.times = array("d")
        self.seqs = array("q")
        self.frames = 0
        self.bytes = 0
        self.resyncs = 0
        self.failed_patches = 0
        # The size of the last view received whole (what a patch saves).
        self.whole_bytes = 0
        self._want = -1
        self._reached: asyncio.Future[None] | None = None

    def on_event(self, name: str, data: Any, size: int) -> None:
        if name not in ("view", "private") or not isinstance(data, dict):
            return
        self.frames += 1
        self.bytes += size
        held = self.held[name]
        if "patch" in data:
            if self._first[name] or data["base"] != held:
                if not self._asked[name] and self.wire is not None:
                    self._asked[name] = True
                    self.resyncs += 1
                    self.wire.emit("resync", name)
                return
            seq = int(data["seq"])
            if self.keeps:
                try:
                    self.docs[name] = jsonpatch.apply_patch(self.docs[name], data["patch"])
                except jsonpatch.JsonPatchException:
                    self.failed_patches += 1
        else:
            self._asked[name] = False
            seq = int(data["seq"])
            if name == "view":
                self.whole_bytes = size
            if not self._first[name] and seq < held:
                return
            self._first[name] = False
            if self.keeps:
                self.docs[name] = data
        self.held[name] = seq
        if name == "view":
            self.times.append(time.perf_counter())
            self.seqs.append(seq)
            reached = self._reached
            if reached is not None and not reached.done() and seq >= self._want:
                reached.set_result(None)

    @property
    def wire_bytes(self) -> int:
        return self.wire.wire_in if self.wire is not None else 0

    @property
    def seq(self) -> int:
        return self.held["view"]

    async def wait_seq(self, seq: int, timeout: float) -> None:
        if self.seq >= seq:
            return
        self._want = seq
        self._reached = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait_for(self._reached, timeout)
        finally:
            self._reached = None

    async def open(
        self, host: str, port: int, auth: dict[str, Any], deflate: bool, timeout: float
    ) -> None:
        self.wire = await Wire.open(host, port, auth, self.on_event, deflate, timeout)
        await self.wait_seq(0, timeout)

    def frames_between(self, start: float, end: float) -> int:
        return sum(1 for t in self.times if start <= t <= end)

    def close(self) -> None:
        if self.wire is not None:
            self.wire.close()
