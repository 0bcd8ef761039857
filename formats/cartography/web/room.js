// Cartography, room screen (projector). Nothing to click: it follows the facilitator. The map
// takes all the height the header leaves (its SVG scales to fit; the server placed the labels so
// they never overlap); the stakes and results are scaled by steps until they fit one screen.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { defineRenderer, icon, refitOnResize, createFit } from 'fabrique/kit.js';
import { PICTOGRAMS, cartoView, mapOf, dimensionName, contributionCount } from './common.js';
import { mapSvg, legendTemplate, numbersTemplate, mapIds } from './map.js';
import { STAKE_KINDS, resultsTemplate, roomVotes } from './participant-steps.js';

export default defineRenderer({ render, compactHead, pictograms: PICTOGRAMS, styles: ['room.css', 'participant.css'], contributions: contributionCount });

const MAP_ID = mapIds();
const SCALES = [1.6, 1.4, 1.25, 1.1, 1, 0.9, 0.8];
const fit = createFit();
const WRITING = new Set(['stakes', 'vote', 'results']);

/** The map wants every pixel of height: the header takes one line. */
function compactHead(activity) {
  return !WRITING.has(activity?.step?.key) || cartoView(activity).stakes.length > 6;
}

function render(container, ctx) {
  refitOnResize(ctx.update);
  const view = cartoView(ctx.activity);
  const step = ctx.activity.step?.key;
  if (!WRITING.has(step)) {
    const draw = (more) => litRender(html`<div class="cartography cartography--room cartography--${step}">${mapTemplate(ctx, view, more)}</div>`, container);
    draw(0);
    // A long list of numbered names: as many as fit, then how many more and where to read them.
    const hidden = hiddenNumbers(container);
    if (hidden) draw(hidden);
    return;
  }
  const key = JSON.stringify([step, ctx.lang, window.innerWidth, window.innerHeight, view.stakes, view.results, view.votes_cast]);
  const attempt = (level) => {
    litRender(html`<div class="cartography cartography--room cartography--writing cartography--${step}" style=${styleMap({ '--cartography-scale': String(SCALES[level]) })}>
      ${view.results ? html`<div class="cartography-room__results">${resultsTemplate(ctx, view, { limit: 8 })}</div>` : stakesTemplate(ctx, view, step)}
    </div>`, container);
    const el = container.querySelector('.cartography--room');
    return !el || el.scrollHeight <= el.clientHeight + 1;
  };
  const level = fit(key, SCALES.length, attempt);
  container.querySelector('.cartography--room')?.classList.toggle('cartography--clipped', !attempt(level));
}

/** How many numbered names are cut off by the block's edges. */
function hiddenNumbers(container) {
  const block = container.querySelector('.cartography-numbers-block');
  if (!block) return 0;
  const edge = block.getBoundingClientRect();
  return [...block.querySelectorAll('.cartography-numbers li')].filter((li) => {
    const r = li.getBoundingClientRect();
    return r.right > edge.right + 1 || r.bottom > edge.bottom + 1;
  }).length;
}

function mapTemplate(ctx, view, more = 0) {
  const { t } = ctx;
  const map = mapOf(view);
  const zone = map.zones.find((z) => z.spotlit);
  const summary = t('cartography.map_summary', { zones: map.zones.length, tools: view.tools.length });
  return html`<div class="cartography-room__main">
      <div class="cartography-map cartography-room__map" data-testid="room-map">
        ${mapSvg(view, { id: MAP_ID, title: summary })}
        ${map.marks.length ? nothing : html`<p class="cartography-room__empty">${icon('phone', 'icon--huge')} ${t('cartography.map_empty_room')}</p>`}
      </div>
      ${numbersTemplate(ctx, view, { more, names: false })}
    </div>
    <div class="cartography-room__foot">
      <p class="cartography-room__count" data-testid="room-tool-count" data-count=${view.tools.length}>
        ${icon('groups')} ${t('cartography.tools_count', { count: view.tools.length })}
        · ${t('cartography.orgs_count', { count: view.organisations.length })}</p>
      ${zone ? html`<p class="cartography-room__spot" data-testid="room-spotlight-zone" data-zone-id=${zone.id}>${icon('spotlight')} ${zone.name}</p>` : nothing}
      ${legendTemplate(ctx, view, MAP_ID)}
    </div>`;
}

function stakesTemplate(ctx, view, step) {
  const { t } = ctx;
  const column = (kind) => {
    const items = view.stakes.filter((s) => (s.kind ?? 'stake') === kind);
    return html`<section class="cartography-room__column">
      <h2 class="cartography-room__heading">${t(`cartography.stakes.title_${kind}`)}
        <span class="cartography-list__count">${t('cartography.stakes.count', { count: items.length })}</span></h2>
      ${items.length
        ? html`<ul class="cartography-stakes">
            ${repeat(items, (s) => s.id, (s) => html`<li class="cartography-stake" data-testid="stake" data-stake-id=${s.id}>
              <p class="cartography-stake__text" data-testid="stake-body">${s.text}</p></li>`)}
          </ul>`
        : html`<p class="empty">${t('cartography.stakes.empty')}</p>`}
    </section>`;
  };
  return html`${step === 'vote'
      ? html`<p class="cartography-room__count" data-testid="room-votes" data-count=${view.votes_cast}>${icon('dot')}
          ${roomVotes(t, view)}</p>`
      : nothing}
    <div class="cartography-room__stakes" data-testid="room-stakes" data-count=${view.stakes.length}>
      ${STAKE_KINDS.map(column)}
    </div>`;
}
