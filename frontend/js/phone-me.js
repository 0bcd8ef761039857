// Leaving a session for good, on the phone: asking to be forgotten (the name erased everywhere,
// what the person wrote kept as "a participant"), and the page once it is done, or once the
// facilitator deleted the session. The phone then forgets its token too.
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';

/** Asks for a confirmation, then for the erasure; resolves true once the server has done it. */
export async function askToBeForgotten(confirm, send) {
  const yes = await confirm({
    title: t('participant.forget.title'),
    text: t('participant.forget.text'),
    yes: t('participant.forget.yes'),
  });
  if (!yes) return false;
  const ack = await send('participant.forget', {});
  return Boolean(ack.ok);
}

export function forgetButton(onClick) {
  return html`<button type="button" class="button button--link" data-testid="forget-open" @click=${onClick}>
    ${t('participant.forget.open')}
  </button>`;
}

/** `reason`: "forgotten" (at their request) or "deleted" (the session no longer exists). */
export function goneTemplate(reason) {
  return html`<section class="revoked" data-testid="gone" data-reason=${reason}>
    ${icon(reason === 'deleted' ? 'trash' : 'check', 'icon--huge')}
    <h1 tabindex="-1">${t(`screens.${reason}.title`)}</h1>
    <p class="lead">${t(`screens.${reason}.text`)}</p>
    <div class="actions actions--center"><a class="button button--link" href="/">${t('common.home')}</a></div>
  </section>`;
}

/** The page's footer: who this phone is, renaming, and asking to be forgotten. */
export function meTemplate(me, activity, { renaming, rename, openRename, forget }) {
  if (!me) return nothing;
  const name = me.name || t('participant.anonymous', { number: me.number ?? '' }).trim();
  // In a named activity the name is a first name, shown and kept in the minutes: not a pseudonym.
  const words = activity?.anonymity === 'named' ? '_named' : '';
  return html`<footer class="me">
    ${renaming
      ? html`<form class="inline-form" @submit=${rename}>
          <label for="rename-input">${t(`participant.rename_label${words}`)}</label>
          <input id="rename-input" name="name" data-testid="rename-input" maxlength="40" .value=${me.name ?? ''} autocomplete="nickname" />
          <button class="button button--primary" data-testid="rename-submit">${icon('check')} ${t('common.save')}</button>
          <button type="button" class="button" @click=${() => openRename(false)}>${t('common.cancel')}</button>
        </form>`
      : html`<p>
          ${icon('user')} ${t('participant.you_are', { name })}
          <button type="button" class="button button--link" data-testid="rename-open" @click=${() => openRename(true)}>
            ${t(`participant.rename${words}`)}
          </button>
          ${forgetButton(forget)}
        </p>`}
  </footer>`;
}
