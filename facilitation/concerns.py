"""Whose own view a change may alter: the fan-out recomputes the `private` views of those people
only, not of everyone connected (at 2000 phones, a note changes its author's view alone).

Each typed event says whom it concerns (`EngineEvent.concerns`, `FormatEvent.concerns`); the
default is everyone, so an event that says nothing is always safe. In an anonymous activity the
format knows aliases, not participants: `alias_owners` maps them back through the seeds of the
phones connected (nobody else has a private view to send).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from facilitation.anonymity import phone_alias
from facilitation.engine import ENGINE_EVENTS
from facilitation.protocol import ANONYMOUS
from facilitation.registry import Registry
from facilitation.session import SessionState
from facilitation.types import Event

# Events that change how many people take part (`StepContext.people_count`).
PEOPLE_COUNTED = frozenset({"participant.joined", "participant.added", "participant.removed"})


def refuses_by_state(registry: Registry, state: SessionState) -> bool:
    """Whether the current activity's format has a command its state may refuse (`Rule.unless`):
    then `can` depends on the format's state and on how many take part."""
    current = state.current
    if current is None:
        return False
    return any(spec.rule.refusal is not None for spec in registry[current.format].commands.values())


def concerned(state: SessionState, registry: Registry, events: Iterable[Event]) -> set[str] | None:
    """The ids whose `private` view these events may have changed — participant ids, or aliases
    in the current activity when it is anonymous — read on `state`, at or after the events.
    None: anyone's (an event that does not say, or one that changes what everyone may do)."""
    ids: set[str] = set()
    current = state.current
    for event in events:
        engine_event = ENGINE_EVENTS.get(event.type)
        if engine_event is not None:
            found = engine_event.from_data(event.data).concerns(state)
            if event.type in PEOPLE_COUNTED and refuses_by_state(registry, state):
                # How many take part may change what the format refuses (a round complete),
                # so what everyone may do.
                return None
        elif current is None or event.activity_id != current.id:
            # Another activity's change is in nobody's private view (only the current one's
            # is); opening that activity later concerns everyone.
            continue
        else:
            fmt = registry[current.format]
            typed = fmt.events.get(event.type)
            if typed is None:
                return None
            found = typed.from_data(event.data).concerns(current.state)
        if found is None:
            return None
        ids.update(found)
    return ids


def alias_owners(state: SessionState, seeds: Mapping[str, str]) -> dict[str, str]:
    """alias -> participant id, for the phones whose seeds are given, in the current activity
    when it is anonymous (empty otherwise: ids are participant ids)."""
    activity = state.current
    if activity is None or activity.anonymity != ANONYMOUS:
        return {}
    return {phone_alias(seed, state.id, activity.id): pid for pid, seed in seeds.items()}
