"""The board in the minutes: the question, the notes by theme, the vote results."""

from __future__ import annotations

from typing import Any

from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.board.messages import MESSAGES
from formats.board.state import BoardState


def board_minutes(state: BoardState, ctx: MinutesContext, ranking: list[dict[str, Any]]) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    out = [f"### {t('minutes.question')}", "", f"> {escape(state.question)}", ""]
    visible = state.visible_notes()
    out += [f"### {t('minutes.notes')}", ""]
    if ctx.step == "write":
        out += [t("minutes.not_revealed", count=len(visible)), ""]
    elif not visible:
        out += [t("minutes.no_notes"), ""]
    else:
        sections = [(g.id, g.title) for g in state.groups] + [(None, t("minutes.ungrouped"))]
        for group_id, title in sections:
            notes = [n for n in visible if n.theme_id == group_id]
            if not notes:
                continue
            out += [f"#### {escape(title)}", ""]
            for n in notes:
                merged = state.merged_texts(n.id)
                line = f"- {escape(n.text)}"
                author = ctx.authors.name(n.author_id)
                if ctx.authors.is_proxy(n.author_id):
                    key = "minutes.proxy_for" if author else "minutes.proxy_room"
                    line += f" _({t(key, name=escape(author or ''))})_"
                elif author:
                    line += f" — {escape(author)}"
                if n.edited:
                    line += f" _({t('minutes.edited')})_"
                if merged:
                    line += (
                        f" ({t('minutes.also')}\u00a0: "
                        if ctx.lang == "fr"
                        else f" ({t('minutes.also')}: "
                    )
                    between = "\u00a0; " if ctx.lang == "fr" else "; "
                    line += between.join(escape(m) for m in merged) + ")"
                out.append(line)
            out.append("")
        hidden = sum(1 for n in state.notes if n.hidden and n.merged_into is None)
        if hidden:
            out += [f"_{t('minutes.hidden', count=hidden)}_", ""]
    counted = state.votes
    voters = len({v for v, _ in counted})
    if ctx.step == "vote":
        out += [
            f"### {t('minutes.results')}",
            "",
            t("minutes.vote_running", votes=len(counted), voters=voters),
            "",
        ]
    elif ctx.step == "results":
        out += [f"### {t('minutes.results')}", ""]
        with_hands = any(r["hands"] for r in ranking)
        head = f"| {t('minutes.rank')} | {t('minutes.note')} | {t('minutes.votes')} |"
        rule = "|---:|---|---:|"
        if with_hands:
            # The rank counts both: the total says so without arithmetic.
            head += f" {t('minutes.hands')} | {t('minutes.total')} |"
            rule += "---:|---:|"
        out += [head, rule]
        for r in ranking:
            row = f"| {r['rank']} | {escape(r['text'])} | {r['votes']} |"
            if with_hands:
                row += f" {r['hands']} | {r['votes'] + r['hands']} |"
            out.append(row)
        out += [
            "",
            t("minutes.vote_summary", votes=len(counted), voters=voters, dots=state.dots),
            "",
        ]
        proxied = sum(r["proxy_votes"] for r in ranking)
        if proxied:
            form = "one" if proxied == 1 else "other"
            out += [t(f"minutes.proxy_votes.{form}", count=proxied), ""]
        if with_hands:
            out += [t("minutes.hands_note"), ""]
    return "\n".join(out).rstrip() + "\n"
