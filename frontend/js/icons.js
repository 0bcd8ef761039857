// Pictograms as inline SVG (no icon font, no emoji font needed). Decorative: aria-hidden.
import { html, svg } from 'lit';

const PATHS = {
  pencil: svg`<path d="M12 20h9"/><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4Z"/>`,
  eye: svg`<path d="M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8Z"/><circle cx="12" cy="12" r="3"/>`,
  eyeOff: svg`<path d="M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8Z"/><path d="M3 3l18 18"/>`,
  groups: svg`<rect x="3" y="3" width="7" height="7" rx="1"/><rect x="14" y="3" width="7" height="7" rx="1"/><rect x="3" y="14" width="7" height="7" rx="1"/><rect x="14" y="14" width="7" height="7" rx="1"/>`,
  dot: svg`<circle cx="12" cy="12" r="7" fill="currentColor"/>`,
  dotEmpty: svg`<circle cx="12" cy="12" r="6.5"/>`,
  podium: svg`<path d="M2 21h20"/><path d="M4 21v-7h5v7"/><path d="M9 21V8h6v13"/><path d="M15 21v-10h5v10"/>`,
  clock: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/>`,
  check: svg`<path d="M20 6 9 17l-5-5"/>`,
  connected: svg`<circle cx="12" cy="12" r="9"/><path d="m8 12 3 3 5-6"/>`,
  reconnecting: svg`<path d="M21 12a9 9 0 1 1-2.6-6.4"/><path d="M21 4v5h-5"/>`,
  offline: svg`<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>`,
  user: svg`<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 4-6 8-6s8 2 8 6"/>`,
  users: svg`<circle cx="9" cy="8" r="3.5"/><path d="M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7"/><path d="M18 14.7c2.4.6 4 2.3 4 5.3"/>`,
  remote: svg`<rect x="4" y="5" width="16" height="11" rx="1"/><path d="M2 19h20"/>`,
  room: svg`<path d="M3 21V9l9-6 9 6v12"/><path d="M9 21v-6h6v6"/>`,
  download: svg`<path d="M12 3v12"/><path d="m7 10 5 5 5-5"/><path d="M4 21h16"/>`,
  printer: svg`<path d="M6 9V3h12v6"/><path d="M6 18H4v-8h16v8h-2"/><path d="M6 14h12v7H6Z"/>`,
  screen: svg`<rect x="3" y="4" width="18" height="12" rx="1"/><path d="M12 16v4"/><path d="M8 20h8"/>`,
  arrowLeft: svg`<path d="M19 12H5"/><path d="m11 6-6 6 6 6"/>`,
  arrowRight: svg`<path d="M5 12h14"/><path d="m13 6 6 6-6 6"/>`,
  plus: svg`<path d="M12 5v14"/><path d="M5 12h14"/>`,
  minus: svg`<path d="M5 12h14"/>`,
  trash: svg`<path d="M3 6h18"/><path d="M8 6V4h8v2"/><path d="m6 6 1 15h10l1-15"/>`,
  merge: svg`<path d="m4 4 6 6"/><path d="m20 4-6 6"/><path d="M12 10v11"/><path d="m8 17 4 4 4-4"/>`,
  move: svg`<path d="M5 9l-3 3 3 3"/><path d="M19 9l3 3-3 3"/><path d="M2 12h20"/>`,
  info: svg`<circle cx="12" cy="12" r="9"/><path d="M12 11v6"/><path d="M12 7.5v.5"/>`,
  alert: svg`<path d="M12 3 2 21h20Z"/><path d="M12 10v5"/><path d="M12 18v.5"/>`,
  idea: svg`<path d="M9 18h6"/><path d="M10 22h4"/><path d="M12 2a7 7 0 0 0-4 12.7V16h8v-1.3A7 7 0 0 0 12 2Z"/>`,
  phone: svg`<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>`,
  hourglass: svg`<path d="M6 2h12"/><path d="M6 22h12"/><path d="M7 2v3a5 5 0 0 0 10 0V2"/><path d="M7 22v-3a5 5 0 0 1 10 0v3"/>`,
  close: svg`<path d="M6 6l12 12"/><path d="M18 6 6 18"/>`,
  send: svg`<path d="M22 2 11 13"/><path d="M22 2 15 22l-4-9-9-4Z"/>`,
};

export function icon(name, cls = '') {
  const body = PATHS[name] ?? PATHS.info;
  return html`<svg class="icon ${cls}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
}
