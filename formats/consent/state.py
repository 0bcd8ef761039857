"""The consent format's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

from dataclasses import dataclass

from formats.kit import items

# The format's role: the participant who brings the proposal (the facilitator gives it).
PROPOSER = "proposer"
POSITIONS = ("consent", "concern", "objection")
OUTCOMES = ("adopted", "postponed", "withdrawn")
# An objection's life: `open` (not examined yet), `reasoned` (the facilitator found it would
# harm the group's aim: it blocks until integrated or withdrawn), `set_aside` (not reasoned, the
# reason recorded), `integrated` (an amendment took it in), `withdrawn` (by its author).
OBJECTION_STATUSES = ("open", "reasoned", "set_aside", "integrated", "withdrawn")
# What still stands in the way of adoption.
BLOCKING = ("open", "reasoned")


@dataclass(frozen=True)
class Version:
    number: int
    text: str
    # Who wrote it: "proposer", "facilitator" or "scribe" (a role, never a person's id).
    by: str
    # Why it changed (empty for the first version).
    reason: str = ""
    # The objections this amendment integrates.
    integrates: tuple[str, ...] = ()
    at: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    author_id: str
    text: str
    answer: str = ""


@dataclass(frozen=True)
class Reaction:
    id: str
    author_id: str
    text: str


@dataclass(frozen=True)
class Position:
    author_id: str
    position: str  # consent | concern | objection
    # The concern, or the objection's reason (required for both); empty for a plain consent.
    text: str = ""
    # Entered by the scribe or a facilitator for a person without a phone.
    proxy: bool = False


@dataclass(frozen=True)
class Round:
    """One objection round, on one version: each person's position."""

    id: str
    number: int
    version: int
    positions: tuple[Position, ...] = ()

    def position_of(self, author_id: str) -> Position | None:
        return next((p for p in self.positions if p.author_id == author_id), None)


@dataclass(frozen=True)
class Objection:
    id: str
    round_id: str
    version: int
    author_id: str
    reason: str
    proxy: bool = False
    status: str = "open"
    # The facilitator's note when examining it (why reasoned or not, how it is integrated).
    note: str = ""
    # The version that integrated it.
    integrated_in: int | None = None

    @property
    def blocking(self) -> bool:
        return self.status in BLOCKING


@dataclass(frozen=True)
class Outcome:
    kind: str  # adopted | postponed | withdrawn
    at: str
    by: str  # "proposer" or "facilitator"
    note: str = ""
    # The version decided on.
    version: int = 0


@dataclass(frozen=True)
class ConsentState:
    title: str = ""
    # Optional: how many people must take part in the objection round (0: no quorum).
    quorum: int = 0
    versions: tuple[Version, ...] = ()
    questions: tuple[Question, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    rounds: tuple[Round, ...] = ()
    objections: tuple[Objection, ...] = ()
    outcome: Outcome | None = None
    # One counter for every id (q1, e2, o3, j4…): ids stay stable, with no random source.
    made: int = 0

    @property
    def version(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def round(self) -> Round | None:
        """The latest objection round (on the current version or an earlier one)."""
        return self.rounds[-1] if self.rounds else None

    @property
    def current_round(self) -> Round | None:
        """The objection round on the current version, if one has started."""
        r = self.round
        v = self.version
        return r if r is not None and v is not None and r.version == v.number else None

    def question(self, question_id: str) -> Question | None:
        return items.find(self.questions, question_id)

    def objection(self, objection_id: str) -> Objection | None:
        return items.find(self.objections, objection_id)

    def reaction_of(self, author_id: str) -> Reaction | None:
        return next((r for r in self.reactions if r.author_id == author_id), None)

    @property
    def blocking(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.objections if o.blocking)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{self.made + 1}"
