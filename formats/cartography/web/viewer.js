// The map on a phone (and in the console): zoomed with buttons, not only by pinching, moved by
// scrolling its frame (a swipe, the arrow keys once it has focus), and shown as a list on demand.
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { icon } from 'fabrique/kit.js';
import { mapOf } from './common.js';
import { mapSvg, mapList, legendTemplate, numbersTemplate, mapIds } from './map.js';

export const ZOOMS = [1, 1.5, 2, 3, 4];

/** One viewer's local state (zoom level, list or map); not shared, not in any view. */
export function viewerState() {
  return { zoom: null, list: false, id: mapIds() };
}

/** The first zoom: the smallest at which the map's labels are at least 12 px on this screen. */
function firstZoom(map) {
  const width = Math.min(window.innerWidth, 760) - 40;
  const smallest = Math.min(...map.marks.map((m) => m.font_size ?? map.font_size));
  const px = (smallest * width) / map.width;
  const level = ZOOMS.findIndex((z) => px * z >= 12);
  return level < 0 ? ZOOMS.length - 1 : Math.min(level, 3);
}

function zoomTo(state, level, frame, update) {
  const before = ZOOMS[state.zoom ?? 0];
  const next = Math.max(0, Math.min(ZOOMS.length - 1, level));
  // Keep the middle of what is in view in the middle after zooming.
  const cx = frame ? (frame.scrollLeft + frame.clientWidth / 2) / (frame.scrollWidth || 1) : 0.5;
  const cy = frame ? (frame.scrollTop + frame.clientHeight / 2) / (frame.scrollHeight || 1) : 0.5;
  state.zoom = next;
  update();
  if (frame && before !== ZOOMS[next]) {
    frame.scrollLeft = cx * frame.scrollWidth - frame.clientWidth / 2;
    frame.scrollTop = cy * frame.scrollHeight - frame.clientHeight / 2;
  }
}

/** Scrolls the zoomed map so that a zone is at the frame's top left. */
function goTo(map, zoneId, frame) {
  const zone = map.zones.find((z) => z.id === zoneId);
  if (!zone || !frame) return;
  frame.scrollLeft = (zone.x / map.width) * frame.scrollWidth;
  frame.scrollTop = (zone.y / map.height) * frame.scrollHeight;
  frame.scrollIntoView({ block: 'nearest' });
}

/**
 * The map with its tools: zoom in, zoom out, whole map, and the map/list switch. `title` names
 * the map (a sentence counting zones and tools), `highlight` the tools this person uses.
 */
export function mapViewer(ctx, view, state, { highlight = new Set(), zoomToRead = true } = {}) {
  const { t } = ctx;
  // A phone held upright gets the map laid out upright (`view.map.portrait`).
  const portrait = zoomToRead && window.innerWidth < window.innerHeight;
  const map = mapOf(view, { portrait });
  if (state.zoom === null && map.marks.length) state.zoom = zoomToRead ? firstZoom(map) : 0;
  const level = state.zoom ?? 0;
  const frameId = `${state.id}-frame`;
  const frame = () => document.getElementById(frameId);
  const summary = t('cartography.map_summary', { zones: map.zones.length, tools: view.tools.length });
  const zoom = ZOOMS[level];
  const listId = `${state.id}-list`;
  return html`<section class="cartography-viewer" aria-labelledby="${state.id}-title" data-testid="map-viewer">
    <div class="cartography-viewer__head">
      <h2 class="cartography-viewer__title" id="${state.id}-title">${map.impact ? t('cartography.map_impact_title') : t('cartography.map_title')}</h2>
      <button type="button" class="button button--small" data-testid="map-list-toggle" aria-pressed=${state.list ? 'true' : 'false'}
        @click=${() => { state.list = !state.list; ctx.update(); }}>
        ${icon('template')} ${t('cartography.show_list')}
      </button>
    </div>
    ${state.list
      ? mapList(ctx, view, { highlight, id: listId })
      : html`<div class="cartography-viewer__tools" role="group" aria-label=${t('cartography.zoom_group')}>
            <button type="button" class="button button--small" data-testid="map-zoom-in" ?disabled=${level === ZOOMS.length - 1}
              aria-label=${t('cartography.zoom_in')} @click=${() => zoomTo(state, level + 1, frame(), ctx.update)}>
              ${icon('plus')}</button>
            <button type="button" class="button button--small" data-testid="map-zoom-out" ?disabled=${level === 0}
              aria-label=${t('cartography.zoom_out')} @click=${() => zoomTo(state, level - 1, frame(), ctx.update)}>
              ${icon('minus')}</button>
            <button type="button" class="button button--small" data-testid="map-zoom-reset" ?disabled=${level === 0}
              @click=${() => zoomTo(state, 0, frame(), ctx.update)}>${t('cartography.zoom_whole')}</button>
            <span class="cartography-viewer__level" data-testid="map-zoom" data-zoom=${zoom} aria-live="polite">${t('cartography.zoom_level', { percent: Math.round(zoom * 100) })}</span>
          </div>
          ${zoom > 1 && map.zones.length > 1
            ? html`<div class="field cartography-viewer__goto">
                <label for="${state.id}-goto">${t('cartography.goto')}</label>
                <select id="${state.id}-goto" data-testid="map-goto" @change=${(e) => goTo(map, e.target.value, frame())}>
                  <option value="">${t('cartography.merge.pick')}</option>
                  ${map.zones.map((z) => html`<option value=${z.id}>${z.name}</option>`)}
                </select>
              </div>`
            : nothing}
          <div class="cartography-map cartography-viewer__frame" id=${frameId} tabindex="0" role="region"
            aria-label=${t('cartography.map_frame', { summary })}>
            <div class="cartography-viewer__canvas" style=${styleMap({ width: `${zoom * 100}%` })}>
              ${mapSvg(view, { id: state.id, highlight, title: summary, portrait })}
            </div>
          </div>
          ${legendTemplate(ctx, view, state.id)}
          ${numbersTemplate(ctx, view, { portrait })}
          <div class="sr-only">${mapList(ctx, view, { highlight, testid: 'map-list-sr' })}</div>`}
    ${map.marks.length ? nothing : html`<p class="empty" data-testid="map-empty">${t('cartography.map_empty')}</p>`}
  </section>`;
}
