"""The accelerator in the minutes, in the style of a workshop's restitution: who held the project,
who wrote, who took part; the problem; then each step reached with what it produced."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from facilitation.markdown import escape
from facilitation.messages import translate
from facilitation.protocol import NAMED, PSEUDONYM, MinutesContext
from formats.accelerator.messages import MESSAGES
from formats.accelerator.state import AcceleratorState, Contribution, Question
from formats.accelerator.view import holder_ids
from formats.kit.contributions import STAFF_AUTHORS

# A line typed as a list item ("- ", "• "…) stays one in the minutes.
BULLET = re.compile(r"^\s*[-*•·–]\s+")
# What would start a Markdown block at the start of a line (a title, a rule, a numbered list).
BLOCK_START = re.compile(r"^([#+=-])|^(\d+)([.)])")
QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”")}
# Who may moderate, in the order the minutes count what each removed.
MODERATORS = ("facilitator", "scribe")

Words = Callable[..., str]


def accelerator_minutes(
    state: AcceleratorState, ctx: MinutesContext, step_keys: Sequence[str]
) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, ctx.lang, **params)

    sep = "\u00a0:" if ctx.lang == "fr" else ":"
    out = _header(state, ctx, t, sep)
    if state.problem:
        out += [f"### {t('minutes.problem')}", "", f"> {escape(state.problem)}", ""]
    holders = [n for n in (ctx.authors.name(pid) for pid in holder_ids(ctx.assignments)) if n]
    sections = {
        "presentation": _presentation,
        "questions": _questions,
        "request": _request,
        "exchanges": _exchanges,
        "synthesis": _synthesis,
        "closing": _closing,
    }
    reached = list(step_keys).index(ctx.step) if ctx.step in step_keys else 0
    for number, key in enumerate(step_keys[: reached + 1], start=1):
        title = translate(MESSAGES, f"step.{key}", ctx.lang)
        if key == "synthesis" and holders:
            heading = t("minutes.step_by", number=number, title=title, name=_names(holders))
        else:
            heading = t("minutes.step", number=number, title=title)
        body = sections[key](state, ctx, t)
        out += [f"### {heading}", ""]
        out += body or [f"_{t('minutes.nothing')}_", ""]
    return "\n".join(out).rstrip() + "\n"


def _names(names: Sequence[str]) -> str:
    return ", ".join(escape(n) for n in names)


def _header(state: AcceleratorState, ctx: MinutesContext, t: Words, sep: str) -> list[str]:
    out: list[str] = []
    if state.project:
        out.append(f"- **{t('minutes.project')}**{sep} {escape(state.project)}")
    holders = [n for n in (ctx.authors.name(pid) for pid in holder_ids(ctx.assignments)) if n]
    if holders:
        out.append(f"- **{t('minutes.holder')}**{sep} {_names(holders)}")
    if state.scribe_name:
        out.append(f"- **{t('minutes.written_by')}**{sep} {escape(state.scribe_name)}")
    # Everyone who took part: the people here, and those removed during the session whom the
    # minutes name for what they brought (marked as such).
    traced = _took_part(state, ctx)
    people = sorted(
        (p for pid, p in ctx.authors.people.items() if not p.removed or pid in traced),
        key=lambda p: p.number,
    )
    if ctx.authors.level == NAMED and people:
        named = [escape(p.name) + _marks(p.remote, p.removed, t) for p in people if p.name]
        unnamed = len(people) - len(named)
        if unnamed:
            named.append(t("minutes.unnamed", count=unnamed))
        out.append(f"- **{t('minutes.participants')}**{sep} {', '.join(named)}")
    elif ctx.authors.level == PSEUDONYM and people:
        # Pseudonyms stay on the screens: the minutes only count people.
        remote = sum(1 for p in people if p.remote)
        counted = t("minutes.people_count", count=len(people), remote=remote)
        out.append(f"- **{t('minutes.participants')}**{sep} {counted}")
    return [*out, ""] if out else []


def _took_part(state: AcceleratorState, ctx: MinutesContext) -> set[str]:
    """Whom the accelerator's minutes may name: holders, authors, speakers, the round."""
    items: list[Question | Contribution] = [*state.questions, *state.visible_contributions]
    found = {i.author_id for i in items} | {i.said_by for i in items if i.said_by}
    found |= {turn.person_id for turn in state.round.turns if turn.person_id}
    return found | set(holder_ids(ctx.assignments))


def _marks(remote: bool, removed: bool, t: Words) -> str:
    marks = [t("minutes.remote")] * remote + [t("minutes.removed")] * removed
    return f" ({', '.join(marks)})" if marks else ""


def staff_words(state: AcceleratorState, did: str, by: str, lang: str) -> str:
    """ "noted by …" or "edited by …" (`did`: noted | edited) for the scribe or a facilitator
    (`by`): the scribe by the name the minutes are signed with, when they are."""
    if by == "scribe" and state.scribe_name:
        name = escape(state.scribe_name)
        return translate(MESSAGES, f"minutes.{did}.named", lang, name=name)
    return translate(MESSAGES, f"minutes.{did}.{by}", lang)


def _by(
    state: AcceleratorState, ctx: MinutesContext, t: Words, author_id: str, said_by: str | None
) -> str:
    """Who brought an item: its author, or for what the scribe or a facilitator typed, the person
    who said it aloud (named only in a named activity) and who noted it."""
    if author_id not in STAFF_AUTHORS:
        return _who(ctx, author_id, t)
    name = ctx.authors.name(said_by) if said_by else None
    speaker = f" — {escape(name)}" if name else ""
    return f"{speaker} _({staff_words(state, 'noted', author_id, ctx.lang)})_"


def _who(ctx: MinutesContext, author_id: str | None, t: Words) -> str:
    """— Camille, or (entered on behalf of …) for someone without a phone, or nothing."""
    if author_id is None:
        return ""
    name = ctx.authors.name(author_id)
    if ctx.authors.is_proxy(author_id):
        key = "minutes.proxy_for" if name else "minutes.proxy_room"
        return f" _({t(key, name=escape(name or ''))})_"
    return f" — {escape(name)}" if name else ""


def text_block(text: str) -> list[str]:
    """Typed text → Markdown that reads as typed: one paragraph per line, typed list items as
    a list, and nothing that would turn into a title or a rule."""
    out: list[str] = []
    in_list = False
    for raw in text.splitlines():
        if not raw.strip():
            continue
        bullet = BULLET.match(raw)
        if bullet:
            if not in_list and out:
                out.append("")
            out.append(f"- {escape(raw[bullet.end() :])}")
            in_list = True
            continue
        if out:
            out.append("")
        line = escape(raw)
        out.append(BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line))
        in_list = False
    return [*out, ""] if out else []


def _presentation(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    out = text_block(state.presentation)
    if state.points:
        out += [f"#### {t('minutes.key_points')}", ""]
        out += [f"- {escape(p.text)}" for p in state.points] + [""]
    return out


def _questions(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    out: list[str] = []
    for q in state.questions:
        line = f"- **{escape(q.text)}**{_by(state, ctx, t, q.author_id, q.said_by)}"
        if q.status == "skipped" and not q.answer:
            line += f" _({t('minutes.skipped')})_"
        elif q.status == "open" and not q.answer:
            line += f" _({t('minutes.no_answer')})_"
        out.append(line)
        if q.answer:
            # Four spaces: a nested list for every Markdown reader.
            sep = "\u00a0:" if ctx.lang == "fr" else ":"
            out.append(f"    - _{t('minutes.answer')}_{sep} {escape(q.answer)}")
    return [*out, ""] if out else []


def _request(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    if not state.requests:
        return []
    out = [f"> {escape(state.request)}", ""]
    if len(state.requests) > 1 and state.requests[0] != state.request:
        sep = "\u00a0:" if ctx.lang == "fr" else ":"
        left, right = QUOTES.get(ctx.lang, QUOTES["en"])
        first = f"{left}{escape(state.requests[0])}{right}"
        out += [f"_{t('minutes.first_request')}{sep} {first}_", ""]
    return out


def _contribution_line(
    c: Contribution, state: AcceleratorState, ctx: MinutesContext, t: Words
) -> str:
    sep = "\u00a0:" if ctx.lang == "fr" else ":"
    who = _by(state, ctx, t, c.author_id, c.said_by)
    line = f"- **{t(f'minutes.kind.{c.kind}')}**{sep} {escape(c.text)}{who}"
    if c.edited_by:
        # Changed by the scribe or a facilitator: the minutes say so, as for the board's notes.
        line += f" _({staff_words(state, 'edited', c.edited_by, ctx.lang)})_"
    hands = ctx.hands.get(c.id)
    if hands:
        line += f" _({t('minutes.hands', count=hands)})_"
    return line


def _exchanges(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    out = _contributions(state, ctx, t)
    # What the scribe or a facilitator removed is counted, never quoted.
    for role in MODERATORS:
        hidden = sum(1 for c in state.contributions if c.hidden_by == role)
        if hidden:
            out += [f"_{t(f'minutes.hidden.{role}', count=hidden)}_", ""]
    return out


def _contributions(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    shown = state.visible_contributions
    if not shown:
        return []
    out: list[str] = []
    sorted_out = [c for c in shown if c.theme_id is None]
    if not state.themes or len(sorted_out) == len(shown):
        return [*(_contribution_line(c, state, ctx, t) for c in shown), ""]
    for theme in state.themes:
        inside = [c for c in shown if c.theme_id == theme.id]
        if inside:
            out += [f"#### {escape(theme.title)}", ""]
            out += [_contribution_line(c, state, ctx, t) for c in inside] + [""]
    if sorted_out:
        out += [f"#### {t('minutes.no_theme')}", ""]
        out += [_contribution_line(c, state, ctx, t) for c in sorted_out] + [""]
    return out


def _synthesis(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    out = text_block(state.synthesis)
    if state.actions:
        out += [f"#### {t('minutes.action_plan')}", ""]
        out += [f"| {t('minutes.what')} | {t('minutes.who')} | {t('minutes.when')} |"]
        out += ["|---|---|---|"]
        out += [f"| {escape(a.what)} | {escape(a.who)} | {escape(a.when)} |" for a in state.actions]
        out.append("")
    return out


def _closing(state: AcceleratorState, ctx: MinutesContext, t: Words) -> list[str]:
    out: list[str] = []
    silent: list[str] = []
    sep = "\u00a0:" if ctx.lang == "fr" else ":"
    for place, turn in enumerate(state.round.turns, start=1):
        name = ctx.authors.name(turn.person_id) if turn.person_id else None
        label = escape(name) if name else t("minutes.place", number=place)
        if not turn.text:
            silent.append(label)
            continue
        proxy = ""
        if turn.person_id and ctx.authors.is_proxy(turn.person_id):
            proxy = _who(ctx, turn.person_id, t)
        if ctx.authors.level == NAMED:
            person = ctx.authors.people.get(turn.person_id or "")
            remote = f" ({t('minutes.remote')})" if person and person.remote else ""
            out.append(f"- **{label}**{remote}{sep} {escape(turn.text)}{proxy}")
        else:
            out.append(f"- {escape(turn.text)}{proxy}")
    if out:
        out.append("")
    if silent:
        if ctx.authors.level == NAMED:
            out += [f"_{t('minutes.not_said', names=', '.join(silent))}_", ""]
        else:
            out += [f"_{t('minutes.not_said_count', count=len(silent))}_", ""]
    return out
