"""The session's data: a CSV of every row the formats declare (contributions, votes,
positions), and an iCalendar of every dated action or commitment.

Authors are named only where the activity is not anonymous (as its screens name them); in an
anonymous activity the author column stays empty, whatever the format gave.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, tzinfo

from icalendar import Calendar, Todo

from exports.minutes import DEFAULT_TIMEZONE, activity_context, local
from exports.when import due_date
from exports.words import WORDS
from facilitation.hooks import DataRow, data_rows, dated_items
from facilitation.localized import long_date
from facilitation.messages import language, translate
from facilitation.protocol import ANONYMOUS, Authors
from facilitation.registry import Registry
from facilitation.session import SessionState

COLUMNS = (
    "number",
    "activity",
    "format",
    "kind",
    "id",
    "text",
    "theme",
    "author",
    "proxy",
    "about",
    "value",
    "detail",
)
STAFF = ("scribe", "facilitator")


def _author(authors: Authors, author_id: str | None, lang: str) -> str:
    if author_id is None or authors.level == ANONYMOUS:
        return ""
    if author_id in STAFF:
        return translate(WORDS, f"staff.{author_id}", lang)
    public = authors.public(author_id)
    return str(public["name"]) if public and public["name"] else ""


def _line(row: DataRow, authors: Authors, lang: str) -> list[str]:
    proxy = row.author_id is not None and authors.is_proxy(row.author_id)
    return [
        row.kind,
        row.id,
        row.text,
        row.theme,
        _author(authors, row.author_id, lang),
        translate(WORDS, "csv.yes", lang) if proxy else "",
        row.about,
        row.value,
        row.detail,
    ]


def data_csv(state: SessionState, registry: Registry, lang: str | None = None) -> str:
    """RFC 4180 (commas, CRLF), with a byte-order mark so spreadsheets read it as UTF-8."""
    lang = language(lang or state.language)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate(WORDS, f"csv.{c}", lang) for c in COLUMNS])
    for number, activity in enumerate(state.activities, 1):
        fmt = registry[activity.format]
        ctx = activity_context(state, registry, activity, lang)
        title = activity.title or translate(fmt.messages, "title", lang)
        for row in data_rows(fmt, activity.state, ctx):
            writer.writerow([str(number), title, fmt.name, *_line(row, ctx.authors, lang)])
    return "\ufeff" + out.getvalue()


def actions_ics(
    state: SessionState,
    registry: Registry,
    lang: str | None = None,
    tz: tzinfo = DEFAULT_TIMEZONE,
    host: str = "fabrique.local",
) -> bytes:
    """One VTODO per dated item: a task with a due day when its "when" reads as one, without
    one otherwise (a calendar then lists it as a task to date: nothing is dropped, nothing is
    given a day nobody said)."""
    lang = language(lang or state.language)

    def t(key: str, **params: str) -> str:
        return translate(WORDS, key, lang, **params)

    cal = Calendar()
    cal.add("prodid", "-//Fabrique//Minutes//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", state.title)
    created = local(state.created_at, tz) if state.created_at else datetime.now(tz)
    day = created.date()
    shown_day = long_date(day, lang)
    for activity in state.activities:
        fmt = registry[activity.format]
        ctx = activity_context(state, registry, activity, lang)
        title = activity.title or translate(fmt.messages, "title", lang)
        for item in dated_items(fmt, activity.state, ctx):
            todo = Todo()
            todo.add("uid", f"{state.id}-{activity.id}-{item.id}@{host}")
            todo.add("dtstamp", created)
            todo.add("summary", item.what)
            sep = "\u00a0:" if lang == "fr" else ":"
            lines = []
            if item.who:
                lines.append(f"{t('ics.who')}{sep} {item.who}")
            due: date | None = due_date(item.when, day)
            if item.when:
                lines.append(f"{t('ics.when')}{sep} {item.when}")
            if due is None:
                lines.append(t("ics.undated"))
            else:
                todo.add("due", due)
            lines.append(t("ics.from", title=state.title, date=shown_day, activity=title))
            todo.add("description", "\n".join(lines))
            todo.add("status", "NEEDS-ACTION")
            cal.add_component(todo)
    return bytes(cal.to_ical())
