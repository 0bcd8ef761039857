// Sticky-note board, room screen (projector). Nothing to click. Never shows a text before reveal.
//
// Everything must fit on one screen: nobody scrolls a projector. The notes (and the results) are
// laid out in columns, and their type is scaled by steps: the first step depends on how many
// there are, then the renderer measures and takes the next smaller step until the board fits,
// never below the floor (1em of the room page, 28.8 px at 1920 wide, readable from the back).
import { html, nothing, render as litRender } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, refitOnResize, createFit } from 'fabrique/kit.js';
import { PICTOGRAMS, boardView, contributionCount } from './common.js';
import { columnsBody, planFlow, flowBody } from './room-notes.js';
import { resultsBody } from './room-results.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css', 'room-results.css'], contributions: contributionCount });

// Type scales, relative to the room page's font (1.5vw): the last one is the floor.
const SCALES = [2, 1.75, 1.5, 1.3, 1.15, 1];

const SHOWS_NOTES = new Set(['reveal', 'group', 'vote', 'results']);

/** Notes are on the wall: from "reveal" on, or while writing when the facilitator reveals them. */
function showsNotes(activity, view) {
  const step = activity?.step?.key;
  return SHOWS_NOTES.has(step) || (step === 'write' && view.notes.length > 0);
}

/** Ranked results: at the results step, or live during the vote when the facilitator reveals them. */
function showsResults(activity) {
  const step = activity?.step?.key;
  return step === 'results' || (step === 'vote' && Array.isArray(activity?.view?.results));
}

/** The shell gives the content more height (a smaller header) when the board lists many notes. */
function compactHead(activity) {
  const view = boardView(activity);
  if (!showsNotes(activity, view)) return false;
  const count = showsResults(activity) ? view.results.length : view.notes.length;
  return count > 6;
}

// The layout that fitted last time is tried first when nothing changed (re-renders are frequent:
// connection status, participant count).
const fit = createFit();

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = boardView(ctx.activity);
  const step = ctx.activity.step?.key;
  if (!showsNotes(ctx.activity, view)) {
    litRender(frame(ctx, view, step, writeTemplate(ctx, view), {}), container);
    return;
  }
  const results = showsResults(ctx.activity);
  const count = results ? view.results.length : view.notes.length;
  const levels = results ? resultLevels(view) : noteLevels(view);
  const width = container.clientWidth || window.innerWidth;
  const key = JSON.stringify([
    step,
    width,
    window.innerHeight,
    ctx.lang,
    results
      ? view.results.map((r) => [r.id, r.votes, r.hands, r.text])
      : view.notes.map((n) => [n.id, n.group_id, n.text, n.merged?.length ?? 0, n.author?.name, n.edited]),
    view.groups.map((g) => g.title),
  ]);
  const draw = (body, level) => litRender(frame(ctx, view, step, body, level), container);
  const attempt = (level) => {
    let body;
    if (results) body = resultsBody(ctx, view, level, width);
    else if (level.flow) {
      const plan = planFlow(container, (measure) => draw(measure, level), ctx, view, level, width);
      if (!plan) return false;
      body = flowBody(ctx, view, plan);
    } else {
      body = columnsBody(ctx, view, level, width);
      if (!body) return false;
    }
    draw(body, level);
    const el = container.querySelector('.board-room__body');
    return !el || !overflows(el);
  };
  // First candidate: from the count (or the last fit when nothing changed).
  const start = levels.findIndex((l) => l.scale <= startScale(count, results));
  const i = fit(key, levels.length, (j) => attempt(levels[j]), start);
  if (results && overflows(container.querySelector('.board-room__body'))) {
    // Still too long at the smallest size: as many of the next entries as fit, then "+ N more".
    let lo = 0;
    let hi = view.results.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (attempt({ ...levels[i], limit: mid })) lo = mid;
      else hi = mid - 1;
    }
    attempt({ ...levels[i], limit: lo });
  }
  if (!results && levels[i].flow && !container.querySelector('.board-room-columns')) {
    // Even the last layouts did not fit: the one that shows the most notes, and how many more.
    let best = null;
    for (const level of levels.filter((l) => l.flow && l.scale === levels[i].scale)) {
      const plan = planFlow(container, (measure) => draw(measure, level), ctx, view, level, width, true);
      if (plan && (!best || plan.more < best.plan.more)) best = { plan, level };
    }
    if (best) draw(flowBody(ctx, view, best.plan), best.level);
  }
  const bodyEl = container.querySelector('.board-room__body');
  bodyEl?.classList.toggle('board-room__body--clipped', overflows(bodyEl));
}

function startScale(count, results) {
  if (results) return count <= 5 ? 1.75 : count <= 10 ? 1.5 : count <= 20 ? 1.3 : 1.15;
  return count <= 6 ? 2 : count <= 12 ? 1.75 : count <= 20 ? 1.5 : 1.3;
}

function overflows(el) {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

/**
 * Candidate layouts, largest type first. At each size: one column (or more) per group, side by
 * side; else one flow of columns with the group titles inside it (fills the screen better).
 * At the smallest size, one more column of each kind.
 */
function noteLevels() {
  const out = [];
  for (const scale of SCALES) out.push({ scale, flow: false, extraCols: 0 }, { scale, flow: true, extraCols: 0 });
  const floor = SCALES.at(-1);
  out.push({ scale: floor, flow: false, extraCols: 1 }, { scale: floor, flow: true, extraCols: 1 });
  return out;
}

function resultLevels(view) {
  const out = SCALES.map((scale) => ({ scale, extraCols: 0, zeros: true }));
  // Too long even at the smallest size: the notes without a dot are summed up in one line, and
  // the others may be larger again.
  if (view.results.some((r) => !r.votes)) for (const scale of SCALES) out.push({ scale, extraCols: 0, zeros: false });
  return out;
}

function frame(ctx, view, step, body, level) {
  const style = level.scale ? styleMap({ '--room-scale': String(level.scale) }) : nothing;
  return html`<div class="board board--room board--${step}" style=${style}>
    <div class="board-room__top">
      ${view.question ? html`<p class="board-room-question">${view.question}</p>` : nothing}
      ${topStats(ctx, view, step)}
    </div>
    ${body}
  </div>`;
}

function topStats(ctx, view, step) {
  const { t } = ctx;
  if (step === 'write' && !view.notes.length) return nothing;
  const count = html`<p class="board-room-count" data-testid="room-note-count" data-count=${view.note_count}>
    ${icon('pencil')} ${t('board.notes_count', { count: view.note_count })}
  </p>`;
  if (step !== 'vote' && step !== 'results') return html`<div class="board-room__stats">${count}</div>`;
  return html`<div class="board-room__stats">
    <p class="board-room-stat">${icon('dot')}
      <span class="board-room-stat__value" data-testid="room-votes-cast">${view.votes_cast}</span>
      <span>${t('board.dots_cast_label', { count: view.votes_cast })}</span></p>
    <p class="board-room-stat">${icon('users')}
      <span class="board-room-stat__value" data-testid="room-voters">${view.voters}</span>
      <span>${t('board.voters_label', { count: view.voters })}</span></p>
    ${count}
  </div>`;
}

function writeTemplate(ctx, view) {
  return html`<div class="board-room-big" data-testid="room-note-count" data-count=${view.written_count}>
    ${icon('pencil', 'icon--huge')}
    <p><span class="board-room-big__value">${view.written_count}</span>
      <span class="board-room-big__label">${ctx.t('board.notes_written_label', { count: view.written_count })}</span></p>
  </div>`;
}
