// Home page, served at /: create a session, or join one with its code.
import { html, render, nothing } from 'lit';
import { initI18n, t, lang, langSwitch, onLangChange } from './i18n.js';
import { icon } from './icons.js';
import { KEYS, getJSON, setJSON } from './store.js';
import { compactCode, fetchJSON } from './ui.js';
import { applyDisplaySettings } from './display-settings.js';

applyDisplaySettings();
const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const state = {
  needPassphrase: false,
  createErrors: {},
  createError: '',
  creating: false,
  joinError: '',
  joining: false,
  recent: [],
  templates: null, // null while loading, [] when none, 'error' when they could not be loaded
  templatesLang: '',
  template: '', // '' = an empty session
};

function update() {
  render(template(), root);
}

async function start() {
  await initI18n();
  const recent = getJSON(KEYS.recentSessions, []);
  state.recent = Array.isArray(recent) ? recent : [];
  onLangChange(() => {
    document.title = t('home.page_title');
    update();
  });
  document.title = t('home.page_title');
  update();
  loadTemplates(lang());
}

// ---------------------------------------------------------------- templates

/** The agendas a session may start from, in the language the session will speak. */
async function loadTemplates(language) {
  if (state.templatesLang === language && Array.isArray(state.templates)) return;
  state.templatesLang = language;
  state.templates = null;
  update();
  try {
    const { status, data } = await fetchJSON(`/api/templates?lang=${encodeURIComponent(language)}`);
    if (state.templatesLang !== language) return; // another language was picked meanwhile
    state.templates = status === 200 && Array.isArray(data) ? data : 'error';
  } catch {
    state.templates = 'error';
  }
  if (Array.isArray(state.templates) && !state.templates.some((x) => x.id === state.template)) state.template = '';
  update();
}

// ---------------------------------------------------------------- create

async function create(e) {
  e.preventDefault();
  if (state.creating) return;
  const form = e.target;
  const title = form.elements.title.value.trim();
  const facilitator_name = form.elements.facilitator_name.value.trim();
  const language = form.elements.language.value || lang();
  state.createErrors = {};
  state.createError = '';
  if (!title) {
    state.createErrors.title = t('form.error.required');
    update();
    form.elements.title.focus();
    return;
  }
  const body = { title, facilitator_name, language };
  if (state.template) body.template = state.template;
  if (state.needPassphrase) body.passphrase = form.elements.passphrase.value;
  state.creating = true;
  update();
  try {
    const { status, data } = await fetchJSON('/api/sessions', { json: body });
    if (status === 201 || status === 200) {
      remember(data, title);
      location.href = data.facilitator_url;
      return;
    }
    const err = data?.error ?? {};
    if (status === 404 && err.code === 'unknown_template') {
      state.createErrors.template = t('home.templates.unknown');
      state.templatesLang = '';
      loadTemplates(language);
    } else if (status === 403 && err.code === 'passphrase_required') {
      const already = state.needPassphrase;
      state.needPassphrase = true;
      state.createErrors.passphrase = already ? t('home.create.passphrase_wrong') : t('home.create.passphrase_needed');
    } else if (status === 400 && err.field && ['title', 'facilitator_name', 'language', 'passphrase'].includes(err.field)) {
      state.createErrors[err.field] = err.message || t('form.error.invalid');
    } else if (status === 429) {
      state.createError = t('join.rate_limited');
    } else {
      state.createError = err.message || t('error.server');
    }
  } catch {
    state.createError = t('error.network');
  }
  state.creating = false;
  update();
  const firstBad = Object.keys(state.createErrors)[0];
  if (firstBad) form.elements[firstBad]?.focus();
}

function remember(data, title) {
  const entry = {
    id: data.id,
    title,
    join_code: data.join_code,
    facilitator_url: data.facilitator_url,
    created_at: new Date().toISOString(),
  };
  const recent = [entry, ...state.recent.filter((s) => s.id !== data.id)].slice(0, 10);
  setJSON(KEYS.recentSessions, recent);
}

function forget(id) {
  state.recent = state.recent.filter((s) => s.id !== id);
  setJSON(KEYS.recentSessions, state.recent);
  update();
}

// ---------------------------------------------------------------- join

async function joinWithCode(e) {
  e.preventDefault();
  if (state.joining) return;
  const form = e.target;
  const code = compactCode(form.elements.code.value);
  state.joinError = '';
  if (code.length !== 8) {
    state.joinError = t('home.join.invalid');
    update();
    form.elements.code.focus();
    return;
  }
  state.joining = true;
  update();
  try {
    const { status } = await fetchJSON(`/api/join/${code}`);
    if (status === 404) state.joinError = t('home.join.unknown');
    else if (status === 429) state.joinError = t('join.rate_limited');
    else {
      location.href = `/j/${code}`;
      return;
    }
  } catch {
    location.href = `/j/${code}`; // the participant page explains what is wrong, if anything
    return;
  }
  state.joining = false;
  update();
  form.elements.code.focus();
}

// ---------------------------------------------------------------- template

function fieldError(name) {
  const err = state.createErrors[name];
  return err ? html`<p class="field-error" id="err-${name}">${icon('alert')}<span>${err}</span></p>` : nothing;
}

function template() {
  const current = lang();
  return html`<header class="topbar">
      <div class="topbar__title"><span class="brand">Fabrique</span></div>
      ${langSwitch()}
    </header>
    <main id="main" class="page page--home">
      <h1 class="home-title">${t('home.title')}</h1>
      <p class="lead">${t('home.tagline')}</p>
      <div class="home-grid">
        <section class="card" aria-labelledby="join-title">
          <h2 id="join-title">${icon('phone')} ${t('home.join.title')}</h2>
          <form class="form" @submit=${joinWithCode} novalidate data-testid="join-code-form">
            <div class="field">
              <label for="code">${t('home.join.label')}</label>
              <p class="hint" id="code-hint">${t('home.join.hint')}</p>
              <input id="code" name="code" class="code-input" data-testid="join-code-input" autocomplete="off"
                autocapitalize="characters" spellcheck="false" maxlength="12" placeholder="XXXX-XXXX"
                aria-describedby="code-hint ${state.joinError ? 'code-error' : ''}"
                aria-invalid=${state.joinError ? 'true' : 'false'} />
              ${state.joinError ? html`<p class="field-error" id="code-error">${icon('alert')}<span>${state.joinError}</span></p>` : nothing}
            </div>
            <button class="button button--primary" data-testid="join-code-submit" ?disabled=${state.joining}>
              ${icon('arrowRight')} ${t('home.join.button')}
            </button>
          </form>
        </section>

        <section class="card" aria-labelledby="create-title">
          <h2 id="create-title">${icon('users')} ${t('home.create.title')}</h2>
          <p class="hint">${t('home.create.intro')}</p>
          <form class="form" @submit=${create} novalidate data-testid="create-form">
            <div class="field">
              <label for="title">${t('home.create.session_title')} <span class="required">${t('form.required')}</span></label>
              <p class="hint" id="title-hint">${t('home.create.session_title_hint')}</p>
              <input id="title" name="title" maxlength="200" data-testid="create-title" required
                aria-describedby="title-hint ${state.createErrors.title ? 'err-title' : ''}"
                aria-invalid=${state.createErrors.title ? 'true' : 'false'} />
              ${fieldError('title')}
            </div>
            <div class="field">
              <label for="facilitator_name">${t('home.create.facilitator')}</label>
              <input id="facilitator_name" name="facilitator_name" maxlength="80" autocomplete="name"
                data-testid="create-facilitator"
                aria-describedby=${state.createErrors.facilitator_name ? 'err-facilitator_name' : nothing}
                aria-invalid=${state.createErrors.facilitator_name ? 'true' : 'false'} />
              ${fieldError('facilitator_name')}
            </div>
            <fieldset class="field">
              <legend>${t('home.create.language')}</legend>
              <div class="choices" @change=${(e) => loadTemplates(e.target.value)}>
                <label class="choice"><input type="radio" name="language" value="fr" data-testid="create-language-fr"
                  ?checked=${current === 'fr'} /> Français</label>
                <label class="choice"><input type="radio" name="language" value="en" data-testid="create-language-en"
                  ?checked=${current === 'en'} /> English</label>
              </div>
              ${fieldError('language')}
            </fieldset>
            ${templatesTemplate()}
            ${state.needPassphrase
              ? html`<div class="field">
                  <label for="passphrase">${t('home.create.passphrase')}</label>
                  <p class="hint" id="passphrase-hint">${t('home.create.passphrase_hint')}</p>
                  <input id="passphrase" name="passphrase" type="password" autocomplete="current-password"
                    data-testid="create-passphrase"
                    aria-describedby="passphrase-hint ${state.createErrors.passphrase ? 'err-passphrase' : ''}"
                    aria-invalid=${state.createErrors.passphrase ? 'true' : 'false'} />
                  ${fieldError('passphrase')}
                </div>`
              : nothing}
            ${state.createError ? html`<p class="field-error">${icon('alert')}<span>${state.createError}</span></p>` : nothing}
            <button class="button button--primary button--big" data-testid="create-submit" ?disabled=${state.creating}>
              ${icon(state.creating ? 'hourglass' : 'plus')} ${state.creating ? t('home.create.busy') : t('home.create.button')}
            </button>
          </form>
        </section>
      </div>
      ${state.recent.length ? recentTemplate() : nothing}
    </main>`;
}

function templateOption({ id, title, description, builtin, activities }) {
  const key = id ? `tpl-${id}` : 'tpl-empty';
  const checked = state.template === (id ?? '');
  const pick = () => {
    state.template = id ?? '';
    update();
  };
  return html`<div class="template-option ${checked ? 'template-option--checked' : ''}" @click=${pick}>
    <input type="radio" name="template" id=${key} value=${id ?? ''} .checked=${checked} @change=${pick}
      data-testid=${id ? 'create-template' : 'create-template-empty'} data-template-id=${id ?? ''}
      aria-describedby="${key}-desc" />
    <div class="template-option__body">
      <label for=${key} class="template-option__title">${title}${builtin === false
        ? html` <span class="template-option__tag">${t('home.templates.saved')}</span>`
        : nothing}</label>
      <div id="${key}-desc" class="template-option__desc">
        ${description ? html`<p>${description}</p>` : nothing}
        ${activities?.length && !onlyRepeats(title, activities)
          ? html`<p class="template-option__contains">${t('home.templates.contains')}</p>
              <ol class="template-option__list">
                ${activities.map((a) => html`<li>${a.title || a.format_title}${same(a.title, a.format_title)
                  ? nothing
                  : html` <span class="hint">· ${a.format_title}</span>`}</li>`)}
              </ol>`
          : nothing}
      </div>
    </div>
  </div>`;
}

function same(a, b) {
  return !a || !b || a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** A card whose one activity has the card's own title: the list would only say it again. */
function onlyRepeats(title, activities) {
  return activities.length === 1 && same(activities[0].title || activities[0].format_title, title);
}

function templatesTemplate() {
  const list = state.templates;
  return html`<fieldset class="field templates" data-testid="create-templates"
      aria-describedby=${state.createErrors.template ? 'err-template' : nothing}>
    <legend>${t('home.templates.legend')}</legend>
    ${templateOption({ title: t('home.templates.empty'), description: t('home.templates.empty_hint') })}
    ${list === null ? html`<p class="hint">${t('home.templates.loading')}</p>` : nothing}
    ${list === 'error' ? html`<p class="hint">${icon('info')} ${t('home.templates.error')}</p>` : nothing}
    ${Array.isArray(list) ? list.map(templateOption) : nothing}
    ${fieldError('template')}
  </fieldset>`;
}

function recentTemplate() {
  const fmt = new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' });
  return html`<section class="recent" aria-labelledby="recent-title">
    <h2 id="recent-title">${t('home.recent.title')}</h2>
    <p class="hint">${t('home.recent.hint')}</p>
    <ul class="recent__list">
      ${state.recent.map(
        (s) => html`<li class="recent__item" data-testid="recent-session">
          <div>
            <p class="recent__title">${s.title}</p>
            <p class="hint">${s.created_at ? fmt.format(new Date(s.created_at)) : ''}</p>
          </div>
          <div class="actions">
            <a class="button" href=${s.facilitator_url}>${t('home.recent.open')}</a>
            <button class="button button--link" @click=${() => forget(s.id)}
              aria-label=${t('home.recent.forget_aria', { title: s.title })}>${t('home.recent.forget')}</button>
          </div>
        </li>`,
      )}
    </ul>
  </section>`;
}

start();
