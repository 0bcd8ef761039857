// Project accelerator, participant's phone (remote attendees use the same screen). What a person
// may do comes from `activity.can` (the shell gives this person's own list): the holder writes
// the presentation, answers, states the request and writes the plan; the group asks and
// contributes; everyone reads everything live.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { icon } from 'fabrique/icons.js';
import {
  LIMITS,
  KINDS,
  accView,
  can,
  byline,
  textBlock,
  kindTag,
  kindIcon,
  kindLabel,
  statusTag,
  byTheme,
  currentTurn,
  personLabel,
  personTags,
  textField,
  sendForm,
  pointsList,
  projectHead,
  requestQuote,
} from './common.js';

export { pictogram } from './common.js';

// What this phone is typing (never shared until sent).
const ui = {
  key: null,
  drafts: {},
  kind: 'idea',
  answering: null,
  editing: null,
  editingAction: null,
  confirming: null,
};

export function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) {
    Object.assign(ui, { key, drafts: {}, answering: null, editing: null, editingAction: null, confirming: null });
  }
  ctx = { ...ctx, mine: ctx.mine ?? {}, pending: Array.isArray(ctx.pending) ? ctx.pending : [] };
  const view = accView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    presentation: presentationStep,
    questions: questionsStep,
    request: requestStep,
    exchanges: exchangesStep,
    synthesis: synthesisStep,
    closing: closingStep,
  }[step];
  litRender(
    html`<div class="acc acc--phone acc--${step}">
      ${holderCard(ctx)}
      ${projectHead(view, { showProblem: step !== 'presentation' })}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
}

function isHolder(ctx) {
  return Array.isArray(ctx.me?.roles) && ctx.me.roles.includes('holder');
}

/** The holder reads their own instructions, in a box of their own. */
function holderCard(ctx) {
  if (!isHolder(ctx)) return nothing;
  const words = ctx.loc(ctx.me?.instructions);
  return html`<div class="acc-role-card" data-testid="holder-card">
    <p class="acc-role-card__title">${icon('badge')} ${ctx.t('accelerator.you_hold')}</p>
    ${words ? html`<p data-testid="holder-instructions">${words}</p>` : nothing}
  </div>`;
}

function submitButton(label, testid, pict = 'send') {
  return html`<button class="button button--primary button--big" data-testid=${testid}>${icon(pict)} ${label}</button>`;
}

// ------------------------------------------------------------------ 1. presentation

function presentationStep(ctx, view) {
  const { t } = ctx;
  if (can(ctx.activity, 'accelerator.write_presentation')) {
    const save = (e) => {
      e.preventDefault();
      const payload = {
        problem: (ui.drafts.problem ?? view.problem).trim(),
        text: (ui.drafts.presentation ?? view.presentation).trim(),
      };
      sendForm(ctx, ui.drafts, ['problem', 'presentation'], 'accelerator.write_presentation', payload);
    };
    return html`<form class="card form" @submit=${save} novalidate data-testid="presentation-form">
        ${textField({ id: 'acc-problem', label: t('accelerator.problem_label'), drafts: ui.drafts, key: 'problem',
          value: view.problem, max: LIMITS.problem, rows: 3, update: ctx.update, testid: 'problem-input' })}
        ${textField({ id: 'acc-presentation', label: t('accelerator.presentation.label'),
          hint: t('accelerator.presentation.hint'), drafts: ui.drafts, key: 'presentation', value: view.presentation,
          max: LIMITS.presentation, rows: 8, update: ctx.update, testid: 'presentation-input' })}
        ${submitButton(t('accelerator.presentation.save'), 'presentation-save', 'screen')}
      </form>
      ${pointsList(view)}`;
  }
  return html`${view.problem
      ? html`<p class="acc-problem" data-testid="problem"><span class="acc-problem__label">${t('accelerator.problem')}</span> ${view.problem}</p>`
      : nothing}
    ${view.presentation
      ? html`<section class="card" aria-labelledby="acc-pres-title">
          <h2 id="acc-pres-title">${t('accelerator.presentation.title')}</h2>
          ${textBlock(view.presentation)}
        </section>`
      : html`<p class="empty" data-testid="presentation-empty">${t('accelerator.presentation.waiting')}</p>`}
    ${pointsList(view)}`;
}

// ------------------------------------------------------------------ 2. questions

function questionsStep(ctx, view, container) {
  const { t } = ctx;
  const mine = new Set(Array.isArray(ctx.mine.questions) ? ctx.mine.questions : []);
  const pending = ctx.pending.filter((c) => c.type === 'accelerator.ask');
  const ask = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.question ?? '').trim();
    if (!text) {
      container.querySelector('#acc-question')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['question'], 'accelerator.ask', { text });
    container.querySelector('#acc-question')?.focus();
  };
  return html`${can(ctx.activity, 'accelerator.ask')
      ? html`<form class="card form" @submit=${ask} novalidate>
          ${textField({ id: 'acc-question', label: t('accelerator.question.label'), hint: t('accelerator.question.hint'),
            drafts: ui.drafts, key: 'question', value: '', max: LIMITS.question, rows: 3, update: ctx.update,
            testid: 'question-input' })}
          ${submitButton(t('accelerator.question.ask'), 'question-ask')}
        </form>`
      : nothing}
    <section aria-labelledby="acc-questions-title">
      <h2 id="acc-questions-title">${t('accelerator.questions.title', { count: view.questions.length })}</h2>
      ${view.questions.length || pending.length ? nothing : html`<p class="empty">${t('accelerator.questions.empty')}</p>`}
      <ol class="acc-list">
        ${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q, mine.has(q.id), container))}
        ${pending.map((c) => html`<li class="acc-item acc-item--pending" data-pending="true">
          <p class="acc-item__text">${c.payload?.text}</p>
          <p class="acc-by">${icon('hourglass')} ${ctx.connected ? t('accelerator.sending') : t('accelerator.kept')}</p>
        </li>`)}
      </ol>
    </section>`;
}

function questionItem(ctx, q, isMine, container) {
  const { t } = ctx;
  const canAnswer = can(ctx.activity, 'accelerator.answer');
  const canRemove = isMine && can(ctx.activity, 'accelerator.remove_question');
  const draftKey = `answer:${q.id}`;
  const answer = async (e) => {
    e.preventDefault();
    const text = (ui.drafts[draftKey] ?? q.answer ?? '').trim();
    if (!text) return;
    const ack = await sendForm(ctx, ui.drafts, [draftKey], 'accelerator.answer', { question_id: q.id, text });
    if (ack?.ok) {
      ui.answering = null;
      ctx.update();
    }
  };
  return html`<li class="acc-item acc-question acc-question--${q.status}" data-testid="question" data-question-id=${q.id}>
    <p class="acc-item__text">${q.text}</p>
    <div class="acc-item__meta">${statusTag(q.status)} ${isMine ? html`<span class="tag">${icon('user')} ${t('accelerator.you')}</span>` : byline(q)}</div>
    ${q.answer
      ? html`<p class="acc-answer" data-testid="answer"><span class="acc-answer__label">${t('accelerator.answer')}</span> ${q.answer}</p>`
      : nothing}
    ${canAnswer && ui.answering === q.id
      ? html`<form class="form acc-subform" @submit=${answer} novalidate>
          ${textField({ id: `acc-answer-${q.id}`, label: t('accelerator.answer_label'), drafts: ui.drafts, key: draftKey,
            value: q.answer, max: LIMITS.answer, rows: 3, update: ctx.update, testid: 'answer-input' })}
          <div class="actions">
            <button class="button button--primary" data-testid="answer-save">${icon('check')} ${t('accelerator.answer_save')}</button>
            <button type="button" class="button" @click=${() => { ui.answering = null; ctx.update(); }}>${t('common.cancel')}</button>
          </div>
        </form>`
      : canAnswer || canRemove
        ? html`<div class="actions actions--small">
            ${canAnswer
              ? html`<button class="button button--small" data-testid="answer-open"
                  @click=${() => { ui.answering = q.id; ctx.update(); container.querySelector(`#acc-answer-${q.id}`)?.focus(); }}>
                  ${icon('pencil')} ${q.answer ? t('accelerator.answer_edit') : t('accelerator.answer_write')}
                </button>`
              : nothing}
            ${canRemove ? removeButton(ctx, q.id, 'accelerator.remove_question', { question_id: q.id }, container) : nothing}
          </div>`
        : nothing}
  </li>`;
}

/** "Withdraw" with a confirmation in place (no dialog to dismiss). */
function removeButton(ctx, id, type, payload, container) {
  const { t } = ctx;
  if (ui.confirming === id) {
    return html`<span class="acc-confirm" role="group" aria-label=${t('accelerator.remove.confirm')}>
      <span>${t('accelerator.remove.confirm')}</span>
      <button class="button button--small button--danger" data-testid="remove-confirm"
        @click=${async () => { ui.confirming = null; await ctx.send(type, payload); container.querySelector('textarea')?.focus(); }}>
        ${icon('trash')} ${t('accelerator.remove.yes')}
      </button>
      <button class="button button--small" @click=${() => { ui.confirming = null; ctx.update(); }}>${t('accelerator.remove.no')}</button>
    </span>`;
  }
  return html`<button class="button button--small" data-testid="remove"
    @click=${() => { ui.confirming = id; ctx.update(); }}>${icon('trash')} ${t('accelerator.remove.button')}</button>`;
}

// ------------------------------------------------------------------ 3. request

function requestStep(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, 'accelerator.set_request')) return requestQuote(view, { big: true });
  const start = view.request || t('accelerator.request.start');
  const save = (e) => {
    e.preventDefault();
    const text = (ui.drafts.request ?? start).trim();
    if (text) sendForm(ctx, ui.drafts, ['request'], 'accelerator.set_request', { text });
  };
  return html`<form class="card form" @submit=${save} novalidate>
      ${textField({ id: 'acc-request', label: t('accelerator.request.label'), hint: t('accelerator.request.hint'),
        drafts: ui.drafts, key: 'request', value: start, max: LIMITS.request, rows: 4, update: ctx.update,
        testid: 'request-input' })}
      ${submitButton(t('accelerator.request.save'), 'request-save', 'check')}
    </form>
    <h2>${t('accelerator.request.current')}</h2>
    ${requestQuote(view)}`;
}

// ------------------------------------------------------------------ 4. exchanges

function exchangesStep(ctx, view, container) {
  const { t } = ctx;
  const mine = new Set(Array.isArray(ctx.mine.contributions) ? ctx.mine.contributions : []);
  const pending = ctx.pending.filter((c) => c.type === 'accelerator.contribute');
  const send = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.contribution ?? '').trim();
    if (!text) {
      container.querySelector('#acc-contribution')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['contribution'], 'accelerator.contribute', { text, kind: ui.kind });
    container.querySelector('#acc-contribution')?.focus();
  };
  return html`${can(ctx.activity, 'accelerator.contribute')
      ? html`<form class="card form" @submit=${send} novalidate data-testid="contribution-form">
          <fieldset class="field">
            <legend>${t('accelerator.kind.legend')}</legend>
            <div class="acc-kinds">
              ${KINDS.map((k) => html`<label class="acc-kind-choice">
                <input type="radio" name="acc-kind" value=${k} data-testid="kind-${k}" .checked=${live(ui.kind === k)}
                  @change=${() => { ui.kind = k; ctx.update(); }} />
                <span>${kindIcon(k)} ${kindLabel(k)}</span>
              </label>`)}
            </div>
          </fieldset>
          ${textField({ id: 'acc-contribution', label: t('accelerator.contribution.label'), drafts: ui.drafts,
            key: 'contribution', value: '', max: LIMITS.contribution, rows: 4, update: ctx.update,
            testid: 'contribution-input' })}
          ${submitButton(t('accelerator.contribution.send'), 'contribution-send')}
        </form>`
      : nothing}
    <section aria-labelledby="acc-contributions-title">
      <h2 id="acc-contributions-title">${t('accelerator.contributions.title', { count: view.contributions.length })}</h2>
      ${view.contributions.length || pending.length ? nothing : html`<p class="empty">${t('accelerator.contributions.empty')}</p>`}
      ${pending.length
        ? html`<ul class="acc-list">${pending.map((c) => html`<li class="acc-item acc-item--pending" data-pending="true">
            ${kindTag(c.payload?.kind)}<p class="acc-item__text">${c.payload?.text}</p>
            <p class="acc-by">${icon('hourglass')} ${ctx.connected ? t('accelerator.sending') : t('accelerator.kept')}</p></li>`)}</ul>`
        : nothing}
      ${byTheme(view).map(({ theme, items }) =>
        !items.length
          ? nothing
          : html`<section class="acc-theme">
              ${view.themes.length ? html`<h3 class="acc-theme__title">${theme ? theme.title : t('accelerator.no_theme')}</h3>` : nothing}
              <ul class="acc-list">${repeat(items, (c) => c.id, (c) => contributionItem(ctx, c, mine.has(c.id), container))}</ul>
            </section>`,
      )}
    </section>`;
}

function contributionItem(ctx, c, isMine, container) {
  const { t } = ctx;
  const draftKey = `edit:${c.id}`;
  if (ui.editing === c.id) {
    const save = async (e) => {
      e.preventDefault();
      const text = (ui.drafts[draftKey] ?? c.text).trim();
      if (!text) return;
      const ack = await sendForm(ctx, ui.drafts, [draftKey], 'accelerator.edit_contribution', { contribution_id: c.id, text });
      if (ack?.ok) {
        ui.editing = null;
        ctx.update();
      }
    };
    return html`<li class="acc-item" data-testid="contribution" data-contribution-id=${c.id}>
      <form class="form" @submit=${save} novalidate>
        ${textField({ id: `acc-edit-${c.id}`, label: t('accelerator.contribution.edit_label'), drafts: ui.drafts,
          key: draftKey, value: c.text, max: LIMITS.contribution, rows: 3, update: ctx.update })}
        <div class="actions">
          <button class="button button--primary">${icon('check')} ${t('common.save')}</button>
          <button type="button" class="button" @click=${() => { ui.editing = null; ctx.update(); }}>${t('common.cancel')}</button>
        </div>
      </form>
    </li>`;
  }
  const canEdit = isMine && can(ctx.activity, 'accelerator.edit_contribution');
  const canRemove = isMine && can(ctx.activity, 'accelerator.remove_contribution');
  return html`<li class="acc-item acc-contribution" data-testid="contribution" data-contribution-id=${c.id} data-kind=${c.kind}>
    ${kindTag(c.kind)}
    <p class="acc-item__text">${c.text}</p>
    ${byline(c, { mine: isMine })}
    ${canEdit || canRemove
      ? html`<div class="actions actions--small">
          ${canEdit
            ? html`<button class="button button--small" data-testid="contribution-edit"
                @click=${() => { ui.editing = c.id; ui.confirming = null; ctx.update(); container.querySelector(`#acc-edit-${c.id}`)?.focus(); }}>
                ${icon('pencil')} ${t('common.edit')}</button>`
            : nothing}
          ${canRemove ? removeButton(ctx, c.id, 'accelerator.remove_contribution', { contribution_id: c.id }, container) : nothing}
        </div>`
      : nothing}
  </li>`;
}

// ------------------------------------------------------------------ 5. synthesis and action plan

function synthesisStep(ctx, view, container) {
  const { t } = ctx;
  const writes = can(ctx.activity, 'accelerator.write_synthesis');
  const plans = can(ctx.activity, 'accelerator.add_action');
  const saveSynthesis = (e) => {
    e.preventDefault();
    const text = (ui.drafts.synthesis ?? view.synthesis).trim();
    sendForm(ctx, ui.drafts, ['synthesis'], 'accelerator.write_synthesis', { text });
  };
  const addAction = async (e) => {
    e.preventDefault();
    const what = (ui.drafts.what ?? '').trim();
    if (!what) {
      container.querySelector('#acc-what')?.focus();
      return;
    }
    const payload = { what, who: (ui.drafts.who ?? '').trim(), when: (ui.drafts.when ?? '').trim() };
    await sendForm(ctx, ui.drafts, ['what', 'who', 'when'], 'accelerator.add_action', payload);
    container.querySelector('#acc-what')?.focus();
  };
  return html`${writes
      ? html`<form class="card form" @submit=${saveSynthesis} novalidate>
          ${textField({ id: 'acc-synthesis', label: t('accelerator.synthesis.label'), hint: t('accelerator.synthesis.hint'),
            drafts: ui.drafts, key: 'synthesis', value: view.synthesis, max: LIMITS.synthesis, rows: 6,
            update: ctx.update, testid: 'synthesis-input' })}
          ${submitButton(t('accelerator.synthesis.save'), 'synthesis-save', 'check')}
        </form>`
      : html`<section class="card" aria-labelledby="acc-synthesis-title">
          <h2 id="acc-synthesis-title">${t('accelerator.synthesis.title')}</h2>
          ${view.synthesis ? textBlock(view.synthesis) : html`<p class="empty">${t('accelerator.synthesis.waiting')}</p>`}
        </section>`}
    <section aria-labelledby="acc-plan-title">
      <h2 id="acc-plan-title">${t('accelerator.plan.title')}</h2>
      ${view.actions.length ? nothing : html`<p class="empty">${t('accelerator.plan.empty')}</p>`}
      <ul class="acc-list">
        ${repeat(view.actions, (a) => a.id, (a) => actionItem(ctx, a, container))}
      </ul>
      ${plans
        ? html`<form class="card form" @submit=${addAction} novalidate data-testid="action-form">
            <h3>${t('accelerator.plan.add_title')}</h3>
            ${textField({ id: 'acc-what', label: t('accelerator.plan.what'), drafts: ui.drafts, key: 'what', value: '',
              max: LIMITS.what, rows: 2, update: ctx.update, testid: 'action-what' })}
            ${textField({ id: 'acc-who', label: t('accelerator.plan.who'), drafts: ui.drafts, key: 'who', value: '',
              max: LIMITS.who, update: ctx.update, single: true, testid: 'action-who' })}
            ${textField({ id: 'acc-when', label: t('accelerator.plan.when'), drafts: ui.drafts, key: 'when', value: '',
              max: LIMITS.when, update: ctx.update, single: true, testid: 'action-when' })}
            ${submitButton(t('accelerator.plan.add'), 'action-add', 'plus')}
          </form>`
        : nothing}
    </section>`;
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
        container.querySelector(`#acc-action-what-${a.id}`)?.focus();
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
    return html`<li class="acc-item acc-action" data-testid="action" data-action-id=${a.id}>
      <form class="form" @submit=${save} novalidate data-testid="action-edit-form"
        aria-label=${t('accelerator.plan.edit_title')}>
        ${textField({ id: `acc-action-what-${a.id}`, label: t('accelerator.plan.what'), drafts: ui.drafts, key: whatKey,
          value: a.what, max: LIMITS.what, rows: 2, update: ctx.update, testid: 'action-edit-what' })}
        ${textField({ id: `acc-action-who-${a.id}`, label: t('accelerator.plan.who'), drafts: ui.drafts, key: whoKey,
          value: a.who, max: LIMITS.who, update: ctx.update, single: true, testid: 'action-edit-who' })}
        ${textField({ id: `acc-action-when-${a.id}`, label: t('accelerator.plan.when'), drafts: ui.drafts, key: whenKey,
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
  return html`<li class="acc-item acc-action" data-testid="action" data-action-id=${a.id}>
    <p class="acc-item__text">${a.what}</p>
    <dl class="acc-action__meta">
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
                  container.querySelector(`#acc-action-what-${a.id}`)?.focus();
                }}>${icon('pencil')} ${t('common.edit')}</button>`
            : nothing}
          ${canRemove ? removeButton(ctx, a.id, 'accelerator.remove_action', { action_id: a.id }, container) : nothing}
        </div>`
      : nothing}
  </li>`;
}

// ------------------------------------------------------------------ 6. closing round

function closingStep(ctx, view, container) {
  const { t } = ctx;
  const myTurnId = ctx.mine.turn_id ?? null;
  const current = currentTurn(view);
  const myTurn = myTurnId !== null && current?.id === myTurnId;
  const say = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.takeaway ?? ctx.mine.takeaway ?? '').trim();
    if (!text) {
      container.querySelector('#acc-takeaway')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['takeaway'], 'accelerator.say_takeaway', { text });
  };
  let banner;
  if (view.round.status === 'not_started') {
    banner = html`<p class="acc-speaker acc-speaker--waiting" data-testid="round-status" data-status="not_started">
      ${icon('hourglass')} ${t('accelerator.round.not_started')}</p>`;
  } else if (view.round.status === 'over') {
    banner = html`<p class="acc-speaker" data-testid="round-status" data-status="over">${icon('check')} ${t('accelerator.round.over')}</p>`;
  } else if (myTurn) {
    banner = html`<p class="acc-speaker acc-speaker--me" data-testid="round-status" data-status="mine" role="status">
      ${icon('arrowRight')} ${t('accelerator.round.your_turn')}</p>`;
  } else {
    banner = html`<p class="acc-speaker" data-testid="round-status" data-status="running">
      ${icon('arrowRight')} ${t('accelerator.round.now', { name: personLabel(current, current?.place) })}
      ${current ? personTags(current) : nothing}</p>`;
  }
  return html`${banner}
    ${myTurnId && can(ctx.activity, 'accelerator.say_takeaway')
      ? html`<form class="card form" @submit=${say} novalidate>
          ${textField({ id: 'acc-takeaway', label: t('accelerator.takeaway.label'), hint: t('accelerator.takeaway.hint'),
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
  return html`<section aria-labelledby="acc-round-title">
    <h2 id="acc-round-title">${t('accelerator.round.title', { said: view.round.said, total: view.round.turns.length })}</h2>
    <ol class="acc-round">
      ${repeat(view.round.turns, (turn) => turn.id, (turn) => {
        const now = turn.id === view.round.current;
        const state = now ? 'now' : turn.text ? 'said' : 'waiting';
        return html`<li class="acc-turn acc-turn--${state}" data-testid="turn" data-turn-id=${turn.id} data-state=${state}
            aria-current=${now ? 'true' : 'false'}>
          <p class="acc-turn__who">
            ${icon(now ? 'arrowRight' : turn.text ? 'check' : 'hourglass')}
            <strong>${personLabel(turn, turn.place)}</strong>
            ${turn.id === myTurnId ? html`<span class="tag">${icon('user')} ${t('accelerator.you')}</span>` : nothing}
            ${personTags(turn)}
            <span class="sr-only">${t(`accelerator.turn.${state}`)}</span>
          </p>
          ${turn.text ? html`<p class="acc-turn__text">${turn.text}</p>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}
