"""Team links: a co-facilitator, a scribe and an observer each get their own secret link, their
own screen and their own rights; the computer at the projector gets a room screen link; a
revoked link stops working at once."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest
import socketio

from facilitation.engine import ENGINE_COMMANDS
from facilitation.registry import builtin_registry
from tests.support import (
    Client,
    add_board,
    caught_up,
    create_session,
    eventually,
    join,
    open_link,
    record,
)


async def test_each_link_opens_the_console_with_its_own_rights(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    links = {}
    for role in ("co_facilitator", "scribe", "observer"):
        url, client = await open_link(facilitator, session, role, f"Lien {role}")
        links[role] = (url, client)
        assert urlsplit(url).path.startswith("/facilitate/")
        assert url.startswith(session.base_url)

        # The link is exchanged for a cookie, then the console opens.
        response = await http.get(urlsplit(url).path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/s/{session.id}/console"
        cookie = response.cookies.get(f"fabrique_key_{session.id}")
        assert cookie == url.rsplit("/", 1)[1]
        assert "httponly" in response.headers["set-cookie"].lower()
        async with httpx.AsyncClient(
            base_url=session.base_url, cookies={f"fabrique_key_{session.id}": cookie}
        ) as browser:
            console = await browser.get(f"/s/{session.id}/console")
            assert console.status_code == 200
    await facilitator.until(lambda c: len(c.view["session"]["links"]) == 3)
    assert facilitator.view["session"]["links"] == [
        {"id": "l1", "role": "co_facilitator", "label": "Lien co_facilitator"},
        {"id": "l2", "role": "scribe", "label": "Lien scribe"},
        {"id": "l3", "role": "observer", "label": "Lien observer"},
    ]
    co, scribe, observer = (links[r][1] for r in ("co_facilitator", "scribe", "observer"))
    for staff in (co, scribe, observer):
        assert [p["name"] for p in staff.view["session"]["participants"]] == ["Awa"]
        assert "participants" not in phone.view["session"]

    # The co-facilitator has the facilitator's screen and rights, beside the facilitator.
    assert "links" in co.view["session"] and "undo" in co.activity
    answer = await co.ok("step.next")
    await caught_up(answer["seq"], facilitator, co)
    assert facilitator.activity["step"]["key"] == "reveal"
    answer = await facilitator.ok("step.previous")
    await caught_up(answer["seq"], co)
    assert co.activity["step"]["key"] == "write"
    # A second device with the facilitator's own key has the same rights too.
    tablet = await session.facilitator().connect()
    answer = await tablet.ok("screen.show", {"mode": "qr"})
    # The scribe's and the observer's screens are read below: in the step they are in now.
    await caught_up(answer["seq"], facilitator, scribe, observer)
    assert facilitator.view["session"]["display"] == {
        "mode": "qr",
        "join_box": True,
        "contrast": False,
    }

    # The scribe: the facilitator's instructions and the preview, no links, no undo, no steps.
    assert "links" not in scribe.view["session"] and "undo" not in scribe.activity
    assert "preview" in scribe.view
    assert {"participant.add", "hands.count"} <= set(scribe.activity["can"])
    assert "step.next" not in scribe.activity["can"]
    refused = await scribe.send("step.next")
    assert refused["ok"] is False and refused["error"]["code"] == "not_allowed"
    answer = await scribe.ok("participant.add", {"name": "Jo"})
    await caught_up(answer["seq"], facilitator)
    jo = facilitator.view["session"]["participants"][-1]
    assert (jo["name"], jo["proxy"]) == ("Jo", True)

    # The observer follows and sends nothing.
    assert observer.activity["can"] == []
    assert "preview" not in observer.view and "links" not in observer.view["session"]
    for command, payload in (
        ("step.next", {}),
        ("participant.add", {"name": "X"}),
        ("hands.count", {"item_id": "n1", "count": 2}),
        ("board.add_note", {"text": "Observée"}),
        ("screen.show", {"mode": "pause"}),
    ):
        refused = await observer.send(command, payload)
        assert refused["ok"] is False and refused["error"]["code"] == "not_allowed", command
    for client in (facilitator, tablet, phone, co, scribe, observer):
        await client.disconnect()


async def test_a_revoked_link_stops_working_at_once(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    url, scribe = await open_link(facilitator, session, "scribe", "Prise de notes")
    _, kept = await open_link(facilitator, session, "observer", "Reste")
    key = url.rsplit("/", 1)[1]
    revoked = record(scribe, "revoked")
    cookie = (await http.get(urlsplit(url).path)).cookies[f"fabrique_key_{session.id}"]

    answer = await facilitator.ok("link.revoke", {"link_id": "l1"})
    await eventually(lambda: not scribe.sio.connected)
    assert revoked == [{}]
    await caught_up(answer["seq"], facilitator, kept)
    assert kept.sio.connected, "only that link's screens are closed"
    assert [link["id"] for link in facilitator.view["session"]["links"]] == ["l2"]
    again = await facilitator.send("link.revoke", {"link_id": "l1"})
    assert again["error"]["code"] == "not_found"

    assert (await http.get(urlsplit(url).path)).status_code == 403
    async with httpx.AsyncClient(
        base_url=session.base_url, cookies={f"fabrique_key_{session.id}": cookie}
    ) as browser:
        assert (await browser.get(f"/s/{session.id}/console")).status_code == 403
    minutes = await http.get(
        f"/api/sessions/{session.id}/minutes.md", headers={"Authorization": f"Bearer {key}"}
    )
    assert minutes.status_code == 403
    back = Client(session.base_url, {"session_id": session.id, "key": key})
    reasons: list[object] = []
    back.sio.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await back.connect()
    assert reasons == [{"message": "unauthorized"}]
    for client in (facilitator, kept):
        await client.disconnect()


async def test_the_board_gives_no_format_roles(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    assert facilitator.activity["roles"] == []
    assert "participant.assign_role" not in facilitator.activity["can"]
    refused = await facilitator.send(
        "participant.assign_role", {"participant_id": "p1", "role": "holder", "assigned": True}
    )
    assert refused["ok"] is False and refused["error"]["code"] == "unknown_role"
    assert phone.private["me"]["roles"] == []
    for client in (facilitator, phone):
        await client.disconnect()


async def test_a_room_screen_link_shows_the_room_screen_and_nothing_more(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator)
    phone = await join(http, session, "Awa")
    url, room = await open_link(facilitator, session, "room_screen", "Projecteur", screen="room")
    key = url.rsplit("/", 1)[1]
    await facilitator.until(lambda c: len(c.view["session"]["links"]) == 1)
    assert facilitator.view["session"]["links"] == [
        {"id": "l1", "role": "room_screen", "label": "Projecteur"}
    ]

    # Opened on the projector's computer, the link leads to the room screen, with a cookie of
    # its own (opened on the facilitator's laptop to try it, it leaves their key alone).
    response = await http.get(urlsplit(url).path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/s/{session.id}/room"
    assert response.cookies.get(f"fabrique_room_{session.id}") == key
    assert f"fabrique_key_{session.id}" not in response.cookies
    cookies = {f"fabrique_room_{session.id}": key}
    async with httpx.AsyncClient(base_url=session.base_url, cookies=cookies) as projector:
        assert (await projector.get(f"/s/{session.id}/room")).status_code == 200
        assert (await projector.get(f"/s/{session.id}/console")).status_code == 403
    for presented in ({"Authorization": f"Bearer {key}"}, {}):
        minutes = await http.get(f"/api/sessions/{session.id}/minutes.md", headers=presented)
        assert minutes.status_code in (401, 403)

    # Its socket is the room screen's, whatever screen it asks for: the room's view, no
    # people list, no links, no preview, and nothing it may send.
    console = await Client(
        session.base_url, {"session_id": session.id, "key": key, "screen": "console"}
    ).connect()
    for screen in (room, console):
        assert screen.view["role"] == "room"
        assert "participants" not in screen.view["session"] and "preview" not in screen.view
        assert screen.view["session"]["can"] == [] and screen.activity["can"] == []
    baseline = room.view["seq"]
    for command in sorted({*ENGINE_COMMANDS, *builtin_registry()["board"].commands}):
        refused = await room.send(command, {})
        assert refused["ok"] is False and refused["error"]["code"] == "not_allowed", command
    refused = await room.send("board.add_note", {"text": "Du projecteur"}, on_behalf_of="p1")
    assert refused["error"]["code"] == "not_allowed"

    # Nothing it sent was written; it shows what the facilitator puts up.
    answer = await facilitator.ok("screen.show", {"mode": "pause"})
    assert answer["seq"] == baseline + 2, "undo's checkpoint, then the change: nothing between"
    await caught_up(answer["seq"], room, console)
    assert room.view["session"]["display"]["mode"] == "pause"
    for client in (facilitator, room, console, phone):
        await client.disconnect()


async def test_a_revoked_room_screen_link_is_disconnected_and_refused(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    url, room = await open_link(facilitator, session, "room_screen", screen="room")
    key = url.rsplit("/", 1)[1]
    revoked = record(room, "revoked")

    answer = await facilitator.ok("link.revoke", {"link_id": "l1"})
    await eventually(lambda: not room.sio.connected)
    assert revoked == [{}]
    await caught_up(answer["seq"], facilitator)
    assert facilitator.view["session"]["links"] == []

    assert (await http.get(urlsplit(url).path)).status_code == 403
    cookies = {f"fabrique_room_{session.id}": key}
    async with httpx.AsyncClient(base_url=session.base_url, cookies=cookies) as projector:
        refused = await projector.get(f"/s/{session.id}/room")
        assert refused.status_code == 403
        # The page shell, styled, with the words of the page that says what to do next.
        assert re.search(r'<script type="module" src="/[^"]*/refused[-.][^"]*js"', refused.text)
        assert re.search(
            r'<link rel="stylesheet" href="/[^"]*(refused|base)[-.][^"]*css"', refused.text
        )
    back = Client(session.base_url, {"session_id": session.id, "key": key, "screen": "room"})
    reasons: list[object] = []
    back.sio.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await back.connect()
    assert reasons == [{"message": "unauthorized"}]
    await facilitator.disconnect()
