"""A format's test contract: what the permission walk needs to know about it.

`tests/test_permissions.py` sends every command type, as every role, in every step of every
format, over the real server. The engine's commands it knows; a format's commands need a
*scenario*: how to fill an activity so that later steps have something to act on, and what a
plausible payload of each command is. Each format brings it in its own folder, `contract.py`,
which exports `SCENARIO` (a `Scenario`); a registered format without one fails
`test_every_format_has_a_contract`.

How the walk runs a format's step (the scenario only supplies data):

1. A fresh session (one per step: steps are walked at once) with a facilitator, a scribe and an
   observer (each from a link), the room screen, phones (see `PLAIN_PHONES`), a person without a
   phone (`ids["proxy_id"]`, the scribe types for them) and a spare person, link and activity
   for the commands that remove things.
2. An activity of the format is added with `Scenario.config` (default: a value for each declared
   field), with the format's default anonymity, then the phones for each role receive it.
3. For each step up to the one walked, the `seed` commands naming that step are sent (they must
   succeed), then `step.next`.
4. `ids(seen)` reads, from what the screens show, the ids payloads will name. They are read once
   per walked step: by the time a command is sent, what it names may have been deleted, merged
   or moved by an earlier command of the walk. That is fine: the walk judges permission, and a
   `not_found` or `not_yours` is not about permission. A payload must never fail to build,
   though: when a list the ids hold may be empty, name something anyway (`"q1"`).
5. Payloads are built with `payloads[type](ids)`; `ids` holds what `ids(seen)` returned plus the
   engine's own names: `activity_id`, `other_activity_id`, `proxy_id`, `spare_participant_id`,
   `spare_link_id`, `role` (the format's first role). `ids(seen)` must give `item_id`: a standing
   item of the format (its `item_text` is not None), for the spotlight and show of hands.

Adding a format's scenario (say `checkin`, where people share how they arrive and a "host",
the role phones 2 and 3 hold, answers them):

```python
from typing import Any

from facilitation.contract import Scenario, Seed, Seen


def ids(seen: Seen) -> dict[str, Any]:
    view = seen.facilitator["activity"]["view"]  # the format's view, as the facilitator sees it
    words = [w["id"] for w in view["words"]] or ["w1"]
    own = seen.phones[0].mine.get("words") or words  # phone 0's `private.mine`
    return {"word_id": own[0], "item_id": words[0]}


SCENARIO = Scenario(
    seed=[
        Seed("words", 0, "checkin.say_word", {"word": "Curieuse"}),
        Seed("words", 2, "checkin.welcome", lambda ids: {"word_id": ids["word_id"]}),
    ],
    payloads={"checkin.say_word": lambda ids: {"word": "Fatigué"}, ...},  # every command type
    ids=ids,
)
```

`seen.phones[i]` is a `Phone` (participant id, format roles, `private.mine`). A seed's `by` is a
phone's index, or "facilitator" or "scribe". Its payload may be a function of the ids read at
that moment (an answer to a question asked just before).
`test_every_format_has_a_contract` checks the module: a payload for every command type and
no other, seeds naming the format's steps and existing phones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Names payloads look up: the engine's (see the docstring) and the scenario's own.
Ids = Mapping[str, Any]
Payload = Callable[[Ids], dict[str, Any]]

# The phones of every walked session, in order. Phones 0 and 1 hold no format role. When the
# format declares roles, two more phones hold each one, in the order of `fmt.roles` (2 and 3 the
# first role, 4 and 5 the second…). Two of each kind, because a phone may send 60 commands a
# minute and the walk sends each kind nearly every command type.
PLAIN_PHONES = ("Camille", "Yanis")
PHONES_PER_ROLE = 2


@dataclass(frozen=True)
class Phone:
    participant_id: str
    # The format roles this phone holds in the walked activity.
    roles: frozenset[str]
    # Its latest `private.mine`: what this participant alone sees.
    mine: Mapping[str, Any]


@dataclass(frozen=True)
class Seen:
    """What the screens show once the activity has reached the walked step."""

    activity_id: str
    step: str
    # The facilitator's latest `view` (session, activity and the format's `activity.view`).
    facilitator: Mapping[str, Any]
    phones: Sequence[Phone]


@dataclass(frozen=True)
class Seed:
    """A command that fills the activity on its way to the walked step; it must succeed."""

    step: str  # sent while the activity is at this step
    by: int | str  # a phone's index in `Seen.phones`, or "facilitator" or "scribe"
    type: str
    payload: Mapping[str, Any] | Payload


@dataclass(frozen=True)
class Scenario:
    seed: Sequence[Seed]
    # Every command type of the format -> its plausible payload.
    payloads: Mapping[str, Payload]
    ids: Callable[[Seen], dict[str, Any]]
    # The activity's settings; None: a plausible value for each field the format declares.
    config: Mapping[str, Any] | None = None
