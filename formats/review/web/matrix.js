// The importance × feasibility matrix, drawn from the view's means (importance up, feasibility
// right, split at 2.5 as the server splits its quadrants): the quadrant names in the corners,
// numbered points, and a legend list that says each number's objective in words (the list is
// what a screen reader reads; nothing is said by colour).
import { html, nothing, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from 'fabrique/kit.js';
import { mean, objectiveWhere, quadrantTag } from './common.js';

// viewBox 0 0 SIZE SIZE; the plot runs from 0.5 to 4.5 on both scales, so that points (1 to 4)
// never reach the bands where the quadrant names are written.
const SIZE = 1000;
const LEFT = 120;
const RIGHT = SIZE - 16;
const TOP = 16;
const BOTTOM = SIZE - 120;
const LOW = 0.5;
const HIGH = 4.5;
const R = 34; // a point's radius
// The quadrants' names: their baselines, and the band each takes at the top and the bottom.
const NAME_TOP = TOP + 50;
const NAME_BOTTOM = BOTTOM - 24;
const BAND_TOP = NAME_TOP + 12;
const BAND_BOTTOM = NAME_BOTTOM - 36;

const x = (value) => LEFT + ((value - LOW) / (HIGH - LOW)) * (RIGHT - LEFT);
const y = (value) => BOTTOM - ((value - LOW) / (HIGH - LOW)) * (BOTTOM - TOP);

/** The objectives that have both means, numbered 1, 2, 3… in the view's ranking. */
export function plotted(view) {
  return view.objectives
    .filter((o) => o.importance?.mean != null && o.feasibility?.mean != null)
    .map((o, i) => ({ ...o, number: i + 1 }));
}

const HIGH_SIDE = { priority: [true, true], major_project: [true, false], quick_win: [false, true], later: [false, false] };

/**
 * The box a point may be drawn in: inside the plot, clear of the names' bands, and wholly inside
 * the quadrant the view gives it (a mean of exactly 2.5 counts as high: its point is drawn just
 * inside the high side, not on the line).
 */
function boxOf(quadrant) {
  // A point's disc stays inside the frame and clear of the names' bands.
  const box = { minX: LEFT + R + 4, maxX: RIGHT - R - 4, minY: BAND_TOP + R + 4, maxY: BAND_BOTTOM - R - 4 };
  const side = HIGH_SIDE[quadrant];
  if (!side) return box;
  const [important, feasible] = side;
  const clear = R + 6;
  if (important) box.maxY = y(2.5) - clear;
  else box.minY = y(2.5) + clear;
  if (feasible) box.minX = x(2.5) + clear;
  else box.maxX = x(2.5) - clear;
  return box;
}

/** Where each point goes: at its means, then pushed apart from the points it would cover. */
function place(points) {
  const placed = points.map((p) => ({ ...p, cx: x(p.feasibility.mean), cy: y(p.importance.mean), box: boxOf(p.quadrant) }));
  const gap = 2 * R + 4;
  const keep = (p) => {
    p.cx = Math.min(p.box.maxX, Math.max(p.box.minX, p.cx));
    p.cy = Math.min(p.box.maxY, Math.max(p.box.minY, p.cy));
  };
  placed.forEach(keep);
  for (let round = 0; round < 80; round += 1) {
    let moved = false;
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i];
        const b = placed[j];
        let dx = b.cx - a.cx;
        let dy = b.cy - a.cy;
        let d = Math.hypot(dx, dy);
        if (d >= gap) continue;
        if (d < 0.01) {
          // The same means: spread them around the spot, each in its own direction.
          const angle = (j * 2.4) % (2 * Math.PI);
          [dx, dy, d] = [Math.cos(angle), Math.sin(angle), 1];
        }
        const push = (gap - d) / 2 + 0.5;
        a.cx -= (dx / d) * push;
        a.cy -= (dy / d) * push;
        b.cx += (dx / d) * push;
        b.cy += (dy / d) * push;
        moved = true;
      }
    }
    placed.forEach(keep);
    if (!moved) break;
  }
  return placed;
}

const CORNERS = [
  { quadrant: 'major_project', tx: LEFT + 18, ty: NAME_TOP, anchor: 'start' },
  { quadrant: 'priority', tx: RIGHT - 18, ty: NAME_TOP, anchor: 'end' },
  { quadrant: 'later', tx: LEFT + 18, ty: NAME_BOTTOM, anchor: 'start' },
  { quadrant: 'quick_win', tx: RIGHT - 18, ty: NAME_BOTTOM, anchor: 'end' },
];

/** The matrix as inline SVG; `id` makes its title's id unique on the page. */
export function matrixSvg(view, { id = 'review-matrix' } = {}) {
  const points = place(plotted(view));
  const mid = x(2.5);
  const midY = y(2.5);
  return html`<svg class="review-matrix__svg" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="${id}-title"
      data-testid="matrix-svg" data-count=${points.length} preserveAspectRatio="xMidYMid meet">
    <title id="${id}-title">${t('review.matrix.summary', { count: points.length })}</title>
    ${svg`
      <rect class="review-matrix__q review-matrix__q--major_project" x=${LEFT} y=${TOP} width=${mid - LEFT} height=${midY - TOP}/>
      <rect class="review-matrix__q review-matrix__q--priority" x=${mid} y=${TOP} width=${RIGHT - mid} height=${midY - TOP}/>
      <rect class="review-matrix__q review-matrix__q--later" x=${LEFT} y=${midY} width=${mid - LEFT} height=${BOTTOM - midY}/>
      <rect class="review-matrix__q review-matrix__q--quick_win" x=${mid} y=${midY} width=${RIGHT - mid} height=${BOTTOM - midY}/>
      <line class="review-matrix__split" x1=${mid} y1=${TOP} x2=${mid} y2=${BOTTOM}/>
      <line class="review-matrix__split" x1=${LEFT} y1=${midY} x2=${RIGHT} y2=${midY}/>
      <rect class="review-matrix__frame" x=${LEFT} y=${TOP} width=${RIGHT - LEFT} height=${BOTTOM - TOP}/>
      ${CORNERS.map((c) => svg`<text class="review-matrix__corner" x=${c.tx} y=${c.ty} text-anchor=${c.anchor}
        data-testid="matrix-corner" data-quadrant=${c.quadrant}>${t(`review.quadrants.${c.quadrant}`)}</text>`)}
      ${[1, 2, 3, 4].map((v) => svg`
        <text class="review-matrix__tick" x=${x(v)} y=${BOTTOM + 44} text-anchor="middle">${v}</text>
        <text class="review-matrix__tick" x=${LEFT - 18} y=${y(v) + 12} text-anchor="end">${v}</text>`)}
      <text class="review-matrix__axis" x=${(LEFT + RIGHT) / 2} y=${SIZE - 22} text-anchor="middle">${t('review.matrix.x_axis')}</text>
      <text class="review-matrix__axis" x=${-(TOP + BOTTOM) / 2} y="40" text-anchor="middle" transform="rotate(-90)">${t('review.matrix.y_axis')}</text>
      ${repeat(points, (p) => p.id, (p) => svg`<g class="review-matrix__point" data-testid="matrix-point" data-objective-id=${p.id}
          data-number=${p.number} data-quadrant=${p.quadrant ?? ''}>
        <circle cx=${p.cx} cy=${p.cy} r=${R}/>
        <text x=${p.cx} y=${p.cy + 13} text-anchor="middle">${p.number}</text>
      </g>`)}
    `}
  </svg>`;
}

/** Each numbered point in words: the objective, where it stands, its means and quadrant. */
export function matrixLegend(view, { compact = false } = {}) {
  const points = plotted(view);
  const unrated = view.objectives.length - points.length;
  return html`<div class="review-legend-block">
    ${points.length
      ? html`<ol class="review-legend" data-testid="matrix-legend">
          ${repeat(points, (p) => p.id, (p) => html`<li class="review-legend__item" data-testid="legend-item" data-objective-id=${p.id} data-number=${p.number}>
            <span class="review-legend__number" aria-hidden="true">${p.number}</span>
            <span class="review-legend__body">
              <span class="sr-only">${t('review.matrix.point', { number: p.number })}</span>
              <span class="review-legend__text">${p.text}</span>
              <span class="review-legend__meta">${quadrantTag(p.quadrant)}
                <span>${t('review.matrix.means_short', { importance: mean(p.importance.mean), feasibility: mean(p.feasibility.mean) })}</span>
                ${compact ? nothing : html`<span>${objectiveWhere(view, p)}</span>`}</span>
            </span>
          </li>`)}
        </ol>`
      : html`<p class="review-empty" data-testid="matrix-empty">${t('review.matrix.empty')}</p>`}
    ${unrated > 0 && points.length ? html`<p class="review-legend__unrated">${t('review.matrix.unrated', { count: unrated })}</p>` : nothing}
  </div>`;
}

/** The matrix with its legend beside it (or under it on a narrow screen). */
export function matrixBlock(view, { id = 'review-matrix', compact = false, cls = '' } = {}) {
  return html`<div class="review-matrix ${cls}" data-testid="matrix">
    <div class="review-matrix__plot">${matrixSvg(view, { id })}</div>
    ${matrixLegend(view, { compact })}
  </div>`;
}
