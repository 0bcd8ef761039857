"""The session's decision register: every decision its activities took, together (the formats'
optional `decisions` hook, see facilitation/hooks.py). The minutes end with it and the JSON
export carries it, so that an association keeps one register across sessions."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from exports.minutes import DEFAULT_TIMEZONE, activity_context, local
from facilitation.hooks import decisions
from facilitation.localized import long_date
from facilitation.markdown import escape
from facilitation.messages import ENGINE, language, translate
from facilitation.registry import Registry
from facilitation.session import SessionState


def register(
    state: SessionState, registry: Registry, lang: str | None = None
) -> list[dict[str, Any]]:
    """One entry per decision, in agenda order: JSON-able."""
    lang = language(lang or state.language)
    entries: list[dict[str, Any]] = []
    for number, activity in enumerate(state.activities, 1):
        fmt = registry[activity.format]
        ctx = activity_context(state, registry, activity, lang)
        title = activity.title or translate(fmt.messages, "title", lang)
        for d in decisions(fmt, activity.state, ctx):
            entries.append(
                {
                    "activity": number,
                    "activity_title": title,
                    "format": fmt.name,
                    "title": d.title or title,
                    "text": d.text,
                    "outcome": d.outcome,
                    "outcome_text": translate(fmt.messages, f"outcome.{d.outcome}", lang)
                    if d.outcome
                    else "",
                    "at": d.at,
                    "versions": d.versions,
                    "objections": d.objections,
                    "concerns": list(d.concerns),
                }
            )
    return entries


def register_section(
    state: SessionState, registry: Registry, lang: str, tz: tzinfo = DEFAULT_TIMEZONE
) -> list[str]:
    """The register as the minutes' last section (nothing when no activity took a decision)."""
    entries = register(state, registry, lang)
    if not entries:
        return []
    sep = "\u00a0:" if lang == "fr" else ":"
    out = [f"## {translate(ENGINE, 'minutes.register', lang)}", ""]
    for e in entries:
        if e["outcome"]:
            shown = long_date(local(e["at"], tz), lang) if e["at"] else ""
            said = translate(
                ENGINE, "minutes.register_line", lang, outcome=e["outcome_text"], date=shown
            )
        else:
            said = translate(ENGINE, "minutes.register_pending", lang)
        out.append(f"- **{escape(e['title'])}** ({e['activity']}){sep} {said}")
    return [*out, ""]
