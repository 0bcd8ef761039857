// The board's console at the reveal and group steps: the figures, themes (add with the notes
// ticked, rename), the notes by group, and a tray of the groups that stays in view. Notes are
// grouped by dragging them (several at once when ticked) or, without dragging, by ticking them
// and pressing a group's "put here" (console-drag.js); each note's own tools are in
// console-note.js.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon } from 'fabrique/kit.js';
import { ui, stat, countLabel } from './console-tools.js';
import { doneText, groupDrop, keepSelection, moveNotes, say } from './console-drag.js';
import { noteTemplate } from './console-note.js';

export function sortTemplate(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  keepSelection(view);
  const tools = {
    canMove: can(a, 'board.move_notes'),
    canMerge: can(a, 'board.merge_notes'),
    canAddGroup: can(a, 'board.add_group'),
  };
  // Ticking notes is for moving them, or for naming a new group with them.
  tools.canPick = (tools.canMove && view.groups.length > 0) || tools.canAddGroup;
  const picked = [...ui.selected];
  const addGroup = async (e) => {
    e.preventDefault();
    const title = ui.newGroup.trim();
    if (!title) {
      container.querySelector('#new-group')?.focus();
      return;
    }
    ui.newGroup = '';
    ctx.update();
    const payload = picked.length ? { title, note_ids: picked } : { title };
    const ack = await ctx.send('board.add_group', payload);
    if (ack.ok) {
      for (const id of picked) ui.selected.delete(id);
      if (picked.length) say(ctx, 'board.sort.moved', { count: picked.length, group: title });
      ctx.update();
    } else if (!ui.newGroup) {
      ui.newGroup = title;
      ctx.update();
    }
  };
  return html`${statsTemplate(ctx, view)}
    ${tools.canAddGroup
      ? html`<form class="inline-form card" @submit=${addGroup} novalidate>
          <label for="new-group">${t('board.console.new_group')}</label>
          <input id="new-group" data-testid="new-group-title" maxlength="80"
            .value=${live(ui.newGroup)} @input=${(e) => { ui.newGroup = e.target.value; }} />
          <button class="button button--primary" data-testid="new-group-add">${icon('plus')} ${picked.length
            ? t('board.sort.add_group_with', { count: picked.length })
            : t('board.console.add_group')}</button>
        </form>`
      : nothing}
    ${view.notes.length === 0 ? html`<p class="empty">${t('board.no_notes')}</p>` : nothing}
    <div class="board-sort">
      ${sortSections(view, tools).map(({ group, notes }) => groupTemplate(ctx, view, group, notes, tools, container))}
      ${view.notes.length && tools.canPick ? trayTemplate(ctx, view, tools, container) : nothing}
    </div>`;
}

/** On the wall, written, merged, hidden: the server's counts, the same as every screen's. */
function statsTemplate(ctx, view) {
  const small = 'board-stat--small';
  const extra = (count, key, testid) => (count ? stat(count, countLabel(ctx, key, count), testid, small) : nothing);
  return html`<div class="board-stats">
    ${stat(view.note_count, countLabel(ctx, 'board.on_wall', view.note_count), 'console-note-count')}
    ${view.written_count !== view.note_count
      ? stat(view.written_count, countLabel(ctx, 'board.written', view.written_count), 'console-written-count', small)
      : nothing}
    ${extra(view.merged_count, 'board.merged_count', 'console-merged-count')}
    ${extra(view.hidden_count, 'board.console.hidden_count', 'console-hidden-count')}
  </div>`;
}

/** Notes by group, "no group" first: there the notes wait to be sorted, and it stays as a place
 * to take a note out of its group. */
function sortSections(view, tools) {
  const byGroup = new Map(view.groups.map((g) => [g.id, []]));
  const loose = [];
  for (const note of view.notes) (byGroup.get(note.group_id) ?? loose).push(note);
  const out = view.groups.map((group) => ({ group, notes: byGroup.get(group.id) }));
  if (loose.length || !view.groups.length || tools.canMove) out.unshift({ group: null, notes: loose });
  return out;
}

function groupName(ctx, view, group) {
  return group ? group.title : view.groups.length ? ctx.t('board.no_group') : ctx.t('board.all_notes');
}

/** The groups, kept in view at the foot of the screen while the notes scroll (after them, so the
 * keyboard meets it once the notes are ticked): where to drop, or where ticked notes go with a
 * tap; what is ticked and what the last move did. */
function trayTemplate(ctx, view, tools, container) {
  const { t } = ctx;
  const picked = ui.selected.size;
  const counts = new Map();
  for (const n of view.notes) counts.set(n.group_id ?? '', (counts.get(n.group_id ?? '') ?? 0) + 1);
  const targets = tools.canMove && view.groups.length ? [null, ...view.groups] : [];
  const goTo = (group) => {
    const heading = container.querySelector(`[data-testid="group"][data-group-id="${group?.id ?? ''}"] h3`);
    heading?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading?.focus({ preventScroll: true });
  };
  return html`<div class="board-tray" data-testid="group-tray">
    <div class="board-tray__head">
      ${picked
        ? html`<p class="board-tray__picked" data-testid="selection-bar" data-count=${picked}>
            ${icon('check')} <strong>${t('board.sort.selected', { count: picked })}</strong>
            <button type="button" class="button button--small button--link" data-testid="selection-clear"
              @click=${() => { ui.selected.clear(); ctx.update(); }}>${t('board.sort.clear')}</button>
          </p>`
        : tools.canMove && view.groups.length
            ? html`<p class="board-tray__hint board-tray__hint--mouse">${icon('move')} <span>${t('board.sort.hint')}</span></p>
              <p class="board-tray__hint board-tray__hint--touch">${icon('check')} <span>${t('board.sort.hint_touch')}</span></p>`
          : html`<p class="board-tray__hint">${icon('check')} <span>${t('board.sort.hint_new_group')}</span></p>`}
      <p class="board-tray__done" role="status">${doneText(t)}</p>
    </div>
    ${targets.length
      ? html`<ul class="board-tray__groups" aria-label=${t('board.sort.tray_label')}>
          ${targets.map((group) => {
            const id = group?.id ?? null;
            const title = groupName(ctx, view, group);
            const drop = groupDrop(ctx, group, container);
            const count = counts.get(id ?? '') ?? 0;
            return html`<li>
              <button type="button" class="board-tray__group" data-testid="tray-group" data-group-id=${id ?? ''}
                @click=${() => (picked ? moveNotes(ctx, [...ui.selected], group) : goTo(group))}
                @dragover=${drop.over} @dragleave=${drop.leave} @drop=${drop.drop}>
                ${picked ? icon('arrowRight') : nothing}
                <span class="sr-only">${picked ? t('board.sort.tray_move', { count: picked }) : t('board.sort.tray_go')}</span>
                <span class="board-tray__title">${title}</span>
                <span class="board-tray__count">${count}<span class="sr-only"> ${t('board.sort.tray_count', { count })}</span></span>
              </button>
            </li>`;
          })}
        </ul>`
      : nothing}
  </div>`;
}

function groupTemplate(ctx, view, group, notes, tools, container) {
  const { t } = ctx;
  const canRename = group && can(ctx.activity, 'board.rename_group');
  const renaming = group && ui.renaming === group.id;
  const id = group?.id ?? null;
  const title = groupName(ctx, view, group);
  const drop = tools.canMove ? groupDrop(ctx, group, container) : null;
  const picked = [...ui.selected];
  const comingHere = picked.filter((noteId) => !notes.some((n) => n.id === noteId));
  const saveRename = async (e) => {
    e.preventDefault();
    const name = ui.renameText.trim();
    if (!name) return;
    const ack = await ctx.send('board.rename_group', { group_id: group.id, title: name });
    if (ack.ok) {
      ui.renaming = null;
      ctx.update();
    }
  };
  const putHere = async () => {
    const ack = await moveNotes(ctx, comingHere, group);
    // The button goes with the selection: focus stays in this group, on its heading.
    if (ack.ok) container.querySelector(`[data-testid="group"][data-group-id="${id ?? ''}"] h3`)?.focus();
  };
  return html`<section class="board-group board-group--console board-drop" data-testid="group" data-group-id=${id ?? ''}
      @dragover=${drop?.over} @dragleave=${drop?.leave} @drop=${drop?.drop}>
    <div class="board-group__head" data-testid="group-head">
      ${renaming
        ? html`<form class="inline-form" @submit=${saveRename} novalidate>
            <label for="rename-${group.id}">${t('board.console.rename_label')}</label>
            <input id="rename-${group.id}" maxlength="80" .value=${live(ui.renameText)}
              @input=${(e) => { ui.renameText = e.target.value; }} />
            <button class="button button--primary">${t('common.save')}</button>
            <button type="button" class="button" @click=${() => { ui.renaming = null; ctx.update(); }}>${t('common.cancel')}</button>
          </form>`
        : html`<h3 class="board-group__title" tabindex="-1">
              ${title}
              <span class="board-group__count">${t('board.notes_count', { count: notes.length })}</span>
            </h3>
            <div class="actions actions--small">
              ${tools.canMove && comingHere.length
                ? html`<button class="button button--small button--primary" data-testid="group-move-here"
                    @click=${putHere}>${icon('arrowRight')} ${t('board.sort.move_here', { count: comingHere.length })}<span
                      class="sr-only"> ${t('board.sort.move_here_in', { group: title })}</span></button>`
                : nothing}
              ${canRename
                ? html`<button class="button button--small" data-testid="group-rename"
                    @click=${() => {
                      ui.renaming = group.id;
                      ui.renameText = group.title;
                      ctx.update();
                      container.querySelector(`#rename-${group.id}`)?.focus();
                    }}>${icon('pencil')} ${t('board.console.rename')}</button>`
                : nothing}
            </div>`}
    </div>
    ${notes.length
      ? html`<ul class="board-notes board-notes--sort">${repeat(notes, (n) => n.id, (n) => noteTemplate(ctx, view, n, tools, container))}</ul>`
      : html`<p class="empty board-group__empty">${t(tools.canMove ? 'board.sort.empty_group' : 'board.console.empty_group')}</p>`}
  </section>`;
}
