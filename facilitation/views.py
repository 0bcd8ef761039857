"""What each role sees of a session. Formats filter their own content; this composes the whole."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from facilitation.anonymity import phone_alias, proxy_alias
from facilitation.messages import both, translate
from facilitation.permissions import allowed_now, contribution_refused
from facilitation.protocol import ANONYMOUS, ViewContext
from facilitation.registry import Registry
from facilitation.session import Activity, SessionState, closed_reason, step_key
from facilitation.types import Role

# Who reads whose instructions: the room screen and observers read the participants' (they
# speak to the room), the scribe reads the facilitator's.
READS_AS = {
    Role.ROOM: Role.PARTICIPANT,
    Role.OBSERVER: Role.PARTICIPANT,
    Role.SCRIBE: Role.FACILITATOR,
}
# Roles that see who is here, who is done and who holds which role.
STAFF = (Role.FACILITATOR, Role.SCRIBE, Role.OBSERVER)
# Roles that enter contributions for people without a phone (and so see what those would see).
PROXY_ROLES = (Role.FACILITATOR, Role.SCRIBE)


def frames(
    state: SessionState,
    registry: Registry,
    roles: Collection[Role],
    at: str,
    connected: Collection[str],
    join_url: str,
    alias_secret: str,
) -> dict[Role, dict[str, Any]]:
    """The `view` message of each role, for one state: what fan-out sends to each role room."""
    proxies = None
    if any(role in PROXY_ROLES for role in roles):
        proxies = proxy_private_views(state, registry, alias_secret, at)
    return {role: frame(state, registry, role, at, connected, join_url, proxies) for role in roles}


def frame(
    state: SessionState,
    registry: Registry,
    role: Role,
    at: str,
    connected: Collection[str],
    join_url: str,
    proxies: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What one role's screens receive: the session, the current activity, and for those who
    type for people without a phone, what a phone and each such person would see."""
    view: dict[str, Any] = {
        "seq": state.seq,
        # The server's clock: screens count timers down from it, whatever their own says.
        "now": at,
        # Who this screen is (the console lays out its panels by it; what it may do is `can`).
        "role": role.value,
        "session": session_view(state, registry, role, connected, join_url),
        "activity": activity_view(state, registry, role, at),
    }
    if role in PROXY_ROLES:
        # "Preview as participant": exactly what a phone shows, computed by the same code.
        view["preview"] = activity_view(state, registry, Role.PARTICIPANT, at)
        # And what each person without a phone would see on theirs (their own contributions,
        # votes left), for whoever enters contributions on their behalf.
        view["proxies"] = dict(proxies or {})
    return view


def session_view(
    state: SessionState,
    registry: Registry,
    role: Role,
    connected: Collection[str],
    join_url: str,
) -> dict[str, Any]:
    code = state.join_code
    present = [p for p in state.participants.values() if not p.removed]
    view: dict[str, Any] = {
        "id": state.id,
        "title": state.title,
        "language": state.language,
        "facilitator_name": state.facilitator_name,
        "place": state.place,
        "join_code": f"{code[:4]}-{code[4:]}",
        "join_url": join_url,
        "joining_locked": state.joining_locked,
        "participant_count": sum(1 for p in present if not p.proxy),
        "connected_count": sum(1 for p in present if p.id in connected),
        "activities": [
            {
                "id": a.id,
                "format": a.format,
                "title": a.title or translate(registry[a.format].messages, "title", state.language),
                "current": a.id == state.current_activity_id,
                "anonymity": a.anonymity,
                "step_index": a.step_index,
                "step_count": len(registry[a.format].steps),
            }
            for a in state.activities
        ],
        "current_activity_id": state.current_activity_id,
        # What this role may send now about the session as a whole (also without an activity).
        "can": allowed_now(state, registry, role),
        "display": display_view(state, registry),
        # Whether the minutes are shared (phones then ask for the link: its secret is not here).
        "minutes": {"shared": state.minutes_link},
    }
    if role in STAFF:
        edit = state.minutes_edit
        view["minutes"] |= {"summary": state.summary, "edited_at": edit.at if edit else None}
        current = state.current
        ready = current.ready if current and current.anonymity != ANONYMOUS else frozenset()
        roles = current.roles if current else {}
        view["participants"] = [
            {
                "id": p.id,
                "name": p.name,
                "number": p.number,
                "connected": p.id in connected,
                "remote": p.remote,
                "proxy": p.proxy,
                "ready": p.id in ready,
                "roles": sorted(roles.get(p.id, ())),
            }
            for p in present
        ]
    if role is Role.FACILITATOR:
        view["links"] = [
            {"id": link.id, "role": link.role, "label": link.label}
            for link in state.links.values()
            if not link.revoked
        ]
    return view


def display_view(state: SessionState, registry: Registry) -> dict[str, Any]:
    """What the room screen shows now; a spotlight carries its text (what remote people see)."""
    display = state.display
    shown: dict[str, Any] = {
        "mode": display.mode,
        "join_box": display.join_box,
        "contrast": display.contrast,
    }
    if display.mode == "spotlight" and display.item_id is not None:
        activity = state.activity(display.activity_id)
        text = None
        if activity is not None:
            text = registry[activity.format].item_text(activity.state, display.item_id)
        if text is None or text not in room_texts(state, registry, activity):
            # Hidden or merged since, or not on the wall (a note still being written): the
            # room goes back to the activity.
            return {
                "mode": "activity",
                "join_box": display.join_box,
                "contrast": display.contrast,
            }
        shown.update(activity_id=display.activity_id, item_id=display.item_id, text=text)
    return shown


def room_texts(state: SessionState, registry: Registry, activity: Activity | None) -> set[str]:
    """Every text the room screen shows of an activity now. A spotlight or a show of hands
    repeats a contribution only when it is among them, whatever id the facilitator sends: the
    step decides what the room may read (not a note still being written), the format's view
    says it."""
    if activity is None:
        return set()
    context = _context(state, registry, activity, Role.ROOM)
    return _strings(registry[activity.format].view(activity.state, context))


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(_strings(v) for v in value))
    return set()


def _context(
    state: SessionState, registry: Registry, activity: Activity, role: Role
) -> ViewContext:
    return ViewContext(
        step=step_key(registry, activity),
        role=role,
        revealed=activity.revealed,
        authors=state.authors(activity),
        hands=activity.hands,
        assignments=activity.roles,
        people_count=state.people_count(),
    )


def activity_view(
    state: SessionState, registry: Registry, role: Role, at: str = ""
) -> dict[str, Any] | None:
    activity = state.current
    if activity is None:
        return None
    fmt = registry[activity.format]
    step = fmt.steps[activity.step_index]
    reader = READS_AS.get(role, role)
    if own_instructions(fmt.messages, step.key, role.value):
        reader = role  # the format speaks to this role in its own words (the scribe…)
    timer = activity.timer
    reason = closed_reason(activity, at)
    view: dict[str, Any] = {
        "id": activity.id,
        "format": activity.format,
        "title": activity.title or translate(fmt.messages, "title", state.language),
        "anonymity": activity.anonymity,
        "step": {
            "key": step.key,
            "index": activity.step_index,
            "title": both(fmt.messages, f"step.{step.key}"),
            "optional": step.optional,
            "asks_ready": step.ready,
        },
        "steps": [
            {
                "key": s.key,
                "title": both(fmt.messages, f"step.{s.key}"),
                "minutes": s.minutes,
                "optional": s.optional,
            }
            for s in fmt.steps
        ],
        "instructions": both(fmt.messages, f"step.{step.key}.instructions.{reader.value}"),
        "timer": None if timer is None else timer.as_json(),
        "input": {"open": reason is None, "reason": reason, "locked": activity.locked},
        "revealed": activity.revealed,
        "ready_count": len(activity.ready),
        # Out of how many: everyone taking part, with a phone or without one (the facilitator
        # or the scribe says it for them), the same people whose contributions count.
        "ready_total": state.people_count(),
        "roles": [{"name": r, "title": both(fmt.messages, f"role.{r}")} for r in fmt.roles],
        "can": allowed_now(state, registry, role, at),
        "view": fmt.view(activity.state, _context(state, registry, activity, role)),
    }
    if activity.hands:
        # Counted while the room could read an item, off the wall since: no text.
        readable = room_texts(state, registry, activity)
        view["hands"] = [
            {"item_id": item, "count": count, "text": text if text in readable else None}
            for item, count in activity.hands.items()
            for text in [fmt.item_text(activity.state, item)]
        ]
    if role is Role.FACILITATOR:
        last = state.undo[-1] if state.undo else None
        view["undo"] = None if last is None else {"label": last.label, "detail": last.detail}
    return view


def private_views(
    state: SessionState,
    registry: Registry,
    participant_ids: Collection[str],
    seeds: Mapping[str, str] | None = None,
    at: str = "",
    aliases: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Any]]:
    """The `private` message of each named participant: who they are, what they may do, and
    what they alone see. In an anonymous activity the format only knows aliases, derived from
    each phone's seed (`seeds`, participant id -> seed), or given (`aliases`, for people without
    a phone)."""
    activity = state.current
    seeds = seeds or {}
    aliases = aliases or {}
    mine: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {pid: pid for pid in participant_ids}
    if activity is not None:
        if activity.anonymity == ANONYMOUS:
            ids = {
                pid: aliases[pid]
                if pid in aliases
                else phone_alias(seeds[pid], state.id, activity.id)
                for pid in participant_ids
                if pid in seeds or pid in aliases
            }
        fmt = registry[activity.format]
        ctx = _context(state, registry, activity, Role.PARTICIPANT)
        by_id = fmt.private_views(activity.state, ctx, list(ids.values()))
        mine = {pid: by_id.get(alias, {}) for pid, alias in ids.items()}
    views = {}
    # What a participant may do depends only on the roles they hold and on whether they may
    # contribute (a named activity wants their name): computed once per such pair, not once per
    # phone (this runs after every change for every connected phone).
    can_by_roles: dict[tuple[frozenset[str], str | None], list[str]] = {}
    for pid in participant_ids:
        person = state.participants.get(pid)
        held = activity.roles.get(pid, frozenset()) if activity else frozenset()
        key = (held, contribution_refused(state, pid, at))
        if key not in can_by_roles:
            can_by_roles[key] = allowed_now(state, registry, Role.PARTICIPANT, at, pid)
        me = {
            "participant_id": pid,
            "name": person.name if person else "",
            "number": person.number if person else 0,
            "role": Role.PARTICIPANT.value,
            "roles": sorted(held),
            "ready": bool(activity and pid in ids and ids[pid] in activity.ready),
            # A role the format gave this person ("host") may have its own instructions.
            "instructions": role_instructions(registry, activity, held),
            "can": can_by_roles[key],
            # Why this person may not contribute now (input_locked, time_up, name_required).
            "refused": key[1],
        }
        views[pid] = {"seq": state.seq, "me": me, "mine": mine.get(pid, {})}
    return views


def proxy_private_views(
    state: SessionState, registry: Registry, alias_secret: str, at: str = ""
) -> dict[str, dict[str, Any]]:
    """What each person without a phone would see on a phone: for the staff who enter their
    contributions (their own contributions and votes)."""
    people = [p.id for p in state.participants.values() if p.proxy and not p.removed]
    if not people:
        return {}
    activity = state.current
    aliases = {}
    if activity is not None and activity.anonymity == ANONYMOUS:
        aliases = {pid: proxy_alias(alias_secret, pid, activity.id) for pid in people}
    return private_views(state, registry, people, at=at, aliases=aliases)


def private_view(
    state: SessionState,
    registry: Registry,
    participant_id: str,
    seeds: Mapping[str, str] | None = None,
    at: str = "",
) -> dict[str, Any]:
    return private_views(state, registry, [participant_id], seeds, at)[participant_id]


def own_instructions(messages: Mapping[str, Mapping[str, str]], step: str, role: str) -> bool:
    return f"step.{step}.instructions.{role}" in messages.get("fr", {})


def role_instructions(
    registry: Registry, activity: Activity | None, held: Collection[str]
) -> dict[str, str] | None:
    """The instructions of the first format role held that has its own for this step."""
    if activity is None:
        return None
    fmt = registry[activity.format]
    step = step_key(registry, activity)
    for role in sorted(held):
        if own_instructions(fmt.messages, step, role):
            return both(fmt.messages, f"step.{step}.instructions.{role}")
    return None
