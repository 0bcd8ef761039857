// Cartography, room screen (projector). Nothing to click: it follows the facilitator. The map
// takes all the height the header leaves (its SVG scales to fit; the server placed the labels so
// they never overlap); the stakes are scaled by steps until they fit one screen.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, refitOnResize, createFit, rankedList } from 'fabrique/kit.js';
import { PICTOGRAMS, cartoView, mapOf } from './common.js';
import { mapSvg, legendTemplate, mapIds } from './map.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css'] });

const MAP_ID = mapIds();
const SCALES = [1.6, 1.4, 1.25, 1.1, 1, 0.9];
const fit = createFit();

function isStakes(activity) {
  const step = activity?.step?.key;
  return step === 'stakes' || step === 'vote';
}

/** The map wants every pixel of height: the header takes one line. */
function compactHead(activity) {
  const view = cartoView(activity);
  return !isStakes(activity) || view.stakes.length > 6;
}

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = cartoView(ctx.activity);
  const step = ctx.activity.step?.key;
  if (!isStakes(ctx.activity)) {
    litRender(html`<div class="cartography cartography--room cartography--${step}">${mapTemplate(ctx, view)}</div>`, container);
    return;
  }
  const key = JSON.stringify([step, ctx.lang, window.innerWidth, window.innerHeight, view.stakes, view.results]);
  const attempt = (level) => {
    litRender(html`<div class="cartography cartography--room cartography--${step}" style=${styleMap({ '--cartography-scale': String(SCALES[level]) })}>
      ${view.results.length ? resultsTemplate(ctx, view) : stakesTemplate(ctx, view)}
    </div>`, container);
    const el = container.querySelector('.cartography--room');
    return !el || el.scrollHeight <= el.clientHeight + 1;
  };
  const level = fit(key, SCALES.length, attempt);
  container.querySelector('.cartography--room')?.classList.toggle('cartography--clipped', !attempt(level));
}

function mapTemplate(ctx, view) {
  const { t } = ctx;
  const map = mapOf(view);
  const zone = map.zones.find((z) => z.id === view.spotlight);
  const dimension = view.dimensions.find((d) => d.id === map.dimension_id);
  const summary = t('cartography.map_summary', { zones: map.zones.length, tools: map.marks.length });
  return html`<div class="cartography-room__top">
      <p class="cartography-room__count" data-testid="room-tool-count" data-count=${map.marks.length}>
        ${icon('groups')} ${t('cartography.tools_count', { count: map.marks.length })}
        · ${t('cartography.orgs_count', { count: view.organisations.length })}</p>
      ${map.mode === 'impact' && dimension
        ? html`<p class="cartography-room__mode" data-testid="room-map-mode" data-mode="impact">${icon('badge')} ${t('cartography.impact_of', { dimension: dimension.name })}</p>`
        : nothing}
      ${zone ? html`<p class="cartography-room__spot" data-testid="room-spotlight-zone" data-zone-id=${zone.id}>${icon('spotlight')} ${zone.name}</p>` : nothing}
    </div>
    <div class="cartography-map cartography-room__map" data-testid="room-map">
      ${mapSvg(map, { id: MAP_ID, spotlight: view.spotlight, title: summary })}
      ${map.marks.length ? nothing : html`<p class="cartography-room__empty">${icon('pencil', 'icon--huge')} ${t('cartography.map_empty_room')}</p>`}
    </div>
    ${map.mode === 'impact' ? impactLegend(ctx, view) : legendTemplate(ctx, map, MAP_ID)}`;
}

/** In impact view, what the shades mean (lowest to highest), each with its words. */
export function impactLegend(ctx, view) {
  const { t } = ctx;
  const map = mapOf(view);
  const levels = [...new Set(map.marks.map((m) => m.kind ?? m.cls).filter(Boolean))].sort();
  return html`<ul class="cartography-legend" data-testid="map-legend">
    ${levels.map((level) => html`<li class="cartography-legend__item">
      <svg class="cartography-legend__sample" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <g class="cartography-mark cartography-mark--${level}"><circle class="cartography-mark__dot" cx="20" cy="20" r="17"></circle></g></svg>
      <span>${t(`cartography.level.${level}`)}</span></li>`)}
    <li class="cartography-legend__item">${t('cartography.legend.size')}</li>
  </ul>`;
}

function stakesTemplate(ctx, view) {
  const { t } = ctx;
  const column = (kind) => {
    const items = view.stakes.filter((s) => (s.kind ?? 'stake') === kind);
    return html`<section class="cartography-room__column">
      <h2 class="cartography-room__heading">${t(`cartography.stakes.title_${kind}`)}
        <span class="cartography-list__count">${t('cartography.stakes.count', { count: items.length })}</span></h2>
      <ul class="cartography-stakes">
        ${repeat(items, (s) => s.id, (s) => html`<li class="cartography-stake" data-testid="stake" data-stake-id=${s.id}>
          <p class="cartography-stake__text" data-testid="stake-body">${s.text}</p></li>`)}
      </ul>
    </section>`;
  };
  return html`<div class="cartography-room__stakes" data-testid="room-stakes" data-count=${view.stakes.length}>
    ${column('stake')}${column('criterion')}
  </div>`;
}

function resultsTemplate(ctx, view) {
  const { t } = ctx;
  return html`<div class="cartography-room__results">
    ${rankedList(view.results, {
      score: (r) => r.votes ?? 0,
      item: (r, { rank, bar }) => html`<li class="ranked__item" data-testid="result" data-stake-id=${r.id}>
        ${rank}
        <div class="ranked__body">
          <p class="cartography-stake__kind">${t(`cartography.stakes.kind_${r.kind ?? 'stake'}`)}</p>
          <p class="cartography-result__text">${r.text}</p>
          ${bar}
        </div>
        <span class="ranked__side" data-testid="result-votes">${t('cartography.votes', { count: r.votes ?? 0 })}</span>
      </li>`,
    })}
  </div>`;
}
