// The page of a refused staff address (the server answers 403 with it): which page this was,
// what it is for and what to do next, in the person's language. The server sends it for the
// console (/s/{id}/console), the room screen (/s/{id}/room) and a link that does not work
// (/facilitate/{key}: unknown, withdrawn, or copied in part).
import { html, render } from 'lit';
import { initI18n, t, onLangChange, langSwitch } from './i18n.js';
import { icon } from './icons.js';
import { applyDisplaySettings } from './display-settings.js';

applyDisplaySettings();
const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder
const parts = location.pathname.split('/');
const page = parts[1] === 'facilitate' ? 'link' : parts[3] === 'room' ? 'room' : 'console';

function update() {
  document.title = `${t(`refused.${page}.title`)} · Fabrique`;
  render(
    html`<header class="topbar">
        <div class="topbar__title"><span class="brand">Fabrique</span></div>
        ${langSwitch()}
      </header>
      <main id="main" class="page refused" data-testid="refused" data-page=${page}>
        ${icon('lock', 'icon--huge')}
        <h1>${t(`refused.${page}.title`)}</h1>
        <p class="lead">${t(`refused.${page}.text`)}</p>
        <div class="callout callout--info">
          ${icon('info')}
          <div>
            <h2 class="refused__next">${t('refused.next')}</h2>
            <p data-testid="refused-next">${t(`refused.${page}.next`)}</p>
          </div>
        </div>
        <p class="refused__home"><a class="button button--primary" href="/">${t('common.home')}</a></p>
      </main>`,
    root,
  );
}

// Nobody chose a language here yet: the browser's says which one this person reads.
await initI18n(navigator.language?.slice(0, 2));
onLangChange(update);
update();
