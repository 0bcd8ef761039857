"""One declared map decides who may send what, in which step. Deny by default."""

from __future__ import annotations

from facilitation.formats import Rule
from facilitation.registry import Registry
from facilitation.session import ENGINE_PERMISSIONS, SessionState, step_key
from facilitation.types import Actor, Rejected, Role


def rule_for(state: SessionState, registry: Registry, command_type: str) -> tuple[Rule, str | None]:
    """The rule for a command, and the current step when the rule is a format's."""
    if command_type in ENGINE_PERMISSIONS:
        return ENGINE_PERMISSIONS[command_type], None
    activity = state.current
    prefix = command_type.partition(".")[0]
    if activity is not None and prefix == activity.format:
        fmt = registry[activity.format]
        if command_type in fmt.permissions:
            return fmt.permissions[command_type], step_key(registry, activity)
    if any(command_type in fmt.permissions for fmt in registry):
        # A known command of another format than the current one's.
        raise Rejected("no_activity" if activity is None else "wrong_step")
    raise Rejected("unknown_command")


def authorise(state: SessionState, registry: Registry, actor: Actor, command_type: str) -> None:
    rule, step = rule_for(state, registry, command_type)
    if actor.role not in rule.roles:
        raise Rejected("not_allowed")
    if not rule.allows(actor.role, step):
        raise Rejected("wrong_step")


def allowed_now(state: SessionState, registry: Registry, role: Role) -> list[str]:
    """Command types this role may send now: screens show an action only when it is here."""
    allowed = {t for t, rule in ENGINE_PERMISSIONS.items() if rule.allows(role, None)}
    activity = state.current
    if activity is None:
        allowed -= {"step.next", "step.previous"}
    else:
        step = step_key(registry, activity)
        fmt = registry[activity.format]
        allowed |= {t for t, rule in fmt.permissions.items() if rule.allows(role, step)}
        # Moves that would be refused at the ends of the activity are not offered.
        if activity.step_index == len(fmt.steps) - 1:
            allowed.discard("step.next")
        if activity.step_index == 0:
            allowed.discard("step.previous")
    return sorted(allowed)
