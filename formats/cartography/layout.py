"""The map's layout, computed once here for the room screen, the phones and the minutes'
picture: the screens only draw it.

In a 1600×900 space (the projector's; 900×1600 for phones held upright), purposes are zones
sized by what they hold: rows of rectangles whose areas follow the number of tools in each
(with a floor, so an empty purpose keeps room for its title). Each zone's title is wrapped on
at most two lines in a box at the top (its `header`). In each zone the tools' marks are packed
in rows, most organisations first, each with its label under it, at the largest type that
fits (40 down to 20 units), rows centred. Marks and labels of a row sit in disjoint columns and
rows never overlap, so no label covers another label or a mark, by construction. When a zone is
too crowded, labels are ellipsized shorter, then replaced by numbers (1, 2… per map) named in a
legend, then marks shrink; what still does not fit is counted in the zone's `overflow` and
listed in the legend (the list view has everything). Text widths are estimated (CHAR_WIDTH ×
font size per character, a bold sans-serif); screens and the picture draw each text exactly
that wide (SVG `textLength`), so the estimate holds whatever the font.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formats.cartography.tally import Spot
from formats.cartography.zones import HEIGHT as HEIGHT
from formats.cartography.zones import MIN_FULL_H, MIN_ZONE_H, grid, zone_weights
from formats.cartography.zones import WIDTH as WIDTH

# The layout for phones held upright.
PORTRAIT = (900, 1600)
FONT = 20  # the smallest label type (a crowded zone's)
# Label sizes tried in each zone, largest first.
FONTS = (40, 36, 32, 28, 26, 24, 22, 20)
TITLE_FONT = 28
TITLE_MIN = 16
TITLE_ONE_LINE = 22
TITLE_TOP = 8
TITLE_BOTTOM = 8
PAD = 12
H_GAP = 14
V_GAP = 8
LABEL_GAP = 4
# A bold sans-serif's average advance, in font sizes per character (DejaVu Sans Bold: ~0.66).
CHAR_WIDTH = 0.68
R_MIN = 12.0
R_MAX = 28.0
# Names longer than this many characters are ellipsized; then shorter before numbers.
LABEL_CHARS = (18, 12, 8)
SHRINK = (1.0, 0.75, 0.5)
ELLIPSIS = "…"


@dataclass(frozen=True)
class Zone:
    purpose_id: str
    title: Mapping[str, str]


def text_width(text: str, size: float = FONT) -> float:
    return round(len(text) * CHAR_WIDTH * size, 1)


def ellipsized(text: str, width: float, size: float = FONT) -> str:
    fits = int(width // (CHAR_WIDTH * size))
    if len(text) <= fits:
        return text
    return text[: max(fits - 1, 1)].rstrip() + ELLIPSIS


def shortened(text: str, chars: int) -> str:
    """At most `chars` characters, "…" included when cut."""
    if len(text) <= chars:
        return text
    return text[: max(chars - 1, 1)].rstrip() + ELLIPSIS


def line_height(size: float) -> float:
    return float(round(size * 1.2))


def radius(organisations: int, most: int) -> float:
    if most <= 1:
        return R_MIN + 4
    share = math.sqrt((organisations - 1) / (most - 1))
    return round(R_MIN + (R_MAX - R_MIN) * share, 1)


def _two_lines(text: str, width: float, size: float) -> list[str] | None:
    """The text on one line, or cut at a space on two, the widest line the narrowest; None
    when it does not fit so."""
    if text_width(text, size) <= width:
        return [text]
    words = text.split(" ")
    best: list[str] | None = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(text_width(line, size) for line in lines)
        if widest <= width and (best is None or widest < max(text_width(b, size) for b in best)):
            best = lines
    return best


def _title(title: Mapping[str, str], width: float) -> tuple[float, dict[str, list[str]]]:
    """The title's type and lines, every language alike: on one line if it fits at 28 down to
    22 units, else on two at the largest type that fits; at the smallest, lines are
    ellipsized."""
    # One line down to TITLE_ONE_LINE, then two lines (at the largest type that fits).
    tries = [(size, 1) for size in range(TITLE_FONT, TITLE_ONE_LINE - 1, -2)]
    tries += [(size, 2) for size in range(TITLE_FONT, TITLE_MIN - 1, -2)]
    for size, most in tries:
        lines = {lang: _two_lines(text, width, size) for lang, text in title.items()}
        if all(found is not None and len(found) <= most for found in lines.values()):
            return float(size), {k: v for k, v in lines.items() if v is not None}
    smallest = float(TITLE_MIN)
    out: dict[str, list[str]] = {}
    for lang, text in title.items():
        words = text.split(" ")
        first: list[str] = []
        while words and text_width(" ".join([*first, words[0]]), smallest) <= width:
            first.append(words.pop(0))
        if not first:
            out[lang] = [ellipsized(text, width, smallest)]
        else:
            out[lang] = [" ".join(first), ellipsized(" ".join(words), width, smallest)]
    return smallest, out


def _pack(
    widths: Sequence[float],
    heights: Sequence[float],
    inner_w: float,
    inner_h: float,
    scale: float = 1.0,
) -> list[tuple[int, float, float]] | None:
    """Rows of items, each row centred: (row index, x offset, row top) per item, the block
    centred in the height; None when they do not fit. Gaps grow with the type (`scale`)."""
    h_gap, v_gap = H_GAP * scale, V_GAP * scale
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if w > inner_w:
            return None
        if rows[-1] and used + h_gap + w > inner_w:
            rows.append([])
            used = 0.0
        used = w if not rows[-1] else used + h_gap + w
        rows[-1].append(i)
    row_hs = [max((heights[i] for i in row), default=0.0) for row in rows]
    total_h = sum(row_hs) + v_gap * (len(rows) - 1)
    if total_h > inner_h:
        return None
    placed: list[tuple[int, float, float]] = []
    top = (inner_h - total_h) / 2 if widths else 0.0
    for n, (row, row_h) in enumerate(zip(rows, row_hs, strict=True)):
        row_w = sum(widths[i] for i in row) + h_gap * (len(row) - 1)
        x = (inner_w - row_w) / 2
        for i in row:
            placed.append((n, x, top))
            x += widths[i] + h_gap
        top += row_h + v_gap
    return placed


@dataclass(frozen=True)
class _Arranged:
    numbers: bool
    font: float
    places: list[tuple[int, float, float]]
    labels: list[str]
    radii: list[float]
    widths: list[float]


def _tries() -> list[tuple[bool, float, float, int]]:
    """(numbers, font, shrink, label characters), best first."""
    tries = [(False, float(f), 1.0, LABEL_CHARS[0]) for f in FONTS]
    tries += [(False, float(FONT), 1.0, c) for c in LABEL_CHARS[1:]]
    tries += [(True, float(f), 1.0, 0) for f in FONTS]
    tries += [(True, float(FONT), s, 0) for s in SHRINK[1:]]
    return tries


TRIES = _tries()


def _zone_marks(
    spots: Sequence[Spot], inner_w: float, inner_h: float, most: int, digits: int
) -> _Arranged | None:
    """The first arrangement that fits."""
    for numbers, font, shrink, chars in TRIES:
        radii = [round(radius(s.organisations, most) * font / FONT * shrink, 1) for s in spots]
        if numbers:
            # Numbers are given later; room for as many digits as the map may need.
            labels = ["#"] * len(spots)
            label_ws = [text_width("0" * digits, font)] * len(spots)
        else:
            labels = [shortened(s.name, chars) for s in spots]
            label_ws = [text_width(lab, font) for lab in labels]
        widths = [max(2 * r, lw) for r, lw in zip(radii, label_ws, strict=True)]
        heights = [2 * r + LABEL_GAP + line_height(font) for r in radii]
        places = _pack(widths, heights, inner_w, inner_h, font / FONT)
        if places is not None:
            return _Arranged(numbers, font, places, labels, radii, widths)
    return None


def layout(
    zones: Sequence[Zone],
    spots: Mapping[str, Sequence[Spot]],
    spotlight: str | None = None,
    size: tuple[int, int] = (WIDTH, HEIGHT),
) -> dict[str, Any]:
    """The whole map as the views give it (see protocol.md)."""
    width, height = size
    most = max((s.organisations for listed in spots.values() for s in listed), default=1)
    digits = max(2, len(str(sum(len(listed) for listed in spots.values()))))
    counts = [len(spots.get(z.purpose_id, ())) for z in zones]
    out_zones: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    legend: list[dict[str, Any]] = []
    numbered = 0
    least_h = [MIN_FULL_H if n else MIN_ZONE_H for n in counts]
    rects = grid(zone_weights(counts), width, height, least_h)
    for zone, rect in zip(zones, rects, strict=True):
        x, y, w, h = rect
        title_size, lines = _title(zone.title, w - 2 * PAD)
        title_h = max(len(v) for v in lines.values()) * line_height(title_size)
        header = TITLE_TOP + title_h + TITLE_BOTTOM
        inner_w, inner_h = w - 2 * PAD, h - header - PAD
        listed = list(spots.get(zone.purpose_id, ()))
        arranged = _zone_marks(listed, inner_w, inner_h, most, digits)
        unplaced: list[Spot] = []
        if arranged is None:
            # Even small numbered marks do not fit: keep the most marks that do (the biggest).
            fits, fails = 0, len(listed)
            while fails - fits > 1:
                mid = (fits + fails) // 2
                if _zone_marks(listed[:mid], inner_w, inner_h, most, digits) is None:
                    fails = mid
                else:
                    fits = mid
            unplaced = listed[fits:]
            listed = listed[:fits]
            arranged = _zone_marks(listed, inner_w, inner_h, most, digits)
        font = arranged.font if arranged is not None and listed else float(FONT)
        out_zones.append(
            {
                "purpose_id": zone.purpose_id,
                "x": x,
                "y": y,
                "w": w,
                "h": h,
                "header": header,
                "title": dict(zone.title),
                "title_size": title_size,
                "title_box": {
                    "x": round(x + PAD, 1),
                    "y": round(y + TITLE_TOP, 1),
                    "w": round(w - 2 * PAD, 1),
                    "h": title_h,
                },
                "title_lines": {
                    lang: [{"text": t, "w": text_width(t, title_size)} for t in found]
                    for lang, found in lines.items()
                },
                "font_size": font,
                "spotlit": zone.purpose_id == spotlight,
                "overflow": len(unplaced),
            }
        )
        if arranged is not None:
            row_r: dict[int, float] = {}
            for (row, _, _), r in zip(arranged.places, arranged.radii, strict=True):
                row_r[row] = max(row_r.get(row, 0.0), r)
            for s, (row, dx, top), label, r, col_w in zip(
                listed,
                arranged.places,
                arranged.labels,
                arranged.radii,
                arranged.widths,
                strict=True,
            ):
                number = None
                if arranged.numbers:
                    numbered += 1
                    number = numbered
                    label = str(number)
                    legend.append(_legend(number, s))
                cx = round(x + PAD + dx + col_w / 2, 1)
                cy = round(y + header + top + row_r[row], 1)
                lw = text_width(label, font)
                marks.append(
                    {
                        "id": f"{s.purpose_id}-{s.tool_id}",
                        "purpose_id": s.purpose_id,
                        "tool_id": s.tool_id,
                        "name": s.name,
                        "x": cx,
                        "y": cy,
                        "r": r,
                        "organisations": s.organisations,
                        "necessity": s.count("necessity"),
                        "choice": s.count("choice"),
                        "mixed": s.count("mixed"),
                        "colour": s.colour,
                        "label": label,
                        "number": number,
                        "font_size": font,
                        "label_box": {
                            "x": round(cx - lw / 2, 1),
                            "y": round(y + header + top + 2 * row_r[row] + LABEL_GAP, 1),
                            "w": lw,
                            "h": line_height(font),
                        },
                        "impact": None,
                        "impact_class": None,
                    }
                )
        legend.extend(_legend(None, s) for s in unplaced)
    return {
        "width": width,
        "height": height,
        "font_size": FONT,
        "title_size": TITLE_FONT,
        "zones": out_zones,
        "marks": marks,
        "legend": legend,
    }


def _legend(number: int | None, s: Spot) -> dict[str, Any]:
    return {"number": number, "purpose_id": s.purpose_id, "tool_id": s.tool_id, "name": s.name}


def boxes_overlap(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def mark_box(mark: Mapping[str, Any]) -> dict[str, float]:
    r = float(mark["r"])
    return {"x": mark["x"] - r, "y": mark["y"] - r, "w": 2 * r, "h": 2 * r}
