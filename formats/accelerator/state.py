"""The accelerator's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

from dataclasses import dataclass

# Who typed an item when it was not a participant: the scribe or a facilitator, noting what was
# said aloud in the room. These are `Actor.id` of people without a participant id.
STAFF_AUTHORS = frozenset({"scribe", "facilitator"})

QUESTION_STATUSES = ("open", "answered", "skipped")
CONTRIBUTION_KINDS = ("idea", "experience", "warning")


@dataclass(frozen=True)
class Point:
    """A key point of the presentation, noted by the scribe."""

    id: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    author_id: str
    text: str
    answer: str = ""
    status: str = "open"  # open | answered | skipped


@dataclass(frozen=True)
class Theme:
    id: str
    title: str


@dataclass(frozen=True)
class Contribution:
    """One contribution to the exchanges.

    Moderation leaves a trace: when the scribe or a facilitator changes a participant's words,
    `original` keeps the author's own last words and `edited_by` says who changed them ("scribe"
    or "facilitator"); when they remove it, it is hidden (`hidden_by`), kept here but out of
    every view and of the minutes, which count it. The author changing their own contribution
    again makes the words theirs: the trace is gone.
    """

    id: str
    author_id: str
    kind: str  # idea | experience | warning
    text: str
    theme_id: str | None = None
    original: str | None = None
    edited_by: str | None = None
    hidden_by: str | None = None


@dataclass(frozen=True)
class Action:
    """One line of the action plan: what, who, when."""

    id: str
    what: str
    who: str = ""
    when: str = ""


@dataclass(frozen=True)
class Turn:
    """One place in the closing round.

    `person_id` is the participant who speaks; None in an anonymous activity, where the round is
    numbered places and nobody's id is written down. `author_id` is who typed the sentence: the
    person themselves (or their alias), or the scribe noting what they said.
    """

    id: str
    person_id: str | None
    text: str = ""
    author_id: str | None = None


@dataclass(frozen=True)
class AcceleratorState:
    project: str = ""
    problem: str = ""
    presentation: str = ""
    points: tuple[Point, ...] = ()
    questions: tuple[Question, ...] = ()
    # Every wording of the request, in order: the last one is what the group works on.
    requests: tuple[str, ...] = ()
    themes: tuple[Theme, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    synthesis: str = ""
    actions: tuple[Action, ...] = ()
    turns: tuple[Turn, ...] = ()
    # The turn of the person speaking now; None before the round and once it is over.
    current_turn: str | None = None
    # Who writes the minutes ("written by"): set when the activity is added, or signed later.
    scribe_name: str = ""
    # One counter for every id (q1, c2, k3…): ids stay stable and readable, with no random source.
    made: int = 0

    @property
    def request(self) -> str:
        return self.requests[-1] if self.requests else ""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def visible_contributions(self) -> tuple[Contribution, ...]:
        """What the group, the screens and the minutes see: not hidden by moderation."""
        return tuple(c for c in self.contributions if c.hidden_by is None)

    def contribution(self, contribution_id: str) -> Contribution | None:
        """A contribution still shown; a hidden one is gone for every command."""
        return next((c for c in self.visible_contributions if c.id == contribution_id), None)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def point(self, point_id: str) -> Point | None:
        return next((p for p in self.points if p.id == point_id), None)

    def turn(self, turn_id: str) -> Turn | None:
        return next((t for t in self.turns if t.id == turn_id), None)

    def turn_of(self, person_id: str) -> Turn | None:
        return next((t for t in self.turns if t.person_id == person_id), None)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{self.made + 1}"

    @property
    def round_status(self) -> str:
        if not self.turns:
            return "not_started"
        return "over" if self.current_turn is None else "running"
