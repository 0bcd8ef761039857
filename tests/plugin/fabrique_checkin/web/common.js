// The check-in's pieces shared by its three screens.
import { html, nothing } from 'lit';

export const PICTOGRAMS = { share: 'pencil', read: 'eye' };

export function checkinView(activity) {
  const v = activity?.view ?? {};
  return {
    question: v.question ?? '',
    count: v.count ?? 0,
    words: Array.isArray(v.words) ? v.words : [],
  };
}

/** Everyone's words, as they are shown once the round is read. */
export function wordsTemplate(ctx, view) {
  if (!view.words.length) {
    return html`<p class="checkin-count" data-testid="checkin-count">
      ${ctx.t('checkin.count', { count: view.count })}
    </p>`;
  }
  return html`<ul class="checkin-words" data-testid="checkin-words">
    ${view.words.map((w) => html`<li class="checkin-word">${w}</li>`)}
  </ul>`;
}

export function questionTemplate(view) {
  return view.question ? html`<p class="checkin-question">${view.question}</p>` : nothing;
}
