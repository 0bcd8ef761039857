// Sticky-note board, facilitator's console: what the room sees, with the moderation controls,
// the spotlight (one note full screen on the room screen) and show-of-hands counts. Every move is
// a button or a select (no drag and drop). The scribe and observers get the same page with the
// controls their `can` list allows.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { icon } from 'fabrique/icons.js';
import {
  MAX_NOTE,
  boardView,
  can,
  sections,
  mergedTemplate,
  noteMeta,
  groupTitle,
  shorten,
  syncSelects,
} from './common.js';

export { pictogram } from './common.js';

const ui = {
  activityId: null,
  stepKey: null,
  newGroup: '',
  renaming: null,
  renameText: '',
  editing: null,
  editText: '',
  move: {}, // note id -> chosen group id ('' = no group)
  merge: {}, // note id -> chosen note id
  hands: {}, // note id -> the count being typed
};

export function render(container, ctx) {
  const stepKey = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.stepKey !== stepKey) {
    Object.assign(ui, { stepKey, renaming: null, editing: null, move: {}, merge: {}, hands: {} });
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
        ? html`<p class="question"><span class="question__label">${ctx.t('board.question')}</span> ${view.question}</p>`
        : nothing}
      ${body}
    </div>`,
    container,
  );
  syncSelects(container);
}

function stat(value, label, testid) {
  return html`<div class="stat" data-testid=${testid}>
    <span class="stat__value">${value}</span> <span class="stat__label">${label}</span>
  </div>`;
}

function countLabel(ctx, key, count) {
  // "post-it écrits": the words only, the number is shown larger beside them.
  return ctx.t(`${key}_label`, { count });
}

// ------------------------------------------------------------------ write

function writeTemplate(ctx, view) {
  const { t } = ctx;
  const participants = ctx.session?.participant_count ?? 0;
  const liveWall = ctx.activity.revealed;
  return html`<div class="stats">
      ${stat(view.note_count, countLabel(ctx, 'board.notes_written', view.note_count), 'console-note-count')}
      ${stat(participants, countLabel(ctx, 'console.participants_count', participants), 'console-participant-count')}
    </div>
    ${liveWall
      ? html`<p class="callout callout--info">${icon('eye')}<span>${t('board.console.live_wall')}</span></p>`
      : html`<p class="callout callout--info">${icon('eyeOff')}<span>${t('board.console.hidden_until_reveal')}</span></p>`}
    ${view.groups.length
      ? html`<p>${t('board.console.columns')} ${view.groups.map((g, i) => html`${i ? ', ' : ''}<strong>${g.title}</strong>`)}</p>`
      : nothing}
    ${liveWall && view.notes.length
      ? html`<ul class="notes notes--grid">
          ${repeat(view.notes, (n) => n.id, (note) => html`<li class="note ${note.hidden ? 'note--hidden' : ''}" data-testid="note"
              data-note-id=${note.id} data-hidden=${note.hidden ? 'true' : 'false'}>
              ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
              <p class="note__text" data-testid="note-body">${note.text}</p>
              ${noteMeta(note)}
              ${spotlightButton(ctx, note) === nothing
                ? nothing
                : html`<div class="actions actions--small">${spotlightButton(ctx, note)}</div>`}
            </li>`)}
        </ul>`
      : nothing}`;
}

// ------------------------------------------------------------------ shared bits

function spotlit(ctx, noteId) {
  const display = ctx.session?.display;
  return display?.mode === 'spotlight' && display.item_id === noteId && display.activity_id === ctx.activity.id;
}

/** Puts one note alone on the room screen, or takes it off. */
function spotlightButton(ctx, note) {
  if (note.hidden || !can(ctx.activity, 'screen.spotlight')) return nothing;
  const on = spotlit(ctx, note.id);
  return html`<button class="button button--small ${on ? 'button--on' : ''}" data-testid="note-spotlight"
    data-on=${on ? 'true' : 'false'} aria-label=${ctx.t(on ? 'board.console.spotlight_stop_aria' : 'board.console.spotlight_aria', { text: shorten(note.text) })}
    @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : note.id })}>
    ${icon('spotlight')} ${on ? ctx.t('board.console.spotlight_stop') : ctx.t('board.console.spotlight')}
  </button>`;
}

function spotlightBanner(ctx, view) {
  const display = ctx.session?.display;
  if (display?.mode !== 'spotlight' || display.activity_id !== ctx.activity.id) return nothing;
  const note = view.notes.find((n) => n.id === display.item_id);
  const text = display.text ?? note?.text ?? '';
  return html`<div class="callout spotlight-banner" data-testid="spotlight-banner">
    ${icon('spotlight')}
    <p><strong>${ctx.t('board.console.spotlight_on')}</strong> « ${text} »</p>
    ${can(ctx.activity, 'screen.spotlight')
      ? html`<button class="button button--small" data-testid="spotlight-stop"
          @click=${() => ctx.send('screen.spotlight', { item_id: null })}>
          ${icon('close')} ${ctx.t('board.console.spotlight_stop')}
        </button>`
      : nothing}
  </div>`;
}

/** Show-of-hands counts, by note id: from the activity, or from the results. */
function handsOf(ctx, view) {
  const counts = new Map();
  for (const h of Array.isArray(ctx.activity.hands) ? ctx.activity.hands : []) counts.set(h.item_id, h.count);
  for (const r of view.results) if (r.hands && !counts.has(r.id)) counts.set(r.id, r.hands);
  return counts;
}

/** A small number field per note: hands counted in the room, added to its dots. */
function handsTemplate(ctx, note, counts) {
  const { t } = ctx;
  const current = counts.get(note.id) ?? 0;
  if (!can(ctx.activity, 'hands.count') || note.hidden) {
    return current
      ? html`<p class="hands-count" data-testid="hands-count" data-count=${current}>${icon('hand')} ${t('board.console.hands', { count: current })}</p>`
      : nothing;
  }
  const id = `hands-${note.id}`;
  const draft = ui.hands[note.id] ?? String(current);
  const save = async (e) => {
    e.preventDefault();
    const count = Number(e.target.querySelector('input')?.value ?? draft);
    if (!Number.isInteger(count) || count < 0 || count > 10000) {
      ctx.notify(t('form.error.range', { min: 0, max: 10000 }));
      e.target.querySelector('input')?.focus();
      return;
    }
    const ack = await ctx.send('hands.count', { item_id: note.id, count });
    if (ack.ok) {
      delete ui.hands[note.id];
      ctx.update();
    }
  };
  return html`<form class="hands-form" data-testid="hands-form" data-count=${current} @submit=${save} novalidate>
    <label for=${id}>${icon('hand')} ${t('board.console.hands_label')}</label>
    <input id=${id} type="number" inputmode="numeric" min="0" max="10000" step="1" class="input--tiny" data-testid="hands-input"
      .value=${live(draft)} @input=${(e) => { ui.hands[note.id] = e.target.value; }} />
    <button class="button button--small" data-testid="hands-save"
      aria-label=${t('board.console.hands_save_aria', { text: shorten(note.text) })}>${t('board.console.hands_save')}</button>
  </form>`;
}

// ------------------------------------------------------------------ reveal, group

function sortTemplate(ctx, view, container) {
  const { t } = ctx;
  const canAddGroup = can(ctx.activity, 'board.add_group');
  const visible = view.notes.filter((n) => !n.hidden).length;
  const addGroup = async (e) => {
    e.preventDefault();
    const title = ui.newGroup.trim();
    if (!title) {
      container.querySelector('#new-group')?.focus();
      return;
    }
    ui.newGroup = '';
    ctx.update();
    const ack = await ctx.send('board.add_group', { title });
    if (!ack.ok && !ui.newGroup) {
      ui.newGroup = title;
      ctx.update();
    }
  };
  return html`<div class="stats">
      ${stat(view.notes.length, countLabel(ctx, 'board.notes_count', view.notes.length), 'console-note-count')}
      ${view.notes.length !== visible
        ? stat(view.notes.length - visible, countLabel(ctx, 'board.console.hidden_count', view.notes.length - visible), 'console-hidden-count')
        : nothing}
    </div>
    ${canAddGroup
      ? html`<form class="inline-form card" @submit=${addGroup} novalidate>
          <label for="new-group">${t('board.console.new_group')}</label>
          <input id="new-group" data-testid="new-group-title" maxlength="80"
            .value=${live(ui.newGroup)} @input=${(e) => { ui.newGroup = e.target.value; }} />
          <button class="button button--primary" data-testid="new-group-add">${icon('plus')} ${t('board.console.add_group')}</button>
        </form>`
      : nothing}
    ${view.notes.length === 0 ? html`<p class="empty">${t('board.no_notes')}</p>` : nothing}
    ${sections(view, { looseFirst: true }).map(({ group, notes }) => groupTemplate(ctx, view, group, notes, container))}`;
}

function groupTemplate(ctx, view, group, notes, container) {
  const { t } = ctx;
  if (!group && !notes.length) return nothing;
  const canRename = group && can(ctx.activity, 'board.rename_group');
  const renaming = group && ui.renaming === group.id;
  const saveRename = async (e) => {
    e.preventDefault();
    const title = ui.renameText.trim();
    if (!title) return;
    const ack = await ctx.send('board.rename_group', { group_id: group.id, title });
    if (ack.ok) {
      ui.renaming = null;
      ctx.update();
    }
  };
  return html`<section class="group group--console" data-testid="group" data-group-id=${group?.id ?? ''}>
    <div class="group__head">
      ${renaming
        ? html`<form class="inline-form" @submit=${saveRename} novalidate>
            <label for="rename-${group.id}">${t('board.console.rename_label')}</label>
            <input id="rename-${group.id}" maxlength="80" .value=${live(ui.renameText)}
              @input=${(e) => { ui.renameText = e.target.value; }} />
            <button class="button button--primary">${t('common.save')}</button>
            <button type="button" class="button" @click=${() => { ui.renaming = null; ctx.update(); }}>${t('common.cancel')}</button>
          </form>`
        : html`<h3 class="group__title">
              ${group ? group.title : view.groups.length ? t('board.no_group') : t('board.all_notes')}
              <span class="group__count">${t('board.notes_count', { count: notes.length })}</span>
            </h3>
            ${canRename
              ? html`<button class="button button--small" data-testid="group-rename"
                  @click=${() => {
                    ui.renaming = group.id;
                    ui.renameText = group.title;
                    ctx.update();
                    container.querySelector(`#rename-${group.id}`)?.focus();
                  }}>${icon('pencil')} ${t('board.console.rename')}</button>`
              : nothing}`}
    </div>
    ${notes.length
      ? html`<ul class="notes notes--rows">${repeat(notes, (n) => n.id, (n) => noteTemplate(ctx, view, n, container))}</ul>`
      : html`<p class="empty">${t('board.console.empty_group')}</p>`}
  </section>`;
}

function noteTemplate(ctx, view, note, container) {
  const { t } = ctx;
  const a = ctx.activity;
  if (ui.editing === note.id) {
    const save = async (e) => {
      e.preventDefault();
      const text = ui.editText.trim();
      if (!text) return;
      const ack = await ctx.send('board.edit_note', { note_id: note.id, text });
      if (ack.ok) {
        ui.editing = null;
        ctx.update();
      }
    };
    return html`<li class="note note--editing" data-testid="note" data-note-id=${note.id}>
      <form class="note-edit" @submit=${save} novalidate>
        <label for="edit-${note.id}">${t('board.edit.label')}</label>
        <textarea id="edit-${note.id}" rows="3" maxlength=${MAX_NOTE} .value=${live(ui.editText)}
          @input=${(e) => { ui.editText = e.target.value; }}></textarea>
        <div class="actions">
          <button class="button button--primary">${icon('check')} ${t('common.save')}</button>
          <button type="button" class="button" @click=${() => { ui.editing = null; ctx.update(); }}>${t('common.cancel')}</button>
        </div>
      </form>
    </li>`;
  }
  const others = view.notes.filter((n) => n.id !== note.id);
  const moveTo = ui.move[note.id] ?? note.group_id ?? '';
  const mergeInto = ui.merge[note.id] ?? '';
  const canMove = can(a, 'board.move_note') && view.groups.length > 0;
  const canMerge = can(a, 'board.merge_notes') && others.length > 0;
  const canHide = can(a, 'board.hide_note');
  const canEdit = can(a, 'board.edit_note');
  const move = async (e) => {
    e.preventDefault();
    const group_id = moveTo || null;
    if (group_id === (note.group_id ?? null)) return;
    const ack = await ctx.send('board.move_note', { note_id: note.id, group_id });
    if (ack.ok) delete ui.move[note.id];
    ctx.update();
  };
  const merge = async (e) => {
    e.preventDefault();
    if (!mergeInto) return;
    const ack = await ctx.send('board.merge_notes', { note_id: note.id, into_id: mergeInto });
    if (ack.ok) delete ui.merge[note.id];
    ctx.update();
  };
  return html`<li class="note ${note.hidden ? 'note--hidden' : ''}" data-testid="note" data-note-id=${note.id}
      data-hidden=${note.hidden ? 'true' : 'false'}>
    ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
    <p class="note__text" data-testid="note-body">${note.text}</p>
    ${noteMeta(note)}
    ${mergedTemplate(note)}
    <div class="note__tools">
      ${canMove
        ? html`<form class="tool" @submit=${move}>
            <label for="move-${note.id}">${t('board.console.move_label')}</label>
            <div class="tool__row">
              <select id="move-${note.id}" data-testid="note-move-select" data-value=${moveTo}
                @change=${(e) => { ui.move[note.id] = e.target.value; ctx.update(); }}>
                <option value="" ?selected=${moveTo === ''}>${t('board.no_group')}</option>
                ${view.groups.map((g) => html`<option value=${g.id} ?selected=${moveTo === g.id}>${g.title}</option>`)}
              </select>
              <button class="button button--small" data-testid="note-move" ?disabled=${moveTo === (note.group_id ?? '')}>
                ${icon('move')} ${t('board.console.move')}
              </button>
            </div>
          </form>`
        : nothing}
      ${canMerge
        ? html`<form class="tool" @submit=${merge}>
            <label for="merge-${note.id}">${t('board.console.merge_label')}</label>
            <div class="tool__row">
              <select id="merge-${note.id}" data-testid="note-merge-select" data-value=${mergeInto}
                @change=${(e) => { ui.merge[note.id] = e.target.value; ctx.update(); }}>
                <option value="" ?selected=${!mergeInto}>${t('board.console.merge_choose')}</option>
                ${others.map((n) => html`<option value=${n.id} ?selected=${mergeInto === n.id}>${shorten(n.text)}</option>`)}
              </select>
              <button class="button button--small" data-testid="note-merge" ?disabled=${!mergeInto}>
                ${icon('merge')} ${t('board.console.merge')}
              </button>
            </div>
          </form>`
        : nothing}
      ${canEdit || canHide || spotlightButton(ctx, note) !== nothing
        ? html`<div class="actions actions--small">
            ${spotlightButton(ctx, note)}
            ${canEdit
              ? html`<button class="button button--small" data-testid="note-edit"
                  @click=${() => {
                    ui.editing = note.id;
                    ui.editText = note.text;
                    ctx.update();
                    container.querySelector(`#edit-${note.id}`)?.focus();
                  }}>${icon('pencil')} ${t('common.edit')}</button>`
              : nothing}
            ${canHide
              ? html`<button class="button button--small" data-testid="note-hide" aria-pressed=${note.hidden ? 'true' : 'false'}
                  @click=${() => ctx.send('board.hide_note', { note_id: note.id, hidden: !note.hidden })}>
                  ${note.hidden ? html`${icon('eye')} ${t('board.console.show')}` : html`${icon('eyeOff')} ${t('board.console.hide')}`}
                </button>`
              : nothing}
          </div>`
        : nothing}
    </div>
  </li>`;
}

// ------------------------------------------------------------------ vote

function voteTemplate(ctx, view) {
  const { t } = ctx;
  const canHide = can(ctx.activity, 'board.hide_note');
  const participants = ctx.session?.participant_count ?? 0;
  const counts = handsOf(ctx, view);
  // Revealed during the vote: the live count of dots per note.
  const dots = new Map(view.results.map((r) => [r.id, r.votes ?? 0]));
  const liveCounts = ctx.activity.revealed && view.results.length > 0;
  return html`<div class="stats">
      ${stat(view.votes_cast, countLabel(ctx, 'board.dots_cast', view.votes_cast), 'console-votes-cast')}
      ${stat(`${view.voters} / ${participants}`, t('board.console.voters_label'), 'console-voters')}
    </div>
    ${liveCounts
      ? html`<p class="callout callout--info">${icon('eye')}<span>${t('board.console.counts_live')}</span></p>`
      : html`<p class="callout callout--info">${icon('eyeOff')}<span>${t('board.console.counts_hidden')}</span></p>`}
    ${sections(view).map(({ group, notes }) =>
      !notes.length
        ? nothing
        : html`<section class="group group--console">
            <h3 class="group__title">${group ? group.title : view.groups.length ? t('board.no_group') : t('board.all_notes')}</h3>
            <ul class="notes notes--grid">
              ${repeat(notes, (n) => n.id, (note) => html`<li class="note ${note.hidden ? 'note--hidden' : ''}" data-testid="note"
                  data-note-id=${note.id} data-hidden=${note.hidden ? 'true' : 'false'}>
                  ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
                  <p class="note__text" data-testid="note-body">${note.text}</p>
                  ${noteMeta(note)}
                  ${mergedTemplate(note)}
                  ${liveCounts ? html`<p class="note__meta" data-testid="result-votes">${icon('dot')} ${t('board.votes', { count: dots.get(note.id) ?? 0 })}</p>` : nothing}
                  ${handsTemplate(ctx, note, counts)}
                  ${canHide || spotlightButton(ctx, note) !== nothing
                    ? html`<div class="actions actions--small">
                        ${spotlightButton(ctx, note)}
                        ${canHide
                          ? html`<button class="button button--small" data-testid="note-hide" aria-pressed=${note.hidden ? 'true' : 'false'}
                          @click=${() => ctx.send('board.hide_note', { note_id: note.id, hidden: !note.hidden })}>
                          ${note.hidden ? html`${icon('eye')} ${t('board.console.show')}` : html`${icon('eyeOff')} ${t('board.console.hide')}`}
                        </button>`
                          : nothing}
                      </div>`
                    : nothing}
                </li>`)}
            </ul>
          </section>`,
    )}`;
}

// ------------------------------------------------------------------ results

function resultsStep(ctx, view) {
  return html`<div class="stats">
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
  const max = Math.max(1, ...results.map((r) => r.total ?? r.votes ?? 0));
  const ranks = new Map();
  for (const r of results) ranks.set(r.rank, (ranks.get(r.rank) ?? 0) + 1);
  return html`<ol class="results results--console" data-testid="results">
    ${repeat(results, (r) => r.id, (r) => {
      const tied = (ranks.get(r.rank) ?? 0) > 1;
      const group = groupTitle(view, r.group_id);
      const total = r.total ?? r.votes ?? 0;
      const note = { id: r.id, text: r.text };
      return html`<li class="result" data-testid="note" data-note-id=${r.id} data-rank=${r.rank}>
        <span class="result__rank">
          <span class="sr-only">${t('board.results.rank_label')}</span>${r.rank}${tied
            ? html`<span class="result__tie">${t('board.results.tie')}</span>`
            : nothing}
        </span>
        <div class="result__body">
          ${group ? html`<p class="result__group">${group}</p>` : nothing}
          <p class="result__text" data-testid="note-body">${r.text}</p>
          ${mergedTemplate(r)}
          <div class="bar" aria-hidden="true">
            <span style=${styleMap({ width: `${(total / max) * 100}%` })}></span>
          </div>
          <p class="result__detail">
            <span data-testid="result-votes">${t('board.votes', { count: r.votes ?? 0 })}</span>
            ${r.proxy_votes ? html`<span>${t('board.console.proxy_votes', { count: r.proxy_votes })}</span>` : nothing}
            ${r.hands ? html`<span>${t('board.console.plus_hands', { count: r.hands })}</span>` : nothing}
          </p>
          <div class="result__tools">
            ${handsTemplate(ctx, note, counts)}
            ${spotlightButton(ctx, note)}
          </div>
        </div>
        <span class="result__votes" data-testid="result-total">${t('board.console.total', { count: total })}</span>
      </li>`;
    })}
  </ol>`;
}
