"""Who may send what, in which step: the rules the commands declare. Deny by default."""

from __future__ import annotations

from facilitation.engine import ENGINE_COMMANDS, step_context
from facilitation.protocol import NAMED, Rule
from facilitation.registry import Registry
from facilitation.session import SessionState, closed_reason, step_key
from facilitation.types import Actor, Rejected, Role


def rule_for(state: SessionState, registry: Registry, command_type: str) -> tuple[Rule, str | None]:
    """The rule for a command, and the current step when the rule is a format's."""
    if command_type in ENGINE_COMMANDS:
        return ENGINE_COMMANDS[command_type].rule, None
    activity = state.current
    prefix = command_type.partition(".")[0]
    if activity is not None and prefix == activity.format:
        fmt = registry[activity.format]
        if command_type in fmt.commands:
            return fmt.commands[command_type].rule, step_key(registry, activity)
    if any(command_type in fmt.commands for fmt in registry):
        # A known command of another format than the current one's.
        raise Rejected("no_activity" if activity is None else "wrong_step")
    raise Rejected("unknown_command")


def roles_of(state: SessionState, actor: Actor) -> frozenset[str]:
    """The engine role, with the roles the current activity gives this participant."""
    roles = {actor.role.value}
    activity = state.current
    if activity is not None and actor.participant_id is not None:
        roles |= activity.roles.get(actor.participant_id, frozenset())
    return frozenset(roles)


def authorise(
    state: SessionState, registry: Registry, actor: Actor, command_type: str, at: str = ""
) -> frozenset[str]:
    """Refuse what this actor may not do now; returns the roles they act with."""
    rule, step = rule_for(state, registry, command_type)
    roles = roles_of(state, actor)
    if not roles & rule.roles or roles & rule.denied:
        raise Rejected("not_allowed")
    if not rule.allows(roles, step):
        raise Rejected("wrong_step")
    if step is not None and actor.role is Role.PARTICIPANT:
        reason = contribution_refused(state, actor.participant_id, at)
        if reason is not None:
            raise Rejected(reason)
    activity = state.current
    if step is not None and rule.refusal is not None and activity is not None:
        # What the format's state refuses whatever the payload (`can` leaves it out alike).
        refusal = rule.refused(activity.state, step_context(state, registry, actor, roles, at))
        if refusal is not None:
            raise Rejected(refusal)
    return roles


def contribution_refused(state: SessionState, participant_id: str | None, at: str) -> str | None:
    """Why a participant may not contribute to the current activity now, or None: input must be
    open, and a named activity needs a name (a person without a phone may stay unnamed)."""
    activity = state.current
    if activity is None:
        return None
    reason = closed_reason(activity, at)
    if reason is not None:
        return reason
    person = state.participants.get(participant_id or "")
    if activity.anonymity == NAMED and person and not person.proxy and not person.name:
        return "name_required"
    return None


def allowed_now(
    state: SessionState,
    registry: Registry,
    role: Role,
    at: str = "",
    participant_id: str | None = None,
) -> list[str]:
    """Command types this person may send now: screens show an action only when it is here."""
    roles = roles_of(state, Actor(role, participant_id))
    allowed = {t for t, spec in ENGINE_COMMANDS.items() if spec.rule.allows(roles, None)}
    if not state.undo:
        allowed.discard("session.undo")
    activity = state.current
    if activity is None:
        allowed -= {t for t in allowed if ENGINE_COMMANDS[t].needs_activity}
        return sorted(allowed)
    fmt = registry[activity.format]
    step = step_key(registry, activity)
    if role is not Role.PARTICIPANT or contribution_refused(state, participant_id, at) is None:
        offered = {
            t: spec.rule for t, spec in fmt.commands.items() if spec.rule.allows(roles, step)
        }
        if any(rule.refusal is not None for rule in offered.values()):
            # What the format's state refuses now (the same predicate the engine asks).
            ctx = step_context(state, registry, Actor(role, participant_id), roles, at)
            offered = {t: r for t, r in offered.items() if r.refused(activity.state, ctx) is None}
        allowed |= set(offered)
    person = state.participants.get(participant_id or "")
    if person is not None and person.proxy:
        # Staff enter contributions and "I'm done" for a person without a phone, nothing else
        # (the facilitator erases their name by naming them: `participant.forget`).
        allowed -= {"participant.rename", "participant.forget"}
    steps = fmt.steps
    index = activity.step_index
    # Moves that would be refused are not offered.
    if index == len(steps) - 1:
        allowed.discard("step.next")
    if index == 0:
        allowed.discard("step.previous")
    if index + 2 > len(steps) - 1 or not steps[index + 1].optional:
        allowed.discard("step.skip")
    if not steps[index].ready:
        allowed.discard("participant.ready")
    if not fmt.roles:
        allowed.discard("participant.assign_role")
    timer = activity.timer
    if timer is None:
        allowed -= {"timer.add", "timer.pause", "timer.resume", "timer.stop"}
    elif timer.remaining is None:
        allowed.discard("timer.resume")
    else:
        allowed.discard("timer.pause")
    return sorted(allowed)
