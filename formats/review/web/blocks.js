// What the three screens draw alike: the frieze (three years side by side), the three columns of
// looking back, the lessons ranked by dots, the objectives by year and axis, the roadmap.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { icon, rankedList, t } from 'fabrique/kit.js';
import { COLUMNS, axisName, byline, kindTag, nextYear, pastYear, quadrantTag, meansLine } from './common.js';

/** One event of the frieze: its kind (pictogram and word), its text, what was merged into it. */
export function eventItem(event, { mine = false, extra = nothing, byLine = true } = {}) {
  const also = Array.isArray(event.also) ? event.also : [];
  return html`<li class="review-event review-event--${event.kind}" data-testid="event" data-event-id=${event.id}
    data-kind=${event.kind} data-year=${event.year ?? ''}>
    ${kindTag(event.kind)}
    <p class="review-event__text" data-testid="event-text">${event.text}</p>
    ${also.length
      ? html`<p class="review-event__also" data-testid="event-also">${icon('merge')} ${t('review.timeline.also', { texts: also.join(' · ') })}</p>`
      : nothing}
    ${byLine ? html`<p class="review-event__meta">${byline(event, { mine })}</p>` : nothing}
    ${extra}
  </li>`;
}

/**
 * The frieze: one column per past year, its events in the order the facilitator left them.
 * `mine`: ids of this person's events; `extra(event)`: controls under an event (the console's).
 */
export function frieze(view, { mine = new Set(), extra = () => nothing, byLine = true, cls = '', level = 2 } = {}) {
  const heading = (id, text) => (level === 3 ? html`<h3 id=${id}>${text}</h3>` : html`<h2 id=${id}>${text}</h2>`);
  return html`<div class="review-frieze ${cls}" data-testid="frieze">
    ${view.timeline.map((y) => html`<section class="review-frieze__year" data-testid="frieze-year" data-year=${y.index}
        data-count=${y.events.length} aria-labelledby="review-year-${cls}-${y.index}">
      ${heading(`review-year-${cls}-${y.index}`, html`<span class="review-frieze__name">${pastYear(view, y.index)}</span>
        <span class="review-count">${t('review.timeline.count', { count: y.events.length })}</span>`)}
      ${y.events.length
        ? html`<ol class="review-events">${repeat(y.events, (e) => e.id, (e) =>
            eventItem({ ...e, year: y.index }, { mine: mine.has(e.id), extra: extra({ ...e, year: y.index }), byLine }))}</ol>`
        : html`<p class="review-empty">${t('review.timeline.year_empty')}</p>`}
    </section>`)}
  </div>`;
}

/** One reflection: its text and who wrote it. */
export function reflectionItem(item, { mine = false, extra = nothing, byLine = true } = {}) {
  return html`<li class="review-note" data-testid="reflection" data-reflection-id=${item.id}>
    <p class="review-note__text">${item.text}</p>
    ${byLine ? html`<p class="review-note__meta">${byline(item, { mine })}</p>` : nothing}
    ${extra}
  </li>`;
}

const COLUMN_ICONS = { proud: 'badge', regret: 'alert', learned: 'idea' };

export function columnTitle(column) {
  return html`${icon(COLUMN_ICONS[column])} ${t(`review.column.${column}`)}`;
}

/** The three columns of looking back, as the room reads them. */
export function reflectionColumns(view, { columns = COLUMNS, mine = new Set(), extra = () => nothing, byLine = true } = {}) {
  return html`<div class="review-columns" data-testid="reflections">
    ${columns.map((c) => {
      const items = view.reflections[c];
      return html`<section class="review-column review-column--${c}" data-testid="reflection-column" data-column=${c}
          data-count=${items.length} aria-labelledby="review-column-${c}">
        <h2 id="review-column-${c}">${columnTitle(c)} <span class="review-count">${t('review.count', { count: items.length })}</span></h2>
        ${items.length
          ? html`<ul class="review-notes">${repeat(items, (r) => r.id, (r) => reflectionItem(r, { mine: mine.has(r.id), extra: extra(r), byLine }))}</ul>`
          : html`<p class="review-empty">${t('review.reflections.empty')}</p>`}
      </section>`;
    })}
  </div>`;
}

/** The lessons ranked by dots (and hands counted in the room), ties said in words. */
export function lessonsRanked(view, { limit = Infinity, extra = () => nothing } = {}) {
  if (!view.lessons.length) return html`<p class="review-empty">${t('review.lessons.empty')}</p>`;
  return rankedList(view.lessons.slice(0, limit), {
    all: view.lessons,
    testid: 'lessons',
    cls: 'review-lessons',
    key: (l) => l.id,
    score: (l) => l.total ?? (l.dots ?? 0) + (l.hands ?? 0),
    item: (l, { rank, bar }) => html`<li class="ranked__item" data-testid="lesson" data-reflection-id=${l.id} data-rank=${l.rank ?? ''}>
      ${rank}
      <div class="ranked__body"><p class="review-lesson__text">${l.text}</p>${bar}${extra(l)}</div>
      <span class="ranked__side"><span data-testid="lesson-dots" data-count=${l.dots ?? 0}>${t('review.lessons.dots', { count: l.dots ?? 0 })}</span>
        ${l.hands ? html`<span class="review-hands">${icon('hand')} ${t('review.lessons.hands', { count: l.hands })}</span>` : nothing}</span>
    </li>`,
  });
}

/** The objectives proposed, one row per axis and one column per year. */
export function objectivesGrid(view, { mine = new Set(), extra = () => nothing, byLine = true } = {}) {
  if (!view.axes.length) return html`<p class="review-empty">${t('review.axes.none')}</p>`;
  return html`<div class="review-grid" data-testid="objectives-grid" role="table" aria-label=${t('review.aspirations.grid')}>
    <div class="review-grid__row review-grid__row--head" role="row">
      <span class="review-grid__corner" role="columnheader">${t('review.axes.title')}</span>
      ${[0, 1, 2].map((y) => html`<span class="review-grid__year" role="columnheader">${nextYear(view, y)}</span>`)}
    </div>
    ${view.axes.map((axis) => html`<div class="review-grid__row" role="row" data-testid="grid-axis" data-axis-id=${axis.id}>
      <span class="review-grid__axis" role="rowheader">${axisName(axis)}</span>
      ${[0, 1, 2].map((y) => {
        const items = view.objectives.filter((o) => o.axis_id === axis.id && o.year === y);
        return html`<div class="review-grid__cell" role="cell" data-year=${y}>
          ${items.length
            ? html`<ul class="review-notes">${repeat(items, (o) => o.id, (o) => html`<li class="review-note" data-testid="objective" data-objective-id=${o.id}>
                <p class="review-note__text">${o.text}</p>
                ${byLine ? html`<p class="review-note__meta">${byline(o, { mine: mine.has(o.id) })}</p>` : nothing}
                ${extra(o)}</li>`)}</ul>`
            : html`<span class="review-grid__none" aria-label=${t('review.aspirations.cell_empty')}>—</span>`}
        </div>`;
      })}
    </div>`)}
  </div>`;
}

/** The objectives ranked by score, with their means and quadrant. */
export function objectivesRanked(view, { extra = () => nothing, limit = Infinity } = {}) {
  const rated = view.objectives.filter((o) => o.rank);
  const unrated = view.objectives.filter((o) => !o.rank);
  return html`${rated.length
      ? rankedList(rated.slice(0, limit), {
          all: rated,
          testid: 'objectives-ranked',
          cls: 'review-ranked',
          key: (o) => o.id,
          score: (o) => o.score ?? 0,
          item: (o, { rank, bar }) => html`<li class="ranked__item" data-testid="ranked-objective" data-objective-id=${o.id} data-rank=${o.rank}>
            ${rank}
            <div class="ranked__body">
              <p class="review-lesson__text">${o.text}</p>
              <p class="review-note__meta">${quadrantTag(o.quadrant)} <span data-testid="objective-means">${meansLine(o, view.eligible)}</span></p>
              ${bar}${extra(o)}
            </div>
          </li>`,
        })
      : html`<p class="review-empty">${t('review.priorities.none_rated')}</p>`}
    ${unrated.length
      ? html`<h3>${t('review.priorities.unrated', { count: unrated.length })}</h3>
          <ul class="review-notes">${repeat(unrated, (o) => o.id, (o) => html`<li class="review-note" data-testid="unrated-objective" data-objective-id=${o.id}>
            <p class="review-note__text">${o.text}</p>${extra(o)}</li>`)}</ul>`
      : nothing}`;
}

/** One commitment: what, who, and how we will know it worked. */
export function commitmentItem(view, c, extra = nothing) {
  return html`<li class="review-commitment" data-testid="commitment" data-commitment-id=${c.id} data-year=${c.year}>
    <p class="review-commitment__text">${c.text}</p>
    <p class="review-commitment__owner" data-testid="commitment-owner">${icon('user')} ${t('review.commitment.owner_is', { owner: c.owner })}</p>
    ${c.individual ? html`<p class="review-commitment__criterion" data-testid="commitment-individual"><span class="review-label">${t('review.commitment.individual')}</span> ${c.individual}</p>` : nothing}
    ${c.collective ? html`<p class="review-commitment__criterion" data-testid="commitment-collective"><span class="review-label">${t('review.commitment.collective')}</span> ${c.collective}</p>` : nothing}
    ${extra}
  </li>`;
}

/** The three-year roadmap: one column per year to come, its commitments. */
export function roadmap(view, { extra = () => nothing, prefix = 'review-roadmap' } = {}) {
  return html`<div class="review-frieze review-roadmap" data-testid="roadmap">
    ${[0, 1, 2].map((y) => {
      const items = view.commitments.filter((c) => c.year === y);
      return html`<section class="review-frieze__year" data-testid="roadmap-year" data-year=${y} data-count=${items.length} aria-labelledby="${prefix}-${y}">
        <h2 id="${prefix}-${y}"><span class="review-frieze__name">${nextYear(view, y)}</span>
          <span class="review-count">${t('review.roadmap.count', { count: items.length })}</span></h2>
        ${items.length
          ? html`<ul class="review-commitments">${repeat(items, (c) => c.id, (c) => commitmentItem(view, c, extra(c)))}</ul>`
          : html`<p class="review-empty">${t('review.roadmap.year_empty')}</p>`}
      </section>`;
    })}
  </div>`;
}
