// The phone's later steps: propose objectives for the years to come along the axes, rate each one
// on importance and feasibility by tapping (never dragging), read the roadmap.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, t, textField } from 'fabrique/kit.js';
import { CMD, LEVELS, LIMITS, axisName, axisTitle, nextYear, objectiveWhere, pendingOf, sendingLine } from './common.js';
import { roadmap } from './blocks.js';
import { matrixBlock } from './matrix.js';
import { ui, toggleRow, sendOnce, removePair, mineSet } from './phone-tools.js';

// ------------------------------------------------------------------ 3. aspirations

function proposeForm(ctx, view, container) {
  if (ui.axis && !view.axes.some((a) => a.id === ui.axis)) ui.axis = null;
  const submit = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.goal ?? '').trim();
    const error = ui.goal === null ? 'goal' : !ui.axis ? 'axis' : !text ? 'text' : '';
    ui.error = error;
    ctx.update();
    if (error) {
      container.querySelector(error === 'text' ? '#review-goal-text' : `#review-${error}-first`)?.focus();
      return;
    }
    const ack = await sendOnce(ctx, 'goal', ['goal'], CMD.propose, { year: ui.goal, axis_id: ui.axis, text });
    if (ack?.ok) container.querySelector('#review-goal-text')?.focus();
  };
  return html`<form class="review-form card form" data-testid="objective-form" @submit=${submit} novalidate>
    <h2>${t('review.aspirations.add_title')}</h2>
    ${toggleRow({
      id: 'review-goal',
      label: t('review.aspirations.which_year'),
      options: [0, 1, 2].map((i) => ({ value: i, testid: 'objective-year', content: html`<span>${nextYear(view, i)}</span>` })),
      current: ui.goal,
      pick: (v) => { ui.goal = v; if (ui.error === 'goal') ui.error = ''; ctx.update(); },
      cls: 'review-toggles--years',
      error: ui.error === 'goal' ? t('review.aspirations.year_missing') : '',
    })}
    ${toggleRow({
      id: 'review-axis',
      label: t('review.aspirations.which_axis'),
      options: view.axes.map((a) => ({ value: a.id, testid: 'objective-axis', content: html`<span>${axisName(a)}</span>` })),
      current: ui.axis,
      pick: (v) => { ui.axis = v; if (ui.error === 'axis') ui.error = ''; ctx.update(); },
      cls: 'review-toggles--axes',
      error: ui.error === 'axis' ? t('review.aspirations.axis_missing') : '',
    })}
    ${textField({ id: 'review-goal-text', label: t('review.aspirations.text_label'), hint: t('review.aspirations.text_hint'),
      drafts: ui.drafts, key: 'goal', value: '', max: LIMITS.text, rows: 2, update: ctx.update, testid: 'objective-input' })}
    ${ui.error === 'text' ? html`<p class="field-error">${icon('alert')}<span>${t('review.text_missing')}</span></p>` : nothing}
    <button class="button button--primary button--big" data-testid="objective-add" ?disabled=${ui.busy === 'goal'}>
      ${ui.busy === 'goal' ? html`${icon('hourglass')} ${t('review.sending')}` : html`${icon('plus')} ${t('review.aspirations.add')}`}</button>
  </form>`;
}

export function aspirationsStep(ctx, view, container) {
  const mine = mineSet(ctx, 'objectives');
  const items = view.objectives.filter((o) => mine.has(o.id));
  const pending = pendingOf(ctx, CMD.propose);
  const count = items.length + pending.length;
  const canRemove = can(ctx.activity, CMD.removeObjective);
  return html`${can(ctx.activity, CMD.propose) ? proposeForm(ctx, view, container) : nothing}
    <section class="review-mine" aria-labelledby="review-goals-title" data-testid="my-objectives" data-count=${items.length}>
      <h2 id="review-goals-title">${t('review.aspirations.mine', { count })}</h2>
      ${count ? nothing : html`<p class="review-empty">${t('review.aspirations.mine_empty')}</p>`}
      <ul class="review-notes">
        ${pending.map((c) => html`<li class="review-note review-note--pending" data-testid="objective" data-pending="true">
          <p class="review-note__text">${c.payload?.text}</p>
          <p class="review-note__meta">${axisTitle(view, c.payload?.axis_id)} · ${nextYear(view, c.payload?.year ?? 0)} · ${sendingLine(ctx)}</p></li>`)}
        ${repeat(items, (o) => o.id, (o) => html`<li class="review-note" data-testid="objective" data-objective-id=${o.id}>
          <p class="review-note__text">${o.text}</p>
          <p class="review-note__meta">${objectiveWhere(view, o)}</p>
          ${canRemove ? removePair(ctx, {
            id: o.id,
            testid: 'objective-remove',
            label: t('review.remove'),
            aria: t('review.remove_aria', { text: o.text }),
            confirm: t('review.remove_confirm'),
            yes: t('review.remove_yes'),
            no: t('review.keep'),
            send: () => ctx.send(CMD.removeObjective, { objective_id: o.id }),
          }) : nothing}
        </li>`)}
      </ul>
    </section>
    <p class="review-room-line" data-testid="room-objective-count" data-count=${view.objectives.length}>
      ${icon('users')} ${t('review.aspirations.room', { count: view.objectives.length })}</p>`;
}

// ------------------------------------------------------------------ 4. priorities

/** My ratings by objective, with the taps still on their way counted at once. */
function myRatings(ctx) {
  const held = ctx.mine?.ratings && typeof ctx.mine.ratings === 'object' ? ctx.mine.ratings : {};
  const out = Object.fromEntries(Object.entries(held).map(([id, r]) => [id, { ...r }]));
  const sending = new Set();
  for (const c of pendingOf(ctx, CMD.rate)) {
    const { objective_id: id, ...given } = c.payload ?? {};
    out[id] = { ...(out[id] ?? {}), ...given };
    sending.add(id);
  }
  return { ratings: out, sending };
}

/** The order to rate in: by year, then axis, then as proposed (the view's ranking moves). */
function ratingOrder(view) {
  const axisIndex = new Map(view.axes.map((a, i) => [a.id, i]));
  return [...view.objectives].sort((a, b) => (a.year - b.year)
    || ((axisIndex.get(a.axis_id) ?? 99) - (axisIndex.get(b.axis_id) ?? 99))
    || ((a.proposed ?? 0) - (b.proposed ?? 0)));
}

function ratingRow(ctx, o, dimension, current, disabled) {
  const id = `review-rate-${o.id}-${dimension}`;
  return html`<div class="review-rate__row" role="group" aria-labelledby="review-rate-${o.id} ${id}" data-testid="rate-${dimension}" data-value=${current ?? ''}>
    <p class="review-rate__name" id=${id}>${t(`review.rate.${dimension}`)}</p>
    <div class="review-rate__levels">
      ${LEVELS.map((level) => {
        const on = current === level;
        return html`<button type="button" class="button review-level ${on ? 'review-toggle--on' : ''}" data-testid="rate-level"
          data-value=${level} aria-pressed=${on ? 'true' : 'false'} ?disabled=${disabled}
          @click=${() => { if (!on) ctx.send(CMD.rate, { objective_id: o.id, [dimension]: level }); }}>
          <span class="review-level__number" aria-hidden="true">${level}</span>
          <span class="review-level__words">${t(`review.rate.${dimension}_${level}`)}</span></button>`;
      })}
    </div>
  </div>`;
}

export function prioritiesStep(ctx, view) {
  const { ratings, sending } = myRatings(ctx);
  const canRate = can(ctx.activity, CMD.rate);
  const order = ratingOrder(view);
  const done = order.filter((o) => ratings[o.id]?.importance && ratings[o.id]?.feasibility).length;
  return html`<p class="review-room-line" data-testid="rated-count" data-count=${done} data-total=${order.length}>
      ${icon('check')} ${t('review.rate.done', { count: done, total: order.length })}</p>
    ${order.length ? html`<p class="hint">${t('review.rate.how')}</p>` : html`<p class="review-empty">${t('review.rate.none')}</p>`}
    <ul class="review-rate-list">
      ${repeat(order, (o) => o.id, (o) => html`<li class="review-rate card" data-testid="rate-objective" data-objective-id=${o.id}>
        <h2 class="review-rate__title" id="review-rate-${o.id}">${o.text}</h2>
        <p class="review-note__meta">${objectiveWhere(view, o)}
          ${sending.has(o.id) ? html` · <span class="review-sending">${icon('hourglass')} ${t('review.sending')}</span>` : nothing}</p>
        ${ratingRow(ctx, o, 'importance', ratings[o.id]?.importance ?? null, !canRate)}
        ${ratingRow(ctx, o, 'feasibility', ratings[o.id]?.feasibility ?? null, !canRate)}
      </li>`)}
    </ul>
    ${order.length
      ? html`<section class="review-room" aria-labelledby="review-phone-matrix">
          <h2 id="review-phone-matrix">${icon('users')} ${t('review.matrix.title')}</h2>
          ${matrixBlock(view, { id: 'review-phone-matrix-svg', compact: true, cls: 'review-matrix--phone' })}
        </section>`
      : nothing}`;
}

// ------------------------------------------------------------------ 5. commitments

export function commitmentsStep(ctx, view) {
  return html`<section aria-labelledby="review-roadmap-title" class="review-room">
    <h2 id="review-roadmap-title">${icon('check')} ${t('review.roadmap.title')}</h2>
    ${view.commitments.length ? nothing : html`<p class="review-empty" data-testid="roadmap-empty">${t('review.roadmap.empty')}</p>`}
    ${roadmap(view)}
  </section>`;
}
