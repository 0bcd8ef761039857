"""The cartography's data (see facilitation/hooks.py): one row per organisation, tool and
purpose, one per organisation, tool and dimension rated, and the stakes and criteria with their
dots. The use and rating rows are what `cartography.import_csv` reads back (csv_import.py)."""

from __future__ import annotations

from facilitation.hooks import DataRow
from facilitation.protocol import MinutesContext
from formats.cartography import headings, tally
from formats.cartography.state import CartographyState


def number(value: float) -> str:
    """A rating average as the CSV writes it (a dot for decimals, whatever the language)."""
    return f"{round(value, 2):g}"


def cartography_rows(state: CartographyState, ctx: MinutesContext) -> list[DataRow]:
    orgs = {o.id: o.name for o in state.organisations}
    tools = {t.id: t.name for t in state.tools}
    purposes = {p.id: p for p in state.purposes}
    dimensions = {d.id: d for d in state.dimensions}
    rows: list[DataRow] = []
    for (org_id, tool_id, purpose_id), why in sorted(tally.org_whys(state).items()):
        purpose = purposes[purpose_id]
        rows.append(
            DataRow(
                "use",
                f"{org_id}-{tool_id}-{purpose_id}",
                tools[tool_id],
                None,
                theme=headings.title(headings.PURPOSE, purpose, ctx.lang),
                about=purpose.key if purpose.key and not purpose.title else "",
                value=why,
                detail=orgs[org_id],
            )
        )
    for (org_id, tool_id, dimension_id), value in sorted(tally.org_ratings(state).items()):
        dimension = dimensions[dimension_id]
        rows.append(
            DataRow(
                "rating",
                f"{org_id}-{tool_id}-{dimension_id}",
                tools[tool_id],
                None,
                theme=headings.title(headings.DIMENSION, dimension, ctx.lang),
                about=dimension.key if dimension.key and not dimension.title else "",
                value=number(value),
                detail=orgs[org_id],
            )
        )
    counts: dict[str, int] = {}
    for _, stake_id in state.votes:
        counts[stake_id] = counts.get(stake_id, 0) + 1
    for s in state.visible_stakes():
        rows.append(DataRow(s.kind, s.id, s.text, s.author_id, value=str(counts.get(s.id, 0))))
    return rows
