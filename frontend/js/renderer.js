// The renderer contract, as code. A format's screens are one module per role in its web folder
// (participant.js, console.js, room.js), served at /formats/{name}/{role}.js, whose default
// export is `defineRenderer({...})`:
//
//   render(container, ctx)  required: Lit-renders the activity into `container`, after each
//                           render of the page (ctx: see below)
//   pictograms              optional: step key -> icon name, shown next to the instructions
//   pictogram(stepKey)      optional: the same as a function
//   compactHead(activity)   optional, room screen: true asks for a smaller header (much to show)
//   styles                  optional: stylesheets of the format this role needs besides
//                           style.css, relative to the format's folder (["room.css"])
//   contributions(activity) optional: how many contributions this screen shows (notes,
//                           questions, positions…); the shell says politely when it grows
//
// ctx = {role, session, activity, mine, me, pending, connected, send, t, loc, lang, notify,
// update}; `mine` is always an object and `pending` a list (the console's preview of a phone
// has no private data). Anything else in the definition is refused: a typo fails at once.
const FIELDS = ['render', 'pictograms', 'pictogram', 'compactHead', 'styles', 'contributions'];
const defined = new WeakSet();

function check(spec) {
  const unknown = Object.keys(spec ?? {}).filter((key) => !FIELDS.includes(key));
  if (unknown.length) throw new TypeError(`A renderer has no ${unknown.join(', ')} (it may have: ${FIELDS.join(', ')})`);
  if (typeof spec.render !== 'function') throw new TypeError('A renderer needs render(container, ctx)');
  for (const key of ['pictogram', 'compactHead', 'contributions']) {
    if (spec[key] !== undefined && typeof spec[key] !== 'function') throw new TypeError(`A renderer's ${key} is a function`);
  }
  if (spec.pictograms !== undefined && typeof spec.pictograms !== 'object') throw new TypeError("A renderer's pictograms map step keys to icons");
  if (spec.styles !== undefined && !(Array.isArray(spec.styles) && spec.styles.every((s) => /^[\w-]+\.css$/.test(s)))) {
    throw new TypeError("A renderer's styles are file names in the format's folder");
  }
}

export function defineRenderer(spec) {
  check(spec);
  const renderer = Object.freeze({
    render(container, ctx) {
      spec.render(container, {
        ...ctx,
        mine: ctx.mine ?? {},
        me: ctx.me ?? null,
        pending: Array.isArray(ctx.pending) ? ctx.pending : [],
      });
    },
    pictogram: (stepKey) => spec.pictogram?.(stepKey) ?? spec.pictograms?.[stepKey] ?? 'idea',
    compactHead: (activity) => Boolean(spec.compactHead?.(activity)),
    // null when the renderer does not count (nothing is announced then).
    contributions(activity) {
      if (!spec.contributions) return null;
      const count = Number(spec.contributions(activity));
      return Number.isFinite(count) ? count : null;
    },
    styles: Object.freeze([...(spec.styles ?? [])]),
  });
  defined.add(renderer);
  return renderer;
}

/** Whether a module's default export was made by `defineRenderer`. */
export function isRenderer(value) {
  return defined.has(value);
}
