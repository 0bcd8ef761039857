"""`python -m bench.bare`: the bare python-socketio server the fan-out is compared with.

The least a python-socketio server under the same uvicorn can do to deliver the same frames:
every socket joins one room; when told (`start {rate, size, seconds}`), it emits a `view` of
`size` bytes to the room `rate` times a second, encoded once for the room, as Fabrique's
broadcasts are. Its CPU per delivered frame is the floor our fan-out is measured against.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

import socketio
import uvicorn


def build(deflate: bool) -> socketio.ASGIApp:
    sio = socketio.AsyncServer(async_mode="asgi")

    @sio.event
    async def connect(sid: str, environ: Any, auth: Any = None) -> None:
        await sio.enter_room(sid, "all")
        await sio.emit("view", {"seq": 0}, to=sid)

    @sio.event
    async def start(sid: str, order: dict[str, Any]) -> dict[str, Any]:
        rate, size, seconds = float(order["rate"]), int(order["size"]), float(order["seconds"])
        pad = "x" * max(0, size - 40)
        loop = asyncio.get_running_loop()
        began = loop.time()
        total = int(rate * seconds)
        for i in range(1, total + 1):
            delay = began + i / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            await sio.emit("view", {"base": i - 1, "seq": i, "pad": pad}, room="all")
        return {"ok": True, "seq": total}

    return socketio.ASGIApp(sio)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--deflate", choices=["on", "off"], default="off")
    args = parser.parse_args()
    uvicorn.run(
        build(args.deflate == "on"),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        ws_per_message_deflate=args.deflate == "on",
    )


if __name__ == "__main__":
    main()
