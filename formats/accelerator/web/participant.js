// Project accelerator, participant's phone (remote attendees use the same screen). What a person
// may do comes from `activity.can` (the shell gives this person's own list): the holder writes
// the presentation, answers, states the request and writes the plan; the group asks and
// contributes; everyone reads everything live.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, textField, sendForm } from 'fabrique/kit.js';
import {
  LIMITS,
  KINDS,
  PICTOGRAMS,
  accView,
  byline,
  textBlock,
  kindTag,
  kindIcon,
  kindLabel,
  statusTag,
  byTheme,
  pointsList,
  problemLine,
  projectHead,
  requestQuote,
  contributionCount,
} from './common.js';
import { ui, submitButton, removeButton, shownStatus } from './phone-tools.js';
import { synthesisStep, closingStep } from './participant-plan.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['participant.css', 'steps-4-6.css'], contributions: contributionCount });

function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) {
    Object.assign(ui, { key, drafts: {}, answering: null, editing: null, editingAction: null, confirming: null });
  }
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
    html`<div class="accelerator accelerator--phone accelerator--${step}">
      ${holderCard(ctx)}
      ${projectHead(view, { step, about: step !== 'presentation', holder: !isHolder(ctx) })}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
}

function isHolder(ctx) {
  return Array.isArray(ctx.me?.roles) && ctx.me.roles.includes('holder');
}

/** The holder's phone says so (the shell shows the holder's own instructions above). */
function holderCard(ctx) {
  if (!isHolder(ctx)) return nothing;
  return html`<div class="accelerator-role-card" data-testid="holder-card">
    <p class="accelerator-role-card__title">${icon('badge')} ${ctx.t('accelerator.you_hold')}</p>
  </div>`;
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
        ${textField({ id: 'accelerator-problem', label: t('accelerator.problem_label'), drafts: ui.drafts, key: 'problem',
          value: view.problem, max: LIMITS.problem, rows: 3, update: ctx.update, testid: 'problem-input' })}
        ${textField({ id: 'accelerator-presentation', label: t('accelerator.presentation.label'),
          hint: t('accelerator.presentation.hint'), drafts: ui.drafts, key: 'presentation', value: view.presentation,
          max: LIMITS.presentation, rows: 8, update: ctx.update, testid: 'presentation-input' })}
        ${submitButton(t('accelerator.presentation.save'), 'presentation-save', 'screen')}
        ${shownStatus(ctx, {
          type: 'accelerator.write_presentation',
          saved: view.problem || view.presentation,
          typed: [[ui.drafts.problem, view.problem], [ui.drafts.presentation, view.presentation]],
        })}
      </form>
      ${pointsList(view)}`;
  }
  return html`${problemLine(view)}
    ${view.presentation
      ? html`<section class="card" aria-labelledby="accelerator-pres-title">
          <h2 id="accelerator-pres-title">${t('accelerator.presentation.title')}</h2>
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
      container.querySelector('#accelerator-question')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['question'], 'accelerator.ask', { text });
    container.querySelector('#accelerator-question')?.focus();
  };
  return html`${can(ctx.activity, 'accelerator.ask')
      ? html`<form class="card form" @submit=${ask} novalidate>
          ${textField({ id: 'accelerator-question', label: t('accelerator.question.label'), hint: t('accelerator.question.hint'),
            drafts: ui.drafts, key: 'question', value: '', max: LIMITS.question, rows: 3, update: ctx.update,
            testid: 'question-input' })}
          ${submitButton(t('accelerator.question.ask'), 'question-ask')}
        </form>`
      : nothing}
    <section aria-labelledby="accelerator-questions-title">
      <h2 id="accelerator-questions-title">${t('accelerator.questions.title', { count: view.questions.length })}</h2>
      ${view.questions.length || pending.length ? nothing : html`<p class="empty">${t('accelerator.questions.empty')}</p>`}
      <ol class="accelerator-list">
        ${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q, mine.has(q.id), container))}
        ${pending.map((c) => html`<li class="accelerator-item accelerator-item--pending" data-pending="true">
          <p class="accelerator-item__text">${c.payload?.text}</p>
          <p class="accelerator-by">${icon('hourglass')} ${ctx.connected ? t('accelerator.sending') : t('accelerator.kept')}</p>
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
  return html`<li class="accelerator-item accelerator-question accelerator-question--${q.status}" data-testid="question" data-question-id=${q.id}>
    <p class="accelerator-item__text">${q.text}</p>
    <div class="accelerator-item__meta">${statusTag(q.status)} ${isMine ? html`<span class="tag">${icon('user')} ${t('accelerator.you')}</span>` : byline(q, { scribe: ctx.activity.view?.scribe_name })}</div>
    ${q.answer
      ? html`<p class="accelerator-answer" data-testid="answer"><span class="accelerator-answer__label">${t('accelerator.answer')}</span> ${q.answer}</p>`
      : nothing}
    ${canAnswer && ui.answering === q.id
      ? html`<form class="form accelerator-subform" @submit=${answer} novalidate>
          ${textField({ id: `accelerator-answer-${q.id}`, label: t('accelerator.answer_label'), drafts: ui.drafts, key: draftKey,
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
                  @click=${() => { ui.answering = q.id; ctx.update(); container.querySelector(`#accelerator-answer-${q.id}`)?.focus(); }}>
                  ${icon('pencil')} ${q.answer ? t('accelerator.answer_edit') : t('accelerator.answer_write')}
                </button>`
              : nothing}
            ${canRemove ? removeButton(ctx, q.id, 'accelerator.remove_question', { question_id: q.id }, container) : nothing}
          </div>`
        : nothing}
  </li>`;
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
      ${textField({ id: 'accelerator-request', label: t('accelerator.request.label'), hint: t('accelerator.request.hint'),
        drafts: ui.drafts, key: 'request', value: start, max: LIMITS.request, rows: 4, update: ctx.update,
        testid: 'request-input' })}
      ${submitButton(t('accelerator.request.save'), 'request-save', 'check')}
      ${shownStatus(ctx, { type: 'accelerator.set_request', saved: view.request, typed: [[ui.drafts.request, start]] })}
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
      container.querySelector('#accelerator-contribution')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['contribution'], 'accelerator.contribute', { text, kind: ui.kind });
    container.querySelector('#accelerator-contribution')?.focus();
  };
  return html`${can(ctx.activity, 'accelerator.contribute')
      ? html`<form class="card form" @submit=${send} novalidate data-testid="contribution-form">
          <fieldset class="field">
            <legend>${t('accelerator.kind.legend')}</legend>
            <div class="choice-tiles">
              ${KINDS.map((k) => html`<label class="choice-tile">
                <input type="radio" name="accelerator-kind" value=${k} data-testid="kind-${k}" .checked=${live(ui.kind === k)}
                  @change=${() => { ui.kind = k; ctx.update(); }} />
                <span>${kindIcon(k)} ${kindLabel(k)}</span>
              </label>`)}
            </div>
          </fieldset>
          ${textField({ id: 'accelerator-contribution', label: t('accelerator.contribution.label'), drafts: ui.drafts,
            key: 'contribution', value: '', max: LIMITS.contribution, rows: 4, update: ctx.update,
            testid: 'contribution-input' })}
          ${submitButton(t('accelerator.contribution.send'), 'contribution-send')}
        </form>`
      : nothing}
    <section aria-labelledby="accelerator-contributions-title">
      <h2 id="accelerator-contributions-title">${t('accelerator.contributions.title', { count: view.contributions.length })}</h2>
      ${view.contributions.length || pending.length ? nothing : html`<p class="empty">${t('accelerator.contributions.empty')}</p>`}
      ${pending.length
        ? html`<ul class="accelerator-list">${pending.map((c) => html`<li class="accelerator-item accelerator-item--pending" data-pending="true">
            ${kindTag(c.payload?.kind)}<p class="accelerator-item__text">${c.payload?.text}</p>
            <p class="accelerator-by">${icon('hourglass')} ${ctx.connected ? t('accelerator.sending') : t('accelerator.kept')}</p></li>`)}</ul>`
        : nothing}
      ${byTheme(view).map(({ theme, items }) =>
        !items.length
          ? nothing
          : html`<section class="accelerator-theme">
              ${view.themes.length ? html`<h3 class="accelerator-theme__title">${theme ? theme.title : t('accelerator.no_theme')}</h3>` : nothing}
              <ul class="accelerator-list">${repeat(items, (c) => c.id, (c) => contributionItem(ctx, c, mine.has(c.id), container))}</ul>
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
    return html`<li class="accelerator-item" data-testid="contribution" data-contribution-id=${c.id}>
      <form class="form" @submit=${save} novalidate>
        ${textField({ id: `accelerator-edit-${c.id}`, label: t('accelerator.contribution.edit_label'), drafts: ui.drafts,
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
  return html`<li class="accelerator-item accelerator-contribution" data-testid="contribution" data-contribution-id=${c.id} data-kind=${c.kind}>
    ${kindTag(c.kind)}
    <p class="accelerator-item__text">${c.text}</p>
    ${byline(c, { mine: isMine, scribe: ctx.activity.view?.scribe_name })}
    ${canEdit || canRemove
      ? html`<div class="actions actions--small">
          ${canEdit
            ? html`<button class="button button--small" data-testid="contribution-edit"
                @click=${() => { ui.editing = c.id; ui.confirming = null; ctx.update(); container.querySelector(`#accelerator-edit-${c.id}`)?.focus(); }}>
                ${icon('pencil')} ${t('common.edit')}</button>`
            : nothing}
          ${canRemove ? removeButton(ctx, c.id, 'accelerator.remove_contribution', { contribution_id: c.id }, container) : nothing}
        </div>`
      : nothing}
  </li>`;
}
