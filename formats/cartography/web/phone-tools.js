// What the phone's steps share: this phone's local state and the suggestion chips under a field.
import { html, nothing } from 'lit';

// What the person is typing or choosing on this phone (not shared, not in any view).
export const ui = {
  activityId: null,
  stepKey: null,
  tool: '',
  purposes: new Set(),
  kind: '',
  error: '',
  organisation: null, // the organisation being typed (null: the field follows the view)
  organisationSent: false,
  confirming: null,
  editing: null, // the use being edited, with its purposes and why
  editPurposes: new Set(),
  editWhy: '',
  drafts: {},
  stakeKind: '',
  viewer: null,
};

function fold(text) {
  return String(text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/**
 * What the room already typed that starts like (or contains) what is being typed: a few buttons
 * to tap (a datalist alone is hard to use on some phones and with some screen readers).
 */
export function suggestions(ctx, names, typed, choose, testid, max = 6) {
  const q = fold(typed);
  if (!q) return nothing;
  const seen = new Set();
  const found = [];
  for (const name of names) {
    const f = fold(name);
    if (f === q) return nothing; // already one of them
    if (!seen.has(f) && f.includes(q)) {
      seen.add(f);
      found.push(name);
    }
  }
  found.sort((a, b) => Number(!fold(a).startsWith(q)) - Number(!fold(b).startsWith(q)));
  if (!found.length) return nothing;
  return html`<div class="cartography-suggestions" role="group" aria-label=${ctx.t('cartography.suggestions')}>
    <span class="cartography-suggestions__label" aria-hidden="true">${ctx.t('cartography.suggestions')}</span>
    ${found.slice(0, max).map((name) => html`<button type="button" class="button button--small cartography-suggestion"
      data-testid=${testid} @click=${() => choose(name)}>${name}</button>`)}
  </div>`;
}
