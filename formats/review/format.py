"""The three-year review, declared: its steps, settings, commands, events and words.

Seed 000 (Clim'Actions): "faire le bilan partagé des 3 dernières années, construire le projet
des 3 prochaines années", with "critères de satisfaction individuels et collectifs".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from facilitation.fields import Field, Int, Lines, Text
from facilitation.hooks import DataRow, DatedItem, Picture
from facilitation.protocol import (
    NAMED,
    CommandSpec,
    FormatEvent,
    MinutesContext,
    Step,
    StepContext,
    ViewContext,
)
from formats.review import picture, view
from formats.review.commands import COMMANDS
from formats.review.data import review_dated_items, review_rows
from formats.review.events import EVENTS
from formats.review.limits import (
    AXES_MAX,
    AXIS_MAX,
    DOTS_MAX,
    TITLE_MAX,
    YEAR_MAX,
    YEAR_MIN,
)
from formats.review.messages import MESSAGES
from formats.review.minutes import review_minutes
from formats.review.state import (
    ASPIRATIONS,
    AXIS_KEYS,
    COMMITMENTS,
    LOOKING_BACK,
    PRIORITIES,
    TIMELINE,
    Axis,
    ReviewState,
)


@dataclass(frozen=True)
class FirstYear(Int):
    """0 (not set yet: the facilitator sets it during the workshop) or a plausible year."""

    kind: ClassVar[str] = "int"

    def read(self, value: Any) -> int:
        year = super().read(value)
        if year and not YEAR_MIN <= year <= YEAR_MAX:
            raise self.invalid(min=YEAR_MIN, max=YEAR_MAX)
        return year


class Review:
    name = "review"
    version = 1
    steps: tuple[Step, ...] = (
        # "I'm done": my events are on the frieze; my reflections and dots are given; my
        # objectives are proposed; every objective is rated.
        Step(TIMELINE, 15, ready=True),
        Step(LOOKING_BACK, 20, ready=True),
        Step(ASPIRATIONS, 20, ready=True),
        Step(PRIORITIES, 10, ready=True),
        Step(COMMITMENTS, 20),
    )
    roles: tuple[str, ...] = ()
    # A project built together, in the open; a facilitator may choose pseudonyms or anonymity
    # when adding the activity.
    anonymity = NAMED
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (
        Text("title", max_length=TITLE_MAX, required=False),
        FirstYear("first_year", default=0, minimum=0, maximum=YEAR_MAX),
        Lines("axes", max_items=AXES_MAX, max_length=AXIS_MAX),
        Int("dots", default=3, minimum=1, maximum=DOTS_MAX),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> ReviewState:
        typed = list(config.get("axes", []))
        if typed:
            axes = tuple(Axis(f"a{i}", title) for i, title in enumerate(typed, 1))
        else:
            # The seed's four axes, titled in the language of each screen and document.
            axes = tuple(
                Axis(f"a{i}", MESSAGES["fr"][f"axis.{key}"], key)
                for i, key in enumerate(AXIS_KEYS, 1)
            )
        return ReviewState(
            title=config.get("title", ""),
            first_year=config.get("first_year", 0),
            dots=config.get("dots", 3),
            axes=axes,
            made=len(axes),
        )

    def view(self, state: ReviewState, ctx: ViewContext) -> dict[str, Any]:
        return view.review_view(state, ctx)

    def private_views(
        self, state: ReviewState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return view.private_views(state, ctx, participant_ids)

    def item_text(self, state: ReviewState, item_id: str) -> str | None:
        return view.item_text(state, item_id)

    def minutes(self, state: ReviewState, ctx: MinutesContext) -> str:
        return review_minutes(state, ctx)

    def data_rows(self, state: ReviewState, ctx: MinutesContext) -> list[DataRow]:
        return review_rows(state, ctx)

    def dated_items(self, state: ReviewState, ctx: MinutesContext) -> list[DatedItem]:
        return review_dated_items(state, ctx)

    def pictures(self, state: ReviewState, ctx: MinutesContext) -> list[Picture]:
        return picture.pictures(state, ctx)
