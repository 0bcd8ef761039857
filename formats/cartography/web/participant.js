// Cartography of digital usages, participant's phone (remote attendees use the same screen; the
// console shows it in its phone frame, for a preview or to enter lines for someone without a
// phone). Each person says which organisation they come from, lists the tools it uses, reads the
// map (zoom buttons, a list), rates impacts by tapping and writes the shared stakes.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, counterTemplate } from 'fabrique/kit.js';
import { CMD, MAX_ORGANISATION, MAX_TOOL, PICTOGRAMS, cartoView, kindTag, purposeName, contributionCount } from './common.js';
import { mapViewer, viewerState } from './viewer.js';
import { impactsStep, stakesStep, myToolIds } from './participant-steps.js';
import { ui, suggestions } from './phone-tools.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['participant.css'], contributions: contributionCount });

function render(container, ctx) {
  if (ui.activityId !== ctx.activity.id) {
    Object.assign(ui, {
      activityId: ctx.activity.id,
      tool: '',
      purposes: new Set(),
      kind: '',
      error: '',
      organisation: null,
      viewer: viewerState(),
    });
  }
  if (ui.stepKey !== ctx.activity.step?.key) {
    Object.assign(ui, { stepKey: ctx.activity.step?.key, confirming: null, editing: null, drafts: {}, stakeKind: '' });
  }
  const view = cartoView(ctx.activity);
  const step = ctx.activity.step?.key;
  let body;
  if (step === 'inventory') body = inventoryStep(ctx, view, container);
  else if (step === 'impacts') body = impactsStep(ctx, view, container);
  else if (step === 'stakes' || step === 'vote' || step === 'results') body = stakesStep(ctx, view, container);
  else body = mapStep(ctx, view, container);
  litRender(html`<div class="cartography cartography--participant cartography--${step}">${body}</div>`, container);
}

// ------------------------------------------------------------------ organisation

/** The organisation this person comes from; the field keeps what is typed until the view says it. */
function myOrganisation(ctx, view) {
  const mine = ctx.mine?.organisation;
  if (mine?.id) return view.organisations.find((o) => o.id === mine.id)?.name ?? mine.name ?? '';
  const pending = ctx.pending.filter((c) => c.type === CMD.organisation).at(-1);
  return pending?.payload?.name ?? '';
}

function organisationCard(ctx, view, container) {
  const { t } = ctx;
  const current = myOrganisation(ctx, view);
  const editing = ui.organisation !== null || !current;
  if (ui.organisation !== null && ui.organisationSent && ui.organisation.trim() === current) {
    ui.organisation = null; // the view now says what was sent: the field may follow the view again
    ui.organisationSent = false;
  }
  if (!editing) {
    return html`<div class="cartography-org card" data-testid="organisation">
      <p class="cartography-org__line">${icon('room')} ${t('cartography.org.yours')}
        <strong data-testid="organisation-name">${current}</strong></p>
      ${can(ctx.activity, CMD.organisation)
        ? html`<button type="button" class="button button--small" data-testid="organisation-change"
            @click=${() => { ui.organisation = current; ctx.update(); container.querySelector('#cartography-org')?.focus(); }}>
            ${icon('pencil')} ${t('cartography.org.change')}</button>`
        : nothing}
    </div>`;
  }
  if (!can(ctx.activity, CMD.organisation)) return nothing;
  const value = ui.organisation ?? '';
  const save = async (e) => {
    e.preventDefault();
    const name = value.trim();
    if (!name) {
      ui.error = 'organisation';
      ctx.update();
      container.querySelector('#cartography-org')?.focus();
      return;
    }
    ui.organisationSent = true;
    const ack = await ctx.send(CMD.organisation, { name });
    if (!ack?.ok) ui.organisationSent = false;
    ctx.update();
  };
  const names = view.organisations.map((o) => o.name);
  return html`<form class="cartography-org card form" data-testid="organisation-form" @submit=${save} novalidate>
    <div class="field">
      <label for="cartography-org">${t('cartography.org.label')}</label>
      <p class="hint" id="cartography-org-hint">${t('cartography.org.hint')}</p>
      <input id="cartography-org" type="text" list="cartography-org-list" maxlength=${MAX_ORGANISATION} autocomplete="organization"
        data-testid="organisation-input" aria-describedby="cartography-org-hint"
        aria-invalid=${ui.error === 'organisation' ? 'true' : 'false'}
        .value=${live(value)} @input=${(e) => { ui.organisation = e.target.value; ui.organisationSent = false; ui.error = ''; ctx.update(); }} />
      <datalist id="cartography-org-list">${names.map((n) => html`<option value=${n}></option>`)}</datalist>
      ${suggestions(ctx, names, value, (name) => { ui.organisation = name; ctx.update(); }, 'organisation-suggestion')}
      ${ui.error === 'organisation' ? html`<p class="field-error">${icon('alert')}<span>${t('cartography.org.empty')}</span></p>` : nothing}
    </div>
    <div class="actions">
      <button class="button button--primary" data-testid="organisation-save">${icon('check')} ${t('cartography.org.save')}</button>
      ${current
        ? html`<button type="button" class="button" @click=${() => { ui.organisation = null; ctx.update(); }}>${t('common.cancel')}</button>`
        : nothing}
    </div>
  </form>`;
}

// ------------------------------------------------------------------ 1. inventory

function inventoryStep(ctx, view, container) {
  const { t } = ctx;
  const org = myOrganisation(ctx, view);
  return html`${organisationCard(ctx, view, container)}
    ${org && can(ctx.activity, CMD.addUse) ? lineForm(ctx, view, container) : nothing}
    ${!org && can(ctx.activity, CMD.addUse) ? html`<p class="callout callout--info">${icon('info')}<span>${t('cartography.org.first')}</span></p>` : nothing}
    <p class="cartography-room-line" data-testid="room-line">${icon('users')} ${t('cartography.room_line', {
      tools: t('cartography.tools_phrase', { count: view.tools.length }),
      orgs: t('cartography.orgs_phrase', { count: view.organisations.length }),
    })}</p>
    ${myLines(ctx, view, container)}`;
}

function lineForm(ctx, view, container) {
  const { t } = ctx;
  const submit = async (e) => {
    e.preventDefault();
    const tool = ui.tool.trim();
    const error = !tool ? 'tool' : !ui.purposes.size ? 'purposes' : !ui.kind ? 'kind' : '';
    if (error) {
      ui.error = error;
      ctx.update();
      container.querySelector(`#cartography-${error === 'tool' ? 'tool' : `${error}-first`}`)?.focus();
      return;
    }
    const payload = { tool, purpose_ids: [...ui.purposes], why: ui.kind };
    const kept = { tool: ui.tool, purposes: ui.purposes, kind: ui.kind };
    Object.assign(ui, { tool: '', purposes: new Set(), kind: '', error: '' });
    ctx.update();
    container.querySelector('#cartography-tool')?.focus();
    const ack = await ctx.send(CMD.addUse, payload);
    if (!ack?.ok && !ui.tool) {
      Object.assign(ui, kept); // nothing typed is lost
      ctx.update();
    }
  };
  const names = view.tools.map((tool) => tool.name);
  const err = (key, message) => (ui.error === key
    ? html`<p class="field-error" id="cartography-${key}-error">${icon('alert')}<span>${message}</span></p>` : nothing);
  return html`<form class="cartography-line-form card form" data-testid="line-form" @submit=${submit} novalidate>
    <h2>${t('cartography.line.title')}</h2>
    <div class="field">
      <label for="cartography-tool">${t('cartography.line.tool')}</label>
      <input id="cartography-tool" type="text" list="cartography-tool-list" maxlength=${MAX_TOOL} autocomplete="off"
        data-testid="tool-input" aria-invalid=${ui.error === 'tool' ? 'true' : 'false'}
        aria-describedby=${ui.error === 'tool' ? 'cartography-tool-error' : nothing}
        .value=${live(ui.tool)} @input=${(e) => { ui.tool = e.target.value; if (ui.error === 'tool') ui.error = ''; ctx.update(); }} />
      <datalist id="cartography-tool-list">${names.map((n) => html`<option value=${n}></option>`)}</datalist>
      ${suggestions(ctx, names, ui.tool, (name) => { ui.tool = name; ctx.update(); }, 'tool-suggestion')}
      ${counterTemplate({ length: ui.tool.length, max: MAX_TOOL })}
      ${err('tool', t('cartography.line.tool_empty'))}
    </div>
    <fieldset class="field cartography-choices" aria-describedby=${ui.error === 'purposes' ? 'cartography-purposes-error' : nothing}>
      <legend>${t('cartography.line.purposes')}</legend>
      ${view.purposes.map((p, i) => html`<div class="check cartography-check">
        <input type="checkbox" id=${i === 0 ? 'cartography-purposes-first' : `cartography-purpose-${p.id}`} data-testid="purpose-option"
          data-purpose-id=${p.id} .checked=${live(ui.purposes.has(p.id))}
          @change=${(e) => { if (e.target.checked) ui.purposes.add(p.id); else ui.purposes.delete(p.id); if (ui.error === 'purposes') ui.error = ''; ctx.update(); }} />
        <label for=${i === 0 ? 'cartography-purposes-first' : `cartography-purpose-${p.id}`}>${p.name}</label>
      </div>`)}
      ${err('purposes', t('cartography.line.purposes_empty'))}
    </fieldset>
    <fieldset class="field cartography-choices" aria-describedby=${ui.error === 'kind' ? 'cartography-kind-error' : nothing}>
      <legend>${t('cartography.line.kind')}</legend>
      ${['necessity', 'choice'].map((kind, i) => html`<div class="choice cartography-check cartography-check--${kind}">
        <input type="radio" name="cartography-kind" id=${i === 0 ? 'cartography-kind-first' : `cartography-kind-${kind}`} value=${kind}
          data-testid="kind-${kind}" .checked=${live(ui.kind === kind)}
          @change=${() => { ui.kind = kind; if (ui.error === 'kind') ui.error = ''; ctx.update(); }} />
        <label for=${i === 0 ? 'cartography-kind-first' : `cartography-kind-${kind}`}>${kindTag(t, kind)}
          <span class="cartography-check__hint">${t(`cartography.kind.${kind}_hint`)}</span></label>
      </div>`)}
      ${err('kind', t('cartography.line.kind_empty'))}
    </fieldset>
    <button class="button button--primary button--big" data-testid="line-add">${icon('plus')} ${t('cartography.line.add')}</button>
  </form>`;
}

function lineText(ctx, view, use) {
  const purposes = (use.purpose_ids ?? []).map((id) => purposeName(view, id)).filter(Boolean);
  const tool = view.tools.find((t) => t.id === use.tool_id)?.name ?? use.tool;
  return html`<p class="cartography-line__tool" data-testid="line-tool">${tool}</p>
    <p class="cartography-line__detail">${kindTag(ctx.t, use.why)}</p>
    ${purposes.length ? html`<p class="cartography-line__detail">${ctx.t('cartography.line.for', { purposes: purposes.join(', ') })}</p>` : nothing}`;
}

function myLines(ctx, view, container) {
  const { t } = ctx;
  const lines = Array.isArray(ctx.mine?.uses) ? ctx.mine.uses : [];
  const pending = ctx.pending.filter((c) => c.type === CMD.addUse);
  const count = lines.length + pending.length;
  const canRemove = can(ctx.activity, CMD.removeUse);
  return html`<section class="cartography-mine" aria-labelledby="cartography-mine-title">
    <h2 id="cartography-mine-title">${count ? t('cartography.mine.title_count', { count }) : t('cartography.mine.title')}</h2>
    ${count ? nothing : html`<p class="empty">${t('cartography.mine.empty')}</p>`}
    <ul class="cartography-lines">
      ${pending.slice().reverse().map((c) => html`<li class="cartography-line cartography-line--pending" data-testid="line" data-pending="true">
        ${lineText(ctx, view, c.payload ?? {})}
        <p class="cartography-line__meta">${icon('hourglass')} ${ctx.connected ? t('cartography.sending') : t('cartography.kept')}</p>
      </li>`)}
      ${repeat(lines.slice().reverse(), (l) => l.id, (line) => html`<li class="cartography-line" data-testid="line" data-use-id=${line.id}>
        ${ui.editing === line.id ? editForm(ctx, view, line, container) : html`${lineText(ctx, view, line)}
          ${canRemove || can(ctx.activity, CMD.editUse) ? lineTools(ctx, line, container, canRemove) : nothing}`}
      </li>`)}
    </ul>
  </section>`;
}

function lineTools(ctx, line, container, canRemove) {
  const { t } = ctx;
  if (ui.confirming === line.id) {
    return html`<div class="cartography-confirm" role="group" aria-label=${t('cartography.line.remove_confirm')}>
      <p>${t('cartography.line.remove_confirm')}</p>
      <div class="actions">
        <button type="button" class="button button--danger" data-testid="line-remove-confirm" @click=${async () => {
          ui.confirming = null;
          await ctx.send(CMD.removeUse, { use_id: line.id });
          container.querySelector('#cartography-tool')?.focus();
        }}>${icon('trash')} ${t('cartography.line.remove_yes')}</button>
        <button type="button" class="button" @click=${() => { ui.confirming = null; ctx.update(); }}>${t('cartography.line.remove_no')}</button>
      </div>
    </div>`;
  }
  return html`<div class="actions actions--small">
    ${can(ctx.activity, CMD.editUse)
      ? html`<button type="button" class="button button--small" data-testid="line-edit"
          aria-label=${t('cartography.line.edit_aria', { tool: line.tool ?? '' })}
          @click=${() => {
            Object.assign(ui, { editing: line.id, editPurposes: new Set(line.purpose_ids ?? []), editWhy: line.why, confirming: null });
            ctx.update();
            container.querySelector(`#edit-${line.id} input`)?.focus();
          }}>${icon('pencil')} ${t('common.edit')}</button>`
      : nothing}
    ${canRemove
      ? html`<button type="button" class="button button--small" data-testid="line-remove"
          aria-label=${t('cartography.line.remove_aria', { tool: line.tool ?? '' })}
          @click=${() => { ui.confirming = line.id; ui.editing = null; ctx.update(); }}>${icon('trash')} ${t('common.delete')}</button>`
      : nothing}
  </div>`;
}

/** Change what a tool is used for, or why, without typing it again. */
function editForm(ctx, view, line, container) {
  const { t } = ctx;
  const save = async (e) => {
    e.preventDefault();
    if (!ui.editPurposes.size) {
      ctx.notify(t('cartography.line.purposes_empty'));
      return;
    }
    const ack = await ctx.send(CMD.editUse, { use_id: line.id, purpose_ids: [...ui.editPurposes], why: ui.editWhy });
    if (ack?.ok) {
      ui.editing = null;
      ctx.update();
      container.querySelector(`[data-use-id="${line.id}"] [data-testid=line-edit]`)?.focus();
    }
  };
  return html`<form class="cartography-line-edit form" id="edit-${line.id}" data-testid="line-edit-form" @submit=${save} novalidate>
    <p class="cartography-line__tool">${line.tool}</p>
    <fieldset class="field cartography-choices">
      <legend>${t('cartography.line.purposes')}</legend>
      ${view.purposes.map((p) => html`<div class="check cartography-check">
        <input type="checkbox" id="edit-${line.id}-${p.id}" data-testid="edit-purpose" .checked=${live(ui.editPurposes.has(p.id))}
          @change=${(e) => { if (e.target.checked) ui.editPurposes.add(p.id); else ui.editPurposes.delete(p.id); ctx.update(); }} />
        <label for="edit-${line.id}-${p.id}">${p.name}</label>
      </div>`)}
    </fieldset>
    <fieldset class="field cartography-choices">
      <legend>${t('cartography.line.kind')}</legend>
      ${['necessity', 'choice'].map((kind) => html`<div class="choice cartography-check">
        <input type="radio" name="edit-${line.id}-why" id="edit-${line.id}-${kind}" data-testid="edit-kind-${kind}"
          .checked=${live(ui.editWhy === kind)} @change=${() => { ui.editWhy = kind; ctx.update(); }} />
        <label for="edit-${line.id}-${kind}">${kindTag(t, kind)}</label>
      </div>`)}
    </fieldset>
    <div class="actions">
      <button class="button button--primary" data-testid="line-edit-save">${icon('check')} ${t('common.save')}</button>
      <button type="button" class="button" @click=${() => { ui.editing = null; ctx.update(); }}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

// ------------------------------------------------------------------ 2. the map

function mapStep(ctx, view, container) {
  // Tools may still be added while the map is read: the organisation, the form and my tools
  // come under it.
  const listing = can(ctx.activity, CMD.addUse) || can(ctx.activity, CMD.organisation);
  return html`${mapViewer(ctx, view, ui.viewer, { highlight: myToolIds(ctx) })}
    ${listing ? inventoryStep(ctx, view, container) : nothing}`;
}
