// Small helpers shared by the shells and the format renderers.
import { html } from 'lit';
import { t, loc, lang, addCatalogs } from './i18n.js';
import { assetUrl, assetPreloads } from './assets.js';
import { icon } from './icons.js';
import { isRenderer } from './renderer.js';

/** "k7qm-3xd9", "K7QM3XD9", "K7QM 3XD9" → "K7QM3XD9" (Crockford look-alikes folded). */
export function compactCode(code) {
  return String(code ?? '')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** → "K7QM-3XD9" */
export function formatCode(code) {
  const c = compactCode(code);
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

/** "http://192.168.1.20:8000/j/K7QM3XD9" → "192.168.1.20:8000/j/K7QM3XD9" (easier to read aloud). */
export function shortUrl(url) {
  return String(url ?? '').replace(/^https?:\/\//, '');
}

export function qrUrl(code) {
  return `/j/${encodeURIComponent(compactCode(code))}/qr.svg`;
}

/** fetch + JSON; resolves {status, data}; rejects only when the server cannot be reached. */
export async function fetchJSON(url, opts = {}) {
  const init = { ...opts, headers: { Accept: 'application/json', ...(opts.headers ?? {}) } };
  if (opts.json !== undefined) {
    init.method = init.method ?? 'POST';
    init.body = JSON.stringify(opts.json);
    init.headers['Content-Type'] = 'application/json';
    delete init.json;
  }
  const res = await fetch(url, init);
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  return { status: res.status, data };
}

/**
 * The text of a refused command: the server's own message when it speaks the language on screen,
 * else our catalog's (a format's own errors are `{format}.error.{code}`, the format being the
 * first part of the command's `type`), else whatever the server said.
 */
export function errorText(ack, serverLang, type = '') {
  const error = ack?.error ?? {};
  const prefix = String(type).split('.')[0];
  const keys = [...(prefix ? [`${prefix}.error.${error.code}`] : []), `error.${error.code}`];
  const own = keys.map((key) => [key, t(key)]).find(([key, text]) => text !== key)?.[1];
  if (error.message && (serverLang === lang() || !own)) return error.message;
  return own ?? t('error.unknown');
}

/** Short-lived messages (errors and confirmations), announced to screen readers. */
export function createNotices(update) {
  let items = [];
  let next = 1;
  function dismiss(id) {
    items = items.filter((n) => n.id !== id);
    update();
  }
  function notify(text, kind = 'error', ms = 8000) {
    const id = next++;
    items = [...items, { id, text, kind }].slice(-3);
    update();
    if (ms) setTimeout(() => dismiss(id), ms);
  }
  function template() {
    return html`<div class="notices" role="alert" aria-live="assertive">
      ${items.map(
        (n) => html`<div class="notice notice--${n.kind}" data-testid="notice">
          ${icon(n.kind === 'error' ? 'alert' : n.kind === 'info' ? 'info' : 'check')}
          <span>${n.text}</span>
          <button type="button" class="icon-button" aria-label=${t('common.close')} @click=${() => dismiss(n.id)}>
            ${icon('close')}
          </button>
        </div>`,
      )}
    </div>`;
  }
  return { notify, template };
}

// A format's screens come from its own folder, which the server mounts at /formats/{name}/: the
// renderer for this page's role, and once per format its stylesheet (style.css) and its words
// (i18n/{lang}.json, both languages); then the stylesheets the renderer asks for (`styles`).
// Each is asked for by its source path: `assetUrl` gives the bundled, versioned file when the
// server built one (js/assets.js).
// The renderer is "ready" only when all of it is in: it never draws unstyled or with raw keys
// (a room renderer measures what it draws).
const formats = new Map(); // format name -> Promise of its stylesheet and words
const renderers = new Map(); // "format/role" -> {status, renderer}
const stylesheets = new Map(); // href -> Promise, resolved once the stylesheet applies

function addStylesheet(href) {
  let loaded = stylesheets.get(href);
  if (!loaded) {
    loaded = new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.addEventListener('load', resolve);
      link.addEventListener('error', () => {
        console.error(`${href} could not be loaded`);
        resolve();
      });
      document.head.append(link);
    });
    stylesheets.set(href, loaded);
  }
  return loaded;
}

function formatAssets(format) {
  let ready = formats.get(format);
  if (!ready) {
    ready = Promise.all([
      addStylesheet(assetUrl(`formats/${format}/style.css`)),
      addCatalogs((l) => assetUrl(`formats/${format}/i18n/${l}.json`)).catch((err) => console.error(err)),
    ]);
    formats.set(format, ready);
  }
  return ready;
}

/**
 * Loads /formats/{format}/{role}.js and what it needs, once; `onLoaded` re-renders. The entry's
 * `status` is "loading", "ready" (then `renderer` is the module's `defineRenderer(…)`) or
 * "missing".
 */
function reloadWhenOnline() {
  window.addEventListener('online', () => window.location.reload(), { once: true });
}

export function loadRenderer(format, role, onLoaded) {
  if (!/^[a-z0-9_-]+$/.test(format ?? '')) return { status: 'missing', renderer: null };
  const key = `${format}/${role}`;
  let entry = renderers.get(key);
  if (!entry) {
    entry = { status: 'loading', renderer: null };
    renderers.set(key, entry);
    const path = `formats/${format}/${role}.js`;
    const loading = [import(assetUrl(path)), formatAssets(format)];
    // Bundled: the module's chunks and its stylesheets are asked for with it, not after it ran.
    for (const url of assetPreloads(path)) {
      if (url.endsWith('.css')) addStylesheet(url);
      else document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: url }));
    }
    Promise.all(loading)
      .then(async ([module]) => {
        const renderer = module.default;
        if (!isRenderer(renderer)) throw new TypeError(`${key}.js exports no defineRenderer(…)`);
        await Promise.all(renderer.styles.map((name) => addStylesheet(assetUrl(`formats/${format}/${name}`))));
        entry.status = 'ready';
        entry.renderer = renderer;
      })
      .catch((err) => {
        console.error(err);
        entry.status = 'missing';
        // A screen that could not load while the network was down stays broken in this page
        // (the browser keeps the failed import): once the network is back, the page reloads.
        // Nothing is lost: the outbox is in localStorage and the view comes from the server.
        if (!navigator.onLine) reloadWhenOnline();
      })
      .finally(onLoaded);
  }
  return entry;
}

/**
 * Renders `activity` with its format's renderer for `role` ("participant" | "console" | "room")
 * into `area`, once the renderer is loaded. `ctx` holds what differs per screen (session, mine,
 * me, pending, connected, send, notify); the words and the language are added here.
 */
export function renderFormat(area, role, activity, ctx, update) {
  if (!area || !activity) return;
  const entry = loadRenderer(activity.format, role, update);
  if (entry.status !== 'ready') return;
  entry.renderer.render(area, {
    role, activity, mine: {}, me: null, pending: [], t, loc, lang: lang(), update, ...ctx,
  });
}

/** "Étape 2 sur 5 · Voter" */
export function stepLabel(activity, locFn) {
  const step = activity?.step;
  if (!step) return '';
  const total = activity.steps?.length ?? 0;
  return t('step.of', { index: (step.index ?? 0) + 1, total, title: locFn(step.title) });
}

/** "Activité 2 sur 3 · Étape 3 sur 5" (only the activity part when none is open). */
export function agendaLabel(session, activity) {
  const list = Array.isArray(session?.activities) ? session.activities : [];
  const index = list.findIndex((a) => a.id === activity?.id);
  if (!activity || index < 0) return '';
  return t('screens.agenda.where', {
    index: index + 1,
    total: list.length,
    step: (activity.step?.index ?? 0) + 1,
    steps: activity.steps?.length ?? 0,
  });
}

/** "Camille", or "Participant·e 3" for someone who gave no name. */
export function personName(person) {
  if (!person) return '';
  return person.name || t('participant.anonymous', { number: person.number ?? '' }).trim();
}
