// The cartography's console tools: merging two organisations or two tools (picked from lists,
// no dragging) and editing the lists of purposes and impact dimensions.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { can, icon, shorten } from 'fabrique/kit.js';
import { CMD, MAX_NAME } from './common.js';

// What the facilitator is choosing or typing on this console (not shared, not in any view).
export const ui = {
  activityId: null,
  merge: { organisations: { from: '', into: '' }, tools: { from: '', into: '' } },
  lists: {}, // 'purposes' | 'dimensions' -> [{id, name}] being edited (absent: not editing)
  viewer: null,
  done: '',
};

/**
 * "Merge [A] into [B]": two selects and a button; the first item disappears, its lines go to the
 * second. `kind`: organisations | tools.
 */
export function mergeForm(ctx, kind, items) {
  const { t } = ctx;
  const type = kind === 'tools' ? CMD.mergeTools : CMD.mergeOrganisations;
  if (!can(ctx.activity, type) || items.length < 2) return nothing;
  const state = ui.merge[kind];
  const ids = new Set(items.map((i) => i.id));
  if (!ids.has(state.from)) state.from = '';
  if (!ids.has(state.into) || state.into === state.from) state.into = '';
  const label = (item) => `${shorten(item.name, 40)} (${t('cartography.lines_count', { count: item.lines ?? item.count ?? 0 })})`;
  const submit = async (e) => {
    e.preventDefault();
    if (!state.from || !state.into) {
      ctx.notify(t('cartography.merge.choose'));
      return;
    }
    const payload = kind === 'tools' ? { tool_id: state.from, into_id: state.into } : { organisation_id: state.from, into_id: state.into };
    const from = items.find((i) => i.id === state.from)?.name;
    const into = items.find((i) => i.id === state.into)?.name;
    const ack = await ctx.send(type, payload);
    if (ack?.ok) {
      state.from = '';
      state.into = '';
      ui.done = t('cartography.merge.done', { from, into });
      ctx.update();
    }
  };
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
  return html`<form class="cartography-merge card" data-testid="merge-${kind}" @submit=${submit} novalidate>
    <h3>${icon('merge')} ${t(`cartography.merge.title_${kind}`)}</h3>
    <div class="cartography-merge__row">
      <div class="field">
        <label for="merge-${kind}-from">${t(`cartography.merge.from_${kind}`)}</label>
        <select id="merge-${kind}-from" data-testid="merge-${kind}-from" data-value=${state.from}
          @change=${(e) => { state.from = e.target.value; ctx.update(); }}>
          <option value="">${t('cartography.merge.pick')}</option>
          ${sorted.map((i) => html`<option value=${i.id} ?selected=${state.from === i.id}>${label(i)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="merge-${kind}-into">${t(`cartography.merge.into_${kind}`)}</label>
        <select id="merge-${kind}-into" data-testid="merge-${kind}-into" data-value=${state.into}
          @change=${(e) => { state.into = e.target.value; ctx.update(); }}>
          <option value="">${t('cartography.merge.pick')}</option>
          ${sorted.filter((i) => i.id !== state.from).map((i) => html`<option value=${i.id} ?selected=${state.into === i.id}>${label(i)}</option>`)}
        </select>
      </div>
      <button class="button button--primary" data-testid="merge-${kind}-submit" ?disabled=${!state.from || !state.into}>
        ${icon('merge')} ${t('cartography.merge.submit')}</button>
    </div>
  </form>`;
}

/**
 * An editable list of names (the purposes, the impact dimensions): rename, add, remove, then
 * save once (`cartography.set_purposes {purposes: [{id?, name}]}`).
 */
export function listEditor(ctx, kind, items) {
  const { t } = ctx;
  const type = kind === 'purposes' ? CMD.setPurposes : CMD.setDimensions;
  if (!can(ctx.activity, type)) return nothing;
  const editing = ui.lists[kind];
  if (!editing) {
    return html`<div class="cartography-config card" data-testid="${kind}-editor">
      <h3>${t(`cartography.config.title_${kind}`)}</h3>
      <ul class="cartography-config__names">${items.map((i) => html`<li>${i.name}</li>`)}</ul>
      <button type="button" class="button button--small" data-testid="${kind}-edit"
        @click=${() => { ui.lists[kind] = items.map((i) => ({ id: i.id, name: i.name })); ctx.update(); }}>
        ${icon('pencil')} ${t('cartography.config.edit')}</button>
    </div>`;
  }
  const save = async (e) => {
    e.preventDefault();
    const names = editing.map((i) => ({ ...i, name: i.name.trim() })).filter((i) => i.name);
    if (!names.length) {
      ctx.notify(t('cartography.config.empty'));
      return;
    }
    const ack = await ctx.send(type, { [kind]: names.map((i) => (i.id ? { id: i.id, name: i.name } : { name: i.name })) });
    if (ack?.ok) {
      delete ui.lists[kind];
      ctx.update();
    }
  };
  return html`<form class="cartography-config card" data-testid="${kind}-editor" @submit=${save} novalidate>
    <h3>${t(`cartography.config.title_${kind}`)}</h3>
    <ol class="cartography-config__rows">
      ${editing.map((item, i) => html`<li class="cartography-config__row">
        <label class="sr-only" for="${kind}-name-${i}">${t('cartography.config.name', { n: i + 1 })}</label>
        <input id="${kind}-name-${i}" type="text" maxlength=${MAX_NAME} data-testid="${kind}-name" .value=${live(item.name)}
          @input=${(e) => { item.name = e.target.value; }} />
        <button type="button" class="button button--small" data-testid="${kind}-remove"
          aria-label=${t('cartography.config.remove_aria', { name: item.name || String(i + 1) })}
          @click=${() => { editing.splice(i, 1); ctx.update(); }}>${icon('trash')}</button>
      </li>`)}
    </ol>
    <div class="actions">
      <button type="button" class="button button--small" data-testid="${kind}-add"
        @click=${() => { editing.push({ name: '' }); ctx.update(); document.getElementById(`${kind}-name-${editing.length - 1}`)?.focus(); }}>
        ${icon('plus')} ${t(`cartography.config.add_${kind}`)}</button>
      <button class="button button--primary" data-testid="${kind}-save">${icon('check')} ${t('common.save')}</button>
      <button type="button" class="button" @click=${() => { delete ui.lists[kind]; ctx.update(); }}>${t('common.cancel')}</button>
    </div>
  </form>`;
}
