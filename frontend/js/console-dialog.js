// Confirmations in a native modal <dialog>: the browser keeps focus inside it, Escape cancels,
// and focus goes back to the control that asked once it closes.
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';

/**
 * `ask({title, text, yes, danger})` resolves true (confirmed) or false (cancelled, Escape).
 * The shell renders `template()` and calls `afterRender(root)` after each render.
 */
export function createConfirm(update) {
  let pending = null;

  function ask({ title, text = '', yes, danger = true }) {
    pending?.resolve(false);
    return new Promise((resolve) => {
      pending = { title, text, yes, danger, resolve, opener: document.activeElement };
      update();
    });
  }

  function settle(answer) {
    const asked = pending;
    if (!asked) return;
    pending = null;
    update();
    // Back to the control that asked; the caller moves focus elsewhere when it has gone.
    if (asked.opener?.isConnected) asked.opener.focus();
    asked.resolve(answer);
  }

  function template() {
    if (!pending) return nothing;
    return html`<dialog id="confirm-dialog" class="console-dialog console-dialog--confirm" data-testid="confirm-dialog"
        aria-labelledby="confirm-title" aria-describedby=${pending.text ? 'confirm-text' : nothing}
        @cancel=${(e) => { e.preventDefault(); settle(false); }}>
      <h2 id="confirm-title">${pending.danger ? icon('alert') : nothing} ${pending.title}</h2>
      ${pending.text ? html`<p id="confirm-text">${pending.text}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button ${pending.danger ? 'button--danger' : 'button--primary'}" data-testid="confirm-yes"
          @click=${() => settle(true)}>${pending.danger ? icon('trash') : icon('check')} ${pending.yes}</button>
        <button type="button" class="button" data-testid="confirm-no" autofocus @click=${() => settle(false)}>
          ${t('common.cancel')}
        </button>
      </div>
    </dialog>`;
  }

  function afterRender(root) {
    const dialog = root.querySelector('#confirm-dialog');
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Cancel first: a slip of the Enter key must not remove anything.
      dialog.querySelector('[data-testid="confirm-no"]')?.focus();
    }
  }

  return { ask, template, afterRender };
}
