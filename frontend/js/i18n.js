// Message catalogs, the current language and the language switch. Each language's catalog is
// the union of several files (frontend/i18n/{lang}.json for the shared words, then one file per
// area of the screens, {part}.{lang}.json), so that each area keeps its own words; a format's
// words come from its own folder and are added when an activity of that format first appears
// (`addCatalogs`). French is the default; a choice made with the switch is kept in localStorage.
import { html } from 'lit';
import { KEYS, getString, setString } from './store.js';
import { assetUrl } from './assets.js';

export const LANGUAGES = ['fr', 'en'];
const DEFAULT = 'fr';
// The areas with their own catalog file; a test keeps this list and the files in step.
export const PARTS = ['console', 'screens', 'minutes'];
const catalogs = {};
const listeners = new Set();
let current = DEFAULT;
let chosen = false; // true once the person picked a language (or had picked one before)

async function loadFile(url) {
  const res = await fetch(url);
  return res.ok ? res.json() : {};
}

const loading = {};
function load(lang) {
  loading[lang] ??= Promise.all(
    [lang, ...PARTS.map((part) => `${part}.${lang}`)].map((name) => loadFile(assetUrl(`static/i18n/${name}.json`))),
  ).then((files) => {
    catalogs[lang] = Object.assign({}, ...files);
    return catalogs[lang];
  });
  return loading[lang];
}

/**
 * Adds more words to both languages' catalogs: `url(lang)` is a JSON file of them (a format's
 * `/formats/{name}/i18n/{lang}.json`). Resolves once they are in, so a renderer never draws a key.
 */
export async function addCatalogs(url) {
  const files = await Promise.all(LANGUAGES.map((l) => Promise.all([load(l), loadFile(url(l))])));
  for (const [catalog, words] of files) Object.assign(catalog, words);
}

function apply(lang) {
  current = lang;
  document.documentElement.lang = lang;
  for (const fn of listeners) fn(lang);
}

/** Load the catalogs; `fallback` is the session's language when known. */
export async function initI18n(fallback) {
  const stored = getString(KEYS.lang);
  chosen = LANGUAGES.includes(stored);
  const lang = chosen ? stored : LANGUAGES.includes(fallback) ? fallback : DEFAULT;
  // Both catalogs are small: the language switch names the other language in that language.
  await Promise.all(LANGUAGES.map(load));
  apply(lang);
  return lang;
}

export function lang() {
  return current;
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The person's explicit choice: remembered for every session on this device. */
export async function setLang(lang) {
  if (!LANGUAGES.includes(lang)) return;
  chosen = true;
  setString(KEYS.lang, lang);
  await load(lang);
  apply(lang);
}

/** The session's language becomes the default, unless the person chose one. */
export async function adoptSessionLang(lang) {
  if (chosen || !LANGUAGES.includes(lang) || lang === current) return;
  await load(lang);
  apply(lang);
}

function lookup(key, lang) {
  return catalogs[lang]?.[key] ?? catalogs[DEFAULT]?.[key];
}

/**
 * t('key', {name: 'x'}) → the text in the current language with {name} replaced.
 * A catalog value may be an object of plural forms ({"one": …, "other": …}, and "zero" when none
 * reads better said apart) chosen by params.count.
 */
export function t(key, params = {}) {
  let text = lookup(key, current);
  if (text && typeof text === 'object') {
    const count = Number(params.count ?? 0);
    // A catalog may say none in words of its own ("Personne n'est encore là", not "0 personne").
    const form = count === 0 && 'zero' in text ? 'zero' : new Intl.PluralRules(current).select(count);
    text = text[form] ?? text.other ?? Object.values(text)[0];
  }
  if (typeof text !== 'string') return key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Picks the current language out of a server-provided {fr, en} dict (strings pass through). */
export function loc(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return value[current] ?? value[DEFAULT] ?? value.en ?? Object.values(value)[0] ?? '';
}

/** A button that switches to the other language, labelled in that language. */
export function langSwitch() {
  const other = current === 'fr' ? 'en' : 'fr';
  return html`<button
    type="button"
    class="lang-switch"
    lang=${other}
    data-testid="lang-switch"
    title=${lookup('lang.switch_title', other) ?? ''}
    @click=${() => setLang(other)}
  >
    ${lookup('lang.name', other) ?? other}
  </button>`;
}
