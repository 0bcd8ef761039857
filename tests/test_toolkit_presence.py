"""Who is here: in the room, remote, or away (still counted)."""

from __future__ import annotations

import httpx

from tests.support import Client, create_session, join


async def test_staff_see_who_is_remote_and_who_is_away(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    here = await join(http, session, "Camille")
    remote = await join(http, session, "Yanis", remote=True)

    def presence(client: Client) -> list[tuple[str, bool, bool]]:
        people = client.view["session"]["participants"]
        return [(p["name"], p["remote"], p["connected"]) for p in people]

    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 2)
    assert presence(facilitator) == [("Camille", False, True), ("Yanis", True, True)]

    await remote.disconnect()
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 1)
    assert presence(facilitator) == [("Camille", False, True), ("Yanis", True, False)]
    assert facilitator.view["session"]["participant_count"] == 2, "away, still counted"

    back = await Client(session.base_url, {"token": remote.token}).connect()  # type: ignore[attr-defined]
    await facilitator.until(lambda c: c.view["session"]["connected_count"] == 2)
    assert presence(facilitator) == [("Camille", False, True), ("Yanis", True, True)]
    for client in (facilitator, here, back):
        await client.disconnect()
