"""What every screen sees of the map (one view for every role), and each phone's own part."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.protocol import Authors, ViewContext
from facilitation.types import Role
from formats.cartography import headings, tally
from formats.cartography.layout import PORTRAIT, Zone, layout
from formats.cartography.state import KINDS, SCALE, CartographyState, is_imported
from formats.kit import contributions, dots

# Steps from which each part shows.
RATED = ("impacts", "stakes", "vote", "results")
WRITTEN = ("stakes", "vote", "results")


# The last map laid out, with the state and dimension it was drawn for. Every role's view of a
# change (phones, room, console, the console's preview) holds the same map: laying it out takes
# tens of milliseconds on a full board, so it is done once per state. States are never changed
# in place, and no view is changed once built, so the one dict serves them all.
_last: tuple[CartographyState, str | None, dict[str, Any]] | None = None


def the_map(state: CartographyState, shown_dimension: str | None = None) -> dict[str, Any]:
    """The layout of the map, impacts on the marks when a dimension is shown."""
    global _last
    if _last is not None and _last[0] is state and _last[1] == shown_dimension:
        return _last[2]
    zones = [Zone(p.id, headings.titles(headings.PURPOSE, p)) for p in state.purposes]
    spots = tally.spots(state)
    drawn = layout(zones, spots, state.spotlight)
    # The same map for phones held upright: zones and type sized for a narrow screen.
    upright = layout(zones, spots, state.spotlight, PORTRAIT)
    if shown_dimension is not None:
        averages = tally.averages(state)
        for mark in [*drawn["marks"], *upright["marks"]]:
            value = averages.get(mark["tool_id"], {}).get(shown_dimension)
            mark["impact"] = value
            mark["impact_class"] = tally.impact_class(value)
    drawn["portrait"] = upright
    _last = (state, shown_dimension, drawn)
    return drawn


def cartography_view(state: CartographyState, ctx: ViewContext) -> dict[str, Any]:
    spots = tally.spots(state)
    used_by = tally.tool_organisations(state)
    members: dict[str, int] = {}
    for member_id, _ in state.members:
        org_id = state.organisation_of(member_id)
        if org_id is not None:
            members[org_id] = members.get(org_id, 0) + 1
    rated = ctx.step in RATED
    shown = state.shown_dimension if rated else None
    view: dict[str, Any] = {
        "dots": state.dots,
        "scale": list(SCALE),
        "purposes": [
            {
                "id": p.id,
                "key": p.key if not p.title else None,
                "title": headings.titles(headings.PURPOSE, p),
                "tool_count": len(spots.get(p.id, [])),
            }
            for p in state.purposes
        ],
        "dimensions": [
            {
                "id": d.id,
                "key": d.key if not d.title else None,
                "title": headings.titles(headings.DIMENSION, d),
            }
            for d in state.dimensions
        ],
        "organisations": [
            {
                "id": o.id,
                "name": o.name,
                "members": members.get(o.id, 0),
                "merged": _absorbed(state.organisations, o.id),
            }
            for o in state.standing_organisations()
        ],
        "tools": [
            {
                "id": t.id,
                "name": t.name,
                "organisations": len(used_by.get(t.id, ())),
                "merged": _absorbed(state.tools, t.id),
            }
            for t in state.standing_tools()
        ],
        "participants_with_organisation": sum(
            1 for m, _ in state.members if not is_imported(m) and state.organisation_of(m)
        ),
        "use_count": len(state.uses),
        "spotlight": state.spotlight,
        "shown_dimension": shown,
        "map": the_map(state, shown),
        "list": [
            {
                "purpose_id": p.id,
                "title": headings.titles(headings.PURPOSE, p),
                "tools": [
                    {
                        "tool_id": s.tool_id,
                        "name": s.name,
                        "organisations": s.organisations,
                        "necessity": s.count("necessity"),
                        "choice": s.count("choice"),
                        "mixed": s.count("mixed"),
                    }
                    for s in spots.get(p.id, [])
                ],
            }
            for p in state.purposes
        ],
        "impacts": impacts(state) if rated else [],
    }
    if ctx.step in WRITTEN:
        staff = ctx.role == Role.FACILITATOR
        view["stakes"] = [
            {
                "id": s.id,
                "kind": s.kind,
                "text": s.text,
                **contributions.by_line(ctx.authors, s.author_id),
                "edited": s.edited,
                "hidden": s.hidden,
            }
            for s in state.stakes
            if staff or not s.hidden
        ]
    else:
        view["stakes"] = []
    if ctx.step in ("vote", "results"):
        view["votes_cast"] = len(state.votes)
        view["voters"] = len({voter for voter, _ in state.votes})
    if ctx.step == "results" or (ctx.step == "vote" and ctx.revealed):
        view["results"] = rankings(state, ctx.hands, ctx.authors)
    return view


def impacts(state: CartographyState) -> list[dict[str, Any]]:
    averages = tally.averages(state)
    used_by = tally.tool_organisations(state)
    raters = tally.raters(state)
    listed = [
        {
            "tool_id": t.id,
            "name": t.name,
            "organisations": len(used_by.get(t.id, ())),
            "raters": raters.get(t.id, 0),
            "averages": averages.get(t.id, {}),
        }
        for t in state.standing_tools()
        if t.id in used_by
    ]
    return sorted(listed, key=lambda i: (-i["organisations"], i["name"].casefold()))


def rankings(
    state: CartographyState,
    hands: Mapping[str, int] | None = None,
    authors: Authors | None = None,
) -> dict[str, list[dict[str, Any]]]:
    return {
        kind: dots.ranking(state.visible_stakes(kind), state.votes, hands, authors)
        for kind in KINDS
    }


def _absorbed(found: Collection[Any], item_id: str) -> list[str]:
    """The spellings merged into an organisation or tool (merges chain)."""
    into = {i.id: i.merged_into for i in found}

    def survivor(i: str) -> str:
        seen = 0
        while into.get(i) is not None and seen <= len(into):
            i = into[i] or i
            seen += 1
        return i

    return [i.name for i in found if i.merged_into is not None and survivor(i.id) == item_id]


def item_text(state: CartographyState, item_id: str) -> str | None:
    stake = state.stake(item_id)
    if stake is None or stake.hidden:
        return None
    return stake.text


def private_views(
    state: CartographyState, ctx: ViewContext, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    wanted = set(participant_ids)
    votes = dots.mine(state.votes, wanted)
    kinds = {s.id: s.kind for s in state.stakes}
    # Each organisation's tools, in one pass (state.tools_of_organisation, for every phone).
    org_tools: dict[str, list[str]] = {}
    for use in state.uses:
        owner = state.organisation_of(use.author_id)
        if owner is not None:
            listed = org_tools.setdefault(owner, [])
            if state.tool_of(use) not in listed:
                listed.append(state.tool_of(use))
    out: dict[str, dict[str, Any]] = {}
    for pid in wanted:
        org_id = state.organisation_of(pid)
        org = None if org_id is None else state.organisation(org_id)
        uses = []
        for u in state.uses:
            if u.author_id == pid:
                tool = state.tool(u.tool_id)
                assert tool is not None
                uses.append(
                    {
                        "id": u.id,
                        "tool_id": tool.id,
                        "tool": tool.name,
                        "purpose_ids": list(u.purpose_ids),
                        "why": u.why,
                    }
                )
        ratable = [] if org_id is None else org_tools.get(org_id, [])
        ratings: dict[str, dict[str, int]] = {}
        for r in state.ratings:
            tool = state.tool(r.tool_id)
            if r.rater_id == pid and tool is not None:
                ratings.setdefault(tool.id, {})[r.dimension_id] = int(r.value)
        used = {k: 0 for k in KINDS}
        for item_id, count in votes[pid].items():
            if item_id in kinds:
                used[kinds[item_id]] += count
        out[pid] = {
            "organisation": None if org is None else {"id": org.id, "name": org.name},
            "uses": uses,
            "ratable": [
                {"tool_id": tid, "name": t.name}
                for tid in ratable
                if (t := state.tool(tid)) is not None
            ],
            "ratings": ratings,
            "stakes": [s.id for s in state.stakes if s.author_id == pid and not s.hidden],
            "votes": votes[pid],
            "dots_left": {k: state.dots - used[k] for k in KINDS},
        }
    return out
