// The room screen's pieces around a format's content: the agenda line, the clock corner (timer,
// people done, input closed), the spotlight, the pause, and the one button a projector may need
// (browsers play no sound before a first click).
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { agendaLabel, formatCode, shortUrl } from './ui.js';
import { closedReason, soundAllowed, chime } from './timer.js';

/** How many activities the foot of the screen names: the one before, the current one, the next. */
const AGENDA_WINDOW = 3;

/**
 * The agenda, small, at the foot of the screen: where we are, and the activities around the
 * current one, on one line ("…" says there are more): a long agenda would wrap and be cut off by
 * the edge of the projector.
 */
export function agendaTemplate(session, activity) {
  const list = Array.isArray(session?.activities) ? session.activities : [];
  if (!list.length) return html`<div class="room-agenda"></div>`;
  const where = agendaLabel(session, activity);
  const current = Math.max(0, list.findIndex((a) => a.current));
  const first = Math.max(0, Math.min(current - 1, list.length - AGENDA_WINDOW));
  const shown = list.slice(first, first + AGENDA_WINDOW);
  const more = html`<li class="room-agenda__more" aria-hidden="true">…</li>`;
  return html`<nav class="room-agenda" data-testid="room-agenda" aria-label=${t('screens.agenda.label')}>
    ${where ? html`<p class="room-agenda__where" data-testid="room-progress">${where}</p>` : nothing}
    <ol class="room-agenda__list" start=${first + 1}>
      ${first > 0 ? more : nothing}
      ${shown.map(
        (a, i) => html`<li class="room-agenda__item ${a.current ? 'room-agenda__item--current' : ''}"
            data-activity-id=${a.id} aria-current=${a.current ? 'step' : nothing}>
          ${a.current ? icon('arrowRight') : nothing}<span class="room-agenda__title"
            >${first + i + 1}. ${a.title}</span>${a.current
            ? html`<span class="sr-only"> ${t('screens.agenda.current')}</span>`
            : nothing}
        </li>`,
      )}
      ${first + AGENDA_WINDOW < list.length ? more : nothing}
    </ol>
  </nav>`;
}

export function roomReadyText(activity, session) {
  const count = activity?.ready_count ?? 0;
  const total = Math.max(count, activity?.ready_total ?? session?.participant_count ?? 0);
  return t('screens.ready.count', { count, total });
}

/** The clock corner of a step: the timer (drawn into #timer-slot), who is done, input closed. */
export function clockTemplate(activity, session) {
  const asksReady = Boolean(activity?.step?.asks_ready);
  const closed = closedReason(activity);
  if (!activity?.timer && !asksReady && !closed) return nothing;
  const count = activity.ready_count ?? 0;
  return html`<aside class="room-clock" aria-label=${t('screens.room.clock')}>
    <div id="timer-slot" class="room-clock__timer"></div>
    ${asksReady || closed
      ? html`<div class="room-clock__signs">
          ${asksReady
            ? html`<p class="room-clock__ready" data-testid="ready-count" data-count=${count}>
                ${icon('check')} ${roomReadyText(activity, session)}</p>`
            : nothing}
          ${closed
            ? html`<p class="room-clock__closed" data-testid="room-input-closed" data-reason=${closed}>
                ${icon('lock')} ${t('screens.room.closed')}</p>`
            : nothing}
        </div>`
      : nothing}
  </aside>`;
}

/** Spotlight: one contribution, full screen, in type as large as it can be. */
export function spotlightTemplate(session, display) {
  const from = (session?.activities ?? []).find((a) => a.id === display.activity_id);
  return html`<main id="main" class="room room--spotlight" data-testid="room-spotlight">
    <h1 class="room-spotlight__label">${icon('spotlight', 'icon--big')}
      <span>${t('screens.room.spotlight')}${from ? html` · ${from.title}` : nothing}</span></h1>
    <div class="room-spotlight__box">
      <blockquote class="room-spotlight__text" data-testid="room-spotlight-text">${display.text}</blockquote>
    </div>
    <div id="timer-slot" class="room-float-timer"></div>
  </main>`;
}

/** After render: the largest type (from 5em down) at which the spotlighted text fits. */
export function fitSpotlight(root) {
  const box = root.querySelector('.room-spotlight__box');
  const text = root.querySelector('.room-spotlight__text');
  if (!box || !text) return;
  let size = 5;
  text.style.fontSize = `${size}em`;
  while (size > 1.5 && (text.scrollHeight > box.clientHeight || text.scrollWidth > box.clientWidth)) {
    size -= 0.25;
    text.style.fontSize = `${size}em`;
  }
}

/** Pause: calm, with the way in for latecomers kept small (none once arrivals are closed, or
 * when the facilitator hid the join corner). */
export function pauseTemplate(session) {
  const code = session?.join_code ?? '';
  const joinable = !session?.joining_locked && session?.display?.join_box !== false;
  return html`<main id="main" class="room room--pause" data-testid="room-pause">
    <div class="room-pause__body">
      ${icon('pause', 'icon--huge')}
      <h1 class="room-pause__title">${t('screens.room.pause')}</h1>
      <p class="room-pause__text">${t('screens.room.pause_text')}</p>
      <p class="room-pause__session">${session?.title}</p>
    </div>
    ${joinable
      ? html`<p class="room-pause__join">${icon('phone')} ${t('screens.room.join_line', { code: formatCode(code) })}
          <span class="room-pause__url">${shortUrl(session?.join_url)}</span></p>`
      : nothing}
    <div id="timer-slot" class="room-float-timer"></div>
  </main>`;
}

/**
 * Browsers play no sound before the page was clicked once: until then, one small button lets the
 * facilitator allow the chime at the end of the timer (it plays it once, to check the volume).
 */
export function soundTemplate(update) {
  if (soundAllowed()) return nothing;
  return html`<button type="button" class="button button--small room-sound" data-testid="room-sound"
    @click=${() => { chime(); update(); }}>
    ${icon('clock')} ${t('screens.room.sound')}
  </button>`;
}
