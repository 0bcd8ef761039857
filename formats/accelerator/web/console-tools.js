// The project accelerator's console: what its steps share (what this console is typing and
// choosing, the people, the spotlight, a small form).
import { html, nothing } from 'lit';
import { can, icon, personName, spotlit, textField } from 'fabrique/kit.js';

// What this console is typing and choosing (not shared until sent).
export const ui = {
  key: null,
  drafts: {},
  kind: 'idea',
  answering: null,
  editingAction: null,
  noting: null,
  sort: {}, // contribution id -> chosen theme id
  holder: '',
  renamingTheme: null,
  order: null, // participant ids, before the round starts
  count: null, // places of an anonymous round
  latecomer: '',
};

export function people(ctx) {
  return Array.isArray(ctx.session?.participants) ? ctx.session.participants : [];
}

export function nameOf(ctx, p) {
  return personName(p);
}

/** "Show on the room screen" for a question or a contribution, and back. */
export function spotlightButton(ctx, item) {
  if (!can(ctx.activity, 'screen.spotlight')) return nothing;
  const on = spotlit(ctx, item.id);
  return html`<button class="button button--small" data-testid="spotlight" aria-pressed=${on ? 'true' : 'false'}
    @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : item.id })}>
    ${icon('spotlight')} ${on ? ctx.t('accelerator.console.spotlight_off') : ctx.t('accelerator.console.spotlight')}
  </button>`;
}

/** A field and its button: `submit(text)` gets what was typed, trimmed. */
export function smallForm(ctx, { id, label, key, value = '', max, submit, testid, rows = 2, button, pict = 'plus' }) {
  const send = (e) => {
    e.preventDefault();
    submit((ui.drafts[key] ?? value).trim());
  };
  return html`<form class="form accelerator-subform" @submit=${send} novalidate>
    ${textField({ id, label, drafts: ui.drafts, key, value, max, rows, update: ctx.update, testid })}
    <div class="actions"><button class="button button--primary" data-testid=${`${testid}-save`}>${icon(pict)} ${button}</button></div>
  </form>`;
}
