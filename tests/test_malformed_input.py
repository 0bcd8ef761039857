"""Malformed input, over HTTP and Socket.IO, gets its documented error code: texts that are not
valid Unicode, JSON nested deeper than any form sends, values of the wrong kind. Nothing is
written, and the server never answers `server_error` or 500 for what a client sent."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import socketio

from facilitation.engine import ENGINE_COMMANDS
from facilitation.fields import Field, OneOf, parse
from facilitation.registry import builtin_registry
from facilitation.types import Rejected
from tests.support import Client, add_board, caught_up, create_session, join

# A lone surrogate: a string Python holds, but no valid UTF-8 or UTF-16 text; JSON can carry it
# as the escape "\ud800".
SURROGATE = "Atelier \ud800"
# 5000 levels of nesting in 10 KB: JSON any parser accepts, deeper than Python's decoder goes.
NESTED = b"[" * 5000 + b"]" * 5000
HOSTILE_VALUES: list[Any] = [
    SURROGATE,
    "\udfff",
    ["scribe"],
    {"a": 1},
    [[[[[]]]]],
    12,
    2**70,
    -1.5,
    True,
    None,
    "",
    "x" * 10_000,
]


def _json(body: dict[str, Any]) -> bytes:
    """The body as a browser would send it, lone surrogates escaped (httpx cannot encode them)."""
    return json.dumps(body).encode()


async def _http_refused(response: httpx.Response, code: str, field: str | None = None) -> None:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"] and not error["message"].startswith("error.")
    if field is not None:
        assert error["field"] == field, error


async def test_texts_that_are_not_unicode_are_refused_over_http(http: httpx.AsyncClient) -> None:
    for body, field in (
        ({"title": SURROGATE, "language": "fr"}, "title"),
        ({"title": "Atelier", "facilitator_name": SURROGATE, "language": "fr"}, "facilitator_name"),
    ):
        response = await http.post("/api/sessions", content=_json(body))
        await _http_refused(response, "invalid_payload", field)

    session = await create_session(http)
    joined = await http.post(f"/api/join/{session.join_code}", content=_json({"name": SURROGATE}))
    await _http_refused(joined, "invalid_payload", "name")
    saved = await http.post(
        f"/api/sessions/{session.id}/templates",
        content=_json({"title": SURROGATE}),
        headers={"Authorization": f"Bearer {session.key}"},
    )
    await _http_refused(saved, "invalid_payload", "title")
    facilitator = await session.facilitator().connect()
    assert facilitator.view["session"]["participant_count"] == 0, "nobody joined"
    await facilitator.disconnect()


async def test_values_of_the_wrong_kind_are_refused_over_http(http: httpx.AsyncClient) -> None:
    for body, field in (
        ({"title": ["Atelier"], "language": "fr"}, "title"),
        ({"title": "Atelier", "facilitator_name": {"a": 1}, "language": "fr"}, "facilitator_name"),
        ({"title": "Atelier", "language": ["fr"]}, "language"),
        ({"title": "Atelier", "language": "fr", "template": ["builtin-ideas"]}, "template"),
    ):
        await _http_refused(await http.post("/api/sessions", json=body), "invalid_payload", field)
    session = await create_session(http)
    for body, field in (({"name": ["Awa"]}, "name"), ({"name": "Awa", "remote": "oui"}, "remote")):
        joined = await http.post(f"/api/join/{session.join_code}", json=body)
        await _http_refused(joined, "invalid_payload", field)
    for body in (b"[1, 2]", b'"Atelier"', b"null", b"{", b"x" * 20_000):
        await _http_refused(
            await http.post("/api/sessions", content=body), "invalid_payload", "body"
        )


async def test_deeply_nested_json_is_refused_over_http(http: httpx.AsyncClient) -> None:
    session = await create_session(http)
    key = {"Authorization": f"Bearer {session.key}"}
    for path, headers in (
        ("/api/sessions", {}),
        (f"/api/join/{session.join_code}", {}),
        (f"/api/sessions/{session.id}/templates", key),
    ):
        for body in (NESTED, b'{"title": ' * 3000 + b'"x"' + b"}" * 3000):
            response = await http.post(path, content=body, headers=headers)
            await _http_refused(response, "invalid_payload", "body")


async def test_texts_that_are_not_unicode_are_refused_over_the_socket(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, title="Nos idées")
    phone = await join(http, session, "Awa")
    await caught_up(phone.view["seq"], facilitator)
    seq = facilitator.view["seq"]

    async def refused(client: Client, type_: str, payload: Any, **extra: Any) -> None:
        message = {"type": type_, "payload": payload, "client_id": "bad", **extra}
        answer = await client.sio.call("command", message, timeout=10)
        assert answer["ok"] is False, (type_, answer)
        assert answer["error"]["code"] == "invalid_payload", (type_, answer)

    await refused(facilitator, "link.create", {"role": "scribe", "label": SURROGATE})
    await refused(
        facilitator,
        "session.add_activity",
        {"format": "board", "title": SURROGATE, "config": {"question": "Et demain ?"}},
    )
    await refused(
        facilitator, "session.add_activity", {"format": "board", "config": {"question": SURROGATE}}
    )
    await refused(facilitator, "session.rename_activity", {"activity_id": "a1", "title": "\udc00"})
    await refused(facilitator, "participant.add", {"name": SURROGATE})
    await refused(facilitator, "screen.show", {"mode": "qr"}, client_id=SURROGATE)
    await refused(facilitator, "session.lock_joining", {SURROGATE: True})
    await refused(phone, "participant.rename", {"name": SURROGATE})
    await refused(phone, "board.add_note", {"text": SURROGATE})

    # Still working, and nothing was written meanwhile.
    answer = await phone.ok("board.add_note", {"text": "Toujours là"})
    assert answer["seq"] == seq + 1
    for client in (facilitator, phone):
        await client.disconnect()


async def test_a_credential_that_is_not_unicode_is_refused_at_connect(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    for auth in (
        {"token": SURROGATE},
        {"session_id": session.id, "key": SURROGATE},
        {"session_id": SURROGATE, "key": session.key},
    ):
        client = Client(session.base_url, auth)
        reasons: list[Any] = []
        client.sio.on("connect_error", reasons.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.sio.connect(
                session.base_url, auth=auth, transports=["websocket"], wait_timeout=5
            )
        assert reasons == [{"message": "unauthorized"}], auth


async def test_values_of_the_wrong_kind_are_refused_with_invalid_payload(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    for payload in (
        {"role": ["scribe"]},
        {"role": {"scribe": 1}},
        {"role": "scribe", "label": ["Lou"]},
    ):
        answer = await facilitator.send("link.create", payload)
        assert answer["error"]["code"] == "invalid_payload", (payload, answer)
    assert facilitator.view["session"]["links"] == []
    await facilitator.disconnect()


def _declared_fields() -> list[tuple[str, Field]]:
    commands: list[tuple[str, tuple[Field, ...]]] = [
        (type_, spec.fields) for type_, spec in ENGINE_COMMANDS.items()
    ]
    for fmt in builtin_registry():
        commands += [(type_, spec.fields) for type_, spec in fmt.commands.items()]
        commands.append((f"{fmt.name} settings", tuple(fmt.config_fields)))
    return [(type_, f) for type_, fields in commands for f in fields]


DECLARED = _declared_fields()


@pytest.mark.parametrize(("command", "field"), DECLARED, ids=[f"{c}:{f.key}" for c, f in DECLARED])
def test_every_declared_field_refuses_hostile_values(command: str, field: Field) -> None:
    """Every field of every command (and of every format's settings) reads any JSON value:
    it either gives a clean value or refuses with a documented code, never a crash."""
    for value in HOSTILE_VALUES:
        try:
            parsed = parse([field], {field.key: value})
        except Rejected as rejected:
            assert rejected.code in ("invalid_payload", "too_long"), (value, rejected.code)
            continue
        text = repr(parsed)
        assert "\\ud800" not in text and "\\udfff" not in text, (value, parsed)


def test_a_choice_refuses_lists_and_objects_whatever_holds_its_words() -> None:
    """A format may give its words as a set or a mapping: a list or an object sent for the choice
    is refused, not compared (it cannot be looked up in either)."""
    for choices in ({"scribe", "observer"}, {"scribe": 1, "observer": 2}, ("scribe", "observer")):
        field = OneOf("role", choices=choices)
        for value in (["scribe"], {"scribe": 1}, SURROGATE, 3):
            with pytest.raises(Rejected) as refused:
                field.read(value)
            assert refused.value.code == "invalid_payload"
        assert field.read("scribe") == "scribe"
