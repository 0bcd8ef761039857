"""A consent decision in the minutes: the decision record. The outcome and its date, the final
text, every version with its differences, the clarifications, the reactions, each objection
round's positions (named or not as the activity says, proxy entries labelled), every objection
with its reason and how it was integrated, and the concerns recorded with the decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from facilitation.localized import long_date
from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import ANONYMOUS, MinutesContext
from formats.consent import rules
from formats.consent.data import concerns
from formats.consent.messages import MESSAGES
from formats.consent.state import ConsentState, Round
from formats.consent.view import proposer_ids

QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”")}
Words = Callable[..., str]


def day(at: str, lang: str) -> str:
    """The date of an ISO time, as the register writes it."""
    try:
        return long_date(date.fromisoformat(at[:10]), lang)
    except ValueError:
        return at


def consent_minutes(state: ConsentState, ctx: MinutesContext) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    sep = "\u00a0:" if ctx.lang == "fr" else ":"
    opening, closing = QUOTES.get(ctx.lang, QUOTES["en"])

    def quoted(text: str) -> str:
        return f"{opening}{escape(text)}{closing}"

    def who(author_id: str | None) -> str:
        """— name, and the proxy label, as the anonymity level lets the minutes say."""
        if author_id is None:
            return ""
        name = ctx.authors.name(author_id)
        proxy = ctx.authors.is_proxy(author_id)
        if name:
            return f" — {escape(name)} ({t('minutes.proxy')})" if proxy else f" — {escape(name)}"
        return f" — {t('minutes.proxy_room')}" if proxy else ""

    out: list[str] = []
    proposers = [n for n in (ctx.authors.name(pid) for pid in proposer_ids(ctx.assignments)) if n]
    if proposers:
        out.append(f"- **{t('minutes.proposer')}**{sep} {', '.join(escape(n) for n in proposers)}")
    outcome = state.outcome
    if outcome is None:
        said = t("minutes.pending")
    else:
        said = t(
            "minutes.outcome_line",
            outcome=t(f"outcome.{outcome.kind}"),
            date=day(outcome.at, ctx.lang),
            version=outcome.version,
        )
    out.append(f"- **{t('minutes.outcome')}**{sep} {said}")
    if outcome is not None and outcome.note:
        out.append(f"- **{t('minutes.note')}**{sep} {escape(outcome.note)}")
    quorum = rules.quorum(state, ctx.hands)
    if quorum is not None:
        reached = t("minutes.quorum_reached" if quorum["reached"] else "minutes.quorum_missed")
        line = t(
            "minutes.quorum",
            present=quorum["present"],
            required=quorum["required"],
            reached=reached,
        )
        out.append(f"- {line}")
    out.append("")

    if state.version is None:
        out += [f"_{t('minutes.nothing')}_", ""]
        return "\n".join(out).rstrip() + "\n"

    title = (
        f"{t('minutes.final_text')}{sep} {escape(state.title)}"
        if state.title
        else t("minutes.final_text")
    )
    out += [f"### {title}", "", *_quote(state.version.text), ""]

    # Objections are numbered in the order they were raised, across rounds.
    numbers = {o.id: n for n, o in enumerate(state.objections, 1)}
    out += [f"### {t('minutes.versions')}", ""]
    for v in state.versions:
        out += [f"#### {t('minutes.version_by', number=v.number, by=t(f'by.{v.by}'))}", ""]
        if v.reason:
            out.append(f"- **{t('minutes.reason')}**{sep} {escape(v.reason)}")
        if v.integrates:
            named = [t("minutes.objection_number", number=numbers.get(i, 0)) for i in v.integrates]
            out.append(f"- **{t('minutes.integrates')}**{sep} {', '.join(named)}")
        if v.number > 1:
            before = next(x.text for x in state.versions if x.number == v.number - 1)
            changes = [s for s in rules.diff(before, v.text) if s["op"] != "same"]
            for s in changes:
                out.append(f"- {t('minutes.' + s['op'])}{sep} {quoted(s['text'])}")
            out.append("")
        out += [*_quote(v.text), ""]

    if state.questions:
        out += [f"### {t('minutes.clarifications')}", ""]
        for q in state.questions:
            answer = quoted(q.answer) if q.answer else f"_{t('minutes.no_answer')}_"
            out.append(f"- {escape(q.text)}{who(q.author_id)}")
            out.append(f"  - {t('minutes.answer')}{sep} {answer}")
        out.append("")

    if state.reactions:
        out += [f"### {t('minutes.reactions')}", ""]
        out += [f"- {escape(r.text)}{who(r.author_id)}" for r in state.reactions]
        out.append("")

    if state.rounds:
        out += [f"### {t('minutes.rounds')}", ""]
        for r in state.rounds:
            out += _round(state, r, ctx, t, sep, who, quoted)

    if state.objections:
        out += [f"### {t('minutes.objections')}", ""]
        rounds = {r.id: r.number for r in state.rounds}
        for o in state.objections:
            head = t(
                "minutes.objection",
                number=numbers[o.id],
                round=rounds.get(o.round_id, 0),
                version=o.version,
            )
            status = t(f"status.{o.status}")
            if o.integrated_in is not None:
                status = t("minutes.integrated_in", number=o.integrated_in)
            out.append(f"- **{head}**{who(o.author_id)}{sep} {quoted(o.reason)}")
            out.append(f"  - {status}" + (f"{sep} {escape(o.note)}" if o.note else ""))
        out.append("")

    recorded = concerns(state)
    if recorded:
        out += [f"### {t('minutes.concerns')}", ""]
        out += [f"- {quoted(c)}" for c in recorded]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _quote(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()] or [""]
    return [f"> {escape(line)}" for line in lines]


def _round(
    state: ConsentState,
    r: Round,
    ctx: MinutesContext,
    t: Words,
    sep: str,
    who: Callable[[str | None], str],
    quoted: Callable[[str], str],
) -> list[str]:
    counts = rules.counts(r, ctx.hands)
    raised = sum(rules.hands(r, ctx.hands).values())
    line = t("minutes.counts", **counts)
    if raised:
        line += f" ({t('minutes.hands', count=raised)})"
    out = [f"#### {t('minutes.round', number=r.number, version=r.version)}", "", line, ""]
    positions = list(r.positions)
    if ctx.authors.level == ANONYMOUS:
        # The order of answers would tell who answered when: by kind, then text.
        order = {"consent": 0, "concern": 1, "objection": 2}
        positions.sort(key=lambda p: (order[p.position], p.text))
    for p in positions:
        text = f"{sep} {quoted(p.text)}" if p.text else ""
        out.append(f"- {t('position.' + p.position)}{who(p.author_id)}{text}")
    return [*out, ""] if positions else out
