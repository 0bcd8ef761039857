// The board's room screen: the ranked results, the top entries large, the rest compact in
// columns, as many as fit one screen.
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { icon, tiesOf, scoreBar } from 'fabrique/kit.js';
import { groupTitle, dotsTemplate, scoreOf, handsTemplate } from './common.js';
import { columnCount } from './room-notes.js';

/** The results drawn at `level`: its scale, whether entries without a dot are listed, how many. */
export function resultsBody(ctx, view, level, width) {
  const { t } = ctx;
  if (!view.results.length) {
    return html`<div class="board-room__body" data-testid="results"><p class="board-room-empty">${t('board.results.empty')}</p></div>`;
  }
  const tied = tiesOf(view.results);
  // The top entries large: ranks 1 to 3, whole ties only, five at most (the first rank always).
  const top = [];
  for (const r of view.results) {
    if (!(scoreOf(r) > 0) || r.rank > 3) break;
    const tie = view.results.filter((x) => x.rank === r.rank);
    if (top.length && (top.includes(tie[0]) ? false : top.length + tie.length > 5)) break;
    if (top.length < 5) top.push(r);
  }
  let rest = view.results.slice(top.length).filter((r) => level.zeros || scoreOf(r) > 0);
  const hiddenZeros = view.results.length - top.length - rest.length;
  let more = 0; // entries left out when even that does not fit (the minutes have them all)
  if (level.limit != null && level.limit < rest.length) {
    more = rest.length - level.limit + hiddenZeros;
    rest = rest.slice(0, level.limit);
  }
  const max = Math.max(1, ...view.results.map(scoreOf));
  const cols = columnCount(width / 1.5, level); // rows are wider than notes
  // The number in its circle, "ex æquo" under it: the words never have to fit in the circle.
  const rank = (r) => html`<span class="board-room-rank">
    <span class="board-room-rank__circle" data-testid="result-rank"><span class="sr-only">${t('ranked.rank_label')}</span>${r.rank}</span>${tied(r)
      ? html`<span class="board-room-rank__tie" data-testid="result-tie">${t('ranked.tie')}</span>`
      : nothing}
  </span>`;
  return html`<div class="board-room__body board-room-results" data-testid="results">
    ${top.length
      ? html`<ol class="board-room-top-list">
          ${top.map((r) => {
            const group = groupTitle(view, r.group_id);
            return html`<li class="board-room-top ${r.rank === 1 ? 'board-room-top--first' : ''}" data-testid="note" data-note-id=${r.id}
                data-rank=${r.rank}>
              ${rank(r)}
              <div class="board-room-top__body">
                <p class="board-room-top__text">${r.text}${group ? html` <span class="board-room-top__group">${group}</span>` : nothing}</p>
                ${scoreBar(scoreOf(r), max)}
              </div>
              <span class="board-room-top__score">
                <span class="board-room-top__votes" data-testid="result-votes">${dotsTemplate(Math.min(r.votes ?? 0, 10))}
                  ${t('board.votes', { count: r.votes ?? 0 })}</span>
                ${handsTemplate(r)}
              </span>
            </li>`;
          })}
        </ol>`
      : nothing}
    ${rest.length
      ? html`<ol class="board-room-rest" style=${styleMap({ columnCount: String(cols) })}>
          ${rest.map(
            (r) => html`<li class="board-room-row ${scoreOf(r) ? '' : 'board-room-row--zero'}" data-testid="note" data-note-id=${r.id}
                data-rank=${r.rank}>
              <span class="board-room-row__rank"><span class="sr-only">${t('ranked.rank_label')}</span>${r.rank}${tied(r)
                ? html`<span class="sr-only"> ${t('ranked.tie')}</span>`
                : nothing}</span>
              <span class="board-room-row__text">${r.text}</span>
              <span class="board-room-row__votes" data-testid="result-votes"><span aria-hidden="true">${r.votes ?? 0}</span>${icon(
                r.votes ? 'dot' : 'dotEmpty')}<span class="sr-only">${t('board.votes', { count: r.votes ?? 0 })}</span></span>
              ${r.hands
                ? html`<span class="board-room-row__hands" data-testid="result-hands"><span aria-hidden="true">+${r.hands}</span>${icon(
                    'hand')}<span class="sr-only">${t('board.hands', { count: r.hands })}</span></span>`
                : nothing}
            </li>`,
          )}
        </ol>`
      : nothing}
    ${more
      ? html`<p class="board-room-zeros">${icon('plus')} ${t('board.results.more', { count: more })}</p>`
      : hiddenZeros
        ? html`<p class="board-room-zeros">${icon('dotEmpty')} ${t('board.results.zeros', { count: hiddenZeros })}</p>`
        : nothing}
  </div>`;
}
