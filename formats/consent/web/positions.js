// The three positions of the objection round, each said by a word and a symbol of its own shape
// (a tick, a triangle, a raised hand in an octagon); colour only repeats them.
import { html, svg, nothing } from 'lit';
import { t } from 'fabrique/kit.js';

export const POSITIONS = ['consent', 'concern', 'objection'];

const SHAPES = {
  consent: svg`<circle cx="12" cy="12" r="10"/><path d="m7 12.5 3.2 3.2L17 9"/>`,
  concern: svg`<path d="M12 2.8 1.8 20.5h20.4Z"/><path d="M12 9.5v5"/><path d="M12 17.6v.4"/>`,
  objection: svg`<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8Z"/><path d="M7.5 12h9"/>`,
};

/** The symbol of a position (decorative: the word always goes with it). */
export function positionIcon(position, cls = '') {
  const body = SHAPES[position] ?? SHAPES.consent;
  return html`<svg class="icon consent-symbol consent-symbol--${position} ${cls}" viewBox="0 0 24 24" width="24" height="24"
    aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"
    stroke-linejoin="round">${body}</svg>`;
}

export function positionLabel(position) {
  return t(`consent.position.${POSITIONS.includes(position) ? position : 'consent'}`);
}

/** A position as a tag: symbol and word. */
export function positionTag(position, { testid = 'position-tag' } = {}) {
  if (!POSITIONS.includes(position)) return nothing;
  return html`<span class="consent-position consent-position--${position}" data-testid=${testid} data-position=${position}>
    ${positionIcon(position)} ${positionLabel(position)}</span>`;
}

/**
 * Three large buttons, one per position, as a group of toggle buttons: the one chosen is pressed
 * (`aria-pressed`) and says so in words. `pick(position)` is called on a tap; `disabled` while
 * nothing may be given.
 */
export function positionButtons({ chosen, pick, disabled = false, sending = null, idPrefix = 'consent' }) {
  return html`<div class="consent-positions" role="group" aria-labelledby="${idPrefix}-positions-title">
    <p class="consent-positions__title" id="${idPrefix}-positions-title">${t('consent.position.choose')}</p>
    ${POSITIONS.map((p) => {
      const on = chosen === p;
      return html`<button type="button" class="consent-position-button consent-position-button--${p} ${on ? 'consent-position-button--on' : ''}"
        data-testid="position-${p}" aria-pressed=${on ? 'true' : 'false'} ?disabled=${disabled}
        aria-describedby="${idPrefix}-hint-${p}" @click=${() => pick(p)}>
        ${positionIcon(p, 'consent-position-button__icon')}
        <span class="consent-position-button__word">${positionLabel(p)}</span>
        <span class="consent-position-button__hint" id="${idPrefix}-hint-${p}">${t(`consent.position.${p}_hint`)}</span>
        ${on ? html`<span class="consent-position-button__mark">${sending === p ? t('consent.sending') : t('consent.position.chosen')}</span>` : nothing}
      </button>`;
    })}
  </div>`;
}
