"""Join codes: keep guessers out without punishing a room that shares one Wi-Fi address.

A code is 8 Crockford characters: 32⁸ = 1 099 511 627 776 codes, of which a server holds
hundreds, a few thousand at most. Guessing pays only at thousands of tries a second; a room's
typos come a few a minute. So:

- A look-up that cannot match (not 8 Crockford characters once normalised: a missed or extra
  character) teaches nothing, and is not counted.
- Wrong codes are counted per address. The first `FREE_FAILURES` a minute are answered at once.
- Beyond, the address is slowed, never locked out: each of its look-ups, right or wrong, waits
  its turn, one every `TURN` seconds. A right code is still answered; it waits a second or two,
  not a minute. (Right and wrong must wait alike: a wrong code answered later than a right one
  would let a guesser drop every slow answer and try on.)
- At most `WAITING` look-ups of one address wait at once; more answer 429 `rate_limited`. No
  phone sends that many: only a script does.

What a guesser still gets, from one address: at most 90 codes a minute (30 answered at once as
older failures leave the minute's window, 60 in turn) — 129 600 a day. With 1 000 sessions on
the server, each try finds one with a chance of 1 000 in 32⁸ (9.1 × 10⁻¹⁰): 1.2 × 10⁻⁴ a day, one
session found in about 23 years of guessing without a pause (a thousand addresses: a week). A
room typing its code wrong 30 times in a minute loses about a second per phone, nothing more.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from limits import parse
from limits.strategies import RateLimiter

FREE_FAILURES = parse("30/minute")
# Seconds between two look-ups of a slowed address.
TURN = 1.0
WAITING = 30
CODE = re.compile(r"[0-9A-Z]{8}")


class TooManyWaiting(Exception):
    """More look-ups of one address are waiting than any room of phones sends."""


@dataclass
class JoinCodeGuard:
    limiter: RateLimiter
    # Per slowed address: when its next turn comes (event-loop time), and how many wait for one.
    _next_turn: dict[str, float] = field(default_factory=dict)
    _waiting: dict[str, int] = field(default_factory=dict)
    # Per address: look-ups let through and not yet answered, and a future resolved when the
    # next of them is (see `wait_turn`).
    _looking: dict[str, int] = field(default_factory=dict)
    _answers: dict[str, asyncio.Future[None]] = field(default_factory=dict)

    @staticmethod
    def may_match(code: str) -> bool:
        """Whether a normalised code has the shape of a join code (else it is not looked up)."""
        return CODE.fullmatch(code) is not None

    async def wait_turn(self, address: str) -> None:
        """Return at once while the address is under its free failures; else when its turn comes
        (raises TooManyWaiting if too many of its look-ups already wait). Every return must be
        followed by `looked_up`.

        Look-ups let through and not yet answered may all be wrong: while they could use up the
        free failures, the next look-up waits for one of them to be answered (milliseconds)
        rather than pass. Else a burst sent at once would all pass before the first failure is
        counted (a guesser's thousand codes in a second); a hall's right codes, sent at once,
        only wait for each other that long."""
        while True:
            free = self.limiter.get_window_stats(FREE_FAILURES, "code", address).remaining
            looking = self._looking.get(address, 0)
            if looking < free:
                self._looking[address] = looking + 1
                return
            if not free:
                break
            await asyncio.shield(self._answered(address))
        if self._waiting.get(address, 0) >= WAITING:
            raise TooManyWaiting
        now = asyncio.get_running_loop().time()
        turn = max(now, self._next_turn.get(address, now))
        self._next_turn[address] = turn + TURN
        self._waiting[address] = self._waiting.get(address, 0) + 1
        try:
            await asyncio.sleep(turn - now)
        finally:
            self._waiting[address] -= 1
            if not self._waiting[address]:
                del self._waiting[address]
                self._forget_past_turns()
        self._looking[address] = self._looking.get(address, 0) + 1

    def looked_up(self, address: str, found: bool) -> None:
        """A look-up `wait_turn` let through is answered; a well-formed code that matched no
        session counts as a failure."""
        self._looking[address] -= 1
        if not self._looking[address]:
            del self._looking[address]
        if not found:
            self.limiter.hit(FREE_FAILURES, "code", address)
        answered = self._answers.pop(address, None)
        if answered is not None:
            answered.set_result(None)

    def _answered(self, address: str) -> asyncio.Future[None]:
        answered = self._answers.get(address)
        if answered is None:
            answered = asyncio.get_running_loop().create_future()
            self._answers[address] = answered
        return answered

    def _forget_past_turns(self) -> None:
        now = asyncio.get_running_loop().time()
        for address, turn in list(self._next_turn.items()):
            if turn < now and address not in self._waiting:
                del self._next_turn[address]
