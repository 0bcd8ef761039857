// A version's changes, as the server computed them (segments of the new text against the one
// before): additions are underlined and removals struck through, each also said in words for
// screen readers; colour only repeats it. Participant text is rendered by Lit text bindings.
import { html, nothing } from 'lit';
import { t } from 'fabrique/kit.js';

const KINDS = { equal: 'same', same: 'same', insert: 'added', added: 'added', add: 'added', delete: 'removed', removed: 'removed', remove: 'removed' };

/** Segments as {kind: same | added | removed, text}, whatever names the server gives them. */
export function segmentsOf(diff) {
  const list = Array.isArray(diff) ? diff : Array.isArray(diff?.segments) ? diff.segments : [];
  return list
    .map((s) => ({ kind: KINDS[s?.kind ?? s?.op ?? s?.type] ?? 'same', text: String(s?.text ?? '') }))
    .filter((s) => s.text);
}

/** How many segments were added and removed (a line for the room screen, the console). */
export function diffCounts(diff) {
  const segments = segmentsOf(diff);
  return {
    added: segments.filter((s) => s.kind === 'added').length,
    removed: segments.filter((s) => s.kind === 'removed').length,
  };
}

/**
 * The new version's text with its changes marked: <ins> and <del> (underline, strike-through),
 * each announced ("added:", "removed:") and ended for screen readers. Line breaks are kept.
 */
export function diffTemplate(diff, { cls = '' } = {}) {
  const segments = segmentsOf(diff);
  if (!segments.length) return nothing;
  return html`<p class="consent-diff ${cls}" data-testid="diff">${segments.map((s) => {
    if (s.kind === 'added') {
      return html`<ins class="consent-diff__added" data-testid="diff-added"><span class="sr-only">${t('consent.diff.added_start')}</span>${s.text}<span class="sr-only">${t('consent.diff.added_end')}</span></ins>`;
    }
    if (s.kind === 'removed') {
      return html`<del class="consent-diff__removed" data-testid="diff-removed"><span class="sr-only">${t('consent.diff.removed_start')}</span>${s.text}<span class="sr-only">${t('consent.diff.removed_end')}</span></del>`;
    }
    return html`<span>${s.text}</span>`;
  })}</p>`;
}

/** The legend under a diff: the marks said in words, with a sample of each. */
export function diffLegend() {
  return html`<p class="consent-diff-legend" aria-hidden="true">
    <ins class="consent-diff__added">${t('consent.diff.legend_added')}</ins>
    <del class="consent-diff__removed">${t('consent.diff.legend_removed')}</del>
  </p>`;
}
