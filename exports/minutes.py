"""Composing the minutes: a session header, then each activity as its format writes it."""

from __future__ import annotations

from datetime import datetime

from facilitation.markdown import escape
from facilitation.messages import ENGINE, language, translate
from facilitation.protocol import MinutesContext
from facilitation.registry import Registry
from facilitation.session import SessionState, step_key


def _date(iso: str, lang: str) -> str:
    if not iso:
        return ""
    day = datetime.fromisoformat(iso).date()
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def _said(title: str) -> str:
    return " ".join(title.split()).casefold()


def compose_minutes(state: SessionState, registry: Registry, lang: str | None = None) -> str:
    lang = language(lang or state.language)

    def t(key: str, **params: str) -> str:
        return translate(ENGINE, key, lang, **params)

    out = [
        f"# {t('minutes.title')} — {escape(state.title)}",
        "",
    ]
    # French typography puts a space before the colon.
    sep = " :" if lang == "fr" else ":"
    out.append(f"- **{t('minutes.date')}**{sep} {_date(state.created_at, lang)}")
    if state.facilitator_name:
        out.append(f"- **{t('minutes.facilitator')}**{sep} {escape(state.facilitator_name)}")
    people = [p for p in state.participants.values() if not p.removed]
    count = str(len(people))
    removed = len(state.participants) - len(people)
    if removed:
        # Someone removed during the session may still be named for what they wrote.
        key = "minutes.removed_one" if removed == 1 else "minutes.removed_other"
        count += " " + t(key, count=str(removed))
    out.append(f"- **{t('minutes.participants')}**{sep} {count}")
    out.append("")
    if not state.activities:
        out += [t("minutes.no_activity"), ""]
    for number, activity in enumerate(state.activities, 1):
        fmt = registry[activity.format]
        format_title = translate(fmt.messages, "title", lang)
        title = activity.title or format_title
        out += [f"## {number}. {escape(title)}", ""]
        if _said(title) != _said(format_title):
            # Someone who was not there learns how "Nos idées" were gathered; an activity
            # titled after its format needs no second line saying so.
            out += [f"_{t('minutes.format')}{sep} {escape(format_title)}_", ""]
        ctx = MinutesContext(
            step=step_key(registry, activity),
            lang=lang,
            authors=state.authors(activity),
            hands=activity.hands,
            assignments=activity.roles,
        )
        out += [fmt.minutes(activity.state, ctx).rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"
