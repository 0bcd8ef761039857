// The minutes' editor, served at /s/{session_id}/minutes for the facilitator and the scribe
// (their cookie authenticates). The summary and the corrections are commands (`minutes.summary`,
// `minutes.edit`: the edited text with the generated text it was made on); the preview is
// rendered by the server, by the same code as the printable minutes, so no Markdown rule lives
// here. Sharing and publishing: minutes-publish.js.
import { html, render, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { live } from 'lit/directives/live.js';
import { t, lang, langSwitch } from './i18n.js';
import { openFacilitatorScreen } from './facilitator-screen.js';
import { statusTemplate } from './status.js';
import { icon } from './icons.js';
import { fetchJSON, errorText, createNotices } from './ui.js';
import { can } from './kit.js';
import { createPublishing } from './minutes-publish.js';
import { applyDisplaySettings } from './display-settings.js';

applyDisplaySettings();
const root = document.getElementById('app');
root.replaceChildren();
const sessionId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const api = `/api/sessions/${encodeURIComponent(sessionId)}`;
const PREVIEW_DELAY_MS = 250;

const state = {
  conn: null,
  unauthorized: false,
  loaded: null, // what GET …/minutes/edit answered
  text: '', // the text in the editor
  summary: '',
  dirty: false, // the text differs from what was loaded
  summaryDirty: false,
  preview: '',
  previewTimer: null,
  saved: '', // what the last save said, for the live region
  busy: false,
  loadedSeq: -1,
};
const notices = createNotices(update);
const publishing = createPublishing({ api, state, update, notify: notices.notify, send });

function update() {
  render(template(), root);
}

async function start() {
  const conn = await openFacilitatorScreen({
    sessionId, screen: 'minutes', titleKey: 'minutes.page_title', state, update,
    onLang: () => load(),
  });
  conn.addEventListener('change', () => {
    // The session moved on: fresh text, unless someone is typing (their edit keeps its base,
    // and the session's change is merged in when they save).
    const seq = conn.view?.seq ?? -1;
    if (state.loaded && seq > state.loadedSeq && !state.dirty && !state.summaryDirty && !state.busy) load();
  });
  conn.connect();
  publishing.listen(conn);
  await load();
  publishing.load();
}

async function load() {
  const { status, data } = await fetchJSON(`${api}/minutes/edit?lang=${lang()}`);
  if (status !== 200) {
    state.unauthorized = status === 401 || status === 403;
    update();
    return;
  }
  Object.assign(state, {
    loaded: data, text: data.text, summary: data.summary, dirty: false, summaryDirty: false,
    loadedSeq: data.seq,
  });
  await refreshPreview();
}

async function refreshPreview() {
  const { status, data } = await fetchJSON(`${api}/minutes/preview`, { json: { text: state.text } });
  if (status === 200) state.preview = data.html;
  update();
}

function typed(e) {
  state.text = e.target.value;
  state.dirty = state.text !== state.loaded?.text;
  clearTimeout(state.previewTimer);
  state.previewTimer = setTimeout(refreshPreview, PREVIEW_DELAY_MS);
  update();
}

async function send(type, payload) {
  const ack = await state.conn.send(type, payload);
  if (!ack.ok) notices.notify(errorText(ack, state.conn.serverLang, type));
  return ack;
}

async function saveEdit(drop = false) {
  const loaded = state.loaded;
  if (!loaded) return;
  state.busy = true;
  update();
  const payload = drop
    ? { text: '', base: '', lang: loaded.lang }
    : { text: state.text, base: loaded.generated, lang: loaded.lang };
  const ack = await send('minutes.edit', payload);
  state.busy = false;
  if (ack.ok) {
    state.saved = t(drop ? 'minutes.editor.dropped' : 'minutes.editor.saved');
    await load();
  } else update();
}

async function saveSummary(e) {
  e.preventDefault();
  state.busy = true;
  const ack = await send('minutes.summary', { text: state.summary });
  state.busy = false;
  if (ack.ok) {
    state.saved = t('minutes.editor.summary_saved');
    await load();
  } else update();
}

function conflictsTemplate(count) {
  if (!count) return nothing;
  return html`<div class="callout callout--error" role="alert" data-testid="minutes-conflicts">
    ${icon('alert')}
    <p>${t(count === 1 ? 'minutes.editor.conflict_one' : 'minutes.editor.conflict_other', { count })}</p>
  </div>`;
}

function template() {
  const view = state.conn?.view;
  const session = view?.session;
  if (state.unauthorized) {
    return html`<main class="page page--narrow"><h1>${t('console.unauthorized.title')}</h1>
      <p class="callout callout--error">${icon('alert')}<span>${t('console.unauthorized.text')}</span></p></main>`;
  }
  const loaded = state.loaded;
  const mayEdit = can(session, 'minutes.edit');
  // Counted by the server in the text last loaded (a saved edit is counted again).
  const conflicts = loaded?.conflicts ?? 0;
  return html`<header class="console-top minutes-top">
      <div class="console-top__title">
        <span class="brand">Fabrique</span>
        <h1 data-testid="minutes-title">${t('minutes.page_title')}</h1>
        <p class="console-top__meta hint">${session?.title ?? ''}</p>
      </div>
      <nav class="console-links" aria-label=${t('console.links')}>
        <a class="button" href="/s/${encodeURIComponent(sessionId)}/console" data-testid="minutes-back">${t('minutes.editor.back')}</a>
        <a class="button" href="${api}/minutes.html?lang=${lang()}" target="_blank" rel="noopener">
          ${icon('printer')} ${t('console.minutes_print')}<span class="sr-only"> ${t('common.new_tab')}</span></a>
      </nav>
      <div class="console-top__end">${statusTemplate(state.conn)} ${langSwitch()}</div>
    </header>
    <main id="main" class="minutes-page">
      ${!loaded
        ? html`<p class="loading">${t('common.loading')}</p>`
        : html`
          <form class="card minutes-summary" @submit=${saveSummary} aria-labelledby="summary-title">
            <h2 id="summary-title">${t('minutes.editor.summary')}</h2>
            <div class="field">
              <label for="minutes-summary">${t('minutes.editor.summary_label')}</label>
              <p class="hint" id="summary-hint">${t('minutes.editor.summary_hint')}</p>
              <textarea id="minutes-summary" rows="4" maxlength="4000" data-testid="minutes-summary"
                aria-describedby="summary-hint" ?readonly=${!mayEdit} .value=${live(state.summary)}
                @input=${(e) => { state.summary = e.target.value; state.summaryDirty = true; update(); }}></textarea>
            </div>
            ${mayEdit
              ? html`<button class="button button--primary" data-testid="minutes-summary-save" ?disabled=${state.busy}>
                  ${icon('check')} ${t('minutes.editor.summary_save')}</button>`
              : nothing}
          </form>
          <section class="card minutes-edit" aria-labelledby="edit-title">
            <h2 id="edit-title">${t('minutes.editor.title')}</h2>
            <p class="hint" id="edit-hint">${t('minutes.editor.hint')}</p>
            ${conflictsTemplate(conflicts)}
            <div class="minutes-panes">
              <div class="field minutes-pane">
                <label for="minutes-text">${t('minutes.editor.text_label')}</label>
                <textarea id="minutes-text" class="minutes-text" rows="24" spellcheck="true" data-testid="minutes-text"
                  aria-describedby="edit-hint" ?readonly=${!mayEdit} .value=${live(state.text)} @input=${typed}></textarea>
              </div>
              <section class="minutes-pane" aria-labelledby="preview-title">
                <h3 id="preview-title" class="minutes-pane__title">${t('minutes.editor.preview')}</h3>
                <div class="minutes-preview" data-testid="minutes-preview" tabindex="0"
                  aria-label=${t('minutes.editor.preview')}>${unsafeHTML(state.preview)}</div>
              </section>
            </div>
            ${mayEdit
              ? html`<div class="actions">
                  <button class="button button--primary" data-testid="minutes-save" ?disabled=${state.busy || !state.dirty}
                    @click=${() => saveEdit()}>${icon('check')} ${t('minutes.editor.save')}</button>
                  ${loaded.edited
                    ? html`<button class="button" data-testid="minutes-drop" ?disabled=${state.busy}
                        @click=${() => saveEdit(true)}>${icon('undo')} ${t('minutes.editor.drop')}</button>`
                    : nothing}
                </div>`
              : nothing}
            <p class="sr-only" aria-live="polite" data-testid="minutes-saved">${state.saved}</p>
            ${loaded.edited ? html`<p class="hint" data-testid="minutes-edited">${icon('pencil')} ${t('minutes.editor.edited')}</p>` : nothing}
          </section>
          ${publishing.template(session)}`}
    </main>
    ${notices.template()}`;
}

start();
