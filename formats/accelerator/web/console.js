// Project accelerator, the facilitator's and the scribe's console: what the room sees, with the
// tools of each step. A tool shows only when its command is in `activity.can`: the scribe and the
// facilitator share this renderer, the server says who may do what. No drag and drop: the round
// is ordered with up and down buttons.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, sendForm, syncSelects, textField } from 'fabrique/kit.js';
import {
  LIMITS,
  KINDS,
  PICTOGRAMS,
  accView,
  byline,
  textBlock,
  kindTag,
  kindLabel,
  statusTag,
  byTheme,
  pointsList,
  requestQuote,
  aboutLine,
  holderNames,
  contributionCount,
} from './common.js';
import { ui, people, nameOf, spotlightButton, smallForm, speakerField, saidBy } from './console-tools.js';
import { synthesisStep, closingStep } from './console-plan.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'steps-4-6.css'], contributions: contributionCount });

function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) {
    Object.assign(ui, { key, drafts: {}, answering: null, editingAction: null, noting: null, sort: {}, renamingTheme: null, order: null, count: null, speaker: {} });
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
    html`<div class="accelerator accelerator--console accelerator--${step}">
      ${headTemplate(ctx, view, step)}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
  syncSelects(container);
}

// ------------------------------------------------------------------ head: holder, scribe

function headTemplate(ctx, view, step) {
  const { t } = ctx;
  const everyone = people(ctx);
  const holders = everyone.filter((p) => Array.isArray(p.roles) && p.roles.includes('holder'));
  const mayAssign = can(ctx.activity, 'participant.assign_role');
  const assign = (e) => {
    e.preventDefault();
    if (ui.holder) ctx.send('participant.assign_role', { participant_id: ui.holder, role: 'holder', assigned: true });
  };
  const sign = (e) => {
    e.preventDefault();
    const name = (ui.drafts.scribe ?? view.scribe_name).trim();
    sendForm(ctx, ui.drafts, ['scribe'], 'accelerator.sign', { name });
  };
  return html`<div class="accelerator-console-head">
    <div class="accelerator-console-head__item" data-testid="console-holder">
      ${holders.length
        ? html`<p>${icon('badge')} ${t('accelerator.holder_is', { name: holders.map((p) => nameOf(ctx, p)).join(', ') })}</p>`
        : view.holder_count
          ? html`<p>${icon('badge')} ${t('accelerator.holder_count', { count: view.holder_count })}</p>`
          : html`<p class="accelerator-warning">${icon('alert')} ${t('accelerator.console.no_holder')}</p>
              ${mayAssign && everyone.length
                ? html`<form class="inline-form" @submit=${assign}>
                    <label for="accelerator-holder">${t('accelerator.console.choose_holder')}</label>
                    <select id="accelerator-holder" data-testid="holder-select" data-value=${ui.holder}
                      @change=${(e) => { ui.holder = e.target.value; ctx.update(); }}>
                      <option value="">${t('accelerator.console.pick_person')}</option>
                      ${everyone.map((p) => html`<option value=${p.id}>${nameOf(ctx, p)}</option>`)}
                    </select>
                    <button class="button" data-testid="holder-assign" ?disabled=${!ui.holder}>${icon('badge')} ${t('accelerator.console.make_holder')}</button>
                  </form>`
                : nothing}`}
    </div>
    ${can(ctx.activity, 'accelerator.sign')
      ? html`<form class="inline-form accelerator-console-head__item" @submit=${sign} data-testid="sign-form">
          <label for="accelerator-scribe">${t('accelerator.console.written_by')}</label>
          <input id="accelerator-scribe" maxlength=${LIMITS.name} data-testid="sign-input" autocomplete="name"
            .value=${live(ui.drafts.scribe ?? view.scribe_name)}
            @input=${(e) => { ui.drafts.scribe = e.target.value; }} />
          <button class="button" data-testid="sign-save">${icon('pencil')} ${t('accelerator.console.sign')}</button>
        </form>`
      : view.scribe_name
        ? html`<p class="accelerator-console-head__item">${icon('pencil')} ${t('accelerator.written_by', { name: view.scribe_name })}</p>`
        : nothing}
  </div>
  ${aboutLine(view, step)}`;
}

// ------------------------------------------------------------------ 1. presentation

function presentationStep(ctx, view) {
  const { t } = ctx;
  const writes = can(ctx.activity, 'accelerator.write_presentation');
  const save = (e) => {
    e.preventDefault();
    const payload = {
      problem: (ui.drafts.problem ?? view.problem).trim(),
      text: (ui.drafts.presentation ?? view.presentation).trim(),
    };
    sendForm(ctx, ui.drafts, ['problem', 'presentation'], 'accelerator.write_presentation', payload);
  };
  const addPoint = (text) => text && sendForm(ctx, ui.drafts, ['point'], 'accelerator.add_point', { text });
  const removePoint = (p) => can(ctx.activity, 'accelerator.remove_point')
    ? html`<button class="button button--small" data-testid="point-remove" aria-label=${t('accelerator.console.remove_point', { text: p.text })}
        @click=${() => ctx.send('accelerator.remove_point', { point_id: p.id })}>${icon('trash')}</button>`
    : nothing;
  return html`<div class="accelerator-columns">
    <section class="card">
      ${writes
        ? html`<form class="form" @submit=${save} novalidate>
            ${textField({ id: 'accelerator-problem', label: t('accelerator.problem_label'), drafts: ui.drafts, key: 'problem',
              value: view.problem, max: LIMITS.problem, rows: 2, update: ctx.update, testid: 'problem-input' })}
            ${textField({ id: 'accelerator-presentation', label: t('accelerator.presentation.label'), drafts: ui.drafts,
              key: 'presentation', value: view.presentation, max: LIMITS.presentation, rows: 10, update: ctx.update,
              testid: 'presentation-input' })}
            <div class="actions"><button class="button button--primary" data-testid="presentation-save">${icon('screen')} ${t('accelerator.presentation.save')}</button></div>
          </form>`
        : html`<h3>${t('accelerator.presentation.title')}</h3>
            ${view.presentation ? textBlock(view.presentation) : html`<p class="empty">${t('accelerator.presentation.waiting')}</p>`}`}
    </section>
    <section class="card">
      ${pointsList(view, { extra: removePoint })}
      ${view.points.length ? nothing : html`<p class="empty">${t('accelerator.points.empty')}</p>`}
      ${can(ctx.activity, 'accelerator.add_point')
        ? smallForm(ctx, { id: 'accelerator-point', label: t('accelerator.points.label'), key: 'point', max: LIMITS.point,
            submit: addPoint, testid: 'point', button: t('accelerator.points.add') })
        : nothing}
    </section>
  </div>`;
}

// ------------------------------------------------------------------ 2. questions

function questionsStep(ctx, view, container) {
  const { t } = ctx;
  const ask = async (text) => {
    if (!text) return;
    const ack = await sendForm(ctx, ui.drafts, ['question'], 'accelerator.ask', { text, ...saidBy('question') });
    if (ack?.ok) delete ui.speaker.question; // the next question is someone else's, most often
  };
  const open = view.questions.filter((q) => q.status === 'open').length;
  return html`<p class="accelerator-counts" data-testid="question-counts">
      ${icon('hand')} ${t('accelerator.questions.title', { count: view.questions.length })} ·
      ${t('accelerator.console.open_count', { count: open })}
    </p>
    ${can(ctx.activity, 'accelerator.ask')
      ? html`<div class="card">${smallForm(ctx, { id: 'accelerator-question', label: t('accelerator.console.note_question'),
          key: 'question', max: LIMITS.question, submit: ask, testid: 'question', button: t('accelerator.console.add_question'),
          extra: speakerField(ctx, 'question') })}</div>`
      : nothing}
    ${view.questions.length ? nothing : html`<p class="empty">${t('accelerator.questions.empty')}</p>`}
    <ol class="accelerator-list">${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q, container))}</ol>`;
}

/** "Answer given by Jeanne": the holder by name, when the activity shows names. */
function answerLabel(ctx) {
  const holders = holderNames(accView(ctx.activity));
  return holders ? ctx.t('accelerator.console.answer_by', { name: holders }) : ctx.t('accelerator.console.answer_label');
}

function questionItem(ctx, q, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const draftKey = `answer:${q.id}`;
  const answer = async (text) => {
    if (!text) return;
    const ack = await sendForm(ctx, ui.drafts, [draftKey], 'accelerator.answer', { question_id: q.id, text });
    if (ack?.ok) {
      ui.answering = null;
      ctx.update();
    }
  };
  const mark = (status) => ctx.send('accelerator.mark_question', { question_id: q.id, status });
  return html`<li class="accelerator-item accelerator-question accelerator-question--${q.status}" data-testid="question" data-question-id=${q.id}>
    <p class="accelerator-item__text">${q.text}</p>
    <div class="accelerator-item__meta">${statusTag(q.status)} ${byline(q, { scribe: ctx.activity.view?.scribe_name })}</div>
    ${q.answer ? html`<p class="accelerator-answer" data-testid="answer"><span class="accelerator-answer__label">${t('accelerator.answer')}</span> ${q.answer}</p>` : nothing}
    ${ui.answering === q.id
      ? smallForm(ctx, { id: `accelerator-answer-${q.id}`, label: answerLabel(ctx), key: draftKey,
          value: q.answer, max: LIMITS.answer, submit: answer, testid: 'answer', rows: 3, button: t('accelerator.answer_save'), pict: 'check' })
      : nothing}
    <div class="actions actions--small">
      ${can(a, 'accelerator.answer') && ui.answering !== q.id
        ? html`<button class="button button--small" data-testid="answer-open"
            @click=${() => { ui.answering = q.id; ctx.update(); container.querySelector(`#accelerator-answer-${q.id}`)?.focus(); }}>
            ${icon('pencil')} ${q.answer ? t('accelerator.answer_edit') : t('accelerator.console.note_answer')}</button>`
        : nothing}
      ${can(a, 'accelerator.mark_question')
        ? html`${q.status !== 'answered'
              ? html`<button class="button button--small" data-testid="mark-answered" @click=${() => mark('answered')}>${icon('check')} ${t('accelerator.console.mark_answered')}</button>`
              : nothing}
            ${q.status !== 'skipped'
              ? html`<button class="button button--small" data-testid="mark-skipped" @click=${() => mark('skipped')}>${icon('skip')} ${t('accelerator.console.mark_skipped')}</button>`
              : nothing}
            ${q.status !== 'open'
              ? html`<button class="button button--small" data-testid="mark-open" @click=${() => mark('open')}>${icon('undo')} ${t('accelerator.console.mark_open')}</button>`
              : nothing}`
        : nothing}
      ${spotlightButton(ctx, q)}
      ${can(a, 'accelerator.remove_question')
        ? html`<button class="button button--small" data-testid="question-remove"
            aria-label=${t('accelerator.console.remove_aria', { text: q.text })}
            @click=${() => ctx.send('accelerator.remove_question', { question_id: q.id })}>${icon('trash')} ${t('accelerator.remove.button')}</button>`
        : nothing}
    </div>
  </li>`;
}

// ------------------------------------------------------------------ 3. request

function requestStep(ctx, view) {
  const { t } = ctx;
  const set = (text) => text && sendForm(ctx, ui.drafts, ['request'], 'accelerator.set_request', { text });
  return html`${requestQuote(view, { big: true })}
    ${view.first_request
      ? html`<p class="hint" data-testid="first-request">${t('accelerator.request.first', { text: view.first_request })}</p>`
      : nothing}
    ${can(ctx.activity, 'accelerator.set_request')
      ? html`<div class="card">${smallForm(ctx, { id: 'accelerator-request', label: t('accelerator.console.request_label'),
          key: 'request', value: view.request || t('accelerator.request.start'), max: LIMITS.request, submit: set,
          testid: 'request', rows: 3, button: t('accelerator.request.save'), pict: 'check' })}</div>`
      : nothing}`;
}

// ------------------------------------------------------------------ 4. exchanges

function exchangesStep(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const add = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.contribution ?? '').trim();
    if (!text) return;
    const ack = await sendForm(ctx, ui.drafts, ['contribution'], 'accelerator.contribute', { text, kind: ui.kind, ...saidBy('contribution') });
    if (ack?.ok) delete ui.speaker.contribution;
    container.querySelector('#accelerator-contribution')?.focus();
  };
  const addTheme = (title) => title && sendForm(ctx, ui.drafts, ['theme'], 'accelerator.add_theme', { title });
  const counts = KINDS.map((k) => t('accelerator.console.kind_count', { kind: kindLabel(k), count: view.contributions.filter((c) => c.kind === k).length }));
  return html`<p class="accelerator-counts" data-testid="contribution-counts">${icon('idea')}
      ${t('accelerator.contributions.title', { count: view.contributions.length })} · ${counts.join(' · ')}</p>
    <div class="accelerator-columns">
      ${can(a, 'accelerator.contribute')
        ? html`<form class="card form" @submit=${add} novalidate>
            <fieldset class="field">
              <legend>${t('accelerator.kind.legend')}</legend>
              <div class="choice-tiles">
                ${KINDS.map((k) => html`<label class="choice-tile">
                  <input type="radio" name="accelerator-kind-console" value=${k} .checked=${live(ui.kind === k)}
                    @change=${() => { ui.kind = k; ctx.update(); }} />
                  <span>${kindLabel(k)}</span></label>`)}
              </div>
            </fieldset>
            ${textField({ id: 'accelerator-contribution', label: t('accelerator.console.note_contribution'), drafts: ui.drafts,
              key: 'contribution', value: '', max: LIMITS.contribution, rows: 2, update: ctx.update, testid: 'contribution-input' })}
            ${speakerField(ctx, 'contribution')}
            <div class="actions"><button class="button button--primary" data-testid="contribution-send">${icon('plus')} ${t('accelerator.console.add_contribution')}</button></div>
          </form>`
        : nothing}
      ${can(a, 'accelerator.add_theme')
        ? html`<div class="card">${smallForm(ctx, { id: 'accelerator-theme', label: t('accelerator.console.new_theme'), key: 'theme',
            max: LIMITS.theme, submit: addTheme, testid: 'theme', rows: 1, button: t('accelerator.console.add_theme') })}</div>`
        : nothing}
    </div>
    ${view.contributions.length ? nothing : html`<p class="empty">${t('accelerator.contributions.empty')}</p>`}
    ${byTheme(view).map(({ theme, items }) => themeSection(ctx, view, theme, items))}`;
}

function themeSection(ctx, view, theme, items) {
  const { t } = ctx;
  if (!theme && !items.length) return nothing;
  const renaming = theme && ui.renamingTheme === theme.id;
  const rename = async (title) => {
    if (!title) return;
    const ack = await sendForm(ctx, ui.drafts, [`theme:${theme.id}`], 'accelerator.rename_theme', { theme_id: theme.id, title });
    if (ack?.ok) {
      ui.renamingTheme = null;
      ctx.update();
    }
  };
  return html`<section class="accelerator-theme" data-testid="theme" data-theme-id=${theme?.id ?? ''}>
    ${renaming
      ? smallForm(ctx, { id: `accelerator-theme-${theme.id}`, label: t('accelerator.console.rename_theme'), key: `theme:${theme.id}`,
          value: theme.title, max: LIMITS.theme, submit: rename, testid: 'theme-rename', rows: 1, button: t('common.save'), pict: 'check' })
      : html`<div class="accelerator-theme__head">
          <h3 class="accelerator-theme__title">${theme ? theme.title : view.themes.length ? t('accelerator.no_theme') : t('accelerator.all_contributions')}
            <span class="accelerator-theme__count">${t('accelerator.contributions.count', { count: items.length })}</span></h3>
          ${theme && can(ctx.activity, 'accelerator.rename_theme')
            ? html`<button class="button button--small" data-testid="theme-rename"
                @click=${() => { ui.renamingTheme = theme.id; ctx.update(); }}>${icon('pencil')} ${t('accelerator.console.rename')}</button>`
            : nothing}
        </div>`}
    ${items.length
      ? html`<ul class="accelerator-list accelerator-list--grid">${repeat(items, (c) => c.id, (c) => contributionItem(ctx, view, c))}</ul>`
      : html`<p class="empty">${t('accelerator.console.empty_theme')}</p>`}
  </section>`;
}

function contributionItem(ctx, view, c) {
  const { t } = ctx;
  const a = ctx.activity;
  const chosen = ui.sort[c.id] ?? c.theme_id ?? '';
  const sort = (e) => {
    e.preventDefault();
    const theme_id = chosen || null;
    if (theme_id === (c.theme_id ?? null)) return;
    ctx.send('accelerator.set_theme', { contribution_id: c.id, theme_id }).then((ack) => {
      if (ack?.ok) delete ui.sort[c.id];
      ctx.update();
    });
  };
  return html`<li class="accelerator-item accelerator-contribution" data-testid="contribution" data-contribution-id=${c.id} data-kind=${c.kind}>
    ${kindTag(c.kind)}
    <p class="accelerator-item__text">${c.text}</p>
    ${byline(c, { scribe: ctx.activity.view?.scribe_name })}
    <div class="accelerator-tools">
      ${can(a, 'accelerator.set_theme') && view.themes.length
        ? html`<form class="tool" @submit=${sort}>
            <label for="sort-${c.id}">${t('accelerator.console.theme_label')}</label>
            <div class="tool__row">
              <select id="sort-${c.id}" data-testid="theme-select" data-value=${chosen}
                @change=${(e) => { ui.sort[c.id] = e.target.value; ctx.update(); }}>
                <option value="">${t('accelerator.no_theme')}</option>
                ${view.themes.map((th) => html`<option value=${th.id}>${th.title}</option>`)}
              </select>
              <button class="button button--small" data-testid="theme-set" ?disabled=${chosen === (c.theme_id ?? '')}>
                ${icon('move')} ${t('accelerator.console.sort')}</button>
            </div>
          </form>`
        : nothing}
      <div class="actions actions--small">
        ${spotlightButton(ctx, c)}
        ${can(a, 'accelerator.remove_contribution')
          ? html`<button class="button button--small" data-testid="contribution-remove"
              aria-label=${t('accelerator.console.remove_aria', { text: c.text })}
              @click=${() => ctx.send('accelerator.remove_contribution', { contribution_id: c.id })}>${icon('trash')} ${t('accelerator.remove.button')}</button>`
          : nothing}
      </div>
    </div>
  </li>`;
}
