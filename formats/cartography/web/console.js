// Cartography, facilitator's console: the map as the room sees it, with its controls — spotlight
// a zone, show the impacts of one dimension, merge duplicate organisations or tools (from lists,
// no dragging), edit the purposes and the impact dimensions — then the shared stakes (moderation,
// spotlight) and their ranking. The scribe and observers get the same page with the controls
// their `can` list allows (the scribe enters lines for people without a phone in the phone frame).
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, shorten, spotlit, syncSelects } from 'fabrique/kit.js';
import { CMD, MAX_TEXT, PICTOGRAMS, cartoView, mapOf, stakeText, signed, contributionCount } from './common.js';
import { mapViewer, viewerState } from './viewer.js';
import { ui, mergeForm, listEditor, importForm } from './console-tools.js';
import { STAKE_KINDS, resultsTemplate } from './participant-steps.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'participant.css'], contributions: contributionCount });

const WRITING = new Set(['stakes', 'vote', 'results']);

function render(container, ctx) {
  if (ui.activityId !== ctx.activity.id) {
    Object.assign(ui, { activityId: ctx.activity.id, lists: {}, viewer: viewerState(), done: '' });
  }
  if (ui.stepKey !== ctx.activity.step?.key) Object.assign(ui, { stepKey: ctx.activity.step?.key, done: '' });
  const view = cartoView(ctx.activity);
  const step = ctx.activity.step?.key;
  litRender(
    html`<div class="cartography cartography--console cartography--${step}">
      ${stats(ctx, view, step)}
      ${ui.done ? html`<p class="callout callout--info" role="status" data-testid="merge-done">${icon('check')}<span>${ui.done}</span></p>` : nothing}
      ${WRITING.has(step) ? stakesTemplate(ctx, view, step) : mapTools(ctx, view, step)}
    </div>`,
    container,
  );
  syncSelects(container);
}

function stat(value, label, testid) {
  return html`<div class="cartography-stat" data-testid=${testid} data-count=${value}>
    <span class="cartography-stat__value">${value}</span> <span class="cartography-stat__label">${label}</span></div>`;
}

function stats(ctx, view, step) {
  const { t } = ctx;
  if (WRITING.has(step)) {
    const count = view.stakes.filter((s) => !s.hidden).length;
    return html`<div class="cartography-stats">
      ${stat(count, t('cartography.stat.stakes', { count }), 'console-stake-count')}
      ${step !== 'stakes' ? stat(view.votes_cast, t('cartography.stat.dots', { count: view.votes_cast }), 'console-votes-cast') : nothing}
      ${step !== 'stakes' ? stat(view.voters, t('cartography.stat.voters', { count: view.voters }), 'console-voters') : nothing}
    </div>`;
  }
  return html`<div class="cartography-stats">
    ${stat(view.organisations.length, t('cartography.stat.orgs', { count: view.organisations.length }), 'console-org-count')}
    ${stat(view.tools.length, t('cartography.stat.tools', { count: view.tools.length }), 'console-tool-count')}
    ${stat(view.use_count, t('cartography.stat.uses', { count: view.use_count }), 'console-use-count')}
  </div>`;
}

// ------------------------------------------------------------------ the map and its tools

function mapTools(ctx, view, step) {
  const { t } = ctx;
  const orgs = view.organisations;
  return html`<div class="cartography-console">
    <div class="cartography-console__map">
      ${dimensionControls(ctx, view)}
      ${spotlightControls(ctx, view)}
      ${mapViewer(ctx, view, ui.viewer, { zoomToRead: false })}
      ${step === 'impacts' ? impactsTable(ctx, view) : nothing}
    </div>
    <div class="cartography-console__tools">
      ${mergeForm(ctx, 'tools', view.tools)}
      ${mergeForm(ctx, 'organisations', orgs)}
      ${listEditor(ctx, 'purposes', view.purposes)}
      ${listEditor(ctx, 'dimensions', view.dimensions)}
      ${importForm(ctx)}
      <section class="cartography-orgs card" aria-labelledby="cartography-orgs-title">
        <h3 id="cartography-orgs-title">${icon('room')} ${t('cartography.orgs_title', { count: orgs.length })}</h3>
        ${orgs.length
          ? html`<ul class="cartography-orgs__list">${repeat(orgs, (o) => o.id, (o) => html`<li data-testid="console-org" data-organisation-id=${o.id}>
              <strong>${o.name}</strong> <span class="cartography-list__count">${t('cartography.people_count', { count: o.members ?? 0 })}</span>
              ${o.merged?.length ? html`<span class="cartography-list__count">${t('cartography.merged', { names: o.merged.join(', ') })}</span>` : nothing}</li>`)}</ul>`
          : html`<p class="empty">${t('cartography.orgs_empty')}</p>`}
      </section>
    </div>
  </div>`;
}

/** Necessity/choice, or the impacts of one dimension (from the impacts step on). */
function dimensionControls(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, CMD.showDimension) || !view.dimensions.length) return nothing;
  const shown = view.shown_dimension;
  const choose = (id) => ctx.send(CMD.showDimension, { dimension_id: id });
  return html`<div class="cartography-modes" role="group" aria-labelledby="cartography-modes-label" data-testid="map-mode" data-dimension=${shown ?? ''}>
    <span class="cartography-modes__label" id="cartography-modes-label">${t('cartography.mode.label')}</span>
    <button type="button" class="button button--small ${shown ? '' : 'button--on'}" aria-pressed=${shown ? 'false' : 'true'}
      data-testid="map-mode-usage" @click=${() => choose(null)}>${t('cartography.mode.usage')}</button>
    ${view.dimensions.map((d) => html`<button type="button" class="button button--small ${shown === d.id ? 'button--on' : ''}"
      aria-pressed=${shown === d.id ? 'true' : 'false'} data-testid="map-mode-dimension" data-dimension-id=${d.id}
      @click=${() => choose(d.id)}>${d.name}</button>`)}
  </div>`;
}

/** One zone stressed on every screen (the others dimmed), or none. */
function spotlightControls(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, CMD.spotlightZone)) return nothing;
  const zones = mapOf(view).zones;
  if (!zones.length) return nothing;
  return html`<div class="cartography-modes" role="group" aria-labelledby="cartography-spot-label" data-testid="zone-spotlight">
    <span class="cartography-modes__label" id="cartography-spot-label">${icon('spotlight')} ${t('cartography.spot.label')}</span>
    ${zones.map((z) => {
      const on = view.spotlight === z.id;
      return html`<button type="button" class="button button--small ${on ? 'button--on' : ''}" aria-pressed=${on ? 'true' : 'false'}
        data-testid="zone-spotlight-toggle" data-zone-id=${z.id}
        @click=${() => ctx.send(CMD.spotlightZone, { purpose_id: on ? null : z.id })}>${z.name}</button>`;
    })}
    ${view.spotlight
      ? html`<button type="button" class="button button--small" data-testid="zone-spotlight-stop"
          @click=${() => ctx.send(CMD.spotlightZone, { purpose_id: null })}>${icon('close')} ${t('cartography.spot.stop')}</button>`
      : nothing}
  </div>`;
}

/** The average of each tool on each dimension (an organisation counts once), and who rated. */
function impactsTable(ctx, view) {
  const { t } = ctx;
  if (!view.impacts.length) return nothing;
  return html`<div class="cartography-table-wrap" tabindex="0" role="region" aria-labelledby="cartography-impacts-caption">
    <table class="cartography-table" data-testid="impacts-table">
      <caption id="cartography-impacts-caption">${t('cartography.impacts.table')}</caption>
      <thead><tr>
        <th scope="col">${t('cartography.impacts.tool')}</th>
        ${view.dimensions.map((d) => html`<th scope="col">${d.name}</th>`)}
        <th scope="col">${t('cartography.impacts.raters')}</th>
      </tr></thead>
      <tbody>
        ${view.impacts.map((row) => html`<tr data-testid="impacts-row" data-tool-id=${row.tool_id}>
          <th scope="row">${row.name}</th>
          ${view.dimensions.map((d) => html`<td>${row.averages?.[d.id] == null ? '—' : signed(row.averages[d.id])}</td>`)}
          <td>${row.raters ?? 0}</td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}

// ------------------------------------------------------------------ stakes

function stakesTemplate(ctx, view, step) {
  const { t } = ctx;
  const section = (kind) => {
    const items = view.stakes.filter((s) => (s.kind ?? 'stake') === kind);
    return html`<section class="cartography-stake-section">
      <h3>${t(`cartography.stakes.title_${kind}`)} <span class="cartography-list__count">${t('cartography.stakes.count', { count: items.length })}</span></h3>
      ${items.length
        ? html`<ul class="cartography-stakes">${repeat(items, (s) => s.id, (s) => html`<li class="cartography-stake ${s.hidden ? 'cartography-stake--hidden' : ''}"
              data-testid="stake" data-stake-id=${s.id} data-hidden=${s.hidden ? 'true' : 'false'}>
            ${s.hidden ? html`<p class="badge">${icon('eyeOff')} ${t('cartography.stakes.hidden')}</p>` : nothing}
            ${stakeText(t, s)}
            <div class="actions actions--small">${stakeTools(ctx, s)}</div>
          </li>`)}</ul>`
        : html`<p class="empty">${t('cartography.stakes.empty')}</p>`}
    </section>`;
  };
  return html`${view.results ? resultsTemplate(ctx, view, { extra: (r) => handsForm(ctx, r) }) : nothing}
    ${step === 'stakes' && can(ctx.activity, CMD.addStake) ? noteForm(ctx) : nothing}
    ${step === 'results' ? nothing : html`<div class="cartography-console__stakes">${STAKE_KINDS.map(section)}</div>`}`;
}

/** What was said aloud, noted by the facilitator or the scribe (a stake or a criterion). */
function noteForm(ctx) {
  const { t } = ctx;
  const note = (ui.note ??= { kind: 'stake', text: '' });
  const submit = async (e) => {
    e.preventDefault();
    const text = note.text.trim();
    if (!text) {
      e.target.querySelector('textarea')?.focus();
      return;
    }
    const ack = await ctx.send(CMD.addStake, { kind: note.kind, text });
    if (ack?.ok) note.text = '';
    ctx.update();
  };
  return html`<form class="cartography-note card" data-testid="note-form" @submit=${submit} novalidate>
    <h3>${icon('pencil')} ${t('cartography.stakes.note_title')}</h3>
    <div class="cartography-merge__row">
      <div class="field">
        <label for="cartography-note-kind">${t('cartography.stakes.kind')}</label>
        <select id="cartography-note-kind" data-testid="note-kind" data-value=${note.kind} @change=${(e) => { note.kind = e.target.value; }}>
          ${STAKE_KINDS.map((k) => html`<option value=${k} ?selected=${note.kind === k}>${t(`cartography.stakes.kind_${k}`)}</option>`)}
        </select>
      </div>
      <div class="field cartography-note__text">
        <label for="cartography-note-text">${t('cartography.stakes.note_label')}</label>
        <textarea id="cartography-note-text" rows="2" maxlength=${MAX_TEXT} data-testid="note-text"
          .value=${live(note.text)} @input=${(e) => { note.text = e.target.value; }}></textarea>
      </div>
      <button class="button button--primary" data-testid="note-add">${icon('plus')} ${t('cartography.stakes.add')}</button>
    </div>
  </form>`;
}

function stakeTools(ctx, s) {
  const { t } = ctx;
  const on = spotlit(ctx, s.id);
  return html`${can(ctx.activity, 'screen.spotlight') && !s.hidden
      ? html`<button type="button" class="button button--small ${on ? 'button--on' : ''}" data-testid="stake-spotlight" aria-pressed=${on ? 'true' : 'false'}
          aria-label=${t(on ? 'cartography.stakes.spotlight_stop_aria' : 'cartography.stakes.spotlight_aria', { text: shorten(s.text) })}
          @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : s.id })}>${icon('spotlight')} ${t(on ? 'cartography.stakes.spotlight_stop' : 'cartography.stakes.spotlight')}</button>`
      : nothing}
    ${can(ctx.activity, CMD.hideStake)
      ? html`<button type="button" class="button button--small" data-testid="stake-hide" aria-pressed=${s.hidden ? 'true' : 'false'}
          aria-label=${t(s.hidden ? 'cartography.stakes.show_aria' : 'cartography.stakes.hide_aria', { text: shorten(s.text) })}
          @click=${() => ctx.send(CMD.hideStake, { stake_id: s.id, hidden: !s.hidden })}>
          ${icon(s.hidden ? 'eye' : 'eyeOff')} ${t(s.hidden ? 'cartography.stakes.show' : 'cartography.stakes.hide')}</button>`
      : nothing}`;
}

/** Hands raised in the room for a stake or a criterion, added to its dots. */
function handsForm(ctx, r) {
  const { t } = ctx;
  if (!can(ctx.activity, 'hands.count')) return nothing;
  const id = `hands-${r.id}`;
  const save = async (e) => {
    e.preventDefault();
    const count = Number(e.target.querySelector('input')?.value);
    if (!Number.isInteger(count) || count < 0 || count > 10000) {
      ctx.notify(t('form.error.range', { min: 0, max: 10000 }));
      return;
    }
    await ctx.send('hands.count', { item_id: r.id, count });
  };
  return html`<form class="cartography-hands" data-testid="hands-form" data-count=${r.hands ?? 0} @submit=${save} novalidate>
    <label for=${id}>${icon('hand')} ${t('cartography.hands_label')}</label>
    <input id=${id} type="number" inputmode="numeric" min="0" max="10000" step="1" class="input--tiny" data-testid="hands-input"
      .value=${live(String(r.hands ?? 0))} />
    <button class="button button--small" data-testid="hands-save" aria-label=${t('cartography.hands_save_aria', { text: shorten(r.text) })}>${icon('hand')} ${t('common.save')}</button>
  </form>`;
}
