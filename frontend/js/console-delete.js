// Deleting the session, for the facilitator: one button, a confirmation that says what goes,
// then `DELETE /api/sessions/{id}`. The console learns it is done from the server's `deleted`,
// as every other screen of the session does.
import { html } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { fetchJSON } from './ui.js';

export function deleteButton(c) {
  return html`<button type="button" class="button" data-testid="session-delete"
    @click=${() => deleteSession(c)}>${icon('trash')} ${t('console.delete.open')}</button>`;
}

async function deleteSession(c) {
  const yes = await c.confirm({
    title: t('console.delete.title', { title: c.view?.session?.title ?? '' }),
    text: t('console.delete.text'),
    yes: t('console.delete.yes'),
  });
  if (!yes) return;
  try {
    const { status } = await fetchJSON(`/api/sessions/${encodeURIComponent(c.sessionId)}`, { method: 'DELETE' });
    if (status === 204) return;
  } catch {
    // said below
  }
  c.notify(t('console.delete.failed'));
}

/** What the console shows once its session is deleted. */
export function deletedTemplate() {
  return html`<main id="main" class="page page--narrow" data-testid="session-deleted">
    <h1 tabindex="-1">${t('console.deleted.title')}</h1>
    <p class="callout">${icon('info')}<span>${t('console.deleted.text')}</span></p>
    <p><a class="button" href="/">${t('common.home')}</a></p>
  </main>`;
}
