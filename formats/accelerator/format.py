"""The project accelerator, declared: its steps, settings, commands, events and words.

A project holder brings a problem, the group helps in six time-boxed steps: presentation,
clarification questions, the request, exchanges (the holder listens), synthesis and action plan,
closing round. The holder is a participant given the format role "holder"; the scribe is the
engine's scribe (a link), and a facilitator may do whatever the scribe does, for workshops
without one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from facilitation.fields import Field, Text
from facilitation.hooks import DataRow, DatedItem
from facilitation.protocol import (
    NAMED,
    CommandSpec,
    FormatEvent,
    MinutesContext,
    Step,
    StepContext,
    ViewContext,
)
from formats.accelerator import view
from formats.accelerator.commands import (
    CLOSING,
    COMMANDS,
    EXCHANGES,
    NAME_MAX,
    PRESENTATION,
    PROBLEM_MAX,
    PROJECT_MAX,
    QUESTIONS,
    REQUEST,
    SYNTHESIS,
)
from formats.accelerator.data import accelerator_dated, accelerator_rows
from formats.accelerator.events import EVENTS
from formats.accelerator.messages import MESSAGES
from formats.accelerator.minutes import accelerator_minutes
from formats.accelerator.state import HOLDER, AcceleratorState


class Accelerator:
    name = "accelerator"
    version = 1
    steps: tuple[Step, ...] = (
        Step(PRESENTATION, 10),
        # "I'm done": I have no more questions / nothing more to add.
        Step(QUESTIONS, 10, ready=True),
        Step(REQUEST, 5),
        Step(EXCHANGES, 20, ready=True),
        Step(SYNTHESIS, 10),
        Step(CLOSING, 5),
    )
    roles: tuple[str, ...] = (HOLDER,)
    # People speak in their own name in an accelerator, and the minutes say who brought what:
    # the facilitator may still choose pseudonyms or anonymity when adding the activity.
    anonymity = NAMED
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (
        Text("project", max_length=PROJECT_MAX, required=False),
        Text("problem", max_length=PROBLEM_MAX, required=False),
        Text("scribe", max_length=NAME_MAX, required=False),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> AcceleratorState:
        return AcceleratorState(
            project=config.get("project", ""),
            problem=config.get("problem", ""),
            scribe_name=config.get("scribe", ""),
        )

    def view(self, state: AcceleratorState, ctx: ViewContext) -> dict[str, Any]:
        return view.accelerator_view(state, ctx)

    def private_views(
        self, state: AcceleratorState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return view.private_views(state, ctx, participant_ids)

    def item_text(self, state: AcceleratorState, item_id: str) -> str | None:
        return view.item_text(state, item_id)

    def minutes(self, state: AcceleratorState, ctx: MinutesContext) -> str:
        return accelerator_minutes(state, ctx, [s.key for s in self.steps])

    def data_rows(self, state: AcceleratorState, ctx: MinutesContext) -> list[DataRow]:
        return accelerator_rows(state, ctx)

    def dated_items(self, state: AcceleratorState, ctx: MinutesContext) -> list[DatedItem]:
        return accelerator_dated(state, ctx)
