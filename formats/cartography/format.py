"""The cartography of digital usages, declared: its steps, settings, commands, events and
words."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from facilitation.fields import Field, Int, Lines
from facilitation.hooks import DataRow, Picture
from facilitation.messages import translate
from facilitation.protocol import (
    ANONYMOUS,
    CommandSpec,
    FormatEvent,
    MinutesContext,
    Step,
    StepContext,
    ViewContext,
)
from formats.cartography import headings, picture, view
from formats.cartography.commands import (
    COMMANDS,
    DIMENSIONS_MAX,
    HEADING_MAX,
    IMPACTS,
    INVENTORY,
    MAP,
    PURPOSES_MAX,
    RESULTS,
    STAKES,
    VOTE,
)
from formats.cartography.data import cartography_rows
from formats.cartography.events import EVENTS
from formats.cartography.messages import MESSAGES
from formats.cartography.minutes import cartography_minutes
from formats.cartography.state import CartographyState


class Cartography:
    name = "cartography"
    version = 1
    steps: tuple[Step, ...] = (
        Step(INVENTORY, 15, ready=True),
        Step(MAP, 10),
        Step(IMPACTS, 15, ready=True),
        Step(STAKES, 15),
        Step(VOTE, 5, ready=True),
        Step(RESULTS, 5),
    )
    roles: tuple[str, ...] = ()
    # The map names organisations; people stay unnamed unless the facilitator chooses.
    anonymity = ANONYMOUS
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (
        Lines("purposes", max_items=PURPOSES_MAX, max_length=HEADING_MAX),
        Lines("dimensions", max_items=DIMENSIONS_MAX, max_length=HEADING_MAX),
        Int("dots", default=3, minimum=1, maximum=10),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> CartographyState:
        purposes = headings.defaults(headings.PURPOSE, list(config.get("purposes", [])))
        dimensions = headings.defaults(headings.DIMENSION, list(config.get("dimensions", [])))
        return CartographyState(
            dots=config.get("dots", 3),
            purposes=purposes,
            dimensions=dimensions,
            purposes_created=len(purposes),
            dimensions_created=len(dimensions),
        )

    def view(self, state: CartographyState, ctx: ViewContext) -> dict[str, Any]:
        return view.cartography_view(state, ctx)

    def private_views(
        self, state: CartographyState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return view.private_views(state, ctx, participant_ids)

    def item_text(self, state: CartographyState, item_id: str) -> str | None:
        return view.item_text(state, item_id)

    def minutes(self, state: CartographyState, ctx: MinutesContext) -> str:
        return cartography_minutes(state, ctx)

    def data_rows(self, state: CartographyState, ctx: MinutesContext) -> list[DataRow]:
        return cartography_rows(state, ctx)

    def pictures(self, state: CartographyState, ctx: MinutesContext) -> list[Picture]:
        if not state.uses:
            return []
        words = {
            w: translate(MESSAGES, f"why.{w}", ctx.lang) for w in ("necessity", "choice", "mixed")
        }
        drawn = view.the_map(state)
        title = translate(MESSAGES, "minutes.map", ctx.lang)
        return [Picture(title, picture.svg(drawn, ctx.lang, words))]
