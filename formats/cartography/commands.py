"""The cartography's commands: who may send each in which step, its payload, and what it
decides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from facilitation.fields import ABSENT, Bool, Field, Id, Ids, OneOf, Text
from facilitation.protocol import CommandTable, Payload, Rule, StepContext, TypedEvent
from facilitation.types import Rejected, Role
from formats.cartography import events as e
from formats.cartography import events_headings as eh
from formats.cartography import events_stakes as es
from formats.cartography import headings, names
from formats.cartography.csv_import import read_csv
from formats.cartography.state import KINDS, SCALE, WHYS, CartographyState, Heading, Named, Stake
from formats.kit import contributions
from formats.kit.items import found

ORGANISATION_MAX = 80
TOOL_MAX = 60
HEADING_MAX = 60
STAKE_MAX = 280
PURPOSES_MAX = 12
DIMENSIONS_MAX = 8
# A command travels in one Socket.IO message (64 KiB by default, escapes included).
CSV_MAX = 40_000

INVENTORY = "inventory"
MAP = "map"
IMPACTS = "impacts"
STAKES = "stakes"
VOTE = "vote"
RESULTS = "results"

FACILITATOR = Role.FACILITATOR
SCRIBE = Role.SCRIBE
PARTICIPANT = Role.PARTICIPANT

LISTING = [INVENTORY, MAP]
# The map is tidied while it is read, and while impacts are rated.
TIDYING = Rule.of(FACILITATOR, steps=[INVENTORY, MAP, IMPACTS])

COMMANDS: CommandTable[CartographyState, StepContext] = CommandTable()
Decided = list[TypedEvent]


@dataclass(frozen=True)
class Score(Field):
    """A rating on the scale, or null to take it back."""

    minimum: int = min(SCALE)
    maximum: int = max(SCALE)
    kind: ClassVar[str] = "int"

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "min": self.minimum, "max": self.maximum}

    def read(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.invalid()
        if not self.minimum <= value <= self.maximum:
            raise self.invalid(min=self.minimum, max=self.maximum)
        return value


# -- organisations and tools ---------------------------------------------------------------------


@COMMANDS.command(
    "cartography.set_organisation",
    Rule.of(PARTICIPANT, steps=[INVENTORY, MAP, IMPACTS]),
    Text("name", max_length=ORGANISATION_MAX),
)
def set_organisation(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    decided: Decided = []
    org = names.matching(state.organisations, p["name"])
    if org is None:
        org = Named(f"o{state.organisations_created + 1}", names.tidy(p["name"]))
        decided.append(e.OrganisationAdded(org.id, org.name))
    return [*decided, e.OrganisationChosen(ctx.actor.id, org.id)]


def _purposes(state: CartographyState, purpose_ids: list[str]) -> list[str]:
    if not purpose_ids:
        raise Rejected("invalid_payload", field="purpose_ids")
    return [found(state.purpose(pid)).id for pid in purpose_ids]


@COMMANDS.command(
    "cartography.add_use",
    Rule.of(PARTICIPANT, steps=LISTING),
    Text("tool", max_length=TOOL_MAX),
    Ids("purpose_ids", max_items=PURPOSES_MAX),
    OneOf("why", choices=WHYS),
)
def add_use(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    if state.organisation_of(ctx.actor.id) is None:
        raise Rejected("no_organisation")
    purpose_ids = _purposes(state, p["purpose_ids"])
    decided: Decided = []
    tool = names.matching(state.tools, p["tool"])
    if tool is None:
        tool = Named(f"t{state.tools_created + 1}", names.tidy(p["tool"]))
        decided.append(e.ToolAdded(tool.id, tool.name))
    elif any(u.author_id == ctx.actor.id and state.tool_of(u) == tool.id for u in state.uses):
        raise Rejected("already_listed")
    use_id = f"u{state.uses_created + 1}"
    return [*decided, e.UseAdded(use_id, ctx.actor.id, tool.id, purpose_ids, p["why"])]


@COMMANDS.command(
    "cartography.edit_use",
    Rule.of(PARTICIPANT, steps=LISTING),
    Id("use_id"),
    Ids("purpose_ids", max_items=PURPOSES_MAX, default=ABSENT),
    OneOf("why", choices=WHYS, default=ABSENT),
)
def edit_use(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    use = found(state.use(p["use_id"]))
    contributions.check_author(use.author_id, ctx.actor)
    purpose_ids = _purposes(state, p["purpose_ids"]) if "purpose_ids" in p else use.purpose_ids
    return [e.UseChanged(use.id, list(purpose_ids), p.get("why", use.why))]


@COMMANDS.command(
    "cartography.remove_use",
    Rule.of(PARTICIPANT, steps=LISTING) | TIDYING,
    Id("use_id"),
)
def remove_use(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    use = found(state.use(p["use_id"]))
    contributions.check_author(use.author_id, ctx.actor)
    return [e.UseRemoved(use.id)]


def _standing(item: Named | None, item_id: str) -> Named:
    # An absorbed organisation or tool is gone as far as commands go.
    if item is None or item.id != item_id:
        raise Rejected("not_found")
    return item


@COMMANDS.command("cartography.merge_organisations", TIDYING, Id("organisation_id"), Id("into_id"))
def merge_organisations(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    org = _standing(state.organisation(p["organisation_id"]), p["organisation_id"])
    into = _standing(state.organisation(p["into_id"]), p["into_id"])
    if org.id == into.id:
        raise Rejected("merge_self")
    return [e.OrganisationsMerged(org.id, into.id)]


@COMMANDS.command("cartography.merge_tools", TIDYING, Id("tool_id"), Id("into_id"))
def merge_tools(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    tool = _standing(state.tool(p["tool_id"]), p["tool_id"])
    into = _standing(state.tool(p["into_id"]), p["into_id"])
    if tool.id == into.id:
        raise Rejected("merge_self")
    return [e.ToolsMerged(tool.id, into.id)]


# -- purposes and dimensions ---------------------------------------------------------------------


def _free(kind: str, existing: tuple[Heading, ...], title: str, but: str | None = None) -> None:
    """A title no other purpose (or dimension) has, in any language."""
    same = headings.find(kind, existing, title, None)
    if same is not None and same.id != but:
        raise Rejected("name_taken")


@COMMANDS.command(
    "cartography.add_purpose",
    Rule.of(FACILITATOR, steps=LISTING),
    Text("title", max_length=HEADING_MAX),
)
def add_purpose(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    if len(state.purposes) >= PURPOSES_MAX:
        raise Rejected("too_many", max=PURPOSES_MAX)
    _free(headings.PURPOSE, state.purposes, p["title"])
    return [eh.PurposeAdded(f"z{state.purposes_created + 1}", names.tidy(p["title"]))]


@COMMANDS.command(
    "cartography.rename_purpose", TIDYING, Id("purpose_id"), Text("title", max_length=HEADING_MAX)
)
def rename_purpose(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    purpose = found(state.purpose(p["purpose_id"]))
    _free(headings.PURPOSE, state.purposes, p["title"], but=purpose.id)
    return [eh.PurposeRenamed(purpose.id, names.tidy(p["title"]))]


@COMMANDS.command(
    "cartography.remove_purpose", Rule.of(FACILITATOR, steps=LISTING), Id("purpose_id")
)
def remove_purpose(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    purpose = found(state.purpose(p["purpose_id"]))
    if any(purpose.id in u.purpose_ids for u in state.uses):
        raise Rejected("in_use")
    return [eh.PurposeRemoved(purpose.id)]


@COMMANDS.command("cartography.add_dimension", TIDYING, Text("title", max_length=HEADING_MAX))
def add_dimension(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    if len(state.dimensions) >= DIMENSIONS_MAX:
        raise Rejected("too_many", max=DIMENSIONS_MAX)
    _free(headings.DIMENSION, state.dimensions, p["title"])
    return [eh.DimensionAdded(f"d{state.dimensions_created + 1}", names.tidy(p["title"]))]


@COMMANDS.command(
    "cartography.rename_dimension",
    TIDYING,
    Id("dimension_id"),
    Text("title", max_length=HEADING_MAX),
)
def rename_dimension(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    dimension = found(state.dimension(p["dimension_id"]))
    _free(headings.DIMENSION, state.dimensions, p["title"], but=dimension.id)
    return [eh.DimensionRenamed(dimension.id, names.tidy(p["title"]))]


@COMMANDS.command("cartography.remove_dimension", TIDYING, Id("dimension_id"))
def remove_dimension(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    dimension = found(state.dimension(p["dimension_id"]))
    if any(r.dimension_id == dimension.id for r in state.ratings):
        raise Rejected("in_use")
    return [eh.DimensionRemoved(dimension.id)]


@COMMANDS.command(
    "cartography.spotlight_zone",
    Rule.of(FACILITATOR, steps=[MAP, IMPACTS]),
    Id("purpose_id", nullable=True),
)
def spotlight_zone(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    purpose_id = p["purpose_id"]
    if purpose_id is not None:
        found(state.purpose(purpose_id))
    return [eh.ZoneSpotlit(purpose_id)]


@COMMANDS.command(
    "cartography.show_dimension",
    Rule.of(FACILITATOR, steps=[IMPACTS, STAKES, VOTE, RESULTS]),
    Id("dimension_id", nullable=True),
)
def show_dimension(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    dimension_id = p["dimension_id"]
    if dimension_id is not None:
        found(state.dimension(dimension_id))
    return [eh.DimensionShown(dimension_id)]


# -- impacts and imports -------------------------------------------------------------------------


@COMMANDS.command(
    "cartography.rate",
    Rule.of(PARTICIPANT, steps=[IMPACTS]),
    Id("tool_id"),
    Id("dimension_id"),
    Score("value"),
)
def rate(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    tool = found(state.tool(p["tool_id"]))
    dimension = found(state.dimension(p["dimension_id"]))
    org_id = state.organisation_of(ctx.actor.id)
    if org_id is None:
        raise Rejected("no_organisation")
    if tool.id not in state.tools_of_organisation(org_id):
        raise Rejected("not_used")
    return [e.Rated(ctx.actor.id, tool.id, dimension.id, p["value"])]


@COMMANDS.command(
    "cartography.import_csv",
    TIDYING,
    Text("csv", max_length=CSV_MAX),
    contribution=False,
)
def import_csv(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    uses, ratings = read_csv(p["csv"])
    return [e.RowsImported(uses, ratings)]


# -- stakes and criteria -------------------------------------------------------------------------


def _stake(state: CartographyState, stake_id: str, include_hidden: bool = False) -> Stake:
    stake = state.stake(stake_id)
    if stake is None or (stake.hidden and not include_hidden):
        raise Rejected("not_found")
    return stake


@COMMANDS.command(
    "cartography.add_stake",
    Rule.of(PARTICIPANT, SCRIBE, FACILITATOR, steps=[STAKES]),
    OneOf("kind", choices=KINDS),
    Text("text", max_length=STAKE_MAX),
)
def add_stake(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake_id = f"s{state.stakes_created + 1}"
    return [es.StakeAdded(stake_id, ctx.actor.id, p["kind"], p["text"])]


@COMMANDS.command(
    "cartography.edit_stake",
    Rule.of(PARTICIPANT, steps=[STAKES]) | Rule.of(FACILITATOR, steps=[STAKES, VOTE]),
    Id("stake_id"),
    Text("text", max_length=STAKE_MAX),
)
def edit_stake(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake = _stake(state, p["stake_id"])
    contributions.check_author(stake.author_id, ctx.actor)
    moderated = contributions.moderator(stake.author_id, ctx.actor) is not None
    return [es.StakeEdited(stake.id, p["text"], moderated)]


@COMMANDS.command("cartography.delete_stake", Rule.of(PARTICIPANT, steps=[STAKES]), Id("stake_id"))
def delete_stake(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake = _stake(state, p["stake_id"])
    contributions.check_author(stake.author_id, ctx.actor)
    return [es.StakeDeleted(stake.id)]


@COMMANDS.command(
    "cartography.hide_stake",
    Rule.of(FACILITATOR, steps=[STAKES, VOTE]),
    Id("stake_id"),
    Bool("hidden", default=True),
)
def hide_stake(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake = _stake(state, p["stake_id"], include_hidden=True)
    return [es.StakeHidden(stake.id, p["hidden"])]


@COMMANDS.command("cartography.add_vote", Rule.of(PARTICIPANT, steps=[VOTE]), Id("stake_id"))
def add_vote(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake = _stake(state, p["stake_id"])
    kinds = {s.id: s.kind for s in state.stakes}
    used = sum(1 for v, sid in state.votes if v == ctx.actor.id and kinds.get(sid) == stake.kind)
    if used >= state.dots:
        raise Rejected("no_dots_left")
    return [es.VoteAdded(stake.id, ctx.actor.id)]


@COMMANDS.command("cartography.remove_vote", Rule.of(PARTICIPANT, steps=[VOTE]), Id("stake_id"))
def remove_vote(state: CartographyState, p: Payload, ctx: StepContext) -> Decided:
    stake = _stake(state, p["stake_id"])
    if (ctx.actor.id, stake.id) not in state.votes:
        raise Rejected("no_vote_here")
    return [es.VoteRemoved(stake.id, ctx.actor.id)]
