"""The consent format's data (see facilitation/hooks.py): one row per decision for the register,
then the versions, questions, reactions, positions and objections; and the decision itself for
the session's decision register."""

from __future__ import annotations

from facilitation.hooks import DataRow, DecisionEntry
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.consent.messages import MESSAGES
from formats.consent.state import ConsentState


def concerns(state: ConsentState) -> tuple[str, ...]:
    """The concerns recorded with the decision: those of the round on the current version."""
    r = state.current_round
    return () if r is None else tuple(p.text for p in r.positions if p.position == "concern")


def consent_decisions(state: ConsentState, ctx: MinutesContext) -> list[DecisionEntry]:
    if state.version is None:
        return []
    outcome = state.outcome
    return [
        DecisionEntry(
            title=state.title,
            text=state.version.text,
            outcome="" if outcome is None else outcome.kind,
            at="" if outcome is None else outcome.at,
            versions=len(state.versions),
            objections=len(state.objections),
            concerns=concerns(state),
        )
    ]


def consent_rows(state: ConsentState, ctx: MinutesContext) -> list[DataRow]:
    rows: list[DataRow] = []
    outcome = state.outcome
    if state.version is not None:
        # The register's row: the final text; value: the outcome; detail: versions, objections
        # and concerns; about: the date.
        said = translate(MESSAGES, f"outcome.{outcome.kind}", ctx.lang) if outcome else ""
        detail = "; ".join(
            [
                f"versions={len(state.versions)}",
                f"objections={len(state.objections)}",
                *(f"concern={c}" for c in concerns(state)),
            ]
        )
        rows.append(
            DataRow(
                "decision",
                "decision",
                state.version.text,
                None,
                theme=state.title,
                about=outcome.at if outcome else "",
                value=said,
                detail=detail,
            )
        )
    for v in state.versions:
        rows.append(
            DataRow(
                "version",
                f"v{v.number}",
                v.text,
                v.by,
                value=str(v.number),
                detail=v.reason,
                about=",".join(v.integrates),
            )
        )
    for q in state.questions:
        rows.append(DataRow("question", q.id, q.text, q.author_id))
        if q.answer:
            rows.append(DataRow("answer", f"{q.id}-answer", q.answer, None, about=q.id))
    for reaction in state.reactions:
        rows.append(DataRow("reaction", reaction.id, reaction.text, reaction.author_id))
    for r in state.rounds:
        for n, p in enumerate(r.positions, 1):
            rows.append(
                DataRow(
                    p.position, f"{r.id}-{n}", p.text, p.author_id, about=r.id, value=str(r.version)
                )
            )
        for kind, count in (
            (k, ctx.hands.get(f"{r.id}-{k}", 0)) for k in ("consent", "concern", "objection")
        ):
            if count:
                rows.append(
                    DataRow("hands", f"{r.id}-{kind}", kind, None, about=r.id, value=str(count))
                )
    for o in state.objections:
        rows.append(
            DataRow(
                "objection_record",
                o.id,
                o.reason,
                o.author_id,
                about=o.round_id,
                value=o.status,
                detail=o.note,
            )
        )
    return rows
