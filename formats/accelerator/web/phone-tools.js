// The project accelerator on a phone: what its steps share (what this phone is typing, buttons).
import { html, nothing } from 'lit';
import { icon } from 'fabrique/kit.js';

// What this phone is typing (never shared until sent).
export const ui = {
  key: null,
  drafts: {},
  kind: 'idea',
  answering: null,
  editing: null,
  editingAction: null,
  confirming: null,
};

export function submitButton(label, testid, pict = 'send') {
  return html`<button class="button button--primary button--big" data-testid=${testid}>${icon(pict)} ${label}</button>`;
}

/** "Withdraw" with a confirmation in place (no dialog to dismiss). */
export function removeButton(ctx, id, type, payload, container) {
  const { t } = ctx;
  if (ui.confirming === id) {
    return html`<span class="accelerator-confirm" role="group" aria-label=${t('accelerator.remove.confirm')}>
      <span>${t('accelerator.remove.confirm')}</span>
      <button class="button button--small button--danger" data-testid="remove-confirm"
        @click=${async () => { ui.confirming = null; await ctx.send(type, payload); container.querySelector('textarea')?.focus(); }}>
        ${icon('trash')} ${t('accelerator.remove.yes')}
      </button>
      <button class="button button--small" @click=${() => { ui.confirming = null; ctx.update(); }}>${t('accelerator.remove.no')}</button>
    </span>`;
  }
  return html`<button class="button button--small" data-testid="remove"
    @click=${() => { ui.confirming = id; ctx.update(); }}>${icon('trash')} ${t('accelerator.remove.button')}</button>`;
}

const SHOWN_ICONS = { sending: 'hourglass', kept: 'hourglass', unsaved: 'pencil', shown: 'check', elsewhere: 'screen' };

/**
 * Under a "save and show" form: whether the room screen shows what was saved. A holder taking
 * part from a distance cannot see the wall; this line tells her. `typed` pairs each field's
 * draft with the value it would replace; `saved` is empty until something was saved.
 */
export function shownStatus(ctx, { type, saved, typed }) {
  const sent = ctx.pending.some((c) => c.type === type);
  const changed = typed.some(([draft, value]) => draft !== undefined && draft.trim() !== (value ?? '').trim());
  let state = null;
  if (sent) state = ctx.connected ? 'sending' : 'kept';
  else if (changed) state = 'unsaved';
  else if (saved) state = (ctx.session?.display?.mode ?? 'activity') === 'activity' ? 'shown' : 'elsewhere';
  // One live region that stays in place, so each change of state is read out.
  return html`<div class="accelerator-shown-slot" role="status">
    ${state
      ? html`<p class="accelerator-shown accelerator-shown--${state}" data-testid="shown-status" data-state=${state}>
          ${icon(SHOWN_ICONS[state])} <span>${ctx.t(`accelerator.shown.${state}`)}</span></p>`
      : nothing}
  </div>`;
}
