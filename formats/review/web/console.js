// The three-year review, facilitator's and scribe's console: the years, then per step what the
// room sees with the tools of that step — the frieze to tidy (move, merge: buttons and lists),
// the reflections and the lessons ranked, the axes and the objectives, the objectives ranked with
// their means and the matrix, and a commitment form per objective with the roadmap. Each tool
// shows only when its command is in `activity.can`; rankings and means come from the view.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, t, textField, sendForm, syncSelects } from 'fabrique/kit.js';
import { CMD, LIMITS, PICTOGRAMS, reviewView, nextYear, objectiveWhere, contributionCount } from './common.js';
import { reflectionColumns, lessonsRanked, objectivesGrid, objectivesRanked, roadmap } from './blocks.js';
import { matrixBlock } from './matrix.js';
import { ui, spotlightButton, yearsForm, friezeEditor, axesEditor, handsForm } from './console-tools.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['console.css', 'participant.css', 'matrix.css'], contributions: contributionCount });

function render(container, ctx) {
  const key = `${ctx.activity.id}:${ctx.activity.step?.key}`;
  if (ui.key !== key) Object.assign(ui, { key, moveTo: {}, mergeInto: {}, committing: null, editing: null, commitYear: {}, hands: {} });
  const view = reviewView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    timeline: timelineStep,
    looking_back: lookingBackStep,
    aspirations: aspirationsStep,
    priorities: prioritiesStep,
    commitments: commitmentsStep,
  }[step];
  litRender(html`<div class="review review--console review--${step}">
    ${yearsForm(ctx, view)}
    ${stats(ctx, view)}
    ${body ? body(ctx, view) : nothing}
  </div>`, container);
  syncSelects(container);
}

function stat(value, label, testid) {
  return html`<div class="review-stat" data-testid=${testid} data-count=${value}>
    <span class="review-stat__value">${value}</span> <span class="review-stat__label">${label}</span></div>`;
}

function stats(ctx, view) {
  const reflections = Object.values(view.reflections).reduce((n, items) => n + items.length, 0);
  return html`<div class="review-stats">
    ${stat(view.event_count, t('review.stat.events', { count: view.event_count }), 'console-event-count')}
    ${stat(reflections, t('review.stat.reflections', { count: reflections }), 'console-reflection-count')}
    ${stat(view.objectives.length, t('review.stat.objectives', { count: view.objectives.length }), 'console-objective-count')}
    ${stat(view.commitments.length, t('review.stat.commitments', { count: view.commitments.length }), 'console-commitment-count')}
  </div>`;
}

const removeButton = (ctx, type, payload, item, testid) => (can(ctx.activity, type)
  ? html`<button type="button" class="button button--small" data-testid=${testid} aria-label=${t('review.remove_aria', { text: item.text })}
      @click=${() => ctx.send(type, payload)}>${icon('trash')} ${t('review.remove')}</button>`
  : nothing);

// ------------------------------------------------------------------ 1. timeline, 2. looking back

function timelineStep(ctx, view) {
  return html`<section aria-labelledby="review-console-frieze">
    <h2 id="review-console-frieze">${t('review.timeline.title')}</h2>
    <p class="hint">${t('review.console.frieze_hint')}</p>
    ${friezeEditor(ctx, view)}
  </section>`;
}

function lookingBackStep(ctx, view) {
  const extra = (r) => html`<div class="actions actions--small">${spotlightButton(ctx, r)}
    ${removeButton(ctx, CMD.removeReflection, { reflection_id: r.id }, r, 'reflection-remove')}</div>`;
  return html`<div class="review-console-columns">
      <section aria-labelledby="review-console-lessons" class="card">
        <h2 id="review-console-lessons">${icon('podium')} ${t('review.lessons.title')}</h2>
        ${lessonsRanked(view, { extra: (l) => html`<div class="actions actions--small">${handsForm(ctx, l)}${spotlightButton(ctx, l)}</div>` })}
      </section>
    </div>
    ${reflectionColumns(view, { extra })}
    <details class="review-details">
      <summary>${t('review.console.frieze_again', { count: view.event_count })}</summary>
      ${friezeEditor(ctx, view)}
    </details>`;
}

// ------------------------------------------------------------------ 3. aspirations, 4. priorities

function aspirationsStep(ctx, view) {
  const extra = (o) => html`<div class="actions actions--small">${spotlightButton(ctx, o)}
    ${removeButton(ctx, CMD.removeObjective, { objective_id: o.id }, o, 'objective-remove')}</div>`;
  return html`${axesEditor(ctx, view)}
    <section aria-labelledby="review-console-grid">
      <h2 id="review-console-grid">${t('review.aspirations.title', { count: view.objectives.length })}</h2>
      ${objectivesGrid(view, { extra })}
    </section>`;
}

function prioritiesStep(ctx, view) {
  const extra = (o) => html`<div class="actions actions--small">${spotlightButton(ctx, o)}
    ${removeButton(ctx, CMD.removeObjective, { objective_id: o.id }, o, 'objective-remove')}</div>`;
  return html`<div class="review-console-columns">
    <section aria-labelledby="review-console-ranked">
      <h2 id="review-console-ranked">${icon('podium')} ${t('review.priorities.ranked')}</h2>
      <p class="hint">${t('review.priorities.eligible', { count: view.eligible })}</p>
      ${objectivesRanked(view, { extra })}
    </section>
    <section aria-labelledby="review-console-matrix">
      <h2 id="review-console-matrix">${t('review.matrix.title')}</h2>
      ${matrixBlock(view, { id: 'review-console-matrix-svg', compact: true, cls: 'review-matrix--console' })}
    </section>
  </div>`;
}

// ------------------------------------------------------------------ 5. commitments

/**
 * The form turning an objective (or nothing: a commitment of its own) into a commitment, or
 * (`commitment`) changing one already made.
 */
function commitForm(ctx, view, objective, commitment = null) {
  const id = commitment?.id ?? objective?.id ?? 'free';
  const k = (field) => `${field}:${id}`;
  const held = (field) => (commitment ? commitment[field] ?? '' : field === 'text' ? objective?.text ?? '' : '');
  const year = String(ui.commitYear[id] ?? commitment?.year ?? objective?.year ?? 0);
  const submit = async (e) => {
    e.preventDefault();
    const text = (ui.drafts[k('text')] ?? held('text')).trim();
    const owner = (ui.drafts[k('owner')] ?? held('owner')).trim();
    if (!owner || !text) {
      ctx.notify(t(!text ? 'review.commitment.text_missing' : 'review.commitment.owner_missing'));
      return;
    }
    const payload = {
      text,
      owner,
      year: Number(year),
      individual: (ui.drafts[k('individual')] ?? held('individual')).trim(),
      collective: (ui.drafts[k('collective')] ?? held('collective')).trim(),
    };
    if (commitment) payload.commitment_id = commitment.id;
    else if (objective) payload.objective_id = objective.id;
    const keys = ['text', 'owner', 'individual', 'collective'].map(k);
    const ack = await sendForm(ctx, ui.drafts, keys, commitment ? CMD.editCommitment : CMD.commit, payload);
    if (ack?.ok) {
      delete ui.commitYear[id];
      ui.committing = null;
      ui.editing = null;
      ctx.update();
    }
  };
  const field = (name, label, max, rows, single = false) => textField({
    id: `review-${name}-${id}`, label, drafts: ui.drafts, key: k(name), value: held(name),
    max, rows, single, update: ctx.update, testid: `commit-${name}`,
  });
  const close = () => {
    ui.committing = null;
    ui.editing = null;
    for (const key of ['text', 'owner', 'individual', 'collective'].map(k)) delete ui.drafts[key];
    delete ui.commitYear[id];
    ctx.update();
  };
  return html`<form class="review-commit form" data-testid=${commitment ? 'commitment-edit-form' : 'commit-form'}
      data-objective-id=${objective?.id ?? ''} @submit=${submit} novalidate>
    ${field('text', t('review.commitment.text'), LIMITS.text, 2)}
    ${field('owner', t('review.commitment.owner'), LIMITS.owner, 1, true)}
    <div class="field">
      <label for="review-year-${id}">${t('review.commitment.year')}</label>
      <select id="review-year-${id}" data-testid="commit-year" data-value=${year}
        @change=${(e) => { ui.commitYear[id] = e.target.value; ctx.update(); }}>
        ${[0, 1, 2].map((y) => html`<option value=${y}>${nextYear(view, y)}</option>`)}
      </select>
    </div>
    ${field('individual', t('review.commitment.individual_label'), LIMITS.criterion, 2)}
    ${field('collective', t('review.commitment.collective_label'), LIMITS.criterion, 2)}
    <div class="actions">
      <button class="button button--primary" data-testid="commit-save">${icon('check')} ${t(commitment ? 'review.commitment.save_edit' : 'review.commitment.save')}</button>
      ${objective || commitment ? html`<button type="button" class="button" data-testid="commit-cancel" @click=${close}>${t('review.cancel')}</button>` : nothing}
    </div>
  </form>`;
}

function commitmentsStep(ctx, view) {
  const canCommit = can(ctx.activity, CMD.commit);
  const open = view.objectives.filter((o) => !o.commitment_id);
  const extra = (c) => (ui.editing === c.id
    ? commitForm(ctx, view, null, c)
    : html`<div class="actions actions--small">
        ${can(ctx.activity, CMD.editCommitment)
          ? html`<button type="button" class="button button--small" data-testid="commitment-edit"
              aria-label=${t('review.commitment.edit_aria', { text: c.text })}
              @click=${() => { ui.editing = c.id; ctx.update(); }}>${icon('pencil')} ${t('review.commitment.edit')}</button>`
          : nothing}
        ${spotlightButton(ctx, c)}
        ${removeButton(ctx, CMD.removeCommitment, { commitment_id: c.id }, c, 'commitment-remove')}</div>`);
  return html`<div class="review-console-columns">
    ${canCommit
      ? html`<section aria-labelledby="review-console-commit">
          <h2 id="review-console-commit">${t('review.commitment.from_objectives')}</h2>
          ${open.length ? nothing : html`<p class="review-empty">${t('review.commitment.all_done')}</p>`}
          <ol class="review-commit-list">
            ${repeat(open, (o) => o.id, (o) => html`<li class="review-note" data-testid="commit-objective" data-objective-id=${o.id} data-rank=${o.rank ?? ''}>
              <p class="review-note__text">${o.rank ? html`<span class="review-rank">${t('review.commitment.rank', { rank: o.rank })}</span> ` : nothing}${o.text}</p>
              <p class="review-note__meta">${objectiveWhere(view, o)}</p>
              ${ui.committing === o.id
                ? commitForm(ctx, view, o)
                : html`<button type="button" class="button button--small" data-testid="commit-open"
                    aria-label=${t('review.commitment.open_aria', { text: o.text })}
                    @click=${() => { ui.committing = o.id; ctx.update(); }}>${icon('check')} ${t('review.commitment.open')}</button>`}
            </li>`)}
          </ol>
          <details class="review-details" data-testid="commit-free">
            <summary>${t('review.commitment.free')}</summary>
            ${commitForm(ctx, view, null)}
          </details>
        </section>`
      : nothing}
    <section aria-labelledby="review-console-roadmap">
      <h2 id="review-console-roadmap">${icon('check')} ${t('review.roadmap.title')}</h2>
      ${roadmap(view, { extra, prefix: 'review-console-roadmap' })}
    </section>
  </div>`;
}
