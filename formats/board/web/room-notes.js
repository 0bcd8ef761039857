// The board's room screen: the notes on the wall, in columns (one or more per group, or one flow
// of columns with the group titles inside it), measured so they fit one screen.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { icon } from 'fabrique/kit.js';
import { sections, mergedTemplate, noteMeta } from './common.js';

// Column widths, in ems of the scaled type: preferred and narrowest acceptable.
const COL_PREF = 11.5;
const COL_MIN = 8.5;

/** How many columns fit across `width` at this type size. */
export function columnCount(width, level, wanted = 1) {
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

export function emptyBody(ctx) {
  return html`<div class="board-room__body"><p class="board-room-empty">${ctx.t('board.no_notes')}</p></div>`;
}

function noteTemplate(n) {
  return html`<li class="board-sticky" data-testid="note" data-note-id=${n.id}>
    <p>${n.text}</p>
    ${mergedTemplate(n)}
    ${noteMeta(n, { cls: 'board-sticky__meta' })}
  </li>`;
}

function groupHeading(ctx, group, notes) {
  return html`<h2 class="board-room-group__title">${group ? group.title : ctx.t('board.no_group')}
    <span class="board-room-group__count">${notes.length}</span></h2>`;
}

/** The title again at the top of a column where a group goes on (one line, cut if too long). */
function continued(ctx, group) {
  return html`<p class="board-room-group__title board-room-group__title--cont" aria-hidden="true">
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
export function columnsBody(ctx, view, level, width) {
  if (!view.notes.length) return emptyBody(ctx);
  const list = parts(view);
  const total = columnCount(width, level, list.length);
  if (list.length > total) return null;
  const cols = share(list.map((p) => p.notes.reduce((a, n) => a + noteWeight(n), 0)), total);
  const grid = styleMap({ gridTemplateColumns: cols.map((c) => `minmax(0, ${c}fr)`).join(' ') });
  return html`<div class="board-room__body">
    <div class="board-room-groups" style=${grid}>
      ${list.map(
        ({ group, notes }, j) => html`<section class="board-room-group">
          ${titled(view) ? groupHeading(ctx, group, notes) : nothing}
          <ul class="board-room-notes" style=${styleMap({ columnCount: String(cols[j]) })}>
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
 * Null when the notes do not fit at this size. `draw(body)` draws the board with `body` in it.
 */
export function planFlow(container, draw, ctx, view, level, width, force = false) {
  if (!view.notes.length) return { columns: [], count: 1 };
  const list = parts(view);
  const count = columnCount(width, level);
  const withTitles = titled(view);
  // Measure, in one column as wide as the final ones.
  const measure = html`<div class="board-room__body">
    <div class="board-room-measure">
      ${list.map(
        ({ group, notes }) => html`<section class="board-room-group">
          ${withTitles ? groupHeading(ctx, group, notes) : nothing}
          <ul class="board-room-notes">${notes.map(noteTemplate)}</ul>
        </section>`,
      )}
      ${withTitles ? continued(ctx, list[0].group) : nothing}
    </div>
  </div>`;
  draw(measure);
  const body = container.querySelector('.board-room__body');
  const box = body.querySelector('.board-room-measure');
  const em = parseFloat(getComputedStyle(body).fontSize) || 16;
  const gap = 0.8 * em; // .room-columns column-gap
  box.style.width = `${(body.clientWidth - (count - 1) * gap) / count}px`;
  const outer = (el) => el.getBoundingClientRect().height + (parseFloat(getComputedStyle(el).marginBottom) || 0);
  const sectionEls = [...box.querySelectorAll('.board-room-group')];
  const titles = sectionEls.map((sec) => (withTitles ? outer(sec.querySelector('.board-room-group__title')) : 0));
  const again = withTitles ? outer(box.querySelector('.board-room-group__title--cont')) : 0;
  const heights = sectionEls.map((sec) => [...sec.querySelectorAll('.board-sticky')].map(outer));
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

export function flowBody(ctx, view, plan) {
  if (!view.notes.length) return emptyBody(ctx);
  return html`<div class="board-room__body">
    <div class="board-room-columns" style=${styleMap({ gridTemplateColumns: `repeat(${plan.count}, minmax(0, 1fr))` })}>
      ${plan.columns.map(
        (column) => html`<div class="board-room-column">
          ${column.map(
            (chunk) => html`<section class="board-room-group">
              ${!plan.titled
                ? nothing
                : chunk.cont
                  ? continued(ctx, chunk.group)
                  : groupHeading(ctx, chunk.group, chunk.all)}
              <ul class="board-room-notes">${repeat(chunk.notes, (n) => n.id, noteTemplate)}</ul>
            </section>`,
          )}
        </div>`,
      )}
    </div>
    ${plan.more
      ? html`<p class="board-room-more">${icon('phone')} ${ctx.t('board.room.more_on_phones', { count: plan.more })}</p>`
      : nothing}
  </div>`;
}
