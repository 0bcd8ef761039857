// How this device shows the screens: large text and the high-contrast theme (projectors,
// sunlight). Each person's choice is kept in localStorage (`fabrique.text_size` = "large",
// `fabrique.contrast` = "on") and applied on <html> (`data-text-size`, `data-contrast`) by the
// page's entry module at start; the room screen follows the facilitator's choice instead
// (`session.display.contrast`). The system's "more contrast" preference turns the theme on where
// the person chose nothing (`fabrique.contrast` = "off" when they turned it off).
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { KEYS, getString, setString, remove } from './store.js';

const SETTINGS = {
  text: { key: KEYS.textSize, value: 'large', attribute: 'textSize', system: null },
  contrast: {
    key: KEYS.contrast, value: 'on', attribute: 'contrast', system: '(prefers-contrast: more)',
  },
};

/** Whether the system asks for it (the contrast theme, when nobody chose on this device). */
function systemAsks(s) {
  return Boolean(s.system && window.matchMedia?.(s.system).matches);
}

/** Whether a setting is on on this device: the person's choice, else the system's. */
export function settingOn(name) {
  const s = SETTINGS[name];
  const chosen = getString(s.key);
  return chosen ? chosen === s.value : systemAsks(s);
}

/** Puts the device's choices on <html>; called once by each entry module, before drawing. */
export function applyDisplaySettings() {
  for (const name of Object.keys(SETTINGS)) showSetting(name, settingOn(name));
}

/** The room screen: the theme the facilitator chose, whatever this computer's own choice. */
export function showContrast(on) {
  showSetting('contrast', on);
}

function showSetting(name, on) {
  const s = SETTINGS[name];
  if (on) document.documentElement.dataset[s.attribute] = s.value;
  else delete document.documentElement.dataset[s.attribute];
}

function toggle(name, update) {
  const s = SETTINGS[name];
  const on = !settingOn(name);
  if (on) setString(s.key, s.value);
  else if (systemAsks(s)) setString(s.key, 'off'); // turned off against the system's wish
  else remove(s.key);
  showSetting(name, on);
  update();
}

/** The two switches (the phone's menu, the console's header). */
export function settingToggles(update, { small = false } = {}) {
  const cls = `button ${small ? 'button--small' : ''} setting-toggle`;
  return html`<button type="button" class=${cls} data-testid="setting-text-size"
      aria-pressed=${settingOn('text') ? 'true' : 'false'} @click=${() => toggle('text', update)}>
      ${icon('textSize')} <span>${t('settings.text_size')}</span>
    </button>
    <button type="button" class=${cls} data-testid="setting-contrast"
      aria-pressed=${settingOn('contrast') ? 'true' : 'false'} @click=${() => toggle('contrast', update)}>
      ${icon('contrast')} <span>${t('settings.contrast')}</span>
    </button>`;
}

const menu = { open: false, redraw: () => {} };

/** The page's redraw, for the phone's menu (drawn from several templates: the top bar). */
export function onDisplayChange(redraw) {
  menu.redraw = redraw;
}

/** The phone's small "Display" menu: a button that opens the two switches below it. */
export function settingsMenu() {
  const update = () => menu.redraw();
  const flip = () => {
    menu.open = !menu.open;
    update();
  };
  // Escape closes the menu and gives the focus back to its button.
  const escape = (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    const button = event.currentTarget.querySelector('.settings__open');
    menu.open = false;
    update();
    button?.focus();
  };
  return html`<div class="settings" @keydown=${escape}>
    <button type="button" class="button button--small settings__open" data-testid="settings-open"
      aria-expanded=${menu.open ? 'true' : 'false'} aria-controls="display-settings" @click=${flip}>
      ${icon('sliders')} <span>${t('settings.open')}</span>
    </button>
    ${menu.open
      ? html`<div class="settings__panel" id="display-settings" role="group" aria-label=${t('settings.open')}>
          ${settingToggles(update)}
        </div>`
      : nothing}
  </div>`;
}

// ---------------------------------------------------------------- read-aloud

const VOICES = { fr: 'fr-FR', en: 'en-GB' };
let speaking = null; // the text being read, to stop it with a second press

/** Whether this browser can read aloud (the phone's own speech synthesis; nothing is sent). */
export function canReadAloud() {
  return typeof window.speechSynthesis?.speak === 'function' && typeof window.SpeechSynthesisUtterance === 'function';
}

/**
 * "Listen": reads `text` in the page's language `lang` with the phone's speech synthesis; a
 * second press stops it. Hidden where the browser cannot speak.
 */
export function readAloudButton(text, lang, update) {
  if (!canReadAloud() || !text) return nothing;
  const on = speaking === text;
  const press = () => {
    window.speechSynthesis.cancel();
    if (on) {
      speaking = null;
      update();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = VOICES[lang] ?? VOICES.fr;
    const done = () => {
      if (speaking !== text) return;
      speaking = null;
      update();
    };
    utterance.addEventListener('end', done);
    utterance.addEventListener('error', done);
    speaking = text;
    window.speechSynthesis.speak(utterance);
    update();
  };
  return html`<button type="button" class="button button--small read-aloud" data-testid="read-aloud"
    data-speaking=${on ? 'true' : 'false'} @click=${press}>
    ${icon(on ? 'stop' : 'sound')} <span>${on ? t('settings.read_stop') : t('settings.read')}</span>
  </button>`;
}
