"""The cartography's events about its headings: purposes (the map's zones) and impact
dimensions, the zone in the spotlight and the dimension the map shows."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from facilitation.protocol import FormatEvent
from formats.cartography.state import CartographyState, Heading
from formats.kit import items

Event = FormatEvent[CartographyState]


@dataclass(frozen=True)
class PurposeAdded(Event):
    type = "cartography.purpose_added"
    purpose_id: str
    title: str
    # A default's key (imports bring defaults of another session by their key).
    key: str | None = None

    def apply(self, state: CartographyState) -> CartographyState:
        purpose = Heading(self.purpose_id, self.key, self.title)
        return replace(
            state,
            purposes=(*state.purposes, purpose),
            purposes_created=state.purposes_created + 1,
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class PurposeRenamed(Event):
    type = "cartography.purpose_renamed"
    purpose_id: str
    title: str

    def apply(self, state: CartographyState) -> CartographyState:
        # A renamed default is a typed title from then on.
        purposes = items.changed(state.purposes, self.purpose_id, title=self.title, key=None)
        return replace(state, purposes=purposes)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class PurposeRemoved(Event):
    type = "cartography.purpose_removed"
    purpose_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        spotlight = None if state.spotlight == self.purpose_id else state.spotlight
        return replace(
            state, purposes=items.without(state.purposes, self.purpose_id), spotlight=spotlight
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class DimensionAdded(Event):
    type = "cartography.dimension_added"
    dimension_id: str
    title: str
    key: str | None = None

    def apply(self, state: CartographyState) -> CartographyState:
        dimension = Heading(self.dimension_id, self.key, self.title)
        return replace(
            state,
            dimensions=(*state.dimensions, dimension),
            dimensions_created=state.dimensions_created + 1,
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class DimensionRenamed(Event):
    type = "cartography.dimension_renamed"
    dimension_id: str
    title: str

    def apply(self, state: CartographyState) -> CartographyState:
        dimensions = items.changed(state.dimensions, self.dimension_id, title=self.title, key=None)
        return replace(state, dimensions=dimensions)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class DimensionRemoved(Event):
    type = "cartography.dimension_removed"
    dimension_id: str

    def apply(self, state: CartographyState) -> CartographyState:
        shown = None if state.shown_dimension == self.dimension_id else state.shown_dimension
        return replace(
            state,
            dimensions=items.without(state.dimensions, self.dimension_id),
            shown_dimension=shown,
        )

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class ZoneSpotlit(Event):
    type = "cartography.zone_spotlit"
    purpose_id: str | None

    def undo_detail(self) -> str:
        return "on" if self.purpose_id else "off"

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, spotlight=self.purpose_id)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()


@dataclass(frozen=True)
class DimensionShown(Event):
    type = "cartography.dimension_shown"
    dimension_id: str | None

    def undo_detail(self) -> str:
        return "on" if self.dimension_id else "off"

    def apply(self, state: CartographyState) -> CartographyState:
        return replace(state, shown_dimension=self.dimension_id)

    def concerns(self, state: CartographyState) -> Collection[str] | None:
        return ()
