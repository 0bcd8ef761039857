"""What each role sees of a session. Formats filter their own content; this composes the whole."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from facilitation.formats import ViewContext
from facilitation.messages import both, translate
from facilitation.permissions import allowed_now
from facilitation.registry import Registry
from facilitation.session import SessionState, step_key
from facilitation.types import Role


def session_view(
    state: SessionState, role: Role, connected: Collection[str], join_url: str
) -> dict[str, Any]:
    code = state.join_code
    view: dict[str, Any] = {
        "id": state.id,
        "title": state.title,
        "language": state.language,
        "facilitator_name": state.facilitator_name,
        "join_code": f"{code[:4]}-{code[4:]}",
        "join_url": join_url,
        "participant_count": len(state.participants),
        "connected_count": sum(1 for pid in state.participants if pid in connected),
        "activities": [
            {
                "id": a.id,
                "format": a.format,
                "title": a.title,
                "current": a.id == state.current_activity_id,
            }
            for a in state.activities
        ],
        "current_activity_id": state.current_activity_id,
    }
    if role is Role.FACILITATOR:
        view["participants"] = [
            {
                "id": p.id,
                "name": p.name,
                "number": p.number,
                "connected": p.id in connected,
                "remote": p.remote,
            }
            for p in state.participants.values()
        ]
    return view


def activity_view(state: SessionState, registry: Registry, role: Role) -> dict[str, Any] | None:
    activity = state.current
    if activity is None:
        return None
    fmt = registry[activity.format]
    step = step_key(registry, activity)
    # The room screen reads the participants' instructions: it speaks to the room.
    reader = Role.PARTICIPANT if role is Role.ROOM else role
    return {
        "id": activity.id,
        "format": activity.format,
        "title": activity.title or translate(fmt.messages, "title", state.language),
        "step": {
            "key": step,
            "index": activity.step_index,
            "title": both(fmt.messages, f"step.{step}"),
        },
        "steps": [
            {"key": s.key, "title": both(fmt.messages, f"step.{s.key}"), "minutes": s.minutes}
            for s in fmt.steps
        ],
        "instructions": both(fmt.messages, f"step.{step}.instructions.{reader.value}"),
        "can": allowed_now(state, registry, role),
        "view": fmt.view(activity.state, ViewContext(step=step, role=role)),
    }


def private_views(
    state: SessionState, registry: Registry, participant_ids: Collection[str]
) -> dict[str, dict[str, Any]]:
    """The `private` message of each named participant: who they are and what they alone see."""
    activity = state.current
    mine: dict[str, dict[str, Any]] = {}
    if activity is not None:
        fmt = registry[activity.format]
        ctx = ViewContext(step=step_key(registry, activity), role=Role.PARTICIPANT)
        mine = fmt.private_views(activity.state, ctx, participant_ids)
    views = {}
    for pid in participant_ids:
        person = state.participants.get(pid)
        me = {
            "participant_id": pid,
            "name": person.name if person else "",
            "number": person.number if person else 0,
            "role": Role.PARTICIPANT.value,
        }
        views[pid] = {"seq": state.seq, "me": me, "mine": mine.get(pid, {})}
    return views


def private_view(state: SessionState, registry: Registry, participant_id: str) -> dict[str, Any]:
    return private_views(state, registry, [participant_id])[participant_id]
