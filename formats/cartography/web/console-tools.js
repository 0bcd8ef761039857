// The cartography's console tools: merging two organisations or two tools (picked from lists,
// no dragging) and editing the lists of purposes and impact dimensions.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { can, icon, shorten } from 'fabrique/kit.js';
import { CMD, MAX_HEADING } from './common.js';

// What the facilitator is choosing or typing on this console (not shared, not in any view).
export const ui = {
  activityId: null,
  stepKey: null,
  merge: { organisations: { from: '', into: '' }, tools: { from: '', into: '' } },
  lists: {}, // 'purposes' | 'dimensions' -> {id or 'new': the title being typed}
  viewer: null,
  done: '',
  csv: '', // the CSV pasted or read from a file, until it is imported
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
  const label = (item) => `${shorten(item.name, 40)} (${kind === 'tools' ? t('cartography.orgs_count', { count: item.organisations ?? 0 }) : t('cartography.people_count', { count: item.members ?? 0 })})`;
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

const LISTS = {
  purposes: { add: CMD.addPurpose, rename: CMD.renamePurpose, remove: CMD.removePurpose, idKey: 'purpose_id' },
  dimensions: { add: CMD.addDimension, rename: CMD.renameDimension, remove: CMD.removeDimension, idKey: 'dimension_id' },
};

/**
 * The purposes (or impact dimensions): each renamed or removed in place, one added at the foot.
 * One in use cannot be removed: the server says so (`in_use`) and the shell shows it.
 */
export function listEditor(ctx, kind, items) {
  const { t } = ctx;
  const cmd = LISTS[kind];
  const canAdd = can(ctx.activity, cmd.add);
  const canRename = can(ctx.activity, cmd.rename);
  const canRemove = can(ctx.activity, cmd.remove);
  if (!canAdd && !canRename && !canRemove) return nothing;
  const drafts = (ui.lists[kind] ??= {});
  const rename = (item) => async (e) => {
    e.preventDefault();
    const title = (drafts[item.id] ?? item.name).trim();
    if (!title || title === item.name) {
      delete drafts[item.id];
      ctx.update();
      return;
    }
    const ack = await ctx.send(cmd.rename, { [cmd.idKey]: item.id, title });
    if (ack?.ok) delete drafts[item.id];
    ctx.update();
  };
  const add = async (e) => {
    e.preventDefault();
    const title = (drafts.new ?? '').trim();
    if (!title) {
      e.target.querySelector('input')?.focus();
      return;
    }
    const ack = await ctx.send(cmd.add, { title });
    if (ack?.ok) delete drafts.new;
    ctx.update();
  };
  return html`<section class="cartography-config card" data-testid="${kind}-editor" aria-labelledby="${kind}-editor-title">
    <h3 id="${kind}-editor-title">${t(`cartography.config.title_${kind}`)}</h3>
    <ol class="cartography-config__rows">
      ${items.map((item) => html`<li class="cartography-config__row" data-testid="${kind}-item" data-id=${item.id}>
        ${canRename
          ? html`<form class="cartography-config__form" @submit=${rename(item)} novalidate>
              <label class="sr-only" for="${kind}-name-${item.id}">${t('cartography.config.name', { name: item.name })}</label>
              <input id="${kind}-name-${item.id}" type="text" maxlength=${MAX_HEADING} data-testid="${kind}-name"
                .value=${live(drafts[item.id] ?? item.name)} @input=${(e) => { drafts[item.id] = e.target.value; ctx.update(); }} />
              ${drafts[item.id] != null && drafts[item.id] !== item.name
                ? html`<button class="button button--small" data-testid="${kind}-rename"
                    aria-label=${t('cartography.config.rename_aria', { name: item.name })}>${icon('check')} ${t('cartography.config.rename')}</button>`
                : nothing}
            </form>`
          : html`<span class="cartography-config__name">${item.name}</span>`}
        ${kind === 'purposes' && item.tool_count != null
          ? html`<span class="cartography-list__count">${t('cartography.tools_count', { count: item.tool_count })}</span>` : nothing}
        ${canRemove
          ? html`<button type="button" class="button button--small" data-testid="${kind}-remove"
              aria-label=${t('cartography.config.remove_aria', { name: item.name })}
              @click=${() => ctx.send(cmd.remove, { [cmd.idKey]: item.id })}>${icon('trash')}</button>`
          : nothing}
      </li>`)}
    </ol>
    ${canAdd
      ? html`<form class="cartography-config__form" @submit=${add} novalidate>
          <label for="${kind}-new">${t(`cartography.config.add_${kind}`)}</label>
          <input id="${kind}-new" type="text" maxlength=${MAX_HEADING} data-testid="${kind}-new"
            .value=${live(drafts.new ?? '')} @input=${(e) => { drafts.new = e.target.value; }} />
          <button class="button button--small" data-testid="${kind}-add">${icon('plus')} ${t('cartography.config.add')}</button>
        </form>`
      : nothing}
  </section>`;
}

/** Import another session's CSV export (pasted, or read from a file): its map adds to this one. */
export function importForm(ctx) {
  const { t } = ctx;
  if (!can(ctx.activity, CMD.importCsv)) return nothing;
  const submit = async (e) => {
    e.preventDefault();
    if (!ui.csv.trim()) {
      e.target.querySelector('textarea')?.focus();
      return;
    }
    const ack = await ctx.send(CMD.importCsv, { csv: ui.csv });
    if (ack?.ok) {
      ui.csv = '';
      ui.done = t('cartography.import.done');
    }
    ctx.update();
  };
  const readFile = async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    ui.csv = await file.text();
    ctx.update();
  };
  return html`<details class="cartography-import card" data-testid="import-csv">
    <summary>${icon('download')} ${t('cartography.import.title')}</summary>
    <form class="form" @submit=${submit} novalidate>
      <p class="hint">${t('cartography.import.hint')}</p>
      <div class="field">
        <label for="cartography-import-file">${t('cartography.import.file')}</label>
        <input id="cartography-import-file" type="file" accept=".csv,text/csv" data-testid="import-file" @change=${readFile} />
      </div>
      <div class="field">
        <label for="cartography-import-text">${t('cartography.import.paste')}</label>
        <textarea id="cartography-import-text" rows="4" data-testid="import-text" .value=${live(ui.csv)}
          @input=${(e) => { ui.csv = e.target.value; }}></textarea>
      </div>
      <button class="button button--primary" data-testid="import-submit">${icon('plus')} ${t('cartography.import.submit')}</button>
    </form>
  </details>`;
}
