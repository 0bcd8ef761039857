"""The check-in, declared."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from fabrique_checkin.commands import COMMANDS
from fabrique_checkin.events import EVENTS
from fabrique_checkin.messages import MESSAGES
from fabrique_checkin.state import CheckinState
from facilitation.fields import Field, Text
from facilitation.hooks import Picture
from facilitation.markdown import escape
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


class Checkin:
    name = "checkin"
    version = 1
    steps: tuple[Step, ...] = (Step("share", 3, private=True), Step("read", 5))
    roles: tuple[str, ...] = ()
    anonymity = ANONYMOUS
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (Text("question", max_length=120, required=False),)
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> CheckinState:
        return CheckinState(question=config.get("question", ""))

    def view(self, state: CheckinState, ctx: ViewContext) -> dict[str, Any]:
        shown = ctx.step == "read" or ctx.revealed
        return {
            "question": state.question,
            "count": len(state.words),
            "words": sorted(state.words.values()) if shown else [],
        }

    def private_views(
        self, state: CheckinState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return {pid: {"text": state.words.get(pid, "")} for pid in participant_ids}

    def item_text(self, state: CheckinState, item_id: str) -> str | None:
        return state.words.get(item_id)

    def minutes(self, state: CheckinState, ctx: MinutesContext) -> str:
        title = translate(MESSAGES, "minutes.words", ctx.lang)
        lines = [f"### {title}", ""] + [f"- {escape(w)}" for w in sorted(state.words.values())]
        return "\n".join(lines) + "\n"

    def pictures(self, state: CheckinState, ctx: MinutesContext) -> list[Picture]:
        """The words as a row of bubbles: a figure of the minutes (the SVG hook)."""
        words = sorted(state.words.values())
        if not words:
            return []
        bubbles = "".join(
            f'<circle cx="{60 + 120 * i}" cy="60" r="50" fill="#cde8d2"/>'
            f'<text x="{60 + 120 * i}" y="66" text-anchor="middle">{escape_xml(w)}</text>'
            for i, w in enumerate(words)
        )
        width = 120 * len(words)
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="120" '
            f'viewBox="0 0 {width} 120">{bubbles}</svg>'
        )
        return [Picture(translate(MESSAGES, "minutes.words", ctx.lang), svg)]


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
