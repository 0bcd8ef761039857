// The project accelerator on a phone, the last two steps: the synthesis and the action plan
// (written by the holder), then the closing round (each person's takeaway, in turn).
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, textField, sendForm } from 'fabrique/kit.js';
import { LIMITS, textBlock, currentTurn, personLabel, personTags, exchangesRecap } from './common.js';
import { addActionFrom } from './plan-form.js';
import { ui, submitButton, removeButton, shownStatus } from './phone-tools.js';

// ------------------------------------------------------------------ 5. synthesis and action plan

export function synthesisStep(ctx, view, container) {
  const { t } = ctx;
  const writes = can(ctx.activity, 'accelerator.write_synthesis');
  const plans = can(ctx.activity, 'accelerator.add_action');
  const saveSynthesis = (e) => {
    e.preventDefault();
    const text = (ui.drafts.synthesis ?? view.synthesis).trim();
    sendForm(ctx, ui.drafts, ['synthesis'], 'accelerator.write_synthesis', { text });
  };
  const addAction = (e) => addActionFrom(e, ctx, ui, container);
  // The holder sums up from the exchanges: they come first on her phone, last on the group's.
  const recap = recapTemplate(ctx, view);
  return html`${writes || plans ? recap : nothing}
    ${writes
      ? html`<form class="card form" @submit=${saveSynthesis} novalidate>
          ${textField({ id: 'accelerator-synthesis', label: t('accelerator.synthesis.label'), hint: t('accelerator.synthesis.hint'),
            drafts: ui.drafts, key: 'synthesis', value: view.synthesis, max: LIMITS.synthesis, rows: 6,
            update: ctx.update, testid: 'synthesis-input' })}
          ${submitButton(t('accelerator.synthesis.save'), 'synthesis-save', 'check')}
          ${shownStatus(ctx, { type: 'accelerator.write_synthesis', saved: view.synthesis, typed: [[ui.drafts.synthesis, view.synthesis]] })}
        </form>`
      : html`<section class="card" aria-labelledby="accelerator-synthesis-title">
          <h2 id="accelerator-synthesis-title">${t('accelerator.synthesis.title')}</h2>
          ${view.synthesis ? textBlock(view.synthesis) : html`<p class="empty">${t('accelerator.synthesis.waiting')}</p>`}
        </section>`}
    <section aria-labelledby="accelerator-plan-title">
      <h2 id="accelerator-plan-title">${t('accelerator.plan.title')}</h2>
      ${view.actions.length ? nothing : html`<p class="empty">${t('accelerator.plan.empty')}</p>`}
      <ul class="accelerator-list">
        ${repeat(view.actions, (a) => a.id, (a) => actionItem(ctx, a, container))}
      </ul>
      ${plans
        ? html`<form class="card form" @submit=${addAction} novalidate data-testid="action-form">
            <h3>${t('accelerator.plan.add_title')}</h3>
            ${textField({ id: 'accelerator-what', label: t('accelerator.plan.what'), drafts: ui.drafts, key: 'what', value: '',
              max: LIMITS.what, rows: 2, update: ctx.update, testid: 'action-what' })}
            ${textField({ id: 'accelerator-who', label: t('accelerator.plan.who'), drafts: ui.drafts, key: 'who', value: '',
              max: LIMITS.who, update: ctx.update, single: true, testid: 'action-who' })}
            ${textField({ id: 'accelerator-when', label: t('accelerator.plan.when'), drafts: ui.drafts, key: 'when', value: '',
              max: LIMITS.when, update: ctx.update, single: true, testid: 'action-when' })}
            ${submitButton(t('accelerator.plan.add'), 'action-add', 'plus')}
          </form>`
        : nothing}
    </section>
    ${writes || plans ? nothing : recap}`;
}

/** The exchanges of step 4 by theme, folded away with one tap when they are not needed. */
function recapTemplate(ctx, view) {
  return html`<details class="card accelerator-recap accelerator-recap--phone" open data-testid="exchanges-recap">
    <summary><h2 class="accelerator-recap__heading">${ctx.t('accelerator.recap.title', { count: view.contributions.length })}</h2></summary>
    ${exchangesRecap(view)}
  </details>`;
}

/** One line of the plan: read, or changed in place (what, who, when) by whoever may edit it. */
function actionItem(ctx, a, container) {
  const { t } = ctx;
  const keys = ['what', 'who', 'when'].map((field) => `action:${a.id}:${field}`);
  const [whatKey, whoKey, whenKey] = keys;
  if (ui.editingAction === a.id && can(ctx.activity, 'accelerator.edit_action')) {
    const save = async (e) => {
      e.preventDefault();
      const what = (ui.drafts[whatKey] ?? a.what).trim();
      if (!what) {
        container.querySelector(`#accelerator-action-what-${a.id}`)?.focus();
        return;
      }
      const payload = {
        action_id: a.id,
        what,
        who: (ui.drafts[whoKey] ?? a.who).trim(),
        when: (ui.drafts[whenKey] ?? a.when).trim(),
      };
      const ack = await sendForm(ctx, ui.drafts, keys, 'accelerator.edit_action', payload);
      if (ack?.ok) {
        ui.editingAction = null;
        ctx.update();
      }
    };
    const cancel = () => {
      for (const key of keys) delete ui.drafts[key];
      ui.editingAction = null;
      ctx.update();
    };
    return html`<li class="accelerator-item accelerator-action" data-testid="action" data-action-id=${a.id}>
      <form class="form" @submit=${save} novalidate data-testid="action-edit-form"
        aria-label=${t('accelerator.plan.edit_title')}>
        ${textField({ id: `accelerator-action-what-${a.id}`, label: t('accelerator.plan.what'), drafts: ui.drafts, key: whatKey,
          value: a.what, max: LIMITS.what, rows: 2, update: ctx.update, testid: 'action-edit-what' })}
        ${textField({ id: `accelerator-action-who-${a.id}`, label: t('accelerator.plan.who'), drafts: ui.drafts, key: whoKey,
          value: a.who, max: LIMITS.who, update: ctx.update, single: true, testid: 'action-edit-who' })}
        ${textField({ id: `accelerator-action-when-${a.id}`, label: t('accelerator.plan.when'), drafts: ui.drafts, key: whenKey,
          value: a.when, max: LIMITS.when, update: ctx.update, single: true, testid: 'action-edit-when' })}
        <div class="actions">
          <button class="button button--primary" data-testid="action-edit-save">${icon('check')} ${t('common.save')}</button>
          <button type="button" class="button" @click=${cancel}>${t('common.cancel')}</button>
        </div>
      </form>
    </li>`;
  }
  const canEdit = can(ctx.activity, 'accelerator.edit_action');
  const canRemove = can(ctx.activity, 'accelerator.remove_action');
  return html`<li class="accelerator-item accelerator-action" data-testid="action" data-action-id=${a.id}>
    <p class="accelerator-item__text">${a.what}</p>
    <dl class="accelerator-action__meta">
      <div><dt>${t('accelerator.plan.who')}</dt><dd>${a.who || '—'}</dd></div>
      <div><dt>${t('accelerator.plan.when')}</dt><dd>${a.when || '—'}</dd></div>
    </dl>
    ${canEdit || canRemove
      ? html`<div class="actions actions--small">
          ${canEdit
            ? html`<button class="button button--small" data-testid="action-edit"
                aria-label=${t('accelerator.plan.edit_label', { text: a.what })}
                @click=${() => {
                  ui.editingAction = a.id;
                  ui.confirming = null;
                  ctx.update();
                  container.querySelector(`#accelerator-action-what-${a.id}`)?.focus();
                }}>${icon('pencil')} ${t('common.edit')}</button>`
            : nothing}
          ${canRemove ? removeButton(ctx, a.id, 'accelerator.remove_action', { action_id: a.id }, container) : nothing}
        </div>`
      : nothing}
  </li>`;
}

// ------------------------------------------------------------------ 6. closing round

export function closingStep(ctx, view, container) {
  const { t } = ctx;
  const myTurnId = ctx.mine.turn_id ?? null;
  const current = currentTurn(view);
  const myTurn = myTurnId !== null && current?.id === myTurnId;
  const say = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.takeaway ?? ctx.mine.takeaway ?? '').trim();
    if (!text) {
      container.querySelector('#accelerator-takeaway')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['takeaway'], 'accelerator.say_takeaway', { text });
  };
  let banner;
  if (view.round.status === 'not_started') {
    banner = html`<p class="accelerator-speaker accelerator-speaker--waiting" data-testid="round-status" data-status="not_started">
      ${icon('hourglass')} ${t('accelerator.round.not_started')}</p>`;
  } else if (view.round.status === 'over') {
    banner = html`<p class="accelerator-speaker" data-testid="round-status" data-status="over">${icon('check')} ${t('accelerator.round.over')}</p>`;
  } else if (myTurn) {
    banner = html`<p class="accelerator-speaker accelerator-speaker--me" data-testid="round-status" data-status="mine" role="status">
      ${icon('arrowRight')} ${t('accelerator.round.your_turn')}</p>`;
  } else {
    banner = html`<p class="accelerator-speaker" data-testid="round-status" data-status="running">
      ${icon('arrowRight')} ${t('accelerator.round.now', { name: personLabel(current, current?.place) })}
      ${current ? personTags(current) : nothing}</p>`;
  }
  return html`${banner}
    ${myTurnId && can(ctx.activity, 'accelerator.say_takeaway')
      ? html`<form class="card form" @submit=${say} novalidate>
          ${textField({ id: 'accelerator-takeaway', label: t('accelerator.takeaway.label'), hint: t('accelerator.takeaway.hint'),
            drafts: ui.drafts, key: 'takeaway', value: ctx.mine.takeaway ?? '', max: LIMITS.takeaway, rows: 3,
            update: ctx.update, testid: 'takeaway-input' })}
          ${submitButton(ctx.mine.takeaway ? t('accelerator.takeaway.change') : t('accelerator.takeaway.send'), 'takeaway-send')}
        </form>`
      : view.round.status !== 'not_started' && !myTurnId && ctx.me
        ? html`<p class="hint" data-testid="not-in-round">${t('accelerator.round.not_in')}</p>`
        : nothing}
    ${roundList(ctx, view, myTurnId)}`;
}

function roundList(ctx, view, myTurnId) {
  const { t } = ctx;
  if (!view.round.turns.length) return nothing;
  return html`<section aria-labelledby="accelerator-round-title">
    <h2 id="accelerator-round-title">${t('accelerator.round.title', { count: view.round.said, total: view.round.turns.length })}</h2>
    <ol class="accelerator-round">
      ${repeat(view.round.turns, (turn) => turn.id, (turn) => {
        const now = turn.id === view.round.current;
        const state = now ? 'now' : turn.text ? 'said' : 'waiting';
        return html`<li class="accelerator-turn accelerator-turn--${state}" data-testid="turn" data-turn-id=${turn.id} data-state=${state}
            aria-current=${now ? 'true' : 'false'}>
          <p class="accelerator-turn__who">
            ${icon(now ? 'arrowRight' : turn.text ? 'check' : 'hourglass')}
            <strong>${personLabel(turn, turn.place)}</strong>
            ${turn.id === myTurnId ? html`<span class="tag">${icon('user')} ${t('accelerator.you')}</span>` : nothing}
            ${personTags(turn)}
            <span class="sr-only">${t(`accelerator.turn.${state}`)}</span>
          </p>
          ${turn.text ? html`<p class="accelerator-turn__text">${turn.text}</p>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
