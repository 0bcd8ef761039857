"""The Format protocol: what a pluggable activity (board, accelerator, consent…) must provide."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from facilitation.types import Actor, Command, Event, Role


@dataclass(frozen=True)
class Step:
    key: str
    minutes: int


@dataclass(frozen=True)
class Rule:
    """Who may send a command, and in which steps (None: in every step).

    Grants combine with `|`: `Rule.of(PARTICIPANT, steps=["write"]) | Rule.of(FACILITATOR)`.
    """

    grants: tuple[tuple[Role, frozenset[str] | None], ...]

    @classmethod
    def of(cls, *roles: Role, steps: Sequence[str] | None = None) -> Rule:
        allowed = None if steps is None else frozenset(steps)
        return cls(tuple((role, allowed) for role in roles))

    def __or__(self, other: Rule) -> Rule:
        return Rule(self.grants + other.grants)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, _ in self.grants)

    def allows(self, role: Role, step: str | None) -> bool:
        return any(r is role and (steps is None or step in steps) for r, steps in self.grants)


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
class StepContext:
    """What a format may know about where the activity is and who acts."""

    step: str
    actor: Actor


@dataclass(frozen=True)
class ViewContext:
    step: str
    role: Role
    participant_id: str | None = None


@dataclass(frozen=True)
class MinutesContext:
    step: str
    lang: str


class Format(Protocol):
    name: str
    version: int
    steps: tuple[Step, ...]
    permissions: Mapping[str, Rule]
    # Every event type the format emits: the protocol doc and the meta-tests walk this.
    events: frozenset[str]
    config_fields: tuple[ConfigField, ...]
    # lang -> key -> text. Keys used by the engine: "title", "description", "step.{key}",
    # "step.{key}.instructions.{role}", "error.{code}".
    messages: Mapping[str, Mapping[str, str]]

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

    def minutes(self, state: Any, ctx: MinutesContext) -> str: ...
