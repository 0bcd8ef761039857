// The board's console at the reveal and group steps: themes (add, rename), and each note's tools
// (move, merge, edit, hide, spotlight). Every move is a button or a select (no drag and drop).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, shorten } from 'fabrique/kit.js';
import { MAX_NOTE, sections, mergedTemplate, noteMeta } from './common.js';
import { ui, stat, countLabel, spotlightButton, hideButton } from './console-tools.js';

export function sortTemplate(ctx, view, container) {
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
  return html`<div class="board-stats">
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
  return html`<section class="board-group board-group--console" data-testid="group" data-group-id=${group?.id ?? ''}>
    <div class="board-group__head">
      ${renaming
        ? html`<form class="inline-form" @submit=${saveRename} novalidate>
            <label for="rename-${group.id}">${t('board.console.rename_label')}</label>
            <input id="rename-${group.id}" maxlength="80" .value=${live(ui.renameText)}
              @input=${(e) => { ui.renameText = e.target.value; }} />
            <button class="button button--primary">${t('common.save')}</button>
            <button type="button" class="button" @click=${() => { ui.renaming = null; ctx.update(); }}>${t('common.cancel')}</button>
          </form>`
        : html`<h3 class="board-group__title">
              ${group ? group.title : view.groups.length ? t('board.no_group') : t('board.all_notes')}
              <span class="board-group__count">${t('board.notes_count', { count: notes.length })}</span>
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
      ? html`<ul class="board-notes board-notes--rows">${repeat(notes, (n) => n.id, (n) => noteTemplate(ctx, view, n, container))}</ul>`
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
    return html`<li class="board-note board-note--editing" data-testid="note" data-note-id=${note.id}>
      <form class="board-note-edit" @submit=${save} novalidate>
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
  return html`<li class="board-note ${note.hidden ? 'board-note--hidden' : ''}" data-testid="note" data-note-id=${note.id}
      data-hidden=${note.hidden ? 'true' : 'false'}>
    ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
    <p class="board-note__text" data-testid="note-body">${note.text}</p>
    ${noteMeta(note)}
    ${mergedTemplate(note)}
    <div class="board-note__tools">
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
            ${canHide ? hideButton(ctx, note) : nothing}
          </div>`
        : nothing}
    </div>
  </li>`;
}

