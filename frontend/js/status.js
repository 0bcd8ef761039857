// The always-visible, honest connection status.
import { html } from 'lit';
import { t } from './i18n.js';
import { icon } from './icons.js';

const ICONS = {
  connected: 'connected',
  connecting: 'reconnecting',
  reconnecting: 'reconnecting',
  offline: 'offline',
  unauthorized: 'alert',
};

export function statusText(state, pending) {
  switch (state) {
    case 'connected':
      return pending ? t('status.sending', { count: pending }) : t('status.connected');
    case 'reconnecting':
      return pending ? t('status.reconnecting_pending', { count: pending }) : t('status.reconnecting');
    case 'offline':
      return pending ? t('status.offline_pending', { count: pending }) : t('status.offline');
    case 'unauthorized':
      return t('status.unauthorized');
    default:
      return t('status.connecting');
  }
}

/** `conn` may be null (not connected yet). */
export function statusTemplate(conn) {
  const state = conn ? conn.state : 'connecting';
  const pending = conn ? conn.pending.length : 0;
  const problem = state !== 'connected';
  return html`<div
    class="status status--${state} ${problem ? 'status--problem' : ''}"
    data-testid="connection-status"
    data-state=${state}
    data-pending=${pending}
    role="status"
    aria-live="polite"
  >
    ${icon(ICONS[state] ?? 'info', state === 'reconnecting' || state === 'connecting' ? 'spin' : '')}
    <span>${statusText(state, pending)}</span>
  </div>`;
}
