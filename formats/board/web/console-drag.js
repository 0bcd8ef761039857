// Grouping in the console: notes ticked together, dragged onto a group (they all go) or onto
// another note (it merges into that one). Dragging is only the quick way: ticking and "put here"
// do the same with a keyboard or a finger. Native drag and drop, no library.
import { shorten } from 'fabrique/kit.js';
import { ui } from './console-tools.js';

/** The notes a drag or a "put here" carries: the ticked ones when this note is among them. */
export function carried(noteId) {
  return ui.selected.has(noteId) && ui.selected.size > 1 ? [...ui.selected] : [noteId];
}

/** Forget ticks on notes that are no longer on the wall (merged, hidden, gone). */
export function keepSelection(view) {
  const movable = new Set(view.notes.filter((n) => !n.hidden).map((n) => n.id));
  for (const id of ui.selected) if (!movable.has(id)) ui.selected.delete(id);
}

export function toggle(ctx, noteId, on) {
  if (on) ui.selected.add(noteId);
  else ui.selected.delete(noteId);
  ui.done = null;
  ctx.update();
}

let quiet;

/** What was just done, said in the tray's status line for a few seconds (words looked up when
 * drawn, so they follow a change of language). */
export function say(ctx, key, params) {
  ui.done = { key, params };
  clearTimeout(quiet);
  quiet = setTimeout(() => {
    ui.done = null;
    ctx.update();
  }, 6000);
}

export function doneText(t) {
  if (!ui.done) return '';
  const { key, params } = ui.done;
  return t(key, { ...params, group: params.group ?? t('board.no_group') });
}

/** The note's drag source handlers: it carries the ticked notes with it when it is one of them. */
export function dragSource(ctx, note, container) {
  return {
    start: (e) => {
      const ids = carried(note.id);
      ui.dragging = ids;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', note.text);
      if (ids.length > 1) {
        // The pointer shows how many go, not the one note grabbed.
        const label = document.createElement('div');
        label.className = 'board-drag-image';
        label.textContent = ctx.t('board.sort.dragging', { count: ids.length });
        container.append(label);
        e.dataTransfer.setDragImage(label, 12, 12);
        setTimeout(() => label.remove(), 0);
      }
      const board = container.querySelector('.board');
      board?.classList.add('board--dragging');
      for (const id of ids) container.querySelector(`[data-note-id="${id}"]`)?.classList.add('board-note--carried');
    },
    end: () => endDrag(container),
  };
}

function endDrag(container) {
  ui.dragging = null;
  ui.over?.classList.remove('board-drop--over');
  ui.over = null;
  container.querySelector('.board')?.classList.remove('board--dragging');
  for (const el of container.querySelectorAll('.board-note--carried')) el.classList.remove('board-note--carried');
}

/** Whether what is being dragged may merge into `note`: one note, another one, on the wall. */
function mergeable(note, canMerge) {
  const ids = ui.dragging;
  return Boolean(canMerge && ids && ids.length === 1 && ids[0] !== note.id && !note.hidden);
}

function over(e) {
  e.preventDefault();
  e.stopPropagation();
  e.dataTransfer.dropEffect = 'move';
  const el = e.currentTarget;
  if (ui.over !== el) {
    ui.over?.classList.remove('board-drop--over');
    el.classList.add('board-drop--over');
    ui.over = el;
  }
}

function leave(e) {
  const el = e.currentTarget;
  if (ui.over === el && !el.contains(e.relatedTarget)) {
    el.classList.remove('board-drop--over');
    ui.over = null;
  }
}

/** Drop handlers of a group (its section, or its button in the tray; `null`: no group): the
 * notes go there. */
export function groupDrop(ctx, group, container) {
  return {
    over: (e) => {
      if (ui.dragging) over(e);
    },
    leave,
    drop: (e) => {
      if (!ui.dragging) return;
      e.preventDefault();
      e.stopPropagation();
      const ids = ui.dragging;
      endDrag(container);
      moveNotes(ctx, ids, group);
    },
  };
}

/** Drop handlers of a note: one note dropped on it merges into it; several go to its group. */
export function noteDrop(ctx, note, container, canMerge) {
  return {
    over: (e) => {
      if (mergeable(note, canMerge)) over(e);
    },
    leave,
    drop: (e) => {
      if (!mergeable(note, canMerge)) return; // the group around it takes the drop
      e.preventDefault();
      e.stopPropagation();
      const [id] = ui.dragging;
      endDrag(container);
      mergeNotes(ctx, id, note);
    },
  };
}

/** Moves the notes into the group (`null`: out of any) in one command, then says so. */
export async function moveNotes(ctx, ids, group) {
  const ack = await ctx.send('board.move_notes', { note_ids: ids, group_id: group?.id ?? null });
  if (ack.ok) {
    for (const id of ids) ui.selected.delete(id);
    say(ctx, 'board.sort.moved', { count: ids.length, group: group?.title ?? null });
  }
  ctx.update();
  return ack;
}

export async function mergeNotes(ctx, noteId, into) {
  const ack = await ctx.send('board.merge_notes', { note_id: noteId, into_id: into.id });
  if (ack.ok) {
    ui.selected.delete(noteId);
    ui.merging = null;
    delete ui.merge[noteId];
    say(ctx, 'board.sort.merged', { text: shorten(into.text) });
  }
  ctx.update();
  return ack;
}
