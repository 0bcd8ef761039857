"""The minutes as the team left them: the generated minutes with the summary, then the team's
edit merged in (the one place every export of the minutes gets its text from).

An edit is kept with the generated text it was made on. When the session has changed since
(a note added, a vote counted), the three texts are merged line by line (base: what the edit was
made on; ours: the edit; theirs: what the session gives now): a change on one side only is
taken as it is, and where both sides changed the same lines the minutes show both, between
translated markers, until someone resolves it in the editor. Nothing is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from merge3 import Merge3

from facilitation.fields import clean
from facilitation.messages import ENGINE, LANGUAGES, language, translate
from facilitation.session import SessionState


@dataclass(frozen=True)
class Merged:
    text: str
    # The generated minutes with the summary: what an edit made now is made on.
    generated: str
    # Places where the edit and a later change of the session touch the same lines.
    conflicts: int
    edited: bool


def _markers(lang: str) -> tuple[str, str, str]:
    def marker(key: str) -> str:
        return f"> **{translate(ENGINE, f'minutes.conflict_{key}', lang)}**"

    return marker("start"), marker("middle"), marker("end")


def with_summary(generated: str, summary: str, lang: str) -> str:
    """The summary as a section of its own, after the session's header, before the activities."""
    text = clean(generated)
    if not summary:
        return text
    section = f"## {translate(ENGINE, 'minutes.summary', lang)}\n\n{summary}\n\n"
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("## ")), None)
    if at is None:
        return f"{text}\n\n{section}".rstrip()
    head = "\n".join(lines[:at])
    return f"{head}\n{section}" + "\n".join(lines[at:])


def unresolved(text: str) -> int:
    """How many conflict markers a text still holds (in either language)."""
    starts = {_markers(lang)[0] for lang in LANGUAGES}
    return sum(1 for line in text.split("\n") if line in starts)


def merge(state: SessionState, generated: str, lang: str | None = None) -> Merged:
    lang = language(lang or state.language)
    now = with_summary(generated, state.summary, lang)
    edit = state.minutes_edit
    if edit is None or edit.lang != lang:
        # An edit is in the language it was made in: another language gets the generated text.
        return Merged(now + "\n", now, 0, False)
    if edit.base == now:
        return Merged(edit.text + "\n", now, unresolved(edit.text), True)
    start, middle, end = _markers(lang)
    out: list[str] = []
    merger = Merge3(edit.base.split("\n"), edit.text.split("\n"), now.split("\n"))
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            _base, ours, theirs = group[1], group[2], group[3]
            out += ["", start, "", *ours, "", middle, "", *theirs, "", end, ""]
        else:
            out += group[1]
    text = "\n".join(out)
    return Merged(text + "\n", now, unresolved(text), True)


def edited_minutes(state: SessionState, generated: str, lang: str | None = None) -> str:
    """What every export of the minutes says: `generated` (compose_minutes) with the team's
    summary and edits."""
    return merge(state, generated, lang).text
