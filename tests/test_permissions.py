"""The permission map, walked whole: every command type, against every role, in every step.

Over the real server and real Socket.IO: what the declared rule refuses must be refused with a
permission code and change nothing; what it allows must not be refused for permission. The map
itself is checked too (a rule for every command, only steps the format has) and so is the suite:
every command type must be exercised by some test (like Datasette's
`test_plugin_hooks_have_tests`).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import facilitation.session
from facilitation.formats import Format, Rule
from facilitation.registry import builtin_registry
from facilitation.session import ENGINE_EVENTS, ENGINE_PERMISSIONS
from facilitation.types import Role
from tests.support import Client, Session, create_session, join

REGISTRY = builtin_registry()
TESTS = Path(__file__).parent
PERMISSION_CODES = {"not_allowed", "wrong_step", "no_activity"}


def all_rules() -> dict[str, Rule]:
    rules = dict(ENGINE_PERMISSIONS)
    for fmt in REGISTRY:
        rules.update(fmt.permissions)
    return rules


def plausible_config(fmt: Format) -> dict[str, Any]:
    """Settings every field of the format accepts, built from the fields it declares."""
    values: dict[str, Any] = {}
    for f in fmt.config_fields:
        if f.type == "text":
            values[f.key] = "Comment mieux communiquer ?"
        elif f.type == "lines":
            values[f.key] = ["Outils"]
        elif f.type == "int":
            values[f.key] = f.default if f.default is not None else f.min
    return values


# -- the screens of one session -----------------------------------------------------------------


@dataclass
class Screens:
    session: Session
    facilitator: Client
    room: Client
    participants: list[Client]
    activity_id: str | None = None
    seq: int = 0

    def of(self, role: Role) -> Client:
        if role is Role.FACILITATOR:
            return self.facilitator
        if role is Role.ROOM:
            return self.room
        return self.participants[0]

    @property
    def all(self) -> list[Client]:
        return [self.facilitator, self.room, *self.participants]

    async def send(self, client: Client, command_type: str, payload: dict[str, Any]) -> Any:
        answer = await client.send(command_type, payload)
        if answer.get("ok"):
            self.seq = answer["seq"]
        return answer

    async def caught_up(self) -> None:
        for client in self.all:
            await client.until(lambda c: c.view.get("seq") == self.seq)

    async def close(self) -> None:
        for client in self.all:
            await client.disconnect()


async def open_screens(http: httpx.AsyncClient) -> Screens:
    session = await create_session(http, title="Permissions")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    participants = [await join(http, session, name) for name in ("Camille", "Yanis")]
    screens = Screens(session, facilitator, room, participants)
    screens.seq = participants[-1].view["seq"]
    await screens.caught_up()  # views of a burst of changes may come a moment after the acks
    return screens


# -- per format: how to get a session going, what a plausible payload is ------------------------

Payload = Callable[["Ids"], dict[str, Any]]


@dataclass
class Ids:
    """What a plausible payload may need to name, read from the screens."""

    activity_id: str
    own_notes: list[str]  # the first participant's notes, oldest first
    other_notes: list[str]  # the second participant's
    group_id: str


@dataclass
class Scenario:
    # Commands that fill the activity in its first step: (participant index, type, payload).
    seed: list[tuple[int, str, dict[str, Any]]]
    payloads: Mapping[str, Payload]
    ids: Callable[[Screens], Ids]


def board_ids(screens: Screens) -> Ids:
    mine = [[n["id"] for n in p.mine["notes"]] for p in screens.participants]
    assert screens.activity_id is not None
    return Ids(screens.activity_id, mine[0], mine[1], "g1")


SCENARIOS: dict[str, Scenario] = {
    "board": Scenario(
        seed=[
            (0, "board.add_note", {"text": "Un calendrier partagé"}),
            (0, "board.add_note", {"text": "Une newsletter commune"}),
            (1, "board.add_note", {"text": "Des petits déjeuners"}),
        ],
        payloads={
            "board.add_note": lambda ids: {"text": "Une idée de plus", "group_id": ids.group_id},
            "board.edit_note": lambda ids: {"note_id": ids.own_notes[0], "text": "Reformulée"},
            "board.delete_note": lambda ids: {"note_id": ids.own_notes[1]},
            "board.add_group": lambda ids: {"title": "Méthode"},
            "board.rename_group": lambda ids: {"group_id": ids.group_id, "title": "Des outils"},
            "board.move_note": lambda ids: {"note_id": ids.own_notes[0], "group_id": ids.group_id},
            "board.merge_notes": lambda ids: {
                "note_id": ids.other_notes[0],
                "into_id": ids.own_notes[0],
            },
            "board.hide_note": lambda ids: {"note_id": ids.own_notes[1], "hidden": True},
            "board.add_vote": lambda ids: {"note_id": ids.own_notes[0]},
            "board.remove_vote": lambda ids: {"note_id": ids.own_notes[0]},
        },
        ids=board_ids,
    ),
}

FIRST_FORMAT = next(iter(REGISTRY))
ENGINE_PAYLOADS: dict[str, Payload] = {
    "session.add_activity": lambda ids: {
        "format": FIRST_FORMAT.name,
        "title": "Une autre",
        "config": plausible_config(FIRST_FORMAT),
    },
    "session.open_activity": lambda ids: {"activity_id": ids.activity_id},
    "participant.rename": lambda ids: {"name": "Cam"},
    "step.next": lambda ids: {},
    "step.previous": lambda ids: {},
}

# Sent last among the allowed ones: they move the activity on.
MOVES = ("step.previous", "step.next")


def plausible_payload(command_type: str, ids: Ids) -> dict[str, Any]:
    if command_type in ENGINE_PAYLOADS:
        return ENGINE_PAYLOADS[command_type](ids)
    return SCENARIOS[command_type.partition(".")[0]].payloads[command_type](ids)


def cases() -> list[Any]:
    """(format, step index): one session each; None: a session with no activity yet."""
    found = [pytest.param(None, None, id="no-activity")]
    for fmt in REGISTRY:
        found += [
            pytest.param(fmt.name, i, id=f"{fmt.name}-{s.key}") for i, s in enumerate(fmt.steps)
        ]
    return found


async def reach(screens: Screens, fmt: Format, step_index: int) -> Ids:
    """A session with an activity of this format, filled in its first step, at `step_index`."""
    answer = await screens.send(
        screens.facilitator,
        "session.add_activity",
        {"format": fmt.name, "title": "", "config": plausible_config(fmt)},
    )
    assert answer["ok"], answer
    await screens.caught_up()
    screens.activity_id = screens.facilitator.view["activity"]["id"]
    scenario = SCENARIOS[fmt.name]
    for index, command_type, payload in scenario.seed:
        answer = await screens.send(screens.participants[index], command_type, payload)
        assert answer["ok"], (command_type, answer)
    for _ in range(step_index):
        answer = await screens.send(screens.facilitator, "step.next", {})
        assert answer["ok"], answer
    await screens.caught_up()
    # The private view follows the view: wait until it shows every note of the seed.
    for i, participant in enumerate(screens.participants):
        expected = sum(1 for who, _, _ in scenario.seed if who == i)

        def holds_the_seed(c: Client, expected: int = expected) -> bool:
            return len(c.private.get("mine", {}).get("notes", [])) == expected

        await participant.until(holds_the_seed)
    assert screens.facilitator.activity["step"]["key"] == fmt.steps[step_index].key
    return scenario.ids(screens)


@pytest.mark.parametrize(("format_name", "step_index"), cases())
async def test_each_command_is_refused_or_let_through_as_its_rule_says(
    http: httpx.AsyncClient, format_name: str | None, step_index: int | None
) -> None:
    screens = await open_screens(http)
    rules = all_rules()
    try:
        step: str | None = None
        ids = Ids("a1", ["n1", "n2"], ["n3"], "g1")  # names nothing real: there is no activity
        if format_name is not None and step_index is not None:
            fmt = REGISTRY[format_name]
            ids = await reach(screens, fmt, step_index)
            step = fmt.steps[step_index].key
        problems: list[str] = []

        def in_play(command_type: str) -> bool:
            """A format's rule applies only while an activity of that format is open."""
            return command_type in ENGINE_PERMISSIONS or (
                step is not None and command_type.partition(".")[0] == format_name
            )

        # Refused: a permission code, and nothing is written.
        baseline = screens.seq
        for command_type, rule in sorted(rules.items()):
            for role in Role:
                if in_play(command_type) and rule.allows(role, step):
                    continue
                client = screens.of(role)
                payload = plausible_payload(command_type, ids)
                answer = await screens.send(client, command_type, payload)
                code = (answer.get("error") or {}).get("code")
                if answer.get("ok") or code not in PERMISSION_CODES:
                    problems.append(
                        f"{role} {command_type} at {step}: expected a refusal, {answer}"
                    )
                elif client.view.get("seq") != baseline:
                    problems.append(f"{role} {command_type} at {step}: a view moved on")
        assert not problems, "\n".join(problems)
        # A probe: the next command written is the very next in the log, so nothing else was.
        probe = await screens.send(screens.participants[1], "participant.rename", {"name": "Yan"})
        assert probe == {"ok": True, "seq": baseline + 1}, probe

        # Let through: whatever the answer, it is not about permission.
        allowed = [
            (command_type, role)
            for command_type, rule in sorted(rules.items(), key=lambda kv: kv[0] in MOVES)
            for role in Role
            if in_play(command_type) and rule.allows(role, step)
        ]
        for command_type, role in allowed:
            answer = await screens.send(
                screens.of(role), command_type, plausible_payload(command_type, ids)
            )
            code = (answer.get("error") or {}).get("code")
            if code in PERMISSION_CODES - {"no_activity"} or (code == "no_activity" and step):
                problems.append(f"{role} {command_type} at {step}: refused, {answer}")
        assert not problems, "\n".join(problems)
    finally:
        await screens.close()


# -- the map itself -----------------------------------------------------------------------------

COMMAND_LIKE = re.compile(r"""["']([a-z][a-z_]*\.[a-z][a-z_]*)["']""")


def handled_types(source: str, prefix: str | None, events: frozenset[str]) -> set[str]:
    """Command types a handler's source names: dotted literals that are not event types."""
    found = set(COMMAND_LIKE.findall(source)) - events
    return {t for t in found if prefix is None or t.startswith(f"{prefix}.")}


def test_every_command_a_handler_knows_has_a_rule() -> None:
    """Deny by default means a handled command with no rule can never be sent: a silent bug."""
    engine = handled_types(
        inspect.getsource(facilitation.session.handle_engine_command), None, ENGINE_EVENTS
    )
    assert engine, "the engine's handler names no command: the scan is broken"
    assert engine <= set(ENGINE_PERMISSIONS), engine - set(ENGINE_PERMISSIONS)
    for fmt in REGISTRY:
        handled = handled_types(inspect.getsource(type(fmt).handle), fmt.name, fmt.events)
        assert handled, f"{fmt.name}: its handler names no command: the scan is broken"
        missing = handled - set(fmt.permissions)
        assert not missing, f"{fmt.name} handles {sorted(missing)} without a rule"


def test_every_rule_names_a_known_command_steps_and_roles() -> None:
    for command_type, rule in ENGINE_PERMISSIONS.items():
        assert rule.grants, command_type
        for role, steps in rule.grants:
            assert isinstance(role, Role), (command_type, role)
            assert steps is None, f"{command_type}: engine commands are not tied to a step"
    names = [fmt.name for fmt in REGISTRY]
    for fmt in REGISTRY:
        keys = {s.key for s in fmt.steps}
        assert len(keys) == len(fmt.steps), f"{fmt.name}: two steps share a key"
        for command_type, rule in fmt.permissions.items():
            # `rule_for` finds a format's rules by this prefix: any other would never apply.
            assert command_type.partition(".")[0] == fmt.name, command_type
            assert command_type not in ENGINE_PERMISSIONS, command_type
            assert rule.grants, command_type
            for role, steps in rule.grants:
                assert isinstance(role, Role), (command_type, role)
                unknown = set(steps or ()) - keys
                assert not unknown, f"{command_type} names steps {fmt.name} lacks: {unknown}"
    assert len(names) == len(set(names))


def test_every_format_has_a_scenario_here() -> None:
    """The walk above needs plausible payloads: a new format or command must bring its own."""
    for fmt in REGISTRY:
        assert fmt.name in SCENARIOS, f"add a Scenario for {fmt.name} to {__file__}"
        missing = set(fmt.permissions) - set(SCENARIOS[fmt.name].payloads)
        assert not missing, f"add plausible payloads for {sorted(missing)}"
    assert set(ENGINE_PERMISSIONS) <= set(ENGINE_PAYLOADS)


async def test_the_server_runs_the_formats_walked_here(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/formats")
    assert response.status_code == 200
    assert sorted(f["name"] for f in response.json()) == sorted(fmt.name for fmt in REGISTRY)


# Meta-tests name every command without sending it for what it does: they do not count.
META_TESTS = {"test_permissions.py", "test_protocol_doc.py"}


def test_every_command_type_is_exercised_by_some_test() -> None:
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*.py"))
        if path.name not in META_TESTS
    )
    untested = [
        command_type
        for command_type in sorted(all_rules())
        if f'"{command_type}"' not in text and f"'{command_type}'" not in text
    ]
    assert not untested, f"no test sends {untested}"
