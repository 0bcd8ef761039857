"""Join codes typed in a room that shares one Wi-Fi address: typos slow that address down a
little, never lock the room out; a guesser gets a look-up a second (server/join_codes.py).

Each test runs its own server: what it counts is per address, and every test comes from
127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.support import ServerProcess, create_session


@pytest.fixture
async def own(database: Path) -> AsyncIterator[httpx.AsyncClient]:
    server = ServerProcess(database).start()
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as http:
            yield http
    finally:
        # Look-ups may still be waiting their turn: nothing in this throw-away server to keep.
        server.kill()


def wrong(n: int) -> str:
    return f"ZZZZZ{n:03d}"


async def test_after_many_typos_the_right_code_still_opens_the_session(
    own: httpx.AsyncClient,
) -> None:
    session = await create_session(own, title="Assemblée du réseau")
    # Missed or extra characters cannot match: not counted at all.
    for n in range(40):
        assert (await own.get(f"/api/join/ZZZ{n}")).status_code == 404
    started = time.monotonic()
    statuses = [(await own.get(f"/api/join/{wrong(n)}")).status_code for n in range(30)]
    assert statuses == [404] * 30
    assert time.monotonic() - started < 20, "the first 30 wrong codes are answered at once"

    # The room's 31st typo and the right code, from the same address: slowed, not refused.
    assert (await own.get(f"/api/join/{wrong(30)}")).status_code == 404
    found = await own.get(f"/api/join/{session.join_code}")
    assert found.status_code == 200 and found.json()["title"] == "Assemblée du réseau"
    joined = await own.post(f"/api/join/{session.join_code}", json={"name": "Awa"})
    assert joined.status_code == 201


async def test_a_guesser_past_the_free_failures_gets_one_look_up_a_second(
    own: httpx.AsyncClient,
) -> None:
    for n in range(30):
        await own.get(f"/api/join/{wrong(n)}")
    started = time.monotonic()
    tries = await asyncio.gather(*(own.get(f"/api/join/{wrong(100 + n)}") for n in range(4)))
    assert [t.status_code for t in tries] == [404] * 4, "slowed, not refused"
    assert time.monotonic() - started >= 2.9, "four look-ups take turns a second apart"


async def test_a_flood_from_one_address_is_refused_beyond_what_phones_send(
    own: httpx.AsyncClient,
) -> None:
    for n in range(30):
        await own.get(f"/api/join/{wrong(n)}")
    flood = {asyncio.create_task(own.get(f"/api/join/{wrong(100 + n)}")) for n in range(40)}
    answered: list[httpx.Response] = []
    while not any(r.status_code == 429 for r in answered):
        done, flood = await asyncio.wait(flood, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        assert done, "a flood is refused at once, not made to wait"
        answered += [t.result() for t in done]
    assert {r.status_code for r in answered} <= {404, 429}
    refused = next(r for r in answered if r.status_code == 429)
    assert refused.json()["error"]["code"] == "rate_limited"
    for task in flood:
        task.cancel()


async def test_a_burst_of_guesses_gets_no_more_than_the_free_failures_at_once(
    own: httpx.AsyncClient,
) -> None:
    # Sent together, every look-up would pass the check before the first failure is counted.
    started = asyncio.get_running_loop().time()
    burst = [asyncio.create_task(own.get(f"/api/join/{wrong(n)}")) for n in range(90)]
    # The free ones and the refused ones come at once; up to 30 more wait their turns.
    while sum(1 for task in burst if task.done()) < 90 - 30:
        await asyncio.wait(burst, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    elapsed = asyncio.get_running_loop().time() - started
    statuses = [task.result().status_code for task in burst if task.done()]
    for task in burst:
        task.cancel()
    assert set(statuses) <= {404, 429}
    assert statuses.count(404) <= 30 + int(elapsed) + 1, "beyond 30, one look-up a second"
    assert statuses.count(429) >= 90 - 30 - 30 - int(elapsed) - 1


async def test_a_hall_looking_its_code_up_at_once_from_one_address_is_not_slowed(
    own: httpx.AsyncClient,
) -> None:
    session = await create_session(own, title="Plénière")
    started = time.monotonic()
    found = await asyncio.gather(*(own.get(f"/api/join/{session.join_code}") for _ in range(100)))
    assert [r.status_code for r in found] == [200] * 100
    # Slowed, the last would wait 70 s and more; right codes only wait for each other's look-up.
    assert time.monotonic() - started < 20
