// The participant page before the session: the top bar, the join form, arrivals closed, an unknown
// code, an error.
import { html, nothing } from 'lit';
import { t, langSwitch } from './i18n.js';
import { icon } from './icons.js';
import { compactCode, formatCode } from './ui.js';
import { settingsMenu } from './display-settings.js';

/** The phone's top bar: the session, the display menu (large text, contrast), the language. */
export function topbar(title) {
  return html`<header class="topbar">
    <div class="topbar__title">
      <span class="brand">Fabrique</span>
      ${title ? html`<span class="topbar__session">${title}</span>` : nothing}
    </div>
    <div class="topbar__tools">${settingsMenu()} ${langSwitch()}</div>
  </header>`;
}

/**
 * The join form. `state` holds {info, joinNotice, joinError, busy}; `onSubmit` joins.
 */
export function joinTemplate(code, state, onSubmit) {
  const info = state.info ?? {};
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <p class="eyebrow">${t('join.eyebrow', { code: formatCode(code) })}</p>
      <h1 data-testid="join-title">${info.title}</h1>
      ${state.joinNotice
        ? html`<p class="callout callout--info">${icon('info')}<span>${state.joinNotice}</span></p>`
        : nothing}
      <p class="lead">${t('join.lead')}</p>
      <form class="card form" @submit=${onSubmit} novalidate>
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
          ? html`<p class="field-error" id="join-error" data-testid="join-error">${icon('alert')}<span>${state.joinError}</span></p>`
          : nothing}
        <button
          class="button button--primary button--big"
          data-testid="join-button"
          ?disabled=${state.busy}
          aria-busy=${state.busy ? 'true' : 'false'}
        >
          ${icon(state.busy ? 'hourglass' : 'arrowRight')} ${state.busy ? t('join.busy') : t('join.button')}
        </button>
      </form>
      <p class="hint center">${t('join.privacy')}</p>
    </main>`;
}

/** Arrivals closed: said before anything is asked; "try again" looks the session up again. */
export function lockedTemplate(info, onRetry) {
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <h1 data-testid="join-title">${info?.title}</h1>
      <div class="closed-card" data-testid="join-locked" role="status">
        ${icon('lock', 'icon--big')}
        <div>
          <p class="closed-card__title">${t('join.locked.title')}</p>
          <p>${t('join.locked.text')}</p>
        </div>
      </div>
      <button class="button button--primary" data-testid="join-locked-retry" @click=${onRetry}>${t('common.retry')}</button>
    </main>`;
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
    <button class="button button--primary" data-testid="code-submit">${icon('arrowRight')} ${t('home.join.button')}</button>
  </form>`;
}

/** An unknown code: say so, and ask for it again. */
export function unknownTemplate(code) {
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <h1>${t('join.unknown.title')}</h1>
      <p class="lead">${t('join.unknown.text', { code: formatCode(code) })}</p>
      ${codeForm()}
    </main>`;
}

export function errorTemplate(message, onRetry) {
  return html`${topbar()}
    <main id="main" class="page page--narrow">
      <h1>${t('join.error.title')}</h1>
      <p class="callout callout--error">${icon('alert')}<span>${message}</span></p>
      <button class="button button--primary" @click=${onRetry}>${t('common.retry')}</button>
    </main>`;
}
