"""The Format protocol: what a pluggable activity must provide, and how it declares itself.

A format declares its steps, its commands (`CommandTable`: each command once, with who may send
it when, its payload's fields and its handler) and its events (`EventTable`: frozen dataclasses
that apply themselves to the format's state). The engine derives the rest from those
declarations: the permission map, what each screen may send now, the payload checks, the undo
list and the set of events the log may hold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from facilitation.fields import Field
from facilitation.types import Actor, Event

ANONYMOUS = "anonymous"
PSEUDONYM = "pseudonym"
NAMED = "named"
ANONYMITY_LEVELS = (ANONYMOUS, PSEUDONYM, NAMED)


@dataclass(frozen=True)
class Step:
    key: str
    # Suggested time-box; the facilitator may start the timer with another duration.
    minutes: int
    # An optional step may be skipped from the step before it.
    optional: bool = False
    # The step asks participants to say "I'm done".
    ready: bool = False
    # Contributions are seen by their authors only until the facilitator reveals them
    # (private writing): nothing of them goes on the projector before.
    private: bool = False


@dataclass(frozen=True)
class Rule:
    """Who may send a command, and in which steps (None: in every step).

    A grant names an engine role (`Role.PARTICIPANT`…) or a role a format gives a participant
    ("host"). Grants combine with `|`:
    `Rule.of(PARTICIPANT, steps=["write"]) | Rule.of(FACILITATOR)`.
    `.but_not("host")` refuses people holding that role even when another grant lets them.
    `.unless(refusal)`: `refusal(state, ctx)` gives the error code when the format's state
    refuses the command whatever its payload (a round already shown), else None. `authorise`
    asks it before the handler, and `activity.can` leaves the command out while it refuses: one
    predicate for both.
    """

    grants: tuple[tuple[str, frozenset[str] | None], ...]
    denied: frozenset[str] = frozenset()
    refusal: Callable[[Any, StepContext], str | None] | None = None

    @classmethod
    def of(cls, *roles: str, steps: Sequence[str] | None = None) -> Rule:
        allowed = None if steps is None else frozenset(steps)
        return cls(tuple((str(role), allowed) for role in roles))

    def __or__(self, other: Rule) -> Rule:
        if self.refusal is not None and other.refusal is not None:
            raise ValueError("a rule has one refusal")
        refusal = self.refusal or other.refusal
        return Rule(self.grants + other.grants, self.denied | other.denied, refusal)

    def but_not(self, *roles: str) -> Rule:
        return Rule(self.grants, self.denied | frozenset(str(r) for r in roles), self.refusal)

    def unless(self, refusal: Callable[[Any, StepContext], str | None]) -> Rule:
        return Rule(self.grants, self.denied, refusal)

    def refused(self, state: Any, ctx: StepContext) -> str | None:
        """Why the format's state refuses the command now (an error code), or None."""
        return None if self.refusal is None else self.refusal(state, ctx)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for role, _ in self.grants)

    def allows(self, roles: str | Collection[str], step: str | None) -> bool:
        held = {roles} if isinstance(roles, str) else {str(r) for r in roles}
        if held & self.denied:
            return False
        return any(r in held and (steps is None or step in steps) for r, steps in self.grants)


@dataclass(frozen=True)
class Person:
    name: str
    number: int
    # Has no phone: a facilitator or the scribe enters their contributions.
    proxy: bool = False
    # Takes part from a distance (a round must call on them too).
    remote: bool = False
    # Removed by the facilitator: still named for what they wrote, no longer taking part.
    removed: bool = False


@dataclass(frozen=True)
class Authors:
    """Who wrote what, as far as the activity's anonymity level lets anyone know.

    - anonymous: nobody is named, anywhere; ids are unlinkable aliases.
    - pseudonym: screens show the name each person chose; the minutes name nobody.
    - named: screens and minutes name people.
    A contribution entered for someone without a phone is always said to be so.
    """

    level: str = ANONYMOUS
    people: Mapping[str, Person] = field(default_factory=dict)

    def public(self, author_id: str) -> dict[str, Any] | None:
        """The author as screens show them: None when the activity is anonymous."""
        if self.level == ANONYMOUS:
            return None
        person = self.people.get(author_id)
        if person is None:
            return None
        return {"name": person.name, "number": person.number, "proxy": person.proxy}

    def is_proxy(self, author_id: str) -> bool:
        if self.level == ANONYMOUS:
            # Aliases of people without a phone are marked (anonymity.PROXY_PREFIX): saying a
            # contribution was entered on someone's behalf names nobody.
            return author_id.startswith("r")
        person = self.people.get(author_id)
        return bool(person and person.proxy)

    def name(self, author_id: str) -> str | None:
        """The name for the minutes: only when the activity is named."""
        if self.level != NAMED:
            return None
        person = self.people.get(author_id)
        return person.name if person and person.name else None


@dataclass(frozen=True)
class StepContext:
    """What a format may know about where the activity is and who acts."""

    step: str
    actor: Actor
    # The roles the format gave this participant ("host"…), with their engine role.
    roles: frozenset[str] = frozenset()
    revealed: bool = False
    # Who holds which role in this activity: participant id -> roles.
    assignments: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The people of the session, as far as the activity's anonymity lets the format know them
    # (a format may check that a participant id it is given names someone).
    authors: Authors = field(default_factory=Authors)
    # When the command is decided (the service's clock, stamped on it): a format may keep it in
    # an event (a decision's date) and stay pure.
    at: str = ""
    # Everyone taking part, with a phone or without one (see ViewContext.people_count).
    people_count: int = 0


@dataclass(frozen=True)
class ViewContext:
    step: str
    role: str
    participant_id: str | None = None
    # The facilitator pressed "reveal" in this step (formats choose what it uncovers).
    revealed: bool = False
    authors: Authors = field(default_factory=Authors)
    # Show-of-hands counts the facilitator added to a vote: item id -> number of hands.
    hands: Mapping[str, int] = field(default_factory=dict)
    assignments: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Everyone taking part, with a phone or without one (the activity's `ready_total`): a
    # format may say when all of them have answered without knowing who they are.
    people_count: int = 0


@dataclass(frozen=True)
class MinutesContext:
    step: str
    lang: str
    authors: Authors = field(default_factory=Authors)
    hands: Mapping[str, int] = field(default_factory=dict)
    assignments: Mapping[str, frozenset[str]] = field(default_factory=dict)


# -- declaring commands ------------------------------------------------------------------------

S = TypeVar("S")
C = TypeVar("C")
Payload = Mapping[str, Any]


class TypedEvent:
    """An event as a handler writes it and its apply reads it: a frozen dataclass with a stable
    type name. The log keeps `{type, data}`; `data()` and `from_data()` go between the two."""

    type: ClassVar[str]

    def data(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _field_names(type(self))}

    def undo_detail(self) -> str:
        """What this event did when its command's type alone does not say it ("locked" or
        "unlocked"): undo's checkpoint keeps it, so the console can say exactly what undo takes
        back (`{label}_{detail}` in the console's words). Empty: the type says it all."""
        return ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Self:
        # Fields added since an event was written take their defaults.
        names = _field_names(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    # Read once per event class: replaying a log reads thousands of events.
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class FormatEvent(TypedEvent, Generic[S]):
    """An event of a format: it changes the format's state, purely."""

    def apply(self, state: S) -> S:
        raise NotImplementedError

    def concerns(self, state: S) -> Collection[str] | None:
        """The participants whose own view (`private_views`) this event may change, as the
        format knows them (aliases in an anonymous activity); None: anyone's. The fan-out
        recomputes only theirs. `state` is the format's state at or after this event (events
        are gathered before they are sent): read only what never changes once written (a
        note's author), or answer None."""
        return None


E = TypeVar("E", bound=TypedEvent)


class EventTable(Mapping[str, type[E]]):
    """Every event type a format (or the engine) writes, by name: the protocol doc and the
    meta-tests walk it, and the engine reads the log through it."""

    def __init__(self, *classes: type[E]) -> None:
        self._classes: dict[str, type[E]] = {}
        for cls in classes:
            if cls.type in self._classes:
                raise ValueError(f"two events are named {cls.type!r}")
            self._classes[cls.type] = cls

    def __getitem__(self, name: str) -> type[E]:
        return self._classes[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def load(self, event: Event) -> E:
        """The typed event a row of the log holds."""
        return self._classes[event.type].from_data(event.data)


Handler = Callable[[S, Payload, C], Sequence[TypedEvent]]


@dataclass(frozen=True)
class CommandSpec(Generic[S, C]):
    """One command, declared once.

    `rule` says who may send it in which steps; `fields` what its payload holds (checked and
    cleaned before `handler` runs, which decides the events from the state and the parsed
    payload, purely, or raises `Rejected`). `undoable`: the facilitator may undo it (a
    checkpoint is written before it). `contribution`: a participant's act in the current
    activity — typed for someone without a phone, under an alias in an anonymous activity.
    `needs_activity`: refused with `no_activity` (and never offered) while no activity is open.
    """

    type: str
    rule: Rule
    handler: Handler[S, C]
    fields: tuple[Field, ...] = ()
    undoable: bool = True
    contribution: bool = True
    needs_activity: bool = True


class CommandTable(Mapping[str, CommandSpec[S, C]]):
    """A set of declared commands, filled by decorating each handler:

    COMMANDS: CommandTable[CheckinState, StepContext] = CommandTable()

    @COMMANDS.command("checkin.say_word", Rule.of(PARTICIPANT, steps=["words"]),
                      Text("word", max_length=40), Id("mood_id", nullable=True))
    def say_word(state: CheckinState, p: Payload, ctx: StepContext) -> list[TypedEvent]: ...
    """

    def __init__(self, *, contribution: bool = True, needs_activity: bool = True) -> None:
        self._specs: dict[str, CommandSpec[S, C]] = {}
        self._contribution = contribution
        self._needs_activity = needs_activity

    def command(
        self,
        type_: str,
        rule: Rule,
        *fields: Field,
        undoable: bool = True,
        contribution: bool | None = None,
        needs_activity: bool | None = None,
    ) -> Callable[[Handler[S, C]], Handler[S, C]]:
        def declare(handler: Handler[S, C]) -> Handler[S, C]:
            if type_ in self._specs:
                raise ValueError(f"the command {type_!r} is declared twice")
            self._specs[type_] = CommandSpec(
                type_,
                rule,
                handler,
                fields,
                undoable,
                self._contribution if contribution is None else contribution,
                self._needs_activity if needs_activity is None else needs_activity,
            )
            return handler

        return declare

    def __getitem__(self, type_: str) -> CommandSpec[S, C]:
        return self._specs[type_]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


# -- the protocol -------------------------------------------------------------------------------


class Format(Protocol):
    name: str
    version: int
    steps: tuple[Step, ...]
    # Every command, declared with its rule, fields and handler (see CommandTable).
    commands: Mapping[str, CommandSpec[Any, StepContext]]
    # Every event type the format writes (see EventTable).
    events: Mapping[str, type[FormatEvent[Any]]]
    # The settings the facilitator fills in when adding an activity (a generic form draws them).
    config_fields: tuple[Field, ...]
    # Roles the facilitator may give participants in this format ("host"…); titles in messages
    # under "role.{name}".
    roles: tuple[str, ...]
    # The anonymity level a new activity of this format starts with.
    anonymity: str
    # lang -> key -> text. Keys used by the engine: "title", "description", "step.{key}",
    # "step.{key}.instructions.{role}", "role.{name}", "config.{key}", "error.{code}".
    messages: Mapping[str, Mapping[str, str]]
    # The folder of its screens (participant.js, console.js, room.js, style.css, i18n/), served
    # at /formats/{name}/; None for a format without screens of its own.
    web: Path | None

    def initial_state(self, config: Mapping[str, Any]) -> Any: ...

    def view(self, state: Any, ctx: ViewContext) -> dict[str, Any]: ...

    def private_views(
        self, state: Any, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        """What each named participant alone sees; one pass for all, since it runs after every
        change for every connected phone."""
        ...

    def item_text(self, state: Any, item_id: str) -> str | None:
        """The text of one contribution (for the spotlight and show-of-hands counts), or None
        when there is no such standing item."""
        ...

    def minutes(self, state: Any, ctx: MinutesContext) -> str: ...


def apply_format_event(fmt: Format, state: Any, event: Event) -> Any:
    """A format's event from the log, applied to the format's state."""
    typed: FormatEvent[Any] = fmt.events[event.type].from_data(event.data)
    return typed.apply(state)
