"""The priorities, once, in Python: each objective's mean importance and feasibility, its score,
its quadrant and its rank. The view, the minutes, the data and the picture all ask here; the
screens only draw."""

from __future__ import annotations

from dataclasses import dataclass, replace

from formats.review.state import Objective, ReviewState

# Split of each scale (1–4) into high and low: a mean of 2.5 or more is high.
MIDDLE = 2.5
QUADRANTS = ("priority", "major_project", "quick_win", "later")


@dataclass(frozen=True)
class Scale:
    mean: float | None
    count: int

    def shown(self) -> dict[str, float | int | None]:
        return {"mean": self.mean, "count": self.count}


@dataclass(frozen=True)
class Ranked:
    objective: Objective
    importance: Scale
    feasibility: Scale
    score: float | None
    quadrant: str | None
    rank: int | None
    # How many people rated it on at least one scale.
    raters: int


def mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def quadrant(importance: float | None, feasibility: float | None) -> str | None:
    """Important and feasible: priority; important and hard: major project; less important
    and feasible: quick win; less important and hard: later."""
    if importance is None or feasibility is None:
        return None
    if importance >= MIDDLE:
        return "priority" if feasibility >= MIDDLE else "major_project"
    return "quick_win" if feasibility >= MIDDLE else "later"


def ranked(state: ReviewState) -> list[Ranked]:
    """Every standing objective, highest score first (ties in the order proposed), unrated ones
    last in the order proposed; equal scores share a rank (1, 2, 2, 4)."""
    standing = state.standing_objectives()
    found: list[Ranked] = []
    for o in standing:
        given = [r for r in state.ratings if r.objective_id == o.id]
        importance = [r.importance for r in given if r.importance is not None]
        feasibility = [r.feasibility for r in given if r.feasibility is not None]
        imp, feas = mean(importance), mean(feasibility)
        score = None if imp is None or feas is None else round(imp * feas, 2)
        raters = sum(1 for r in given if r.importance is not None or r.feasibility is not None)
        found.append(
            Ranked(
                o,
                Scale(imp, len(importance)),
                Scale(feas, len(feasibility)),
                score,
                quadrant(imp, feas),
                None,
                raters,
            )
        )
    order = {o.id: i for i, o in enumerate(standing)}
    rated = sorted(
        (r for r in found if r.score is not None),
        key=lambda r: (-(r.score or 0.0), order[r.objective.id]),
    )
    out: list[Ranked] = []
    for position, r in enumerate(rated, 1):
        rank = out[-1].rank if out and out[-1].score == r.score else position
        out.append(replace(r, rank=rank))
    return out + [r for r in found if r.score is None]
