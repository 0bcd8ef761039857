// Consent decision, participant's phone (remote attendees use the same screen; the console's
// "enter for…" shows it for people without a phone). What a person may do comes from
// `activity.can` (the shell gives this person's own list): the proposer writes and amends the
// proposal and answers questions; everyone asks, reacts, gives a position.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, textField, sendForm } from 'fabrique/kit.js';
import { C, LIMITS, PICTOGRAMS, consentView, byline, proposalBlock, decisionBlock, contributionCount } from './common.js';
import { reactionsList, changesBlock, roundState, objectionItem } from './blocks.js';
import { positionButtons, positionTag } from './positions.js';
import { sendKeeping, settle } from './drafts.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['participant.css', 'positions.css'], contributions: contributionCount });

// What this phone is typing (never shared until sent); reset when the step changes.
const ui = { key: null, drafts: {}, settling: {}, position: null, sending: null, busy: null, reasonMissing: false, integrates: new Set() };

function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) Object.assign(ui, { key, drafts: {}, settling: {}, position: null, sending: null, reasonMissing: false, integrates: new Set() });
  const view = consentView(ctx.activity);
  settle(ui, {
    text: view.text,
    title: view.title,
    reaction: typeof ctx.mine.reaction === 'string' ? ctx.mine.reaction : '',
    reason: ctx.mine.position?.text ?? '',
    ...Object.fromEntries(view.questions.map((q) => [`answer:${q.id}`, q.answer ?? ''])),
  });
  const step = ctx.activity.step?.key;
  const body = {
    proposal: proposalStep,
    clarification: clarificationStep,
    reactions: reactionsStep,
    amendment: amendmentStep,
    objections: objectionsStep,
    integration: integrationStep,
    decision: decisionStep,
  }[step];
  litRender(
    html`<div class="consent consent--phone consent--${step}">
      ${isProposer(ctx) ? html`<p class="consent-role-card" data-testid="proposer-card">${icon('badge')} ${ctx.t('consent.you_propose')}</p>` : nothing}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
}

function isProposer(ctx) {
  return Array.isArray(ctx.me?.roles) && ctx.me.roles.includes('proposer');
}

function submit(label, testid, pict = 'send') {
  return html`<button class="button button--primary button--big" data-testid=${testid}>${icon(pict)} ${label}</button>`;
}

function pendingOf(ctx, type) {
  return ctx.pending.filter((c) => c.type === type);
}

function sendingLine(ctx) {
  return html`<p class="consent-item__meta">${icon('hourglass')} ${ctx.connected ? ctx.t('consent.sending') : ctx.t('consent.kept')}</p>`;
}

// ------------------------------------------------------------------ 1. proposal

function proposalForm(ctx, view, { amend = false } = {}) {
  const { t } = ctx;
  const type = amend ? C.amend : C.write;
  const testid = amend ? 'amend' : 'proposal';
  const blocking = amend ? view.objections.filter((o) => o.blocking) : [];
  const save = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.text ?? view.text).trim();
    if (!text) return;
    if (amend) {
      const reason = (ui.drafts.reason ?? '').trim();
      ui.busy = type;
      const ack = await sendKeeping(ui, ctx, type, { text, reason, objection_ids: [...ui.integrates] }, { keep: ['text'], drop: ['reason'] });
      if (ack?.ok) ui.integrates = new Set();
    } else {
      ui.busy = type;
      await sendKeeping(ui, ctx, type, { title: (ui.drafts.title ?? view.title).trim(), text }, { keep: ['title', 'text'] });
    }
    ui.busy = null;
    ctx.update();
  };
  const toggle = (id, on) => {
    if (on) ui.integrates.add(id);
    else ui.integrates.delete(id);
    ctx.update();
  };
  return html`<form class="card form" @submit=${save} novalidate data-testid="${testid}-form">
    ${amend
      ? nothing
      : textField({ id: 'consent-title', label: t('consent.proposal.title_label'), drafts: ui.drafts, key: 'title', value: view.title,
          max: LIMITS.title, single: true, update: ctx.update, testid: 'proposal-title-input' })}
    ${textField({ id: 'consent-text', label: amend ? t('consent.amendment.label') : t('consent.proposal.label'), hint: t('consent.proposal.hint'),
      drafts: ui.drafts, key: 'text', value: view.text, max: LIMITS.text, rows: 8, update: ctx.update, testid: 'proposal-input' })}
    ${amend
      ? textField({ id: 'consent-amend-reason', label: t('consent.amendment.reason_label'), drafts: ui.drafts, key: 'reason', value: '',
          max: LIMITS.note, rows: 2, update: ctx.update, testid: 'amend-reason' })
      : nothing}
    ${blocking.length
      ? html`<fieldset class="field">
          <legend>${t('consent.console.integrates')}</legend>
          ${blocking.map((o) => html`<label class="consent-check">
            <input type="checkbox" data-testid="integrates" data-objection-id=${o.id} .checked=${live(ui.integrates.has(o.id))}
              @change=${(e) => toggle(o.id, e.target.checked)} />
            <span>${o.reason}</span></label>`)}
        </fieldset>`
      : nothing}
    ${submit(amend ? t('consent.amendment.save') : t('consent.proposal.save'), `${testid}-save`, amend ? 'duplicate' : 'screen')}
    <div role="status">${ui.busy === type || (!ctx.connected && pendingOf(ctx, type).length) ? sendingLine(ctx) : nothing}</div>
  </form>`;
}

function proposalStep(ctx, view) {
  const { t } = ctx;
  if (can(ctx.activity, C.write)) {
    return html`${proposalForm(ctx, view)}
      ${view.text ? html`<h2>${t('consent.proposal.shown')}</h2>${proposalBlock(view, { showBy: false })}` : nothing}`;
  }
  return proposalBlock(view, { showBy: !isProposer(ctx) });
}

// ------------------------------------------------------------------ 2. clarification

function clarificationStep(ctx, view, container) {
  const { t } = ctx;
  const mine = new Set(Array.isArray(ctx.mine.questions) ? ctx.mine.questions : []);
  const pending = pendingOf(ctx, C.ask);
  const ask = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.question ?? '').trim();
    if (!text) {
      container.querySelector('#consent-question')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['question'], C.ask, { text });
  };
  return html`${proposalBlock(view, { showBy: !isProposer(ctx) })}
    ${can(ctx.activity, C.ask)
      ? html`<form class="card form" @submit=${ask} novalidate>
          ${textField({ id: 'consent-question', label: t('consent.question.label'), hint: t('consent.question.hint'),
            drafts: ui.drafts, key: 'question', value: '', max: LIMITS.question, rows: 3, update: ctx.update, testid: 'question-input' })}
          ${submit(t('consent.question.ask'), 'question-ask')}
        </form>`
      : nothing}
    <section aria-labelledby="consent-questions-title">
      <h2 id="consent-questions-title">${t('consent.questions.title', { count: view.questions.length })}</h2>
      ${view.questions.length || pending.length ? nothing : html`<p class="consent-empty">${t('consent.questions.empty')}</p>`}
      <ol class="consent-list">
        ${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q, mine.has(q.id)))}
        ${pending.map((c) => html`<li class="consent-item consent-item--pending" data-pending="true">
          <p class="consent-item__text">${c.payload?.text}</p>${sendingLine(ctx)}</li>`)}
      </ol>
    </section>`;
}

function questionItem(ctx, q, isMine) {
  const { t } = ctx;
  const draftKey = `answer:${q.id}`;
  const answer = (e) => {
    e.preventDefault();
    const text = (ui.drafts[draftKey] ?? q.answer ?? '').trim();
    if (text) sendKeeping(ui, ctx, C.answer, { question_id: q.id, text }, { keep: [draftKey] });
  };
  return html`<li class="consent-item" data-testid="question" data-question-id=${q.id}>
    <p class="consent-item__text">${q.text}</p>
    <div class="consent-item__meta">${byline(q, { mine: isMine })}</div>
    ${q.answer ? html`<p class="consent-answer" data-testid="answer"><span class="consent-label">${t('consent.answer')}</span> ${q.answer}</p>` : nothing}
    ${can(ctx.activity, C.answer)
      ? html`<form class="form" @submit=${answer} novalidate>
          ${textField({ id: `consent-answer-${q.id}`, label: q.answer ? t('consent.answer_edit') : t('consent.answer_label'), drafts: ui.drafts,
            key: draftKey, value: q.answer, max: LIMITS.answer, rows: 2, update: ctx.update, testid: 'answer-input' })}
          <button class="button" data-testid="answer-save">${icon('check')} ${q.answer ? t('consent.answer_update') : t('consent.answer_save')}</button>
        </form>`
      : nothing}
  </li>`;
}

// ------------------------------------------------------------------ 3. reactions round

function reactionsStep(ctx, view) {
  const { t } = ctx;
  const mineText = typeof ctx.mine.reaction === 'string' ? ctx.mine.reaction : '';
  const pending = pendingOf(ctx, C.react);
  const react = (e) => {
    e.preventDefault();
    const text = (ui.drafts.reaction ?? mineText).trim();
    if (text) sendKeeping(ui, ctx, C.react, { text }, { keep: ['reaction'] });
  };
  return html`${proposalBlock(view, { showBy: !isProposer(ctx) })}
    ${can(ctx.activity, C.react)
      ? html`<form class="card form" @submit=${react} novalidate data-testid="reaction-form">
          ${textField({ id: 'consent-reaction', label: mineText ? t('consent.reaction.edit') : t('consent.reaction.label'),
            hint: t('consent.reaction.hint'), drafts: ui.drafts, key: 'reaction', value: mineText, max: LIMITS.reaction,
            rows: 3, update: ctx.update, testid: 'reaction-input' })}
          ${submit(mineText ? t('consent.reaction.update') : t('consent.reaction.send'), 'reaction-send')}
          ${pending.length ? sendingLine(ctx) : mineText ? html`<p class="consent-item__meta" data-testid="reaction-saved">${icon('check')} ${t('consent.reaction.saved')}</p>` : nothing}
        </form>`
      : nothing}
    ${reactionsList(ctx, view)}`;
}

// ------------------------------------------------------------------ 4. amendment

function amendmentStep(ctx, view) {
  const { t } = ctx;
  return html`${can(ctx.activity, C.amend)
      ? proposalForm(ctx, view, { amend: true })
      : nothing}
    ${changesBlock(ctx, view)}
    ${proposalBlock(view, { showBy: !isProposer(ctx) })}`;
}

// ------------------------------------------------------------------ 5. objection round

function objectionsStep(ctx, view, container) {
  const { t } = ctx;
  const mine = ctx.mine.position ?? null; // {position, reason} once given
  const given = mine?.position ?? null;
  // The choice made on this phone, until the private view shows it given.
  if (ui.position && ui.position === given && !ui.sending) ui.position = null;
  const chosen = ui.position ?? given;
  const pending = pendingOf(ctx, C.position);
  const needsReason = chosen === 'objection' || chosen === 'concern';
  const give = async (e) => {
    e?.preventDefault();
    if (!chosen) return;
    const reason = (ui.drafts.reason ?? mine?.text ?? '').trim();
    if (needsReason && !reason) {
      ui.reasonMissing = true;
      ctx.update();
      container.querySelector('#consent-reason')?.focus();
      return;
    }
    ui.reasonMissing = false;
    ui.sending = chosen;
    const ack = await sendKeeping(ui, ctx, C.position, { position: chosen, text: chosen === 'consent' ? '' : reason }, { keep: ['reason'] });
    ui.sending = null;
    if (!ack?.ok) ui.position = chosen;
    ctx.update();
  };
  const pick = (p) => {
    ui.position = p;
    ui.reasonMissing = false;
    ctx.update();
  };
  const changed = chosen !== given || (ui.drafts.reason !== undefined && ui.drafts.reason.trim() !== (mine?.text ?? ''));
  return html`${proposalBlock(view, { showBy: false })}
    ${roundState(ctx, view)}
    ${can(ctx.activity, C.position) && !view.round.revealed
      ? html`<form class="card form" @submit=${give} novalidate data-testid="position-form">
          ${positionButtons({ chosen, pick, sending: pending.length ? chosen : null })}
          ${chosen === 'objection' || chosen === 'concern'
            ? html`${textField({ id: 'consent-reason', label: t(`consent.reason.${chosen}_label`),
                hint: t(`consent.reason.${chosen}_hint`), drafts: ui.drafts, key: 'reason',
                value: mine?.text ?? '', max: LIMITS.reason, rows: 3, update: ctx.update, testid: 'reason-input' })}
                ${ui.reasonMissing ? html`<p class="consent-notice" role="alert" data-testid="reason-missing">${icon('alert')} ${t('consent.reason.required')}</p>` : nothing}`
            : nothing}
          ${chosen && changed ? submit(given ? t('consent.position.change') : t('consent.position.give'), 'position-send', 'check') : nothing}
          <div role="status">${pending.length
            ? sendingLine(ctx)
            : given && !changed
              ? html`<p class="consent-item__meta" data-testid="position-given" data-position=${given}>${icon('check')} ${t('consent.position.given')} ${positionTag(given)}</p>`
              : nothing}</div>
        </form>`
      : given
        ? html`<p class="consent-item__meta" data-testid="position-given" data-position=${given}>${t('consent.position.given')} ${positionTag(given)}</p>`
        : view.round.revealed
          ? html`<p class="consent-item__meta" data-testid="position-none">${icon('info')} ${t('consent.position.none')}</p>`
          : nothing}`;
}

// ------------------------------------------------------------------ 6. integration

function integrationStep(ctx, view) {
  const { t } = ctx;
  const mine = new Set((Array.isArray(ctx.mine.objections) ? ctx.mine.objections : []).map((o) => o.id));
  return html`${proposalBlock(view, { showBy: false })}
    <section aria-labelledby="consent-objections-title">
      <h2 id="consent-objections-title">${t('consent.objections.title', { count: view.objections.length })}</h2>
      ${view.objections.length ? nothing : html`<p class="consent-empty">${t('consent.objections.empty')}</p>`}
      <ul class="consent-list">${repeat(view.objections, (o) => o.id, (o) => objectionItem(ctx, o, mine.has(o.id)))}</ul>
    </section>
    ${can(ctx.activity, C.amend) ? proposalForm(ctx, view, { amend: true }) : nothing}
    ${view.diff ? changesBlock(ctx, view) : nothing}`;
}

// ------------------------------------------------------------------ 7. decision

function decisionStep(ctx, view) {
  const mine = new Set((Array.isArray(ctx.mine.objections) ? ctx.mine.objections : []).map((o) => o.id));
  const own = view.objections.filter((o) => mine.has(o.id) && o.blocking);
  return html`${decisionBlock(view)}
    ${own.length ? html`<ul class="consent-list">${own.map((o) => objectionItem(ctx, o, true))}</ul>` : nothing}
    ${proposalBlock(view, { showBy: !isProposer(ctx) })}`;
}

