// The board's console: what its steps share (local state, figures, the spotlight, hands counted
// in the room).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { can, icon, shorten, spotlit } from 'fabrique/kit.js';

// What the facilitator is typing or choosing on this console (not shared, not in any view).
export const ui = {
  activityId: null,
  stepKey: null,
  newGroup: '',
  renaming: null,
  renameText: '',
  editing: null,
  editText: '',
  selected: new Set(), // note ids ticked to move together
  dragging: null, // the note ids being dragged
  over: null, // the element a drag would drop into now
  done: null, // {key, params}: what the last move or merge did (the tray's status line)
  merging: null, // the note whose "merge into" chooser is open
  merge: {}, // note id -> chosen note id
  hands: {}, // note id -> the count being typed
};

export function stat(value, label, testid, cls = '') {
  return html`<div class="board-stat ${cls}" data-testid=${testid}>
    <span class="board-stat__value">${value}</span> <span class="board-stat__label">${label}</span>
  </div>`;
}

export function countLabel(ctx, key, count) {
  // "post-it écrits": the words only, the number is shown larger beside them.
  return ctx.t(`${key}_label`, { count });
}

/** Puts one note alone on the room screen, or takes it off. `compact`: the icon only (its
 * words in a tooltip and for screen readers), for the many small notes of the grouping step. */
export function spotlightButton(ctx, note, { compact = false } = {}) {
  if (note.hidden || !can(ctx.activity, 'screen.spotlight')) return nothing;
  const on = spotlit(ctx, note.id);
  const words = on ? ctx.t('board.console.spotlight_stop') : ctx.t('board.console.spotlight');
  return html`<button class="button button--small ${on ? 'button--on' : ''} ${compact ? 'board-tool' : ''}" data-testid="note-spotlight"
    data-on=${on ? 'true' : 'false'} aria-label=${ctx.t(on ? 'board.console.spotlight_stop_aria' : 'board.console.spotlight_aria', { text: shorten(note.text) })}
    title=${compact ? words : nothing}
    @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : note.id })}>
    ${icon('spotlight')} ${compact ? nothing : words}
  </button>`;
}

export function spotlightBanner(ctx, view) {
  const display = ctx.session?.display;
  if (display?.mode !== 'spotlight' || display.activity_id !== ctx.activity.id) return nothing;
  const note = view.notes.find((n) => n.id === display.item_id);
  const text = display.text ?? note?.text ?? '';
  return html`<div class="callout board-spotlight-banner" data-testid="spotlight-banner">
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
export function handsOf(ctx, view) {
  const counts = new Map();
  for (const h of Array.isArray(ctx.activity.hands) ? ctx.activity.hands : []) counts.set(h.item_id, h.count);
  for (const r of view.results) if (r.hands && !counts.has(r.id)) counts.set(r.id, r.hands);
  return counts;
}

/** A small number field per note: hands counted in the room, added to its dots. */
export function handsTemplate(ctx, note, counts) {
  const { t } = ctx;
  const current = counts.get(note.id) ?? 0;
  if (!can(ctx.activity, 'hands.count') || note.hidden) {
    return current
      ? html`<p class="board-hands-count" data-testid="hands-count" data-count=${current}>${icon('hand')} ${t('board.console.hands', { count: current })}</p>`
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
  return html`<form class="board-hands-form" data-testid="hands-form" data-count=${current} @submit=${save} novalidate>
    <label for=${id}>${icon('hand')} ${t('board.console.hands_label')}</label>
    <input id=${id} type="number" inputmode="numeric" min="0" max="10000" step="1" class="input--tiny" data-testid="hands-input"
      .value=${live(draft)} @input=${(e) => { ui.hands[note.id] = e.target.value; }} />
    <button class="button button--small" data-testid="hands-save"
      aria-label=${t('board.console.hands_save_aria', { text: shorten(note.text) })}>${icon('hand')} ${t('board.console.hands_save')}</button>
  </form>`;
}

/** Hide a note from the room (or show it again): the facilitator's moderation. */
export function hideButton(ctx, note, { compact = false } = {}) {
  const { t } = ctx;
  const words = note.hidden ? t('board.console.show') : t('board.console.hide');
  return html`<button class="button button--small ${compact ? 'board-tool' : ''}" data-testid="note-hide" aria-pressed=${note.hidden ? 'true' : 'false'}
    aria-label=${compact ? t(note.hidden ? 'board.console.show_aria' : 'board.console.hide_aria', { text: shorten(note.text) }) : nothing}
    title=${compact ? words : nothing}
    @click=${() => ctx.send('board.hide_note', { note_id: note.id, hidden: !note.hidden })}>
    ${icon(note.hidden ? 'eye' : 'eyeOff')} ${compact ? nothing : words}
  </button>`;
}
