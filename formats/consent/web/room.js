// Consent decision, room screen (projector). Nothing to click: it follows the facilitator.
// The proposal is the largest text on the wall; before the reveal, the objection round shows
// how many answered and nothing else. Everything must fit one screen: the content is drawn at
// smaller and smaller sizes until it does.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, refitOnResize, createFit } from 'fabrique/kit.js';
import { PICTOGRAMS, consentView, byline, proposalBlock, decisionBlock, contributionCount } from './common.js';
import { reactionsList, changesBlock, roundState, objectionItem } from './blocks.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css', 'positions.css'], contributions: contributionCount });

// Type scales relative to the room page's font; the last one is the floor.
const SCALES = [1.6, 1.4, 1.25, 1.1, 1, 0.9, 0.82];

function compactHead(activity) {
  const view = consentView(activity);
  return view.text.length > 400 || view.questions.length > 4 || view.reactions.length > 4 || view.objections.length > 2;
}

const fit = createFit();

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = consentView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    proposal: proposalStep,
    clarification: clarificationStep,
    reactions: reactionsStep,
    amendment: amendmentStep,
    objections: objectionsStep,
    integration: integrationStep,
    decision: decisionStep,
  }[step];
  const key = JSON.stringify([step, ctx.lang, window.innerWidth, window.innerHeight, ctx.activity.view, ctx.activity.revealed]);
  const attempt = (level) => {
    litRender(
      html`<div class="consent consent--room consent--${step}" style=${styleMap({ '--consent-scale': String(SCALES[level]) })}>
        ${body ? body(ctx, view) : nothing}
      </div>`,
      container,
    );
    const el = container.querySelector('.consent--room');
    return !el || el.scrollHeight <= el.clientHeight + 1;
  };
  const level = fit(key, SCALES.length, attempt);
  container.querySelector('.consent--room')?.classList.toggle('consent--clipped', !attempt(level));
}

function proposalStep(ctx, view) {
  return html`<div class="consent-room-center" data-testid="room-proposal">${proposalBlock(view, { cls: 'consent-proposal--big' })}</div>`;
}

function clarificationStep(ctx, view) {
  const { t } = ctx;
  return html`<div class="consent-room-columns">
    ${proposalBlock(view)}
    <section class="consent-room-panel" data-testid="room-questions" aria-labelledby="consent-room-questions">
      <h2 id="consent-room-questions">${t('consent.questions.title', { count: view.questions.length })}</h2>
      ${view.questions.length ? nothing : html`<p class="consent-empty">${icon('hourglass')} ${t('consent.questions.empty')}</p>`}
      <ol class="consent-list">${repeat(view.questions, (q) => q.id, (q) => html`<li class="consent-item" data-testid="question">
        <p class="consent-item__text">${q.text}</p>
        <div class="consent-item__meta">${byline(q)}</div>
        ${q.answer ? html`<p class="consent-answer"><span class="consent-label">${t('consent.answer')}</span> ${q.answer}</p>` : nothing}
      </li>`)}</ol>
    </section>
  </div>`;
}

function reactionsStep(ctx, view) {
  return html`<div class="consent-room-columns">
    ${proposalBlock(view)}
    <div class="consent-room-panel" data-testid="room-reactions">${reactionsList(ctx, view)}</div>
  </div>`;
}

function amendmentStep(ctx, view) {
  return html`<div class="consent-room-center" data-testid="room-changes">
    ${view.diff ? changesBlock(ctx, view) : proposalBlock(view, { cls: 'consent-proposal--big' })}
  </div>`;
}

function objectionsStep(ctx, view) {
  return html`<div class="consent-room-columns">
    ${proposalBlock(view)}
    <div class="consent-room-panel" data-testid="room-round">${roundState(ctx, view)}</div>
  </div>`;
}

function integrationStep(ctx, view) {
  const { t } = ctx;
  return html`<div class="consent-room-columns">
    <div class="consent">${proposalBlock(view)}${view.diff ? changesBlock(ctx, view) : nothing}</div>
    <section class="consent-room-panel" data-testid="room-objections" aria-labelledby="consent-room-objections">
      <h2 id="consent-room-objections">${t('consent.objections.title', { count: view.objections.length })}</h2>
      ${view.objections.length ? nothing : html`<p class="consent-empty">${t('consent.objections.empty')}</p>`}
      <ul class="consent-list">${repeat(view.objections, (o) => o.id, (o) => objectionItem(ctx, o))}</ul>
    </section>
  </div>`;
}

function decisionStep(ctx, view) {
  return html`<div class="consent-room-columns">
    <div class="consent" data-testid="room-decision">${decisionBlock(view)}</div>
    ${proposalBlock(view)}
  </div>`;
}
