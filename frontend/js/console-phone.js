// The phone inside the console, in two modes:
// - "preview as participant": this step as a phone shows it; nothing is sent from it;
// - "contribute for…": the same screen, acting for a person without a phone (the facilitator or
//   the scribe types what Jo says); every command carries `on_behalf_of`, and the minutes say it
//   was entered for them.
// Both render the format's participant renderer with `view.preview` (the activity exactly as a
// participant receives it); the preview has no private data, the proxy mode has that person's
// (`view.proxies[id]`: their notes, their dots left, what they may do).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t, loc } from './i18n.js';
import { icon } from './icons.js';
import { loadRenderer, renderFormat, stepLabel } from './ui.js';
import { personLabel, addPerson } from './console-people.js';
import { inputState } from './console-controls.js';
import { stepInstructions } from './screens-participant.js';

const ui = {
  preview: false,
  proxyFor: null, // participant id of the person without a phone we enter for
  choosing: false, // the "contribute for…" chooser is open
  chosen: '',
  newName: '',
  busy: false,
  sent: 0, // commands accepted for this person since the mode began
  readyLocal: new Map(), // "activity:step:pid" -> done, when the view does not say (anonymous)
};

export function createProxy(c) {
  return {
    get active() {
      return ui.proxyFor;
    },
    start(pid) {
      Object.assign(ui, { proxyFor: pid, preview: false, choosing: false, sent: 0 });
      c.update();
      c.focus('#proxy-banner-title');
      c.root.querySelector('#proxy-phone')?.scrollIntoView({ block: 'nearest' });
    },
    stop() {
      const pid = ui.proxyFor;
      ui.proxyFor = null;
      c.update();
      c.focus(
        `.person[data-participant-id="${CSS.escape(pid ?? '')}"] [data-testid="proxy-start"]`,
        '[data-testid="proxy-open"]',
      );
    },
  };
}

function proxyPeople(c) {
  return (c.view?.session?.participants ?? []).filter((p) => p.proxy);
}

function proxyPerson(c) {
  return proxyPeople(c).find((p) => p.id === ui.proxyFor) ?? null;
}

/** The mode in force: "proxy", "preview" or null. Leaves proxy mode when the person has gone. */
export function phoneMode(c) {
  if (ui.proxyFor && (!c.mayProxy || !c.view?.activity || !proxyPerson(c))) ui.proxyFor = null;
  if (ui.proxyFor) return 'proxy';
  if (ui.preview && c.view && Object.hasOwn(c.view, 'preview')) return 'preview';
  return null;
}

/** The buttons beside the step controls. */
export function phoneButtons(c, proxy) {
  const view = c.view;
  const buttons = [];
  if (view && Object.hasOwn(view, 'preview')) {
    buttons.push(html`<button type="button" class="button preview-toggle" data-testid="preview-toggle"
        aria-pressed=${phoneMode(c) === 'preview' ? 'true' : 'false'}
        aria-controls=${phoneMode(c) === 'preview' ? 'participant-preview' : nothing}
        @click=${() => togglePreview(c)}>
        ${icon('phone')} ${t('console.preview.toggle')}
      </button>`);
  }
  if (c.mayProxy && view?.activity) {
    const on = phoneMode(c) === 'proxy';
    buttons.push(html`<button type="button" class="button proxy-toggle" data-testid="proxy-open"
        aria-expanded=${ui.choosing || on ? 'true' : 'false'}
        @click=${() => {
          if (on) {
            proxy.stop();
            return;
          }
          ui.choosing = !ui.choosing;
          ui.chosen = ui.chosen || proxyPeople(c)[0]?.id || '';
          c.update();
          if (ui.choosing) c.focus('#proxy-select', '#proxy-new-name');
        }}>
        ${icon('hand')} ${on ? t('console.proxy.stop_short') : t('console.proxy.open')}
      </button>`);
  }
  return buttons.length ? html`<div class="phone-buttons">${buttons}</div>` : nothing;
}

function togglePreview(c) {
  ui.preview = !ui.preview;
  if (ui.preview) ui.proxyFor = null;
  c.update();
  // Bring the phone into view (below the sticky step controls, which stay usable).
  if (ui.preview) c.root.querySelector('#participant-preview')?.scrollIntoView({ block: 'nearest' });
}

// ------------------------------------------------------------------ chooser

export function chooserTemplate(c, proxy) {
  if (!ui.choosing || phoneMode(c) === 'proxy' || !c.mayProxy) return nothing;
  const people = proxyPeople(c);
  const close = () => {
    ui.choosing = false;
    c.update();
    c.focus('[data-testid="proxy-open"]');
  };
  const begin = (e) => {
    e.preventDefault();
    const pid = ui.chosen || people[0]?.id;
    if (pid) proxy.start(pid);
  };
  const addAndBegin = async (e) => {
    e.preventDefault();
    if (ui.busy) return;
    ui.busy = true;
    c.update();
    const name = ui.newName.trim();
    const pid = await addPerson(c, name);
    ui.busy = false;
    if (pid) {
      ui.newName = '';
      proxy.start(pid);
    } else {
      c.update();
    }
  };
  return html`<section class="proxy-chooser card" data-testid="proxy-chooser" aria-labelledby="proxy-chooser-title"
      @keydown=${(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}>
    <h3 id="proxy-chooser-title">${icon('hand')} ${t('console.proxy.chooser_title')}</h3>
    <p class="hint">${t('console.proxy.chooser_hint')}</p>
    ${people.length
      ? html`<form class="inline-form" @submit=${begin}>
          <label for="proxy-select">${t('console.proxy.who')}</label>
          <select id="proxy-select" data-testid="proxy-select" data-value=${ui.chosen}
            @change=${(e) => { ui.chosen = e.target.value; }}>
            ${people.map((p) => html`<option value=${p.id} ?selected=${ui.chosen === p.id}>${personLabel(p)}</option>`)}
          </select>
          <button class="button button--primary" data-testid="proxy-begin">${icon('pencil')} ${t('console.proxy.begin')}</button>
        </form>`
      : html`<p class="empty">${t('console.proxy.nobody')}</p>`}
    ${c.may('participant.add')
      ? html`<form class="inline-form proxy-chooser__add" @submit=${addAndBegin} novalidate>
          <label for="proxy-new-name">${t('console.proxy.new_name')}</label>
          <input id="proxy-new-name" data-testid="proxy-add-name" maxlength="40" .value=${live(ui.newName)}
            @input=${(e) => { ui.newName = e.target.value; }} />
          <button class="button" data-testid="proxy-add-submit" ?disabled=${ui.busy}>${icon('plus')} ${t('console.proxy.add_begin')}</button>
        </form>`
      : nothing}
    <button type="button" class="button button--link" data-testid="proxy-cancel" @click=${close}>${t('common.cancel')}</button>
  </section>`;
}

// ------------------------------------------------------------------ the phone

/** The phone frame (preview or proxy), or nothing. */
export function phoneTemplate(c, proxy) {
  const mode = phoneMode(c);
  if (!mode) return nothing;
  const view = c.view;
  const activity = view?.preview;
  const person = mode === 'proxy' ? proxyPerson(c) : null;
  const head = mode === 'proxy' ? proxyBanner(c, proxy, person, view.activity) : previewHead();
  return html`<aside id=${mode === 'proxy' ? 'proxy-phone' : 'participant-preview'}
      class="participant-preview ${mode === 'proxy' ? 'participant-preview--proxy' : ''}"
      data-testid=${mode === 'proxy' ? 'proxy-area' : 'participant-preview'}
      aria-labelledby=${mode === 'proxy' ? 'proxy-banner-title' : 'preview-title'}>
    ${head}
    <div class="phone">
      <div class="phone__screen" tabindex="0" role="region"
        aria-label=${mode === 'proxy' ? t('console.proxy.screen', { name: personLabel(person) }) : t('console.preview.screen')}>
        <div class="topbar">
          <div class="topbar__title">
            <span class="brand">Fabrique</span>
            ${view?.session?.title ? html`<span class="topbar__session">${view.session.title}</span>` : nothing}
          </div>
        </div>
        <div class="page">${phoneBody(c, activity, mode === 'proxy' ? c.view.proxies?.[ui.proxyFor]?.me : null)}</div>
      </div>
    </div>
  </aside>`;
}

function phoneBody(c, activity, me) {
  if (!activity) return html`<p class="empty">${t('console.preview.unavailable')}</p>`;
  const entry = loadRenderer(activity.format, 'participant', c.update);
  const pict = entry.renderer?.pictogram(activity.step?.key) ?? 'idea';
  // What their phone would show: a person holding a format role reads that role's words.
  const instructions = stepInstructions(activity, me);
  return html`<div class="step-head">
      <p class="eyebrow">${activity.title}</p>
      <p class="step-head__title">${loc(activity.step?.title)}</p>
      <p class="step-progress">${stepLabel(activity, loc)}</p>
    </div>
    ${instructions ? html`<div class="instructions">${icon(pict, 'icon--big')}<p>${instructions}</p></div>` : nothing}
    ${entry.status === 'missing' ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>` : nothing}
    <div class="format-area phone-area"></div>`;
}

function previewHead() {
  return html`<div class="participant-preview__head">
    <h3 id="preview-title">${icon('phone')} ${t('console.preview.title')}</h3>
    <p class="hint">${t('console.preview.hint')}
      <span class="participant-preview__instead">${t('console.preview.instead')}</span></p>
  </div>`;
}

function readyKey(activity, pid) {
  return `${activity?.id}:${activity?.step?.key}:${pid}`;
}

function proxyBanner(c, proxy, person, activity) {
  const name = personLabel(person);
  const reason = inputState(activity);
  const asksReady = Boolean(activity?.step?.asks_ready);
  // Named and pseudonymous activities say who is done; an anonymous one only counts.
  const known = activity?.anonymity !== 'anonymous';
  const done = known ? Boolean(person?.ready) : Boolean(ui.readyLocal.get(readyKey(activity, person?.id)));
  const markReady = async () => {
    const ack = await c.send('participant.ready', { ready: !done }, { on_behalf_of: person.id });
    if (ack.ok) ui.readyLocal.set(readyKey(activity, person.id), !done);
    c.update();
    c.focus('[data-testid="proxy-ready"]');
  };
  return html`<div class="proxy-banner" data-testid="proxy-banner" data-participant-id=${person?.id ?? ''}>
    <h3 id="proxy-banner-title" tabindex="-1">${icon('pencil')} ${t('console.proxy.banner', { name })}</h3>
    <p class="hint">${t('console.proxy.banner_hint', { name })}</p>
    ${reason
      ? html`<p class="state-line state-line--closed">${icon('lock')}
          <span>${reason === 'time_up' ? t('console.input.time_up') : t('console.input.locked')}</span></p>`
      : nothing}
    <p class="proxy-banner__sent" data-testid="proxy-sent" data-count=${ui.sent} role="status">
      ${ui.sent ? html`${icon('check')} ${t('console.proxy.sent', { count: ui.sent, name })}` : nothing}
    </p>
    <div class="actions">
      ${asksReady
        ? html`<button type="button" class="button" data-testid="proxy-ready" data-done=${done ? 'true' : 'false'}
            @click=${markReady}>
            ${icon('check')} ${done ? t('console.proxy.not_done', { name }) : t('console.proxy.done', { name })}
          </button>`
        : nothing}
      <button type="button" class="button button--primary" data-testid="proxy-stop" @click=${() => proxy.stop()}>
        ${icon('close')} ${t('console.proxy.stop', { name })}
      </button>
    </div>
  </div>`;
}

// ------------------------------------------------------------------ rendering the renderer

function previewSend(c) {
  return () => {
    const message = t('console.preview.nothing_sent');
    c.notify(message, 'info', 4000);
    return Promise.resolve({ ok: false, error: { code: 'preview', message } });
  };
}

function proxySend(c, pid) {
  return async (type, payload) => {
    const ack = await c.send(type, payload, { on_behalf_of: pid });
    if (ack.ok && ui.proxyFor === pid) {
      ui.sent += 1;
      c.update();
    }
    return ack;
  };
}

export function renderPhone(c) {
  const mode = phoneMode(c);
  const area = c.root.querySelector('.phone-area');
  const view = c.view;
  if (!mode || !area || !view?.preview) return;
  const conn = c.state.conn;
  const pid = ui.proxyFor;
  const theirs = mode === 'proxy' ? view.proxies?.[pid] ?? null : null;
  const activity = theirs?.me?.can ? { ...view.preview, can: theirs.me.can } : view.preview;
  renderFormat(area, 'participant', activity, {
    session: view.session,
    mine: theirs?.mine ?? {},
    me: theirs?.me ?? null,
    connected: conn.connected,
    pending: mode === 'proxy' ? conn.optimistic.filter((cmd) => cmd.on_behalf_of === pid) : [],
    send: mode === 'proxy' ? proxySend(c, pid) : previewSend(c),
    notify: c.notify,
  }, c.update);
}
