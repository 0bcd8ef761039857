// The step's time-box as every screen shows it, counted from the server's clock.
//
// Each view carries `now` (the server's time when it was sent): the difference with this
// device's clock is kept, so a phone whose clock is minutes off still shows the right time left.
// A timer is {duration, ends_at, remaining, close_input} (see docs/protocol.md): running when
// `ends_at` is set, paused when `remaining` is.
import { html, nothing } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';

let skewMs = 0;

/** Remember how far this device's clock is from the server's (called for every view). */
export function trackServerClock(view) {
  const server = Date.parse(view?.now ?? '');
  if (!Number.isNaN(server)) skewMs = server - Date.now();
}

export function serverNow() {
  return Date.now() + skewMs;
}

/** Seconds left (may be negative once run out), or null when there is no timer. */
export function secondsLeft(timer) {
  if (!timer) return null;
  if (typeof timer.remaining === 'number') return timer.remaining;
  const end = Date.parse(timer.ends_at ?? '');
  return Number.isNaN(end) ? null : (end - serverNow()) / 1000;
}

export function formatClock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The countdown: "4:59", "En pause 2:00", "Temps écoulé". `size` is "small" (phones, console)
 * or "large" (room screen). The live region is polite and only speaks at the changes that
 * matter (paused, one minute left, time up), not every second.
 */
export function timerTemplate(timer, { size = 'small' } = {}) {
  const left = secondsLeft(timer);
  if (left === null) return nothing;
  const paused = typeof timer.remaining === 'number';
  const over = left <= 0;
  const last = !over && left <= 60;
  const state = over ? 'over' : paused ? 'paused' : last ? 'last' : 'running';
  const spoken = over
    ? t(timer.close_input ? 'timer.over_closed' : 'timer.over')
    : paused
      ? t('timer.paused')
      : last
        ? t('timer.last_minute')
        : '';
  return html`<div class="timer timer--${size} timer--${state}" data-testid="timer" data-state=${state}
      role="timer" aria-label=${t('timer.label')}>
    ${icon(over ? 'alert' : paused ? 'pause' : 'clock')}
    <span class="timer__clock" data-testid="timer-clock">${over ? '0:00' : formatClock(left)}</span>
    ${paused ? html`<span class="timer__word">${t('timer.paused_short')}</span>` : nothing}
    ${over ? html`<span class="timer__word">${t('timer.over_short')}</span>` : nothing}
    <span class="sr-only" aria-live="polite">${spoken}</span>
  </div>`;
}

/**
 * Re-render once a second while a timer runs; `onZero` is called once when a running timer
 * reaches zero (the room screen chimes). Returns a function that stops it.
 */
export function tick(update, getTimer, onZero) {
  let wasAbove = null;
  const id = setInterval(() => {
    const timer = getTimer();
    const left = secondsLeft(timer);
    if (left === null) {
      wasAbove = null;
      return;
    }
    const running = typeof timer.remaining !== 'number';
    if (running) update();
    if (wasAbove && left <= 0 && running) onZero?.();
    wasAbove = left > 0;
  }, 250);
  return () => clearInterval(id);
}

/** Why input is closed now, as the server says: "input_locked", "time_up" or null (the server
 * sends fresh views at a closing timer's zero). */
export function closedReason(activity) {
  const input = activity?.input;
  if (!input || input.open !== false) return null;
  return input.reason ?? 'input_locked';
}

/** True once the page may play a sound (browsers wait for a first click or key press). */
export function soundAllowed() {
  return navigator.userActivation ? navigator.userActivation.hasBeenActive : true;
}

/** A soft two-note chime, made on the spot (no sound file to serve). */
export function chime() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  try {
    const ctx = new Ctx();
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      const start = ctx.currentTime + i * 0.35;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 1);
    });
    setTimeout(() => ctx.close(), 2000);
  } catch {
    // No sound on this device: the screen still says "time is up".
  }
}
