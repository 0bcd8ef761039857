// The project accelerator's console, the last two steps: the synthesis and the action plan, then
// the closing round (its order, whose turn it is, the sentences the scribe notes). No drag and
// drop: the round is ordered with up and down buttons.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, textField, sendForm } from 'fabrique/kit.js';
import {
  LIMITS,
  textBlock,
  currentTurn,
  nextTurn,
  personLabel,
  personTags,
  actionsTable,
  exchangesRecap,
  staffWords,
} from './common.js';
import { addActionFrom } from './plan-form.js';
import { ui, people, nameOf, smallForm } from './console-tools.js';

// ------------------------------------------------------------------ 5. synthesis and action plan

export function synthesisStep(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const save = (text) => sendForm(ctx, ui.drafts, ['synthesis'], 'accelerator.write_synthesis', { text });
  const addAction = (e) => addActionFrom(e, ctx, ui, container);
  const tools = (action) => html`<div class="actions">
    ${can(a, 'accelerator.edit_action')
      ? html`<button class="button button--small" data-testid="action-edit"
          aria-label=${t('accelerator.console.edit_action', { text: action.what })}
          @click=${() => {
            ui.editingAction = action.id;
            Object.assign(ui.drafts, { ewhat: action.what, ewho: action.who, ewhen: action.when });
            ctx.update();
            container.querySelector('#accelerator-ewhat')?.focus();
          }}>${icon('pencil')}</button>`
      : nothing}
    ${can(a, 'accelerator.remove_action')
      ? html`<button class="button button--small" data-testid="action-remove"
          aria-label=${t('accelerator.console.remove_action', { text: action.what })}
          @click=${() => ctx.send('accelerator.remove_action', { action_id: action.id })}>${icon('trash')}</button>`
      : nothing}
  </div>`;
  const editing = view.actions.find((x) => x.id === ui.editingAction);
  const saveEdit = async (e) => {
    e.preventDefault();
    const payload = {
      action_id: editing.id,
      what: (ui.drafts.ewhat ?? '').trim(),
      who: (ui.drafts.ewho ?? '').trim(),
      when: (ui.drafts.ewhen ?? '').trim(),
    };
    if (!payload.what) return;
    const ack = await sendForm(ctx, ui.drafts, ['ewhat', 'ewho', 'ewhen'], 'accelerator.edit_action', payload);
    if (ack?.ok) {
      ui.editingAction = null;
      ctx.update();
    }
  };
  const actionFields = (prefix, testid) => html`
    ${textField({ id: `accelerator-${prefix}what`, label: t('accelerator.plan.what'), drafts: ui.drafts, key: `${prefix}what`, value: '',
      max: LIMITS.what, rows: 2, update: ctx.update, testid: `${testid}-what` })}
    <div class="accelerator-pair">
      ${textField({ id: `accelerator-${prefix}who`, label: t('accelerator.plan.who'), drafts: ui.drafts, key: `${prefix}who`, value: '',
        max: LIMITS.who, update: ctx.update, single: true, testid: `${testid}-who` })}
      ${textField({ id: `accelerator-${prefix}when`, label: t('accelerator.plan.when'), drafts: ui.drafts, key: `${prefix}when`, value: '',
        max: LIMITS.when, update: ctx.update, single: true, testid: `${testid}-when` })}
    </div>`;
  // One column: the plan's table needs the whole width for its words and its tools.
  return html`<div class="accelerator-columns accelerator-columns--one">
    <section class="card">
      ${can(a, 'accelerator.write_synthesis')
        ? smallForm(ctx, { id: 'accelerator-synthesis', label: t('accelerator.synthesis.label'), key: 'synthesis', value: view.synthesis,
            max: LIMITS.synthesis, submit: save, testid: 'synthesis', rows: 8, button: t('accelerator.synthesis.save'), pict: 'check' })
        : html`<h3>${t('accelerator.synthesis.title')}</h3>${textBlock(view.synthesis)}`}
    </section>
    <section class="card" aria-labelledby="accelerator-plan-title">
      <h3 id="accelerator-plan-title">${t('accelerator.plan.title')}</h3>
      ${actionsTable(view, { extra: can(a, 'accelerator.edit_action') || can(a, 'accelerator.remove_action') ? tools : null })}
      ${editing
        ? html`<form class="form accelerator-subform" @submit=${saveEdit} novalidate>
            <h4>${t('accelerator.console.editing_action')}</h4>
            ${actionFields('e', 'action-edit')}
            <div class="actions">
              <button class="button button--primary" data-testid="action-edit-save">${icon('check')} ${t('common.save')}</button>
              <button type="button" class="button" @click=${() => { ui.editingAction = null; ctx.update(); }}>${t('common.cancel')}</button>
            </div>
          </form>`
        : can(a, 'accelerator.add_action')
          ? html`<form class="form accelerator-subform" @submit=${addAction} novalidate data-testid="action-form">
              <h4>${t('accelerator.plan.add_title')}</h4>
              ${actionFields('', 'action')}
              <div class="actions"><button class="button button--primary" data-testid="action-add">${icon('plus')} ${t('accelerator.plan.add')}</button></div>
            </form>`
          : nothing}
    </section>
  </div>
  <section class="card accelerator-recap" data-testid="exchanges-recap" aria-labelledby="accelerator-recap-title">
    <h3 id="accelerator-recap-title">${t('accelerator.recap.title', { count: view.contributions.length })}</h3>
    ${exchangesRecap(view)}
  </section>`;
}

// ------------------------------------------------------------------ 6. closing round

/** Everyone present, the holder last (they close the round), in the order people arrived. */
function defaultOrder(ctx) {
  const everyone = [...people(ctx)].sort((x, y) => (x.number ?? 0) - (y.number ?? 0));
  const holder = (p) => Array.isArray(p.roles) && p.roles.includes('holder');
  return [...everyone.filter((p) => !holder(p)), ...everyone.filter(holder)].map((p) => p.id);
}

function moved(list, index, by) {
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(Math.max(0, Math.min(copy.length, index + by)), 0, item);
  return copy;
}

export function closingStep(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const mayOrder = can(a, 'accelerator.set_round');
  const anonymous = a.anonymity === 'anonymous';
  if (view.round.status === 'not_started') {
    if (!mayOrder) return html`<p class="empty">${t('accelerator.round.not_started')}</p>`;
    if (anonymous) {
      const count = ui.count ?? people(ctx).length;
      return html`<form class="card inline-form" @submit=${(e) => { e.preventDefault(); ctx.send('accelerator.set_round', { count: Number(count) }); }}>
        <label for="accelerator-count">${t('accelerator.console.places')}</label>
        <input id="accelerator-count" type="number" min="1" max="200" class="input--short" .value=${live(String(count))}
          @input=${(e) => { ui.count = e.target.value; }} />
        <button class="button button--primary" data-testid="round-start">${icon('play')} ${t('accelerator.console.start_round')}</button>
      </form>`;
    }
    const byId = new Map(people(ctx).map((p) => [p.id, p]));
    const holders = people(ctx).filter((p) => Array.isArray(p.roles) && p.roles.includes('holder'));
    const order = (ui.order ?? defaultOrder(ctx)).filter((id) => byId.has(id));
    return html`<section class="card" aria-labelledby="accelerator-order-title">
      <h3 id="accelerator-order-title">${t('accelerator.console.order_title')}</h3>
      <p class="hint">${t('accelerator.console.order_hint')}
        ${holders.length ? t('accelerator.console.order_holder', { name: holders.map((p) => nameOf(ctx, p)).join(', ') }) : nothing}</p>
      <ol class="accelerator-order">
        ${order.map((id, i) => {
          const p = byId.get(id);
          return html`<li class="accelerator-order__item" data-testid="order-item">
            <span class="accelerator-order__name">${i + 1}. ${nameOf(ctx, p)}
              ${p.remote ? html`<span class="tag">${icon('remote')} ${t('accelerator.remote')}</span>` : nothing}</span>
            <span class="actions">
              <button class="button button--small" ?disabled=${i === 0} aria-label=${t('accelerator.console.up', { name: nameOf(ctx, p) })}
                @click=${() => { ui.order = moved(order, i, -1); ctx.update(); }}>${icon('arrowUp')}</button>
              <button class="button button--small" ?disabled=${i === order.length - 1} aria-label=${t('accelerator.console.down', { name: nameOf(ctx, p) })}
                @click=${() => { ui.order = moved(order, i, 1); ctx.update(); }}>${icon('arrowDown')}</button>
              <button class="button button--small" aria-label=${t('accelerator.console.leave_out', { name: nameOf(ctx, p) })}
                @click=${() => { ui.order = order.filter((x) => x !== id); ctx.update(); }}>${icon('close')}</button>
            </span>
          </li>`;
        })}
      </ol>
      <div class="actions">
        <button class="button button--primary" data-testid="round-start" ?disabled=${!order.length}
          @click=${() => ctx.send('accelerator.set_round', { participant_ids: order })}>${icon('play')} ${t('accelerator.console.start_round')}</button>
        ${ui.order ? html`<button class="button" @click=${() => { ui.order = null; ctx.update(); }}>${t('accelerator.console.reset_order')}</button>` : nothing}
      </div>
    </section>`;
  }
  const current = currentTurn(view);
  const next = nextTurn(view);
  const ids = view.round.turns.map((turn) => turn.participant_id).filter(Boolean);
  const reorder = (list) => ctx.send('accelerator.set_round', { participant_ids: list });
  const outside = people(ctx).filter((p) => !ids.includes(p.id));
  return html`<div class="accelerator-speaker-card" data-testid="round-current">
      ${current
        ? html`<p class="accelerator-speaker">${icon('arrowRight')} ${t('accelerator.round.now', { name: personLabel(current, current.place) })} ${personTags(current)}</p>
            ${next ? html`<p class="hint">${t('accelerator.round.next', { name: personLabel(next, next.place) })}</p>` : nothing}`
        : html`<p class="accelerator-speaker">${icon('check')} ${t('accelerator.round.over')}</p>`}
      ${can(a, 'accelerator.give_turn') && current
        ? html`<button class="button button--primary button--big" data-testid="round-next"
            @click=${() => ctx.send('accelerator.give_turn', {})}>
            ${next ? t('accelerator.console.next_person', { name: personLabel(next, next.place) }) : t('accelerator.console.end_round')} ${icon('arrowRight')}
          </button>`
        : nothing}
    </div>
    <ol class="accelerator-round accelerator-round--console">
      ${repeat(view.round.turns, (turn) => turn.id, (turn, i) => turnItem(ctx, view, turn, i, ids, reorder, container))}
    </ol>
    ${mayOrder && !anonymous && outside.length
      ? html`<form class="inline-form card" @submit=${(e) => { e.preventDefault(); if (ui.latecomer) reorder([...ids, ui.latecomer]); ui.latecomer = ''; }}>
          <label for="accelerator-latecomer">${t('accelerator.console.add_to_round')}</label>
          <select id="accelerator-latecomer" data-value=${ui.latecomer} @change=${(e) => { ui.latecomer = e.target.value; ctx.update(); }}>
            <option value="">${t('accelerator.console.pick_person')}</option>
            ${outside.map((p) => html`<option value=${p.id}>${nameOf(ctx, p)}</option>`)}
          </select>
          <button class="button" ?disabled=${!ui.latecomer}>${icon('plus')} ${t('accelerator.console.add')}</button>
        </form>`
      : nothing}`;
}

function turnItem(ctx, view, turn, i, ids, reorder, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const now = turn.id === view.round.current;
  const name = personLabel(turn, turn.place);
  const draftKey = `say:${turn.id}`;
  const note = async (text) => {
    if (!text) return;
    const ack = await sendForm(ctx, ui.drafts, [draftKey], 'accelerator.note_takeaway', { turn_id: turn.id, text });
    if (ack?.ok) {
      ui.noting = null;
      ctx.update();
    }
  };
  const canOrder = can(a, 'accelerator.set_round') && turn.participant_id;
  const state = now ? 'now' : turn.text ? 'said' : 'waiting';
  return html`<li class="accelerator-turn accelerator-turn--${state}" data-testid="turn" data-turn-id=${turn.id} data-state=${state}
      aria-current=${now ? 'true' : 'false'}>
    <p class="accelerator-turn__who">${icon(now ? 'arrowRight' : turn.text ? 'check' : 'hourglass')} <strong>${name}</strong> ${personTags(turn)}
      <span class="sr-only">${t(`accelerator.turn.${state}`)}</span></p>
    ${turn.text ? html`<p class="accelerator-turn__text">${turn.text} ${turn.noted ? html`<span class="accelerator-by">(${staffWords('by', turn.noted_by, view.scribe_name)})</span>` : nothing}</p>` : nothing}
    ${ui.noting === turn.id
      ? smallForm(ctx, { id: `accelerator-say-${turn.id}`, label: t('accelerator.console.takeaway_label', { name }), key: draftKey,
          value: turn.text, max: LIMITS.takeaway, submit: note, testid: 'takeaway', rows: 2, button: t('common.save'), pict: 'check' })
      : nothing}
    <div class="actions actions--small">
      ${can(a, 'accelerator.note_takeaway') && ui.noting !== turn.id
        ? html`<button class="button button--small" data-testid="takeaway-note"
            @click=${() => { ui.noting = turn.id; ctx.update(); container.querySelector(`#accelerator-say-${turn.id}`)?.focus(); }}>
            ${icon('pencil')} ${turn.text ? t('accelerator.console.edit_sentence') : t('accelerator.console.note_sentence')}</button>`
        : nothing}
      ${can(a, 'accelerator.give_turn') && !now
        ? html`<button class="button button--small" data-testid="give-turn" aria-label=${t('accelerator.console.give_turn_aria', { name })}
            @click=${() => ctx.send('accelerator.give_turn', { turn_id: turn.id })}>${icon('arrowRight')} ${t('accelerator.console.give_turn')}</button>`
        : nothing}
      ${canOrder
        ? html`<button class="button button--small" ?disabled=${i === 0} aria-label=${t('accelerator.console.up', { name })}
              @click=${() => reorder(moved(ids, i, -1))}>${icon('arrowUp')}</button>
            <button class="button button--small" ?disabled=${i === ids.length - 1} aria-label=${t('accelerator.console.down', { name })}
              @click=${() => reorder(moved(ids, i, 1))}>${icon('arrowDown')}</button>
            <button class="button button--small" aria-label=${t('accelerator.console.leave_out', { name })}
              @click=${() => reorder(ids.filter((x) => x !== turn.participant_id))}>${icon('close')}</button>`
        : nothing}
    </div>
  </li>`;
}
