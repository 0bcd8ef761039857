// The phone's pieces around a format's action area: input closed, "I'm done", the name a named
// activity needs, what the anonymity level means, what the room screen shows (for remote
// attendees) and the page of a person removed from the session.
import { html, nothing } from 'lit';
import { t, loc } from './i18n.js';
import { icon } from './icons.js';

/** The action area says plainly that input is closed, and why. */
export function inputClosedTemplate(reason) {
  if (!reason) return nothing;
  return html`<div class="closed-card" data-testid="input-closed" data-reason=${reason} role="status">
    ${icon('lock', 'icon--big')}
    <div>
      <p class="closed-card__title">${t('screens.closed.title')}</p>
      <p>${t(reason === 'time_up' ? 'screens.closed.time_up' : 'screens.closed.input_locked')}</p>
    </div>
  </div>`;
}

/** This person's "I'm done", counting a press still on its way. */
export function isReady(me, pending) {
  let ready = Boolean(me?.ready);
  for (const c of pending ?? []) if (c.type === 'participant.ready') ready = Boolean(c.payload?.ready);
  return ready;
}

export function readyCountText(activity, session) {
  const count = activity?.ready_count ?? 0;
  const total = Math.max(count, activity?.ready_total ?? session?.participant_count ?? 0);
  return t('screens.ready.count', { count, total });
}

/**
 * "J'ai fini" as a toggle (aria-pressed): pressing again takes it back. Shown when the step asks
 * for it and this person may send it now.
 */
export function readyTemplate({ activity, session, me, pending, send }) {
  const mayPress = Array.isArray(me?.can) && me.can.includes('participant.ready');
  if (!activity?.step?.asks_ready || !mayPress) return nothing;
  const ready = isReady(me, pending);
  const sending = (pending ?? []).some((c) => c.type === 'participant.ready');
  return html`<section class="ready-card ${ready ? 'ready-card--done' : ''}" aria-labelledby="ready-hint">
    <p class="ready-card__hint" id="ready-hint">
      ${ready ? html`${icon('check')} <strong>${t('screens.ready.done')}</strong> ${t('screens.ready.undo_hint')}` : t('screens.ready.hint')}
    </p>
    <button type="button" class="button button--big ${ready ? 'button--done' : 'button--primary'}" data-testid="ready-button"
      aria-pressed=${ready ? 'true' : 'false'} data-ready=${ready ? 'true' : 'false'}
      @click=${() => send('participant.ready', { ready: !ready })}>
      ${icon(ready ? 'check' : 'dotEmpty')} ${t('screens.ready.button')}
      ${sending ? html`<span class="sending">${t('screens.ready.sending')}</span>` : nothing}
    </button>
    <p class="ready-card__count" data-testid="ready-count">${icon('users')} ${readyCountText(activity, session)}</p>
  </section>`;
}

/** One line saying who sees who wrote what in this activity. */
export function anonymityTemplate(activity) {
  const level = activity?.anonymity;
  if (!['anonymous', 'pseudonym', 'named'].includes(level)) return nothing;
  return html`<p class="anonymity-note" data-testid="anonymity-note" data-level=${level}>
    ${icon(level === 'anonymous' ? 'eyeOff' : 'user')} <span>${t(`screens.anonymity.${level}`)}</span>
  </p>`;
}

/** A named activity and a person without a name: their first name comes first. */
/** The server asks this person for a name before they contribute (a named activity). */
export function needsName(activity, me) {
  return Boolean(activity) && me?.refused === 'name_required';
}

export function namePromptTemplate({ onSubmit, error }) {
  return html`<form class="card form name-prompt" data-testid="name-required" @submit=${onSubmit} novalidate>
    <h2>${icon('user')} ${t('screens.named.title')}</h2>
    <p class="hint" id="name-required-hint">${t('screens.named.text')}</p>
    <div class="field">
      <label for="name-required-input">${t('screens.named.label')}</label>
      <input id="name-required-input" name="name" data-testid="name-required-input" maxlength="40"
        autocomplete="given-name" autocapitalize="words" enterkeyhint="go"
        aria-describedby="name-required-hint ${error ? 'name-required-error' : ''}"
        aria-invalid=${error ? 'true' : 'false'} />
      ${error
        ? html`<p class="field-error" id="name-required-error">${icon('alert')}<span>${error}</span></p>`
        : nothing}
    </div>
    <button class="button button--primary button--big" data-testid="name-required-submit">${icon('check')} ${t('screens.named.submit')}</button>
  </form>`;
}

/**
 * What the room screen shows, for remote attendees, when it is not the step itself: the
 * spotlighted contribution, the join screen, or the pause.
 */
export function followTemplate(display) {
  const mode = display?.mode;
  if (mode === 'spotlight' && display.text) {
    return html`<section class="follow follow--spotlight" data-testid="follow-display" data-mode="spotlight"
        aria-labelledby="follow-label">
      <p class="follow__label" id="follow-label">${icon('screen')} ${t('screens.follow.label')}</p>
      <blockquote class="follow__text">${display.text}</blockquote>
    </section>`;
  }
  if (mode === 'qr') {
    return html`<section class="follow" data-testid="follow-display" data-mode="qr">
      <p class="follow__label">${icon('screen')} ${t('screens.follow.label')}</p>
      <p class="follow__line">${icon('qr')} ${t('screens.follow.qr')}</p>
    </section>`;
  }
  if (mode === 'pause') {
    return html`<section class="follow follow--pause" data-testid="follow-display" data-mode="pause">
      <p class="follow__label">${icon('screen')} ${t('screens.follow.label')}</p>
      <p class="follow__pause">${icon('pause', 'icon--big')} <span>${t('screens.follow.pause')}</span></p>
      <p class="follow__line">${t('screens.follow.pause_text')}</p>
    </section>`;
  }
  return nothing;
}

/** The page of a person the facilitator removed from the session. */
export function revokedTemplate(onJoinAgain) {
  return html`<section class="revoked" data-testid="revoked">
    ${icon('alert', 'icon--huge')}
    <h1 tabindex="-1">${t('screens.revoked.title')}</h1>
    <p class="lead">${t('screens.revoked.text')}</p>
    <p class="hint">${t('screens.revoked.hint')}</p>
    <div class="actions actions--center">
      <button type="button" class="button" data-testid="join-again" @click=${onJoinAgain}>${t('screens.revoked.join_again')}</button>
      <a class="button button--link" href="/">${t('common.home')}</a>
    </div>
  </section>`;
}

/** Joined, no activity open yet: "You are in. The facilitator will start soon." */
export function waitingTemplate(session) {
  return html`<section class="waiting" data-testid="waiting">
    ${icon('hourglass', 'icon--huge')}
    <h1>${t('waiting.title')}</h1>
    <p class="lead">${t('waiting.text')}</p>
    <p class="waiting__session">${session?.title}</p>
  </section>`;
}

/** A person given a format role with words of its own (a project holder) reads those only. */
export function stepInstructions(activity, me) {
  return loc(me?.instructions ?? activity.instructions);
}

export { minutesLinkTemplate } from './minutes-link.js';
