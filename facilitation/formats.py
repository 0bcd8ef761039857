"""The Format protocol: what a pluggable activity (board, accelerator, consent…) must provide."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from facilitation.types import Actor, Command, Event

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
    ("holder"). Grants combine with `|`:
    `Rule.of(PARTICIPANT, steps=["write"]) | Rule.of(FACILITATOR)`.
    `.but_not("holder")` refuses people holding that role even when another grant lets them.
    """

    grants: tuple[tuple[str, frozenset[str] | None], ...]
    denied: frozenset[str] = frozenset()

    @classmethod
    def of(cls, *roles: str, steps: Sequence[str] | None = None) -> Rule:
        allowed = None if steps is None else frozenset(steps)
        return cls(tuple((str(role), allowed) for role in roles))

    def __or__(self, other: Rule) -> Rule:
        return Rule(self.grants + other.grants, self.denied | other.denied)

    def but_not(self, *roles: str) -> Rule:
        return Rule(self.grants, self.denied | frozenset(str(r) for r in roles))

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for role, _ in self.grants)

    def allows(self, roles: str | Collection[str], step: str | None) -> bool:
        held = {roles} if isinstance(roles, str) else {str(r) for r in roles}
        if held & self.denied:
            return False
        return any(r in held and (steps is None or step in steps) for r, steps in self.grants)


@dataclass(frozen=True)
class ConfigField:
    """One setting the facilitator fills in when adding an activity (rendered by a generic form)."""

    key: str
    type: str  # "text" | "lines" | "int"
    required: bool = False
    default: Any = None
    max_length: int = 200
    max_items: int = 12
    min: int = 0
    max: int = 100


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
    # The roles the format gave this participant ("holder"…), with their engine role.
    roles: frozenset[str] = frozenset()
    revealed: bool = False
    # Who holds which role in this activity: participant id -> roles.
    assignments: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The people of the session, as far as the activity's anonymity lets the format know them
    # (a format may check that a participant id it is given names someone).
    authors: Authors = field(default_factory=Authors)


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


@dataclass(frozen=True)
class MinutesContext:
    step: str
    lang: str
    authors: Authors = field(default_factory=Authors)
    hands: Mapping[str, int] = field(default_factory=dict)
    assignments: Mapping[str, frozenset[str]] = field(default_factory=dict)


class Format(Protocol):
    name: str
    version: int
    steps: tuple[Step, ...]
    permissions: Mapping[str, Rule]
    # Every event type the format emits: the protocol doc and the meta-tests walk this.
    events: frozenset[str]
    config_fields: tuple[ConfigField, ...]
    # Roles the facilitator may give participants in this format ("holder"…); titles in messages
    # under "role.{name}".
    roles: tuple[str, ...]
    # The anonymity level a new activity of this format starts with.
    anonymity: str
    # lang -> key -> text. Keys used by the engine: "title", "description", "step.{key}",
    # "step.{key}.instructions.{role}", "role.{name}", "error.{code}".
    messages: Mapping[str, Mapping[str, str]]
    # The format's screens: a folder with a renderer per role (participant.js, console.js,
    # room.js), style.css and i18n/{lang}.json. The server serves it at /formats/{name}/ and the
    # pages load it when an activity of this format opens. None: a format without screens.
    web: Path | None

    def initial_state(self, config: Mapping[str, Any]) -> Any: ...

    def handle(self, state: Any, cmd: Command, ctx: StepContext) -> list[Event]: ...

    def apply(self, state: Any, event: Event) -> Any: ...

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
