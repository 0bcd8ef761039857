"""The permission map, walked whole: every command type, as every role, in every step.

Over the real server and real Socket.IO, for a session with no activity and for each step of
each format. Who sends: the facilitator; the scribe and the observer, each connected with a key
from `link.create`; the room screen; participants; participants holding each role the format
declares; and the scribe typing for a person without a phone (`on_behalf_of`), who must be judged
as that participant, never as the scribe.

Two oracles, checked against each other and against the server:
- the declared rule (`Rule.allows(roles, step)`) says who may send a command in a step;
- `can` (`activity.can` in each role's view, `private.me.can` on each phone; a person without a
  phone reads like a phone holding no role) says who may send it *now*.

What is checked:
1. What the rule refuses is refused with a permission code (`not_allowed`, `wrong_step`,
   `no_activity`), is in nobody's `can`, and changes nothing: no view moves, and the next
   command written takes the very next seq.
2. Under `step.lock_input`, every format command the rule lets a participant send in the step is
   refused with `input_locked`, is out of their `can`, and changes nothing; the facilitator's and
   the scribe's own format commands (moderation) still pass.
3. What the rule allows and `can` offers is not refused for permission, nor because input is
   closed: `can` offers only what is accepted.
4. What the rule allows but `can` leaves out is refused (with whatever code says why). Some
   commands depend on more than role and step, and `can` is the oracle for them:
   `participant.ready` where the step does not ask for it (`wrong_step`), the timer's commands
   with no timer or in the wrong state (`no_timer`, `timer_paused`, `timer_running`),
   `session.undo` with nothing to undo, `step.next` at the last step, `step.previous` at the
   first, `step.skip` when the next step is not optional, `participant.assign_role` in a format
   without roles (`unknown_role`). Staff views carry no `can` before the first activity: there,
   a command the rule allows may only answer `no_activity`, or a code that is not about
   permission.
A command allowed by rule and `can` may still be refused for what its payload names (the walk
sends each command once per role, and an earlier one may have deleted what a later one names):
`not_found`, `not_yours`, `no_dots_left`… are not about permission.

Typing for someone is checked too: an engine command other than "I'm done" sent `on_behalf_of`
is malformed (`invalid_payload`), and the observer, the room screen and a phone may not type for
anyone (`not_allowed`).

Each step gets its own session (the steps of a format are walked at once: sessions are
independent, and most of a walk is the server's round trips). A command of a format whose
activity is not open is refused before anyone's role is read (`rule_for`): it is sent once per
step, by each sender in turn, and checked against everyone's `can`.

The map itself is checked too (a rule for every command a handler knows, only steps and roles
the format has) and so is the suite: every command type must be sent by some test (like
Datasette's `test_plugin_hooks_have_tests`). Each format brings its payloads in
its folder's `contract.py` (see facilitation/contract.py).
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import itertools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from facilitation.contract import (
    PHONES_PER_ROLE,
    PLAIN_PHONES,
    Ids,
    Payload,
    Phone,
    Scenario,
    Seen,
)
from facilitation.engine import ENGINE_COMMANDS
from facilitation.fields import Int
from facilitation.protocol import Format, Rule
from facilitation.registry import builtin_registry, folder_of
from facilitation.types import Role
from tests.support import Client, Session, create_session, join

REGISTRY = builtin_registry()


def contract_path(fmt: Format) -> Path:
    return folder_of(fmt) / "contract.py"


def load_scenario(fmt: Format) -> Scenario | None:
    """The scenario a format's `contract.py` exports, or None when there is none."""
    if not contract_path(fmt).is_file():
        return None
    package = type(fmt).__module__.rpartition(".")[0]
    found = getattr(importlib.import_module(f"{package}.contract"), "SCENARIO", None)
    return found if isinstance(found, Scenario) else None


SCENARIOS: dict[str, Scenario] = {
    fmt.name: found for fmt in REGISTRY if (found := load_scenario(fmt)) is not None
}
TESTS = Path(__file__).parent
ENGINE_ROLES = frozenset(role.value for role in Role)
PARTICIPANT = Role.PARTICIPANT.value
# What a refusal about who sends what, when, answers.
PERMISSION_CODES = frozenset({"not_allowed", "wrong_step", "no_activity"})
# What a participant's contribution answers while input is closed (or a name is missing).
CLOSED_CODES = frozenset({"input_locked", "time_up", "name_required"})
# The only engine command someone may be judged as sending for a person without a phone.
PROXIED_ENGINE_COMMAND = "participant.ready"


ENGINE_PERMISSIONS: dict[str, Rule] = {t: spec.rule for t, spec in ENGINE_COMMANDS.items()}


def rules(fmt: Format) -> dict[str, Rule]:
    """A format's permission map, as its command declarations give it."""
    return {t: spec.rule for t, spec in fmt.commands.items()}


def all_rules() -> dict[str, Rule]:
    found = dict(ENGINE_PERMISSIONS)
    for fmt in REGISTRY:
        found.update(rules(fmt))
    return found


RULES = all_rules()


def plausible_config(fmt: Format) -> dict[str, Any]:
    """Settings every field of the format accepts, built from the fields it declares."""
    values: dict[str, Any] = {}
    for f in fmt.config_fields:
        if f.kind == "text":
            values[f.key] = "Comment mieux communiquer ?"
        elif f.kind == "lines":
            values[f.key] = ["Outils"]
        elif isinstance(f, Int):
            values[f.key] = f.default if isinstance(f.default, int) else f.minimum
    return values


def settings_for(fmt: Format) -> dict[str, Any]:
    scenario = SCENARIOS.get(fmt.name)
    if scenario is not None and scenario.config is not None:
        return dict(scenario.config)
    return plausible_config(fmt)


FIRST_FORMAT = next(iter(REGISTRY))

# Every engine command, in the order the "let through" walk sends them: what needs the spare
# person before they are removed, the timer started before it is paused, undo after a
# facilitator action, a new activity after everything that must run with none open, and moves
# last (they change the step).
ENGINE_PAYLOADS: dict[str, Payload] = {
    "participant.rename": lambda ids: {"name": "Cam"},
    "participant.ready": lambda ids: {"ready": True},
    "participant.add": lambda ids: {"name": "Josette"},
    "participant.assign_role": lambda ids: {
        "participant_id": ids["spare_participant_id"],
        "role": ids["role"],
        "assigned": True,
    },
    "hands.count": lambda ids: {"item_id": ids["item_id"], "count": 4},
    "screen.spotlight": lambda ids: {"item_id": ids["item_id"]},
    "screen.show": lambda ids: {"mode": "qr"},
    "screen.show_join": lambda ids: {"shown": False},
    "screen.contrast": lambda ids: {"on": True},
    "link.create": lambda ids: {"role": "observer", "label": "Invitée"},
    "link.revoke": lambda ids: {"link_id": ids["spare_link_id"]},
    "participant.remove": lambda ids: {"participant_id": ids["spare_participant_id"]},
    "session.duplicate_activity": lambda ids: {"activity_id": ids["other_activity_id"]},
    "session.rename_activity": lambda ids: {"activity_id": ids["activity_id"], "title": "Bis"},
    "session.set_place": lambda ids: {"place": "Salle des fêtes"},
    "session.move_activity": lambda ids: {"activity_id": ids["other_activity_id"], "position": 0},
    "session.remove_activity": lambda ids: {"activity_id": ids["other_activity_id"]},
    "session.open_activity": lambda ids: {"activity_id": ids["activity_id"]},
    "session.lock_joining": lambda ids: {"locked": False},
    "minutes.summary": lambda ids: {"text": "Une matinée utile."},
    "minutes.edit": lambda ids: {"text": "# Compte-rendu corrigé", "base": "# Compte-rendu"},
    "minutes.share": lambda ids: {"shared": True},
    "step.reveal": lambda ids: {"revealed": True},
    # Unlocking: the walk locks input itself, in its own phase.
    "step.lock_input": lambda ids: {"locked": False},
    "timer.start": lambda ids: {"minutes": 5, "close_input": True},
    "timer.add": lambda ids: {"minutes": 1},
    "timer.pause": lambda ids: {},
    "timer.resume": lambda ids: {},
    "timer.stop": lambda ids: {},
    "session.undo": lambda ids: {},
    "session.add_activity": lambda ids: {
        "format": FIRST_FORMAT.name,
        "title": "Une autre",
        "config": settings_for(FIRST_FORMAT),
        "anonymity": "pseudonym",
    },
    "step.skip": lambda ids: {},
    "step.previous": lambda ids: {},
    "step.next": lambda ids: {},
    # Last: a phone that sends it is forgotten, and out of the session. Sent without a name, it
    # is the phone's own; the facilitator must name someone (`invalid_payload`, not a refusal).
    "participant.forget": lambda ids: {},
}


# -- the screens of one session -----------------------------------------------------------------


@dataclass(frozen=True)
class Sender:
    """One way of sending commands, to be judged as holding `roles`."""

    label: str
    roles: frozenset[str]
    # The first sends what is allowed; refusals take turns among them (a phone may send 60
    # commands a minute, and the walk sends nearly every command type as each sender).
    clients: tuple[Client, ...]
    on_behalf_of: str | None = None


def steady(view: dict[str, Any]) -> dict[str, Any]:
    """A view without what moves by itself: the server's clock and who is connected."""
    view = copy.deepcopy(view)
    view.pop("now", None)
    session = view.get("session") or {}
    session.pop("connected_count", None)
    for person in session.get("participants", []):
        person.pop("connected", None)
    return view


@dataclass
class Screens:
    session: Session
    facilitator: Client
    scribe: Client
    observer: Client
    room: Client
    phones: list[Client]
    names: list[str]
    phone_roles: list[frozenset[str]]
    proxy_id: str
    spare_participant_id: str
    spare_link_id: str
    activity_id: str | None = None
    other_activity_id: str | None = None
    seq: int = 0
    renames: int = 0
    # The phones that asked to be forgotten (`id` of their client).
    forgotten: set[int] = field(default_factory=set)

    @property
    def clients(self) -> dict[str, Client]:
        staff = {
            "facilitator": self.facilitator,
            "scribe": self.scribe,
            "observer": self.observer,
            "room": self.room,
        }
        phones = zip(self.names, self.phones, strict=True)
        # A phone that asked to be forgotten is out of the session: it gets no view any more.
        return {
            **staff,
            **{f"phone {name}": c for name, c in phones if id(c) not in self.forgotten},
        }

    def senders(self, fmt: Format | None) -> list[Sender]:
        plain = tuple(self.phones[: len(PLAIN_PHONES)])
        found = [
            Sender("facilitator", frozenset({Role.FACILITATOR.value}), (self.facilitator,)),
            Sender("scribe", frozenset({Role.SCRIBE.value}), (self.scribe,)),
            Sender("observer", frozenset({Role.OBSERVER.value}), (self.observer,)),
            Sender("room", frozenset({Role.ROOM.value}), (self.room,)),
            Sender("participant", frozenset({PARTICIPANT}), plain),
        ]
        for i, role in enumerate(fmt.roles if fmt is not None else ()):
            start = len(PLAIN_PHONES) + i * PHONES_PER_ROLE
            holders = tuple(self.phones[start : start + PHONES_PER_ROLE])
            found.append(
                Sender(f"participant with role {role}", frozenset({PARTICIPANT, role}), holders)
            )
        found.append(
            Sender(
                "scribe for a person without a phone",
                frozenset({PARTICIPANT}),
                (self.scribe,),
                on_behalf_of=self.proxy_id,
            )
        )
        return found

    def offered(self, sender: Sender, client: Client) -> list[str] | None:
        """`can` as this sender's screen shows it now; None for staff before any activity."""
        if sender.on_behalf_of is not None:
            # Judged as a participant holding no role: phone 0 is one.
            can: list[str] = self.phones[0].private["me"]["can"]
            return can
        if PARTICIPANT in sender.roles:
            can = client.private["me"]["can"]
            return can
        activity = client.view.get("activity")
        return None if activity is None else activity["can"]

    async def send(
        self, sender: Sender, client: Client, command_type: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        extra = {} if sender.on_behalf_of is None else {"on_behalf_of": sender.on_behalf_of}
        answer = await client.send(command_type, payload, **extra)
        if answer.get("ok"):
            self.seq = answer["seq"]
            if command_type == "participant.forget" and PARTICIPANT in sender.roles:
                self.forgotten.add(id(client))
            await self.caught_up()  # the next sender's `can` must be read from this state
        return answer

    async def ok(self, client: Client, command_type: str, payload: dict[str, Any]) -> Any:
        answer = await client.send(command_type, payload)
        assert answer.get("ok"), (command_type, payload, answer)
        self.seq = answer["seq"]
        await self.caught_up()
        return answer

    async def caught_up(self) -> None:
        """Views of a burst of changes may come a moment after the acks."""
        for client in self.clients.values():
            await client.until(lambda c: c.view.get("seq") == self.seq)

    async def settle(self) -> None:
        """Bring every phone's `private` up to date.

        A private view is sent only when it changed, so an unchanged one cannot be waited for.
        Each phone renames itself, which changes its own; a socket delivers in order, so once a
        private view at least that recent has come, none older is still on its way.
        """
        self.renames += 1
        for client, name in zip(self.phones, self.names, strict=True):
            answer = await client.send("participant.rename", {"name": f"{name} {self.renames}"})
            assert answer.get("ok"), answer
            seq = self.seq = answer["seq"]
            await client.until(lambda c, seq=seq: c.private.get("seq", -1) >= seq)
        await self.caught_up()

    def snapshot(self) -> dict[str, Any]:
        return {
            label: (steady(c.view), copy.deepcopy(c.private)) for label, c in self.clients.items()
        }

    async def read_ids(self, fmt: Format | None) -> dict[str, Any]:
        await self.settle()
        ids: dict[str, Any] = {
            "activity_id": self.activity_id or "a1",
            "other_activity_id": self.other_activity_id or "a2",
            "proxy_id": self.proxy_id,
            "spare_participant_id": self.spare_participant_id,
            "spare_link_id": self.spare_link_id,
            "role": fmt.roles[0] if fmt is not None and fmt.roles else "holder",
            "item_id": "n1",  # names nothing real until a scenario says what an item is
        }
        if fmt is not None and self.activity_id is not None:
            seen = Seen(
                activity_id=self.activity_id,
                step=self.facilitator.activity["step"]["key"],
                facilitator=self.facilitator.view,
                phones=[
                    Phone(c.private["me"]["participant_id"], roles, c.private.get("mine", {}))
                    for c, roles in zip(self.phones, self.phone_roles, strict=True)
                ],
            )
            ids.update(SCENARIOS[fmt.name].ids(seen))
        return ids

    async def close(self) -> None:
        for client in self.clients.values():
            await client.disconnect()


def staff_client(session: Session, url: str) -> Client:
    key = url.rsplit("/", 1)[1]
    return Client(session.base_url, {"session_id": session.id, "key": key, "screen": "console"})


async def open_screens(http: httpx.AsyncClient, fmt: Format | None) -> Screens:
    session = await create_session(http, title="Permissions")
    facilitator = await session.facilitator().connect()
    room = await session.facilitator("room").connect()
    links = []
    for role in ("scribe", "observer", "observer"):
        answer = await facilitator.send("link.create", {"role": role, "label": role})
        assert answer["ok"], answer
        links.append(answer["result"])
    scribe = await staff_client(session, links[0]["url"]).connect()
    observer = await staff_client(session, links[1]["url"]).connect()
    names = list(PLAIN_PHONES)
    roles = [frozenset[str]() for _ in PLAIN_PHONES]
    for role in fmt.roles if fmt is not None else ():
        names += [f"{role.capitalize()} {i}" for i in range(1, PHONES_PER_ROLE + 1)]
        roles += [frozenset({role})] * PHONES_PER_ROLE
    phones = [await join(http, session, name) for name in names]
    # People without a phone: one the scribe types for, one the walk removes.
    seq = 0
    for client, name in ((scribe, "Dominique"), (facilitator, "Sam")):
        answer = await client.send("participant.add", {"name": name})
        assert answer["ok"], answer
        seq = answer["seq"]
    await facilitator.until(lambda c: c.view["seq"] == seq)
    people = {p["name"]: p["id"] for p in facilitator.view["session"]["participants"]}
    screens = Screens(
        session,
        facilitator,
        scribe,
        observer,
        room,
        phones,
        names,
        roles,
        proxy_id=people["Dominique"],
        spare_participant_id=people["Sam"],
        spare_link_id=links[2]["link_id"],
        seq=seq,
    )
    await screens.caught_up()
    return screens


async def reach(
    screens: Screens,
    fmt: Format,
    step_index: int,
    anonymity: str | None = None,
    each_step: Callable[[Ids], Awaitable[None]] | None = None,
) -> dict[str, Any]:
    """An activity of this format (at the format's anonymity, or the one given), with its roles
    given and its seed sent, at `step_index`; a spare activity beside it. `each_step`, if given,
    runs at each step once its seed is sent. Returns the ids payloads name."""
    scenario = SCENARIOS[fmt.name]
    facilitator = screens.facilitator
    add: dict[str, Any] = {"format": fmt.name, "title": "", "config": settings_for(fmt)}
    if anonymity is not None:
        add["anonymity"] = anonymity
    await screens.ok(facilitator, "session.add_activity", add)
    screens.activity_id = facilitator.activity["id"]
    await screens.ok(facilitator, "session.add_activity", {**add, "title": "En réserve"})
    screens.other_activity_id = facilitator.view["session"]["activities"][-1]["id"]
    for client, roles in zip(screens.phones, screens.phone_roles, strict=True):
        for role in sorted(roles):
            pid = client.private["me"]["participant_id"]
            payload = {"participant_id": pid, "role": role, "assigned": True}
            await screens.ok(facilitator, "participant.assign_role", payload)
    staff = {"facilitator": facilitator, "scribe": screens.scribe}
    for index, step in enumerate(fmt.steps[: step_index + 1]):
        for seed in scenario.seed:
            if seed.step != step.key:
                continue
            if callable(seed.payload):
                payload = seed.payload(await screens.read_ids(fmt))
            else:
                payload = dict(seed.payload)
            client = screens.phones[seed.by] if isinstance(seed.by, int) else staff[seed.by]
            await screens.ok(client, seed.type, payload)
        if each_step is not None:
            await each_step(await screens.read_ids(fmt))
        if index < step_index:
            await screens.ok(facilitator, "step.next", {})
    assert facilitator.activity["step"]["key"] == fmt.steps[step_index].key
    return await screens.read_ids(fmt)


# -- the walk -----------------------------------------------------------------------------------


@dataclass
class Walk:
    screens: Screens
    fmt: Format | None
    step: str | None
    ids: Ids
    senders: list[Sender] = field(init=False)
    problems: list[str] = field(default_factory=list)
    # (sender, command) pairs sent and judged, for the figure.
    tried: int = 0

    def __post_init__(self) -> None:
        self.senders = self.screens.senders(self.fmt)

    async def send(
        self, sender: Sender, client: Client, command_type: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        self.tried += 1
        return await self.screens.send(sender, client, command_type, payload)

    def in_play(self, command_type: str) -> bool:
        """A format's rule applies only while an activity of that format is open."""
        return command_type in ENGINE_PERMISSIONS or (
            self.fmt is not None and command_type.partition(".")[0] == self.fmt.name
        )

    def payload(self, command_type: str) -> dict[str, Any]:
        if command_type in ENGINE_PAYLOADS:
            return ENGINE_PAYLOADS[command_type](self.ids)
        if self.in_play(command_type):
            assert self.fmt is not None
            return SCENARIOS[self.fmt.name].payloads[command_type](self.ids)
        # A command of a format whose activity is not open is refused before its payload is read.
        return {}

    def problem(self, sender: Sender, command_type: str, text: str) -> None:
        self.problems.append(f"{sender.label} {command_type} at {self.step}: {text}")

    @staticmethod
    def proxied_engine_command(sender: Sender, command_type: str) -> bool:
        """An engine command typed for someone: only "I'm done" may be (the rest is the
        sender's own business), anything else is a malformed command."""
        return (
            sender.on_behalf_of is not None
            and command_type in ENGINE_PERMISSIONS
            and command_type != PROXIED_ENGINE_COMMAND
        )

    async def expect_refusal(
        self,
        sender: Sender,
        client: Client,
        command_type: str,
        codes: frozenset[str],
        check_can: bool = True,
    ) -> None:
        answer = await self.send(sender, client, command_type, self.payload(command_type))
        code = (answer.get("error") or {}).get("code")
        if answer.get("ok") or code not in codes:
            self.problem(sender, command_type, f"expected {sorted(codes)}, got {answer}")
        if check_can:
            self.not_offered(sender, client, command_type)

    def not_offered(self, sender: Sender, client: Client, command_type: str) -> None:
        can = self.screens.offered(sender, client)
        if can is not None and command_type in can:
            self.problem(sender, command_type, "refused by its rule, yet offered in `can`")

    async def nothing_changed(self, before: dict[str, Any], baseline: int, what: str) -> None:
        """No view moved, and the next command written takes the very next seq."""
        after = self.screens.snapshot()
        moved = [label for label in before if before[label] != after[label]]
        if moved:
            self.problems.append(f"{what} at {self.step} changed the views of {moved}")
        probe = self.screens.phones[len(PLAIN_PHONES) - 1]
        answer = await probe.send("participant.rename", {"name": "Yan"})
        if answer != {"ok": True, "seq": baseline + 1}:
            self.problems.append(f"{what} at {self.step} wrote to the log: the next write {answer}")
        self.screens.seq = answer.get("seq", self.screens.seq)
        await self.screens.caught_up()

    async def refused(self) -> None:
        """1. What the rule refuses is refused for permission, offered by nobody, and changes
        nothing."""
        before, baseline = self.screens.snapshot(), self.screens.seq
        for sender in self.senders:
            for client in sender.clients:
                unknown = set(self.screens.offered(sender, client) or ()) - set(RULES)
                if unknown:
                    self.problem(sender, "can", f"offers what no rule names: {sorted(unknown)}")
        turns: dict[str, Iterator[Client]] = {
            s.label: itertools.cycle(s.clients) for s in self.senders
        }
        # A command of a format whose activity is not open is refused before anyone's role is
        # read (`rule_for`): it is sent once per step, by each sender in turn, and checked
        # against everyone's `can`.
        elsewhere = itertools.cycle(self.senders)
        first_step = self.fmt is None or self.step == self.fmt.steps[0].key
        for command_type, rule in sorted(RULES.items()):
            sender_elsewhere = None if self.in_play(command_type) else next(elsewhere)
            for sender in self.senders:
                if self.proxied_engine_command(sender, command_type):
                    # Judged before the step or the activity is looked at: once per session.
                    if first_step:
                        invalid = frozenset({"invalid_payload"})
                        await self.expect_refusal(
                            sender, sender.clients[0], command_type, invalid, False
                        )
                    continue
                if self.in_play(command_type) and rule.allows(sender.roles, self.step):
                    continue
                client = next(turns[sender.label])
                if sender_elsewhere not in (None, sender):
                    self.not_offered(sender, client, command_type)
                    continue
                await self.expect_refusal(sender, client, command_type, PERMISSION_CODES)
        # Typing for a person without a phone is for the facilitator and the scribe only (judged
        # before the command itself is looked at).
        proxied = [PROXIED_ENGINE_COMMAND]
        if self.fmt is not None:
            proxied.append(next(iter(rules(self.fmt))))
        for label, client in (
            ("observer", self.screens.observer),
            ("room", self.screens.room),
            ("participant", self.screens.phones[0]),
        ):
            sender = Sender(
                f"{label} for a person without a phone",
                frozenset(),
                (client,),
                self.screens.proxy_id,
            )
            for command_type in proxied:
                not_allowed = frozenset({"not_allowed"})
                await self.expect_refusal(sender, client, command_type, not_allowed, False)
        await self.nothing_changed(before, baseline, "refused commands")

    async def locked(self) -> None:
        """2. With input locked, participants' format commands are refused, moderation is not."""
        assert self.fmt is not None
        screens = self.screens
        await screens.ok(screens.facilitator, "step.lock_input", {"locked": True})
        await screens.settle()
        before, baseline = screens.snapshot(), screens.seq
        contributors = [s for s in self.senders if PARTICIPANT in s.roles]
        for sender in contributors:
            for command_type, rule in rules(self.fmt).items():
                if rule.allows(sender.roles, self.step):
                    locked = frozenset({"input_locked"})
                    await self.expect_refusal(sender, sender.clients[0], command_type, locked)
        await self.nothing_changed(before, baseline, "contributions under lock")
        moderators = [s for s in self.senders if s.label in ("facilitator", "scribe")]
        for sender in moderators:
            for command_type, rule in rules(self.fmt).items():
                if not rule.allows(sender.roles, self.step):
                    continue
                client = sender.clients[0]
                can = screens.offered(sender, client) or []
                answer = await self.send(sender, client, command_type, self.payload(command_type))
                code = (answer.get("error") or {}).get("code")
                if code in PERMISSION_CODES | CLOSED_CODES or command_type not in can:
                    self.problem(
                        sender, command_type, f"moderation under lock: {answer}, can {can}"
                    )
        await screens.ok(screens.facilitator, "step.lock_input", {"locked": False})
        await screens.settle()

    async def allowed(self) -> None:
        """3 and 4. What the rule allows is accepted exactly when `can` offers it."""
        own = list(SCENARIOS[self.fmt.name].payloads) if self.fmt is not None else []
        for command_type in [*own, *ENGINE_PAYLOADS]:
            rule = RULES[command_type]
            for sender in self.senders:
                if self.proxied_engine_command(sender, command_type):
                    continue
                if not (self.in_play(command_type) and rule.allows(sender.roles, self.step)):
                    continue
                client = sender.clients[0]
                can = self.screens.offered(sender, client)
                payload = self.payload(command_type)
                answer = await self.send(sender, client, command_type, payload)
                code = (answer.get("error") or {}).get("code")
                if can is None:
                    wrong = code in PERMISSION_CODES - {"no_activity"}
                elif command_type in can:
                    wrong = code in PERMISSION_CODES | CLOSED_CODES
                else:
                    wrong = bool(answer.get("ok"))
                if wrong:
                    offered = "no `can`" if can is None else f"offered: {command_type in can}"
                    self.problem(sender, command_type, f"{offered}, answer {answer}")


async def walk_step(
    http: httpx.AsyncClient, fmt: Format | None, step_index: int | None
) -> tuple[int, list[str]]:
    """One session walked at one step (None: with no activity); returns how many (sender,
    command) pairs were tried, and what went wrong."""
    screens = await open_screens(http, fmt)
    try:
        if fmt is None or step_index is None:
            walk = Walk(screens, None, None, await screens.read_ids(None))
        else:
            ids = await reach(screens, fmt, step_index)
            walk = Walk(screens, fmt, fmt.steps[step_index].key, ids)
        await walk.refused()
        if fmt is not None and not walk.problems:
            await walk.locked()
        if not walk.problems:
            await walk.allowed()
        return walk.tried, walk.problems
    finally:
        await screens.close()


@pytest.mark.parametrize("format_name", [None, *(fmt.name for fmt in REGISTRY)])
async def test_each_command_is_refused_or_let_through_as_its_rule_says(
    http: httpx.AsyncClient, format_name: str | None, figure: Any
) -> None:
    """Every step of a format at once, one session each: sessions are independent, and a walk
    spends its time waiting for the server's answers."""
    fmt = None if format_name is None else REGISTRY[format_name]
    if fmt is not None and fmt.name not in SCENARIOS:
        pytest.skip(f"{fmt.name} has no scenario: test_every_format_has_a_scenario_here fails")
    steps = [None] if fmt is None else list(range(len(fmt.steps)))
    outcomes = await asyncio.gather(
        *(walk_step(http, fmt, index) for index in steps), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    walked = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    problems = [problem for _, found in walked for problem in found]
    figure(
        f"nobody acts beyond their role: commands ({format_name or 'no activity'})",
        pairs=sum(tried for tried, _ in walked),
        violations=len(problems),
    )
    assert not problems, "\n".join(problems)


# -- the map itself -----------------------------------------------------------------------------


def test_every_command_is_declared_with_a_handler_and_known_fields() -> None:
    """A command exists only as a declaration (rule, fields, handler): a handled command with
    no rule, or a payload field no declaration names, cannot be written."""
    for fmt in REGISTRY:
        for command_type, spec in fmt.commands.items():
            assert spec.type == command_type and callable(spec.handler), command_type
            keys = [f.key for f in spec.fields]
            assert len(keys) == len(set(keys)), f"{command_type} declares a field twice"
    for command_type, spec in ENGINE_COMMANDS.items():
        assert spec.type == command_type and callable(spec.handler), command_type


def test_every_rule_names_a_known_command_steps_and_roles() -> None:
    for command_type, rule in ENGINE_PERMISSIONS.items():
        assert rule.grants, command_type
        for role, steps in rule.grants:
            assert role in ENGINE_ROLES, (command_type, role)
            assert steps is None, f"{command_type}: engine commands are not tied to a step"
        assert rule.denied <= ENGINE_ROLES, (command_type, rule.denied)
    names = [fmt.name for fmt in REGISTRY]
    assert len(names) == len(set(names))
    for fmt in REGISTRY:
        keys = {s.key for s in fmt.steps}
        assert len(keys) == len(fmt.steps), f"{fmt.name}: two steps share a key"
        for i, step in enumerate(fmt.steps):
            # `step.skip` jumps from the step before an optional step to the one after it.
            assert not step.optional or 0 < i < len(fmt.steps) - 1, (
                f"{fmt.name}: step {step.key} is optional but can never be skipped"
            )
        assert len(set(fmt.roles)) == len(fmt.roles), f"{fmt.name}: a role is declared twice"
        assert not set(fmt.roles) & ENGINE_ROLES, f"{fmt.name}: a format role shadows an engine's"
        for lang in ("fr", "en"):
            untitled = [r for r in fmt.roles if f"role.{r}" not in fmt.messages.get(lang, {})]
            assert not untitled, f"{fmt.name}: no title in {lang} for roles {untitled}"
        known_roles = ENGINE_ROLES | set(fmt.roles)
        for command_type, rule in rules(fmt).items():
            # `rule_for` finds a format's rules by this prefix: any other would never apply.
            assert command_type.partition(".")[0] == fmt.name, command_type
            assert command_type not in ENGINE_PERMISSIONS, command_type
            assert rule.grants, command_type
            for role, steps in rule.grants:
                assert role in known_roles, f"{command_type} grants an unknown role {role!r}"
                unknown = set(steps or ()) - keys
                assert not unknown, f"{command_type} names steps {fmt.name} lacks: {unknown}"
            unknown_denied = rule.denied - known_roles
            assert not unknown_denied, f"{command_type} denies unknown roles {unknown_denied}"


def test_every_format_has_a_contract() -> None:
    """The walk above needs plausible payloads: a new format or command must bring its own."""
    for fmt in REGISTRY:
        path = contract_path(fmt)
        where = path.relative_to(TESTS.parent) if TESTS.parent in path.parents else path
        assert path.is_file(), f"add {where}, exporting SCENARIO (see facilitation/contract.py)"
        scenario = SCENARIOS.get(fmt.name)
        assert scenario is not None, f"{where} must export SCENARIO (a contract Scenario)"
        missing = set(rules(fmt)) - set(scenario.payloads)
        assert not missing, f"{where}: add plausible payloads for {sorted(missing)}"
        stale = set(scenario.payloads) - set(rules(fmt))
        assert not stale, f"{where}: {sorted(stale)} are not commands of {fmt.name}"
        keys = {s.key for s in fmt.steps}
        phones = len(PLAIN_PHONES) + PHONES_PER_ROLE * len(fmt.roles)
        for seed in scenario.seed:
            assert seed.step in keys, f"{where}: a seed names the unknown step {seed.step!r}"
            assert seed.type in rules(fmt) or seed.type in ENGINE_PERMISSIONS, seed
            assert seed.by in ("facilitator", "scribe") or (
                isinstance(seed.by, int) and 0 <= seed.by < phones
            ), f"{where}: a seed is sent by {seed.by!r}: a phone index below {phones}"
    assert set(ENGINE_PAYLOADS) == set(ENGINE_PERMISSIONS)


async def test_the_server_runs_the_formats_walked_here(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/formats")
    assert response.status_code == 200
    assert sorted(f["name"] for f in response.json()) == sorted(fmt.name for fmt in REGISTRY)


# Meta-tests and scenarios name every command without sending it for what it does: they do not
# count.
META_TESTS = {"test_permissions.py", "test_protocol_doc.py"}


def test_every_command_type_is_exercised_by_some_test() -> None:
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*.py"))
        if path.name not in META_TESTS
    )
    untested = [
        command_type
        for command_type in sorted(RULES)
        if f'"{command_type}"' not in text and f"'{command_type}'" not in text
    ]
    assert not untested, f"no test sends {untested}"
