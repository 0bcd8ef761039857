// Participant page, served at /j/{code}: join, wait, then take part in each step.
import { html, render, nothing } from 'lit';
import { initI18n, t, loc, lang, adoptSessionLang, onLangChange } from './i18n.js';
import { Connection } from './connection.js';
import { statusTemplate } from './status.js';
import { KEYS, getJSON, setJSON, remove } from './store.js';
import { timerTemplate, tick } from './timer.js';
import {
  followTemplate,
  revokedTemplate,
  waitingTemplate,
  stepInstructions,
  minutesLinkTemplate,
} from './screens-participant.js';
import { stepTemplate } from './phone-step.js';
import { topbar, joinTemplate, lockedTemplate, unknownTemplate, errorTemplate } from './screens-join.js';
import { askToBeForgotten, goneTemplate, meTemplate } from './phone-me.js';
import { applyDisplaySettings, onDisplayChange } from './display-settings.js';
import { createAnnouncer } from './announcer.js';
import { createConfirm } from './console-dialog.js';
import {
  compactCode,
  fetchJSON,
  errorText,
  createNotices,
  loadRenderer,
  renderFormat,
} from './ui.js';

applyDisplaySettings();
const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const code = compactCode(decodeURIComponent(location.pathname.split('/')[2] ?? ''));
const credKey = KEYS.participant(code);

const state = {
  phase: 'loading', // loading | join | locked | unknown | error | session | revoked | forgotten | deleted
  info: null, // GET /api/join/{code}
  joinError: '',
  joinNotice: '',
  busy: false,
  conn: null,
  cred: null,
  stepKey: null,
  announce: '',
  renaming: false,
  nameError: '',
  forgetting: false,
};
const notices = createNotices(update);
const confirm = createConfirm(update);
const announcer = createAnnouncer();
onDisplayChange(update);

function update() {
  render(template(), root);
  afterRender();
}

// ---------------------------------------------------------------- start

async function start() {
  // What the join form needs is asked for while the words load (one round trip less on 3G).
  const saved = getJSON(credKey);
  const info = saved?.token || saved?.removed || code.length !== 8 ? null : joinInfo();
  info?.catch(() => {}); // a failure is said by showJoin, which awaits it
  await initI18n();
  onLangChange((l) => {
    state.conn?.setLang(l);
    document.title = pageTitle();
    update();
  });
  const cred = getJSON(credKey);
  if (cred && cred.token) {
    connect(cred);
  } else if (cred && cred.removed) {
    showOut('revoked');
  } else {
    await showJoin('', info);
  }
}

function joinInfo() {
  return fetchJSON(`/api/join/${code}`);
}

function pageTitle() {
  const title = state.conn?.view?.session?.title ?? state.info?.title;
  return title ? `${title} · Fabrique` : t('participant.page_title');
}

async function showJoin(notice = '', asked = null) {
  state.phase = 'loading';
  state.joinNotice = notice;
  update();
  if (code.length !== 8) {
    state.phase = 'unknown';
    update();
    return;
  }
  try {
    const { status, data } = await (asked ?? joinInfo());
    if (status === 200 && data) {
      state.info = data;
      // The open activity's screens load while the person types their name.
      if (data.format) loadRenderer(data.format, 'participant', update);
      await adoptSessionLang(data.language);
      // A closed session says so before asking anything.
      state.phase = data.joining_locked ? 'locked' : 'join';
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
    } else if (errCode === 'joining_locked') {
      state.phase = 'locked'; // closed since the page was opened
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
    leave(conn, null);
    showJoin(t('join.expired'));
  });
  conn.addEventListener('rejected', (e) => notices.notify(errorText(e.detail.ack, conn.serverLang, e.detail.command?.type)));
  conn.connect();
  // The server says `revoked` just before it closes the socket of a removed participant (or of
  // one just forgotten), and `deleted` when the facilitator deleted the session.
  conn.socket.on('revoked', () => leave(conn, state.forgetting ? 'forgotten' : 'revoked'));
  conn.socket.on('deleted', () => leave(conn, 'deleted'));
  update();
}

/** Out of the session (`reason`: revoked, forgotten, deleted; null: the token is unknown). */
function leave(conn, reason) {
  if (state.conn !== conn) return;
  conn.clearOutbox();
  conn.close();
  state.conn = null;
  state.cred = null;
  // A removed person's phone says so at its next visit; otherwise nothing of them stays here.
  if (reason === 'revoked') setJSON(credKey, { removed: true });
  else remove(credKey);
  if (reason) showOut(reason);
}

function openRename(on) {
  state.renaming = on;
  update();
  if (on) root.querySelector('#rename-input')?.focus();
}

async function forget() {
  const conn = state.conn;
  state.forgetting = true;
  if (await askToBeForgotten(confirm.ask, send)) leave(conn, 'forgotten');
  state.forgetting = state.phase === 'forgotten';
}

/** A page once the phone is out of the session: revoked, forgotten, deleted. */
function showOut(phase) {
  state.phase = phase;
  document.title = pageTitle();
  update();
  root.querySelector('h1')?.focus();
}

// The timer counts down on its own (only its corner is redrawn); at zero the whole page is, since
// input may close then.
tick(renderTimer, () => state.conn?.view?.activity?.timer, () => update());

function renderTimer() {
  const slot = root.querySelector('#timer-slot');
  if (slot) render(timerTemplate(state.conn?.view?.activity?.timer), slot);
}

// ---------------------------------------------------------------- commands

async function send(type, payload) {
  const conn = state.conn;
  if (!conn) return { ok: false, error: { code: 'offline' } };
  const ack = await conn.send(type, payload);
  if (!ack.ok) notices.notify(errorText(ack, conn.serverLang, type));
  return ack;
}

async function rename(event) {
  event.preventDefault();
  const name = event.target.elements.name.value.trim();
  if (!name) return;
  const ack = await send('participant.rename', { name });
  if (ack.ok) {
    state.renaming = false;
    rememberName(name);
    const named = state.conn?.view?.activity?.anonymity === 'named';
    notices.notify(t(named ? 'participant.renamed_named' : 'participant.renamed'), 'success', 4000);
  }
}

function rememberName(name) {
  const cred = { ...state.cred, name };
  state.cred = cred;
  setJSON(credKey, cred);
}

/** A named activity asks a person without a name for their first name before anything else. */
async function giveName(event) {
  event.preventDefault();
  const input = event.target.elements.name;
  const name = input.value.trim();
  if (!name) {
    state.nameError = t('screens.named.required');
    update();
    input.focus();
    return;
  }
  state.nameError = '';
  const ack = await send('participant.rename', { name });
  if (ack.ok) rememberName(name);
  else state.nameError = errorText(ack, state.conn?.serverLang);
  update();
  if (!ack.ok) root.querySelector('#name-required-input')?.focus();
}

/** What this person may do now: their own list from the server (it counts the roles they
 * hold, closed input and a missing name), else the participants' list. */
function personalCan(activity, me) {
  return Array.isArray(me?.can) ? me.can : Array.isArray(activity.can) ? activity.can : [];
}

// ---------------------------------------------------------------- templates

function template() {
  switch (state.phase) {
    case 'join':
      return html`${joinTemplate(code, state, join)} ${notices.template()}`;
    case 'locked':
      return lockedTemplate(state.info, () => showJoin());
    case 'unknown':
      return unknownTemplate(code);
    case 'error':
      return errorTemplate(state.joinError, () => showJoin());
    case 'session':
      return sessionTemplate();
    case 'revoked':
      return html`${topbar()}
        <main id="main" class="page page--narrow">${revokedTemplate(() => { remove(credKey); showJoin(); })}</main>`;
    case 'forgotten':
    case 'deleted':
      return html`${topbar()} <main id="main" class="page page--narrow">${goneTemplate(state.phase)}</main>`;
    default:
      return html`${topbar()}
        <main id="main" class="page page--narrow"><p class="loading">${t('common.loading')}</p></main>`;
  }
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
      ${view ? minutesLinkTemplate(session, state.cred?.token, update) : nothing}
      ${view && state.cred?.remote
        ? html`<div aria-live="polite">${followTemplate(session?.display)}</div>`
        : nothing}
      ${!view
        ? html`<p class="loading">${t('participant.connecting')}</p>`
        : activity
          ? stepTemplate(activity, session, me, {
              update, send, giveName, nameError: state.nameError, pending: state.conn?.optimistic,
            })
          : waitingTemplate(session)}
    </main>
    <div class="sr-only" aria-live="polite" data-testid="step-announcer">${state.announce}</div>
    ${announcer.template()}
    ${notices.template()} ${view ? meTemplate(me, activity, { renaming: state.renaming, rename, openRename, forget }) : nothing} ${confirm.template()}`;
}

// ---------------------------------------------------------------- renderer and announcements

function afterRender() {
  confirm.afterRender(root);
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
        ? t('participant.new_step', { title: loc(activity.step?.title), instructions: stepInstructions(activity, conn.private?.me) })
        : t('waiting.title');
      window.scrollTo(0, 0);
      queueMicrotask(update);
      return;
    }
  }
  renderTimer();
  if (state.phase !== 'session' || !activity) {
    announcer.observe(root, null, null);
    return;
  }
  const me = conn.private?.me ?? null;
  const shown = { ...activity, can: personalCan(activity, me) };
  announcer.observe(root, shown, loadRenderer(activity.format, 'participant', update).renderer);
  renderFormat(root.querySelector('#format-area'), 'participant', shown, {
    session: view.session,
    mine: conn.private?.mine ?? {},
    me,
    remote: Boolean(state.cred?.remote),
    pending: conn.optimistic,
    connected: conn.connected,
    send,
    notify: notices.notify,
  }, update);
}

start();
