// Ranked lists of the renderer kit (re-exported by kit.js): the results of a vote, or any list
// ordered by a score. Ranks are written (ties say so in words), and a bar only repeats the score.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { t } from './i18n.js';

/** `tied(entry)`: whether another entry of `entries` shares its `rank` (1, 1, 3). */
export function tiesOf(entries) {
  const counts = new Map();
  for (const e of entries) counts.set(e.rank, (counts.get(e.rank) ?? 0) + 1);
  return (entry) => (counts.get(entry.rank) ?? 0) > 1;
}

/** A bar as long as `value` is of `max` (decorative: the number is always written beside it). */
export function scoreBar(value, max) {
  return html`<div class="bar" aria-hidden="true">
    <span style=${styleMap({ width: `${(value / Math.max(1, max)) * 100}%` })}></span>
  </div>`;
}

function rankBadge(entry, tied) {
  return html`<span class="ranked__rank">
    <span class="sr-only">${t('ranked.rank_label')}</span>${entry.rank}${tied
      ? html`<span class="ranked__tie">${t('ranked.tie')}</span>`
      : nothing}
  </span>`;
}

/**
 * A ranked list: `<ol class="ranked">` of `entries` (each with its `rank`), longest bar for the
 * highest `score(entry)`. `item(entry, {rank, bar})` draws each `<li class="ranked__item">`, in
 * which `rank` goes first, then a `ranked__body` (with `bar`) and a `ranked__side`: the format
 * says what an entry shows and carries its test hooks. `key(entry)` keeps entries' DOM across
 * renders (forms inside them); `all` are the entries ties are counted among.
 */
export function rankedList(entries, { score, item, key, cls = '', testid = 'results', all = entries }) {
  const max = Math.max(1, ...entries.map(score));
  const tied = tiesOf(all);
  const draw = (entry) => item(entry, { rank: rankBadge(entry, tied(entry)), bar: scoreBar(score(entry), max) });
  return html`<ol class="ranked ${cls}" data-testid=${testid}>
    ${key ? repeat(entries, key, draw) : entries.map(draw)}
  </ol>`;
}
