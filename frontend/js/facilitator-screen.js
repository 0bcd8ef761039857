// The connection of the screens driven by the facilitator's key (console, room): one wiring.
import { initI18n, t, lang, adoptSessionLang, onLangChange } from './i18n.js';
import { Connection } from './connection.js';

/**
 * Opens the socket of `screen` ("console" | "room") for `sessionId` and keeps `state.conn`,
 * `state.unauthorized` and the page title up to date; `update` re-renders, `onLang` runs on
 * a language switch before the re-render.
 */
export async function openFacilitatorScreen({ sessionId, screen, titleKey, state, update, onLang }) {
  await initI18n();
  onLangChange((l) => {
    state.conn?.setLang(l);
    onLang?.(l);
    update();
  });
  const conn = new Connection({ auth: { session_id: sessionId, screen }, scope: `${sessionId}.${screen}`, lang: lang() });
  state.conn = conn;
  conn.addEventListener('change', () => {
    const session = conn.view?.session;
    if (session?.language) adoptSessionLang(session.language);
    document.title = session?.title ? `${session.title} · ${t(titleKey)}` : t(titleKey);
    update();
  });
  conn.addEventListener('unauthorized', () => {
    state.unauthorized = true;
    conn.close();
    update();
  });
  return conn;
}
