// Sticky-note board, room screen (projector). Nothing to click. Never shows a text before reveal.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { icon } from '../../js/icons.js';
import { boardView, sections, mergedTemplate, resultsTemplate } from './common.js';

export { pictogram } from './common.js';

export function render(container, ctx) {
  const view = boardView(ctx.activity);
  const step = ctx.activity.step?.key;
  let body;
  if (step === 'write') body = writeTemplate(ctx, view);
  else if (step === 'vote') body = voteTemplate(ctx, view);
  else if (step === 'results') body = resultsStep(ctx, view);
  else body = notesTemplate(ctx, view);
  litRender(
    html`<div class="board board--room board--${step}">
      ${view.question ? html`<p class="room-question">${view.question}</p>` : nothing}
      ${body}
    </div>`,
    container,
  );
}

function writeTemplate(ctx, view) {
  return html`<div class="room-big" data-testid="room-note-count" data-count=${view.note_count}>
    ${icon('pencil', 'icon--huge')}
    <p><span class="room-big__value">${view.note_count}</span>
      <span class="room-big__label">${ctx.t('board.notes_written_label', { count: view.note_count })}</span></p>
  </div>`;
}

function footerCount(ctx, view) {
  return html`<p class="room-footer-count" data-testid="room-note-count" data-count=${view.note_count}>
    ${ctx.t('board.notes_count', { count: view.note_count })}
  </p>`;
}

function notesTemplate(ctx, view, { small = false } = {}) {
  const parts = sections(view).filter((p) => p.notes.length);
  const density = view.notes.length > 24 ? 'dense' : view.notes.length > 10 ? 'medium' : 'roomy';
  return html`${view.notes.length === 0 ? html`<p class="room-empty">${ctx.t('board.no_notes')}</p>` : nothing}
    <div class="room-groups room-groups--${small ? 'dense' : density}">
      ${parts.map(
        ({ group, notes }) => html`<section class="room-group">
          ${view.notes.some((n) => n.group_id)
            ? html`<h2 class="room-group__title">${group ? group.title : ctx.t('board.no_group')}</h2>`
            : nothing}
          <ul class="room-notes">
            ${repeat(notes, (n) => n.id, (n) => html`<li class="sticky" data-testid="note" data-note-id=${n.id}>
                <p>${n.text}</p>
                ${mergedTemplate(n)}
              </li>`)}
          </ul>
        </section>`,
      )}
    </div>
    ${small ? nothing : footerCount(ctx, view)}`;
}

function voteTemplate(ctx, view) {
  const { t } = ctx;
  return html`<div class="room-stats">
      <p class="room-stat">${icon('dot', 'icon--big')}
        <span class="room-stat__value" data-testid="room-votes-cast">${view.votes_cast}</span>
        <span>${t('board.dots_cast_label', { count: view.votes_cast })}</span></p>
      <p class="room-stat">${icon('users', 'icon--big')}
        <span class="room-stat__value" data-testid="room-voters">${view.voters}</span>
        <span>${t('board.voters_label', { count: view.voters })}</span></p>
    </div>
    ${notesTemplate(ctx, view, { small: true })} ${footerCount(ctx, view)}`;
}

function resultsStep(ctx, view) {
  return html`<div class="room-results">${resultsTemplate(view, { limit: 10 })}</div> ${footerCount(ctx, view)}`;
}
