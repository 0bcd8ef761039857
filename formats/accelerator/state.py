"""The accelerator's state: frozen, JSON-able, rebuilt from its events alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from formats.kit import contributions, items
from formats.kit.rounds import Round
from formats.kit.themes import Theme

# The format's role: the participant who brings the project (the facilitator gives it).
HOLDER = "holder"
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
    # Who asked it aloud, when the scribe or a facilitator typed it and said who (a participant).
    said_by: str | None = None


@dataclass(frozen=True)
class Contribution(contributions.Contribution):
    """One contribution to the exchanges, sorted into a theme or not. When the scribe or a
    facilitator changes a participant's words, the author's own stay (`original`, `edited_by`:
    "scribe" or "facilitator"); when they remove it, it is hidden (`hidden_by`), out of every
    view and counted in the minutes (see formats/kit/contributions.py)."""

    kind: str = "idea"  # idea | experience | warning
    # Who said it aloud, when the scribe or a facilitator typed it and said who (a participant).
    said_by: str | None = None


@dataclass(frozen=True)
class Action:
    """One line of the action plan: what, who, when."""

    id: str
    what: str
    who: str = ""
    when: str = ""


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
    # The closing round: who speaks in which order, who has the floor, what each said.
    round: Round = field(default_factory=Round)
    # Who writes the minutes ("written by"): set when the activity is added, or signed later.
    scribe_name: str = ""
    # One counter for every id (q1, c2, k3, t4…): ids stay stable and readable, with no random
    # source.
    made: int = 0

    @property
    def request(self) -> str:
        return self.requests[-1] if self.requests else ""

    def question(self, question_id: str) -> Question | None:
        return items.find(self.questions, question_id)

    @property
    def visible_contributions(self) -> tuple[Contribution, ...]:
        """What the group, the screens and the minutes see: not hidden by moderation."""
        return tuple(c for c in self.contributions if not c.hidden)

    def contribution(self, contribution_id: str) -> Contribution | None:
        """A contribution still shown; a hidden one is gone for every command."""
        return items.find(self.visible_contributions, contribution_id)

    def action(self, action_id: str) -> Action | None:
        return items.find(self.actions, action_id)

    def point(self, point_id: str) -> Point | None:
        return items.find(self.points, point_id)

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{self.made + 1}"
