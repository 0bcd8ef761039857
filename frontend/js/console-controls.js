// The centre's controls: steps (previous, next, skip; at the last one, the next activity), undo,
// participants' input (lock, reveal), the timer, and what the room screen shows.
import { html, nothing, render } from 'lit';
import { live } from 'lit/directives/live.js';
import { t, loc } from './i18n.js';
import { icon } from './icons.js';
import { timerTemplate, secondsLeft } from './timer.js';
import { roomLinkButton } from './console-team.js';

const ui = {
  stepKey: null, // activity:step the timer settings belong to
  minutes: '',
  closeInput: false,
  minutesError: '',
};

/**
 * "Annuler : verrouillage de la saisie": what undo takes back, in words. `undo` is the view's
 * `activity.undo` ({label: the command's type, detail: what it did when the type alone does not
 * say it}); words are looked up as `{key}_{detail}`, then `{key}`.
 */
export function undoPhrase(undo, format) {
  const type = String(undo?.label ?? '');
  const detail = undo?.detail ? String(undo.detail) : '';
  const [prefix, rest] = [type.split('.')[0], type.split('.').slice(1).join('_')];
  const base = prefix === format ? `${format}.undo.${rest}` : `console.undo.${prefix}_${rest}`;
  const keys = detail ? [`${base}_${detail}`, base] : [base];
  for (const key of keys) {
    const text = t(key);
    if (text !== key) return text;
  }
  return t('console.undo.other');
}

/** Why participants cannot write now: null (open), "input_locked" or "time_up". */
export function inputState(activity) {
  const input = activity?.input ?? {};
  if (input.open === false) return input.reason ?? (input.locked ? 'input_locked' : 'time_up');
  const timer = activity?.timer;
  // The server's view at zero may be a moment away: this screen already says it.
  if (timer?.close_input && typeof timer.remaining !== 'number' && (secondsLeft(timer) ?? 1) <= 0) return 'time_up';
  return null;
}

// ------------------------------------------------------------------ steps and undo

export function stepControlsTemplate(c, activity) {
  const may = c.may;
  const steps = activity.steps ?? [];
  const idx = activity.step?.index ?? 0;
  const next = steps[idx + 1];
  const canNext = may('step.next') && (!steps.length || idx < steps.length - 1);
  const canPrev = may('step.previous') && idx > 0;
  const skipped = steps[idx + 1];
  const canSkip = may('step.skip') && skipped && steps[idx + 2];
  const undo = activity.undo;
  const last = steps.length && !next;
  // At the last step, the way on is the next activity of the agenda.
  const agenda = c.view?.session?.activities ?? [];
  const following = last ? agenda[agenda.findIndex((a) => a.id === activity.id) + 1] : null;
  const canOpen = Boolean(following) && may('session.open_activity');
  // A step button may vanish at either end (or "skip" once used): the focus goes to its neighbour.
  const move = async (type) => {
    const ack = await c.send(type, {});
    if (ack.ok) await c.viewAt(ack.seq);
    const order = type === 'step.previous'
      ? ['[data-testid="step-previous"]', '[data-testid="step-next"]']
      : ['[data-testid="step-next"]', '[data-testid="step-previous"]'];
    c.focus(...order, '#current-title');
  };
  if (!canPrev && !canNext && !canSkip && !(may('session.undo') && undo) && !(last && may('step.previous'))) {
    return nothing; // the scribe's and observers' console: the facilitator leads the steps
  }
  return html`<div class="step-controls">
    ${canPrev
      ? html`<button class="button button--small" data-testid="step-previous" @click=${() => move('step.previous')}>
          ${icon('arrowLeft')} ${t('console.previous_step')}
        </button>`
      : nothing}
    ${canNext
      ? html`<button class="button button--primary" data-testid="step-next" @click=${() => move('step.next')}>
          ${next ? t('console.next_step_named', { title: loc(next.title) }) : t('console.next_step')} ${icon('arrowRight')}
        </button>`
      : last
        ? html`<p class="hint" data-testid="last-step">${icon('check')}
              ${following || !may('session.open_activity') ? t('console.last_step') : t('console.last_activity')}</p>
            ${canOpen
              ? html`<button class="button button--primary" data-testid="next-activity" @click=${() => openNext(c, following)}>
                  ${t('console.next_activity', { title: following.title })} ${icon('arrowRight')}
                </button>`
              : nothing}`
        : nothing}
    ${canSkip
      ? html`<button class="button button--small" data-testid="step-skip"
          @click=${() => move('step.skip')}>
          ${icon('skip')} ${t('console.controls.skip', { title: loc(skipped.title) })}
        </button>`
      : nothing}
    ${may('session.undo') && undo
      ? html`<button class="button button--small button--undo" data-testid="session-undo"
          @click=${async () => {
            await c.send('session.undo', {});
            c.focus('[data-testid="session-undo"]', '[data-testid="step-next"]', '#current-title');
          }}>
          ${icon('undo')} ${t('console.undo.button', { action: undoPhrase(undo, activity.format) })}
        </button>`
      : nothing}
  </div>`;
}

async function openNext(c, following) {
  const ack = await c.send('session.open_activity', { activity_id: following.id });
  if (ack.ok) await c.viewAt(ack.seq);
  c.focus('#current-title');
}

// ------------------------------------------------------------------ panels

export function panelsTemplate(c, activity) {
  const session = c.view?.session;
  return html`<div class="control-panels">
    ${inputPanel(c, activity)}
    ${timerPanel(c, activity)}
    ${screenPanel(c, session)}
  </div>`;
}

function inputPanel(c, activity) {
  const reason = inputState(activity);
  const mine = c.role === 'facilitator';
  const stateText = reason === 'time_up'
    ? t('console.input.time_up')
    : reason === 'input_locked'
      ? (mine ? t('console.input.locked_by_you') : t('console.input.locked'))
      : t('console.input.open');
  const canLock = c.may('step.lock_input');
  const canReveal = c.may('step.reveal');
  return html`<section class="panel" aria-labelledby="panel-input">
    <h3 id="panel-input">${t('console.input.title')}</h3>
    <p class="state-line state-line--${reason ? 'closed' : 'open'}" data-testid="input-state" data-state=${reason ?? 'open'}
      role="status">
      ${icon(reason === 'time_up' ? 'clock' : reason ? 'lock' : 'unlock')} <span>${stateText}</span>
    </p>
    ${canLock
      ? reason
        ? html`<button class="button button--small" data-testid="input-unlock"
            @click=${() => c.send('step.lock_input', { locked: false }).then(() => c.focus('[data-testid="input-lock"]'))}>
            ${icon('unlock')} ${t('console.input.unlock')}
          </button>`
        : html`<button class="button button--small" data-testid="input-lock"
            @click=${() => c.send('step.lock_input', { locked: true }).then(() => c.focus('[data-testid="input-unlock"]'))}>
            ${icon('lock')} ${t('console.input.lock')}
          </button>`
      : nothing}
    ${canReveal || activity.revealed
      ? html`<p class="state-line" data-testid="reveal-state" data-revealed=${activity.revealed ? 'true' : 'false'}>
          ${icon(activity.revealed ? 'eye' : 'eyeOff')}
          <span>${activity.revealed ? t('console.reveal.on') : t('console.reveal.off')}</span>
        </p>`
      : nothing}
    ${canReveal
      ? html`<button class="button button--small" data-testid="reveal-toggle" data-revealed=${activity.revealed ? 'true' : 'false'}
          @click=${() => c.send('step.reveal', { revealed: !activity.revealed }).then(() => c.focus('[data-testid="reveal-toggle"]'))}>
          ${icon(activity.revealed ? 'eyeOff' : 'eye')} ${activity.revealed ? t('console.reveal.hide') : t('console.reveal.show')}
        </button>`
      : nothing}
  </section>`;
}

function timerPanel(c, activity) {
  const may = c.may;
  const timer = activity.timer;
  const stepKey = `${activity.id}:${activity.step?.key}`;
  const suggested = activity.steps?.[activity.step?.index ?? 0]?.minutes || 5;
  if (ui.stepKey !== stepKey) Object.assign(ui, { stepKey, minutes: String(suggested), closeInput: false, minutesError: '' });
  const paused = timer && typeof timer.remaining === 'number';
  const over = timer && (secondsLeft(timer) ?? 1) <= 0;
  const start = async (e) => {
    e.preventDefault();
    const minutes = Number(ui.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      ui.minutesError = t('form.error.range', { min: 1, max: 240 });
      c.update();
      c.focus('#timer-minutes');
      return;
    }
    ui.minutesError = '';
    const ack = await c.send('timer.start', { minutes, close_input: ui.closeInput });
    if (ack.ok) c.focus('[data-testid="timer-pause"]', '[data-testid="timer-stop"]');
  };
  return html`<section class="panel panel--timer" aria-labelledby="panel-timer">
    <h3 id="panel-timer">${t('console.timer.title')}</h3>
    <div id="console-timer" class="timer-slot"></div>
    ${timer && timer.close_input && !over ? html`<p class="hint">${icon('lock')} ${t('console.timer.closes')}</p>` : nothing}
    ${may('timer.start') ? html`<p class="hint" data-testid="timer-sound-hint">${icon('sound')} ${t('console.timer.sound')}</p>` : nothing}
    ${!timer && may('timer.start')
      ? html`<form class="timer-form" @submit=${start} novalidate>
          <div class="timer-form__row">
            <label for="timer-minutes">${t('console.timer.minutes')}</label>
            <input id="timer-minutes" type="number" inputmode="numeric" min="1" max="240" step="1" class="input--tiny"
              data-testid="timer-minutes" .value=${live(ui.minutes)} aria-invalid=${ui.minutesError ? 'true' : 'false'}
              aria-describedby=${ui.minutesError ? 'timer-minutes-error' : nothing}
              @input=${(e) => { ui.minutes = e.target.value; c.update(); }} />
          </div>
          ${ui.minutesError ? html`<p class="field-error" id="timer-minutes-error">${icon('alert')}<span>${ui.minutesError}</span></p>` : nothing}
          <div class="check">
            <input id="timer-close" type="checkbox" data-testid="timer-close-input" .checked=${live(ui.closeInput)}
              @change=${(e) => { ui.closeInput = e.target.checked; }} />
            <label for="timer-close">${t('console.timer.close_input')}</label>
          </div>
          <button class="button button--small button--primary" data-testid="timer-start">
            ${icon('play')} ${typedMinutes() ? t('console.timer.start', { count: typedMinutes() }) : t('console.timer.start_plain')}
          </button>
        </form>`
      : nothing}
    ${timer
      ? html`<div class="actions actions--tight">
          ${may('timer.add')
            ? html`<button class="button button--small" data-testid="timer-add-1" @click=${() => c.send('timer.add', { minutes: 1 })}>
                  ${icon('clock')} ${t('console.timer.add', { count: 1 })}
                </button>
                <button class="button button--small" data-testid="timer-add-5" @click=${() => c.send('timer.add', { minutes: 5 })}>
                  ${icon('clock')} ${t('console.timer.add', { count: 5 })}
                </button>`
            : nothing}
          ${may('timer.pause') && !paused && !over
            ? html`<button class="button button--small" data-testid="timer-pause"
                @click=${() => c.send('timer.pause', {}).then(() => c.focus('[data-testid="timer-resume"]'))}>
                ${icon('pause')} ${t('console.timer.pause')}
              </button>`
            : nothing}
          ${may('timer.resume') && paused
            ? html`<button class="button button--small" data-testid="timer-resume"
                @click=${() => c.send('timer.resume', {}).then(() => c.focus('[data-testid="timer-pause"]'))}>
                ${icon('play')} ${t('console.timer.resume')}
              </button>`
            : nothing}
          ${may('timer.stop')
            ? html`<button class="button button--small" data-testid="timer-stop"
                @click=${() => c.send('timer.stop', {}).then(() => c.focus('[data-testid="timer-start"]'))}>
                ${icon('close')} ${t('console.timer.stop')}
              </button>`
            : nothing}
        </div>`
      : nothing}
  </section>`;
}

/** The duration typed in the timer's form, when it is one the server takes; else null. */
function typedMinutes() {
  const minutes = Number(ui.minutes);
  return ui.minutes.trim() && Number.isInteger(minutes) && minutes >= 1 && minutes <= 240 ? minutes : null;
}

/** The countdown alone, redrawn every second by the shell's `tick`. */
export function renderTimer(root, activity) {
  const slot = root.querySelector('#console-timer');
  if (!slot) return;
  render(activity?.timer ? timerTemplate(activity.timer, { size: 'small' }) : html`<p class="hint">${t('console.timer.off')}</p>`, slot);
}

const SCREEN_MODES = [
  { mode: 'activity', icon: 'screen' },
  { mode: 'qr', icon: 'qr' },
  { mode: 'pause', icon: 'pause' },
];

export function screenPanel(c, session) {
  const display = session?.display ?? { mode: 'activity' };
  const canShow = c.may('screen.show');
  const mode = display.mode ?? 'activity';
  return html`<section class="panel panel--screen" aria-labelledby="panel-screen">
    <h3 id="panel-screen">${t('console.screen.title')}</h3>
    <p class="state-line" data-testid="screen-state" data-mode=${mode} role="status">
      ${icon(mode === 'spotlight' ? 'spotlight' : mode === 'qr' ? 'qr' : mode === 'pause' ? 'pause' : 'screen')}
      <span>${t(`console.screen.now_${screenNow(session, mode)}`)}</span>
    </p>
    ${mode === 'spotlight' && display.text ? html`<p class="spotlight-text">« ${display.text} »</p>` : nothing}
    ${canShow
      ? html`<div class="segmented" role="group" aria-label=${t('console.screen.choose')}>
          ${SCREEN_MODES.map(
            (m) => html`<button type="button" class="button button--small" data-testid="screen-${m.mode}"
              aria-pressed=${mode === m.mode ? 'true' : 'false'}
              @click=${() => c.send('screen.show', { mode: m.mode }).then(() => c.focus(`[data-testid="screen-${m.mode}"]`))}>
              ${icon(m.icon)} ${t(`console.screen.show_${m.mode}`)}
            </button>`,
          )}
        </div>`
      : nothing}
    ${joinBoxTemplate(c, session, display)}
    ${contrastTemplate(c, display)}
    ${roomLinkButton(c)}
  </section>`;
}

/** What the room screen shows now, in the console's words. */
function screenNow(session, mode) {
  const lobby = mode === 'qr' || (mode === 'activity' && !session?.current_activity_id);
  if (lobby && session?.joining_locked) return 'closed';
  return mode === 'activity' && !session?.current_activity_id ? 'lobby' : mode;
}

/**
 * The corner that says how to join takes a quarter of the room screen during steps: the
 * facilitator may hide it. Once arrivals are closed the room screen shows neither QR code nor
 * code, whatever the choice.
 */
function joinBoxTemplate(c, session, display) {
  if (!session) return nothing;
  const shown = display.join_box !== false;
  const locked = Boolean(session.joining_locked);
  const state = locked ? 'locked' : shown ? 'shown' : 'hidden';
  return html`<p class="state-line" data-testid="screen-join-state" data-state=${state}>
      ${icon(locked ? 'lock' : 'qr')} <span>${t(`console.screen.join_${state}`)}</span>
    </p>
    ${c.may('screen.show_join') && !locked
      ? html`<button type="button" class="button button--small" data-testid="screen-join-toggle"
          @click=${() => c.send('screen.show_join', { shown: !shown }).then(() => c.focus('[data-testid="screen-join-toggle"]'))}>
          ${icon(shown ? 'eyeOff' : 'eye')} ${shown ? t('console.screen.join_hide') : t('console.screen.join_show')}
        </button>`
      : nothing}`;
}

/** The room screen's high-contrast theme (a washed-out projector, a sunny room). */
function contrastTemplate(c, display) {
  if (!c.may('screen.contrast')) return nothing;
  const on = display.contrast === true;
  return html`<button type="button" class="button button--small setting-toggle" data-testid="screen-contrast"
    aria-pressed=${on ? 'true' : 'false'}
    @click=${() => c.send('screen.contrast', { on: !on }).then(() => c.focus('[data-testid="screen-contrast"]'))}>
    ${icon('contrast')} ${t('console.screen.contrast')}
  </button>`;
}
