// Sticky-note board, facilitator's console: what the room sees, with the moderation controls,
// the spotlight (one note full screen on the room screen) and show-of-hands counts. Grouping is
// by drag and drop, with ticks and buttons doing the same without dragging (console-sort.js).
// The scribe and observers get the same page with the controls their `can` list allows.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, syncSelects, rankedList } from 'fabrique/kit.js';
import { PICTOGRAMS, boardView, sections, mergedTemplate, noteMeta, groupTitle, contributionCount } from './common.js';
import { ui, stat, countLabel, spotlightButton, spotlightBanner, handsOf, handsTemplate, hideButton } from './console-tools.js';
import { sortTemplate } from './console-sort.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'console-sort.css'], contributions: contributionCount });

function render(container, ctx) {
  const stepKey = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.stepKey !== stepKey) {
    Object.assign(ui, { stepKey, renaming: null, editing: null, selected: new Set(), merging: null, merge: {}, hands: {}, done: null });
  }
  if (ui.activityId !== ctx.activity.id) {
    Object.assign(ui, { activityId: ctx.activity.id, newGroup: '' });
  }
  const view = boardView(ctx.activity);
  const step = ctx.activity.step?.key;
  let body;
  if (step === 'write') body = writeTemplate(ctx, view);
  else if (step === 'vote') body = voteTemplate(ctx, view);
  else if (step === 'results') body = resultsStep(ctx, view);
  else body = sortTemplate(ctx, view, container);
  litRender(
    html`<div class="board board--console board--${step}">
      ${spotlightBanner(ctx, view)}
      ${view.question
        ? html`<p class="board-question"><span class="board-question__label">${ctx.t('board.question')}</span> ${view.question}</p>`
        : nothing}
      ${body}
    </div>`,
    container,
  );
  syncSelects(container);
}

// ------------------------------------------------------------------ write

function writeTemplate(ctx, view) {
  const { t } = ctx;
  const liveWall = ctx.activity.revealed;
  // Who wrote or is done is in the room column: here, what the room wrote.
  return html`<div class="board-stats">
      ${stat(view.written_count, countLabel(ctx, 'board.notes_written', view.written_count), 'console-note-count')}
    </div>
    ${liveWall
      ? html`<p class="callout callout--info">${icon('eye')}<span>${t('board.console.live_wall')}</span></p>`
      : html`<p class="callout callout--info">${icon('eyeOff')}<span>${t('board.console.hidden_until_reveal')}</span></p>`}
    ${view.groups.length
      ? html`<p>${t('board.console.columns')} ${view.groups.map((g, i) => html`${i ? ', ' : ''}<strong>${g.title}</strong>`)}</p>`
      : nothing}
    ${liveWall && view.notes.length
      ? html`<ul class="board-notes board-notes--grid">
          ${repeat(view.notes, (n) => n.id, (note) => html`<li class="board-note ${note.hidden ? 'board-note--hidden' : ''}" data-testid="note"
              data-note-id=${note.id} data-hidden=${note.hidden ? 'true' : 'false'}>
              ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
              <p class="board-note__text" data-testid="note-body">${note.text}</p>
              ${noteMeta(note)}
              ${spotlightButton(ctx, note) === nothing
                ? nothing
                : html`<div class="actions actions--small">${spotlightButton(ctx, note)}</div>`}
            </li>`)}
        </ul>`
      : nothing}`;
}

// ------------------------------------------------------------------ vote

function voteTemplate(ctx, view) {
  const { t } = ctx;
  const canHide = can(ctx.activity, 'board.hide_note');
  // Out of the same people as "n of N are done": people without a phone vote too.
  const people = Math.max(view.voters, ctx.activity.ready_total ?? 0);
  const counts = handsOf(ctx, view);
  // Revealed during the vote: the live count of dots per note.
  const dots = new Map(view.results.map((r) => [r.id, r.votes ?? 0]));
  const liveCounts = ctx.activity.revealed && view.results.length > 0;
  return html`<div class="board-stats">
      ${stat(view.votes_cast, countLabel(ctx, 'board.dots_cast', view.votes_cast), 'console-votes-cast')}
      ${stat(view.voters, t('board.console.voters_of', { count: view.voters, total: people }), 'console-voters')}
    </div>
    ${liveCounts
      ? html`<p class="callout callout--info">${icon('eye')}<span>${t('board.console.counts_live')}</span></p>`
      : html`<p class="callout callout--info">${icon('eyeOff')}<span>${t('board.console.counts_hidden')}</span></p>`}
    ${sections(view).map(({ group, notes }) =>
      !notes.length
        ? nothing
        : html`<section class="board-group board-group--console">
            <h3 class="board-group__title">${group ? group.title : view.groups.length ? t('board.no_group') : t('board.all_notes')}</h3>
            <ul class="board-notes board-notes--grid">
              ${repeat(notes, (n) => n.id, (note) => html`<li class="board-note ${note.hidden ? 'board-note--hidden' : ''}" data-testid="note"
                  data-note-id=${note.id} data-hidden=${note.hidden ? 'true' : 'false'}>
                  ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
                  <p class="board-note__text" data-testid="note-body">${note.text}</p>
                  ${noteMeta(note)}
                  ${mergedTemplate(note)}
                  ${liveCounts ? html`<p class="board-note__meta" data-testid="result-votes">${icon('dot')} ${t('board.votes', { count: dots.get(note.id) ?? 0 })}</p>` : nothing}
                  ${handsTemplate(ctx, note, counts)}
                  ${canHide || spotlightButton(ctx, note) !== nothing
                    ? html`<div class="actions actions--small">
                        ${spotlightButton(ctx, note)}
                        ${canHide ? hideButton(ctx, note) : nothing}
                      </div>`
                    : nothing}
                </li>`)}
            </ul>
          </section>`,
    )}`;
}

// ------------------------------------------------------------------ results

function resultsStep(ctx, view) {
  return html`<div class="board-stats">
      ${stat(view.votes_cast, countLabel(ctx, 'board.dots_cast', view.votes_cast), 'console-votes-cast')}
      ${stat(view.voters, countLabel(ctx, 'board.voters', view.voters), 'console-voters')}
    </div>
    ${resultsList(ctx, view)}`;
}

/** The ranking with what makes each total: dots (some entered for people without a phone) and
 * hands counted in the room, each editable here. */
function resultsList(ctx, view) {
  const { t } = ctx;
  const results = view.results;
  if (!results.length) return html`<p class="empty">${t('board.results.empty')}</p>`;
  const counts = handsOf(ctx, view);
  const totalOf = (r) => r.total ?? r.votes ?? 0;
  return rankedList(results, {
    cls: 'board-results--console',
    score: totalOf,
    key: (r) => r.id,
    item: (r, { rank, bar }) => {
      const group = groupTitle(view, r.group_id);
      const note = { id: r.id, text: r.text };
      return html`<li class="ranked__item" data-testid="note" data-note-id=${r.id} data-rank=${r.rank}>
        ${rank}
        <div class="ranked__body">
          ${group ? html`<p class="board-result__group">${group}</p>` : nothing}
          <p class="board-result__text" data-testid="note-body">${r.text}</p>
          ${mergedTemplate(r)}
          ${bar}
          <p class="board-result__detail">
            <span data-testid="result-votes">${t('board.votes', { count: r.votes ?? 0 })}</span>
            ${r.proxy_votes ? html`<span>${t('board.console.proxy_votes', { count: r.proxy_votes })}</span>` : nothing}
            ${r.hands ? html`<span>${t('board.console.plus_hands', { count: r.hands })}</span>` : nothing}
          </p>
          <div class="board-result__tools">
            ${handsTemplate(ctx, note, counts)}
            ${spotlightButton(ctx, note)}
          </div>
        </div>
        <span class="ranked__side" data-testid="result-total">${t('board.console.total', { count: totalOf(r) })}</span>
      </li>`;
    },
  });
}
