// Room screen for the projector, served at /s/{session_id}/room (opened from the console, or on
// the projector's own computer with a room screen link). Nothing to click: it follows the
// facilitator. Lobby: a very large QR code and the code; during a step: title, instructions and
// the live content in large type, the timer large in a corner, the QR small in another for
// latecomers (unless the facilitator hides it). Once arrivals are closed it says so, with neither
// QR code nor code. The facilitator may also put up the join screen, a pause, or one
// contribution (spotlight); the agenda stays small at the foot of the screen.
import { html, render, nothing } from 'lit';
import { t, loc, langSwitch } from './i18n.js';
import { openFacilitatorScreen } from './facilitator-screen.js';
import { statusTemplate } from './status.js';
import { icon } from './icons.js';
import { formatCode, qrUrl, shortUrl, createNotices, loadRenderer, renderFormat, stepLabel } from './ui.js';
import { timerTemplate, tick, chime, soundAllowed } from './timer.js';
import {
  agendaTemplate,
  clockTemplate,
  spotlightTemplate,
  fitSpotlight,
  pauseTemplate,
  soundTemplate,
} from './screens-room.js';
import { showContrast } from './display-settings.js';
import { createAnnouncer } from './announcer.js';

const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const sessionId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const state = { conn: null, unauthorized: false, revoked: false, deleted: false };
const notices = createNotices(update);
const announcer = createAnnouncer();

function update() {
  render(template(), root);
  afterRender();
}

async function start() {
  const conn = await openFacilitatorScreen({
    sessionId, screen: 'room', titleKey: 'room.page_title', state, update,
  });
  conn.connect();
  // A room screen link withdrawn by the facilitator: the server says so, then closes the socket.
  conn.socket.on('revoked', () => {
    state.revoked = true;
    conn.close();
    update();
  });
  conn.socket.on('deleted', () => {
    state.deleted = true;
    conn.close();
    update();
  });
  update();
}

// The timer counts down on its own (only its slot is redrawn); at zero a soft chime, once.
tick(renderTimer, () => state.conn?.view?.activity?.timer, () => {
  if (soundAllowed()) chime();
  update();
});

function renderTimer() {
  const slot = root.querySelector('#timer-slot');
  if (slot) render(timerTemplate(state.conn?.view?.activity?.timer, { size: 'large' }), slot);
}

function template() {
  if (state.revoked || state.unauthorized || state.deleted) {
    const reason = state.deleted ? 'deleted' : state.revoked ? 'revoked' : 'unauthorized';
    const words = reason === 'unauthorized' ? ['refused.room.title', 'refused.room.next'] : [`room.${reason}.title`, `room.${reason}.text`];
    return html`<main id="main" class="room room--message" data-testid="room-refused"
        data-reason=${reason}>
      ${icon('lock', 'icon--huge')}
      <h1>${t(words[0])}</h1>
      <p>${t(words[1])}</p>
      <p>${langSwitch()}</p>
    </main>`;
  }
  const view = state.conn?.view;
  const session = view?.session;
  const activity = view?.activity;
  return html`${view ? screenTemplate(session, activity) : html`<main id="main" class="room room--message">
      <p class="loading">${t('common.loading')}</p></main>`}
    <footer class="room-status">
      ${view ? agendaTemplate(session, activity) : nothing}
      <div class="room-status__tools">${soundTemplate(update)} ${statusTemplate(state.conn)} ${langSwitch()}</div>
    </footer>
    ${announcer.template()} ${notices.template()}`;
}

/** What the facilitator put up: the join screen, a pause, one contribution, or the step. */
function screenTemplate(session, activity) {
  const display = session?.display ?? { mode: 'activity' };
  if (display.mode === 'qr') return lobbyTemplate(session, 'room-qr');
  if (display.mode === 'pause') return pauseTemplate(session);
  if (display.mode === 'spotlight' && display.text) return spotlightTemplate(session, display);
  return activity ? stepTemplate(session, activity) : lobbyTemplate(session, 'room-lobby');
}

function peopleCount(session) {
  const n = session?.participant_count ?? 0;
  return html`<p class="lobby__count" data-testid="room-participant-count" data-count=${n}>
    ${icon('users', 'icon--big')} ${t('room.people_in', { count: n })}
  </p>`;
}

function lobbyTemplate(session, testid) {
  if (session?.joining_locked) return closedLobbyTemplate(session, testid);
  const code = session?.join_code ?? '';
  return html`<main id="main" class="room room--lobby" data-testid=${testid}>
    <div class="lobby__qr">
      ${code ? html`<img class="qr qr--huge" src=${qrUrl(code)} alt=${t('room.qr_alt', { code: formatCode(code) })} />` : nothing}
    </div>
    <div class="lobby__text">
      <h1 class="lobby__title">${session?.title}</h1>
      <p class="lobby__how">${icon('phone', 'icon--big')} ${t('room.how')}</p>
      <p class="lobby__way">${t('room.step_scan')}</p>
      <p class="lobby__way">${t('room.step_url')} <strong class="lobby__url">${shortUrl(session?.join_url)}</strong></p>
      <p class="lobby__code-label">${t('room.code_label')}</p>
      <p class="lobby__code" data-testid="room-join-code">${formatCode(code)}</p>
      ${peopleCount(session)}
    </div>
    ${testid === 'room-qr' && session?.current_activity_id ? html`<div id="timer-slot" class="room-float-timer"></div>` : nothing}
  </main>`;
}

/** Arrivals closed: the join screen says so, and gives no way in. */
function closedLobbyTemplate(session, testid) {
  return html`<main id="main" class="room room--lobby room--closed" data-testid=${testid}>
    <div class="lobby__closed" data-testid="room-joining-closed">
      ${icon('lock', 'icon--huge')}
      <h1 class="lobby__title">${session?.title}</h1>
      <p class="lobby__how">${t('room.joining_closed')}</p>
      <p class="lobby__closed-text">${t('room.joining_closed_text')}</p>
      ${peopleCount(session)}
    </div>
    ${testid === 'room-qr' && session?.current_activity_id ? html`<div id="timer-slot" class="room-float-timer"></div>` : nothing}
  </main>`;
}

/** The corner for latecomers during a step: the QR code and the code, "arrivals closed", or
 * nothing when the facilitator hid it. */
function cornerTemplate(session) {
  if (session?.display?.join_box === false) return nothing;
  const count = session?.participant_count ?? 0;
  const people = html`<p class="room-corner__count" data-testid="room-participant-count" data-count=${count}>
    ${icon('users')} ${t('room.people_in', { count })}
  </p>`;
  if (session?.joining_locked) {
    return html`<aside class="room-corner room-corner--closed" aria-label=${t('room.join_corner')} data-testid="room-joining-closed">
      ${icon('lock', 'icon--big')}
      <div><p class="room-corner__closed">${t('room.joining_closed_short')}</p>${people}</div>
    </aside>`;
  }
  const code = session?.join_code ?? '';
  return html`<aside class="room-corner" aria-label=${t('room.join_corner')} data-testid="room-join-corner">
    ${code ? html`<img class="qr qr--corner" src=${qrUrl(code)} alt=${t('room.qr_alt', { code: formatCode(code) })} />` : nothing}
    <div>
      <p class="room-corner__label">${t('room.join_short')}</p>
      <p class="room-corner__code" data-testid="room-join-code">${formatCode(code)}</p>
      <p class="room-corner__url">${shortUrl(session?.join_url)}</p>
      ${people}
    </div>
  </aside>`;
}

function stepTemplate(session, activity) {
  const entry = loadRenderer(activity.format, 'room', update);
  const pict = entry.renderer?.pictogram(activity.step?.key) ?? 'idea';
  const instructions = loc(activity.instructions);
  // A renderer with much to show asks for a smaller header (optional `compactHead(activity)`).
  const compact = Boolean(entry.renderer?.compactHead(activity));
  return html`<div class="room room--step ${compact ? 'room--compact' : ''}" data-testid="room-step"
      data-step=${activity.step?.key ?? ''}>
    <header class="room-head">
      <p class="room-head__context">
        <span class="room-head__activity">${activity.title}</span>
        <span class="room-head__progress">${stepLabel(activity, loc)}</span>
      </p>
      <div class="room-head__main">
        <h1 class="room-head__step">${loc(activity.step?.title)}</h1>
        ${instructions
          ? html`<div class="room-instructions" data-testid="instructions">${icon(pict, 'icon--huge')}<p>${instructions}</p></div>`
          : nothing}
      </div>
    </header>
    ${clockTemplate(activity, session)}
    <main id="main" class="room-content">
      ${entry.status === 'missing' ? html`<p>${t('format.missing')}</p>` : nothing}
      <div id="format-area" class="format-area"></div>
    </main>
    ${cornerTemplate(session)}
  </div>`;
}

function afterRender() {
  renderTimer();
  fitSpotlight(root);
  const conn = state.conn;
  const view = conn?.view;
  const activity = view?.activity;
  // The facilitator's choice for the projector (this computer's own choice does not count here).
  showContrast(Boolean(view?.session?.display?.contrast));
  const stepShown = activity && (view.session?.display?.mode ?? 'activity') === 'activity';
  announcer.observe(root, stepShown ? activity : null, stepShown ? loadRenderer(activity.format, 'room', update).renderer : null);
  if (!activity) return;
  renderFormat(root.querySelector('#format-area'), 'room', activity, {
    session: view.session,
    connected: conn.connected,
    send: async () => ({ ok: false, error: { code: 'not_allowed' } }),
    notify: notices.notify,
  }, update);
}

start();
