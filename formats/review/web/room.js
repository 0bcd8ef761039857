// The three-year review, room screen (projector). Nothing to click: it follows the facilitator.
// The frieze live (a column per year), looking back with the lessons ranked, the objectives by
// year and axis, the importance × feasibility matrix with its legend, the roadmap. Everything fits
// one screen: the content is drawn at smaller and smaller sizes until it does.
import { html, nothing, render as litRender } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, t, refitOnResize, createFit } from 'fabrique/kit.js';
import { PICTOGRAMS, reviewView, contributionCount } from './common.js';
import { frieze, reflectionColumns, lessonsRanked, objectivesGrid, roadmap, columnTitle } from './blocks.js';
import { matrixSvg, matrixLegend } from './matrix.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css', 'matrix.css'], contributions: contributionCount });

// Type scales relative to the room page's font; the last one is the floor.
const SCALES = [1.4, 1.25, 1.1, 1, 0.9, 0.8, 0.72, 0.64];
const fit = createFit();

/** Much to show: the header takes one line. */
function compactHead(activity) {
  const view = reviewView(activity);
  const step = activity?.step?.key;
  const reflections = Object.values(view.reflections).reduce((n, items) => n + items.length, 0);
  if (step === 'timeline') return view.event_count > 12;
  if (step === 'looking_back') return reflections > 10;
  if (step === 'aspirations') return view.objectives.length > 6 || view.axes.length > 5;
  if (step === 'commitments') return view.commitments.length > 4;
  return true;
}

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = reviewView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    timeline: timelineStep,
    looking_back: lookingBackStep,
    aspirations: aspirationsStep,
    priorities: prioritiesStep,
    commitments: commitmentsStep,
  }[step];
  const key = JSON.stringify([step, ctx.lang, window.innerWidth, window.innerHeight, ctx.activity.view]);
  const attempt = (level) => {
    litRender(html`<div class="review review--room review--${step}" style=${styleMap({ '--review-scale': String(SCALES[level]) })}>
      ${body ? body(ctx, view, level) : nothing}
    </div>`, container);
    const el = container.querySelector('.review--room');
    return !el || (el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1);
  };
  const level = fit(key, SCALES.length, attempt);
  container.querySelector('.review--room')?.classList.toggle('review--clipped', !attempt(level));
}

function countLine(testid, count, words, pictogram = 'users') {
  return html`<p class="review-room__count" data-testid=${testid} data-count=${count}>${icon(pictogram)} ${words}</p>`;
}

function timelineStep(ctx, view) {
  return html`${countLine('room-event-count', view.event_count, t('review.timeline.room', { count: view.event_count }), 'clock')}
    <div data-testid="room-timeline" class="review-room__fill">
      ${view.event_count ? nothing : html`<p class="review-room__hint">${icon('phone')} ${t('review.timeline.room_empty')}</p>`}
      ${frieze(view, { byLine: false })}
    </div>`;
}

function lookingBackStep(ctx, view) {
  return html`<div class="review-room__three" data-testid="room-looking-back">
    ${reflectionColumns(view, { columns: ['proud', 'regret'], byLine: false })}
    <section class="review-column review-column--learned" data-testid="room-lessons" aria-labelledby="review-room-lessons">
      <h2 id="review-room-lessons">${columnTitle('learned')}
        <span class="review-count">${t('review.count', { count: view.lessons.length })}</span></h2>
      ${lessonsRanked(view)}
    </section>
  </div>`;
}

function aspirationsStep(ctx, view) {
  return html`${countLine('room-objective-count', view.objectives.length, t('review.aspirations.room', { count: view.objectives.length }), 'idea')}
    <div data-testid="room-objectives">${objectivesGrid(view, { byLine: false })}</div>`;
}

// From this level of size down, the legend leaves out each objective's axis and year, so that its
// texts stay large enough to read from the back of the room.
const LEGEND_COMPACT = 3;

function prioritiesStep(ctx, view, level = 0) {
  return html`<div class="review-room__matrix" data-testid="room-matrix">
    <div class="review-room__plot">${matrixSvg(view, { id: 'review-room-matrix' })}</div>
    <div class="review-room__legend">${matrixLegend(view, { compact: level >= LEGEND_COMPACT })}</div>
  </div>`;
}

function commitmentsStep(ctx, view) {
  return html`${countLine('room-commitment-count', view.commitments.length, t('review.roadmap.room', { count: view.commitments.length }), 'check')}
    <div data-testid="room-roadmap" class="review-room__fill">${roadmap(view)}</div>`;
}
