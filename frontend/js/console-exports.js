// The console's documents: the minutes in every format and the session's data, offered where
// the minutes always were; and the session's place, which the minutes' header gives.
import { html, nothing } from 'lit';
import { t, lang } from './i18n.js';
import { icon } from './icons.js';

const DOCUMENTS = [
  { file: 'minutes.pdf', key: 'console.exports.pdf' },
  { file: 'minutes.odt', key: 'console.exports.odt' },
  { file: 'minutes.md', key: 'console.exports.md' },
  { file: 'data.csv', key: 'console.exports.csv' },
  { file: 'actions.ics', key: 'console.exports.ics' },
  { file: 'data.json', key: 'console.exports.json' },
];

const ui = { place: null, busy: false };

function href(sessionId, file) {
  return `/api/sessions/${encodeURIComponent(sessionId)}/${file}?lang=${lang()}`;
}

// A menu or a form folded in a <details>: closed, the focus back on its summary.
function fold(inside) {
  const details = inside?.closest('details');
  if (!details) return;
  details.open = false;
  details.querySelector('summary')?.focus();
}

// Escape closes it, as it closes a menu.
function onEscape(e) {
  if (e.key === 'Escape' && e.currentTarget.open) {
    e.preventDefault();
    fold(e.currentTarget);
  }
}

export function exportsTemplate(sessionId) {
  const newTab = html`<span class="sr-only"> ${t('common.new_tab')}</span>`;
  return html`
    <a class="button" href=${href(sessionId, 'minutes.md')} download
      data-testid="minutes-download">${icon('download')} ${t('console.minutes_download')}</a>
    <a class="button" href=${href(sessionId, 'minutes.html')} target="_blank"
      rel="noopener" data-testid="minutes-print">${icon('printer')} ${t('console.minutes_print')}${newTab}</a>
    <details class="console-exports" data-testid="exports" @keydown=${onEscape}>
      <summary class="button">${icon('download')} ${t('console.exports.more')}</summary>
      <ul class="console-exports__list" aria-label=${t('console.exports.more')}>
        ${DOCUMENTS.map(
          (d) => html`<li><a href=${href(sessionId, d.file)} download data-testid="export-${d.file}">
            ${t(d.key)}</a></li>`,
        )}
      </ul>
    </details>`;
}

export function placeTemplate(c, session, mayEdit) {
  const place = session?.place ?? '';
  if (!mayEdit) {
    return place ? html`<span class="hint" data-testid="session-place">${t('console.place.shown', { place })}</span>` : nothing;
  }
  const value = ui.place ?? place;
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (ui.busy) return;
    ui.busy = true;
    c.update();
    // What is typed now: typing does not draw the console again, so not the drawn `value`.
    const ack = await c.send('session.set_place', { place: (ui.place ?? place).trim() });
    ui.busy = false;
    if (ack.ok) {
      ui.place = null;
      // Saved: the form folds back into its one line, the focus on it.
      fold(form);
    }
    c.update();
  };
  return html`<details class="console-place" @keydown=${onEscape}>
    <summary class="hint" data-testid="session-place">
      ${place ? t('console.place.shown', { place }) : t('console.place.add')}
    </summary>
    <form class="form console-place__form" @submit=${submit} novalidate>
      <label for="session-place">${t('console.place.label')}</label>
      <input id="session-place" type="text" maxlength="120" .value=${value}
        @input=${(e) => { ui.place = e.target.value; }} placeholder=${t('console.place.placeholder')} />
      <button class="button" type="submit" ?disabled=${ui.busy}>${t('console.place.save')}</button>
    </form>
  </details>`;
}
