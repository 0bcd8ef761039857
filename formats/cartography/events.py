"""The cartography's events: what the log keeps, and how each changes the map."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from facilitation.protocol import EventTable, FormatEvent
from formats.cartography import headings, names
from formats.cartography.events_headings import (
    DimensionAdded,
    DimensionRemoved,
    DimensionRenamed,
    DimensionShown,
    PurposeAdded,
    PurposeRemoved,
    PurposeRenamed,
    ZoneSpotlit,
)
from formats.cartography.events_stakes import (
    StakeAdded,
    StakeDeleted,
    StakeEdited,
    StakeHidden,
    VoteAdded,
    VoteRemoved,
)
from formats.cartography.state import CartographyState, Named, Rating, Use
from formats.kit import items

Event = FormatEvent[CartographyState]


@dataclass(frozen=True)
class OrganisationAdded(Event):
    type = "cartography.organisation_added"
    organisation_id: str
    name: str

    def apply(self, state: CartographyState) -> CartographyState:
        org = Named(self.organisation_id, self.name)
        return replace(
            state,
            organisations=(*state.organisations, org),
            organisations_created=state.organisations_created + 1,
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class OrganisationChosen(Event):
    type = "cartography.organisation_chosen"
    participant_id: str
    organisation_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(
            state, members=_joined(state.members, self.participant_id, self.organisation_id)
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return None  # the organisation's other members may rate this member's tools now


@dataclass(frozen=True)
class ToolAdded(Event):
    type = "cartography.tool_added"
    tool_id: str
    name: str

    def apply(self, state: CartographyState) -> CartographyState:
        tool = Named(self.tool_id, self.name)
        return replace(state, tools=(*state.tools, tool), tools_created=state.tools_created + 1)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class UseAdded(Event):
    type = "cartography.use_added"
    use_id: str
    author_id: str
    tool_id: str
    purpose_ids: Sequence[str]
    why: str

    def apply(self, state: CartographyState) -> CartographyState:
        use = Use(self.use_id, self.author_id, self.tool_id, tuple(self.purpose_ids), self.why)
        return replace(state, uses=(*state.uses, use), uses_created=state.uses_created + 1)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return None  # every member of the author's organisation may rate the tool


@dataclass(frozen=True)
class UseChanged(Event):
    type = "cartography.use_changed"
    use_id: str
    purpose_ids: Sequence[str]
    why: str

    def apply(self, state: CartographyState) -> CartographyState:
        uses = items.changed(
            state.uses, self.use_id, purpose_ids=tuple(self.purpose_ids), why=self.why
        )
        return replace(state, uses=uses)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        use = state.use(self.use_id)
        return None if use is None else (use.author_id,)


@dataclass(frozen=True)
class UseRemoved(Event):
    type = "cartography.use_removed"
    use_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, uses=items.without(state.uses, self.use_id))


@dataclass(frozen=True)
class OrganisationsMerged(Event):
    type = "cartography.organisations_merged"
    organisation_id: str
    into_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        orgs = items.changed(state.organisations, self.organisation_id, merged_into=self.into_id)
        return replace(state, organisations=orgs)


@dataclass(frozen=True)
class ToolsMerged(Event):
    type = "cartography.tools_merged"
    tool_id: str
    into_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        tools = items.changed(state.tools, self.tool_id, merged_into=self.into_id)
        return replace(state, tools=tools)


@dataclass(frozen=True)
class Rated(Event):
    type = "cartography.rated"
    rater_id: str
    tool_id: str
    dimension_id: str
    value: int | None

    def apply(self, state: CartographyState) -> CartographyState:
        # A rating given before two tools were merged is this person's rating of the same tool:
        # tapping again replaces it too.
        tool = state.tool(self.tool_id)
        same = tuple(
            t.id for t in state.tools if tool is not None and state.tool(t.id) == tool
        ) or (self.tool_id,)
        ratings = state.ratings
        for tool_id in same:
            ratings = _rated(ratings, self.rater_id, tool_id, self.dimension_id, None)
        return replace(
            state,
            ratings=_rated(ratings, self.rater_id, self.tool_id, self.dimension_id, self.value),
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return (self.rater_id,)


@dataclass(frozen=True)
class RowsImported(Event):
    type = "cartography.rows_imported"
    uses: Sequence[Mapping[str, Any]]
    ratings: Sequence[Mapping[str, Any]]

    def apply(self, state: CartographyState) -> CartographyState:
        # Names are resolved here, by the rule typed names follow: the same log replayed on
        # the same state gives the same ids.
        members: dict[str, str] = {}  # organisation id -> its imported member

        def member(org_name: str) -> str:
            nonlocal state
            org = names.matching(state.organisations, org_name)
            if org is None:
                org = Named(f"o{state.organisations_created + 1}", names.tidy(org_name))
                state = replace(
                    state,
                    organisations=(*state.organisations, org),
                    organisations_created=state.organisations_created + 1,
                )
            if org.id not in members:
                member_id = f"i{state.members_imported + 1}"
                members[org.id] = member_id
                state = replace(
                    state,
                    members=(*state.members, (member_id, org.id)),
                    members_imported=state.members_imported + 1,
                )
            return members[org.id]

        def tool(name: str) -> str:
            nonlocal state
            found = names.matching(state.tools, name)
            if found is not None:
                return found.id
            new = Named(f"t{state.tools_created + 1}", names.tidy(name))
            state = replace(state, tools=(*state.tools, new), tools_created=state.tools_created + 1)
            return new.id

        for row in self.uses:
            author = member(row["organisation"])
            tool_id = tool(row["tool"])
            state, purpose_id = headings.purpose_for(state, row["purpose"], row.get("purpose_key"))
            use = Use(f"u{state.uses_created + 1}", author, tool_id, (purpose_id,), row["why"])
            state = replace(state, uses=(*state.uses, use), uses_created=state.uses_created + 1)
        for row in self.ratings:
            author = member(row["organisation"])
            tool_id = tool(row["tool"])
            state, dimension_id = headings.dimension_for(
                state, row["dimension"], row.get("dimension_key")
            )
            ratings = _rated(state.ratings, author, tool_id, dimension_id, row["value"])
            state = replace(state, ratings=ratings)
        return state


def _joined(
    members: tuple[tuple[str, str], ...], member_id: str, org_id: str
) -> tuple[tuple[str, str], ...]:
    return (*(m for m in members if m[0] != member_id), (member_id, org_id))


def _rated(
    ratings: tuple[Rating, ...],
    rater_id: str,
    tool_id: str,
    dimension_id: str,
    value: float | None,
) -> tuple[Rating, ...]:
    kept = tuple(
        r
        for r in ratings
        if (r.rater_id, r.tool_id, r.dimension_id) != (rater_id, tool_id, dimension_id)
    )
    return kept if value is None else (*kept, Rating(rater_id, tool_id, dimension_id, value))


EVENTS: EventTable[FormatEvent[CartographyState]] = EventTable(
    OrganisationAdded,
    OrganisationChosen,
    ToolAdded,
    UseAdded,
    UseChanged,
    UseRemoved,
    OrganisationsMerged,
    ToolsMerged,
    PurposeAdded,
    PurposeRenamed,
    PurposeRemoved,
    DimensionAdded,
    DimensionRenamed,
    DimensionRemoved,
    ZoneSpotlit,
    DimensionShown,
    Rated,
    RowsImported,
    StakeAdded,
    StakeEdited,
    StakeDeleted,
    StakeHidden,
    VoteAdded,
    VoteRemoved,
)
