"""Malformed input never crashes or corrupts: payloads Hypothesis makes, on every command of the
engine and of every format the registry holds, on every HTTP route, and as raw Engine.IO /
Socket.IO packets.

A server of its own (its log is read at the end), one session with an activity of each format;
senders: the facilitator, a scribe, phones (one holding each role the format declares). For each
command input, Hypothesis draws the command type, the step the activity is moved to first, the
sender, and a payload built from the command's declared fields, each holding a value of any
kind: wrong types, huge numbers and texts, deep nesting, NUL, lone surrogates, NaN, unknown keys;
or no object at all. Then:

- the server answers (an ack within 10 s), never `server_error`;
- a refused command writes no row (the session's events and dedup rows are counted around it);
- the server logs no error and still answers `/healthz` at the end.

HTTP: every route of `server.routes.ROUTES` with each method, path parameters, query, headers
(a credential or not) and bodies drawn the same way, plus raw bytes: never a 5xx, and a refused
request writes no row.

Raw packets: Engine.IO and Socket.IO packets with any type digit and any tail, on a phone's
socket: the server never fails, and a socket opened afterwards still gets its commands answered.

The CI run keeps a bounded number of examples, the same each run (`derandomize`); a bigger,
random run: `FABRIQUE_HOSTILE_EXAMPLES=3000 .venv/bin/pytest tests/test_hostile_input.py -p
no:randomly`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route

from facilitation.contract import PHONES_PER_ROLE
from facilitation.engine import ENGINE_COMMANDS
from facilitation.fields import Field
from facilitation.protocol import Format
from facilitation.registry import builtin_registry
from server.routes import ROUTES
from tests.raw_socket import RawSocket
from tests.support import ServerProcess
from tests.test_permissions import settings_for

REGISTRY = builtin_registry()
EXAMPLES = int(os.environ.get("FABRIQUE_HOSTILE_EXAMPLES", "0"))
T = TypeVar("T")


def bounded(ci: int) -> Any:
    return settings(
        max_examples=EXAMPLES or ci,
        deadline=None,
        derandomize=not EXAMPLES,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


# -- values of any kind ----------------------------------------------------------------------

# Texts with anything in them: NUL, control characters, lone surrogates.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
SPECIAL: list[Any] = [
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "Atelier \udfff",
    "x" * 20_000,
    2**70,
    -(2**63),
    float("nan"),
    float("inf"),
    -0.0,
    1e308,
    [[[[[[[[[[[[]]]]]]]]]]]],
    {"": None},
    {"$ref": "#"},
    "p1",
    "a1",
    "n1",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    ANY_TEXT,
    st.sampled_from(SPECIAL),
)


def nested(depth: int) -> Any:
    """A value nested `depth` deep (beyond what any form sends)."""
    value: Any = "fond"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


ANY_VALUE = st.one_of(
    st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(ANY_TEXT, inner, max_size=4)
        ),
        max_leaves=12,
    ),
    st.integers(min_value=20, max_value=400).map(nested),
)


def payload_for(fields: tuple[Field, ...]) -> st.SearchStrategy[Any]:
    """An object with the declared keys (each present or not, holding anything), unknown keys
    beside them; or something that is no object."""
    declared = st.fixed_dictionaries({}, optional={f.key: ANY_VALUE for f in fields})
    extra = st.dictionaries(ANY_TEXT, ANY_VALUE, max_size=2)
    whole = st.tuples(declared, extra).map(lambda pair: {**pair[1], **pair[0]})
    return st.one_of(whole, whole, whole, ANY_VALUE)


def dumps(value: Any) -> str:
    """As a client would put it on the wire: lone surrogates escaped, NaN as JSON's
    extensions (which Python's decoder reads)."""
    return json.dumps(value)


# -- a server and its screens, driven from a loop of their own --------------------------------


@dataclass
class Harness:
    """A server, one session, an activity of each format, and the screens that send."""

    server: ServerProcess
    loop: asyncio.AbstractEventLoop
    session_id: str = ""
    key: str = ""
    join_code: str = ""
    facilitator: RawSocket | None = None
    scribe: RawSocket | None = None
    phones: dict[str, RawSocket] = field(default_factory=dict)
    # participant id -> the format role it holds ("" for none)
    roles: dict[str, str] = field(default_factory=dict)
    activities: dict[str, str] = field(default_factory=dict)
    counted: dict[str, int] = field(default_factory=dict)
    # Where the activities stand: (format, step), None when unknown.
    at: tuple[str, int] | None = None
    rows_by_refused: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(60)

    def count(self, what: str) -> None:
        self.counted[what] = self.counted.get(what, 0) + 1

    def rows(self) -> int:
        """Every row of the tables a command or a request may write."""
        with contextlib.closing(sqlite3.connect(self.server.database)) as db:
            return sum(
                db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("events", "commands", "sessions", "credentials", "templates")
            )

    async def command(self, screen: RawSocket, message: str) -> list[Any]:
        ack_id = next(screen._ids)
        await screen.send_raw(f"42{ack_id}" + message)
        return await screen.answer(ack_id)

    async def ok(self, screen: RawSocket, type_: str, payload: dict[str, Any]) -> dict[str, Any]:
        answer = await self.command(screen, dumps(["command", {"type": type_, "payload": payload}]))
        assert answer[0].get("ok"), (type_, payload, answer)
        result: dict[str, Any] = answer[0]
        return result

    async def phone(self, name: str) -> tuple[str, RawSocket]:
        async with httpx.AsyncClient(base_url=self.server.url) as http:
            joined = await http.post(f"/api/join/{self.join_code}", json={"name": name})
        assert joined.status_code == 201, joined.text
        screen = await RawSocket(self.server.url).open({"token": joined.json()["token"]})
        return joined.json()["participant_id"], screen

    async def setup(self) -> None:
        async with httpx.AsyncClient(base_url=self.server.url) as http:
            created = await http.post(
                "/api/sessions", json={"title": "Entrées hostiles", "language": "fr"}
            )
        data = created.json()
        self.session_id, self.join_code = data["id"], data["join_code"]
        self.key = data["facilitator_url"].rsplit("/", 1)[1]
        self.facilitator = await RawSocket(self.server.url).open(
            {"session_id": self.session_id, "key": self.key}
        )
        created_link = await self.ok(self.facilitator, "link.create", {"role": "scribe"})
        scribe_key = created_link["result"]["url"].rsplit("/", 1)[1]
        self.scribe = await RawSocket(self.server.url).open(
            {"session_id": self.session_id, "key": scribe_key}
        )
        for fmt in REGISTRY:
            add = {"format": fmt.name, "title": fmt.name, "config": settings_for(fmt)}
            answer = await self.ok(self.facilitator, "session.add_activity", add)
            self.activities[fmt.name] = f"a{len(self.activities) + 1}"
            assert answer["ok"]
        await self.people()

    async def people(self) -> None:
        """Phones: plain ones, and some for each format role (given in each activity)."""
        for screen in self.phones.values():
            await screen.close()
        self.phones.clear()
        self.roles.clear()
        self.at = None
        assert self.facilitator is not None
        await self.ok(self.facilitator, "session.lock_joining", {"locked": False})
        for i in range(4):
            pid, screen = await self.phone(f"Personne {i}")
            self.phones[pid], self.roles[pid] = screen, ""
        assert self.facilitator is not None
        for fmt in REGISTRY:
            for role in fmt.roles:
                for i in range(PHONES_PER_ROLE):
                    pid, screen = await self.phone(f"{role} {i}")
                    self.phones[pid], self.roles[pid] = screen, role

    async def reach(self, fmt: Format | None, step: int) -> None:
        """The format's activity open, at this step (as far as the facilitator can move it)."""
        facilitator = self.facilitator
        assert facilitator is not None
        if fmt is None:
            self.at = None  # engine commands move anything
            return

        async def send(type_: str, payload: dict[str, Any]) -> bool:
            message = dumps(["command", {"type": type_, "payload": payload}])
            return bool((await self.command(facilitator, message))[0].get("ok"))

        if self.at is None or self.at[0] != fmt.name:
            await send("session.open_activity", {"activity_id": self.activities[fmt.name]})
            for pid, role in self.roles.items():
                if role in fmt.roles:
                    await send(
                        "participant.assign_role",
                        {"participant_id": pid, "role": role, "assigned": True},
                    )
            while await send("step.previous", {}):
                pass
            self.at = (fmt.name, 0)
        while self.at is not None and self.at[1] != step:
            forward = self.at[1] < step
            moved = await send("step.next" if forward else "step.previous", {})
            self.at = (fmt.name, self.at[1] + (1 if forward else -1)) if moved else None

    async def close(self) -> None:
        for screen in (self.facilitator, self.scribe, *self.phones.values()):
            if screen is not None:
                await screen.close()

    def sender(self, index: int) -> RawSocket:
        assert self.facilitator is not None and self.scribe is not None
        screens = [self.facilitator, self.scribe, *self.phones.values()]
        return screens[index % len(screens)]

    async def heal(self) -> None:
        """A fuzzed command may remove, forget or revoke a sender: bring the screens back."""
        if self.facilitator is None or self.facilitator.namespace_closed:
            # A frame over the size limit closes the socket that sent it.
            if self.facilitator is not None:
                await self.facilitator.close()
            self.facilitator = await RawSocket(self.server.url).open(
                {"session_id": self.session_id, "key": self.key}
            )
        gone = [s for s in (self.facilitator, self.scribe, *self.phones.values()) if s is not None]
        if any(s.namespace_closed for s in gone):
            if self.scribe is None or self.scribe.namespace_closed:
                created = await self.ok(self.facilitator, "link.create", {"role": "scribe"})
                key = created["result"]["url"].rsplit("/", 1)[1]
                self.scribe = await RawSocket(self.server.url).open(
                    {"session_id": self.session_id, "key": key}
                )
            await self.ok(self.facilitator, "session.lock_joining", {"locked": False})
            await self.people()

    async def send_hostile(self, sender: int, message: str, what: str) -> None:
        screen = self.sender(sender)
        before = self.rows()
        try:
            answer = await self.command(screen, message)
        except TimeoutError:
            if screen.namespace_closed:
                return  # the server closed this socket: an answer is no longer due
            self.server_errors.append(f"no answer to {what}: {message[:200]}")
            return
        reply = answer[0] if answer else None
        if not isinstance(reply, dict):
            self.server_errors.append(f"{what}: an answer that is no object: {answer}")
            return
        code = "accepted" if reply.get("ok") else (reply.get("error") or {}).get("code")
        self.count(f"answered {code}")
        if not reply.get("ok"):
            if code in (None, "server_error"):
                self.server_errors.append(f"{what}: {reply} for {message[:300]}")
            if self.rows() != before:
                self.rows_by_refused.append(f"{what}: {reply} wrote rows: {message[:300]}")


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    server = ServerProcess(tmp_path_factory.mktemp("hostile") / "fabrique.sqlite3").start()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    found = Harness(server, loop)
    try:
        found.run(found.setup())
        yield found
    finally:
        found.run(found.close())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        server.stop()


def commands_of(fmt: Format | None) -> list[tuple[str, tuple[Field, ...]]]:
    if fmt is None:
        return [(t, spec.fields) for t, spec in sorted(ENGINE_COMMANDS.items())]
    return [(t, spec.fields) for t, spec in sorted(fmt.commands.items())]


def command_inputs(fmt: Format | None) -> st.SearchStrategy[tuple[int, int, str, str]]:
    steps = len(fmt.steps) if fmt is not None else 1

    def message(pair: tuple[str, tuple[Field, ...]]) -> st.SearchStrategy[str]:
        command_type, fields = pair
        # Mostly a plain command, so that the payload is read; now and then hostile envelope
        # fields beside it.
        extras = st.one_of(
            st.just({}),
            st.just({}),
            st.just({}),
            st.fixed_dictionaries(
                {},
                optional={
                    "client_id": ANY_VALUE,
                    "on_behalf_of": ANY_VALUE,
                    "activity_id": ANY_VALUE,
                },
            ),
        )
        envelope = st.tuples(payload_for(fields), extras).map(
            lambda t: {**t[1], "type": command_type, "payload": t[0]}
        )
        return st.one_of(
            envelope.map(lambda m: dumps(["command", m])),
            # Too few or too many arguments, or no object.
            st.tuples(ANY_VALUE, ANY_VALUE).map(lambda t: dumps(["command", *t])),
        )

    chosen = st.sampled_from(commands_of(fmt)).flatmap(
        lambda pair: message(pair).map(lambda m: (pair[0], m))
    )
    return st.tuples(st.integers(0, steps - 1), st.integers(0, 40), chosen).map(
        lambda t: (t[0], t[1], *t[2])
    )


@pytest.mark.parametrize("format_name", [None, *(fmt.name for fmt in REGISTRY)])
def test_hostile_commands_are_answered_and_refused_ones_write_nothing(
    harness: Harness, format_name: str | None, figure: Any
) -> None:
    fmt = None if format_name is None else REGISTRY[format_name]
    errors, written = len(harness.server_errors), len(harness.rows_by_refused)
    sent = 0
    answered = dict(harness.counted)

    @bounded(200)
    @given(command_inputs(fmt))
    def send(drawn: tuple[int, int, str, str]) -> None:
        nonlocal sent
        step, sender, command_type, message = drawn
        harness.run(harness.heal())
        harness.run(harness.reach(fmt, step))
        harness.run(harness.send_hostile(sender, message, command_type))
        sent += 1

    send()
    harness.run(harness.heal())
    figure(
        f"malformed input never crashes or corrupts: commands ({format_name or 'engine'})",
        inputs=sent,
        # How far the inputs went: accepted, or refused as malformed once read.
        **{
            code: harness.counted.get(f"answered {code}", 0) - answered.get(f"answered {code}", 0)
            for code in ("accepted", "invalid_payload")
        },
        server_errors=len(harness.server_errors) - errors,
        rows_by_refused=len(harness.rows_by_refused) - written,
    )
    assert harness.server_errors[errors:] == []
    assert harness.rows_by_refused[written:] == []


def served() -> list[tuple[str, str]]:
    pairs = []
    for route in ROUTES:
        assert isinstance(route, Route)
        for method in sorted((route.methods or {"GET"}) - {"HEAD"}):
            pairs.append((route.path, method))
    return pairs


def path_value(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


BODIES = st.one_of(
    ANY_VALUE.map(lambda v: dumps(v).encode()),
    st.binary(max_size=200),
    st.just(b"[" * 5000 + b"]" * 5000),
    st.just(b'{"title": "' + b"x" * 300_000 + b'"}'),
    st.just(b"\xff\xfe\x00"),
)


@given(
    st.sampled_from(served()),
    st.dictionaries(st.sampled_from(["session_id", "code", "key"]), ANY_TEXT, max_size=3),
    st.booleans(),
    st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=3),
    st.one_of(st.none(), BODIES),
    st.sampled_from(["application/json", "text/plain", "multipart/form-data", ""]),
)
@bounded(500)
def test_hostile_requests_never_get_a_server_error(
    harness: Harness,
    route: tuple[str, str],
    params: dict[str, str],
    credential: bool,
    query: dict[str, str],
    body: bytes | None,
    content_type: str,
) -> None:
    path, method = route
    values = {"session_id": harness.session_id, "code": harness.join_code, "key": harness.key}
    values.update(params)
    url = path.format(**{k: path_value(v) for k, v in values.items()})
    if query:
        url += "?" + "&".join(f"{path_value(k)}={path_value(v)}" for k, v in query.items())
    headers = {"Content-Type": content_type} if content_type else {}
    # The session's key, except to delete it: the other inputs need it whole.
    if credential and method != "DELETE":
        headers["Authorization"] = f"Bearer {harness.key}"
    with httpx.Client(base_url=harness.server.url, timeout=30) as http:
        before = harness.rows()
        response = http.request(method, url, content=body, headers=headers)
    harness.count("requests")
    if response.status_code >= 500:
        harness.server_errors.append(
            f"{method} {url}: {response.status_code} {response.text[:200]}"
        )
    elif response.status_code >= 400 and harness.rows() != before:
        harness.rows_by_refused.append(f"{method} {url}: {response.status_code} wrote rows")


PACKET = st.one_of(
    st.tuples(
        st.sampled_from(
            [
                "",
                "0",
                "1",
                "2",
                "3",
                "4",
                "5",
                "6",
                "40",
                "41",
                "42",
                "43",
                "44",
                "45",
                "46",
                "47",
                "4x",
            ]
        ),
        st.one_of(
            st.text(max_size=60),
            ANY_VALUE.map(dumps),
            st.tuples(st.integers(), ANY_VALUE).map(lambda t: f"{t[0]}{dumps(t[1])}"),
            st.just("[" * 3000 + "]" * 3000),
            st.just('["command",' + '"' + "x" * 200_000 + '"]'),
        ),
    ).map("".join),
)


@pytest.fixture(scope="module")
def packet_token(harness: Harness) -> str:
    """A phone of its own, for the packets: its socket is opened anew for each example."""

    async def joined() -> str:
        async with httpx.AsyncClient(base_url=harness.server.url) as http:
            await harness.heal()
            assert harness.facilitator is not None
            await harness.ok(harness.facilitator, "session.lock_joining", {"locked": False})
            answer = await http.post(f"/api/join/{harness.join_code}", json={"name": "Paquets"})
        assert answer.status_code == 201, answer.text
        token: str = answer.json()["token"]
        return token

    return harness.run(joined())


@given(st.lists(PACKET, min_size=1, max_size=5))
@bounded(200)
def test_malformed_packets_never_fail_the_server(
    harness: Harness, packet_token: str, packets: list[str]
) -> None:
    async def send() -> None:
        screen = await RawSocket(harness.server.url).open({"token": packet_token})
        try:
            for packet in packets:
                if screen.namespace_closed:
                    break
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await screen.send_raw(packet)
                harness.count("packets")
        finally:
            await screen.close()
        # Whatever became of that socket, the server answers the next command it is sent.
        assert harness.facilitator is not None
        probe = dumps(["command", {"type": "x", "payload": {}}])
        try:
            answer = await harness.command(harness.facilitator, probe)
        except TimeoutError:
            harness.server_errors.append(f"no answer after packets {packets}")
            return
        if (answer[0].get("error") or {}).get("code") != "unknown_command":
            harness.server_errors.append(f"after packets {packets}: {answer}")

    harness.run(send())


def test_the_server_stayed_whole(harness: Harness, figure: Any) -> None:
    """After every hostile input above: the server answers, and logged no error."""
    response = httpx.get(f"{harness.server.url}/healthz", timeout=10)
    log = harness.server.log_text()
    logged = [
        line
        for line in log.splitlines()
        if "Traceback" in line or line.startswith("ERROR") or " ERROR " in line
    ]
    figure(
        "malformed input never crashes or corrupts: HTTP and packets",
        requests=harness.counted.get("requests", 0),
        packets=harness.counted.get("packets", 0),
        server_errors=len(harness.server_errors) + len(logged),
        rows_by_refused=len(harness.rows_by_refused),
    )
    assert response.status_code == 200
    assert not logged, "\n".join(logged[:20])
    assert not harness.server_errors, "\n".join(harness.server_errors[:20])
    assert not harness.rows_by_refused, "\n".join(harness.rows_by_refused[:20])
