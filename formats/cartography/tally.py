"""What the map counts, once for every screen, the minutes, the picture and the CSV: for each
purpose, which tools how many organisations use, by necessity or by choice; each tool's impact
averages. Organisations count once, whoever of their members answered, merges followed."""

from __future__ import annotations

from dataclasses import dataclass

from formats.cartography.state import CartographyState


@dataclass(frozen=True)
class Spot:
    """A tool in a purpose: which organisations use it there, and why (per organisation:
    "necessity", "choice", or "mixed" when its members said both)."""

    purpose_id: str
    tool_id: str
    name: str
    whys: dict[str, str]  # organisation id -> why

    @property
    def organisations(self) -> int:
        return len(self.whys)

    def count(self, why: str) -> int:
        return sum(1 for w in self.whys.values() if w == why)

    @property
    def colour(self) -> str:
        found = set(self.whys.values())
        return found.pop() if len(found) == 1 else "mixed"


def org_whys(state: CartographyState) -> dict[tuple[str, str, str], str]:
    """(organisation, tool, purpose) -> why, for every answer of a standing organisation."""
    said: dict[tuple[str, str, str], set[str]] = {}
    purposes = {p.id for p in state.purposes}
    for use in state.uses:
        org_id = state.organisation_of(use.author_id)
        if org_id is None:
            continue
        tool_id = state.tool_of(use)
        for purpose_id in use.purpose_ids:
            if purpose_id in purposes:
                said.setdefault((org_id, tool_id, purpose_id), set()).add(use.why)
    return {k: (v.pop() if len(v) == 1 else "mixed") for k, v in said.items()}


def spots(state: CartographyState) -> dict[str, list[Spot]]:
    """Purpose id -> its tools, most organisations first, then by name."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for (org_id, tool_id, purpose_id), why in org_whys(state).items():
        found.setdefault((purpose_id, tool_id), {})[org_id] = why
    by_purpose: dict[str, list[Spot]] = {p.id: [] for p in state.purposes}
    for (purpose_id, tool_id), whys in found.items():
        tool = state.tool(tool_id)
        assert tool is not None
        by_purpose[purpose_id].append(
            Spot(purpose_id, tool_id, tool.name, dict(sorted(whys.items())))
        )
    for listed in by_purpose.values():
        listed.sort(key=lambda s: (-s.organisations, s.name.casefold(), s.tool_id))
    return by_purpose


def tool_organisations(state: CartographyState) -> dict[str, set[str]]:
    """Standing tool id -> the organisations that listed it (for any purpose)."""
    found: dict[str, set[str]] = {}
    for use in state.uses:
        org_id = state.organisation_of(use.author_id)
        if org_id is not None:
            found.setdefault(state.tool_of(use), set()).add(org_id)
    return found


def org_ratings(state: CartographyState) -> dict[tuple[str, str, str], float]:
    """(organisation, tool, dimension) -> the mean of its members' ratings."""
    values: dict[tuple[str, str, str], list[float]] = {}
    dimensions = {d.id for d in state.dimensions}
    for r in state.ratings:
        org_id = state.organisation_of(r.rater_id)
        tool = state.tool(r.tool_id)
        if org_id is None or tool is None or r.dimension_id not in dimensions:
            continue
        values.setdefault((org_id, tool.id, r.dimension_id), []).append(r.value)
    return {k: sum(v) / len(v) for k, v in values.items()}


def averages(state: CartographyState) -> dict[str, dict[str, float | None]]:
    """Tool id -> dimension id -> the mean of the organisations' averages (None: unrated)."""
    per_org = org_ratings(state)
    found: dict[tuple[str, str], list[float]] = {}
    for (_, tool_id, dimension_id), value in per_org.items():
        found.setdefault((tool_id, dimension_id), []).append(value)
    result: dict[str, dict[str, float | None]] = {}
    for tool in state.standing_tools():
        result[tool.id] = {
            d.id: (
                round(sum(found[(tool.id, d.id)]) / len(found[(tool.id, d.id)]), 2)
                if (tool.id, d.id) in found
                else None
            )
            for d in state.dimensions
        }
    return result


def raters(state: CartographyState) -> dict[str, int]:
    """Tool id -> how many people (imported organisations count as one) rated it."""
    found: dict[str, set[str]] = {}
    for r in state.ratings:
        tool = state.tool(r.tool_id)
        if tool is not None and state.organisation_of(r.rater_id) is not None:
            found.setdefault(tool.id, set()).add(r.rater_id)
    return {k: len(v) for k, v in found.items()}


def impact_class(value: float | None) -> str:
    if value is None:
        return "unrated"
    if value < -1:
        return "very_negative"
    if value < -0.34:
        return "negative"
    if value <= 0.34:
        return "neutral"
    if value <= 1:
        return "positive"
    return "very_positive"
