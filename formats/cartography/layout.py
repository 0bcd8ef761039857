"""The map's layout, computed once here for the room screen, the phones and the minutes'
picture: the screens only draw it.

In a 1600×900 space (the projector's), purposes are zones in a grid of rectangles; in each zone
the tools' marks are packed in rows, most organisations first, each with its label under it.
Marks and labels of a row sit in disjoint columns and rows never overlap, so no label covers
another label or a mark, by construction. When a zone is too crowded, labels are ellipsized
shorter, then replaced by numbers named in a legend, then marks shrink; what still does not fit
is counted in the zone's `overflow` and listed in the legend (the list view has everything).
Text widths are estimated (CHAR_WIDTH × font size per character); the picture draws each label
exactly that wide (SVG `textLength`), and screens may do the same.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formats.cartography.tally import Spot

WIDTH = 1600
HEIGHT = 900
FONT = 20
TITLE_FONT = 22
HEADER = 40
PAD = 12
H_GAP = 14
V_GAP = 8
LABEL_GAP = 4
LABEL_H = round(FONT * 1.2)
CHAR_WIDTH = 0.6
R_MIN = 12.0
R_MAX = 28.0
# Widest label tried first, then narrower ones (ellipsized) before numbers.
LABEL_WIDTHS = (220.0, 150.0, 96.0)
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


def grid(count: int) -> list[tuple[float, float, float, float]]:
    """Rectangles (x, y, w, h) for `count` zones: rows and columns whose zones are closest to
    16:10, the fewest empty places; the last row's zones share its whole width."""
    if count == 0:
        return []
    best: tuple[tuple[float, int], int, int] | None = None
    for rows in range(1, count + 1):
        cols = math.ceil(count / rows)
        if (rows - 1) * cols >= count:
            continue
        ratio = (WIDTH / cols) / (HEIGHT / rows)
        score = (abs(math.log(ratio / 1.6)), rows * cols - count)
        if best is None or score < best[0]:
            best = (score, rows, cols)
    assert best is not None
    _, rows, cols = best
    rects = []
    for i in range(count):
        row, col = divmod(i, cols)
        in_row = cols if row < rows - 1 else count - (rows - 1) * cols
        w = WIDTH / in_row
        h = HEIGHT / rows
        rects.append((round(col * w, 1), round(row * h, 1), round(w, 1), round(h, 1)))
    return rects


def radius(organisations: int, most: int) -> float:
    if most <= 1:
        return R_MIN + 4
    share = math.sqrt((organisations - 1) / (most - 1))
    return round(R_MIN + (R_MAX - R_MIN) * share, 1)


def _pack(
    widths: Sequence[float], heights: Sequence[float], inner_w: float, inner_h: float
) -> list[tuple[int, float, float]] | None:
    """Rows of items: (row index, x offset, row top) per item, or None when they do not fit."""
    placed: list[tuple[int, float, float]] = []
    row, x, top, row_h = 0, 0.0, 0.0, 0.0
    for w, h in zip(widths, heights, strict=True):
        if w > inner_w:
            return None
        if x > 0 and x + w > inner_w:
            row, x, top, row_h = row + 1, 0.0, top + row_h + V_GAP, 0.0
        placed.append((row, x, top))
        x += w + H_GAP
        row_h = max(row_h, h)
    if top + row_h > inner_h:
        return None
    return placed


def _zone_marks(
    spots: Sequence[Spot], rect: tuple[float, float, float, float], most: int
) -> tuple[str, float, list[tuple[int, float, float]], list[str], list[float]] | None:
    """The first arrangement that fits: (mode, shrink, places, labels, radii)."""
    _, _, w, h = rect
    inner_w, inner_h = w - 2 * PAD, h - HEADER - PAD
    tries: list[tuple[str, float, float]] = [("names", 1.0, lw) for lw in LABEL_WIDTHS]
    tries += [("numbers", s, 0.0) for s in SHRINK]
    for mode, shrink, label_w in tries:
        radii = [round(radius(s.organisations, most) * shrink, 1) for s in spots]
        labels = [ellipsized(s.name, label_w) if mode == "names" else "#" for s in spots]
        # Numbers are given later; room for three digits.
        widths = [
            max(2 * r, text_width(lab) if mode == "names" else text_width("000"))
            for r, lab in zip(radii, labels, strict=True)
        ]
        heights = [2 * r + LABEL_GAP + LABEL_H for r in radii]
        places = _pack(widths, heights, inner_w, inner_h)
        if places is not None:
            return mode, shrink, places, labels, radii
    return None


def layout(
    zones: Sequence[Zone], spots: Mapping[str, Sequence[Spot]], spotlight: str | None = None
) -> dict[str, Any]:
    """The whole map as the views give it (see protocol.md)."""
    most = max((s.organisations for listed in spots.values() for s in listed), default=1)
    out_zones: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    legend: list[dict[str, Any]] = []
    for zone, rect in zip(zones, grid(len(zones)), strict=True):
        x, y, w, h = rect
        listed = list(spots.get(zone.purpose_id, ()))
        arranged = _zone_marks(listed, rect, most)
        overflow = 0
        if arranged is None:
            # Even small numbered marks do not fit: keep the biggest ones that do.
            kept = listed
            while kept and arranged is None:
                kept = kept[:-1]
                arranged = _zone_marks(kept, rect, most)
            overflow = len(listed) - len(kept)
            for s in listed[len(kept) :]:
                legend.append(_legend(None, s))
            listed = kept
        out_zones.append(
            {
                "purpose_id": zone.purpose_id,
                "x": x,
                "y": y,
                "w": w,
                "h": h,
                "header": HEADER,
                "title": dict(zone.title),
                "spotlit": zone.purpose_id == spotlight,
                "overflow": overflow,
            }
        )
        if arranged is None:
            continue
        mode, _, places, labels, radii = arranged
        widths = _column_widths(mode, labels, radii)
        row_r: dict[int, float] = {}
        for (row, _, _), r in zip(places, radii, strict=True):
            row_r[row] = max(row_r.get(row, 0.0), r)
        for s, (row, dx, top), label, r, col_w in zip(
            listed, places, labels, radii, widths, strict=True
        ):
            number = None
            if mode == "numbers":
                number = len(legend) + 1
                label = str(number)
                legend.append(_legend(number, s))
            cx = round(x + PAD + dx + col_w / 2, 1)
            cy = round(y + HEADER + top + row_r[row], 1)
            lw = text_width(label)
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
                    "label_box": {
                        "x": round(cx - lw / 2, 1),
                        "y": round(y + HEADER + top + 2 * row_r[row] + LABEL_GAP, 1),
                        "w": lw,
                        "h": LABEL_H,
                    },
                    "impact": None,
                    "impact_class": None,
                }
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "font_size": FONT,
        "title_size": TITLE_FONT,
        "zones": out_zones,
        "marks": marks,
        "legend": legend,
    }


def _column_widths(mode: str, labels: Sequence[str], radii: Sequence[float]) -> list[float]:
    return [
        max(2 * r, text_width(lab) if mode == "names" else text_width("000"))
        for r, lab in zip(radii, labels, strict=True)
    ]


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
