// Sticky-note board, room screen (projector). Nothing to click. Never shows a text before reveal.
//
// Everything must fit on one screen: nobody scrolls a projector. The notes (and the results) are
// laid out in columns, and their type is scaled by steps: the first step depends on how many
// there are, then the renderer measures and takes the next smaller step until the board fits,
// never below the floor (1em of the room page, 28.8 px at 1920 wide, readable from the back).
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { icon } from 'fabrique/icons.js';
import { refitOnResize } from 'fabrique/ui.js';
import {
  boardView,
  sections,
  groupTitle,
  mergedTemplate,
  dotsTemplate,
  noteMeta,
  scoreOf,
  handsTemplate,
} from './common.js';

export { pictogram } from './common.js';

// Type scales, relative to the room page's font (1.5vw): the last one is the floor.
const SCALES = [2, 1.75, 1.5, 1.3, 1.15, 1];
// Column widths, in ems of the scaled type: preferred and narrowest acceptable.
const COL_PREF = 11.5;
const COL_MIN = 8.5;

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
export function compactHead(activity) {
  const view = boardView(activity);
  if (!showsNotes(activity, view)) return false;
  const count = showsResults(activity) ? view.results.length : view.notes.length;
  return count > 6;
}

// The layout that fitted last time, to start from it when nothing changed (re-renders are frequent:
// connection status, participant count).
const memo = { key: '', level: 0 };

export function render(container, ctx) {
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
  // First candidate: from the count (or the last fit when nothing changed).
  let i = memo.key === key ? memo.level : levels.findIndex((l) => l.scale <= startScale(count, results));
  if (i < 0) i = 0;
  const attempt = (level) => {
    let body;
    if (results) body = resultsBody(ctx, view, level, width);
    else if (level.flow) {
      const plan = planFlow(container, ctx, view, step, level, width);
      if (!plan) return false;
      body = flowBody(ctx, view, plan);
    } else {
      body = columnsBody(ctx, view, level, width);
      if (!body) return false;
    }
    litRender(frame(ctx, view, step, body, level), container);
    const el = container.querySelector('.room-board__body');
    return !el || !overflows(el);
  };
  while (!attempt(levels[i]) && i < levels.length - 1) i += 1;
  if (results && overflows(container.querySelector('.room-board__body'))) {
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
  if (!results && levels[i].flow && !container.querySelector('.room-columns')) {
    // Even the last layouts did not fit: the one that shows the most notes, and how many more.
    let best = null;
    for (const level of levels.filter((l) => l.flow && l.scale === levels[i].scale)) {
      const plan = planFlow(container, ctx, view, step, level, width, true);
      if (plan && (!best || plan.more < best.plan.more)) best = { plan, level };
    }
    if (best) litRender(frame(ctx, view, step, flowBody(ctx, view, best.plan), best.level), container);
  }
  const bodyEl = container.querySelector('.room-board__body');
  bodyEl?.classList.toggle('room-board__body--clipped', overflows(bodyEl));
  memo.key = key;
  memo.level = i;
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

/** How many columns fit across `width` at this type size. */
function columnCount(width, level, wanted = 1) {
  const em = pageFont() * level.scale;
  const pref = Math.max(1, Math.floor(width / (COL_PREF * em)));
  const max = Math.max(1, Math.floor(width / (COL_MIN * em)));
  return Math.min(max, Math.max(pref, wanted) + level.extraCols);
}

function pageFont() {
  return parseFloat(getComputedStyle(document.body).fontSize) || 16;
}

/** Shares `total` columns between sections, at least one each, so the tallest is the shortest. */
function share(weights, total) {
  const cols = weights.map(() => 1);
  for (let left = total - weights.length; left > 0; left--) {
    let best = 0;
    for (let j = 1; j < cols.length; j++) if (weights[j] / cols[j] > weights[best] / cols[best]) best = j;
    cols[best] += 1;
  }
  return cols;
}

function noteWeight(n) {
  return 1 + String(n.text ?? '').length / 45 + (n.merged?.length ?? 0) * 0.8;
}

// ------------------------------------------------------------------ frame

function frame(ctx, view, step, body, level) {
  const style = level.scale ? styleMap({ '--room-scale': String(level.scale) }) : nothing;
  return html`<div class="board board--room board--${step}" style=${style}>
    <div class="room-board__top">
      ${view.question ? html`<p class="room-question">${view.question}</p>` : nothing}
      ${topStats(ctx, view, step)}
    </div>
    ${body}
  </div>`;
}

function topStats(ctx, view, step) {
  const { t } = ctx;
  if (step === 'write' && !view.notes.length) return nothing;
  const count = html`<p class="room-count" data-testid="room-note-count" data-count=${view.note_count}>
    ${icon('pencil')} ${t('board.notes_count', { count: view.note_count })}
  </p>`;
  if (step !== 'vote' && step !== 'results') return html`<div class="room-board__stats">${count}</div>`;
  return html`<div class="room-board__stats">
    <p class="room-stat">${icon('dot')}
      <span class="room-stat__value" data-testid="room-votes-cast">${view.votes_cast}</span>
      <span>${t('board.dots_cast_label', { count: view.votes_cast })}</span></p>
    <p class="room-stat">${icon('users')}
      <span class="room-stat__value" data-testid="room-voters">${view.voters}</span>
      <span>${t('board.voters_label', { count: view.voters })}</span></p>
    ${count}
  </div>`;
}

// ------------------------------------------------------------------ write

function writeTemplate(ctx, view) {
  return html`<div class="room-big" data-testid="room-note-count" data-count=${view.note_count}>
    ${icon('pencil', 'icon--huge')}
    <p><span class="room-big__value">${view.note_count}</span>
      <span class="room-big__label">${ctx.t('board.notes_written_label', { count: view.note_count })}</span></p>
  </div>`;
}

// ------------------------------------------------------------------ reveal, group, vote

function emptyBody(ctx) {
  return html`<div class="room-board__body"><p class="room-empty">${ctx.t('board.no_notes')}</p></div>`;
}

function noteTemplate(n) {
  return html`<li class="sticky" data-testid="note" data-note-id=${n.id}>
    <p>${n.text}</p>
    ${mergedTemplate(n)}
    ${noteMeta(n, { cls: 'sticky__meta' })}
  </li>`;
}

function groupHeading(ctx, group, notes) {
  return html`<h2 class="room-group__title">${group ? group.title : ctx.t('board.no_group')}
    <span class="room-group__count">${notes.length}</span></h2>`;
}

/** The title again at the top of a column where a group goes on (one line, cut if too long). */
function continued(ctx, group) {
  return html`<p class="room-group__title room-group__title--cont" aria-hidden="true">
    <span>${ctx.t('board.room.continued', { title: group ? group.title : ctx.t('board.no_group') })}</span>
  </p>`;
}

function parts(view) {
  return sections(view).filter((p) => p.notes.length);
}

function titled(view) {
  return view.notes.some((n) => n.group_id);
}

/** One column (or more) per group, side by side; null when there are more groups than columns. */
function columnsBody(ctx, view, level, width) {
  if (!view.notes.length) return emptyBody(ctx);
  const list = parts(view);
  const total = columnCount(width, level, list.length);
  if (list.length > total) return null;
  const cols = share(list.map((p) => p.notes.reduce((a, n) => a + noteWeight(n), 0)), total);
  const grid = styleMap({ gridTemplateColumns: cols.map((c) => `minmax(0, ${c}fr)`).join(' ') });
  return html`<div class="room-board__body">
    <div class="room-groups" style=${grid}>
      ${list.map(
        ({ group, notes }, j) => html`<section class="room-group">
          ${titled(view) ? groupHeading(ctx, group, notes) : nothing}
          <ul class="room-notes" style=${styleMap({ columnCount: String(cols[j]) })}>
            ${repeat(notes, (n) => n.id, noteTemplate)}
          </ul>
        </section>`,
      )}
    </div>
  </div>`;
}

/**
 * One flow of columns, the groups one after the other: the notes are measured in a column of the
 * final width, then cut into balanced columns. A group never leaves its title alone at the foot
 * of a column, and a group that goes on in the next column gets its title again ("(suite)").
 * Null when the notes do not fit at this size.
 */
function planFlow(container, ctx, view, step, level, width, force = false) {
  if (!view.notes.length) return { columns: [], count: 1 };
  const list = parts(view);
  const count = columnCount(width, level);
  const withTitles = titled(view);
  // Measure, in one column as wide as the final ones.
  const measure = html`<div class="room-board__body">
    <div class="room-measure">
      ${list.map(
        ({ group, notes }) => html`<section class="room-group">
          ${withTitles ? groupHeading(ctx, group, notes) : nothing}
          <ul class="room-notes">${notes.map(noteTemplate)}</ul>
        </section>`,
      )}
      ${withTitles ? continued(ctx, list[0].group) : nothing}
    </div>
  </div>`;
  litRender(frame(ctx, view, step, measure, level), container);
  const body = container.querySelector('.room-board__body');
  const box = body.querySelector('.room-measure');
  const em = parseFloat(getComputedStyle(body).fontSize) || 16;
  const gap = 0.8 * em; // .room-columns column-gap
  box.style.width = `${(body.clientWidth - (count - 1) * gap) / count}px`;
  const outer = (el) => el.getBoundingClientRect().height + (parseFloat(getComputedStyle(el).marginBottom) || 0);
  const sectionEls = [...box.querySelectorAll('.room-group')];
  const titles = sectionEls.map((sec) => (withTitles ? outer(sec.querySelector('.room-group__title')) : 0));
  const again = withTitles ? outer(box.querySelector('.room-group__title--cont')) : 0;
  const heights = sectionEls.map((sec) => [...sec.querySelectorAll('.sticky')].map(outer));
  const space = 0.4 * em; // .room-column .room-group + .room-group
  const available = body.clientHeight;
  const total = view.notes.length;
  // Fills columns of height `limit` in order; stops when the columns are full.
  const pack = (limit) => {
    const columns = [[]];
    let used = 0;
    let placed = 0;
    const nextColumn = () => {
      if (columns.length >= count) return false;
      columns.push([]);
      used = 0;
      return true;
    };
    const done = () => ({ columns: columns.filter((c) => c.length), placed, fits: placed === total });
    for (let j = 0; j < list.length; j++) {
      let chunk = null;
      for (let k = 0; k < list[j].notes.length; k++) {
        const h = heights[j]?.[k] ?? 0;
        if (!chunk) {
          // A group starts: its title and its first two notes go together.
          const lead = h + (heights[j]?.[1] ?? 0);
          if (used > 0 && used + space + titles[j] + lead > limit && !nextColumn()) return done();
          used += (used > 0 ? space : 0) + titles[j];
          chunk = { group: list[j].group, all: list[j].notes, cont: false, notes: [] };
          columns.at(-1).push(chunk);
        } else if (used + h > limit) {
          if (!nextColumn()) return done();
          used = again;
          chunk = { group: list[j].group, all: list[j].notes, cont: true, notes: [] };
          columns.at(-1).push(chunk);
        }
        if (used + h > limit) return done();
        chunk.notes.push(list[j].notes[k]);
        used += h;
        placed += 1;
      }
    }
    return done();
  };
  if (!pack(available).fits) {
    if (!force) return null;
    // Too many notes for one screen even at the smallest size: as many as fit, and a line that
    // says how many more there are (every phone shows them all).
    const partial = pack(available - 1.6 * em);
    return { columns: partial.columns, count, titled: withTitles, more: total - partial.placed };
  }
  // The shortest height that still fits in `count` columns (balanced columns)...
  let lo = 0;
  let hi = available;
  for (let n = 0; n < 20 && hi - lo > 2; n++) {
    const mid = (lo + hi) / 2;
    if (pack(mid).fits) hi = mid;
    else lo = mid;
  }
  // ...or a little taller, when that cuts fewer groups in two.
  let best = null;
  for (let n = 0; n <= 16; n++) {
    const { columns, fits } = pack(hi + ((available - hi) * n) / 16);
    const pieces = fits ? columns.reduce((a, c) => a + c.length, 0) : Infinity;
    if (!best || pieces < best.pieces) best = { columns, pieces };
  }
  return { columns: best.columns, count, titled: withTitles, more: 0 };
}

function flowBody(ctx, view, plan) {
  if (!view.notes.length) return emptyBody(ctx);
  return html`<div class="room-board__body">
    <div class="room-columns" style=${styleMap({ gridTemplateColumns: `repeat(${plan.count}, minmax(0, 1fr))` })}>
      ${plan.columns.map(
        (column) => html`<div class="room-column">
          ${column.map(
            (chunk) => html`<section class="room-group">
              ${!plan.titled
                ? nothing
                : chunk.cont
                  ? continued(ctx, chunk.group)
                  : groupHeading(ctx, chunk.group, chunk.all)}
              <ul class="room-notes">${repeat(chunk.notes, (n) => n.id, noteTemplate)}</ul>
            </section>`,
          )}
        </div>`,
      )}
    </div>
    ${plan.more
      ? html`<p class="room-more">${icon('phone')} ${ctx.t('board.room.more_on_phones', { count: plan.more })}</p>`
      : nothing}
  </div>`;
}

// ------------------------------------------------------------------ results

function resultsBody(ctx, view, level, width) {
  const { t } = ctx;
  if (!view.results.length) {
    return html`<div class="room-board__body" data-testid="results"><p class="room-empty">${t('board.results.empty')}</p></div>`;
  }
  const ranks = new Map();
  for (const r of view.results) ranks.set(r.rank, (ranks.get(r.rank) ?? 0) + 1);
  const tied = (r) => (ranks.get(r.rank) ?? 0) > 1;
  // The top entries large (ranks 1 to 3, four at most), the rest compact in columns.
  // The top entries large: ranks 1 to 3, whole ties only, five at most (the first rank always).
  const top = [];
  for (const r of view.results) {
    if (!(scoreOf(r) > 0) || r.rank > 3) break;
    const tie = view.results.filter((x) => x.rank === r.rank);
    if (top.length && (top.includes(tie[0]) ? false : top.length + tie.length > 5)) break;
    if (top.length < 5) top.push(r);
  }
  let rest = view.results.slice(top.length).filter((r) => level.zeros || scoreOf(r) > 0);
  const hiddenZeros = view.results.length - top.length - rest.length;
  let more = 0; // entries left out when even that does not fit (the minutes have them all)
  if (level.limit != null && level.limit < rest.length) {
    more = rest.length - level.limit + hiddenZeros;
    rest = rest.slice(0, level.limit);
  }
  const max = Math.max(1, ...view.results.map(scoreOf));
  const cols = columnCount(width / 1.5, level); // rows are wider than notes
  const rank = (r) => html`<span class="room-rank">
    <span class="sr-only">${t('board.results.rank_label')}</span>${r.rank}${tied(r)
      ? html`<span class="room-rank__tie">${t('board.results.tie')}</span>`
      : nothing}
  </span>`;
  return html`<div class="room-board__body room-results" data-testid="results">
    ${top.length
      ? html`<ol class="room-top-list">
          ${top.map((r) => {
            const group = groupTitle(view, r.group_id);
            return html`<li class="room-top ${r.rank === 1 ? 'room-top--first' : ''}" data-testid="note" data-note-id=${r.id}
                data-rank=${r.rank}>
              ${rank(r)}
              <div class="room-top__body">
                <p class="room-top__text">${r.text}${group ? html` <span class="room-top__group">${group}</span>` : nothing}</p>
                <div class="bar" aria-hidden="true"><span style=${styleMap({ width: `${(scoreOf(r) / max) * 100}%` })}></span></div>
              </div>
              <span class="room-top__score">
                <span class="room-top__votes" data-testid="result-votes">${dotsTemplate(Math.min(r.votes ?? 0, 10))}
                  ${t('board.votes', { count: r.votes ?? 0 })}</span>
                ${handsTemplate(r)}
              </span>
            </li>`;
          })}
        </ol>`
      : nothing}
    ${rest.length
      ? html`<ol class="room-rest" style=${styleMap({ columnCount: String(cols) })}>
          ${rest.map(
            (r) => html`<li class="room-row ${scoreOf(r) ? '' : 'room-row--zero'}" data-testid="note" data-note-id=${r.id}
                data-rank=${r.rank}>
              <span class="room-row__rank"><span class="sr-only">${t('board.results.rank_label')}</span>${r.rank}${tied(r)
                ? html`<span class="sr-only"> ${t('board.results.tie')}</span>`
                : nothing}</span>
              <span class="room-row__text">${r.text}</span>
              <span class="room-row__votes" data-testid="result-votes"><span aria-hidden="true">${r.votes ?? 0}</span>${icon(
                r.votes ? 'dot' : 'dotEmpty')}<span class="sr-only">${t('board.votes', { count: r.votes ?? 0 })}</span></span>
              ${r.hands
                ? html`<span class="room-row__hands" data-testid="result-hands"><span aria-hidden="true">+${r.hands}</span>${icon(
                    'hand')}<span class="sr-only">${t('board.hands', { count: r.hands })}</span></span>`
                : nothing}
            </li>`,
          )}
        </ol>`
      : nothing}
    ${more
      ? html`<p class="room-zeros">${icon('plus')} ${t('board.results.more', { count: more })}</p>`
      : hiddenZeros
        ? html`<p class="room-zeros">${icon('dotEmpty')} ${t('board.results.zeros', { count: hiddenZeros })}</p>`
        : nothing}
  </div>`;
}
