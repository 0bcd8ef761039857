"""Time-boxes: one server clock for every screen; at zero input may close, by itself."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import httpx

from tests.support import Client, add_board, caught_up, create_session, join, private_caught_up


def seconds_between(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def timer(client: Client) -> dict[str, Any] | None:
    value: dict[str, Any] | None = client.activity["timer"]
    return value


async def test_a_time_box_that_closes_input_at_zero(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    screens = (facilitator, room, phone)

    # Long enough for the commands below to land before zero on a loaded machine.
    answer = await facilitator.ok("timer.start", {"seconds": 3, "close_input": True})
    await caught_up(answer["seq"], *screens)
    for screen in screens:
        running = timer(screen)
        assert running is not None
        assert running["duration"] == 3 and running["close_input"] is True
        assert running["remaining"] is None
        # Counted down from the server's clock, which each view carries.
        assert 2.0 < seconds_between(screen.view["now"], running["ends_at"]) <= 3.0
    assert phone.activity["input"] == {"open": True, "reason": None, "locked": False}
    assert "board.add_note" in phone.private["me"]["can"]
    # Locking and unlocking before zero does not cancel the close planned at zero.
    await facilitator.ok("step.lock_input", {"locked": True})
    assert (await phone.send("board.add_note", {"text": "Pause"}))["error"]["code"] == (
        "input_locked"
    )
    answer = await facilitator.ok("step.lock_input", {"locked": False})
    await caught_up(answer["seq"], phone)
    still = timer(phone)
    assert still is not None and still["close_input"] is True
    answer = await phone.ok("board.add_note", {"text": "Juste à temps"})
    await facilitator.until(lambda c: c.board["note_count"] == 1)
    # Input was closed a moment ago by the lock: once every screen (and the phone's own private
    # view) is past the note, input closed can only be the time-up.
    await caught_up(answer["seq"], *screens)
    await private_caught_up(answer["seq"], phone)

    # Nobody sends anything: the server pushes fresh views when the time is up.
    for screen in screens:
        await screen.until(lambda c: c.activity["input"]["open"] is False, timeout=5)
        assert screen.activity["input"] == {"open": False, "reason": "time_up", "locked": False}
    await phone.until(lambda c: "board.add_note" not in c.private["me"]["can"])
    assert "board.add_note" not in phone.activity["can"]
    assert "board.add_note" not in facilitator.view["preview"]["can"]
    seq = facilitator.view["seq"]
    late = await phone.send("board.add_note", {"text": "Trop tard"})
    assert late["ok"] is False and late["error"]["code"] == "time_up"
    await asyncio.sleep(0.2)
    assert facilitator.view["seq"] == seq, "a refused note writes nothing"
    assert facilitator.board["note_count"] == 1
    assert [n["text"] for n in phone.mine["notes"]] == ["Juste à temps"]

    # The facilitator opens input again: it stays open although the time is up.
    answer = await facilitator.ok("step.lock_input", {"locked": False})
    await caught_up(answer["seq"], *screens)
    assert phone.activity["input"] == {"open": True, "reason": None, "locked": False}
    await phone.until(lambda c: "board.add_note" in c.private["me"]["can"])
    await phone.ok("board.add_note", {"text": "Rattrapage"})
    await facilitator.until(lambda c: c.board["note_count"] == 2)
    for client in screens:
        await client.disconnect()


async def test_a_time_box_is_extended_paused_resumed_and_stopped(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    phone = await join(http, session, "Lou")
    await add_board(facilitator)
    assert "timer.add" not in facilitator.activity["can"], "no timer yet"
    refused = await facilitator.send("timer.add", {"minutes": 1})
    assert refused["error"]["code"] == "no_timer"

    # Without a duration, the step's suggested time-box (write: 5 minutes).
    answer = await facilitator.ok("timer.start", {})
    await caught_up(answer["seq"], facilitator, phone)
    started = timer(phone)
    assert started is not None and started["duration"] == 300
    assert started["close_input"] is False

    answer = await facilitator.ok("timer.add", {"minutes": 1})
    await caught_up(answer["seq"], facilitator, phone)
    extended = timer(phone)
    assert extended is not None and extended["duration"] == 360
    assert seconds_between(started["ends_at"], extended["ends_at"]) == 60

    answer = await facilitator.ok("timer.pause")
    await caught_up(answer["seq"], facilitator, phone)
    paused = timer(phone)
    assert paused is not None and paused["ends_at"] is None
    left = paused["remaining"]
    assert 355 < left <= 360
    assert "timer.resume" in facilitator.activity["can"]
    assert "timer.pause" not in facilitator.activity["can"]
    assert (await facilitator.send("timer.pause"))["error"]["code"] == "timer_paused"
    await asyncio.sleep(0.3)  # paused time does not count

    answer = await facilitator.ok("timer.resume")
    await caught_up(answer["seq"], facilitator, phone)
    resumed = timer(phone)
    assert resumed is not None and resumed["remaining"] is None
    # The end moved by the paused time: what was left is left again from the resume.
    assert seconds_between(extended["ends_at"], resumed["ends_at"]) >= 0.3
    assert abs(seconds_between(phone.view["now"], resumed["ends_at"]) - left) < 0.5
    assert (await facilitator.send("timer.resume"))["error"]["code"] == "timer_running"

    answer = await facilitator.ok("timer.stop")
    await caught_up(answer["seq"], facilitator, phone)
    assert timer(phone) is None and timer(facilitator) is None
    assert "timer.stop" not in facilitator.activity["can"]
    for client in (facilitator, phone):
        await client.disconnect()


async def test_a_time_box_without_close_input_never_closes_input(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    phone = await join(http, session, "Noé")
    await add_board(facilitator)
    answer = await facilitator.ok("timer.start", {"seconds": 1})
    await caught_up(answer["seq"], phone)
    running = timer(phone)
    assert running is not None and running["close_input"] is False
    await asyncio.sleep(seconds_between(phone.view["now"], running["ends_at"]) + 0.3)
    await phone.ok("board.add_note", {"text": "Après la sonnerie"})
    await phone.until(lambda c: len(c.mine["notes"]) == 1)
    assert phone.activity["input"] == {"open": True, "reason": None, "locked": False}
    assert "board.add_note" in phone.private["me"]["can"]
    for client in (facilitator, phone):
        await client.disconnect()
