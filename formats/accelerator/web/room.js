// Project accelerator, room screen (projector). Nothing to click: it follows the facilitator.
// Everything must fit on one screen (nobody scrolls a projector): the content is laid out for the
// step, then its type is scaled down by steps until it fits, never below a floor that stays
// readable from the back of the room.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, refitOnResize, createFit } from 'fabrique/kit.js';
import {
  PICTOGRAMS,
  accView,
  byline,
  textBlock,
  kindTag,
  statusTag,
  byTheme,
  currentTurn,
  nextTurn,
  personLabel,
  personTags,
  actionsTable,
  pointsList,
  projectHead,
  requestQuote,
  requestLine,
  exchangesRecap,
  AFTER_REQUEST,
  contributionCount,
} from './common.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css', 'steps-4-6.css'], contributions: contributionCount });

// Type scales relative to the room page's font (1.5vw); the last one is the floor.
const SCALES = [1.7, 1.5, 1.3, 1.15, 1, 0.9, 0.82];

/**
 * Steps with many items ask the shell for a smaller header; so do the steps that work on the
 * request: the request, under the header, is then the largest text on the wall.
 */
function compactHead(activity) {
  const view = accView(activity);
  const step = activity?.step?.key;
  if (AFTER_REQUEST.includes(step)) return Boolean(view.request || view.problem);
  if (step === 'questions') return view.questions.length > 4;
  return view.presentation.length > 500;
}

const fit = createFit();

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = accView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    presentation: presentationStep,
    questions: questionsStep,
    request: requestStep,
    exchanges: exchangesStep,
    synthesis: synthesisStep,
    closing: closingStep,
  }[step];
  const key = JSON.stringify([step, ctx.lang, window.innerWidth, window.innerHeight, ctx.activity.view]);
  const attempt = (level) => {
    litRender(
      html`<div class="accelerator accelerator--room accelerator--${step}" style=${styleMap({ '--accelerator-scale': String(SCALES[level]) })}>
        ${body ? body(ctx, view) : nothing}
      </div>`,
      container,
    );
    const el = container.querySelector('.accelerator--room');
    return !el || el.scrollHeight <= el.clientHeight + 1;
  };
  const level = fit(key, SCALES.length, attempt);
  container.querySelector('.accelerator--room')?.classList.toggle('accelerator--clipped', !attempt(level));
}

// ------------------------------------------------------------------ 1. presentation

function presentationStep(ctx, view) {
  const { t } = ctx;
  return html`${projectHead(view, { step: 'presentation' })}
    <div class="accelerator-room-columns ${view.points.length ? '' : 'accelerator-room-columns--one'}">
      <section class="accelerator-room-panel" data-testid="room-presentation">
        ${view.presentation
          ? textBlock(view.presentation, 'accelerator-text--room')
          : html`<p class="accelerator-room-waiting">${icon('hourglass')} ${t('accelerator.presentation.waiting')}</p>`}
      </section>
      ${view.points.length ? html`<section class="accelerator-room-panel accelerator-room-panel--points">${pointsList(view)}</section>` : nothing}
    </div>`;
}

// ------------------------------------------------------------------ 2. questions

function questionsStep(ctx, view) {
  const { t } = ctx;
  return html`${projectHead(view, { step: 'questions' })}
    ${view.questions.length
      ? html`<p class="accelerator-room-count" data-testid="room-question-count" data-count=${view.questions.length}>
          ${icon('hand')} ${t('accelerator.questions.title', { count: view.questions.length })}</p>`
      : nothing}
    ${view.questions.length
      ? html`<ol class="accelerator-room-grid">
          ${repeat(view.questions, (q) => q.id, (q) => html`<li class="accelerator-room-card accelerator-question--${q.status}" data-testid="question" data-question-id=${q.id}>
            <p class="accelerator-room-card__text">${q.text}</p>
            <div class="accelerator-item__meta">${statusTag(q.status)} ${byline(q, { scribe: view.scribe_name })}</div>
            ${q.answer ? html`<p class="accelerator-answer"><span class="accelerator-answer__label">${t('accelerator.answer')}</span> ${q.answer}</p>` : nothing}
          </li>`)}
        </ol>`
      : html`<p class="accelerator-room-waiting">${icon('hourglass')} ${t('accelerator.questions.empty')}</p>`}`;
}

// ------------------------------------------------------------------ 3. request

function requestStep(ctx, view) {
  return html`${projectHead(view, { about: false })}
    <div class="accelerator-room-center">${requestQuote(view, { big: true })}</div>`;
}

// ------------------------------------------------------------------ 4. exchanges

function exchangesStep(ctx, view) {
  const { t } = ctx;
  const groups = byTheme(view).filter((g) => g.items.length);
  return html`${requestLine(view)}
    ${view.contributions.length
      ? html`<p class="accelerator-room-count" data-testid="room-contribution-count" data-count=${view.contributions.length}>
          ${icon('idea')} ${t('accelerator.contributions.title', { count: view.contributions.length })}</p>`
      : nothing}
    ${groups.length
      ? html`<div class="accelerator-room-themes" style=${styleMap({ '--accelerator-cols': String(Math.min(groups.length, 4)) })}>
          ${groups.map(({ theme, items }) => html`<section class="accelerator-room-theme">
            ${view.themes.length ? html`<h2 class="accelerator-room-theme__title">${theme ? theme.title : t('accelerator.no_theme')}</h2>` : nothing}
            <ul class="accelerator-room-stack">
              ${repeat(items, (c) => c.id, (c) => html`<li class="accelerator-room-card" data-testid="contribution" data-kind=${c.kind}>
                ${kindTag(c.kind)}
                <p class="accelerator-room-card__text">${c.text}</p>
                ${byline(c, { scribe: view.scribe_name })}
              </li>`)}
            </ul>
          </section>`)}
        </div>`
      : html`<p class="accelerator-room-waiting">${icon('hourglass')} ${t('accelerator.contributions.empty')}</p>`}`;
}

// ------------------------------------------------------------------ 5. synthesis and action plan

function synthesisStep(ctx, view) {
  const { t } = ctx;
  return html`${projectHead(view, { step: 'synthesis' })}
    <div class="accelerator-room-columns accelerator-room-columns--even">
      <div class="accelerator-room-pile">
        <section class="accelerator-room-panel" data-testid="room-synthesis">
          <h2>${t('accelerator.synthesis.title')}</h2>
          ${view.synthesis ? textBlock(view.synthesis, 'accelerator-text--room') : html`<p class="accelerator-room-waiting">${icon('hourglass')} ${t('accelerator.synthesis.waiting')}</p>`}
        </section>
        <section class="accelerator-room-panel">
          <h2>${t('accelerator.plan.title')}</h2>
          ${actionsTable(view)}
        </section>
      </div>
      <section class="accelerator-room-panel accelerator-recap accelerator-recap--room" data-testid="exchanges-recap">
        <h2>${t('accelerator.recap.title', { count: view.contributions.length })}</h2>
        ${exchangesRecap(view)}
      </section>
    </div>`;
}

// ------------------------------------------------------------------ 6. closing round

function closingStep(ctx, view) {
  const { t } = ctx;
  const current = currentTurn(view);
  const next = nextTurn(view);
  let speaker;
  if (view.round.status === 'not_started') {
    speaker = html`<p class="accelerator-room-speaker__name">${icon('hourglass')} ${t('accelerator.round.not_started')}</p>`;
  } else if (!current) {
    speaker = html`<p class="accelerator-room-speaker__name">${icon('check')} ${t('accelerator.round.over')}</p>`;
  } else {
    speaker = html`<p class="accelerator-room-speaker__label">${t('accelerator.round.turn_of')}</p>
      <p class="accelerator-room-speaker__name" data-testid="room-speaker">${personLabel(current, current.place)} ${personTags(current)}</p>
      ${current.text ? html`<p class="accelerator-room-speaker__text">${t('accelerator.quoted', { text: current.text })}</p>` : nothing}
      ${next ? html`<p class="accelerator-room-speaker__next">${t('accelerator.round.next', { name: personLabel(next, next.place) })}</p>` : nothing}`;
  }
  return html`${requestLine(view)}
    <div class="accelerator-room-closing">
    <section class="accelerator-room-speaker" aria-live="polite" data-testid="room-round" data-status=${view.round.status}>${speaker}</section>
    ${view.round.turns.length
      ? html`<ol class="accelerator-room-round">
          ${repeat(view.round.turns, (turn) => turn.id, (turn) => {
            const now = turn.id === view.round.current;
            const state = now ? 'now' : turn.text ? 'said' : 'waiting';
            return html`<li class="accelerator-turn accelerator-turn--${state}" data-state=${state}>
              <p class="accelerator-turn__who">${icon(now ? 'arrowRight' : turn.text ? 'check' : 'hourglass')}
                <strong>${personLabel(turn, turn.place)}</strong> ${personTags(turn)}
                <span class="sr-only">${t(`accelerator.turn.${state}`)}</span></p>
              ${turn.text && !now ? html`<p class="accelerator-turn__text">${turn.text}</p>` : nothing}
            </li>`;
          })}
        </ol>`
      : nothing}
  </div>`;
}
