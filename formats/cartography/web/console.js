// Cartography, facilitator's console: the map as the room sees it, with its controls — spotlight
// a zone, switch to the impact view of a dimension, merge duplicate organisations or tools (from
// lists, no dragging), edit the purposes and the impact dimensions — and the shared stakes with
// their dots. The scribe and observers get the same page with the controls their `can` allows.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, syncSelects } from 'fabrique/kit.js';
import { CMD, PICTOGRAMS, cartoView, mapOf, stakeText } from './common.js';
import { mapViewer, viewerState } from './viewer.js';
import { ui, mergeForm, listEditor } from './console-tools.js';
import { resultsTemplate } from './participant-steps.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'participant.css'] });

function render(container, ctx) {
  if (ui.activityId !== ctx.activity.id) {
    Object.assign(ui, { activityId: ctx.activity.id, lists: {}, viewer: viewerState(), done: '' });
  }
  const view = cartoView(ctx.activity);
  const step = ctx.activity.step?.key;
  const stakes = step === 'stakes' || step === 'vote';
  litRender(
    html`<div class="cartography cartography--console cartography--${step}">
      ${stats(ctx, view)}
      ${ui.done ? html`<p class="callout callout--info" role="status" data-testid="merge-done">${icon('check')}<span>${ui.done}</span></p>` : nothing}
      ${stakes ? stakesTemplate(ctx, view) : mapTools(ctx, view)}
    </div>`,
    container,
  );
  syncSelects(container);
}

function stat(value, label, testid) {
  return html`<div class="cartography-stat" data-testid=${testid} data-count=${value}>
    <span class="cartography-stat__value">${value}</span> <span class="cartography-stat__label">${label}</span></div>`;
}

function stats(ctx, view) {
  const { t } = ctx;
  const lines = view.line_count || view.tools.reduce((n, tool) => n + (tool.organisations ?? 0), 0);
  return html`<div class="cartography-stats">
    ${stat(view.organisations.length, t('cartography.stat.orgs', { count: view.organisations.length }), 'console-org-count')}
    ${stat(view.tools.length, t('cartography.stat.tools', { count: view.tools.length }), 'console-tool-count')}
    ${stat(lines, t('cartography.stat.lines', { count: lines }), 'console-line-count')}
  </div>`;
}

// ------------------------------------------------------------------ the map and its tools

function mapTools(ctx, view) {
  const { t } = ctx;
  const orgs = view.organisations;
  return html`<div class="cartography-console">
    <div class="cartography-console__map">
      ${modeControls(ctx, view)}
      ${spotlightControls(ctx, view)}
      ${mapViewer(ctx, view, ui.viewer, { spotlight: view.spotlight })}
    </div>
    <div class="cartography-console__tools">
      ${mergeForm(ctx, 'tools', view.tools)}
      ${mergeForm(ctx, 'organisations', orgs)}
      ${listEditor(ctx, 'purposes', view.purposes)}
      ${listEditor(ctx, 'dimensions', view.dimensions)}
      <section class="cartography-orgs card" aria-labelledby="cartography-orgs-title">
        <h3 id="cartography-orgs-title">${icon('room')} ${t('cartography.orgs_title', { count: orgs.length })}</h3>
        ${orgs.length
          ? html`<ul class="cartography-orgs__list">${repeat(orgs, (o) => o.id, (o) => html`<li data-testid="console-org" data-organisation-id=${o.id}>
              <strong>${o.name}</strong> <span class="cartography-list__count">${t('cartography.people_count', { count: o.people ?? 0 })} · ${t('cartography.lines_count', { count: o.lines ?? 0 })}</span></li>`)}</ul>`
          : html`<p class="empty">${t('cartography.orgs_empty')}</p>`}
      </section>
    </div>
  </div>`;
}

/** Usage view, or the impact view of one dimension. */
function modeControls(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, CMD.mapMode)) return nothing;
  const map = mapOf(view);
  const impact = map.mode === 'impact';
  const choose = (mode, dimension_id = null) => ctx.send(CMD.mapMode, mode === 'impact' ? { mode, dimension_id } : { mode });
  return html`<div class="cartography-modes" role="group" aria-label=${t('cartography.mode.label')} data-testid="map-mode" data-mode=${map.mode}>
    <span class="cartography-modes__label" aria-hidden="true">${t('cartography.mode.label')}</span>
    <button type="button" class="button button--small ${impact ? '' : 'button--on'}" aria-pressed=${impact ? 'false' : 'true'}
      data-testid="map-mode-usage" @click=${() => choose('usage')}>${icon('groups')} ${t('cartography.mode.usage')}</button>
    ${view.dimensions.map((d) => {
      const on = impact && map.dimension_id === d.id;
      return html`<button type="button" class="button button--small ${on ? 'button--on' : ''}" aria-pressed=${on ? 'true' : 'false'}
        data-testid="map-mode-impact" data-dimension-id=${d.id} @click=${() => choose('impact', d.id)}>
        ${icon('badge')} ${t('cartography.mode.impact', { dimension: d.name })}</button>`;
    })}
  </div>`;
}

/** One zone stressed on every screen (the others dimmed), or none. */
function spotlightControls(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, CMD.spotlightZone)) return nothing;
  const zones = mapOf(view).zones;
  if (!zones.length) return nothing;
  return html`<div class="cartography-modes" role="group" aria-label=${t('cartography.spot.label')} data-testid="zone-spotlight">
    <span class="cartography-modes__label" aria-hidden="true">${icon('spotlight')} ${t('cartography.spot.label')}</span>
    ${zones.map((z) => {
      const on = view.spotlight === z.id;
      return html`<button type="button" class="button button--small ${on ? 'button--on' : ''}" aria-pressed=${on ? 'true' : 'false'}
        data-testid="zone-spotlight-toggle" data-zone-id=${z.id}
        @click=${() => ctx.send(CMD.spotlightZone, { zone_id: on ? null : z.id })}>${z.name}</button>`;
    })}
    ${view.spotlight
      ? html`<button type="button" class="button button--small" data-testid="zone-spotlight-stop"
          @click=${() => ctx.send(CMD.spotlightZone, { zone_id: null })}>${icon('close')} ${t('cartography.spot.stop')}</button>`
      : nothing}
  </div>`;
}

// ------------------------------------------------------------------ stakes

function stakesTemplate(ctx, view) {
  const { t } = ctx;
  const section = (kind) => {
    const items = view.stakes.filter((s) => (s.kind ?? 'stake') === kind);
    return html`<section class="cartography-stake-section">
      <h3>${t(`cartography.stakes.title_${kind}`)} <span class="cartography-list__count">${t('cartography.stakes.count', { count: items.length })}</span></h3>
      ${items.length
        ? html`<ul class="cartography-stakes">${repeat(items, (s) => s.id, (s) => html`<li class="cartography-stake" data-testid="stake" data-stake-id=${s.id}>
            ${stakeText(s)}
            ${s.votes != null ? html`<p class="cartography-stake__meta" data-testid="stake-votes">${icon('dot')} ${t('cartography.votes', { count: s.votes })}</p>` : nothing}
          </li>`)}</ul>`
        : html`<p class="empty">${t('cartography.stakes.empty')}</p>`}
    </section>`;
  };
  return html`<div class="cartography-console__stakes">${section('stake')}${section('criterion')}</div>
    ${view.results.length ? resultsTemplate(ctx, view) : nothing}`;
}
