// "The minutes" on each phone once the facilitator shares them: the view says that they are
// shared (`session.minutes.shared`, a link id); the phone asks the server for the address with
// its own token (the link's secret never travels in views).
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { fetchJSON } from './ui.js';

const known = { linkId: null, url: '', asking: null };

/** The card with the link, or nothing while the minutes are not shared. */
export function minutesLinkTemplate(session, token, update) {
  const linkId = session?.minutes?.shared ?? null;
  if (linkId !== known.linkId) {
    Object.assign(known, { linkId, url: '', asking: null });
    if (linkId && token) {
      const asking = fetchJSON(`/api/sessions/${encodeURIComponent(session.id)}/minutes/link`, {
        headers: { Authorization: `Bearer ${token}` },
      }).then(({ status, data }) => {
        if (known.asking !== asking) return;
        known.url = status === 200 ? data.url : '';
        update();
      }, () => {});
      known.asking = asking;
    }
  }
  if (!linkId || !known.url) return nothing;
  return html`<section class="minutes-link callout" data-testid="minutes-link" aria-labelledby="minutes-link-title">
    ${icon('download')}
    <div>
      <h2 id="minutes-link-title">${t('minutes.link.title')}</h2>
      <p>${t('minutes.link.text')}</p>
      <a class="button button--primary" href=${known.url} target="_blank" rel="noopener" data-testid="minutes-link-open">
        ${t('minutes.link.open')}<span class="sr-only"> ${t('common.new_tab')}</span></a>
    </div>
  </section>`;
}
