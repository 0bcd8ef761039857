// Project accelerator, the facilitator's and the scribe's console: what the room sees, with the
// tools of each step. A tool shows only when its command is in `activity.can`: the scribe and the
// facilitator share this renderer, the server says who may do what. No drag and drop: the round
// is ordered with up and down buttons.
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
  kindLabel,
  statusTag,
  byTheme,
  currentTurn,
  nextTurn,
  personLabel,
  personTags,
  textField,
  sendForm,
  actionsTable,
  pointsList,
  requestQuote,
} from './common.js';

export { pictogram } from './common.js';

const ui = {
  key: null,
  drafts: {},
  kind: 'idea',
  answering: null,
  editingAction: null,
  noting: null,
  sort: {}, // contribution id -> chosen theme id
  holder: '',
  renamingTheme: null,
  order: null, // participant ids, before the round starts
  count: null, // places of an anonymous round
  latecomer: '',
};

export function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) {
    Object.assign(ui, { key, drafts: {}, answering: null, editingAction: null, noting: null, sort: {}, renamingTheme: null, order: null, count: null });
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
    html`<div class="acc acc--console acc--${step}">
      ${headTemplate(ctx, view)}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
  for (const select of container.querySelectorAll('select[data-value]')) {
    if (select.value !== select.dataset.value) select.value = select.dataset.value;
  }
}

function people(ctx) {
  return Array.isArray(ctx.session?.participants) ? ctx.session.participants : [];
}

function nameOf(ctx, p) {
  return p.name || ctx.t('participant.anonymous', { number: p.number ?? '' });
}

// ------------------------------------------------------------------ head: holder, scribe

function headTemplate(ctx, view) {
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
  return html`<div class="acc-console-head">
    <div class="acc-console-head__item" data-testid="console-holder">
      ${holders.length
        ? html`<p>${icon('badge')} ${t('accelerator.holder_is', { name: holders.map((p) => nameOf(ctx, p)).join(', ') })}</p>`
        : view.holder_count
          ? html`<p>${icon('badge')} ${t('accelerator.holder_count', { count: view.holder_count })}</p>`
          : html`<p class="acc-warning">${icon('alert')} ${t('accelerator.console.no_holder')}</p>
              ${mayAssign && everyone.length
                ? html`<form class="inline-form" @submit=${assign}>
                    <label for="acc-holder">${t('accelerator.console.choose_holder')}</label>
                    <select id="acc-holder" data-testid="holder-select" data-value=${ui.holder}
                      @change=${(e) => { ui.holder = e.target.value; ctx.update(); }}>
                      <option value="">${t('accelerator.console.pick_person')}</option>
                      ${everyone.map((p) => html`<option value=${p.id}>${nameOf(ctx, p)}</option>`)}
                    </select>
                    <button class="button" data-testid="holder-assign" ?disabled=${!ui.holder}>${icon('badge')} ${t('accelerator.console.make_holder')}</button>
                  </form>`
                : nothing}`}
    </div>
    ${can(ctx.activity, 'accelerator.sign')
      ? html`<form class="inline-form acc-console-head__item" @submit=${sign} data-testid="sign-form">
          <label for="acc-scribe">${t('accelerator.console.written_by')}</label>
          <input id="acc-scribe" maxlength=${LIMITS.name} data-testid="sign-input" autocomplete="name"
            .value=${live(ui.drafts.scribe ?? view.scribe_name)}
            @input=${(e) => { ui.drafts.scribe = e.target.value; }} />
          <button class="button" data-testid="sign-save">${icon('pencil')} ${t('accelerator.console.sign')}</button>
        </form>`
      : view.scribe_name
        ? html`<p class="acc-console-head__item">${icon('pencil')} ${t('accelerator.written_by', { name: view.scribe_name })}</p>`
        : nothing}
  </div>
  ${view.problem ? html`<p class="acc-problem" data-testid="problem"><span class="acc-problem__label">${t('accelerator.problem')}</span> ${view.problem}</p>` : nothing}`;
}

/** "Show on the room screen" for a question or a contribution, and back. */
function spotlightButton(ctx, item) {
  if (!can(ctx.activity, 'screen.spotlight')) return nothing;
  const display = ctx.session?.display ?? {};
  const on = display.mode === 'spotlight' && display.item_id === item.id;
  return html`<button class="button button--small" data-testid="spotlight" aria-pressed=${on ? 'true' : 'false'}
    @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : item.id })}>
    ${icon('spotlight')} ${on ? ctx.t('accelerator.console.spotlight_off') : ctx.t('accelerator.console.spotlight')}
  </button>`;
}

function smallForm(ctx, { id, label, key, value = '', max, submit, testid, rows = 2, button, pict = 'plus' }) {
  const send = (e) => {
    e.preventDefault();
    submit((ui.drafts[key] ?? value).trim());
  };
  return html`<form class="form acc-subform" @submit=${send} novalidate>
    ${textField({ id, label, drafts: ui.drafts, key, value, max, rows, update: ctx.update, testid })}
    <div class="actions"><button class="button button--primary" data-testid=${`${testid}-save`}>${icon(pict)} ${button}</button></div>
  </form>`;
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
  return html`<div class="acc-columns">
    <section class="card">
      ${writes
        ? html`<form class="form" @submit=${save} novalidate>
            ${textField({ id: 'acc-problem', label: t('accelerator.problem_label'), drafts: ui.drafts, key: 'problem',
              value: view.problem, max: LIMITS.problem, rows: 2, update: ctx.update, testid: 'problem-input' })}
            ${textField({ id: 'acc-presentation', label: t('accelerator.presentation.label'), drafts: ui.drafts,
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
        ? smallForm(ctx, { id: 'acc-point', label: t('accelerator.points.label'), key: 'point', max: LIMITS.point,
            submit: addPoint, testid: 'point', button: t('accelerator.points.add') })
        : nothing}
    </section>
  </div>`;
}

// ------------------------------------------------------------------ 2. questions

function questionsStep(ctx, view, container) {
  const { t } = ctx;
  const ask = (text) => text && sendForm(ctx, ui.drafts, ['question'], 'accelerator.ask', { text });
  const open = view.questions.filter((q) => q.status === 'open').length;
  return html`<p class="acc-counts" data-testid="question-counts">
      ${icon('hand')} ${t('accelerator.questions.title', { count: view.questions.length })} ·
      ${t('accelerator.console.open_count', { count: open })}
    </p>
    ${can(ctx.activity, 'accelerator.ask')
      ? html`<div class="card">${smallForm(ctx, { id: 'acc-question', label: t('accelerator.console.note_question'),
          key: 'question', max: LIMITS.question, submit: ask, testid: 'question', button: t('accelerator.console.add_question') })}</div>`
      : nothing}
    ${view.questions.length ? nothing : html`<p class="empty">${t('accelerator.questions.empty')}</p>`}
    <ol class="acc-list">${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q, container))}</ol>`;
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
  return html`<li class="acc-item acc-question acc-question--${q.status}" data-testid="question" data-question-id=${q.id}>
    <p class="acc-item__text">${q.text}</p>
    <div class="acc-item__meta">${statusTag(q.status)} ${byline(q)}</div>
    ${q.answer ? html`<p class="acc-answer" data-testid="answer"><span class="acc-answer__label">${t('accelerator.answer')}</span> ${q.answer}</p>` : nothing}
    ${ui.answering === q.id
      ? smallForm(ctx, { id: `acc-answer-${q.id}`, label: t('accelerator.console.answer_label'), key: draftKey,
          value: q.answer, max: LIMITS.answer, submit: answer, testid: 'answer', rows: 3, button: t('accelerator.answer_save'), pict: 'check' })
      : nothing}
    <div class="actions actions--small">
      ${can(a, 'accelerator.answer') && ui.answering !== q.id
        ? html`<button class="button button--small" data-testid="answer-open"
            @click=${() => { ui.answering = q.id; ctx.update(); container.querySelector(`#acc-answer-${q.id}`)?.focus(); }}>
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
      ? html`<div class="card">${smallForm(ctx, { id: 'acc-request', label: t('accelerator.console.request_label'),
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
    await sendForm(ctx, ui.drafts, ['contribution'], 'accelerator.contribute', { text, kind: ui.kind });
    container.querySelector('#acc-contribution')?.focus();
  };
  const addTheme = (title) => title && sendForm(ctx, ui.drafts, ['theme'], 'accelerator.add_theme', { title });
  const counts = KINDS.map((k) => t('accelerator.console.kind_count', { kind: kindLabel(k), count: view.contributions.filter((c) => c.kind === k).length }));
  return html`<p class="acc-counts" data-testid="contribution-counts">${icon('idea')}
      ${t('accelerator.contributions.title', { count: view.contributions.length })} · ${counts.join(' · ')}</p>
    <div class="acc-columns">
      ${can(a, 'accelerator.contribute')
        ? html`<form class="card form" @submit=${add} novalidate>
            <fieldset class="field">
              <legend>${t('accelerator.kind.legend')}</legend>
              <div class="acc-kinds">
                ${KINDS.map((k) => html`<label class="acc-kind-choice">
                  <input type="radio" name="acc-kind-console" value=${k} .checked=${live(ui.kind === k)}
                    @change=${() => { ui.kind = k; ctx.update(); }} />
                  <span>${kindLabel(k)}</span></label>`)}
              </div>
            </fieldset>
            ${textField({ id: 'acc-contribution', label: t('accelerator.console.note_contribution'), drafts: ui.drafts,
              key: 'contribution', value: '', max: LIMITS.contribution, rows: 2, update: ctx.update, testid: 'contribution-input' })}
            <div class="actions"><button class="button button--primary" data-testid="contribution-send">${icon('plus')} ${t('accelerator.console.add_contribution')}</button></div>
          </form>`
        : nothing}
      ${can(a, 'accelerator.add_theme')
        ? html`<div class="card">${smallForm(ctx, { id: 'acc-theme', label: t('accelerator.console.new_theme'), key: 'theme',
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
  return html`<section class="acc-theme" data-testid="theme" data-theme-id=${theme?.id ?? ''}>
    ${renaming
      ? smallForm(ctx, { id: `acc-theme-${theme.id}`, label: t('accelerator.console.rename_theme'), key: `theme:${theme.id}`,
          value: theme.title, max: LIMITS.theme, submit: rename, testid: 'theme-rename', rows: 1, button: t('common.save'), pict: 'check' })
      : html`<div class="acc-theme__head">
          <h3 class="acc-theme__title">${theme ? theme.title : view.themes.length ? t('accelerator.no_theme') : t('accelerator.all_contributions')}
            <span class="acc-theme__count">${t('accelerator.contributions.count', { count: items.length })}</span></h3>
          ${theme && can(ctx.activity, 'accelerator.rename_theme')
            ? html`<button class="button button--small" data-testid="theme-rename"
                @click=${() => { ui.renamingTheme = theme.id; ctx.update(); }}>${icon('pencil')} ${t('accelerator.console.rename')}</button>`
            : nothing}
        </div>`}
    ${items.length
      ? html`<ul class="acc-list acc-list--grid">${repeat(items, (c) => c.id, (c) => contributionItem(ctx, view, c))}</ul>`
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
  return html`<li class="acc-item acc-contribution" data-testid="contribution" data-contribution-id=${c.id} data-kind=${c.kind}>
    ${kindTag(c.kind)}
    <p class="acc-item__text">${c.text}</p>
    ${byline(c)}
    <div class="acc-tools">
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

// ------------------------------------------------------------------ 5. synthesis and action plan

function synthesisStep(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const save = (text) => sendForm(ctx, ui.drafts, ['synthesis'], 'accelerator.write_synthesis', { text });
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
  const tools = (action) => html`<div class="actions">
    ${can(a, 'accelerator.edit_action')
      ? html`<button class="button button--small" data-testid="action-edit"
          aria-label=${t('accelerator.console.edit_action', { text: action.what })}
          @click=${() => {
            ui.editingAction = action.id;
            Object.assign(ui.drafts, { ewhat: action.what, ewho: action.who, ewhen: action.when });
            ctx.update();
            container.querySelector('#acc-ewhat')?.focus();
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
    ${textField({ id: `acc-${prefix}what`, label: t('accelerator.plan.what'), drafts: ui.drafts, key: `${prefix}what`, value: '',
      max: LIMITS.what, rows: 2, update: ctx.update, testid: `${testid}-what` })}
    <div class="acc-pair">
      ${textField({ id: `acc-${prefix}who`, label: t('accelerator.plan.who'), drafts: ui.drafts, key: `${prefix}who`, value: '',
        max: LIMITS.who, update: ctx.update, single: true, testid: `${testid}-who` })}
      ${textField({ id: `acc-${prefix}when`, label: t('accelerator.plan.when'), drafts: ui.drafts, key: `${prefix}when`, value: '',
        max: LIMITS.when, update: ctx.update, single: true, testid: `${testid}-when` })}
    </div>`;
  return html`<div class="acc-columns">
    <section class="card">
      ${can(a, 'accelerator.write_synthesis')
        ? smallForm(ctx, { id: 'acc-synthesis', label: t('accelerator.synthesis.label'), key: 'synthesis', value: view.synthesis,
            max: LIMITS.synthesis, submit: save, testid: 'synthesis', rows: 8, button: t('accelerator.synthesis.save'), pict: 'check' })
        : html`<h3>${t('accelerator.synthesis.title')}</h3>${textBlock(view.synthesis)}`}
    </section>
    <section class="card" aria-labelledby="acc-plan-title">
      <h3 id="acc-plan-title">${t('accelerator.plan.title')}</h3>
      ${actionsTable(view, { extra: can(a, 'accelerator.edit_action') || can(a, 'accelerator.remove_action') ? tools : null })}
      ${editing
        ? html`<form class="form acc-subform" @submit=${saveEdit} novalidate>
            <h4>${t('accelerator.console.editing_action')}</h4>
            ${actionFields('e', 'action-edit')}
            <div class="actions">
              <button class="button button--primary" data-testid="action-edit-save">${icon('check')} ${t('common.save')}</button>
              <button type="button" class="button" @click=${() => { ui.editingAction = null; ctx.update(); }}>${t('common.cancel')}</button>
            </div>
          </form>`
        : can(a, 'accelerator.add_action')
          ? html`<form class="form acc-subform" @submit=${addAction} novalidate data-testid="action-form">
              <h4>${t('accelerator.plan.add_title')}</h4>
              ${actionFields('', 'action')}
              <div class="actions"><button class="button button--primary" data-testid="action-add">${icon('plus')} ${t('accelerator.plan.add')}</button></div>
            </form>`
          : nothing}
    </section>
  </div>`;
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

function closingStep(ctx, view, container) {
  const { t } = ctx;
  const a = ctx.activity;
  const mayOrder = can(a, 'accelerator.set_round');
  const anonymous = a.anonymity === 'anonymous';
  if (view.round.status === 'not_started') {
    if (!mayOrder) return html`<p class="empty">${t('accelerator.round.not_started')}</p>`;
    if (anonymous) {
      const count = ui.count ?? people(ctx).length;
      return html`<form class="card inline-form" @submit=${(e) => { e.preventDefault(); ctx.send('accelerator.set_round', { count: Number(count) }); }}>
        <label for="acc-count">${t('accelerator.console.places')}</label>
        <input id="acc-count" type="number" min="1" max="200" class="input--short" .value=${live(String(count))}
          @input=${(e) => { ui.count = e.target.value; }} />
        <button class="button button--primary" data-testid="round-start">${icon('play')} ${t('accelerator.console.start_round')}</button>
      </form>`;
    }
    const byId = new Map(people(ctx).map((p) => [p.id, p]));
    const order = (ui.order ?? defaultOrder(ctx)).filter((id) => byId.has(id));
    return html`<section class="card" aria-labelledby="acc-order-title">
      <h3 id="acc-order-title">${t('accelerator.console.order_title')}</h3>
      <p class="hint">${t('accelerator.console.order_hint')}</p>
      <ol class="acc-order">
        ${order.map((id, i) => {
          const p = byId.get(id);
          return html`<li class="acc-order__item" data-testid="order-item">
            <span class="acc-order__name">${i + 1}. ${nameOf(ctx, p)}
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
  return html`<div class="acc-speaker-card" data-testid="round-current">
      ${current
        ? html`<p class="acc-speaker">${icon('arrowRight')} ${t('accelerator.round.now', { name: personLabel(current, current.place) })} ${personTags(current)}</p>
            ${next ? html`<p class="hint">${t('accelerator.round.next', { name: personLabel(next, next.place) })}</p>` : nothing}`
        : html`<p class="acc-speaker">${icon('check')} ${t('accelerator.round.over')}</p>`}
      ${can(a, 'accelerator.give_turn') && current
        ? html`<button class="button button--primary button--big" data-testid="round-next"
            @click=${() => ctx.send('accelerator.give_turn', {})}>
            ${next ? t('accelerator.console.next_person', { name: personLabel(next, next.place) }) : t('accelerator.console.end_round')} ${icon('arrowRight')}
          </button>`
        : nothing}
    </div>
    <ol class="acc-round acc-round--console">
      ${repeat(view.round.turns, (turn) => turn.id, (turn, i) => turnItem(ctx, view, turn, i, ids, reorder, container))}
    </ol>
    ${mayOrder && !anonymous && outside.length
      ? html`<form class="inline-form card" @submit=${(e) => { e.preventDefault(); if (ui.latecomer) reorder([...ids, ui.latecomer]); ui.latecomer = ''; }}>
          <label for="acc-latecomer">${t('accelerator.console.add_to_round')}</label>
          <select id="acc-latecomer" data-value=${ui.latecomer} @change=${(e) => { ui.latecomer = e.target.value; ctx.update(); }}>
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
  return html`<li class="acc-turn acc-turn--${state}" data-testid="turn" data-turn-id=${turn.id} data-state=${state}
      aria-current=${now ? 'true' : 'false'}>
    <p class="acc-turn__who">${icon(now ? 'arrowRight' : turn.text ? 'check' : 'hourglass')} <strong>${name}</strong> ${personTags(turn)}
      <span class="sr-only">${t(`accelerator.turn.${state}`)}</span></p>
    ${turn.text ? html`<p class="acc-turn__text">${turn.text} ${turn.noted ? html`<span class="acc-by">(${t('accelerator.by.scribe')})</span>` : nothing}</p>` : nothing}
    ${ui.noting === turn.id
      ? smallForm(ctx, { id: `acc-say-${turn.id}`, label: t('accelerator.console.takeaway_label', { name }), key: draftKey,
          value: turn.text, max: LIMITS.takeaway, submit: note, testid: 'takeaway', rows: 2, button: t('common.save'), pict: 'check' })
      : nothing}
    <div class="actions actions--small">
      ${can(a, 'accelerator.note_takeaway') && ui.noting !== turn.id
        ? html`<button class="button button--small" data-testid="takeaway-note"
            @click=${() => { ui.noting = turn.id; ctx.update(); container.querySelector(`#acc-say-${turn.id}`)?.focus(); }}>
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
