"""The three-year review's state: frozen, JSON-able, rebuilt from its events alone.

Everything dated is kept by year *index* (0, 1, 2 for the three past years and again for the
three next ones), never by the year's number: setting or correcting the years moves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from formats.kit import items
from formats.kit.contributions import Contribution
from formats.kit.dots import Dot

TIMELINE = "timeline"
LOOKING_BACK = "looking_back"
ASPIRATIONS = "aspirations"
PRIORITIES = "priorities"
COMMITMENTS = "commitments"

# What happened, on the frieze; what we say of it, looking back.
KINDS = ("success", "difficulty", "turning_point", "lesson")
COLUMNS = ("proud", "regret", "learned")
# The lessons: the column people place their dots on.
LESSONS = "learned"
YEARS = 3
# A rating, on either scale: 1 (low, hard) to 4 (high, easy).
SCALE = (1, 2, 3, 4)
SCALES = ("importance", "feasibility")
# The seed's four axes (Clim'Actions): keys of the messages `axis.{key}`.
AXIS_KEYS = (
    "internal_communication",
    "volunteer_involvement",
    "activities",
    "professionalisation",
)


@dataclass(frozen=True)
class TimelineEvent(Contribution):
    """Something that happened in one of the three past years."""

    kind: str = "success"
    year: int = 0
    # The texts of the events merged into this one: nothing typed is lost.
    also: tuple[str, ...] = ()
    # Merged into another event: kept for the record, out of the frieze.
    merged_into: str | None = None

    @property
    def standing(self) -> bool:
        return not self.hidden and self.merged_into is None


@dataclass(frozen=True)
class Reflection(Contribution):
    column: str = "proud"


@dataclass(frozen=True)
class Axis:
    id: str
    title: str
    # A default axis not renamed: its title in every language comes from the messages.
    key: str | None = None


@dataclass(frozen=True)
class Objective(Contribution):
    year: int = 0
    axis_id: str = ""


@dataclass(frozen=True)
class Rating:
    """One person's rating of one objective; either scale may still be unrated."""

    rater_id: str
    objective_id: str
    importance: int | None = None
    feasibility: int | None = None


@dataclass(frozen=True)
class Commitment:
    id: str
    objective_id: str | None
    text: str
    owner: str
    year: int
    individual: str = ""
    collective: str = ""


@dataclass(frozen=True)
class ReviewState:
    title: str = ""
    # The first of the three past years; 0 while not set.
    first_year: int = 0
    dots: int = 3
    axes: tuple[Axis, ...] = ()
    events: tuple[TimelineEvent, ...] = ()
    # Each past year's standing events, in the order the facilitator left them.
    frieze: tuple[tuple[str, ...], ...] = ((), (), ())
    reflections: tuple[Reflection, ...] = ()
    votes: tuple[Dot, ...] = ()
    objectives: tuple[Objective, ...] = ()
    ratings: tuple[Rating, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    # One counter for every id (a1, t2, r3, o4, c5…): ids stay stable, with no random source.
    made: int = 0

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{self.made + 1}"

    def event(self, event_id: str) -> TimelineEvent | None:
        found = items.find(self.events, event_id)
        return found if found is not None and found.standing else None

    def reflection(self, reflection_id: str) -> Reflection | None:
        found = items.find(self.reflections, reflection_id)
        return found if found is not None and not found.hidden else None

    def axis(self, axis_id: str) -> Axis | None:
        return items.find(self.axes, axis_id)

    def objective(self, objective_id: str) -> Objective | None:
        found = items.find(self.objectives, objective_id)
        return found if found is not None and not found.hidden else None

    def commitment(self, commitment_id: str) -> Commitment | None:
        return items.find(self.commitments, commitment_id)

    def standing_events(self, year: int) -> list[TimelineEvent]:
        found = {e.id: e for e in self.events}
        return [found[i] for i in self.frieze[year]]

    def standing_reflections(self, column: str | None = None) -> list[Reflection]:
        return [
            r for r in self.reflections if not r.hidden and (column is None or r.column == column)
        ]

    def standing_objectives(self) -> list[Objective]:
        return [o for o in self.objectives if not o.hidden]

    def rating(self, rater_id: str, objective_id: str) -> Rating | None:
        return next(
            (r for r in self.ratings if r.rater_id == rater_id and r.objective_id == objective_id),
            None,
        )

    def committed_from(self, objective_id: str) -> Commitment | None:
        return next((c for c in self.commitments if c.objective_id == objective_id), None)

    def year(self, index: int, ahead: bool = False) -> int | None:
        """The year a past (or, `ahead`, a next) year's index names; None while not set."""
        if not self.first_year:
            return None
        return self.first_year + index + (YEARS if ahead else 0)
