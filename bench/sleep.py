"""`python -m bench.sleep`: phones that sleep for real (ten minutes by default) and come back.

Each sleeping phone opens its socket, writes a note, then goes silent: its connection stays open
but it reads nothing and answers no Engine.IO ping, as a phone whose screen went off. The server,
with its default heartbeat (a ping every 25 s, 20 s to answer), drops it; the participant shows
as away. Meanwhile a phone that stays awake writes a note every 30 s and the facilitator moves
the board to its next step. When the sleep is over, each phone reconnects with its token; its
resume time is from the start of its connection to the moment it holds the view of the session's
latest seq and its own private view. Printed: resume p50/p95, and whether each phone came back as
the same participant with the notes written while it slept, and the presence not doubled.

    .venv/bin/python -m bench.sleep                   # 10 phones, 10 minutes
    .venv/bin/python -m bench.sleep --minutes 1 --phones 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import jsonpatch
import socketio

from bench.server import BenchServer


class Sleeper:
    """A phone's socket, written by hand so that it can stop answering the server's pings."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.token = token
        self.asleep = False
        self.acked = asyncio.Event()

    async def open(self) -> None:
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.url)
        await self.ws.receive_str()  # Engine.IO's opening
        await self.ws.send_str("40" + json.dumps({"token": self.token}))
        self.reader = asyncio.create_task(self._read())

    async def note(self, text: str) -> None:
        command = {"type": "board.add_note", "payload": {"text": text}, "client_id": "before"}
        await self.ws.send_str("421" + json.dumps(["command", command]))
        await asyncio.wait_for(self.acked.wait(), 10)

    async def _read(self) -> None:
        while not self.asleep:
            message = await self.ws.receive()
            if message.type != aiohttp.WSMsgType.TEXT:
                return
            if message.data == "2":
                await self.ws.send_str("3")
            elif message.data.startswith("431"):
                self.acked.set()
        # Asleep: nothing is read any more, no ping is answered.

    async def close(self) -> None:
        self.reader.cancel()
        await self.ws.close()
        await self.http.close()


class Screen:
    """A screen through python-socketio, keeping its latest whole view and private view."""

    def __init__(self, url: str, auth: dict[str, Any]) -> None:
        self.url, self.auth = url, auth
        self.sio = socketio.AsyncClient(reconnection=False)
        self.view: dict[str, Any] = {}
        self.private: dict[str, Any] = {}
        self.changed = asyncio.Event()
        self.sio.on("view", self._view)
        self.sio.on("private", self._private)

    async def _view(self, data: dict[str, Any]) -> None:
        await self._take("view", data)

    async def _private(self, data: dict[str, Any]) -> None:
        await self._take("private", data)

    async def _take(self, kind: str, data: dict[str, Any]) -> None:
        if "patch" in data:
            held = getattr(self, kind)
            if not held or held["seq"] != data["base"]:
                await self.sio.emit("resync", kind)
                return
            data = jsonpatch.apply_patch(held, data["patch"])
        setattr(self, kind, data)
        self.changed.set()

    async def connect(self) -> Screen:
        await self.sio.connect(self.url, auth=self.auth, transports=["websocket"])
        return self

    async def until(self, predicate: Any, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not predicate(self):
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), max(0.01, deadline - time.monotonic()))

    async def ok(self, type_: str, payload: dict[str, Any]) -> int:
        answer = await self.sio.call("command", {"type": type_, "payload": payload}, timeout=10)
        assert answer["ok"], answer
        return int(answer["seq"])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run(minutes: float, phones: int, url: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        made = (
            await http.post("/api/sessions", json={"title": "Sommeil", "language": "fr"})
        ).json()
        key = made["facilitator_url"].rsplit("/", 1)[1]
        facilitator = await Screen(url, {"session_id": made["id"], "key": key}).connect()
        await facilitator.until(lambda s: bool(s.view))
        await facilitator.ok(
            "session.add_activity", {"format": "board", "config": {"question": "?"}}
        )

        async def join(name: str) -> str:
            answer = await http.post(f"/api/join/{made['join_code']}", json={"name": name})
            return str(answer.json()["token"])

        awake = await Screen(url, {"token": await join("Éveillée")}).connect()
        tokens = [await join(f"Dormeur {n}") for n in range(phones)]
        sleepers = [Sleeper(url, token) for token in tokens]
        for n, sleeper in enumerate(sleepers):
            await sleeper.open()
            await sleeper.note(f"Avant {n}")
        everyone = phones + 1
        await facilitator.until(lambda s: s.view["session"]["connected_count"] == everyone)
        ids = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
        for sleeper in sleepers:
            sleeper.asleep = True
        started = time.monotonic()
        await facilitator.until(lambda s: s.view["session"]["connected_count"] == 1, timeout=120)
        dropped_after = time.monotonic() - started
        written = 0
        while time.monotonic() - started < minutes * 60:
            await awake.ok("board.add_note", {"text": f"Pendant {written}"})
            written += 1
            await asyncio.sleep(min(30, max(0, minutes * 60 - (time.monotonic() - started))))
        last = await facilitator.ok("step.next", {})
        for sleeper in sleepers:
            await sleeper.close()

        resumed, same, with_missed = [], 0, 0
        woken = []
        for n, token in enumerate(tokens):
            begin = time.monotonic()
            phone = await Screen(url, {"token": token}).connect()
            await phone.until(lambda s: s.view.get("seq", 0) >= last and bool(s.private))
            resumed.append(time.monotonic() - begin)
            same += phone.private["me"]["participant_id"] == ids[f"Dormeur {n}"]
            notes = {note["text"] for note in phone.view["activity"]["view"]["notes"]}
            with_missed += {f"Pendant {k}" for k in range(written)} <= notes
            woken.append(phone)
        await facilitator.until(lambda s: s.view["session"]["connected_count"] == everyone)
        people = facilitator.view["session"]["participants"]
        for screen in (facilitator, awake, *woken):
            await screen.sio.disconnect()
    return {
        "phones": phones,
        "slept_s": round(minutes * 60),
        "dropped_by_server_after_s": round(dropped_after, 1),
        "written_meanwhile": written,
        "resume_p50_s": round(percentile(resumed, 0.5), 3),
        "resume_p95_s": round(percentile(resumed, 0.95), 3),
        "same_participant": f"{same}/{phones}",
        "with_what_it_missed": f"{with_missed}/{phones}",
        "participants_listed": len(people),
        "doubled_presence": len(people) - everyone,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sleep", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--phones", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = BenchServer(Path(folder), core=None)
        server.start()
        try:
            figures = asyncio.run(run(args.minutes, args.phones, f"http://127.0.0.1:{server.port}"))
        finally:
            server.stop()
    for name, value in figures.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
