"""The cartography in the minutes: the organisations, a table of tools per purpose (with the
impact averages once rated), the stakes and the criteria ranked by dots."""

from __future__ import annotations

from typing import Any

from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.cartography import headings, tally
from formats.cartography.messages import MESSAGES
from formats.cartography.state import CartographyState
from formats.cartography.view import RATED, WRITTEN, rankings


def average(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:+.1f}" if value else "0"
    return text.replace(".", ",") if lang == "fr" else text


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
    rated = ctx.step in RATED
    averages = tally.averages(state) if rated else {}
    dims = list(state.dimensions) if rated else []
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
        head += [escape(headings.title(headings.DIMENSION, d, ctx.lang)) for d in dims]
        out += ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
        for s in listed:
            cells = [
                escape(s.name),
                str(s.organisations),
                str(s.count("necessity")),
                str(s.count("choice")),
                str(s.count("mixed")),
            ]
            cells += [average(averages.get(s.tool_id, {}).get(d.id), ctx.lang) for d in dims]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if rated and tools:
        rated_any = any(v is not None for a in averages.values() for v in a.values())
        out += [t("minutes.scale") if rated_any else t("minutes.no_ratings"), ""]

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
