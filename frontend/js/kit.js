// The renderer kit: everything a format's screens import, by one stable path
// (`import { … } from 'fabrique/kit.js'`, the page shell's import map) — besides `lit` itself.
// The contract a renderer fulfils is `defineRenderer` (renderer.js); form widgets are in
// kit-forms.js and ranked lists in kit-lists.js, both re-exported here.
export { defineRenderer } from './renderer.js';
export { t, loc, lang } from './i18n.js';
export { icon } from './icons.js';
export { personName, stepLabel } from './ui.js';
export { counterTemplate, draftValue, textField, sendForm, syncSelects } from './kit-forms.js';
export { rankedList, tiesOf, scoreBar } from './kit-lists.js';

/**
 * Whether the server lets this screen send `type` now: `subject` is anything that carries the
 * server's `can` list (an activity, the session). No rule is repeated in the screens.
 */
export function can(subject, type) {
  return Array.isArray(subject?.can) && subject.can.includes(type);
}

/** Whether the room screen shows this item of the current activity alone (the spotlight). */
export function spotlit(ctx, itemId) {
  const display = ctx.session?.display;
  return display?.mode === 'spotlight' && display.item_id === itemId && display.activity_id === ctx.activity?.id;
}

/** One line of at most `max` characters (for a <select> option, an aria-label). */
export function shorten(text, max = 48) {
  const s = String(text ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// ------------------------------------------------------------------ room screen: fit one screen

// Room renderers fit their content to the projector: after a resize (the window put on the
// projector, full screen), the latest renderer draws again, once the resizing settles.
let refit = null;
let refitTimer = 0;
let refitListening = false;

export function refitOnResize(update) {
  refit = update;
  if (refitListening) return;
  refitListening = true;
  window.addEventListener('resize', () => {
    clearTimeout(refitTimer);
    refitTimer = setTimeout(() => refit?.(), 120);
  });
}

/**
 * Nobody scrolls a projector: a room renderer draws at one level of size after another (0 the
 * largest) until it fits. `fit(key, count, attempt, start)` calls `attempt(level)` (draws, and
 * says whether it fits) from `start`, or from the level that fitted last time when `key` (what is
 * shown, and the screen's size) did not change — re-renders are frequent — and returns the level
 * drawn last.
 */
export function createFit() {
  const memo = { key: '', level: 0 };
  return (key, count, attempt, start = 0) => {
    let level = memo.key === key ? memo.level : Math.max(0, start);
    while (!attempt(level) && level < count - 1) level += 1;
    memo.key = key;
    memo.level = level;
    return level;
  };
}
