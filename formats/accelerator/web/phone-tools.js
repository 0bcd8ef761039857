// The project accelerator on a phone: what its steps share (what this phone is typing, buttons).
import { html } from 'lit';
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
