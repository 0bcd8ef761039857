"""The consent decision, declared: its steps, settings, commands, events and words.

A proposer (a participant given the format role "proposer", or the facilitator) brings a
written proposal; the group clarifies it, reacts, the proposer amends; each person gives a
position (consent, consent with a concern, objection with its reason), hidden until everyone has
answered or the facilitator reveals; each objection is examined and integrated by an amendment
(a new version, a new round) or set aside, or withdrawn by its author; the proposal is adopted
when no reasoned objection remains, or postponed, or withdrawn.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from facilitation.fields import Field, Int, Text
from facilitation.hooks import DataRow, DecisionEntry
from facilitation.protocol import (
    NAMED,
    CommandSpec,
    FormatEvent,
    MinutesContext,
    Step,
    StepContext,
    ViewContext,
)
from formats.consent import view
from formats.consent.commands import COMMANDS, PROPOSAL_MAX, TITLE_MAX
from formats.consent.data import consent_decisions, consent_rows
from formats.consent.events import EVENTS
from formats.consent.messages import MESSAGES
from formats.consent.minutes import consent_minutes
from formats.consent.rules import (
    AMENDMENT,
    CLARIFICATION,
    DECISION,
    INTEGRATION,
    OBJECTIONS,
    PROPOSAL,
    REACTIONS,
)
from formats.consent.state import PROPOSER, ConsentState, Version

QUORUM_MAX = 1000


class Consent:
    name = "consent"
    version = 1
    steps: tuple[Step, ...] = (
        Step(PROPOSAL, 5),
        # "I'm done": no more questions; my reaction is given.
        Step(CLARIFICATION, 10, ready=True),
        Step(REACTIONS, 10, ready=True),
        Step(AMENDMENT, 5, optional=True),
        Step(OBJECTIONS, 5),
        Step(INTEGRATION, 15),
        Step(DECISION, 5),
    )
    roles: tuple[str, ...] = (PROPOSER,)
    # Decisions of an association are usually taken in the open; a facilitator may choose
    # pseudonyms or anonymity when adding the activity.
    anonymity = NAMED
    commands: Mapping[str, CommandSpec[Any, StepContext]] = COMMANDS
    events: Mapping[str, type[FormatEvent[Any]]] = EVENTS
    config_fields: tuple[Field, ...] = (
        Text("title", max_length=TITLE_MAX, required=False),
        Text("proposal", max_length=PROPOSAL_MAX, required=False),
        Int("quorum", default=0, minimum=0, maximum=QUORUM_MAX),
    )
    messages: Mapping[str, Mapping[str, str]] = MESSAGES
    web: Path | None = Path(__file__).parent / "web"

    def initial_state(self, config: Mapping[str, Any]) -> ConsentState:
        text = config.get("proposal", "")
        versions = (Version(1, text, "facilitator"),) if text else ()
        return ConsentState(
            title=config.get("title", ""), quorum=config.get("quorum", 0), versions=versions
        )

    def view(self, state: ConsentState, ctx: ViewContext) -> dict[str, Any]:
        return view.consent_view(state, ctx)

    def private_views(
        self, state: ConsentState, ctx: ViewContext, participant_ids: Collection[str]
    ) -> dict[str, dict[str, Any]]:
        return view.private_views(state, ctx, participant_ids)

    def item_text(self, state: ConsentState, item_id: str) -> str | None:
        return view.item_text(state, item_id)

    def minutes(self, state: ConsentState, ctx: MinutesContext) -> str:
        return consent_minutes(state, ctx)

    def data_rows(self, state: ConsentState, ctx: MinutesContext) -> list[DataRow]:
        return consent_rows(state, ctx)

    def decisions(self, state: ConsentState, ctx: MinutesContext) -> list[DecisionEntry]:
        return consent_decisions(state, ctx)
