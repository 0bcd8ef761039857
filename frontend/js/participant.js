// Participant page, served at /j/{code}: join, wait, then take part in each step.
import { html, render, nothing } from 'lit';
import { initI18n, t, loc, lang, langSwitch, adoptSessionLang, onLangChange } from './i18n.js';
import { Connection } from './connection.js';
import { statusTemplate } from './status.js';
import { icon } from './icons.js';
import { KEYS, getJSON, setJSON, remove } from './store.js';
import {
  compactCode,
  formatCode,
  fetchJSON,
  errorText,
  createNotices,
  loadRenderer,
  renderFormat,
  stepLabel,
} from './ui.js';

const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const code = compactCode(decodeURIComponent(location.pathname.split('/')[2] ?? ''));
const credKey = KEYS.participant(code);

const state = {
  phase: 'loading', // loading | join | unknown | error | session
  info: null, // GET /api/join/{code}
  joinError: '',
  joinNotice: '',
  busy: false,
  conn: null,
  cred: null,
  stepKey: null,
  announce: '',
  renaming: false,
};
const notices = createNotices(update);

function update() {
  render(template(), root);
  afterRender();
}

// ---------------------------------------------------------------- start

async function start() {
  await initI18n();
  onLangChange((l) => {
    state.conn?.setLang(l);
    document.title = pageTitle();
    update();
  });
  const cred = getJSON(credKey);
  if (cred && cred.token) {
    connect(cred);
  } else {
    await showJoin();
  }
}

function pageTitle() {
  const title = state.conn?.view?.session?.title ?? state.info?.title;
  return title ? `${title} · Fabrique` : t('participant.page_title');
}

async function showJoin(notice = '') {
  state.phase = 'loading';
  state.joinNotice = notice;
  update();
  if (code.length !== 8) {
    state.phase = 'unknown';
    update();
    return;
  }
  try {
    const { status, data } = await fetchJSON(`/api/join/${code}`);
    if (status === 200 && data) {
      state.info = data;
      await adoptSessionLang(data.language);
      state.phase = 'join';
    } else if (status === 404) {
      state.phase = 'unknown';
    } else if (status === 429) {
      state.phase = 'error';
      state.joinError = t('join.rate_limited');
    } else {
      state.phase = 'error';
      state.joinError = t('error.server');
    }
  } catch {
    state.phase = 'error';
    state.joinError = t('error.network');
  }
  document.title = pageTitle();
  update();
}

async function join(event) {
  event.preventDefault();
  if (state.busy) return;
  const form = event.target;
  const name = form.elements.name.value.trim();
  const remote = form.elements.remote.checked;
  state.busy = true;
  state.joinError = '';
  update();
  try {
    const { status, data } = await fetchJSON(`/api/join/${code}`, { json: { name, remote } });
    if (status === 201 || status === 200) {
      const cred = {
        token: data.token,
        session_id: data.session_id,
        participant_id: data.participant_id,
        name: data.name ?? name,
        remote,
      };
      setJSON(credKey, cred);
      state.busy = false;
      connect(cred);
      return;
    }
    const errCode = data?.error?.code;
    if (status === 404) {
      state.phase = 'unknown';
    } else if (status === 429) {
      state.joinError = t('join.rate_limited');
    } else {
      state.joinError = (errCode && t(`join.error.${errCode}`) !== `join.error.${errCode}`
        ? t(`join.error.${errCode}`)
        : data?.error?.message) || t('error.server');
    }
  } catch {
    state.joinError = t('error.network');
  }
  state.busy = false;
  update();
  root.querySelector('#join-name')?.focus();
}

function connect(cred) {
  state.cred = cred;
  state.phase = 'session';
  const conn = new Connection({ auth: { token: cred.token }, scope: code, lang: lang() });
  state.conn = conn;
  conn.addEventListener('change', () => {
    const session = conn.view?.session;
    if (session?.language) adoptSessionLang(session.language);
    document.title = pageTitle();
    update();
  });
  conn.addEventListener('unauthorized', () => {
    // The stored token is unknown to the server: forget it, and what was waiting with it.
    conn.clearOutbox();
    conn.close();
    remove(credKey);
    state.conn = null;
    state.cred = null;
    showJoin(t('join.expired'));
  });
  conn.addEventListener('rejected', (e) => notices.notify(errorText(e.detail.ack, conn.serverLang)));
  conn.connect();
  update();
}

// ---------------------------------------------------------------- commands

async function send(type, payload) {
  const conn = state.conn;
  if (!conn) return { ok: false, error: { code: 'offline' } };
  const ack = await conn.send(type, payload);
  if (!ack.ok) notices.notify(errorText(ack, conn.serverLang));
  return ack;
}

async function rename(event) {
  event.preventDefault();
  const name = event.target.elements.name.value.trim();
  if (!name) return;
  const ack = await send('participant.rename', { name });
  if (ack.ok) {
    state.renaming = false;
    const cred = { ...state.cred, name };
    state.cred = cred;
    setJSON(credKey, cred);
    notices.notify(t('participant.renamed'), 'success', 4000);
  }
}

// ---------------------------------------------------------------- templates

function topbar(title) {
  return html`<header class="topbar">
    <div class="topbar__title">
      <span class="brand">Fabrique</span>
      ${title ? html`<span class="topbar__session">${title}</span>` : nothing}
    </div>
    ${langSwitch()}
  </header>`;
}

function template() {
  switch (state.phase) {
    case 'join':
      return joinTemplate();
    case 'unknown':
      return unknownTemplate();
    case 'error':
      return errorTemplate();
    case 'session':
      return sessionTemplate();
    default:
      return html`${topbar()}
        <main id="main" class="page page--narrow"><p class="loading">${t('common.loading')}</p></main>`;
  }
}

function joinTemplate() {
  const info = state.info ?? {};
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <p class="eyebrow">${t('join.eyebrow', { code: formatCode(code) })}</p>
      <h1 data-testid="join-title">${info.title}</h1>
      ${state.joinNotice
        ? html`<p class="callout callout--info">${icon('info')}<span>${state.joinNotice}</span></p>`
        : nothing}
      <p class="lead">${t('join.lead')}</p>
      <form class="card form" @submit=${join} novalidate>
        <div class="field">
          <label for="join-name">${t('join.name_label')}</label>
          <p class="hint" id="join-name-hint">${t('join.name_hint')}</p>
          <input
            id="join-name"
            name="name"
            data-testid="join-name"
            maxlength="40"
            autocomplete="nickname"
            autocapitalize="words"
            enterkeyhint="go"
            aria-describedby="join-name-hint ${state.joinError ? 'join-error' : ''}"
          />
        </div>
        <div class="check">
          <input type="checkbox" id="join-remote" name="remote" data-testid="join-remote" />
          <label for="join-remote">${icon('remote')} ${t('join.remote')}</label>
        </div>
        ${state.joinError
          ? html`<p class="field-error" id="join-error">${icon('alert')}<span>${state.joinError}</span></p>`
          : nothing}
        <button
          class="button button--primary button--big"
          data-testid="join-button"
          ?disabled=${state.busy}
          aria-busy=${state.busy ? 'true' : 'false'}
        >
          ${state.busy ? t('join.busy') : t('join.button')}
        </button>
      </form>
      <p class="hint center">${t('join.privacy')}</p>
    </main>
    ${notices.template()}`;
}

function codeForm() {
  const go = (e) => {
    e.preventDefault();
    const c = compactCode(e.target.elements.code.value);
    if (c.length === 8) location.href = `/j/${c}`;
    else e.target.querySelector('.field-error').hidden = false;
  };
  return html`<form class="card form" @submit=${go} novalidate>
    <div class="field">
      <label for="code-input">${t('home.join.label')}</label>
      <p class="hint" id="code-hint">${t('home.join.hint')}</p>
      <input id="code-input" name="code" data-testid="code-input" class="code-input" autocomplete="off"
        autocapitalize="characters" spellcheck="false" maxlength="12" aria-describedby="code-hint" />
    </div>
    <p class="field-error" hidden>${icon('alert')}<span>${t('home.join.invalid')}</span></p>
    <button class="button button--primary" data-testid="code-submit">${t('home.join.button')}</button>
  </form>`;
}

function unknownTemplate() {
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <h1>${t('join.unknown.title')}</h1>
      <p class="lead">${t('join.unknown.text', { code: formatCode(code) })}</p>
      ${codeForm()}
    </main>`;
}

function errorTemplate() {
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <h1>${t('join.error.title')}</h1>
      <p class="callout callout--error">${icon('alert')}<span>${state.joinError}</span></p>
      <button class="button button--primary" @click=${() => showJoin()}>${t('common.retry')}</button>
    </main>`;
}

function sessionTemplate() {
  const conn = state.conn;
  const view = conn?.view;
  const session = view?.session;
  const activity = view?.activity;
  const me = conn?.private?.me;
  return html`${topbar(session?.title)}
    <div class="statusbar">${statusTemplate(conn)}</div>
    <main id="main" class="page page--narrow">
      ${!view
        ? html`<p class="loading">${t('participant.connecting')}</p>`
        : activity
          ? stepTemplate(activity)
          : waitingTemplate(session)}
    </main>
    <div class="sr-only" aria-live="polite" data-testid="step-announcer">${state.announce}</div>
    ${notices.template()} ${view ? meTemplate(me) : nothing}`;
}

function waitingTemplate(session) {
  return html`<section class="waiting" data-testid="waiting">
    ${icon('hourglass', 'icon--huge')}
    <h1>${t('waiting.title')}</h1>
    <p class="lead">${t('waiting.text')}</p>
    <p class="waiting__session">${session?.title}</p>
  </section>`;
}

function stepTemplate(activity) {
  const entry = loadRenderer(activity.format, 'participant', update);
  const pict = entry.module?.pictogram?.(activity.step?.key) ?? 'idea';
  const instructions = loc(activity.instructions);
  return html`<section class="step-head" data-testid="step-head">
      <p class="eyebrow">${activity.title}</p>
      <h1 data-testid="step-title">${loc(activity.step?.title)}</h1>
      <p class="step-progress">${stepLabel(activity, loc)}</p>
    </section>
    ${instructions
      ? html`<div class="instructions" data-testid="instructions">
          ${icon(pict, 'icon--big')}
          <p>${instructions}</p>
        </div>`
      : nothing}
    ${entry.status === 'missing'
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>`
      : entry.status === 'loading'
        ? html`<p class="loading">${t('common.loading')}</p>`
        : nothing}
    <div id="format-area" class="format-area"></div>`;
}

function meTemplate(me) {
  if (!me) return nothing;
  const name = me.name || t('participant.anonymous', { number: me.number ?? '' }).trim();
  return html`<footer class="me">
    ${state.renaming
      ? html`<form class="inline-form" @submit=${rename}>
          <label for="rename-input">${t('participant.rename_label')}</label>
          <input id="rename-input" name="name" data-testid="rename-input" maxlength="40" .value=${me.name ?? ''} autocomplete="nickname" />
          <button class="button button--primary" data-testid="rename-submit">${t('common.save')}</button>
          <button type="button" class="button" @click=${() => { state.renaming = false; update(); }}>
            ${t('common.cancel')}
          </button>
        </form>`
      : html`<p>
          ${icon('user')} ${t('participant.you_are', { name })}
          <button type="button" class="button button--link" data-testid="rename-open"
            @click=${() => { state.renaming = true; update(); root.querySelector('#rename-input')?.focus(); }}>
            ${t('participant.rename')}
          </button>
        </p>`}
  </footer>`;
}

// ---------------------------------------------------------------- renderer and announcements

function afterRender() {
  const conn = state.conn;
  const view = conn?.view;
  const activity = view?.activity;
  // Announce a new step (or activity) politely, and start at the top of the page.
  const key = activity ? `${activity.id}:${activity.step?.key}` : 'waiting';
  if (view && key !== state.stepKey) {
    const first = state.stepKey === null;
    state.stepKey = key;
    if (!first) {
      state.announce = activity
        ? t('participant.new_step', { title: loc(activity.step?.title), instructions: loc(activity.instructions) })
        : t('waiting.title');
      window.scrollTo(0, 0);
      queueMicrotask(update);
      return;
    }
  }
  if (state.phase !== 'session' || !activity) return;
  renderFormat(root.querySelector('#format-area'), 'participant', activity, {
    session: view.session,
    mine: conn.private?.mine ?? {},
    me: conn.private?.me ?? null,
    remote: Boolean(state.cred?.remote),
    pending: conn.optimistic,
    connected: conn.connected,
    send,
    notify: notices.notify,
  }, update);
}

start();
