"""The cartography's map layout: computed once in Python, drawn by every screen and the minutes'
picture. No label covers another label or a mark, whatever the map holds; the same state gives
the same map."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import formats.cartography
from facilitation.fields import parse
from facilitation.protocol import MinutesContext, StepContext, ViewContext
from facilitation.types import Actor, Rejected, Role
from formats.cartography.layout import HEIGHT, WIDTH, boxes_overlap, grid, mark_box
from formats.cartography.state import CartographyState

FORMAT = formats.cartography.FORMAT
E = 0.15
TOOLS = [
    "Facebook", "HelloAsso", "Nextcloud", "Framadate", "Google Drive", "WhatsApp", "Signal",
    "Mattermost", "Canva", "Dolibarr", "Garradin", "Paheko", "Zoom", "Jitsi Meet", "Doodle",
    "Framapad", "Etherpad", "Trello", "Wekan", "Instagram", "LinkedIn", "Mastodon", "Peertube",
    "YouTube", "Mailchimp", "Sendinblue", "Gmail", "Outlook", "Thunderbird", "Excel",
    "LibreOffice Calc", "Ciel Compta", "Loomio", "Decidim", "Framaforms", "Google Forms",
    "Agenda partagé de la Quincaillerie numérique", "Appicoach", "WordPress", "Wix",
    "Un outil au nom vraiment très long pour voir la suite",
]  # fmt: skip


def state_with(tools: list[str], organisations: int = 12) -> CartographyState:
    state = FORMAT.initial_state(parse(FORMAT.config_fields, {}))

    def send(step: str, who: str, command: str, payload: dict[str, Any]) -> None:
        nonlocal state
        spec = FORMAT.commands[command]
        ctx = StepContext(step, Actor(Role.PARTICIPANT, who))
        for event in spec.handler(state, parse(spec.fields, payload), ctx):
            state = event.apply(state)  # type: ignore[attr-defined]

    purposes = [p.id for p in state.purposes]
    for n in range(organisations):
        send("inventory", f"p{n}", "cartography.set_organisation", {"name": f"Asso {n}"})
    for i, tool in enumerate(tools):
        # Popular tools are used by many organisations and for several purposes.
        users = 1 + (len(tools) - i) * organisations // (2 * len(tools))
        for n in range(users):
            chosen = [purposes[(i + k) % len(purposes)] for k in range(1 + (i + n) % 3)]
            why = "necessity" if (i + n) % 3 else "choice"
            payload = {"tool": tool, "purpose_ids": chosen, "why": why}
            send("inventory", f"p{(i + n) % organisations}", "cartography.add_use", payload)
    return state


def the_map(state: CartographyState) -> dict[str, Any]:
    view = FORMAT.view(state, ViewContext("map", "room"))
    drawn: dict[str, Any] = view["map"]
    return drawn


def assert_nothing_overlaps(drawn: dict[str, Any]) -> None:
    marks = drawn["marks"]
    labels = [m["label_box"] for m in marks]
    for a, b in itertools.combinations(labels, 2):
        assert not boxes_overlap(a, b), (a, b)
    for mark, label in itertools.product(marks, labels):
        if label is not mark["label_box"]:
            assert not boxes_overlap(mark_box(mark), label), (mark["name"], label)
    for a, b in itertools.combinations(marks, 2):
        assert not boxes_overlap(mark_box(a), mark_box(b)), (a["name"], b["name"])
    for mark in marks:
        zone = next(z for z in drawn["zones"] if z["purpose_id"] == mark["purpose_id"])
        # Coordinates are rounded to a tenth: inside, give or take that.
        for box in (mark_box(mark), mark["label_box"]):
            assert zone["x"] - E <= box["x"] and box["x"] + box["w"] <= zone["x"] + zone["w"] + E
            assert zone["y"] + zone["header"] - E <= box["y"], mark
            assert box["y"] + box["h"] <= zone["y"] + zone["h"] + E, mark


@pytest.mark.parametrize("count", [1, 5, 12, 25, 41])
def test_no_label_overlaps_another_label_or_a_mark(count: int) -> None:
    drawn = the_map(state_with(TOOLS[:count]))
    assert drawn["marks"], "the map draws the tools"
    assert_nothing_overlaps(drawn)


def test_forty_tools_all_show_by_name_or_by_number() -> None:
    state = state_with(TOOLS, organisations=40)
    drawn = the_map(state)
    assert_nothing_overlaps(drawn)
    names = {m["tool_id"] for m in drawn["marks"]} | {e["tool_id"] for e in drawn["legend"]}
    assert len(names) == len(TOOLS)
    for mark in drawn["marks"]:
        if mark["number"] is None:
            assert mark["label"] == mark["name"] or mark["label"].endswith("…"), mark
        else:
            assert mark["label"] == str(mark["number"])
            entry = {k: mark[k] for k in ("number", "purpose_id", "tool_id", "name")}
            assert entry in drawn["legend"]
    long = next(m for m in drawn["marks"] if m["name"].startswith("Un outil au nom"))
    assert long["label"] != long["name"], "a long name is ellipsized (or numbered)"


def test_an_overcrowded_zone_numbers_its_marks_then_counts_what_does_not_fit() -> None:
    many = [f"Outil {n}" for n in range(160)]
    state = state_with(many, organisations=3)
    drawn = the_map(state)
    assert_nothing_overlaps(drawn)
    assert any(m["number"] is not None for m in drawn["marks"])
    shown = len(drawn["marks"]) + sum(z["overflow"] for z in drawn["zones"])
    spots = sum(len(p["tools"]) for p in FORMAT.view(state, ViewContext("map", "room"))["list"])
    assert shown == spots, "every tool of every zone is drawn or counted"


def test_the_same_state_gives_the_same_map() -> None:
    assert the_map(state_with(TOOLS)) == the_map(state_with(TOOLS))


def test_zones_tile_the_projector() -> None:
    for count in range(1, 13):
        rects = grid(count)
        assert len(rects) == count
        area = sum(w * h for _, _, w, h in rects)
        assert abs(area - WIDTH * HEIGHT) < WIDTH * HEIGHT * 0.001, count
        for a, b in itertools.combinations(rects, 2):
            boxes = [dict(zip("xywh", r, strict=True)) for r in (a, b)]
            # Neighbours share an edge at most (coordinates are rounded to a tenth).
            shrunk = [{**r, "w": r["w"] - 0.2, "h": r["h"] - 0.2} for r in boxes]
            assert not boxes_overlap(shrunk[0], shrunk[1]), (count, a, b)
    assert grid(9) == [(round(c * 1600 / 3, 1), round(r * 300.0, 1), 533.3, 300.0)
                       for r in range(3) for c in range(3)]  # fmt: skip


def test_the_picture_is_the_same_layout_as_a_standalone_svg() -> None:
    state = state_with(TOOLS[:20])
    (picture,) = FORMAT.pictures(state, MinutesContext("map", "fr"))  # type: ignore[attr-defined]
    assert picture.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    drawn = the_map(state)
    for mark in drawn["marks"]:
        assert f'cx="{mark["x"]}" cy="{mark["y"]}" r="{mark["r"]}"' in picture.svg
    assert picture.svg.count("<circle") >= len(drawn["marks"])
    assert "par nécessité" in picture.svg
    english = FORMAT.pictures(state, MinutesContext("map", "en"))[0]  # type: ignore[attr-defined]
    assert "by necessity" in english.svg


def test_participant_text_is_escaped_in_the_picture() -> None:
    state = state_with(["<script>&</script>"], organisations=1)
    (picture,) = FORMAT.pictures(state, MinutesContext("map", "fr"))  # type: ignore[attr-defined]
    assert "<script>" not in picture.svg and "&lt;script&gt;" in picture.svg


def test_names_match_trimmed_and_case_and_accent_insensitively() -> None:
    state = state_with([], organisations=0)
    for who, name in (("p1", "Asso X"), ("p2", "asso  x "), ("p3", "ÀSSO X"), ("p4", "Créasol")):
        spec = FORMAT.commands["cartography.set_organisation"]
        ctx = StepContext("inventory", Actor(Role.PARTICIPANT, who))
        for event in spec.handler(state, parse(spec.fields, {"name": name}), ctx):
            state = event.apply(state)  # type: ignore[attr-defined]
    assert [o.name for o in state.organisations] == ["Asso X", "Créasol"]
    assert {state.organisation_of(p) for p in ("p1", "p2", "p3")} == {"o1"}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("", "csv_invalid", 1),
        ("a,b,c\r\n", "csv_invalid", 1),
        ("n,a,format,k,i,t,th,au,pr,ab,v,d\r\n", "csv_empty", None),
        ("n,a,format,k,i,t,th,au,pr,ab,v,d\r\n1,A,cartography,use,x,Tool,Purpose,,,,often,Org\r\n",
         "csv_invalid", 2),
        ("n,a,format,k,i,t,th,au,pr,ab,v,d\r\n1,A,board,note,n1,Idée,,,,,,\r\n"
         "1,A,cartography,rating,x,Tool,Coût,,,cost,9,Org\r\n", "csv_invalid", 3),
        ("n,a,format,k,i,t,th,au,pr,ab,v,d\r\n1,A,cartography,use,x,,Purpose,,,,choice,Org\r\n",
         "csv_invalid", 2),
        ("n,a,format,k,i,t,th,au,pr,ab,v,d\r\n1,A,cartography,use\r\n", "csv_invalid", 2),
    ],
)  # fmt: skip
def test_a_bad_csv_is_refused_whole_and_says_where(text: str, code: str, line: int | None) -> None:
    state = state_with(TOOLS[:3], organisations=2)
    spec = FORMAT.commands["cartography.import_csv"]
    ctx = StepContext("inventory", Actor(Role.FACILITATOR))
    payload = parse(spec.fields, {"csv": text}) if text else {"csv": ""}
    with pytest.raises(Rejected) as refused:
        spec.handler(state, payload, ctx)
    assert refused.value.code == code
    if line is not None:
        assert refused.value.params["line"] == line
