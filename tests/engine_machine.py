"""A state machine that plays the engine's toolkit around one format, the way the server does.

`EngineMachine` sends every command through `decide` below, which takes the pure steps of
`SessionService.dispatch` in the same order — who acts (the person without a phone a proxy
command is for; an alias in an anonymous activity), `authorise`, the engine's or the format's
`handle`, an `undo.checkpoint` before a facilitator's action — and folds the events with
`apply_event`. The clock is the machine's own: `at` moves on only when `time_passes`, by amounts
Hypothesis chooses, so time-boxes run out between two commands.

People: three phones (p1 and p2 named, p2 remote; p3 without a name) and one person without a
phone (p4); staff add more people without a phone as the machine runs. Names and titles are fresh
tags (`person·7·`), so finding one in a view or in the minutes means exactly that it is there.

Engine rules: step moves, time-boxes (closing input or not), time passing (to the very zero of
a time-box, too), lock and reveal, "I'm done", undo, the agenda (add, duplicate, move, remove,
open, rename), people without a phone, proxy "I'm done", show of hands, spotlight and room
screen, removing and renaming people, and any engine command from anyone with any payload; two
bursts make rare meetings common: a time-box running out while people still try, and an action
by mistake, what the room does meanwhile, then undo.

Checked after every step (invariants), and after each accepted command (`accepted`):

- replaying the log from scratch gives the live state; a refused command changes nothing, and
  its code has words in every language;
- `can` (`allowed_now`) lists only what is accepted, for every role, every phone (its own
  list) and every person without a phone (what staff may enter for them); what is accepted
  yet left out of `can` is only in `GATED`, and is then refused by its handler (see there);
  what `can` offers of `GATED` is accepted;
- undo: right after a facilitator's action, undo gives back the state before it (all of it but
  `seq`); each undo gives back the agenda of its checkpoint; any other change to what undo
  restores (a contribution, a proxy's or a scribe's entry) makes undo unavailable, so undo never
  loses it; "I'm done" leaves undo available, and undo keeps it (unless undo leaves the step it
  answered);
- time-boxes: each timer command leaves the time left (worked out here from the command's `at`)
  where it should: start at its duration, +1 min from now once past zero, pause and resume keep
  it;
- input closed (locked, or the time-box has no time left and closes input — both worked out
  here, not by the engine): no participant's or proxy's format command is accepted; the
  facilitator still may send what the step lets them;
- private views: a phone the events of a command do not concern (`concerns`) sees exactly what
  it saw before (the fan-out does not recompute its private view);
- anonymity: in an anonymous activity no event of a participant's or proxy's format command or
  "I'm done" carries a participant id; no view of the activity (any role, and the phones' own
  `mine`) holds a name or a participant id; anonymous and pseudonym activities name nobody in
  the minutes; "I'm done" holds only ids of people of the activity.

Using it for a format
---------------------
Subclass it, and:

- set `FORMAT` (the format object) and `REGISTRY` (a `Registry` holding at least it);
- implement `activity_config()` (a valid config: the machine adds second activities with it)
  and `item_ids()` (ids of the current activity's items, for spotlight and show of hands; add
  an unknown id or two);
- write an `@initialize` rule that calls `self.start_activity(config, anonymity)` (draw the
  anonymity from `ANONYMITY_LEVELS`), then plays the format into an interesting state with
  `self.send(...)`;
- add the format's rules (`self.send(sender, type, payload)`; senders: `FACILITATOR`,
  `SCRIBE`, `OBSERVER`, `ROOM`, `self.phone(pid)`, and `on_behalf_of=` for people without a
  phone, listed by `self.proxies()`), and its invariants; `self.fresh("note")` gives texts;
- override `contribute_something(pid, on_behalf_of)` (a participant's format command that makes
  sense in the current step: the bursts use it) and `accepted(sent)` to check each accepted
  command the format's way (call super);
- set settings and expose the test:

      AcceleratorMachine.TestCase.settings = settings(
          max_examples=60, stateful_step_count=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow],
      )
      test_accelerator_machine = AcceleratorMachine.TestCase
"""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from exports.minutes import compose_minutes
from facilitation import service
from facilitation.anonymity import phone_alias, proxy_alias
from facilitation.concerns import alias_owners, concerned
from facilitation.engine import ENGINE_COMMANDS, apply_event
from facilitation.forgetting import NAMING, rewritten
from facilitation.messages import ENGINE, LANGUAGES
from facilitation.people import join_event
from facilitation.permissions import allowed_now, authorise
from facilitation.protocol import ANONYMITY_LEVELS, ANONYMOUS, NAMED, Format
from facilitation.registry import Registry
from facilitation.session import Activity, SessionState, Timer, step_key
from facilitation.types import Actor, Event, Rejected, Role
from facilitation.undo import UNDO_DEPTH
from facilitation.views import activity_view, private_views, proxy_private_views, session_view

START = datetime.fromisoformat("2025-03-14T09:30:00.000+00:00")
SESSION_ID = "s1"
# What the server keeps beside the session for the aliases of people without a phone.
SECRET = "alias-secret"

FACILITATOR = Actor(Role.FACILITATOR)
SCRIBE = Actor(Role.SCRIBE)
OBSERVER = Actor(Role.OBSERVER)
ROOM = Actor(Role.ROOM)
STAFF = {"facilitator": FACILITATOR, "scribe": SCRIBE, "observer": OBSERVER, "room": ROOM}
PHONES = ("p1", "p2", "p3")

ENGINE_TYPES = sorted(ENGINE_COMMANDS)
UNKNOWN_TYPES = ["session.close", "", "step", "x" * 65]
NAME = re.compile(r"person·\d+·")

# Accepted by `authorise` yet left out of `can` when their handler would refuse them whatever
# the payload, for a reason of state the screens cannot see otherwise:
# - step.next on the last step, step.previous on the first, step.skip unless the next step is
#   optional and has a step after it;
# - timer.add / timer.stop with no timer, timer.pause when paused, timer.resume when running;
# - session.undo with nothing to undo;
# - participant.ready in a step that does not ask for it;
# - participant.assign_role in a format that gives no roles.
# (With no current activity `can` also leaves out step.*, timer.*, hands.count and
# screen.spotlight, though clearing the spotlight is accepted then: the machine always has one.)
# Refusals that depend on the payload (no dots left, someone else's note, an unknown item,
# removing the current activity) are not `can`'s concern: the command type is offered.
GATED = frozenset(
    {
        "step.next",
        "step.previous",
        "step.skip",
        "timer.add",
        "timer.pause",
        "timer.resume",
        "timer.stop",
        "session.undo",
        "participant.ready",
        "participant.assign_role",
    }
)
# The payload that tries each gated command (when `can` offers it, it must be accepted).
PROBES: Mapping[str, Mapping[str, Any]] = {
    "step.next": {},
    "step.previous": {},
    "step.skip": {},
    "timer.add": {"minutes": 1},
    "timer.pause": {},
    "timer.resume": {},
    "timer.stop": {},
    "session.undo": {},
    "participant.ready": {"ready": True},
}

# Fields each engine command reads, for `anyone_sends_any_engine_command`.
ENGINE_FIELDS: Mapping[str, tuple[str, ...]] = {
    t: tuple(f.key for f in spec.fields) for t, spec in ENGINE_COMMANDS.items()
}
IDS = ["a1", "a2", "a3", "a9", "p1", "p4", "p9", "n1", "g1", "l1", "", "x" * 65]
MESSY = st.sampled_from([None, True, False, "yes", 0, 1, 2, -1, 241, 14401, [], {}, *IDS])
FIELD_VALUES: Mapping[str, st.SearchStrategy[Any]] = {
    "format": st.sampled_from(["board", "nope", None, 3]),
    "anonymity": st.sampled_from([*ANONYMITY_LEVELS, "secret", None]),
    "activity_id": st.sampled_from(["a1", "a2", "a3", "a9", "", None, 1]),
    "position": st.sampled_from([0, 1, 2, 5, -1, "1", True]),
    "minutes": st.sampled_from([1, 2, 0, 61, 241, "1", None]),
    "seconds": st.sampled_from([1, 5, 0, 14401, 2.5]),
    "mode": st.sampled_from(["activity", "qr", "pause", "spotlight", None]),
    "role": st.sampled_from(
        ["holder", "scribe", "observer", "co_facilitator", "room_screen", None]
    ),
    "count": st.sampled_from([0, 1, 3, 10000, 10001, -1, "2", True]),
    "participant_id": st.sampled_from(["p1", "p2", "p3", "p4", "p5", "p9", "", None]),
    "item_id": st.sampled_from(["n1", "n2", "n99", "", None, 7]),
    "link_id": st.sampled_from(["l1", "l2", "l9", None]),
}
SHAPES = st.sampled_from(["plain", "plain", "plain", "extra_key", "not_a_dict"])


def strings(value: Any) -> Iterator[str]:
    """Every string a JSON value holds, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


# -- the server's pure path ---------------------------------------------------------------------


def acting_as(
    state: SessionState,
    sender: Actor,
    command_type: str,
    on_behalf_of: str | None,
    secret: str = SECRET,
) -> Actor:
    """The engine's own `acting_as`, with this machine's alias secret."""
    return service.acting_as(state, sender, command_type, on_behalf_of, secret)


def decide(
    state: SessionState,
    registry: Registry,
    sender: Actor,
    command_type: Any,
    payload: Any,
    at: str,
    activity_id: Any = None,
    on_behalf_of: Any = None,
) -> tuple[Actor, list[Event]]:
    """The engine's own `decide` (what `SessionService.dispatch` persists), with this machine's
    alias secret: the machine decides exactly as the server does."""
    return service.decide(
        state,
        registry,
        sender,
        command_type,
        payload,
        at,
        activity_id,
        on_behalf_of,
        alias_secret=SECRET,
    )


def input_closed(activity: Activity, at: str) -> str:
    """Why input is closed, worked out here from the lock and the timer (not with the engine's
    own arithmetic): locked, or a time-box that closes input has no time left."""
    if activity.locked:
        return "locked"
    timer = activity.timer
    if timer is None or not timer.close_input:
        return ""
    return "time up" if time_left(timer, datetime.fromisoformat(at)) <= 0 else ""


def time_left(timer: Timer, at: datetime) -> float:
    if timer.remaining is not None:
        return timer.remaining
    assert timer.ends_at is not None
    return (datetime.fromisoformat(timer.ends_at) - at).total_seconds()


def restored_by_undo(state: SessionState) -> tuple[Any, ...]:
    """What an undo point keeps and gives back ("I'm done" apart: undo keeps the signals given
    in a step it does not leave, so they do not make undo unavailable)."""
    return (
        tuple(replace(a, ready=frozenset()) for a in state.activities),
        state.current_activity_id,
        state.activities_created,
        state.display,
        state.joining_locked,
    )


@dataclass(frozen=True)
class Sent:
    """One accepted command, for the checks that follow it."""

    before: SessionState
    sender: Actor
    acting: Actor
    type: str
    payload: Any
    on_behalf_of: str | None
    events: list[Event]
    at: str


# -- the machine --------------------------------------------------------------------------------


class EngineMachine(RuleBasedStateMachine):
    FORMAT: ClassVar[Format]
    REGISTRY: ClassVar[Registry]

    def __init__(self) -> None:
        super().__init__()
        self.counter = 0
        self.now = START
        self._at = (START, START.isoformat(timespec="milliseconds"))
        self.log: list[Event] = []
        self.state = SessionState(id=SESSION_ID)
        self.rejected_codes: set[str] = set()
        # Every name the people forgotten ever had (facilitation/forgetting.py).
        self.forgotten_names: set[str] = set()
        self._checked: dict[str, tuple[int, str]] = {}
        # The agenda each undo point should give back, as this machine saw it.
        self.undo_model: list[tuple[tuple[Any, ...], tuple[Activity, ...]]] = []
        # The seed each phone's token gives (see anonymity.seed_from_token).
        self.seeds = {pid: f"seed-{pid}" for pid in PHONES}
        self.record(
            Event(
                "session.created",
                {
                    "title": "Atelier",
                    "facilitator_name": "Stéphanie",
                    "language": "fr",
                    "join_code": "K7QM3XD9",
                },
                actor_id="facilitator",
                at=self.at,
            )
        )
        for name, remote in ((self.fresh("person"), False), (self.fresh("person"), True)):
            self.join(name, remote)
        self.join("", False)
        self.send(FACILITATOR, "participant.add", {"name": self.fresh("person")})

    # -- overridden by each format's machine ------------------------------------------------

    def activity_config(self) -> dict[str, Any]:
        raise NotImplementedError

    def item_ids(self) -> list[str]:
        raise NotImplementedError

    def accepted(self, sent: Sent) -> None:
        """Checks after each accepted command; formats extend it."""
        self.check_input_was_open(sent)
        self.check_no_participant_id_in_anonymous_events(sent)
        self.check_undo(sent)
        self.check_timer(sent)
        self.check_only_concerned_private_views_change(sent)

    def check_only_concerned_private_views_change(self, sent: Sent) -> None:
        """The fan-out recomputes the private views of the people the events concern only
        (facilitation/concerns.py): every other phone's must be exactly what it was."""
        ids = concerned(self.state, self.REGISTRY, sent.events)
        if ids is None:
            return
        owners = alias_owners(self.state, self.seeds)
        people = {owners.get(i, i) for i in ids}
        others = [pid for pid in self.present_phones() if pid not in people]
        before = private_views(sent.before, self.REGISTRY, others, self.seeds, sent.at)
        after = private_views(self.state, self.REGISTRY, others, self.seeds, sent.at)
        for pid in others:
            assert before[pid]["me"] == after[pid]["me"], (sent.type, pid)
            assert before[pid]["mine"] == after[pid]["mine"], (sent.type, pid)

    # -- the path every command takes --------------------------------------------------------

    @property
    def at(self) -> str:
        """The time stamped on commands now (the service's `utcnow` format)."""
        if self._at[0] != self.now:
            self._at = (self.now, self.now.isoformat(timespec="milliseconds"))
        return self._at[1]

    def fresh(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}·{self.counter}·"

    def checked(self, check: str) -> bool:
        """Whether this check already passed on this state at this time: everything it reads is
        pure, so it need not run again (most refused commands change nothing)."""
        now = (self.state.seq, self.at)
        if self._checked.get(check) == now:
            return True
        self._checked[check] = now
        return False

    def record(self, event: Event) -> None:
        self.state = apply_event(self.state, event, self.REGISTRY, self.state.seq + 1)
        self.log.append(event)

    def join(self, name: str, remote: bool) -> None:
        joined = join_event(self.state, name, remote)
        self.record(Event(joined.type, joined.data(), actor_id=joined.participant_id, at=self.at))

    def start_activity(self, config: Mapping[str, Any], anonymity: str) -> None:
        """The first activity, added and opened before the machine plays (no undo point: the
        machine always has a current activity)."""
        data = {
            "activity_id": "a1",
            "format": self.FORMAT.name,
            "title": self.fresh("title"),
            "config": dict(config),
            "anonymity": anonymity,
            "after": None,
        }
        self.record(Event("activity.added", data, actor_id="facilitator", at=self.at))
        opened = Event("activity.opened", {"activity_id": "a1"}, actor_id="facilitator", at=self.at)
        self.record(opened)

    def phone(self, pid: str) -> Actor:
        return Actor(Role.PARTICIPANT, pid, alias_seed=self.seeds[pid])

    def proxies(self) -> list[str]:
        """People without a phone who are still here."""
        return [p.id for p in self.state.participants.values() if p.proxy and not p.removed]

    def present_phones(self) -> list[str]:
        return [pid for pid in PHONES if not self.state.participants[pid].removed]

    def private_views(self) -> dict[str, dict[str, Any]]:
        """What each phone shows its owner, and what staff see for each person without one."""
        views = private_views(self.state, self.REGISTRY, self.present_phones(), self.seeds, self.at)
        views.update(proxy_private_views(self.state, self.REGISTRY, SECRET, self.at))
        return views

    def acting_id(self, pid: str, activity: Activity) -> str:
        """The id a person acts under in an activity: an alias when it is anonymous."""
        if activity.anonymity != ANONYMOUS:
            return pid
        if self.state.participants[pid].proxy:
            return proxy_alias(SECRET, pid, activity.id)
        return phone_alias(self.seeds[pid], SESSION_ID, activity.id)

    def person_of(self, activity: Activity) -> dict[str, str]:
        """Acting id -> participant id, for everyone, in one activity."""
        return {self.acting_id(pid, activity): pid for pid in self.state.participants}

    def send(
        self,
        sender: Actor,
        command_type: Any,
        payload: Any,
        activity_id: Any = None,
        on_behalf_of: Any = None,
    ) -> list[Event] | None:
        """Decide and apply one command as the server would; None when it is refused.
        `activity_id="current"` names the current activity, whichever it is then."""
        if activity_id == "current":
            activity_id = self.state.current_activity_id
        if (
            sender.role is Role.PARTICIPANT
            and self.state.participants[sender.participant_id or ""].removed
        ):
            # Their socket is closed and their token revoked; a command already on its way is
            # refused all the same.
            try:
                decide(self.state, self.REGISTRY, sender, command_type, payload, self.at)
            except Rejected as rejected:
                assert rejected.code == "revoked", rejected.code
                return None
            raise AssertionError(f"{command_type} from a removed participant was accepted")
        before = self.state
        frozen = pickle.dumps(before)
        payload_before = pickle.dumps(payload)
        try:
            acting, events = decide(
                before,
                self.REGISTRY,
                sender,
                command_type,
                payload,
                self.at,
                activity_id,
                on_behalf_of,
            )
        except Rejected as rejected:
            assert pickle.dumps(self.state) == frozen, f"refusing {command_type} changed the state"
            assert pickle.dumps(payload) == payload_before, f"refusing {command_type} changed it"
            self.rejected_codes.add(rejected.code)
            return None
        assert pickle.dumps(self.state) == frozen, f"deciding {command_type} changed the state"
        for event in events:
            self.record(event)
        self.accepted(
            Sent(before, sender, acting, command_type, payload, on_behalf_of, events, self.at)
        )
        return events

    def may(self, sender: Actor, command_type: str, on_behalf_of: str | None = None) -> bool:
        """Whether the command gets past who-acts and `authorise` now."""
        try:
            acting = acting_as(self.state, sender, command_type, on_behalf_of)
            authorise(self.state, self.REGISTRY, acting, command_type, self.at)
        except Rejected:
            return False
        return True

    def tried(
        self,
        sender: Actor,
        command_type: str,
        payload: Mapping[str, Any],
        on_behalf_of: str | None = None,
    ) -> bool:
        """Whether the command would be accepted now (nothing is applied)."""
        try:
            decide(
                self.state,
                self.REGISTRY,
                sender,
                command_type,
                payload,
                self.at,
                on_behalf_of=on_behalf_of,
            )
        except Rejected:
            return False
        return True

    # -- checks after each accepted command -------------------------------------------------

    def is_participant_input(self, sent: Sent) -> bool:
        return sent.acting.role is Role.PARTICIPANT and sent.type not in ENGINE_COMMANDS

    def check_input_was_open(self, sent: Sent) -> None:
        if not self.is_participant_input(sent):
            return
        activity = sent.before.current
        assert activity is not None
        closed = input_closed(activity, sent.at)
        assert not closed, f"{sent.type} by {sent.acting.participant_id} accepted: {closed}"
        person = sent.before.participants[sent.acting.participant_id or ""]
        if activity.anonymity == NAMED and not person.proxy:
            assert person.name, f"{sent.type} by a nameless person in a named activity"

    def check_no_participant_id_in_anonymous_events(self, sent: Sent) -> None:
        pid = sent.acting.participant_id
        if pid is None or sent.acting.role is not Role.PARTICIPANT:
            return
        if not (self.is_participant_input(sent) or sent.type == "participant.ready"):
            return
        activity = sent.before.current
        assert activity is not None
        if activity.anonymity != ANONYMOUS:
            return
        everyone = set(sent.before.participants)
        for event in sent.events:
            assert event.actor_id not in everyone, f"{event.type} names its actor {pid}"
            found = everyone & set(strings(dict(event.data)))
            assert not found, f"{event.type} of an anonymous activity holds {found}"

    def check_timer(self, sent: Sent) -> None:
        """The time-box counts down from `at`, by the clock of the commands only: each action
        leaves the time left (worked out here) where it should."""
        if not sent.type.startswith("timer.") or not sent.events:
            return
        before, after = sent.before.current, self.state.current
        assert before is not None and after is not None
        at = datetime.fromisoformat(sent.at)
        timer, p = after.timer, sent.payload
        if sent.type == "timer.stop":
            assert timer is None
            return
        assert timer is not None
        left = time_left(timer, at)
        if sent.type == "timer.start":
            step = self.REGISTRY[before.format].steps[before.step_index]
            seconds = p.get("seconds", 60 * p.get("minutes", step.minutes or 5))
            assert (timer.duration, left) == (seconds, seconds), (sent.payload, timer)
            assert timer.close_input == p.get("close_input", False), ("close_input", timer)
            return
        assert before.timer is not None
        was = time_left(before.timer, at)
        assert timer.close_input == before.timer.close_input, (sent.type, "close_input")
        if sent.type == "timer.add":
            added = 60 * p.get("minutes", 1)
            assert left == max(was, 0) + added, (was, left)
            assert timer.duration == before.timer.duration + added
        else:  # pause, resume: the time left stays
            assert (timer.remaining is None) == (sent.type == "timer.resume"), sent.type
            assert abs(left - max(was, 0)) < 0.002, (sent.type, was, left)

    def check_undo(self, sent: Sent) -> None:
        checkpointed = bool(sent.events) and sent.events[0].type == "undo.checkpoint"
        if checkpointed:
            # Right after the action, undo gives back the state before it.
            _, undo = decide(self.state, self.REGISTRY, FACILITATOR, "session.undo", {}, sent.at)
            undone = self.state
            for event in undo:
                undone = apply_event(undone, event, self.REGISTRY, undone.seq + 1)
            # Undo takes back what was done, not the time: the log's last moment and the start of
            # the session stay as they are (the minutes' times).
            expected = replace(
                sent.before,
                seq=undone.seq,
                last_at=undone.last_at,
                started_at=undone.started_at,
            )
            if len(sent.before.undo) == UNDO_DEPTH:  # the oldest point fell off
                expected = replace(expected, undo=sent.before.undo[1:])
            assert undone == expected, f"undoing {sent.type} does not give back the state"
            self.undo_model.append((restored_by_undo(sent.before), sent.before.activities))
            del self.undo_model[:-UNDO_DEPTH]
        elif sent.type == "session.undo":
            restored, kept = self.undo_model.pop()
            assert restored_by_undo(self.state) == restored, "undo went elsewhere"
            for activity in self.state.activities:
                live = sent.before.activity(activity.id)
                if live is None or live.step_index != activity.step_index:
                    live = next(a for a in kept if a.id == activity.id)
                assert activity.ready == live.ready, f"undo lost 'I'm done' in {activity.id}"
        elif self.state.undo:
            # Anything else that undo would overwrite must make undo unavailable.
            changed = restored_by_undo(sent.before) != restored_by_undo(self.state)
            assert not changed, f"{sent.type} changed what undo restores, and undo stays"
        if self.is_participant_input(sent) and sent.events:
            assert not self.state.undo, f"{sent.type} by a participant leaves undo available"
        if not self.state.undo:
            self.undo_model.clear()
        assert len(self.undo_model) == len(self.state.undo), "undo points came or went"

    # -- engine rules -----------------------------------------------------------------------

    @rule(move=st.sampled_from(["next", "next", "previous", "skip"]))
    def facilitator_moves_the_step(self, move: str) -> None:
        """Forward mostly; a skip when the next step is optional, else sometimes a refused one."""
        activity = self.state.current
        if move == "next" and activity is not None:
            steps = self.REGISTRY[activity.format].steps
            following = steps[activity.step_index + 1 : activity.step_index + 2]
            if following and following[0].optional:
                move = "skip"
        self.send(FACILITATOR, f"step.{move}", {})

    @rule(
        action=st.sampled_from(
            ["start", "start_closing", "start_closing", "add", "pause_or_resume", "stop"]
        ),
        duration=st.sampled_from([{"seconds": 5}, {"seconds": 30}, {"seconds": 90}, {}]),
    )
    def facilitator_runs_the_timer(self, action: str, duration: dict[str, Any]) -> None:
        if action.startswith("start"):
            payload = {**duration, "close_input": action == "start_closing"}
            self.send(FACILITATOR, "timer.start", payload)
        elif action == "pause_or_resume":
            timer = self.state.current.timer if self.state.current else None
            paused = timer is not None and timer.remaining is not None
            self.send(FACILITATOR, "timer.resume" if paused else "timer.pause", {})
        else:
            self.send(FACILITATOR, f"timer.{action}", {"minutes": 1} if action == "add" else {})

    @rule(seconds=st.sampled_from([1, 5, 29, 31, 61, 300, "to zero", "to zero", "past zero"]))
    def time_passes(self, seconds: int | str) -> None:
        """Time moves on: by some seconds, or to the running time-box's zero (the very moment
        input closes), or a little past it."""
        if isinstance(seconds, int):
            self.now += timedelta(seconds=seconds)
            return
        timer = self.state.current.timer if self.state.current else None
        if timer is not None and timer.ends_at is not None:
            zero = datetime.fromisoformat(timer.ends_at)
            self.now = max(self.now, zero + timedelta(seconds=0 if seconds == "to zero" else 7))

    @rule(
        seconds=st.sampled_from([5, 30]),
        late=st.sampled_from([0, 0, 1, 7]),
        who=st.lists(st.sampled_from([*PHONES, "proxy"]), min_size=1, max_size=2),
        then=st.sampled_from(["timer.add", "timer.add", "timer.pause", "unlock", "wait"]),
    )
    def the_time_box_runs_out(self, seconds: int, late: int, who: list[str], then: str) -> None:
        """A time-box that closes input, time up (at zero or a little later), people still
        trying, then the facilitator gives more time, pauses, opens input again or waits."""
        self.send(FACILITATOR, "timer.start", {"seconds": seconds, "close_input": True})
        self.now += timedelta(seconds=seconds + late)
        for _ in range(2):
            for person in who:
                pid = next(iter(self.proxies()), None) if person == "proxy" else person
                if pid is not None:
                    self.contribute_something(pid, pid if person == "proxy" else None)
            if then == "unlock":
                self.send(FACILITATOR, "step.lock_input", {"locked": False})
            elif then.startswith("timer."):
                self.send(FACILITATOR, then, {"minutes": 1} if then == "timer.add" else {})
            self.now += timedelta(seconds=1)

    @rule(what=st.sampled_from(["lock", "unlock", "reveal", "unreveal"]))
    def facilitator_locks_or_reveals(self, what: str) -> None:
        if what in ("lock", "unlock"):
            self.send(FACILITATOR, "step.lock_input", {"locked": what == "lock"})
        else:
            self.send(FACILITATOR, "step.reveal", {"revealed": what == "reveal"})

    @rule(
        who=st.sampled_from([*PHONES, "proxy", "proxy"]),
        by=st.sampled_from([FACILITATOR, SCRIBE]),
        ready=st.booleans(),
        stale=st.sampled_from([None, None, "current", "a1", "a2"]),
    )
    def someone_is_done(self, who: str, by: Actor, ready: bool, stale: str | None) -> None:
        if who == "proxy":
            for pid in self.proxies()[:1]:
                self.send(by, "participant.ready", {"ready": ready}, stale, on_behalf_of=pid)
        else:
            self.send(self.phone(who), "participant.ready", {"ready": ready}, stale)

    @rule()
    def facilitator_undoes(self) -> None:
        self.send(FACILITATOR, "session.undo", {})

    @rule(
        action=st.sampled_from(
            [
                "step.lock_input",
                "step.reveal",
                "timer.start",
                "screen.show",
                "screen.show_join",
                "screen.contrast",
                "screen.spotlight",
                "hands.count",
                "step.next",
            ]
        ),
        meanwhile=st.lists(
            st.tuples(
                st.sampled_from(["ready", "ready", "unready", "rename", "add", "hands", "input"]),
                st.sampled_from([*PHONES, "proxy"]),
            ),
            max_size=3,
        ),
        undo=st.sampled_from([True, True, False]),
    )
    def facilitator_acts_then_undoes(
        self, action: str, meanwhile: list[tuple[str, str]], undo: bool
    ) -> None:
        """An action by mistake, what the room does meanwhile, then undo: the burst lets them
        meet closely, as they do when the facilitator notices a second late."""
        activity = self.state.current
        item = next(iter(self.item_ids()), None)
        payload: dict[str, Any] = {
            "screen.spotlight": {"item_id": item},
            "hands.count": {"item_id": item, "count": 3},
            "step.lock_input": {"locked": not (activity and activity.locked)},
            "step.reveal": {"revealed": not (activity and activity.revealed)},
            "timer.start": {"seconds": 30, "close_input": True},
            "screen.show": {"mode": "qr" if self.state.display.mode != "qr" else "pause"},
            "screen.show_join": {"shown": not self.state.display.join_box},
            "screen.contrast": {"on": not self.state.display.contrast},
            "step.next": {},
        }[action]
        self.send(FACILITATOR, action, payload)
        for what, who in meanwhile:
            pid = next(iter(self.proxies()), None) if who == "proxy" else who
            if pid is None:
                continue
            proxy = pid if who == "proxy" else None
            sender = FACILITATOR if proxy else self.phone(pid)
            if what in ("ready", "unready"):
                ready = {"ready": what == "ready"}
                self.send(sender, "participant.ready", ready, on_behalf_of=proxy)
            elif what == "rename" and not proxy:
                self.send(sender, "participant.rename", {"name": self.fresh("person")})
            elif what == "add":
                self.send(SCRIBE, "participant.add", {"name": self.fresh("person")})
            elif what == "hands":
                for item in self.item_ids()[:1]:
                    self.send(SCRIBE, "hands.count", {"item_id": item, "count": 2})
            elif what == "input":
                self.contribute_something(pid, proxy)
        if undo:
            self.send(FACILITATOR, "session.undo", {})

    def contribute_something(self, pid: str, on_behalf_of: str | None) -> None:
        """A participant's format command that makes sense now (for undo bursts); formats
        override it."""

    @rule(
        op=st.sampled_from(["add", "add", "duplicate", "move", "remove", "open", "open", "rename"]),
        pick=st.integers(0, 3),
        position=st.integers(0, 3),
        anonymity=st.sampled_from(ANONYMITY_LEVELS),
    )
    def facilitator_edits_the_agenda(
        self, op: str, pick: int, position: int, anonymity: str
    ) -> None:
        activities = self.state.activities
        if op == "remove":  # mostly one that may go: not the current one
            others = [a for a in activities if a.id != self.state.current_activity_id]
            activities = tuple(others) or activities
        target = activities[pick % len(activities)].id if activities else "a9"
        if op == "add":
            if len(activities) >= 4:
                return
            payload = {
                "format": self.FORMAT.name,
                "title": self.fresh("title"),
                "config": self.activity_config(),
                "anonymity": anonymity,
            }
            self.send(FACILITATOR, "session.add_activity", payload)
        elif op == "duplicate":
            if len(activities) < 4:
                self.send(FACILITATOR, "session.duplicate_activity", {"activity_id": target})
        elif op == "move":
            payload = {"activity_id": target, "position": position}
            self.send(FACILITATOR, "session.move_activity", payload)
        elif op == "rename":
            payload = {"activity_id": target, "title": self.fresh("title")}
            self.send(FACILITATOR, "session.rename_activity", payload)
        else:
            self.send(FACILITATOR, f"session.{op}_activity", {"activity_id": target})

    @precondition(lambda self: len(self.state.participants) < 7)
    @rule(by=st.sampled_from([FACILITATOR, SCRIBE]), named=st.sampled_from([True, True, False]))
    def staff_add_a_person_without_a_phone(self, by: Actor, named: bool) -> None:
        self.send(by, "participant.add", {"name": self.fresh("person") if named else ""})

    @rule(
        by=st.sampled_from([FACILITATOR, SCRIBE]),
        pick=st.integers(0, 5),
        count=st.sampled_from([0, 1, 3, 12, 10001]),
    )
    def staff_count_hands(self, by: Actor, pick: int, count: int) -> None:
        items = self.item_ids()
        payload = {"item_id": items[pick % len(items)] if items else "n99", "count": count}
        self.send(by, "hands.count", payload)

    @rule(pick=st.integers(-1, 5), mode=st.sampled_from(["spotlight"] * 3 + ["qr", "activity"]))
    def facilitator_directs_the_room_screen(self, pick: int, mode: str) -> None:
        if mode != "spotlight":
            self.send(FACILITATOR, "screen.show", {"mode": mode})
            return
        items = self.item_ids()
        item = None if pick < 0 or not items else items[pick % len(items)]
        self.send(FACILITATOR, "screen.spotlight", {"item_id": item})

    @rule(pick=st.integers(0, 6))
    def facilitator_removes_someone(self, pick: int) -> None:
        people = sorted(self.state.participants)
        self.send(FACILITATOR, "participant.remove", {"participant_id": people[pick % len(people)]})

    @rule(pick=st.integers(0, 6), by_phone=st.booleans())
    def someone_asks_to_be_forgotten(self, pick: int, by_phone: bool) -> None:
        """From their phone, or the facilitator for them. The log is rewritten as the store
        does it, then replayed from scratch as the service does (facilitation/keeping.py)."""
        people = sorted(self.state.participants)
        pid = people[pick % len(people)]
        if by_phone and pid in PHONES:
            events = self.send(self.phone(pid), "participant.forget", {})
        else:
            events = self.send(FACILITATOR, "participant.forget", {"participant_id": pid})
        if not events:
            return
        self.forgotten_names |= {
            str(e.data["name"])
            for e in self.log
            if e.type in NAMING and e.data.get("participant_id") == pid and e.data["name"]
        }
        for seq, data in rewritten(list(enumerate(self.log, 1)), pid, self.state.language):
            self.log[seq - 1] = replace(self.log[seq - 1], data=data)
        replayed = SessionState(id=SESSION_ID)
        for seq, event in enumerate(self.log, 1):
            replayed = apply_event(replayed, event, self.REGISTRY, seq)
        # Only texts that held an earlier name of theirs differ from the live state.
        live = self.state
        assert replace(replayed, summary="", minutes_edit=None) == replace(
            live, summary="", minutes_edit=None
        ), "forgetting: the rewritten log does not replay to the live state"
        self.state = replayed

    @invariant()
    def no_forgotten_name_is_left(self) -> None:
        if not self.forgotten_names:
            return
        stored = json.dumps([e.data for e in self.log], ensure_ascii=False)
        screens = json.dumps([p.name for p in self.state.participants.values()])
        for name in self.forgotten_names:
            assert name not in stored and name not in screens, f"{name!r} is still there"

    @rule(pid=st.sampled_from(PHONES), how=st.sampled_from(["fresh", "fresh", "empty", "long"]))
    def participant_renames(self, pid: str, how: str) -> None:
        name = {"fresh": self.fresh("person"), "empty": "", "long": "x" * 41}[how]
        self.send(self.phone(pid), "participant.rename", {"name": name})

    @rule(
        sender=st.sampled_from([*STAFF, *PHONES]),
        proxy=st.sampled_from([None, None, None, "first", "p1", "p9"]),
        command_type=st.sampled_from(ENGINE_TYPES + UNKNOWN_TYPES),
        shape=SHAPES,
        activity_id=st.sampled_from([None, None, "current", "a1", "a2", 5]),
        data=st.data(),
    )
    def anyone_sends_any_engine_command(
        self,
        sender: str,
        proxy: str | None,
        command_type: str,
        shape: str,
        activity_id: Any,
        data: st.DataObject,
    ) -> None:
        payload: Any = {}
        for key in ENGINE_FIELDS.get(command_type, ()):
            if key in ("title", "name", "label"):
                value = data.draw(st.sampled_from([self.fresh(key), "", None, 3, "x" * 121]))
            elif key == "config":
                value = data.draw(st.sampled_from([self.activity_config(), {}, None, {"x": 1}]))
            else:
                value = data.draw(st.one_of(FIELD_VALUES.get(key, MESSY), MESSY))
            if data.draw(st.integers(0, 5)) > 0:
                payload[key] = value
        if shape == "extra_key":
            payload["colour"] = "yellow"
        elif shape == "not_a_dict":
            payload = [payload]
        actor = STAFF[sender] if sender in STAFF else self.phone(sender)
        if proxy == "first":
            proxy = next(iter(self.proxies()), None)
        self.send(actor, command_type, payload, activity_id, on_behalf_of=proxy)

    # -- invariants -------------------------------------------------------------------------

    @invariant()
    def replaying_the_log_gives_the_live_state(self) -> None:
        if self.checked("replaying_the_log_gives_the_live_state"):
            return
        replayed = SessionState(id=SESSION_ID)
        for seq, event in enumerate(self.log, 1):
            replayed = apply_event(replayed, event, self.REGISTRY, seq)
        assert replayed == self.state, "replaying the log does not give the live state"
        assert self.state.seq == len(self.log)

    @invariant()
    def every_refusal_speaks_every_language(self) -> None:
        # Looked up per language: `translate` would quietly fall back to French.
        for code in self.rejected_codes:
            for lang in LANGUAGES:
                catalogs = [ENGINE.get(lang, {})]
                catalogs += [fmt.messages.get(lang, {}) for fmt in self.REGISTRY]
                assert any(f"error.{code}" in c for c in catalogs), f"no {lang} words for {code}"

    def everyone(self) -> Iterator[tuple[str, Actor, str | None, Role, str | None]]:
        """(label, sender, on behalf of, role for `can`, participant id for `can`)."""
        for label, actor in STAFF.items():
            yield label, actor, None, actor.role, None
        for pid in self.present_phones():
            yield pid, self.phone(pid), None, Role.PARTICIPANT, pid
        # Two people without a phone are enough to tell them apart; the scribe types for one.
        for number, pid in enumerate(self.proxies()[:2]):
            yield f"{pid} by the facilitator", FACILITATOR, pid, Role.PARTICIPANT, pid
            if number == 0:
                yield f"{pid} by the scribe", SCRIBE, pid, Role.PARTICIPANT, pid

    @invariant()
    def can_is_what_is_accepted(self) -> None:
        if self.checked("can_is_what_is_accepted"):
            return
        everything = ENGINE_TYPES + sorted({t for fmt in self.REGISTRY for t in fmt.commands})
        staff_views = {
            role: activity_view(self.state, self.REGISTRY, role, self.at)
            for role in (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER, Role.ROOM)
        }
        privates = self.private_views()
        for label, sender, proxy, role, pid in self.everyone():
            can = allowed_now(self.state, self.REGISTRY, role, self.at, pid)
            if pid is None:
                view = staff_views[role]
                assert view is None or view["can"] == can, (label, "the view's can differs")
            else:
                assert privates[pid]["me"]["can"] == can, (label, "the private can differs")
            assert can == sorted(can), label
            accepted = {t for t in everything if self.may(sender, t, proxy)}
            assert set(can) <= accepted, (label, "offered, refused:", set(can) - accepted)
            for command_type in sorted(accepted - set(can)):
                assert command_type in GATED, (label, "accepted, not offered:", command_type)
                payload = PROBES.get(command_type, {})
                refused = not self.tried(sender, command_type, payload, proxy)
                assert refused, (label, "not offered, yet accepted:", command_type)
            for command_type in sorted(set(can) & set(PROBES)):
                payload = PROBES[command_type]
                accepted_now = self.tried(sender, command_type, payload, proxy)
                assert accepted_now, (label, "offered, refused when tried:", command_type)

    @invariant()
    def closed_input_stops_participants_not_the_facilitator(self) -> None:
        if self.checked("closed_input_stops_participants_not_the_facilitator"):
            return
        activity = self.state.current
        if activity is None or not input_closed(activity, self.at):
            return
        fmt = self.REGISTRY[activity.format]
        step = step_key(self.REGISTRY, activity)
        for label, sender, proxy, role, _ in self.everyone():
            if role is not Role.PARTICIPANT:
                continue
            taken = [t for t in fmt.commands if self.may(sender, t, proxy)]
            assert not taken, f"input is closed, yet {label} may send {taken}"
        moderation = [t for t, c in fmt.commands.items() if c.rule.allows({"facilitator"}, step)]
        refused = [t for t in moderation if not self.may(FACILITATOR, t)]
        assert not refused, f"input is closed: the facilitator may no longer {refused}"

    @invariant()
    def anonymous_activities_name_nobody(self) -> None:
        if self.checked("anonymous_activities_name_nobody"):
            return
        people = self.state.participants.values()
        ids = {p.id for p in people}
        activity = self.state.current
        if activity is not None and activity.anonymity == ANONYMOUS:
            for role in Role:
                view = activity_view(self.state, self.REGISTRY, role, self.at)
                text = json.dumps(view, ensure_ascii=False)
                assert not NAME.search(text), f"the {role} view names {NAME.findall(text)}"
                assert not ids & set(strings(view)), f"the {role} view holds participant ids"
                session = session_view(self.state, self.REGISTRY, role, (), "")
                ready = [p["id"] for p in session.get("participants", []) if p["ready"]]
                assert not ready, f"the {role} view says who is done: {ready}"
                if role in (Role.PARTICIPANT, Role.ROOM):  # staff list who is here, by name
                    text = json.dumps(session, ensure_ascii=False)
                    assert not NAME.search(text), f"the {role} screen names {NAME.findall(text)}"
            for pid, private in self.private_views().items():
                mine = private["mine"]
                text = json.dumps(mine, ensure_ascii=False)
                assert not NAME.search(text), f"{pid}'s own view names {NAME.findall(text)}"
                assert not ids & set(strings(mine)), f"{pid}'s own view holds participant ids"
        for activity, section in self.minutes_by_activity("fr"):
            if activity.anonymity != NAMED:
                names = NAME.findall(section)
                assert not names, f"the minutes of {activity.anonymity} {activity.id} name {names}"

    @invariant()
    def done_means_someone_of_the_activity(self) -> None:
        if self.checked("done_means_someone_of_the_activity"):
            return
        for activity in self.state.activities:
            unknown = activity.ready - set(self.person_of(activity))
            assert not unknown, f"{activity.id}: 'I'm done' from nobody known: {unknown}"

    def minutes_by_activity(self, lang: str) -> list[tuple[Activity, str]]:
        """Each activity with its own section of the minutes."""
        minutes = compose_minutes(self.state, self.REGISTRY, lang)
        sections = re.split(r"^## \d+\. ", minutes, flags=re.MULTILINE)[1:]
        assert len(sections) == len(self.state.activities), "one section per activity"
        return list(zip(self.state.activities, sections, strict=True))
