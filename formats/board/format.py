"""The sticky-note board, declared: its steps, settings, commands, events and words."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from facilitation.fields import Field, Int, Lines, Text
from facilitation.hooks import DataRow
from facilitation.protocol import (
    ANONYMOUS,
    CommandSpec,
    FormatEvent,
    MinutesContext,
    Step,
    StepContext,
    ViewContext,
)
from formats.board import view
from formats.board.commands import COMMANDS, GROUP_TITLE_MAX
from formats.board.data import board_rows
from formats.board.events import EVENTS
from formats.board.messages import MESSAGES
from formats.board.minutes import board_minutes
from formats.board.state import BoardState
from formats.kit.themes import Theme


class Board:
    name = "board"
    version = 1
    steps: tuple[Step, ...] = (
        Step("write", 5, ready=True, private=True),
        Step("reveal", 3),
        Step("group", 10, optional=True),
        Step("vote", 5, ready=True),
        Step("results", 5),
    )
    roles: tuple[str, ...] = ()
    anonymity = ANONYMOUS
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (
        Text("question", max_length=200),
        Lines("columns", max_items=8, max_length=GROUP_TITLE_MAX),
        Int("dots", default=3, minimum=1, maximum=10),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> BoardState:
        # Columns given in the settings are the first themes.
        columns = tuple(Theme(f"g{i}", title) for i, title in enumerate(config["columns"], 1))
        return BoardState(
            question=config["question"],
            dots=config["dots"],
            groups=columns,
            groups_created=len(columns),
        )

    def view(self, state: BoardState, ctx: ViewContext) -> dict[str, Any]:
        return view.board_view(state, ctx)

    def private_views(
        self, state: BoardState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return view.private_views(state, ctx, participant_ids)

    def item_text(self, state: BoardState, item_id: str) -> str | None:
        return view.item_text(state, item_id)

    def minutes(self, state: BoardState, ctx: MinutesContext) -> str:
        return board_minutes(state, ctx, view.ranking(state, ctx.hands, ctx.authors))

    def data_rows(self, state: BoardState, ctx: MinutesContext) -> list[DataRow]:
        return board_rows(state, ctx)
