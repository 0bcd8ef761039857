// Sticky-note board, participant's phone.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, counterTemplate, syncSelects } from 'fabrique/kit.js';
import {
  MAX_NOTE,
  PICTOGRAMS,
  boardView,
  sections,
  groupTitle,
  mergedTemplate,
  resultsTemplate,
  dotsTemplate,
  noteMeta,
  wallLine,
  contributionCount,
} from './common.js';

// What the person is typing or doing on this phone (not shared, not in any view).
const ui = {
  activityId: null,
  stepKey: null,
  draft: '',
  group: '',
  error: '',
  editing: null,
  editText: '',
  editError: '',
  confirming: null,
};

export default defineRenderer({
  render,
  pictograms: PICTOGRAMS,
  styles: ['participant.css'],
  contributions: contributionCount,
});

function render(container, ctx) {
  if (ui.activityId !== ctx.activity.id) {
    Object.assign(ui, { activityId: ctx.activity.id, draft: '', group: '', error: '' });
  }
  if (ui.stepKey !== ctx.activity.step?.key) {
    Object.assign(ui, { stepKey: ctx.activity.step?.key, editing: null, confirming: null });
  }
  const view = boardView(ctx.activity);
  const step = ctx.activity.step?.key;
  let body;
  if (step === 'write') body = writeTemplate(ctx, view, container);
  else if (step === 'vote') body = voteTemplate(ctx, view);
  else if (step === 'results') body = resultsStep(ctx, view);
  else body = readTemplate(ctx, view); // reveal, group
  litRender(html`<div class="board board--participant board--${step}">${body}</div>`, container);
  syncSelects(container);
}

function question(ctx, view) {
  return view.question
    ? html`<p class="board-question" data-testid="board-question">
        <span class="board-question__label">${ctx.t('board.question')}</span> ${view.question}
      </p>`
    : nothing;
}

// ------------------------------------------------------------------ write

function writeTemplate(ctx, view, container) {
  const { t } = ctx;
  const myNotes = Array.isArray(ctx.mine?.notes) ? ctx.mine.notes : [];
  const pendingNotes = ctx.pending.filter((c) => c.type === 'board.add_note');
  const count = myNotes.length + pendingNotes.length;
  const canAdd = can(ctx.activity, 'board.add_note');

  const submit = async (e) => {
    e.preventDefault();
    const text = ui.draft.trim();
    if (!text) {
      ui.error = t('board.write.empty');
      ctx.update();
      container.querySelector('#note-text')?.focus();
      return;
    }
    const payload = { text };
    if (ui.group) payload.group_id = ui.group;
    ui.draft = '';
    ui.error = '';
    ctx.update();
    container.querySelector('#note-text')?.focus();
    const ack = await ctx.send('board.add_note', payload);
    if (!ack.ok && !ui.draft) {
      ui.draft = text; // give the text back so nothing typed is lost
      ctx.update();
    }
  };
  const onKey = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  };

  return html`${question(ctx, view)}
    ${canAdd
      ? html`<form class="board-note-form card" @submit=${submit} novalidate>
          ${view.groups.length
            ? html`<div class="field">
                <label for="note-group">${t('board.write.column')}</label>
                <select id="note-group" data-testid="note-group" data-value=${ui.group}
                  @change=${(e) => { ui.group = e.target.value; }}>
                  <option value="" ?selected=${!ui.group}>${t('board.write.no_column')}</option>
                  ${view.groups.map(
                    (g) => html`<option value=${g.id} ?selected=${ui.group === g.id}>${g.title}</option>`,
                  )}
                </select>
              </div>`
            : nothing}
          <div class="field">
            <label for="note-text">${t('board.write.label')}</label>
            <textarea
              id="note-text"
              data-testid="note-text"
              rows="4"
              maxlength=${MAX_NOTE}
              aria-describedby="note-counter ${ui.error ? 'note-error' : ''}"
              aria-invalid=${ui.error ? 'true' : 'false'}
              .value=${live(ui.draft)}
              @input=${(e) => { ui.draft = e.target.value; ui.error = ''; ctx.update(); }}
              @keydown=${onKey}
            ></textarea>
            ${counterTemplate({ id: 'note-counter', length: ui.draft.length, max: MAX_NOTE, testid: 'note-counter' })}
            ${ui.error
              ? html`<p class="field-error" id="note-error">${icon('alert')}<span>${ui.error}</span></p>`
              : nothing}
          </div>
          <button class="button button--primary button--big" data-testid="add-note">
            ${icon('plus')} ${t('board.write.add')}
          </button>
        </form>`
      : nothing}
    <p class="board-room-line" data-testid="room-line">
      ${icon('users')} ${t('board.room_notes', { count: view.written_count })}
    </p>
    <section class="board-mine" aria-labelledby="mine-title">
      <h2 id="mine-title">${count ? t('board.mine.title_count', { count }) : t('board.mine.title')}</h2>
      ${count === 0 ? html`<p class="empty">${t('board.mine.empty')}</p>` : nothing}
      <ul class="board-notes board-notes--list">
        ${pendingNotes
          .slice()
          .reverse()
          .map(
            (c) => html`<li class="board-note board-note--pending" data-testid="note" data-pending="true">
              <p class="board-note__text">${c.payload?.text}</p>
              <p class="board-note__meta">
                ${icon('hourglass')} ${ctx.connected ? t('board.mine.pending') : t('board.mine.kept')}
              </p>
            </li>`,
          )}
        ${repeat(myNotes.slice().reverse(), (n) => n.id, (n) => myNoteTemplate(ctx, view, n, container))}
      </ul>
    </section>
    ${view.notes.length ? liveWall(ctx, view) : nothing}`;
}

/** While writing, the facilitator may show the notes as they come: the wall, below mine. */
function liveWall(ctx, view) {
  const mineIds = myIds(ctx);
  return html`<section class="board-mine board-live-wall" aria-labelledby="live-wall-title">
    <h2 id="live-wall-title">${icon('eye')} ${ctx.t('board.live_notes')}</h2>
    ${groupedNotes(ctx, view, (n) => readNote(ctx, n, mineIds))}
  </section>`;
}

function myNoteTemplate(ctx, view, note, container) {
  const { t } = ctx;
  const column = groupTitle(view, note.group_id);
  if (ui.editing === note.id) {
    const save = async (e) => {
      e.preventDefault();
      const text = ui.editText.trim();
      if (!text) {
        ui.editError = t('board.write.empty');
        ctx.update();
        return;
      }
      const ack = await ctx.send('board.edit_note', { note_id: note.id, text });
      if (ack.ok) {
        ui.editing = null;
        ctx.update();
        container.querySelector(`[data-note-id="${note.id}"] .board-js-edit`)?.focus();
      }
    };
    return html`<li class="board-note board-note--editing" data-testid="note" data-note-id=${note.id}>
      <form class="board-note-edit" @submit=${save} novalidate>
        <label for="edit-${note.id}">${t('board.edit.label')}</label>
        <textarea id="edit-${note.id}" data-testid="note-edit-text" rows="3" maxlength=${MAX_NOTE}
          .value=${live(ui.editText)}
          @input=${(e) => { ui.editText = e.target.value; ui.editError = ''; ctx.update(); }}></textarea>
        ${counterTemplate({ length: ui.editText.length, max: MAX_NOTE })}
        ${ui.editError ? html`<p class="field-error">${icon('alert')}<span>${ui.editError}</span></p>` : nothing}
        <div class="actions">
          <button class="button button--primary" data-testid="note-save">${icon('check')} ${t('common.save')}</button>
          <button type="button" class="button" @click=${() => { ui.editing = null; ctx.update(); }}>
            ${t('common.cancel')}
          </button>
        </div>
      </form>
    </li>`;
  }
  const canEdit = can(ctx.activity, 'board.edit_note');
  const canDelete = can(ctx.activity, 'board.delete_note');
  const confirming = ui.confirming === note.id;
  return html`<li class="board-note" data-testid="note" data-note-id=${note.id}>
    ${column ? html`<p class="board-note__group">${column}</p>` : nothing}
    <p class="board-note__text" data-testid="note-body">${note.text}</p>
    ${confirming
      ? html`<div class="board-confirm" role="group" aria-label=${t('board.delete.confirm')}>
          <p>${t('board.delete.confirm')}</p>
          <div class="actions">
            <button class="button button--danger" data-testid="note-delete-confirm"
              @click=${async () => {
                ui.confirming = null;
                await ctx.send('board.delete_note', { note_id: note.id });
                container.querySelector('#note-text')?.focus();
              }}>
              ${icon('trash')} ${t('board.delete.yes')}
            </button>
            <button class="button" @click=${() => { ui.confirming = null; ctx.update(); }}>${t('board.delete.no')}</button>
          </div>
        </div>`
      : canEdit || canDelete
        ? html`<div class="actions actions--small">
            ${canEdit
              ? html`<button class="button button--small board-js-edit" data-testid="note-edit"
                  @click=${() => {
                    ui.editing = note.id;
                    ui.editText = note.text;
                    ui.editError = '';
                    ui.confirming = null;
                    ctx.update();
                    container.querySelector(`#edit-${note.id}`)?.focus();
                  }}>
                  ${icon('pencil')} ${t('common.edit')}
                </button>`
              : nothing}
            ${canDelete
              ? html`<button class="button button--small" data-testid="note-delete"
                  @click=${() => { ui.confirming = note.id; ui.editing = null; ctx.update(); }}>
                  ${icon('trash')} ${t('common.delete')}
                </button>`
              : nothing}
          </div>`
        : nothing}
  </li>`;
}

// ------------------------------------------------------------------ reveal, group

function readNote(ctx, note, mineIds, extra = nothing) {
  return html`<li class="board-note ${mineIds.has(note.id) ? 'board-note--mine' : ''}" data-testid="note" data-note-id=${note.id}>
    <p class="board-note__text" data-testid="note-body">${note.text}</p>
    ${mergedTemplate(note)}
    ${noteMeta(note)}
    ${mineIds.has(note.id) ? html`<p class="board-note__meta">${icon('user')} ${ctx.t('board.yours')}</p>` : nothing}
    ${extra}
  </li>`;
}

function groupedNotes(ctx, view, noteFn) {
  const parts = sections(view);
  if (!view.notes.length) return html`<p class="empty">${ctx.t('board.no_notes')}</p>`;
  return parts.map(({ group, notes }) =>
    !notes.length
      ? nothing
      : html`<section class="board-group">
          ${view.notes.some((n) => n.group_id)
            ? html`<h2 class="board-group__title">${group ? group.title : ctx.t('board.no_group')}
                <span class="board-group__count">${ctx.t('board.notes_count', { count: notes.length })}</span></h2>`
            : nothing}
          <ul class="board-notes board-notes--list">${repeat(notes, (n) => n.id, noteFn)}</ul>
        </section>`,
  );
}

function myIds(ctx) {
  return new Set((Array.isArray(ctx.mine?.notes) ? ctx.mine.notes : []).map((n) => n.id));
}

function readTemplate(ctx, view) {
  const mineIds = myIds(ctx);
  return html`${question(ctx, view)}
    <p class="board-room-line" data-testid="room-line">${icon('users')} ${wallLine(view)}</p>
    ${groupedNotes(ctx, view, (n) => readNote(ctx, n, mineIds))}`;
}

// ------------------------------------------------------------------ vote

function roomVotes(ctx, view) {
  if (!view.votes_cast) return ctx.t('board.vote.room_none');
  return ctx.t('board.vote.room', {
    dots: ctx.t('board.dots_phrase', { count: view.votes_cast }),
    people: ctx.t('board.people_phrase', { count: view.voters }),
  });
}

function voteTemplate(ctx, view) {
  const { t } = ctx;
  const mineIds = myIds(ctx);
  const votes = { ...(ctx.mine.votes && typeof ctx.mine.votes === 'object' ? ctx.mine.votes : {}) };
  let dotsLeft = Number.isFinite(ctx.mine.dots_left) ? ctx.mine.dots_left : view.dots;
  // Count dots still on their way, so a tap shows at once (and honestly says "sending").
  const sending = new Set();
  for (const c of ctx.pending) {
    const id = c.payload?.note_id;
    if (c.type === 'board.add_vote') {
      votes[id] = (votes[id] ?? 0) + 1;
      dotsLeft -= 1;
      sending.add(id);
    } else if (c.type === 'board.remove_vote') {
      votes[id] = Math.max(0, (votes[id] ?? 0) - 1);
      dotsLeft += 1;
      sending.add(id);
    }
  }
  dotsLeft = Math.max(0, dotsLeft);
  const total = view.dots || dotsLeft + Object.values(votes).reduce((a, b) => a + b, 0);
  const canAdd = can(ctx.activity, 'board.add_vote');
  const canRemove = can(ctx.activity, 'board.remove_vote');

  const voteControls = (note) => {
    const mineOn = votes[note.id] ?? 0;
    return html`<div class="board-vote">
      <p class="board-vote__mine" data-testid="my-dots">
        ${mineOn ? dotsTemplate(mineOn) : nothing}
        ${t('board.vote.mine', { count: mineOn })}
        ${sending.has(note.id) ? html`<span class="sending">${icon('hourglass')} ${t('board.vote.sending')}</span>` : nothing}
      </p>
      <div class="actions">
        ${canAdd
          ? html`<button class="button button--primary board-vote__add" data-testid="vote-add" ?disabled=${dotsLeft === 0}
              aria-label=${t('board.vote.add_aria', { text: note.text })}
              @click=${() => ctx.send('board.add_vote', { note_id: note.id })}>
              ${icon('dot')} ${t('board.vote.add')}
            </button>`
          : nothing}
        ${canRemove
          ? html`<button class="button board-vote__remove" data-testid="vote-remove" ?disabled=${mineOn === 0}
              aria-label=${t('board.vote.remove_aria', { text: note.text })}
              @click=${() => ctx.send('board.remove_vote', { note_id: note.id })}>
              ${icon('dotEmpty')} ${t('board.vote.remove')}
            </button>`
          : nothing}
      </div>
    </div>`;
  };

  return html`${question(ctx, view)}
    <div class="board-dots-left card" data-testid="dots-left" data-dots-left=${dotsLeft}>
      ${dotsTemplate(dotsLeft, total)}
      <p><strong>${dotsLeft === 0 ? t('board.vote.left_none', { count: total }) : t('board.vote.left', { count: dotsLeft, total })}</strong></p>
      ${voteHint(t, dotsLeft, canAdd, canRemove)}
    </div>
    <p class="board-room-line">${icon('users')} ${roomVotes(ctx, view)}</p>
    ${groupedNotes(ctx, view, (n) => readNote(ctx, n, mineIds, voteControls(n)))}
    ${Array.isArray(ctx.activity.view?.results)
      ? html`<section class="board-mine" aria-labelledby="live-results-title">
          <h2 id="live-results-title">${icon('podium')} ${ctx.t('board.live_results')}</h2>
          ${resultsTemplate(view)}
        </section>`
      : nothing}`;
}

/** What the person can do now: place dots, or take one back; nothing while input is closed
 * (the page then says the vote is closed). */
function voteHint(t, dotsLeft, canAdd, canRemove) {
  if (dotsLeft > 0 && canAdd) return html`<p class="hint">${t('board.vote.how')}</p>`;
  if (dotsLeft === 0 && canRemove) return html`<p class="hint">${t('board.vote.none_left')}</p>`;
  return nothing;
}

// ------------------------------------------------------------------ results

function resultsStep(ctx, view) {
  return html`${question(ctx, view)}
    <p class="board-room-line">${icon('users')} ${roomVotes(ctx, view)}</p>
    ${resultsTemplate(view)}`;
}
