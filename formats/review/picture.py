"""The importance × feasibility matrix as a picture for the printed minutes (HTML, PDF, ODT):
a standalone SVG document, readable without colour. Each rated objective is a numbered point;
the legend under the matrix says which objective each number is. Quadrant names sit in the
corners; participant text is escaped for XML."""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from facilitation.hooks import Picture
from facilitation.messages import translate
from facilitation.protocol import MinutesContext
from formats.review import priorities
from formats.review.messages import MESSAGES
from formats.review.minutes import number, year_name
from formats.review.state import SCALE, ReviewState

WIDTH = 760
LEFT = 110
TOP = 40
SIDE = 520
FONT = 16
LEGEND_LINE = 26
# Characters a legend line holds before it is cut (the legend spans the picture's width).
LEGEND_CHARS = 50
POINT = 14
# Room between the box and the ends of the scales: a point at 1 or 4 stays inside the box, clear
# of the quadrant names in the corners.
INSET = 46


def pictures(state: ReviewState, ctx: MinutesContext) -> list[Picture]:
    rated = [r for r in priorities.ranked(state) if r.quadrant is not None]
    if not rated:
        return []
    title = translate(MESSAGES, "picture.title", ctx.lang)
    return [Picture(title, svg(state, rated, ctx.lang))]


def _x(feasibility: float) -> float:
    low, high = SCALE[0], SCALE[-1]
    return LEFT + INSET + (feasibility - low) / (high - low) * (SIDE - 2 * INSET)


def _y(importance: float) -> float:
    low, high = SCALE[0], SCALE[-1]
    return TOP + SIDE - INSET - (importance - low) / (high - low) * (SIDE - 2 * INSET)


def _text(text: str, x: float, y: float, size: int = FONT, **attributes: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attributes.items())
    return (
        f'<text x="{round(x, 1)}" y="{round(y, 1)}" font-size="{size}" fill="#17202a"{extra}>'
        f"{escape(text)}</text>"
    )


def svg(state: ReviewState, rated: list[priorities.Ranked], lang: str) -> str:
    def t(key: str, **params: Any) -> str:
        return translate(MESSAGES, key, lang, **params)

    middle_x, middle_y = _x(priorities.MIDDLE), _y(priorities.MIDDLE)
    legend_top = TOP + SIDE + 90
    height = legend_top + LEGEND_LINE * len(rated) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="sans-serif" role="img">',
        f"<title>{escape(t('picture.title'))}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        # The important and feasible quadrant is shaded, the others plain: no colour needed.
        f'<rect x="{middle_x}" y="{TOP}" width="{LEFT + SIDE - middle_x}" '
        f'height="{middle_y - TOP}" fill="#eeeeee"/>',
        f'<rect x="{LEFT}" y="{TOP}" width="{SIDE}" height="{SIDE}" fill="none" '
        f'stroke="#17202a" stroke-width="2"/>',
        f'<line x1="{middle_x}" y1="{TOP}" x2="{middle_x}" y2="{TOP + SIDE}" '
        f'stroke="#17202a" stroke-dasharray="6 4"/>',
        f'<line x1="{LEFT}" y1="{middle_y}" x2="{LEFT + SIDE}" y2="{middle_y}" '
        f'stroke="#17202a" stroke-dasharray="6 4"/>',
    ]
    # Quadrant names in their corners.
    pad = 10
    corners = (
        ("priority", LEFT + SIDE - pad, TOP + 24, "end"),
        ("major_project", LEFT + pad, TOP + 24, "start"),
        ("quick_win", LEFT + SIDE - pad, TOP + SIDE - pad, "end"),
        ("later", LEFT + pad, TOP + SIDE - pad, "start"),
    )
    for key, cx, cy, anchor in corners:
        said = t(f"quadrant.{key}")
        out.append(_text(said, cx, cy, FONT, font_weight="bold", text_anchor=anchor))
    # The scales: ticks 1 to 4, each axis named with its low and high ends.
    for value in SCALE:
        out.append(_text(str(value), _x(value), TOP + SIDE + 22, 14, text_anchor="middle"))
        out.append(_text(str(value), LEFT - 12, _y(value) + 5, 14, text_anchor="end"))
    feasibility = f"{t('picture.feasibility')} ({t('picture.hard')} → {t('picture.easy')})"
    out.append(_text(feasibility, LEFT + SIDE / 2, TOP + SIDE + 50, FONT, text_anchor="middle"))
    importance = f"{t('picture.importance')} ({t('picture.low')} → {t('picture.high')})"
    ax, ay = LEFT - 50, TOP + SIDE / 2
    out.append(
        _text(importance, ax, ay, FONT, text_anchor="middle", transform=f"rotate(-90 {ax} {ay})")
    )
    # Objectives at the same place are spread around it, so every number stays readable.
    places: dict[tuple[float, float], list[int]] = {}
    for n, r in enumerate(rated, 1):
        assert r.importance.mean is not None and r.feasibility.mean is not None
        places.setdefault((r.feasibility.mean, r.importance.mean), []).append(n)
    for (feas, imp), numbers in places.items():
        px0, py0 = _x(feas), _y(imp)
        for k, n in enumerate(numbers):
            px, py = px0, py0
            if len(numbers) > 1:
                angle = 2 * math.pi * k / len(numbers)
                px += math.cos(angle) * POINT * 1.6
                py += math.sin(angle) * POINT * 1.6
            out.append(
                f'<circle cx="{round(px, 1)}" cy="{round(py, 1)}" r="{POINT}" fill="#ffffff" '
                f'stroke="#17202a" stroke-width="2"/>'
            )
            out.append(_text(str(n), px, py + 5, 14, font_weight="bold", text_anchor="middle"))
    # The legend: number, objective, year, quadrant and means.
    for n, r in enumerate(rated, 1):
        o = r.objective
        said = o.text if len(o.text) <= LEGEND_CHARS else o.text[: LEGEND_CHARS - 1] + "…"
        means = f"{number(r.importance.mean, lang)} × {number(r.feasibility.mean, lang)}"
        line = (
            f"{n}. {said} — {year_name(state, o.year, True, t)}, "
            f"{t('quadrant.' + str(r.quadrant))} ({means})"
        )
        out.append(_text(line, 20, legend_top + (n - 1) * LEGEND_LINE, 15))
    out.append("</svg>")
    return "\n".join(out) + "\n"
