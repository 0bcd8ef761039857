"""Composing the minutes: a session header, then each activity as its format writes it, with a
line saying how the format works and the pictures it gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from facilitation.hooks import Picture, pictures
from facilitation.localized import clock, long_date
from facilitation.markdown import escape
from facilitation.messages import ENGINE, language, translate
from facilitation.protocol import MinutesContext
from facilitation.registry import Registry
from facilitation.session import Activity, SessionState, step_key

# Where Fabrique is used; a server elsewhere sets TIMEZONE (server/settings.py).
DEFAULT_TIMEZONE = ZoneInfo("Europe/Paris")
# The scheme of a picture's place in the Markdown the printable versions read (exports/html.py).
PICTURE_SCHEME = "picture"


@dataclass(frozen=True)
class Figures:
    """Pictures gathered while composing, in order: the Markdown names each by its number."""

    items: list[Picture]


def local(iso: str, tz: tzinfo) -> datetime:
    return datetime.fromisoformat(iso).astimezone(tz)


def session_date(state: SessionState, lang: str, tz: tzinfo = DEFAULT_TIMEZONE) -> str:
    if not state.created_at:
        return ""
    return long_date(local(state.created_at, tz), lang)


def _clock(iso: str, lang: str, tz: tzinfo) -> str:
    return clock(local(iso, tz), lang)


def picture_caption(title: str, lang: str) -> str:
    """The line the .md gives a picture in (the printable versions draw it there)."""
    return f"_{escape(translate(ENGINE, 'minutes.picture', lang, title=title))}_"


def picture_image(title: str, number: int) -> str:
    """The line the printable versions read a picture from: the `number`th of the Figures."""
    alt = escape(title).replace("]", "\\]")
    return f"![{alt}]({PICTURE_SCHEME}:{number})"


def _said(title: str) -> str:
    return " ".join(title.split()).casefold()


def activity_context(
    state: SessionState, registry: Registry, activity: Activity, lang: str
) -> MinutesContext:
    return MinutesContext(
        step=step_key(registry, activity),
        lang=lang,
        authors=state.authors(activity, lang),
        hands=activity.hands,
        assignments=activity.roles,
    )


def compose_minutes(
    state: SessionState,
    registry: Registry,
    lang: str | None = None,
    tz: tzinfo = DEFAULT_TIMEZONE,
    figures: Figures | None = None,
) -> str:
    """The minutes in Markdown. With `figures`, each picture is placed as an image the printable
    versions fill in (`![title](picture:N)`); without, the .md names it in a line of text."""
    lang = language(lang or state.language)

    def t(key: str, **params: str) -> str:
        return translate(ENGINE, key, lang, **params)

    # French typography puts a no-break space before the colon.
    sep = "\u00a0:" if lang == "fr" else ":"
    out = [f"# {t('minutes.title')} — {escape(state.title)}", ""]
    if state.place:
        out.append(f"- **{t('minutes.place')}**{sep} {escape(state.place)}")
    out.append(f"- **{t('minutes.date')}**{sep} {session_date(state, lang, tz)}")
    if state.started_at and state.last_at:
        times = t(
            "minutes.times_range",
            start=_clock(state.started_at, lang, tz),
            end=_clock(state.last_at, lang, tz),
        )
        out.append(f"- **{t('minutes.times')}**{sep} {times}")
    if state.facilitator_name:
        out.append(f"- **{t('minutes.facilitator')}**{sep} {escape(state.facilitator_name)}")
    scribes = [link.label for link in state.links.values() if link.role == "scribe" and link.label]
    if scribes:
        out.append(f"- **{t('minutes.scribe')}**{sep} {', '.join(escape(s) for s in scribes)}")
    # A person who asked to be forgotten took part all the same: counted, never named.
    people = [p for p in state.participants.values() if not p.removed or p.forgotten]
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
        # Someone who was not there learns how the activity worked, in one line; and which
        # format "Nos idées" ran, unless the activity is titled after it.
        how = translate(fmt.messages, "minutes.how", lang)
        if how == "minutes.how":
            how = translate(fmt.messages, "description", lang)
        if _said(title) != _said(format_title):
            how = f"{t('minutes.format')}{sep} {format_title}. {how}"
        out += [f"_{escape(how)}_", ""]
        ctx = activity_context(state, registry, activity, lang)
        out += [fmt.minutes(activity.state, ctx).rstrip(), ""]
        for picture in pictures(fmt, activity.state, ctx):
            if figures is None:
                out += [picture_caption(picture.title, lang), ""]
            else:
                figures.items.append(picture)
                out += [picture_image(picture.title, len(figures.items)), ""]
    # Imported here: the register composes activity contexts from this module.
    from exports.register import register_section

    out += register_section(state, registry, lang, tz)
    return "\n".join(out).rstrip() + "\n"
