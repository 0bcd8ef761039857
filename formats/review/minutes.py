"""The three-year review in the minutes: the frieze as one table per year, looking back (proud,
regrets, the lessons ranked by dots), the aspirations by year and axis, the priorities as a
table (the matrix itself follows as a picture, picture.py) and the three-year roadmap.

People are named as the activity's anonymity lets the minutes name them; entries typed for a
person without a phone are labelled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitation.localized import decimal
from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.kit.contributions import STAFF_AUTHORS
from formats.review import priorities
from formats.review.messages import MESSAGES
from formats.review.state import COLUMNS, LESSONS, YEARS, ReviewState
from formats.review.view import axis_title, lessons

Words = Callable[..., str]


def number(value: float | None, lang: str) -> str:
    """A mean or a score as the minutes write it (a decimal comma in French)."""
    if value is None:
        return "–"
    return decimal(value, lang)


def year_name(state: ReviewState, index: int, ahead: bool, t: Words) -> str:
    """The year's number, or its place ("L'an dernier") while the years are not set."""
    year = state.year(index, ahead)
    return str(year) if year is not None else t(f"{'next' if ahead else 'past'}.{index}")


def review_minutes(state: ReviewState, ctx: MinutesContext) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    sep = "\u00a0:" if ctx.lang == "fr" else ":"
    opening, closing = ("«\u00a0", "\u00a0»") if ctx.lang == "fr" else ("“", "”")

    def who(author_id: str) -> str:
        """The author as the minutes may say them, with the proxy label."""
        if author_id in STAFF_AUTHORS:
            return t("minutes.noted")
        name = ctx.authors.name(author_id)
        proxy = ctx.authors.is_proxy(author_id)
        if name:
            return f"{escape(name)} ({t('minutes.proxy')})" if proxy else escape(name)
        return t("minutes.proxy_room") if proxy else ""

    def dash(author_id: str) -> str:
        said = who(author_id)
        return f" — {said}" if said else ""

    out = [f"### {t('minutes.timeline')}", ""]
    for i in range(YEARS):
        out += [f"#### {year_name(state, i, False, t)}", ""]
        events = state.standing_events(i)
        if not events:
            out += [t("minutes.no_events"), ""]
            continue
        out += [
            f"| {t('minutes.kind')} | {t('minutes.event')} | {t('minutes.by')} |",
            "|---|---|---|",
        ]
        for e in events:
            text = escape(e.text)
            if e.also:
                merged = ", ".join(f"{opening}{escape(a)}{closing}" for a in e.also)
                text += f" ({t('minutes.also')}{sep} {merged})"
            out.append(f"| {t('kind.' + e.kind)} | {text} | {who(e.author_id)} |")
        out.append("")

    out += [f"### {t('minutes.looking_back')}", ""]
    for column in COLUMNS:
        if column == LESSONS:
            continue
        out += [f"#### {t('column.' + column)}", ""]
        written = state.standing_reflections(column)
        out += [f"- {escape(r.text)}{dash(r.author_id)}" for r in written] or [t("minutes.none")]
        out.append("")
    out += _lessons(state, ctx, t)

    out += [f"### {t('minutes.aspirations')}", ""]
    standing = state.standing_objectives()
    if not standing:
        out += [t("minutes.none"), ""]
    for i in range(YEARS):
        of_year = [o for o in standing if o.year == i]
        if not of_year:
            continue
        out += [f"#### {year_name(state, i, True, t)}", ""]
        for axis in state.axes:
            for o in (o for o in of_year if o.axis_id == axis.id):
                title = escape(axis_title(axis, ctx.lang))
                out.append(f"- **{title}**{sep} {escape(o.text)}{dash(o.author_id)}")
        out.append("")

    out += _priorities(state, ctx, t)
    out += _roadmap(state, ctx, t, sep)

    hidden = sum(1 for x in (*state.events, *state.reflections, *state.objectives) if x.hidden)
    if hidden:
        key = "minutes.hidden.one" if hidden == 1 else "minutes.hidden.other"
        out += [f"_{t(key, count=hidden)}_", ""]
    return "\n".join(out).rstrip() + "\n"


def _lessons(state: ReviewState, ctx: MinutesContext, t: Words) -> list[str]:
    out = [f"#### {t('minutes.lessons')}", ""]
    ranked = lessons(state, ctx.hands, ctx.authors)
    if not ranked:
        return [*out, t("minutes.none"), ""]
    out += [
        f"| {t('minutes.rank')} | {t('minutes.lesson')} | {t('minutes.dots')} |",
        "|---:|---|---:|",
    ]
    for r in ranked:
        total = str(r["total"])
        if r["hands"]:
            total += f" ({t('minutes.hands', count=r['hands'])})"
        out.append(f"| {r['rank']} | {escape(r['text'])} | {total} |")
    voters = len({v for v, _ in state.votes})
    summary = t("minutes.vote_summary", votes=len(state.votes), voters=voters, dots=state.dots)
    return [*out, "", summary, ""]


def _priorities(state: ReviewState, ctx: MinutesContext, t: Words) -> list[str]:
    out = [f"### {t('minutes.priorities')}", ""]
    ranked = priorities.ranked(state)
    if not any(r.raters for r in ranked):
        return [*out, t("minutes.no_ratings"), ""]
    axes = {a.id: axis_title(a, ctx.lang) for a in state.axes}
    head = [
        t("minutes.rank"),
        t("minutes.objective"),
        t("minutes.year"),
        t("minutes.axis"),
        t("minutes.importance"),
        t("minutes.feasibility"),
        t("minutes.quadrant"),
        t("minutes.ratings"),
    ]
    out += ["| " + " | ".join(head) + " |", "|---:|---|---|---|---:|---:|---|---:|"]
    for r in ranked:
        o = r.objective
        cells = [
            "–" if r.rank is None else str(r.rank),
            escape(o.text),
            year_name(state, o.year, True, t),
            escape(axes.get(o.axis_id, "")),
            number(r.importance.mean, ctx.lang),
            number(r.feasibility.mean, ctx.lang),
            "–" if r.quadrant is None else t(f"quadrant.{r.quadrant}"),
            str(r.raters),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, "", t("minutes.scale"), ""]


def _roadmap(state: ReviewState, ctx: MinutesContext, t: Words, sep: str) -> list[str]:
    out = [f"### {t('minutes.roadmap')}", ""]
    if not state.commitments:
        return [*out, t("minutes.no_commitments"), ""]
    for i in range(YEARS):
        of_year = [c for c in state.commitments if c.year == i]
        if not of_year:
            continue
        out += [f"#### {year_name(state, i, True, t)}", ""]
        for c in of_year:
            out.append(f"- **{escape(c.text)}** — {t('minutes.owner')}{sep} {escape(c.owner)}")
            if c.individual:
                out.append(f"  - {t('minutes.individual')}{sep} {escape(c.individual)}")
            if c.collective:
                out.append(f"  - {t('minutes.collective')}{sep} {escape(c.collective)}")
        out.append("")
    return out
