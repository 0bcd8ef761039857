// Consent decision, the facilitator's and the scribe's console: what the room sees, with the
// tools of each step. A tool shows only when its command is in `activity.can` (the server says
// who may do what); whether the proposal may be adopted, and why not, comes from the view.
import { html, nothing, render as litRender } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, personName, textField, sendForm, syncSelects } from 'fabrique/kit.js';
import { C, LIMITS, PICTOGRAMS, consentView, byline, proposalBlock, decisionBlock, proposerNames, quorumLine, contributionCount } from './common.js';
import { reactionsList, changesBlock, roundState, objectionItem } from './blocks.js';
import { POSITIONS, positionIcon, positionLabel } from './positions.js';
import { sendKeeping, settle } from './drafts.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'positions.css'], contributions: contributionCount });

// What this console is typing and choosing (not shared until sent); reset when the step changes.
const ui = { key: null, drafts: {}, settling: {}, proposer: '', hands: {}, integrates: new Set(), examining: null, reasoned: {} };

function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) Object.assign(ui, { key, drafts: {}, settling: {}, hands: {}, integrates: new Set(), examining: null, reasoned: {} });
  const view = consentView(ctx.activity);
  settle(ui, {
    text: view.text,
    title: view.title,
    ...Object.fromEntries(view.questions.map((q) => [`answer:${q.id}`, q.answer ?? ''])),
    ...Object.fromEntries(view.objections.map((o) => [`note:${o.id}`, o.note ?? ''])),
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
    html`<div class="consent consent--console consent--${step}">
      ${headTemplate(ctx, view)}
      ${body ? body(ctx, view, container) : nothing}
    </div>`,
    container,
  );
  syncSelects(container);
}

function people(ctx) {
  return Array.isArray(ctx.session?.participants) ? ctx.session.participants : [];
}

// ------------------------------------------------------------------ head: the proposer, the quorum

function headTemplate(ctx, view) {
  const { t } = ctx;
  const everyone = people(ctx);
  const mayAssign = can(ctx.activity, 'participant.assign_role');
  const assign = (e) => {
    e.preventDefault();
    if (ui.proposer) ctx.send('participant.assign_role', { participant_id: ui.proposer, role: 'proposer', assigned: true });
  };
  const names = proposerNames(view);
  return html`<div class="consent-console-head">
    <div class="consent-console-head__item" data-testid="console-proposer">
      ${names
        ? html`<p>${icon('badge')} ${t('consent.proposer_is', { name: names })}</p>`
        : view.proposer_count
          ? html`<p>${icon('badge')} ${t('consent.console.proposer_count', { count: view.proposer_count })}</p>`
          : html`<p class="consent-console-muted">${icon('info')} ${t('consent.console.no_proposer')}</p>
              ${mayAssign && everyone.length
                ? html`<form class="inline-form" @submit=${assign}>
                    <label for="consent-proposer">${t('consent.console.choose_proposer')}</label>
                    <select id="consent-proposer" data-testid="proposer-select" data-value=${ui.proposer}
                      @change=${(e) => { ui.proposer = e.target.value; ctx.update(); }}>
                      <option value="">${t('consent.console.pick_person')}</option>
                      ${everyone.map((p) => html`<option value=${p.id}>${personName(p)}</option>`)}
                    </select>
                    <button class="button button--small" data-testid="proposer-assign" ?disabled=${!ui.proposer}>${icon('badge')} ${t('consent.console.make_proposer')}</button>
                  </form>`
                : nothing}`}
    </div>
    ${ctx.activity.step?.key === 'decision' ? nothing : quorumLine(view)}
  </div>`;
}

// ------------------------------------------------------------------ the proposal's forms

function versionForm(ctx, view, { amend }) {
  const { t } = ctx;
  const blocking = view.objections.filter((o) => o.blocking);
  const save = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.text ?? view.text).trim();
    if (!text) return;
    if (amend) {
      const reason = (ui.drafts.reason ?? '').trim();
      const ack = await sendKeeping(ui, ctx, C.amend, { text, reason, objection_ids: [...ui.integrates] }, { keep: ['text'], drop: ['reason'] });
      if (ack?.ok) ui.integrates = new Set();
      ctx.update();
    } else {
      sendKeeping(ui, ctx, C.write, { text, title: (ui.drafts.title ?? view.title).trim() }, { keep: ['title', 'text'] });
    }
  };
  const toggle = (id, on) => {
    if (on) ui.integrates.add(id);
    else ui.integrates.delete(id);
    ctx.update();
  };
  return html`<form class="card form" @submit=${save} novalidate data-testid=${amend ? 'amend-form' : 'proposal-form'}>
    ${amend
      ? nothing
      : textField({ id: 'consent-title', label: t('consent.proposal.title_label'), drafts: ui.drafts, key: 'title', value: view.title,
          max: LIMITS.title, single: true, update: ctx.update, testid: 'proposal-title-input' })}
    ${textField({ id: 'consent-text', label: amend ? t('consent.amendment.label') : t('consent.console.proposal_label'), drafts: ui.drafts,
      key: 'text', value: view.text, max: LIMITS.text, rows: 8, update: ctx.update, testid: 'proposal-input' })}
    ${amend
      ? html`${textField({ id: 'consent-amend-reason', label: t('consent.amendment.reason_label'), drafts: ui.drafts, key: 'reason',
            value: '', max: LIMITS.note, rows: 2, update: ctx.update, testid: 'amend-reason' })}
          ${blocking.length
            ? html`<fieldset class="field">
                <legend>${t('consent.console.integrates')}</legend>
                ${blocking.map((o) => html`<label class="consent-check">
                  <input type="checkbox" data-testid="integrates" data-objection-id=${o.id} .checked=${live(ui.integrates.has(o.id))}
                    @change=${(e) => toggle(o.id, e.target.checked)} />
                  <span>${o.reason}</span></label>`)}
              </fieldset>`
            : nothing}`
      : nothing}
    <div class="actions"><button class="button button--primary" data-testid=${amend ? 'amend-save' : 'proposal-save'}>
      ${icon(amend ? 'duplicate' : 'screen')} ${amend ? t('consent.amendment.save') : t('consent.proposal.save')}</button></div>
  </form>`;
}

// ------------------------------------------------------------------ 1. proposal

function proposalStep(ctx, view) {
  return html`<div class="consent-columns">
    ${can(ctx.activity, C.write) ? versionForm(ctx, view, { amend: false }) : nothing}
    ${proposalBlock(view)}
  </div>`;
}

// ------------------------------------------------------------------ 2. clarification

function clarificationStep(ctx, view) {
  const { t } = ctx;
  return html`<div class="consent-columns">
    <section aria-labelledby="consent-questions-title">
      <h2 id="consent-questions-title">${t('consent.questions.title', { count: view.questions.length })}</h2>
      ${view.questions.length ? nothing : html`<p class="consent-empty">${t('consent.questions.empty')}</p>`}
      <ol class="consent-list">${repeat(view.questions, (q) => q.id, (q) => questionItem(ctx, q))}</ol>
    </section>
    ${proposalBlock(view)}
  </div>`;
}

function questionItem(ctx, q) {
  const { t } = ctx;
  const draftKey = `answer:${q.id}`;
  const answer = (e) => {
    e.preventDefault();
    const text = (ui.drafts[draftKey] ?? q.answer ?? '').trim();
    if (text) sendKeeping(ui, ctx, C.answer, { question_id: q.id, text }, { keep: [draftKey] });
  };
  return html`<li class="consent-item" data-testid="question" data-question-id=${q.id}>
    <p class="consent-item__text">${q.text}</p>
    <div class="consent-item__meta">${byline(q)}</div>
    ${q.answer ? html`<p class="consent-answer" data-testid="answer"><span class="consent-label">${t('consent.answer')}</span> ${q.answer}</p>` : nothing}
    ${can(ctx.activity, C.answer)
      ? html`<form class="form" @submit=${answer} novalidate>
          ${textField({ id: `consent-answer-${q.id}`, label: t('consent.console.answer_label'), drafts: ui.drafts, key: draftKey,
            value: q.answer, max: LIMITS.answer, rows: 2, update: ctx.update, testid: 'answer-input' })}
          <button class="button button--small" data-testid="answer-save">${icon('check')} ${q.answer ? t('consent.answer_update') : t('consent.answer_save')}</button>
        </form>`
      : nothing}
  </li>`;
}

// ------------------------------------------------------------------ 3. reactions

function reactionsStep(ctx, view) {
  const { t } = ctx;
  return html`<p class="consent-answered" data-testid="reaction-count" data-count=${view.reactions.length}>
      ${icon('users')} ${t('consent.console.reacted', { count: view.reactions.length, total: view.eligible })}</p>
    <div class="consent-columns">${reactionsList(ctx, view)}${proposalBlock(view)}</div>`;
}

// ------------------------------------------------------------------ 4. amendment

function amendmentStep(ctx, view) {
  return html`<div class="consent-columns">
    ${can(ctx.activity, C.amend) ? versionForm(ctx, view, { amend: true }) : proposalBlock(view)}
    <div class="consent">${changesBlock(ctx, view)}${can(ctx.activity, C.amend) ? proposalBlock(view) : nothing}</div>
  </div>`;
}

// ------------------------------------------------------------------ 5. objection round

function objectionsStep(ctx, view) {
  const { t } = ctx;
  const revealed = Boolean(ctx.activity.revealed);
  return html`<div class="consent-columns">
    <div class="consent">
      ${view.round.stale
        ? html`<p class="consent-notice" data-testid="new-round">${icon('info')} ${t('consent.console.new_round', { version: view.version })}</p>`
        : nothing}
      ${roundState(ctx, view)}
      ${!view.round.revealed && can(ctx.activity, 'step.reveal') && !revealed
        ? html`<button class="button button--primary" data-testid="consent-reveal"
            @click=${() => ctx.send('step.reveal', { revealed: true })}>${icon('eye')} ${t('consent.console.reveal')}</button>`
        : nothing}
      ${handsForm(ctx, view)}
      ${view.objections.length ? objectionsList(ctx, view) : nothing}
    </div>
    ${proposalBlock(view)}
  </div>`;
}

/** Raised hands counted in the room, one number per position, added to the round's counts. */
function handsForm(ctx, view) {
  const { t } = ctx;
  if (!can(ctx.activity, 'hands.count') || !view.round.id || view.round.stale) return nothing;
  const counted = new Map((Array.isArray(ctx.activity.hands) ? ctx.activity.hands : []).map((h) => [h.item_id, h.count]));
  const save = async (e) => {
    e.preventDefault();
    for (const p of POSITIONS) {
      const item_id = view.round.hand_items[p];
      const typed = ui.hands[p];
      if (!item_id || typed === undefined) continue;
      const count = Number.parseInt(typed, 10);
      if (!Number.isFinite(count) || count < 0) continue;
      const ack = await ctx.send('hands.count', { item_id, count });
      if (ack?.ok) delete ui.hands[p];
    }
    ctx.update();
  };
  return html`<form class="card form" @submit=${save} novalidate data-testid="hands-form">
    <fieldset class="field">
      <legend>${icon('hand')} ${t('consent.console.hands')}</legend>
      <p class="hint">${t('consent.console.hands_hint')}</p>
      <div class="consent-hands">
        ${POSITIONS.map((p) => {
          const id = `consent-hands-${p}`;
          const current = counted.get(view.round.hand_items[p]) ?? 0;
          return html`<div class="consent-hands__field">
            <label for=${id}>${positionIcon(p)} ${positionLabel(p)}</label>
            <input id=${id} type="number" inputmode="numeric" min="0" max="10000" step="1" class="input--tiny" data-testid="hands-${p}"
              .value=${live(ui.hands[p] ?? String(current))} @input=${(e) => { ui.hands[p] = e.target.value; }} />
          </div>`;
        })}
      </div>
    </fieldset>
    <div class="actions"><button class="button" data-testid="hands-save">${icon('hand')} ${t('consent.console.hands_save')}</button></div>
  </form>`;
}

// ------------------------------------------------------------------ 6. integration

function objectionsList(ctx, view) {
  const { t } = ctx;
  return html`<section aria-labelledby="consent-objections-title">
    <h2 id="consent-objections-title">${t('consent.objections.title', { count: view.objections.length })}</h2>
    ${view.objections.length ? nothing : html`<p class="consent-empty">${t('consent.objections.empty')}</p>`}
    <ul class="consent-list">${repeat(view.objections, (o) => o.id, (o) => objectionItem(ctx, o, false, examineTools(ctx, o)))}</ul>
  </section>`;
}

/** "Reasoned" or "set aside", with the facilitator's note (required to set one aside). */
function examineTools(ctx, o) {
  const { t } = ctx;
  if (!can(ctx.activity, C.examine) || !['open', 'reasoned', 'set_aside'].includes(o.status)) return nothing;
  const draftKey = `note:${o.id}`;
  const reasoned = ui.reasoned[o.id] ?? (o.status === 'set_aside' ? false : true);
  const save = async (e) => {
    e.preventDefault();
    const note = (ui.drafts[draftKey] ?? o.note ?? '').trim();
    const ack = await sendKeeping(ui, ctx, C.examine, { objection_id: o.id, reasoned, note }, { keep: [draftKey] });
    if (ack?.ok) delete ui.reasoned[o.id];
    ctx.update();
  };
  const name = `consent-reasoned-${o.id}`;
  return html`<form class="form consent-examine" @submit=${save} novalidate data-testid="examine-form">
    <fieldset class="field">
      <legend>${t('consent.console.examine')}</legend>
      <div class="choice-tiles">
        <label class="choice-tile"><input type="radio" name=${name} data-testid="examine-reasoned" .checked=${live(reasoned)}
          @change=${() => { ui.reasoned[o.id] = true; ctx.update(); }} /><span>${icon('alert')} ${t('consent.console.reasoned')}</span></label>
        <label class="choice-tile"><input type="radio" name=${name} data-testid="examine-set-aside" .checked=${live(!reasoned)}
          @change=${() => { ui.reasoned[o.id] = false; ctx.update(); }} /><span>${icon('minus')} ${t('consent.console.set_aside')}</span></label>
      </div>
    </fieldset>
    ${textField({ id: `consent-note-${o.id}`, label: reasoned ? t('consent.console.note_reasoned') : t('consent.console.note_set_aside'),
      drafts: ui.drafts, key: draftKey, value: o.note, max: LIMITS.note, rows: 2, update: ctx.update, testid: 'examine-note' })}
    <button class="button button--small" data-testid="examine-save">${icon('check')} ${t('consent.console.examine_save')}</button>
  </form>`;
}

function integrationStep(ctx, view) {
  const { t } = ctx;
  const amended = view.round.stale;
  return html`<p class="consent-answered" data-testid="blocking-count" data-count=${view.blocking_count}>
      ${icon(view.blocking_count ? 'alert' : 'check')} ${t('consent.console.blocking', { count: view.blocking_count })}</p>
    ${amended ? html`<p class="consent-notice" data-testid="new-round">${icon('info')} ${t('consent.console.new_round', { version: view.version })}</p>` : nothing}
    <div class="consent-columns">
      ${objectionsList(ctx, view)}
      <div class="consent">
        ${can(ctx.activity, C.amend) ? versionForm(ctx, view, { amend: true }) : nothing}
        ${changesBlock(ctx, view)}
      </div>
    </div>`;
}

// ------------------------------------------------------------------ 7. decision

function decisionStep(ctx, view) {
  const { t } = ctx;
  const decided = Boolean(view.decision.status);
  const decide = (outcome) => {
    const note = (ui.drafts.decision ?? '').trim();
    sendForm(ctx, ui.drafts, ['decision'], C.decide, { outcome, note });
  };
  const refusal = view.adopt_refusal;
  return html`<div class="consent-columns">
    <div class="consent">
      ${decisionBlock(view)}
      ${!decided && can(ctx.activity, C.decide)
        ? html`<form class="card form" @submit=${(e) => e.preventDefault()} novalidate data-testid="decide-form">
            ${textField({ id: 'consent-decision-note', label: t('consent.console.decision_note'), drafts: ui.drafts, key: 'decision',
              value: '', max: LIMITS.note, rows: 2, update: ctx.update, testid: 'decision-note' })}
            <div class="actions">
              <button type="button" class="button button--primary" data-testid="decide-adopted" ?disabled=${!view.can_adopt}
                aria-describedby=${refusal ? 'consent-adopt-refusal' : nothing} @click=${() => decide('adopted')}>
                ${icon('check')} ${t('consent.console.adopt')}</button>
              <button type="button" class="button" data-testid="decide-postponed" @click=${() => decide('postponed')}>
                ${icon('clock')} ${t('consent.console.postpone')}</button>
              <button type="button" class="button" data-testid="decide-withdrawn" @click=${() => decide('withdrawn')}>
                ${icon('close')} ${t('consent.console.withdraw')}</button>
            </div>
            ${refusal
              ? html`<p class="consent-notice" id="consent-adopt-refusal" data-testid="adopt-refusal" data-reason=${refusal}>
                  ${icon('alert')} ${t(`consent.refusal.${refusal}`, { count: view.blocking_count })}</p>`
              : nothing}
          </form>`
        : nothing}
      ${view.objections.length ? objectionsList(ctx, view) : nothing}
    </div>
    ${proposalBlock(view)}
  </div>`;
}
