// What the phone's steps share: this phone's local state (what is being typed and chosen, not
// shared), rows of toggle buttons, the confirm-before-removing pair, and "my" items.
import { html, nothing } from 'lit';
import { icon, sendForm } from 'fabrique/kit.js';

export const ui = {
  key: null,
  drafts: {},
  year: null,
  kind: null,
  axis: null,
  goal: null,
  error: '',
  busy: '',
  confirming: null,
  liveCount: null,
};

/**
 * Resets what belongs to one step when the step, the activity or the person changes (the
 * console's phone frame enters for one person, then another: nothing typed passes between them).
 */
export function resetFor(ctx) {
  const person = ctx.me?.participant_id ?? '';
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}:${person}`;
  if (ui.key === key) return;
  const samePerson = ui.key?.endsWith(`:${person}`);
  Object.assign(ui, { key, error: '', busy: '', confirming: null });
  if (!samePerson) Object.assign(ui, { drafts: {}, year: null, kind: null, axis: null, goal: null });
}

/**
 * A row of toggle buttons (`aria-pressed`), one of which may be chosen: big enough to tap, each
 * with its words (and a pictogram when given). `label` names the group for screen readers.
 */
export function toggleRow({ id, label, options, current, pick, cls = '', disabled = false, error = '' }) {
  return html`<div class="review-toggles ${cls}" role="group" aria-labelledby="${id}-label"
      aria-describedby=${error ? `${id}-error` : nothing}>
    <p class="review-toggles__label" id="${id}-label">${label}</p>
    <div class="review-toggles__row">
      ${options.map((o, i) => {
        const on = current === o.value;
        return html`<button type="button" id=${i === 0 ? `${id}-first` : nothing}
          class="button review-toggle ${on ? 'review-toggle--on' : ''}" data-testid=${o.testid}
          data-value=${o.value} aria-pressed=${on ? 'true' : 'false'} ?disabled=${disabled}
          @click=${() => pick(o.value)}>${o.content}</button>`;
      })}
    </div>
    ${error ? html`<p class="field-error" id="${id}-error">${icon('alert')}<span>${error}</span></p>` : nothing}
  </div>`;
}

/**
 * Sends a form's command once: the button says it is sending, and the text typed is dropped only
 * when the server accepts (the kit's drafts).
 */
export async function sendOnce(ctx, name, keys, type, payload) {
  if (ui.busy) return null;
  ui.busy = name;
  ctx.update();
  try {
    return await sendForm(ctx, ui.drafts, keys, type, payload);
  } finally {
    ui.busy = '';
    ctx.update();
  }
}

/** "Remove" then "Yes, remove" / "Keep it": nothing is removed by a single stray tap. */
export function removePair(ctx, { id, label, confirm, yes, no, send, testid, aria }) {
  if (ui.confirming !== id) {
    return html`<div class="actions actions--small"><button type="button" class="button button--small" data-testid=${testid}
      aria-label=${aria} @click=${() => { ui.confirming = id; ctx.update(); }}>${icon('trash')} ${label}</button></div>`;
  }
  return html`<div class="review-confirm" role="group" aria-label=${confirm}>
    <p>${confirm}</p>
    <div class="actions">
      <button type="button" class="button button--danger" data-testid="${testid}-confirm" @click=${async () => {
        ui.confirming = null;
        await send();
      }}>${icon('trash')} ${yes}</button>
      <button type="button" class="button" @click=${() => { ui.confirming = null; ctx.update(); }}>${no}</button>
    </div>
  </div>`;
}

/** The ids of this person's items of one kind (`private.mine`), as a set. */
export function mineSet(ctx, key) {
  const held = ctx.mine?.[key];
  return new Set(Array.isArray(held) ? held : []);
}
