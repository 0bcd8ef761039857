// Small, failure-proof wrapper around localStorage (private browsing may refuse it).

export function getJSON(key, fallback = null) {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function setJSON(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function getString(key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setString(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* storage refused: the choice lasts for this page only */
  }
}

export function remove(key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing to do */
  }
}

/** Every key the frontend writes, in one place (browser tests rely on them). */
export const KEYS = {
  lang: 'fabrique.lang',
  participant: (code) => `fabrique.participant.${code}`,
  outbox: (scope) => `fabrique.outbox.${scope}`,
  recentSessions: 'fabrique.sessions',
  textSize: 'fabrique.text_size',
  contrast: 'fabrique.contrast',
};
