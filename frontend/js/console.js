// Facilitator console, served at /s/{session_id}/console (the HttpOnly cookie authenticates).
// Top: join code, QR, room screen, minutes. Left: agenda and "add an activity". Centre: the
// current activity's steps and the format's console renderer. Right: who is in the room.
import { html, render, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { t, loc, lang, langSwitch } from './i18n.js';
import { openFacilitatorScreen } from './facilitator-screen.js';
import { statusTemplate } from './status.js';
import { icon } from './icons.js';
import { formatCode, qrUrl, shortUrl, fetchJSON, errorText, createNotices, loadRenderer, renderFormat, stepLabel } from './ui.js';

const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const sessionId = decodeURIComponent(location.pathname.split('/')[2] ?? '');

const state = {
  conn: null,
  formats: null, // GET /api/formats
  formatsLang: null,
  formatsError: false,
  chosenFormat: null,
  formErrors: {},
  formError: '',
  adding: false,
  unauthorized: false,
  preview: false, // "preview as participant": the phone's view of this step, beside the console's
};
const notices = createNotices(update);

function update() {
  render(template(), root);
  afterRender();
}

async function start() {
  const conn = await openFacilitatorScreen({
    sessionId, screen: 'console', titleKey: 'console.page_title', state, update, onLang: loadFormats,
  });
  conn.addEventListener('rejected', (e) => notices.notify(errorText(e.detail.ack, conn.serverLang)));
  conn.connect();
  loadFormats();
  update();
}

async function loadFormats() {
  const l = lang();
  if (state.formatsLang === l && state.formats) return;
  state.formatsLang = l;
  try {
    const { status, data } = await fetchJSON(`/api/formats?lang=${l}`);
    if (status === 200 && Array.isArray(data)) {
      state.formats = data;
      state.formatsError = false;
      if (!state.chosenFormat || !data.some((f) => f.name === state.chosenFormat)) {
        state.chosenFormat = data[0]?.name ?? null;
      }
    } else {
      state.formatsError = true;
    }
  } catch {
    state.formatsError = true;
    state.formatsLang = null;
  }
  update();
}

async function send(type, payload) {
  const ack = await state.conn.send(type, payload);
  if (!ack.ok) notices.notify(errorText(ack, state.conn.serverLang));
  return ack;
}

function formatInfo(name) {
  return state.formats?.find((f) => f.name === name) ?? null;
}

// ---------------------------------------------------------------- templates

function template() {
  if (state.unauthorized) {
    return html`<main id="main" class="page page--narrow">
      <h1>${t('console.unauthorized.title')}</h1>
      <p class="callout callout--error">${icon('alert')}<span>${t('console.unauthorized.text')}</span></p>
      <p><a class="button" href="/">${t('common.home')}</a></p>
    </main>`;
  }
  const view = state.conn?.view;
  const session = view?.session;
  return html`<a class="skip-link" href="#main">${t('common.skip')}</a>
    ${topTemplate(session)}
    <div class="console-grid">
      ${agendaTemplate(session, view?.activity)}
      <main id="main" class="console-main" tabindex="-1">
        ${!view ? html`<p class="loading">${t('common.loading')}</p>` : currentTemplate(session, view.activity)}
      </main>
      ${peopleTemplate(session)}
    </div>
    ${notices.template()}`;
}

function topTemplate(session) {
  const code = session?.join_code ?? '';
  const newTab = html`<span class="sr-only"> ${t('common.new_tab')}</span>`;
  return html`<header class="console-top">
    <div class="console-top__title">
      <span class="brand">Fabrique</span>
      <h1 data-testid="session-title">${session?.title ?? ''}</h1>
      ${session?.facilitator_name
        ? html`<p class="hint">${t('console.facilitated_by', { name: session.facilitator_name })}</p>`
        : nothing}
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
      <a class="button" href="/s/${encodeURIComponent(sessionId)}/room" target="_blank" rel="noopener" data-testid="open-room">
        ${icon('screen')} ${t('console.open_room')}${newTab}
      </a>
      <a class="button" href="/api/sessions/${encodeURIComponent(sessionId)}/minutes.md?lang=${lang()}" download
        data-testid="minutes-download">${icon('download')} ${t('console.minutes_download')}</a>
      <a class="button" href="/api/sessions/${encodeURIComponent(sessionId)}/minutes.html?lang=${lang()}" target="_blank"
        rel="noopener" data-testid="minutes-print">${icon('printer')} ${t('console.minutes_print')}${newTab}</a>
    </nav>
    <div class="console-top__end">${statusTemplate(state.conn)} ${langSwitch()}</div>
  </header>`;
}

// ---------------------------------------------------------------- agenda (left)

function agendaTemplate(session, activity) {
  const activities = session?.activities ?? [];
  return html`<aside class="console-side console-agenda" aria-labelledby="agenda-title">
    <nav aria-labelledby="agenda-title">
      <h2 id="agenda-title">${t('console.agenda')}</h2>
      ${activities.length === 0 ? html`<p class="empty">${t('console.agenda_empty')}</p>` : nothing}
      <ol class="agenda">
        ${activities.map((a) => {
          const current = a.current || a.id === session.current_activity_id;
          return html`<li class="agenda__item ${current ? 'agenda__item--current' : ''}" data-testid="agenda-item"
              data-activity-id=${a.id} aria-current=${current ? 'true' : 'false'}>
            <div class="agenda__text">
              <p class="agenda__title">${a.title}</p>
              <p class="agenda__format">${formatInfo(a.format)?.title ?? a.format}</p>
            </div>
            ${current
              ? html`<span class="badge badge--current">${icon('arrowRight')} ${t('console.current')}</span>`
              : html`<button class="button button--small" data-testid="open-activity"
                  aria-label=${t('console.open_activity_aria', { title: a.title })}
                  @click=${() => send('session.open_activity', { activity_id: a.id })}>
                  ${t('console.open_activity')}
                </button>`}
            ${current && activity?.id === a.id ? miniSteps(activity) : nothing}
          </li>`;
        })}
      </ol>
    </nav>
    ${addActivityTemplate()}
  </aside>`;
}

function miniSteps(activity) {
  const idx = activity.step?.index ?? 0;
  return html`<ol class="mini-steps">
    ${(activity.steps ?? []).map(
      (s, i) => html`<li class=${i === idx ? 'is-current' : i < idx ? 'is-done' : ''}>
        ${i < idx ? icon('check') : i === idx ? icon('arrowRight') : html`<span class="mini-steps__n">${i + 1}</span>`}
        ${loc(s.title)}${i === idx ? html`<span class="sr-only"> ${t('console.step_current')}</span>` : nothing}
      </li>`,
    )}
  </ol>`;
}

function fieldId(key) {
  return `af-${key}`;
}

function configField(f) {
  const id = fieldId(f.key);
  const label = loc(f.label) || f.key;
  const err = state.formErrors[f.key];
  const describedBy = `${f.help ? `${id}-hint` : ''} ${err ? `${id}-error` : ''}`.trim();
  let control;
  if (f.type === 'lines') {
    control = html`<textarea id=${id} name=${f.key} rows="4" data-testid="add-activity-config-${f.key}"
      aria-describedby=${describedBy || nothing} aria-invalid=${err ? 'true' : 'false'}
      .defaultValue=${Array.isArray(f.default) ? f.default.join('\n') : ''}></textarea>`;
  } else if (f.type === 'int') {
    control = html`<input id=${id} name=${f.key} type="number" inputmode="numeric" step="1"
      min=${f.min ?? nothing} max=${f.max ?? nothing} value=${f.default ?? ''} class="input--short"
      data-testid="add-activity-config-${f.key}" aria-describedby=${describedBy || nothing}
      aria-invalid=${err ? 'true' : 'false'} />`;
  } else {
    control = html`<input id=${id} name=${f.key} type="text" maxlength=${f.max_length ?? nothing}
      value=${f.default ?? ''} data-testid="add-activity-config-${f.key}"
      aria-describedby=${describedBy || nothing} aria-invalid=${err ? 'true' : 'false'} />`;
  }
  return html`<div class="field">
    <label for=${id}>${label}${f.required ? html` <span class="required">${t('form.required')}</span>` : nothing}</label>
    ${f.help ? html`<p class="hint" id="${id}-hint">${loc(f.help)}</p>` : nothing}
    ${control}
    ${err ? html`<p class="field-error" id="${id}-error">${icon('alert')}<span>${err}</span></p>` : nothing}
  </div>`;
}

function readConfig(form, format) {
  const config = {};
  const errors = {};
  for (const f of format.config ?? []) {
    const el = form.elements[f.key];
    if (!el) continue;
    const raw = el.value;
    if (f.type === 'lines') {
      const items = raw.split('\n').map((s) => s.trim()).filter(Boolean);
      if (f.required && !items.length) errors[f.key] = t('form.error.required');
      else if (f.max_items && items.length > f.max_items) errors[f.key] = t('form.error.max_items', { max: f.max_items });
      else if (f.max_length && items.some((i) => i.length > f.max_length)) {
        errors[f.key] = t('form.error.line_too_long', { max: f.max_length });
      }
      if (items.length) config[f.key] = items;
    } else if (f.type === 'int') {
      if (raw.trim() === '') {
        if (f.required) errors[f.key] = t('form.error.required');
        continue;
      }
      const n = Number(raw);
      if (!Number.isInteger(n)) errors[f.key] = t('form.error.integer');
      else if ((f.min != null && n < f.min) || (f.max != null && n > f.max)) {
        errors[f.key] = t('form.error.range', { min: f.min ?? '…', max: f.max ?? '…' });
      } else config[f.key] = n;
    } else {
      const text = raw.trim();
      if (f.required && !text) errors[f.key] = t('form.error.required');
      else if (f.max_length && text.length > f.max_length) errors[f.key] = t('form.error.too_long', { max: f.max_length });
      if (text) config[f.key] = text;
    }
  }
  return { config, errors };
}

async function addActivity(e) {
  e.preventDefault();
  if (state.adding) return;
  const form = e.target;
  const format = formatInfo(form.elements.format.value);
  if (!format) return;
  const { config, errors } = readConfig(form, format);
  state.formErrors = errors;
  state.formError = '';
  if (Object.keys(errors).length) {
    update();
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  const title = form.elements.title.value.trim() || loc(format.title);
  state.adding = true;
  update();
  const ack = await state.conn.send('session.add_activity', { format: format.name, title, config });
  state.adding = false;
  if (ack.ok) {
    form.reset();
    notices.notify(t('console.activity_added', { title }), 'success', 4000);
  } else {
    const field = ack.error?.field;
    const message = errorText(ack, state.conn.serverLang);
    if (field && form.elements[field]) state.formErrors = { [field]: message };
    else state.formError = message;
  }
  update();
}

function addActivityTemplate() {
  const formats = state.formats ?? [];
  const format = formatInfo(state.chosenFormat) ?? formats[0];
  return html`<section class="add-activity" aria-labelledby="add-activity-title">
    <h2 id="add-activity-title">${t('console.add_activity')}</h2>
    ${state.formatsError
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('console.formats_error')}</span></p>
          <button class="button" @click=${() => { state.formatsLang = null; loadFormats(); }}>${t('common.retry')}</button>`
      : !format
        ? html`<p class="loading">${t('common.loading')}</p>`
        : html`<form class="form" data-testid="add-activity-form" @submit=${addActivity} novalidate>
            <div class="field">
              <label for="af-format">${t('console.format')}</label>
              <select id="af-format" name="format" data-testid="add-activity-format"
                @change=${(e) => { state.chosenFormat = e.target.value; state.formErrors = {}; update(); }}>
                ${formats.map((f) => html`<option value=${f.name} ?selected=${f.name === format.name}>${loc(f.title)}</option>`)}
              </select>
              ${format.description ? html`<p class="hint">${loc(format.description)}</p>` : nothing}
            </div>
            <div class="field">
              <label for="af-title">${t('console.activity_title')}</label>
              <p class="hint" id="af-title-hint">${t('console.activity_title_hint', { title: loc(format.title) })}</p>
              <input id="af-title" name="title" maxlength="120" data-testid="add-activity-title" aria-describedby="af-title-hint" />
            </div>
            ${keyed(format.name, (format.config ?? []).map(configField))}
            ${state.formError ? html`<p class="field-error">${icon('alert')}<span>${state.formError}</span></p>` : nothing}
            <button class="button button--primary" data-testid="add-activity-submit" ?disabled=${state.adding}>
              ${icon('plus')} ${t('console.add_activity_submit')}
            </button>
          </form>`}
  </section>`;
}

// ---------------------------------------------------------------- current activity (centre)

function currentTemplate(session, activity) {
  if (!activity) {
    const any = (session?.activities ?? []).length > 0;
    return html`<section class="empty-state">
      ${icon('idea', 'icon--huge')}
      <h2>${any ? t('console.none_open') : t('console.start_title')}</h2>
      <p>${any ? t('console.none_open_text') : t('console.start_text')}</p>
    </section>`;
  }
  const steps = activity.steps ?? [];
  const idx = activity.step?.index ?? 0;
  const next = steps[idx + 1];
  // Shown when the server allows the command (`can`) and there is a step to go to.
  const canNext = activity.can?.includes('step.next') && (!steps.length || idx < steps.length - 1);
  const canPrev = activity.can?.includes('step.previous') && idx > 0;
  const entry = loadRenderer(activity.format, 'console', update);
  const pict = entry.module?.pictogram?.(activity.step?.key) ?? 'idea';
  const instructions = loc(activity.instructions);
  return html`<section class="current" aria-labelledby="current-title" data-step=${activity.step?.key ?? ''}>
    <p class="eyebrow">${formatInfo(activity.format)?.title ?? activity.format}</p>
    <h2 id="current-title" class="current__title">${activity.title}</h2>
    <ol class="stepper" aria-label=${t('console.steps')}>
      ${steps.map(
        (s, i) => html`<li class="stepper__step ${i < idx ? 'is-done' : i === idx ? 'is-current' : ''}"
            aria-current=${i === idx ? 'step' : 'false'} data-testid="stepper-step">
          <span class="stepper__num">${i < idx ? icon('check') : i + 1}</span>
          <span class="stepper__title">${loc(s.title)}</span>
          ${i === idx ? html`<span class="stepper__now">${t('console.step_current')}</span>` : nothing}
          ${s.minutes ? html`<span class="stepper__min">${t('console.minutes_short', { count: s.minutes })}</span>` : nothing}
        </li>`,
      )}
    </ol>
    <div class="step-controls">
      ${canPrev
        ? html`<button class="button" data-testid="step-previous" @click=${() => send('step.previous', {})}>
            ${icon('arrowLeft')} ${t('console.previous_step')}
          </button>`
        : nothing}
      ${canNext
        ? html`<button class="button button--primary" data-testid="step-next" @click=${() => send('step.next', {})}>
            ${next ? t('console.next_step_named', { title: loc(next.title) }) : t('console.next_step')} ${icon('arrowRight')}
          </button>`
        : steps.length && !next
          ? html`<p class="hint" data-testid="last-step">${icon('check')} ${t('console.last_step')}</p>`
          : nothing}
      <button type="button" class="button preview-toggle" data-testid="preview-toggle"
        aria-pressed=${state.preview ? 'true' : 'false'} aria-controls=${state.preview ? 'participant-preview' : nothing}
        @click=${togglePreview}>
        ${icon('phone')} ${t('console.preview.toggle')}
      </button>
    </div>
    ${instructions
      ? html`<div class="instructions" data-testid="instructions">
          ${icon(pict, 'icon--big')}
          <div>
            <p class="instructions__label">${t('console.instructions_label')}</p>
            <p>${instructions}</p>
          </div>
        </div>`
      : nothing}
    ${entry.status === 'missing'
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>`
      : nothing}
    <div class="current-body ${state.preview ? 'current-body--preview' : ''}">
      <div id="format-area" class="format-area"></div>
      ${state.preview ? previewTemplate(session, state.conn?.view?.preview) : nothing}
    </div>
  </section>`;
}

// ---------------------------------------------------------------- preview as participant

/**
 * A phone-sized frame showing this step as a participant's phone does: the same header and
 * instructions, and the format's participant renderer with the participant's view of the activity
 * (`view.preview`) and empty private data. Nothing is sent from it.
 */
function previewTemplate(session, activity) {
  const entry = activity ? loadRenderer(activity.format, 'participant', update) : null;
  const pict = entry?.module?.pictogram?.(activity.step?.key) ?? 'idea';
  const instructions = activity ? loc(activity.instructions) : '';
  return html`<aside id="participant-preview" class="participant-preview" data-testid="participant-preview"
      aria-labelledby="preview-title">
    <div class="participant-preview__head">
      <h3 id="preview-title">${icon('phone')} ${t('console.preview.title')}</h3>
      <p class="hint">${t('console.preview.hint')}
        <span class="participant-preview__instead">${t('console.preview.instead')}</span></p>
    </div>
    <div class="phone">
      <div class="phone__screen" tabindex="0" role="region" aria-label=${t('console.preview.screen')}>
        <div class="topbar">
          <div class="topbar__title">
            <span class="brand">Fabrique</span>
            ${session?.title ? html`<span class="topbar__session">${session.title}</span>` : nothing}
          </div>
        </div>
        <div class="page">
          ${!activity
            ? html`<p class="empty">${t('console.preview.unavailable')}</p>`
            : html`<div class="step-head">
                  <p class="eyebrow">${activity.title}</p>
                  <p class="step-head__title">${loc(activity.step?.title)}</p>
                  <p class="step-progress">${stepLabel(activity, loc)}</p>
                </div>
                ${instructions
                  ? html`<div class="instructions">${icon(pict, 'icon--big')}<p>${instructions}</p></div>`
                  : nothing}
                ${entry.status === 'missing'
                  ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>`
                  : nothing}
                <div class="format-area preview-area"></div>`}
        </div>
      </div>
    </div>
  </aside>`;
}

function togglePreview() {
  state.preview = !state.preview;
  update();
  // Bring the phone into view (below the sticky step controls, which stay usable).
  if (state.preview) root.querySelector('#participant-preview')?.scrollIntoView({ block: 'nearest' });
}

function previewSend() {
  const message = t('console.preview.nothing_sent');
  notices.notify(message, 'info', 4000);
  return Promise.resolve({ ok: false, error: { code: 'preview', message } });
}

function renderPreview(view) {
  const area = root.querySelector('.preview-area');
  const activity = view?.preview;
  if (!state.preview || !area || !activity) return;
  renderFormat(area, 'participant', activity, {
    session: view.session,
    connected: state.conn.connected,
    send: previewSend,
    notify: notices.notify,
  }, update);
}

// ---------------------------------------------------------------- the room (right)

function peopleTemplate(session) {
  const people = (session?.participants ?? [])
    .map((p, i) => ({ ...p, label: p.name || t('participant.anonymous', { number: p.number ?? i + 1 }) }))
    .sort((a, b) => Number(b.connected) - Number(a.connected) || a.label.localeCompare(b.label));
  const total = session?.participant_count ?? people.length;
  const connected = session?.connected_count ?? people.filter((p) => p.connected).length;
  const remote = people.filter((p) => p.remote).length;
  return html`<aside class="console-side console-people" aria-labelledby="people-title">
    <h2 id="people-title">${t('console.room')}</h2>
    <ul class="counts" data-testid="participant-counts">
      <li><strong>${total}</strong> ${t('console.participants_count_label', { count: total })}</li>
      <li>${icon('connected')} <strong>${connected}</strong> ${t('console.connected_label', { count: connected })}</li>
      <li>${icon('remote')} <strong>${remote}</strong> ${t('console.remote_label', { count: remote })}</li>
    </ul>
    ${people.length === 0
      ? html`<p class="empty">${t('console.nobody')}</p>`
      : html`<ul class="people">
          ${people.map(
            (p) => html`<li class="person ${p.connected ? '' : 'person--away'}" data-testid="participant"
                data-connected=${p.connected ? 'true' : 'false'} data-remote=${p.remote ? 'true' : 'false'}>
              <span class="person__name ${p.name ? '' : 'person__name--anonymous'}">${p.label}</span>
              <span class="person__tags">
                <span class="tag ${p.connected ? 'tag--on' : 'tag--off'}">
                  ${icon(p.connected ? 'connected' : 'offline')} ${p.connected ? t('console.connected') : t('console.away')}
                </span>
                <span class="tag">${icon(p.remote ? 'remote' : 'room')} ${p.remote ? t('console.remote') : t('console.in_room')}</span>
              </span>
            </li>`,
          )}
        </ul>`}
  </aside>`;
}

// ---------------------------------------------------------------- renderer

function afterRender() {
  const conn = state.conn;
  const view = conn?.view;
  const activity = view?.activity;
  if (!activity) return;
  renderPreview(view);
  renderFormat(root.querySelector('#format-area'), 'console', activity, {
    session: view.session,
    pending: conn.optimistic,
    connected: conn.connected,
    send,
    notify: notices.notify,
  }, update);
}

start();
