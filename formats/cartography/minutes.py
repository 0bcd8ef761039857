"""The cartography in the minutes: the organisations, a table of tools per purpose (with the
impact averages once rated), the stakes and the criteria ranked by dots."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitation.localized import signed
from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.cartography import headings, tally
from formats.cartography.messages import MESSAGES
from formats.cartography.state import CartographyState
from formats.cartography.view import RATED, WRITTEN, impacts, rankings


def average(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return signed(value, lang)


def cartography_minutes(state: CartographyState, ctx: MinutesContext) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    colon = "\u00a0:" if ctx.lang == "fr" else ":"
    orgs = state.standing_organisations()
    spots = tally.spots(state)
    tools = {s.tool_id for listed in spots.values() for s in listed}
    out = [f"### {t('minutes.organisations')}", ""]
    if orgs:
        for o in orgs:
            line = f"- {escape(o.name)}"
            absorbed = [
                x.name for x in state.organisations if state.organisation(x.id) == o and x != o
            ]
            if absorbed:
                spellings = ", ".join(escape(a) for a in absorbed)
                line += f" ({t('minutes.also_spelled')}{colon} {spellings})"
            out.append(line)
        out.append("")
    answers = len(tally.org_whys(state))
    out += [t("minutes.participation", organisations=len(orgs), tools=len(tools), uses=answers), ""]

    out += [f"### {t('minutes.by_purpose')}", ""]
    if not tools:
        out += [t("minutes.no_tools"), ""]
    for purpose in state.purposes:
        listed = spots.get(purpose.id, [])
        if not listed:
            continue
        out += [f"#### {escape(headings.title(headings.PURPOSE, purpose, ctx.lang))}", ""]
        head = [
            t("minutes.tool"),
            t("minutes.organisation_count"),
            t("minutes.necessity"),
            t("minutes.choice"),
            t("minutes.mixed"),
        ]
        out += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---:|"]
        for s in listed:
            counts = [s.organisations, s.count("necessity"), s.count("choice"), s.count("mixed")]
            out.append(f"| {escape(s.name)} | " + " | ".join(map(str, counts)) + " |")
        out.append("")
    if ctx.step in RATED and tools:
        out += impacts_table(state, ctx.lang, t)
    if ctx.step in WRITTEN:
        ranked = ctx.step == "results"
        results = rankings(state, ctx.hands, ctx.authors)
        for kind, title in (("stake", "minutes.stakes"), ("criterion", "minutes.criteria")):
            out += [f"### {t(title)}", ""]
            if not results[kind]:
                out += [t("minutes.none"), ""]
            elif ranked:
                out += [
                    f"| {t('minutes.rank')} | {t('minutes.text')} | {t('minutes.votes')} |",
                    "|---:|---|---:|",
                ]
                out += [
                    f"| {r['rank']} | {escape(r['text'])} | {r['total']} |" for r in results[kind]
                ]
                out.append("")
            else:
                out += [f"- {escape(s.text)}" for s in state.visible_stakes(kind)]
                out += ["", t("minutes.not_ranked"), ""]
        if ranked:
            voters = len({v for v, _ in state.votes})
            out += [
                t("minutes.vote_summary", votes=len(state.votes), voters=voters, dots=state.dots),
                "",
            ]
        hidden = sum(1 for s in state.stakes if s.hidden)
        if hidden:
            out += [f"_{t('minutes.hidden', count=hidden)}_", ""]
    return "\n".join(out).rstrip() + "\n"


def impacts_table(state: CartographyState, lang: str, t: Callable[..., str]) -> list[str]:
    """One table for every purpose: a tool's impacts are the same whatever it is used for (and
    a page holds five dimensions beside the tool, not ten columns)."""
    out = [f"### {t('minutes.impacts')}", ""]
    averages = tally.averages(state)
    rated = {
        i["tool_id"]: i
        for i in impacts(state)
        if any(v is not None for v in i["averages"].values())
    }
    if not rated:
        return [*out, t("minutes.no_ratings"), ""]
    dims = list(state.dimensions)
    head = [t("minutes.tool"), *(escape(headings.title(headings.DIMENSION, d, lang)) for d in dims)]
    out += ["| " + " | ".join(head) + " |", "|---" + "|---:" * len(dims) + "|"]
    for tool_id, row in rated.items():
        cells = [escape(row["name"])]
        cells += [average(averages[tool_id].get(d.id), lang) for d in dims]
        out.append("| " + " | ".join(cells) + " |")
    return [*out, "", t("minutes.scale"), ""]
