"""The map's zones: rectangles tiling the map, one per purpose, sized by what each holds.

Rows of rectangles whose areas follow the number of tools in each purpose (with a floor, so an
empty purpose keeps room for its title), every way of cutting the purposes into rows tried (at
most 2**11 for the 12 purposes allowed), the one whose areas and shapes are closest kept.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

# The projector's space; phones held upright get it turned (layout.PORTRAIT).
WIDTH = 1600
HEIGHT = 900
# Zones: the area of a zone follows its number of tools, at least this share of the mean.
FLOOR = 0.35
ASPECT = 1.6
MIN_ZONE_W = 280.0
MIN_ZONE_H = 110.0
# A zone with tools: its title and a row of marks.
MIN_FULL_H = 170.0


def _spread(total: float, weights: Sequence[float], least: Sequence[float]) -> list[float]:
    """`total` shared in proportion to the weights, each share at least its `least` (the others
    shared what is left); all in proportion to `least` when their sum is more than `total`."""
    if sum(least) >= total:
        return [total * m / sum(least) for m in least]
    fixed = [False] * len(weights)
    while True:
        rest = total - sum(m for m, f in zip(least, fixed, strict=True) if f)
        free = sum(w for w, f in zip(weights, fixed, strict=True) if not f)
        sizes = [m if f else rest * w / free for w, m, f in zip(weights, least, fixed, strict=True)]
        short = [i for i, size in enumerate(sizes) if not fixed[i] and size < least[i]]
        if not short:
            return sizes
        for i in short:
            fixed[i] = True


def grid(
    weights: Sequence[float] | int,
    width: float = WIDTH,
    height: float = HEIGHT,
    least_h: Sequence[float] | None = None,
) -> list[tuple[float, float, float, float]]:
    """Rectangles (x, y, w, h) tiling width × height, one per weight, in order: rows of zones,
    each row as tall as its share of the weights and each zone as wide as its share of its row,
    but no zone narrower than MIN_ZONE_W nor lower than its `least_h` (MIN_ZONE_H); the rows
    chosen so areas follow the weights and zones are closest to 16:10. An int: that many equal
    zones."""
    if isinstance(weights, int):
        weights = [1.0] * weights
    least = tuple(least_h) if least_h is not None else (MIN_ZONE_H,) * len(weights)
    return list(_grid(tuple(weights), float(width), float(height), least))


@functools.lru_cache(maxsize=256)
def _grid(
    weights: tuple[float, ...], width: float, height: float, least: tuple[float, ...]
) -> tuple[tuple[float, float, float, float], ...]:
    count = len(weights)
    if count == 0:
        return ()
    total = float(sum(weights))
    best: tuple[float, list[tuple[float, list[float]]]] | None = None
    # Every way to cut the sequence into rows (at most 2**11 for 12 zones).
    for cuts in range(2 ** (count - 1)):
        sizes, run = [], 1
        for i in range(count - 1):
            if cuts >> i & 1:
                sizes.append(run)
                run = 1
            else:
                run += 1
        sizes.append(run)
        starts = [sum(sizes[:n]) for n in range(len(sizes))]
        rows = [list(weights[a : a + n]) for a, n in zip(starts, sizes, strict=True)]
        row_least = [max(least[a : a + n]) for a, n in zip(starts, sizes, strict=True)]
        heights = _spread(height, [sum(r) for r in rows], row_least)
        plan = []
        score = 0.0
        for row, row_h in zip(rows, heights, strict=True):
            if len(row) * MIN_ZONE_W > width:
                score += 1.0  # zones too narrow for their titles
            widths = _spread(width, row, [MIN_ZONE_W] * len(row))
            plan.append((row_h, widths))
            for weight, w in zip(row, widths, strict=True):
                share = weight / total
                area = abs(math.log(w * row_h / (width * height * share)))
                score += share * (area + abs(math.log((w / row_h) / ASPECT)))
        if best is None or score < best[0] - 1e-9:
            best = (score, plan)
    assert best is not None
    rects: list[tuple[float, float, float, float]] = []
    above = 0.0
    for row_h, widths in best[1]:
        top = round(above, 1)
        above += row_h
        bottom = round(above, 1) if len(rects) + len(widths) < count else float(height)
        left_w = 0.0
        for n, w in enumerate(widths):
            left = round(left_w, 1)
            left_w += w
            right = round(left_w, 1) if n < len(widths) - 1 else float(width)
            rects.append((left, top, round(right - left, 1), round(bottom - top, 1)))
    return tuple(rects)


def zone_weights(counts: Sequence[int]) -> list[float]:
    """A zone's share of the map: its number of tools, at least FLOOR × the mean (and 1)."""
    if not counts:
        return []
    floor = max(1.0, FLOOR * sum(counts) / len(counts))
    return [max(float(n), floor) for n in counts]
