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
from formats.cartography.layout import (
    CHAR_WIDTH,
    FONT,
    HEIGHT,
    PORTRAIT,
    WIDTH,
    Zone,
    boxes_overlap,
    layout,
    mark_box,
)
from formats.cartography.state import CartographyState
from formats.cartography.tally import Spot
from formats.cartography.zones import grid, zone_weights

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
    for zone in drawn["zones"]:
        # The title's box is the zone's header, inside the zone; its lines fit in it.
        box = zone["title_box"]
        assert zone["x"] - E <= box["x"] and box["x"] + box["w"] <= zone["x"] + zone["w"] + E
        assert zone["y"] <= box["y"] and box["y"] + box["h"] <= zone["y"] + zone["header"] + E
        assert box["y"] + box["h"] <= zone["y"] + zone["h"] + E, zone
        for lines in zone["title_lines"].values():
            assert 1 <= len(lines) <= 2
            assert len(lines) * round(zone["title_size"] * 1.2) <= box["h"]
            for line in lines:
                assert line["w"] == round(len(line["text"]) * CHAR_WIDTH * zone["title_size"], 1)
                assert line["w"] <= box["w"], (zone["purpose_id"], line)
    for mark in marks:
        zone = next(z for z in drawn["zones"] if z["purpose_id"] == mark["purpose_id"])
        # Labels are as wide as their text at the zone's type (a bold sans-serif's estimate).
        assert mark["font_size"] == zone["font_size"] >= FONT
        size = mark["font_size"]
        assert mark["label_box"]["w"] == round(len(mark["label"]) * CHAR_WIDTH * size, 1)
        assert mark["label_box"]["h"] == round(size * 1.2)
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
    upright = drawn["portrait"]
    assert (upright["width"], upright["height"]) == PORTRAIT
    assert {m["id"] for m in upright["marks"]} | {
        f"{e['purpose_id']}-{e['tool_id']}" for e in upright["legend"] if e["number"] is None
    } == {m["id"] for m in drawn["marks"]} | {
        f"{e['purpose_id']}-{e['tool_id']}" for e in drawn["legend"] if e["number"] is None
    }
    assert_nothing_overlaps(upright)


def one_purpose(count: int, organisations: int = 5) -> list[Spot]:
    names = [f"{TOOLS[i % len(TOOLS)][:14]} {i}" for i in range(count)]
    return [
        Spot("z1", f"t{i}", name, {f"o{k}": "choice" for k in range(1 + i % organisations)})
        for i, name in enumerate(names)
    ]


ZONES = [
    Zone(f"z{i}", {"fr": title, "en": title})
    for i, title in enumerate(
        ["Communication interne", "Communication externe", "Adhésions et paiements",
         "Comptabilité", "Planning et salles", "Partage de fichiers et travail collaboratif",
         "Prise de décision", "Réseaux sociaux", "Événements et agendas"], start=1)
]  # fmt: skip


@pytest.mark.parametrize("size", [(WIDTH, HEIGHT), PORTRAIT])
def test_a_crowded_purpose_gets_the_room_the_empty_ones_do_not_need(
    size: tuple[int, int],
) -> None:
    spots = {"z1": one_purpose(69)}
    drawn = layout(ZONES, spots, size=size)
    assert_nothing_overlaps(drawn)
    crowded = drawn["zones"][0]
    assert crowded["overflow"] == 0, "all 69 tools have a place"
    assert len(drawn["marks"]) == 69
    assert crowded["w"] * crowded["h"] > 0.6 * size[0] * size[1]
    for zone in drawn["zones"][1:]:
        # An empty purpose keeps room for its title.
        assert zone["h"] >= zone["header"] + 12 and zone["w"] >= 200, zone


def test_numbers_start_at_one_on_each_map_and_follow_each_other() -> None:
    spots = {"z1": one_purpose(400, organisations=1), "z2": one_purpose(60, organisations=1)}
    spots["z2"] = [Spot("z2", s.tool_id, s.name, s.whys) for s in spots["z2"]]
    for size in ((WIDTH, HEIGHT), PORTRAIT):
        drawn = layout(ZONES, spots, size=size)
        assert_nothing_overlaps(drawn)
        numbers = [m["number"] for m in drawn["marks"] if m["number"] is not None]
        assert numbers == list(range(1, len(numbers) + 1))
        numbered = [e["number"] for e in drawn["legend"] if e["number"] is not None]
        assert numbered == numbers
        assert drawn["zones"][0]["overflow"] > 0
        unplaced = [e for e in drawn["legend"] if e["number"] is None]
        assert len(unplaced) == sum(z["overflow"] for z in drawn["zones"])


def test_type_and_marks_grow_to_fill_a_zone_with_room() -> None:
    few = layout(ZONES, {"z1": one_purpose(3), "z2": one_purpose(40)})
    roomy, crowded = few["zones"][0], few["zones"][1]
    assert roomy["font_size"] >= 28 and crowded["font_size"] < roomy["font_size"]
    big = next(m for m in few["marks"] if m["purpose_id"] == "z1" and m["organisations"] == 3)
    assert big["r"] > 28, "marks grow with the type"
    # Forty tools over nine purposes: larger than the smallest type wherever there is room.
    drawn = the_map(state_with(TOOLS[:40], organisations=6))
    assert max(z["font_size"] for z in drawn["zones"]) >= FONT + 6


def test_a_long_zone_title_is_wrapped_or_made_smaller_to_fit() -> None:
    long = "Partage de fichiers et travail collaboratif"
    drawn = layout([Zone("z1", {"fr": long, "en": "Files"}), *ZONES[1:]], {})
    zone = drawn["zones"][0]
    lines = zone["title_lines"]["fr"]
    assert " ".join(line["text"] for line in lines) == long and len(lines) == 2
    assert [line["text"] for line in zone["title_lines"]["en"]] == ["Files"]
    assert zone["header"] >= zone["title_box"]["h"] == 2 * round(zone["title_size"] * 1.2)
    # In a narrow zone, smaller type, then "…" at the smallest.
    squeezed = layout([Zone(f"z{i}", {"fr": long * 2}) for i in range(12)], {}, size=PORTRAIT)
    assert_nothing_overlaps(squeezed)
    assert squeezed["zones"][0]["title_lines"]["fr"][-1]["text"].endswith("…")


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
    expected = [(c * 1600 / 3, r * 300.0, 1600 / 3, 300.0) for r in range(3) for c in range(3)]
    for rect, want in zip(grid(9), expected, strict=True):
        assert rect == pytest.approx(want, abs=0.11)
    # Weighted: areas follow the weights; an empty zone keeps a floor.
    for weights in ([69, 0, 0, 0, 0, 0, 0, 0, 0], [12, 3, 1, 7, 0, 5, 2, 9, 1, 4]):
        shares = zone_weights(weights)
        rects = grid(shares)
        assert abs(sum(w * h for _, _, w, h in rects) - WIDTH * HEIGHT) < WIDTH * HEIGHT * 0.001
        for share, (_, _, w, h) in zip(shares, rects, strict=True):
            # At least most of its share (small zones keep a least width and height).
            assert w * h >= 0.75 * WIDTH * HEIGHT * share / sum(shares)
            assert w >= 200 and h >= 100


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
