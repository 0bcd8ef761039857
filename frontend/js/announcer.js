// "2 nouvelles contributions": the shells say politely (a visually hidden live region) when the
// contributions a screen shows grow, as counted by the format's renderer (`contributions`). Never
// on the first view of a step (what was there is not new), at most once every few seconds (a
// burst of notes is said once, with its count); fewer (hidden, merged) is a new starting point.
import { html } from 'lit';
import { t } from './i18n.js';

const EVERY_MS = 3000;

export function createAnnouncer() {
  let key = null; // activity and step counted
  let said = 0; // the count last announced (or first seen)
  let latest = 0;
  let lastAt = 0;
  let timer = null;
  let region = null;

  function say() {
    timer = null;
    if (latest <= said) return;
    const count = latest - said;
    said = latest;
    lastAt = Date.now();
    if (region?.isConnected) region.textContent = t('announce.contributions', { count });
  }

  return {
    /** The live region, without bindings inside: its text is written here, not by Lit. */
    template() {
      return html`<div class="sr-only" aria-live="polite" data-testid="contribution-announcer"></div>`;
    },

    /** After each render: `root` holds the region, `renderer` counts the activity's contributions. */
    observe(root, activity, renderer) {
      region = root.querySelector('[data-testid="contribution-announcer"]');
      const count = activity && renderer ? renderer.contributions(activity) : null;
      const now = activity ? `${activity.id}:${activity.step?.key}` : null;
      if (count === null || now !== key) {
        key = count === null ? null : now;
        said = latest = count ?? 0;
        return;
      }
      latest = count;
      if (count < said) said = count;
      if (count <= said || timer) return;
      const wait = lastAt + EVERY_MS - Date.now();
      if (wait <= 0) say();
      else timer = setTimeout(say, wait);
    },
  };
}
