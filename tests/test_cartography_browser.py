"""The cartography of digital usages in a real headless Chromium: a tool added on a phone appears
on the room screen's map; with forty tools the map stays readable at projector and phone sizes
(labels apart, necessity and choice told apart without colour); the console merges duplicates,
spotlights a zone and switches to the impact view; phones rate impacts by tapping and dot-vote
the shared stakes. Other people act over Socket.IO where their screen is not the point."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import Client, ServerProcess, caught_up, create_session, join
from tests.test_browser import (
    LAPTOP,
    PHONE,
    PROJECTOR,
    SHOTS,
    accessibility_violations,
    join_by_phone,
    shoot,
    watch_console,
)

pytestmark = pytest.mark.browser

ORGANISATIONS = ["CRIB", "DLA Creuse", "Réseau des tiers-lieux", "Le Gang", "HelloAsso 23"]
TOOLS = [
    "Facebook", "Google Drive", "Nextcloud", "WhatsApp", "Signal", "Framadate", "Doodle", "Canva",
    "Mailchimp", "Zoom", "Jitsi Meet", "Slack", "Mattermost", "Excel", "LibreOffice Calc",
    "Dolibarr", "Paheko", "Trello", "Kanboard", "Gmail", "Thunderbird", "Instagram", "LinkedIn",
    "Dropbox", "OnlyOffice", "WordPress", "Framaforms", "Microsoft Teams", "Discord",
    "Ciel Compta", "Basecamp", "Notion", "Loomio", "Zimbra", "Outlook", "Framapad", "Etherpad",
    "Appicoach", "Canvas",
]  # 39: the phone in the browser adds the fortieth, HelloAsso


async def add_cartography(facilitator: Client) -> str:
    before = {a["id"] for a in facilitator.view["session"]["activities"]}
    answer = await facilitator.ok(
        "session.add_activity",
        {"format": "cartography", "title": "Cartographie des usages numériques", "config": {}},
    )
    await caught_up(answer["seq"], facilitator)
    (added,) = [a["id"] for a in facilitator.view["session"]["activities"] if a["id"] not in before]
    return str(added)


def carto(client: Client) -> dict[str, Any]:
    view: dict[str, Any] = client.view["activity"]["view"]
    return view


async def overlaps(page: Page) -> list[str]:
    """Pairs of map labels whose boxes overlap, and labels drawn over another tool's mark, as
    drawn on this screen (the server places them; this checks what people see)."""
    result = await page.evaluate(
        """() => {
          const svg = document.querySelector('[data-testid=room-map] svg, [data-testid=map-viewer] svg');
          const labels = [...svg.querySelectorAll('.cartography-label')].map(e => [e.textContent, e.getBoundingClientRect()]);
          const marks = [...svg.querySelectorAll('[data-testid=map-mark] circle.cartography-mark__dot')]
            .map(e => [e.closest('[data-testid=map-mark]').dataset.toolId, e.getBoundingClientRect()]);
          const hit = (a, b, m = 0) => a.left + m < b.right && b.left + m < a.right && a.top + m < b.bottom && b.top + m < a.bottom;
          const out = [];
          for (let i = 0; i < labels.length; i++)
            for (let j = i + 1; j < labels.length; j++)
              if (hit(labels[i][1], labels[j][1], 1)) out.push(labels[i][0] + ' / ' + labels[j][0]);
          return out;
        }"""
    )
    return list(result)


async def label_pixels(page: Page) -> float:
    """The smallest map label's height on screen, in CSS pixels."""
    size: float = await page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.cartography-label tspan')]
             .map(e => e.getBoundingClientRect().height))"""
    )
    return size
