// Facilitator console, served at /s/{session_id}/console (the HttpOnly cookie authenticates).
// The same page serves the facilitator (and co-facilitators), the scribe and observers. The
// server says which console this is (`view.role`: which panels to show) and what it may do (the
// open activity's `can`, else the session's): no rule is repeated here.
// Top: join code, room screen, minutes, team. Left: the agenda (console-agenda.js). Centre: the
// current step, its controls (console-controls.js), the format's console renderer and the phone
// (preview, or entering for a person without a phone: console-phone.js). Right: the room
// (console-people.js).
import { html, render, nothing } from 'lit';
import { t, loc, lang, langSwitch } from './i18n.js';
import { openFacilitatorScreen } from './facilitator-screen.js';
import { statusTemplate } from './status.js';
import { icon } from './icons.js';
import { tick } from './timer.js';
import { formatCode, qrUrl, shortUrl, errorText, createNotices, loadRenderer, renderFormat } from './ui.js';
import { can } from './kit.js';
import { createConfirm } from './console-dialog.js';
import { agendaTemplate } from './console-agenda.js';
import { loadFormats, formatInfo } from './console-add.js';
import { stepControlsTemplate, panelsTemplate, screenPanel, renderTimer } from './console-controls.js';
import { peopleTemplate } from './console-people.js';
import { createProxy, phoneButtons, chooserTemplate, phoneTemplate, phoneMode, renderPhone } from './console-phone.js';
import { exportsTemplate, placeTemplate } from './console-exports.js';
import { deleteButton, deletedTemplate } from './console-delete.js';
import { teamButton, teamTemplate, teamIsOpen, afterRenderTeam } from './console-team.js';
import { applyDisplaySettings, settingToggles } from './display-settings.js';
import { createAnnouncer } from './announcer.js';

applyDisplaySettings();

const FACILITATOR = 'facilitator';
const SCRIBE = 'scribe';
const OBSERVER = 'observer';

const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const sessionId = decodeURIComponent(location.pathname.split('/')[2] ?? '');

const state = {
  conn: null,
  unauthorized: false,
  deleted: false,
  focus: null, // {selectors, until, done}: where the focus goes once the page shows the change
};
const notices = createNotices(update);
const confirm = createConfirm(update);
const announcer = createAnnouncer();

/** What the console's modules share. */
const c = {
  root,
  state,
  sessionId,
  get view() {
    return state.conn?.view ?? null;
  },
  send,
  update,
  notify: notices.notify,
  confirm: confirm.ask,
  focus,
  viewAt,
  /** Which console this is, for the layout only (facilitator, scribe, observer). */
  get role() {
    return state.conn?.view?.role ?? FACILITATOR;
  },
  /** Whether this console may send `type` now: the server's list for the open activity, else the
   * session's (`session.can` is there with or without an activity). */
  may(type) {
    const view = state.conn?.view;
    return can(view?.activity ?? view?.session, type);
  },
  /** Whether it enters contributions for people without a phone: the server sends what they would
   * see (`view.proxies`) only to the consoles that may. */
  get mayProxy() {
    return Object.hasOwn(state.conn?.view ?? {}, 'proxies');
  },
};
const proxy = createProxy(c);

const ROLE_TITLES = {
  [FACILITATOR]: 'console.role.facilitator',
  [SCRIBE]: 'console.role.scribe',
  [OBSERVER]: 'console.role.observer',
};

function update() {
  render(template(), root);
  afterRender();
}

async function start() {
  const conn = await openFacilitatorScreen({
    sessionId, screen: 'console', titleKey: 'console.page_title', state, update, onLang: () => loadFormats(c),
  });
  conn.addEventListener('rejected', (e) => notices.notify(errorText(e.detail.ack, conn.serverLang, e.detail.command?.type)));
  conn.connect();
  // The session was deleted (here, or from another of the team's consoles).
  conn.socket.on('deleted', () => {
    state.deleted = true;
    conn.close();
    update();
    root.querySelector('h1')?.focus();
  });
  loadFormats(c);
  // The countdown redraws itself only; at zero the whole page says input is closed.
  tick(() => renderTimer(root, c.view?.activity), () => c.view?.activity?.timer, update);
  update();
}

async function send(type, payload, opts) {
  const ack = await state.conn.send(type, payload, opts);
  if (!ack.ok) notices.notify(errorText(ack, state.conn.serverLang, type));
  return ack;
}

/**
 * Resolves once the view shows the change acknowledged with `seq` (views are sent at most once
 * per short window, so one may arrive just after the acknowledgement), or after 3 s.
 */
function viewAt(seq) {
  const conn = state.conn;
  return new Promise((resolve) => {
    let timer = null;
    const check = () => {
      if (typeof seq === 'number' && (conn.view?.seq ?? -1) < seq) return;
      conn.removeEventListener('change', check);
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(() => {
      conn.removeEventListener('change', check);
      resolve();
    }, 3000);
    conn.addEventListener('change', check);
    check();
  });
}

/**
 * Moves the focus to the first of `selectors` found once the page shows the change (views may
 * arrive just after the acknowledgement), and again if a re-render loses it meanwhile.
 */
function focus(...selectors) {
  state.focus = { selectors, until: Date.now() + 1500, done: false };
  update();
}

function applyFocus() {
  const wanted = state.focus;
  if (!wanted) return;
  if (Date.now() > wanted.until) {
    state.focus = null;
    return;
  }
  const active = document.activeElement;
  const lost = !active || active === document.body || !active.isConnected;
  if (wanted.done && !lost) return;
  for (const selector of wanted.selectors) {
    const el = root.querySelector(selector);
    if (el) {
      el.focus();
      wanted.done = true;
      return;
    }
  }
}

// ---------------------------------------------------------------- templates

function template() {
  if (state.deleted) return html`${deletedTemplate()} ${notices.template()}`;
  if (state.unauthorized) {
    return html`<main id="main" class="page page--narrow">
      <h1>${t('console.unauthorized.title')}</h1>
      <p class="callout callout--error">${icon('alert')}<span>${t('console.unauthorized.text')}</span></p>
      <p><a class="button" href="/">${t('common.home')}</a></p>
    </main>`;
  }
  const view = c.view;
  const session = view?.session;
  const role = ROLE_TITLES[c.role] ? c.role : OBSERVER;
  const title = t(ROLE_TITLES[role]);
  document.title = session?.title ? `${session.title} · ${title}` : title;
  // A modal dialog makes the page behind it inert: the notices go inside the team's dialog.
  const inTeam = teamIsOpen(c);
  return html`<a class="skip-link" href="#main">${t('common.skip')}</a>
    ${topTemplate(session, view, role)}
    <div class="console-grid">
      ${agendaTemplate(c)}
      <main id="main" class="console-main" tabindex="-1">
        ${!view ? html`<p class="loading">${t('common.loading')}</p>` : currentTemplate(session, view.activity)}
      </main>
      ${peopleTemplate(c, proxy)}
    </div>
    ${teamTemplate(c, inTeam ? notices.template() : nothing)}
    ${confirm.template()}
    ${announcer.template()}
    ${inTeam ? nothing : notices.template()}`;
}

function topTemplate(session, view, role) {
  const code = session?.join_code ?? '';
  const newTab = html`<span class="sr-only"> ${t('common.new_tab')}</span>`;
  return html`<header class="console-top">
    <div class="console-top__title">
      <span class="brand">Fabrique</span>
      <h1 data-testid="session-title">${session?.title ?? ''}</h1>
      <p class="console-top__meta">
        <span class="role-badge role-badge--${role}" data-testid="console-role" data-role=${role}>
          ${icon(role === FACILITATOR ? 'badge' : role === SCRIBE ? 'pencil' : 'eye')} ${t(ROLE_TITLES[role])}
        </span>
        ${session?.facilitator_name
          ? html`<span class="hint">${t('console.facilitated_by', { name: session.facilitator_name })}</span>`
          : nothing}
        ${placeTemplate(c, session, role === FACILITATOR)}
      </p>
    </div>
    ${code
      ? html`<div class="join-box">
          <img class="qr qr--small" src=${qrUrl(code)} alt=${t('console.qr_alt', { code: formatCode(code) })} width="88" height="88" />
          <div>
            <p class="join-box__label">${t('console.join_code')}</p>
            <p class="join-box__code" data-testid="join-code">${formatCode(code)}</p>
            ${session.join_url ? html`<p class="join-box__url">${shortUrl(session.join_url)}</p>` : nothing}
          </div>
        </div>`
      : nothing}
    <nav class="console-links" aria-label=${t('console.links')}>
      ${role !== SCRIBE
        ? html`<a class="button" href="/s/${encodeURIComponent(sessionId)}/room" target="_blank" rel="noopener" data-testid="open-room">
            ${icon('screen')} ${t('console.open_room')}${newTab}
          </a>`
        : nothing}
      ${exportsTemplate(sessionId)}
      ${role !== OBSERVER
        ? html`<a class="button" href="/s/${encodeURIComponent(sessionId)}/minutes" data-testid="minutes-edit">${icon('pencil')} ${t('console.minutes_edit')}</a>`
        : nothing}
      ${teamButton(c)}
      ${role === FACILITATOR && view ? deleteButton(c) : nothing}
    </nav>
    <div class="console-top__end">
      ${statusTemplate(state.conn)}
      <div class="console-top__display" role="group" aria-label=${t('settings.open')}>${settingToggles(update, { small: true })}</div>
      ${langSwitch()}
    </div>
    ${view && role !== FACILITATOR
      ? html`<p class="role-note" data-testid="console-role-note">${icon('info')}
          <span>${role === SCRIBE ? t('console.role.scribe_note') : t('console.role.observer_note')}</span></p>`
      : nothing}
  </header>`;
}

// ---------------------------------------------------------------- current activity (centre)

function currentTemplate(session, activity) {
  if (!activity) {
    const any = (session?.activities ?? []).length > 0;
    return html`<section class="empty-state">
        ${icon('idea', 'icon--huge')}
        <h2>${any ? t('console.none_open') : t('console.start_title')}</h2>
        <p>${any ? t('console.none_open_text') : t('console.start_text')}</p>
      </section>
      <div class="control-panels control-panels--alone">${screenPanel(c, session)}</div>`;
  }
  const steps = activity.steps ?? [];
  const idx = activity.step?.index ?? 0;
  const entry = loadRenderer(activity.format, 'console', update);
  const pict = entry.renderer?.pictogram(activity.step?.key) ?? 'idea';
  const instructions = loc(activity.instructions);
  const phone = phoneMode(c);
  return html`<section class="current" aria-labelledby="current-title" data-step=${activity.step?.key ?? ''}>
    <p class="eyebrow">${formatInfo(activity.format)?.title ?? activity.format}</p>
    <h2 id="current-title" class="current__title" tabindex="-1">${activity.title}</h2>
    <ol class="stepper" aria-label=${t('console.steps')}>
      ${steps.map(
        (s, i) => html`<li class="stepper__step ${i < idx ? 'is-done' : i === idx ? 'is-current' : ''}"
            aria-current=${i === idx ? 'step' : 'false'} data-testid="stepper-step">
          <span class="stepper__num">${i < idx ? icon('check') : i + 1}</span>
          <span class="stepper__title">${loc(s.title)}</span>
          ${i === idx ? html`<span class="stepper__now">${t('console.step_current')}</span>` : nothing}
          ${s.optional ? html`<span class="stepper__min">${t('console.controls.optional')}</span>` : nothing}
          ${s.minutes ? html`<span class="stepper__min">${t('console.minutes_short', { count: s.minutes })}</span>` : nothing}
        </li>`,
      )}
    </ol>
    ${stepControlsTemplate(c, activity)}
    ${panelsTemplate(c, activity)}
    ${instructions
      ? html`<div class="instructions" data-testid="instructions">
          ${icon(pict, 'icon--big')}
          <div>
            <p class="instructions__label">${t(c.role === OBSERVER ? 'console.instructions_label_participants' : 'console.instructions_label')}</p>
            <p>${instructions}</p>
          </div>
        </div>`
      : nothing}
    ${phoneButtons(c, proxy)}
    ${chooserTemplate(c, proxy)}
    ${entry.status === 'missing'
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>`
      : nothing}
    <div class="current-body ${phone ? 'current-body--preview' : ''}">
      <div id="format-area" class="format-area"></div>
      ${phoneTemplate(c, proxy)}
    </div>
  </section>`;
}

// ---------------------------------------------------------------- after each render

function afterRender() {
  const conn = state.conn;
  const view = conn?.view;
  const activity = view?.activity;
  announcer.observe(root, activity, activity ? loadRenderer(activity.format, 'console', update).renderer : null);
  if (activity) {
    renderTimer(root, activity);
    renderPhone(c);
    renderFormat(root.querySelector('#format-area'), 'console', activity, {
      session: view.session,
      pending: conn.optimistic,
      connected: conn.connected,
      send,
      notify: notices.notify,
    }, update);
  }
  afterRenderTeam(root);
  confirm.afterRender(root);
  applyFocus();
}

start();
