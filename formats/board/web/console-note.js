// One note in the console at the reveal and group steps: a tick to move it with others, the
// note itself (dragged to a group, or a drop target to merge another into it), and its tools,
// small so that forty notes fit: spotlight, edit, hide, and "merge into…" (the way to merge
// without dragging).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { can, icon, shorten } from 'fabrique/kit.js';
import { MAX_NOTE, mergedTemplate, noteMeta } from './common.js';
import { ui, spotlightButton, hideButton } from './console-tools.js';
import { dragSource, noteDrop, toggle, mergeNotes } from './console-drag.js';

export function noteTemplate(ctx, view, note, tools, container) {
  if (ui.editing === note.id) return editTemplate(ctx, note);
  const { t } = ctx;
  const a = ctx.activity;
  const canHide = can(a, 'board.hide_note');
  const canEdit = can(a, 'board.edit_note');
  const canMerge = tools.canMerge && !note.hidden && view.notes.some((n) => n.id !== note.id && !n.hidden);
  // A hidden note stays where it is: it is off the wall until shown again.
  const movable = tools.canMove && !note.hidden;
  const picked = ui.selected.has(note.id);
  const source = movable ? dragSource(ctx, note, container) : null;
  const drop = noteDrop(ctx, note, container, tools.canMerge);
  const short = shorten(note.text);
  return html`<li class="board-note board-sort-note board-drop ${note.hidden ? 'board-note--hidden' : ''} ${picked ? 'board-sort-note--picked' : ''}"
      data-testid="note" data-note-id=${note.id} data-hidden=${note.hidden ? 'true' : 'false'}
      data-merge-label=${t('board.sort.merge_here')}
      draggable=${movable ? 'true' : 'false'} @dragstart=${source?.start} @dragend=${source?.end}
      @dragover=${drop.over} @dragleave=${drop.leave} @drop=${drop.drop}>
    <div class="board-sort-note__top">
      ${tools.canPick && !note.hidden
        ? html`<label class="board-sort-note__pick" title=${t('board.sort.pick')}>
            <input type="checkbox" data-testid="note-select" .checked=${live(picked)}
              @change=${(e) => toggle(ctx, note.id, e.target.checked)} />
            <span class="sr-only">${t('board.sort.pick_aria', { text: short })}</span>
          </label>`
        : nothing}
      <p class="board-note__text" data-testid="note-body">${note.text}</p>
    </div>
    ${note.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('board.console.hidden')}</p>` : nothing}
    ${noteMeta(note)}
    ${mergedTemplate(note)}
    <div class="board-sort-note__tools">
      ${spotlightButton(ctx, note, { compact: true })}
      ${canEdit
        ? html`<button class="button button--small board-tool" data-testid="note-edit" title=${t('common.edit')}
            aria-label=${t('board.console.edit_aria', { text: short })}
            @click=${() => {
              ui.editing = note.id;
              ui.editText = note.text;
              ctx.update();
              container.querySelector(`#edit-${note.id}`)?.focus();
            }}>${icon('pencil')}</button>`
        : nothing}
      ${canHide ? hideButton(ctx, note, { compact: true }) : nothing}
      ${canMerge
        ? html`<button class="button button--small board-tool ${ui.merging === note.id ? 'button--on' : ''}" data-testid="note-merge-open"
            title=${t('board.console.merge_label')} aria-label=${t('board.console.merge_open_aria', { text: short })}
            aria-expanded=${ui.merging === note.id ? 'true' : 'false'}
            @click=${() => {
              ui.merging = ui.merging === note.id ? null : note.id;
              ctx.update();
              container.querySelector(`#merge-${note.id}`)?.focus();
            }}>${icon('merge')}</button>`
        : nothing}
    </div>
    ${canMerge && ui.merging === note.id ? mergeForm(ctx, view, note) : nothing}
  </li>`;
}

/** "Merge into…": the note chosen in a list, for whoever does not drag. */
function mergeForm(ctx, view, note) {
  const { t } = ctx;
  const others = view.notes.filter((n) => n.id !== note.id && !n.hidden);
  const into = ui.merge[note.id] ?? '';
  const submit = (e) => {
    e.preventDefault();
    const target = others.find((n) => n.id === into);
    if (target) mergeNotes(ctx, note.id, target);
  };
  return html`<form class="tool board-sort-note__merge" @submit=${submit}>
    <label for="merge-${note.id}">${t('board.console.merge_label')}</label>
    <select id="merge-${note.id}" data-testid="note-merge-select" data-value=${into}
      @change=${(e) => { ui.merge[note.id] = e.target.value; ctx.update(); }}>
      <option value="" ?selected=${!into}>${t('board.console.merge_choose')}</option>
      ${others.map((n) => html`<option value=${n.id} ?selected=${into === n.id}>${shorten(n.text)}</option>`)}
    </select>
    <button class="button button--small" data-testid="note-merge" ?disabled=${!into}>
      ${icon('merge')} ${t('board.console.merge')}
    </button>
  </form>`;
}

function editTemplate(ctx, note) {
  const { t } = ctx;
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
