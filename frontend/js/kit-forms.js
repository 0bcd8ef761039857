// Form widgets of the renderer kit (re-exported by kit.js): fields that keep what a person types
// while views arrive, a character counter, sending a form without losing it.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from './i18n.js';

/** "42 / 280 caractères", stressed near the limit. */
export function counterTemplate({ id, length, max, testid }) {
  return html`<p class="counter ${length > max - 20 ? 'counter--near' : ''}" id=${id ?? nothing} data-testid=${testid ?? nothing}>
    ${t('form.counter', { count: length, max })}
  </p>`;
}

/**
 * What a person is typing is kept on this device until it is sent: views that arrive meanwhile
 * do not overwrite it. `drafts` maps a field key to the text being typed (absent: not editing,
 * the field shows the server's value).
 */
export function draftValue(drafts, key, serverValue) {
  return Object.hasOwn(drafts, key) ? drafts[key] : serverValue ?? '';
}

/** A labelled textarea (or input) that keeps its draft, with its counter; returns a template. */
export function textField({ id, label, hint, drafts, key, value, max, rows = 3, update, single = false, testid }) {
  const current = draftValue(drafts, key, value);
  const onInput = (e) => {
    drafts[key] = e.target.value;
    update();
  };
  const hintId = hint ? `${id}-hint` : null;
  const counterId = `${id}-counter`;
  const describedBy = [hintId, counterId].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : nothing}
    ${single
      ? html`<input id=${id} type="text" maxlength=${max} data-testid=${testid ?? nothing}
          aria-describedby=${describedBy} .value=${live(current)} @input=${onInput} />`
      : html`<textarea id=${id} rows=${rows} maxlength=${max} data-testid=${testid ?? nothing}
          aria-describedby=${describedBy} .value=${live(current)} @input=${onInput}></textarea>`}
    ${counterTemplate({ id: counterId, length: current.length, max })}
  </div>`;
}

/**
 * Sends a command for a form; on success the drafts of `keys` are dropped (the field shows the
 * server's value again), on failure they are kept so nothing typed is lost.
 */
export async function sendForm(ctx, drafts, keys, type, payload) {
  const ack = await ctx.send(type, payload);
  if (ack?.ok) for (const key of keys) delete drafts[key];
  ctx.update();
  return ack;
}

/**
 * A <select> keeps what the person picked even when Lit reuses it for new options: after each
 * render, show the value the renderer holds (its `data-value`), always.
 */
export function syncSelects(container) {
  for (const select of container.querySelectorAll('select[data-value]')) {
    if (select.value !== select.dataset.value) select.value = select.dataset.value;
  }
}
