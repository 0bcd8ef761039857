"""The board's words: real plural forms on its screens and in its minutes, never "(s)"."""

from __future__ import annotations

import json
import re

import httpx

from formats.board import FORMAT
from tests.support import add_board, caught_up, create_session, get_minutes

# "gommette(s)", "saisie(s)", "note(s)": a plural left to the reader.
BRACKETED_PLURAL = re.compile(r"\w\((?:s|e|es|x)\)")


def every_text() -> dict[str, str]:
    """Each word of the board, on the server and on its screens, by where it comes from."""
    texts = {
        f"messages.py {lang} {key}": text
        for lang, catalog in FORMAT.messages.items()
        for key, text in catalog.items()
    }
    assert FORMAT.web is not None
    for lang in ("fr", "en"):
        catalog = json.loads((FORMAT.web / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        for key, value in catalog.items():
            forms = value if isinstance(value, dict) else {"": value}
            for form, text in forms.items():
                texts[f"{lang}.json {key} {form}"] = text
    return texts


def test_no_word_of_the_board_leaves_its_plural_to_the_reader() -> None:
    found = {where: text for where, text in every_text().items() if BRACKETED_PLURAL.search(text)}
    assert found == {}


async def test_the_minutes_count_dots_entered_for_people_without_a_phone_in_words(
    http: httpx.AsyncClient,
) -> None:
    session = await create_session(http)
    facilitator = await session.facilitator().connect()
    await add_board(facilitator, "Nos idées", anonymity="named")
    people = []
    for name in ("Jo", "Léa"):
        answer = await facilitator.ok("participant.add", {"name": name})
        await caught_up(answer["seq"], facilitator)
        people.append(facilitator.view["session"]["participants"][-1]["id"])
    answer = await facilitator.send("board.add_note", {"text": "Une idée"}, on_behalf_of=people[0])
    assert answer["ok"], answer
    for _ in range(3):
        answer = await facilitator.ok("step.next")
    await caught_up(answer["seq"], facilitator)
    (note,) = facilitator.board["notes"]
    for person in people:
        payload = {"note_id": note["id"]}
        answer = await facilitator.send("board.add_vote", payload, on_behalf_of=person)
        assert answer["ok"], answer
    await facilitator.ok("step.next")

    french = await get_minutes(http, session)
    assert "Dont 2 gommettes saisies pour des personnes sans téléphone." in french
    english = await get_minutes(http, session, "en")
    assert "Of which 2 dots entered on behalf of people without a phone." in english
    await facilitator.disconnect()
