"""A tour of every format: a session played through every step over Socket.IO, so that a browser
can look at each screen at each step (tests/test_every_screen.py, docs/screenshots.py).

The facilitator's console opens an activity and moves step by step; phones contribute what the
workshops of the seed documents said (the words of each format's tests/test_<format>_session.py).
`Tour.run(format)` is an async generator: it yields a `Stop` once the step's contributions are
acknowledged, and moves to the next step when the caller asks for the next stop.

    tour = await Tour.start(http, session)
    async for stop in tour.run("board"):
        ...  # the screens now show step `stop.step` of the board
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from playwright.async_api import Page, expect

from tests.support import Client, Session, caught_up, join, private_caught_up
from tests.tour_formats import DRIVERS, activities
from tests.tour_texts import ENGLISH

# The registry's order (formats/*, as the console lists them).
FORMATS = ("board", "accelerator", "cartography", "consent", "review")

# The phones the tour drives; a browser may join as well (it is counted, never waited for).
CAST = (
    ("Jean", False), ("Claire", False), ("Yanis", True),
    ("Lou", False), ("Malik", False), ("Inès", True),
)  # fmt: skip


@dataclass(frozen=True)
class Stop:
    """Where the tour stands: step `step` (1-based `index` of `total`) of `format`."""

    format: str
    activity_id: str
    activity_title: str
    step: str
    index: int
    total: int
    titles: dict[str, str]  # the step's title, {"fr": …, "en": …}
    seq: int  # the session's state once this step's contributions are in
    # A text the room screen shows once this step's contributions are in (or "").
    room_text: str = ""


@dataclass
class Tour:
    http: httpx.AsyncClient
    session: Session
    facilitator: Client
    phones: dict[str, Client]
    # The language of what people write: French, or English for the English guide's pictures.
    lang: str = "fr"
    activities: dict[str, str] = field(default_factory=dict)  # format -> activity id
    # What the room shows at each step, set by the drivers (format, step) -> text.
    shows: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    async def start(cls, http: httpx.AsyncClient, session: Session, lang: str = "fr") -> Tour:
        facilitator = await session.facilitator().connect()
        phones = {name: await join(http, session, name, remote=remote) for name, remote in CAST}
        return cls(http, session, facilitator, phones, lang)

    def say(self, text: str) -> str:
        """What a person writes, in the tour's language (each French text has its English)."""
        return text if self.lang == "fr" else ENGLISH[text]

    async def stop(self) -> None:
        for client in (self.facilitator, *self.phones.values()):
            await client.disconnect()

    # -- the agenda ---------------------------------------------------------------------------

    async def add(self, *formats: str) -> None:
        """Add activities to the agenda (the first one added to an empty session opens)."""
        for name in formats:
            before = {a["id"] for a in self.facilitator.view["session"]["activities"]}
            title, config = activities(self.say)[name]
            answer = await self.facilitator.ok(
                "session.add_activity", {"format": name, "title": title, "config": config}
            )
            await caught_up(answer["seq"], self.facilitator)
            (added,) = [
                a["id"]
                for a in self.facilitator.view["session"]["activities"]
                if a["id"] not in before
            ]
            self.activities[name] = added

    async def open(self, name: str) -> None:
        if name not in self.activities:
            await self.add(name)
        activity_id = self.activities[name]
        current = self.facilitator.view["session"].get("current_activity_id")
        if current != activity_id:
            answer = await self.facilitator.ok(
                "session.open_activity", {"activity_id": activity_id}
            )
            await caught_up(answer["seq"], self.facilitator, *self.phones.values())

    async def next_step(self) -> None:
        answer = await self.facilitator.ok("step.next")
        await caught_up(answer["seq"], self.facilitator, *self.phones.values())

    async def run(self, name: str) -> AsyncIterator[Stop]:
        """Open the format's activity and play every step; a `Stop` after each one."""
        await self.open(name)
        steps = self.facilitator.activity["steps"]
        driver = DRIVERS[name](self)
        index = 0
        async for key in driver:
            activity = self.facilitator.activity
            assert activity["step"]["key"] == key, (name, key, activity["step"]["key"])
            index += 1
            seq = self.facilitator.view["seq"]
            await caught_up(seq, *self.phones.values())
            step = steps[index - 1]
            yield Stop(
                format=name,
                activity_id=self.activities[name],
                activity_title=activity["title"],
                step=key,
                index=index,
                total=len(steps),
                titles=dict(step["title"]),
                seq=seq,
                room_text=self.shows.get((name, key), ""),
            )
            if index < len(steps):
                await self.next_step()
        assert index == len(steps), f"{name}: {index} steps played of {len(steps)}"

    # -- helpers for the drivers --------------------------------------------------------------

    def view(self) -> dict[str, Any]:
        """The facilitator's view of the current activity's own state."""
        view: dict[str, Any] = self.facilitator.view["activity"]["view"]
        return view

    def ids(self) -> dict[str, str]:
        return {p["name"]: p["id"] for p in self.facilitator.view["session"]["participants"]}

    async def settle(self, answer: dict[str, Any]) -> None:
        """Wait until the facilitator's console shows the state after a command."""
        await caught_up(answer["seq"], self.facilitator)

    async def role(self, person: str, role: str) -> None:
        answer = await self.facilitator.ok(
            "participant.assign_role",
            {"participant_id": self.ids()[person], "role": role, "assigned": True},
        )
        await caught_up(answer["seq"], self.facilitator)
        await private_caught_up(answer["seq"], self.phones[person])


async def screens_at(pages: dict[str, Page], stop: Stop, lang: str) -> None:
    """Wait until each screen open in a browser shows the stop's step in `lang`: the room its
    `room-step` (and what it shows at that step), the console its stepper, the phone its title.
    `pages` names them "room", "console" and "phone" (any may be missing)."""
    for page in pages.values():
        await expect(page.locator("html")).to_have_attribute("lang", lang)
    if room := pages.get("room"):
        await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", stop.step)
        if stop.room_text:
            await expect(room.get_by_test_id("room-step")).to_contain_text(stop.room_text)
    if console := pages.get("console"):
        current = console.locator("[data-testid=stepper-step][aria-current=step]")
        await expect(current).to_contain_text(stop.titles[lang])
        await expect(console.locator("section.current")).to_have_attribute("data-step", stop.step)
    if phone := pages.get("phone"):
        await expect(phone.get_by_test_id("step-title")).to_have_text(stop.titles[lang])
