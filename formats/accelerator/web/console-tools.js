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
  speaker: {}, // form -> the participant id of who said aloud what is being typed
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

/** A field and its button: `submit(text)` gets what was typed, trimmed; `extra`: more fields. */
export function smallForm(ctx, { id, label, key, value = '', max, submit, testid, rows = 2, button, pict = 'plus', extra = nothing }) {
  const send = (e) => {
    e.preventDefault();
    submit((ui.drafts[key] ?? value).trim());
  };
  return html`<form class="form accelerator-subform" @submit=${send} novalidate>
    ${textField({ id, label, drafts: ui.drafts, key, value, max, rows, update: ctx.update, testid })}
    ${extra}
    <div class="actions"><button class="button button--primary" data-testid=${`${testid}-save`}>${icon(pict)} ${button}</button></div>
  </form>`;
}

/**
 * "Said by": who said aloud the question or the contribution being typed, so that the screens
 * and the minutes can sign it. People here who do not hold the project; never in an anonymous
 * activity (it does not say who spoke).
 */
export function speakerField(ctx, form) {
  if (ctx.activity.anonymity === 'anonymous') return nothing;
  const choices = people(ctx).filter((p) => !(Array.isArray(p.roles) && p.roles.includes('holder')));
  if (!choices.length) return nothing;
  const id = `accelerator-${form}-said-by`;
  return html`<div class="field">
    <label for=${id}>${ctx.t('accelerator.console.said_by')}</label>
    <select id=${id} data-testid="said-by" data-value=${ui.speaker[form] ?? ''}
      @change=${(e) => { ui.speaker[form] = e.target.value; ctx.update(); }}>
      <option value="">${ctx.t('accelerator.console.said_by_nobody')}</option>
      ${choices.map((p) => html`<option value=${p.id}>${nameOf(ctx, p)}</option>`)}
    </select>
  </div>`;
}

/** The speaker chosen for a form, as a payload field (left out when nobody was chosen). */
export function saidBy(form) {
  return ui.speaker[form] ? { said_by: ui.speaker[form] } : {};
}
