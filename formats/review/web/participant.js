// The three-year review, participant's phone (remote attendees use the same screen; the console
// shows it in its phone frame, as a preview or to enter for someone without a phone). Timeline:
// choose a year and a kind by tapping, write, add; looking back: three columns to write in and
// dots on the lessons; aspirations, priorities and commitments in phone-steps.js.
import { html, nothing, render as litRender } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { defineRenderer, can, icon, t, textField } from 'fabrique/kit.js';
import { CMD, COLUMNS, KINDS, LIMITS, PICTOGRAMS, reviewView, pastYear, kindIcon, kindName, kindTag, pendingOf, sendingLine, contributionCount } from './common.js';
import { eventItem, frieze, columnTitle, reflectionItem } from './blocks.js';
import { ui, resetFor, toggleRow, sendOnce, removePair, mineSet } from './phone-tools.js';
import { aspirationsStep, prioritiesStep, commitmentsStep } from './phone-steps.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS, styles: ['participant.css', 'matrix.css'], contributions: contributionCount });

function render(container, ctx) {
  resetFor(ctx);
  const view = reviewView(ctx.activity);
  const step = ctx.activity.step?.key;
  const body = {
    timeline: timelineStep,
    looking_back: lookingBackStep,
    aspirations: aspirationsStep,
    priorities: prioritiesStep,
    commitments: commitmentsStep,
  }[step];
  litRender(html`<div class="review review--participant review--${step}">${body ? body(ctx, view, container) : nothing}</div>`, container);
}

// ------------------------------------------------------------------ 1. timeline

function eventForm(ctx, view, container) {
  const submit = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.event ?? '').trim();
    const error = ui.year === null ? 'year' : !ui.kind ? 'kind' : !text ? 'text' : '';
    ui.error = error;
    ctx.update();
    if (error) {
      container.querySelector(error === 'text' ? '#review-event-text' : `#review-${error}-first`)?.focus();
      return;
    }
    const ack = await sendOnce(ctx, 'event', ['event'], CMD.addEvent, { year: ui.year, kind: ui.kind, text });
    if (ack?.ok) container.querySelector('#review-event-text')?.focus();
  };
  const pickYear = (value) => { ui.year = value; if (ui.error === 'year') ui.error = ''; ctx.update(); };
  const pickKind = (value) => { ui.kind = value; if (ui.error === 'kind') ui.error = ''; ctx.update(); };
  return html`<form class="review-form card form" data-testid="event-form" @submit=${submit} novalidate>
    <h2>${t('review.timeline.add_title')}</h2>
    ${toggleRow({
      id: 'review-year',
      label: t('review.timeline.which_year'),
      options: [0, 1, 2].map((i) => ({ value: i, testid: 'event-year', content: html`<span>${pastYear(view, i)}</span>` })),
      current: ui.year,
      pick: pickYear,
      cls: 'review-toggles--years',
      error: ui.error === 'year' ? t('review.timeline.year_missing') : '',
    })}
    ${toggleRow({
      id: 'review-kind',
      label: t('review.timeline.which_kind'),
      options: view.kinds.filter((k) => KINDS.includes(k)).map((k) => ({
        value: k,
        testid: `event-kind-${k}`,
        content: html`${kindIcon(k)}<span>${kindName(k)}</span>`,
      })),
      current: ui.kind,
      pick: pickKind,
      cls: 'review-toggles--kinds',
      error: ui.error === 'kind' ? t('review.timeline.kind_missing') : '',
    })}
    ${textField({ id: 'review-event-text', label: t('review.timeline.text_label'), hint: t('review.timeline.text_hint'), drafts: ui.drafts,
      key: 'event', value: '', max: LIMITS.text, rows: 2, update: ctx.update, testid: 'event-text-input' })}
    ${ui.error === 'text' ? html`<p class="field-error">${icon('alert')}<span>${t('review.text_missing')}</span></p>` : nothing}
    <button class="button button--primary button--big" data-testid="event-add" ?disabled=${ui.busy === 'event'}>
      ${ui.busy === 'event' ? html`${icon('hourglass')} ${t('review.sending')}` : html`${icon('plus')} ${t('review.timeline.add')}`}</button>
  </form>`;
}

function myEvents(ctx, view) {
  const mine = mineSet(ctx, 'events');
  const items = view.events.filter((e) => mine.has(e.id));
  const pending = pendingOf(ctx, CMD.addEvent);
  const count = items.length + pending.length;
  const canRemove = can(ctx.activity, CMD.removeEvent);
  return html`<section class="review-mine" aria-labelledby="review-mine-title" data-testid="my-events" data-count=${items.length}>
    <h2 id="review-mine-title">${t('review.timeline.mine', { count })}</h2>
    ${count ? nothing : html`<p class="review-empty">${t('review.timeline.mine_empty')}</p>`}
    <ul class="review-events">
      ${pending.map((c) => html`<li class="review-event review-event--pending" data-testid="event" data-pending="true">
        ${kindTag(c.payload?.kind)}
        <p class="review-event__text">${c.payload?.text}</p>
        <p class="review-event__meta">${pastYear(view, c.payload?.year ?? 0)} · ${sendingLine(ctx)}</p></li>`)}
      ${repeat(items, (e) => e.id, (e) => eventItem(e, {
        byLine: false,
        extra: html`<p class="review-event__meta">${icon('clock')} ${pastYear(view, e.year)}</p>
          ${canRemove ? removePair(ctx, {
            id: e.id,
            testid: 'event-remove',
            label: t('review.remove'),
            aria: t('review.remove_aria', { text: e.text }),
            confirm: t('review.remove_confirm'),
            yes: t('review.remove_yes'),
            no: t('review.keep'),
            send: () => ctx.send(CMD.removeEvent, { event_id: e.id }),
          }) : nothing}`,
      }))}
    </ul>
  </section>`;
}

function timelineStep(ctx, view, container) {
  return html`${can(ctx.activity, CMD.addEvent) ? eventForm(ctx, view, container) : nothing}
    ${myEvents(ctx, view)}
    <section class="review-room" aria-labelledby="review-frieze-title">
      <h2 id="review-frieze-title">${icon('users')} ${t('review.timeline.room', { count: view.event_count })}</h2>
      <p class="sr-only" aria-live="polite" data-testid="event-announcer">${t('review.timeline.room', { count: view.event_count })}</p>
      ${frieze(view, { mine: mineSet(ctx, 'events'), cls: 'phone', level: 3 })}
    </section>`;
}

// ------------------------------------------------------------------ 2. looking back

/** My dots on each lesson and how many are left, taps on their way counted at once. */
function myVotes(ctx, view) {
  const votes = { ...(ctx.mine?.votes && typeof ctx.mine.votes === 'object' ? ctx.mine.votes : {}) };
  let left = Number.isInteger(ctx.mine?.dots_left) ? ctx.mine.dots_left : view.dots;
  const sending = new Set();
  for (const c of ctx.pending) {
    const id = c.payload?.reflection_id;
    if (c.type === CMD.vote) { votes[id] = (votes[id] ?? 0) + 1; left -= 1; sending.add(id); }
    if (c.type === CMD.unvote) { votes[id] = Math.max(0, (votes[id] ?? 0) - 1); left += 1; sending.add(id); }
  }
  return { votes, left: Math.max(0, left), sending };
}

function voteControls(ctx, item, mineOn, left, sending) {
  const canAdd = can(ctx.activity, CMD.vote);
  const canRemove = can(ctx.activity, CMD.unvote);
  return html`<div class="review-vote">
    <p class="review-vote__mine" data-testid="my-dots" data-count=${mineOn}>
      ${mineOn ? html`<span class="review-dots" aria-hidden="true">${Array.from({ length: mineOn }, () => icon('dot'))}</span>` : nothing}
      ${t('review.vote.mine', { count: mineOn })}
      ${sending ? html`<span class="review-sending">${icon('hourglass')} ${t('review.sending')}</span>` : nothing}</p>
    ${canAdd || canRemove
      ? html`<div class="actions review-vote__buttons">
          ${canAdd ? html`<button type="button" class="button button--primary" data-testid="vote-add" ?disabled=${left === 0}
              aria-label=${t('review.vote.add_aria', { text: item.text })} @click=${() => ctx.send(CMD.vote, { reflection_id: item.id })}>
              ${icon('dot')} ${t('review.vote.add')}</button>` : nothing}
          ${canRemove ? html`<button type="button" class="button" data-testid="vote-remove" ?disabled=${mineOn === 0}
              aria-label=${t('review.vote.remove_aria', { text: item.text })} @click=${() => ctx.send(CMD.unvote, { reflection_id: item.id })}>
              ${icon('dotEmpty')} ${t('review.vote.remove')}</button>` : nothing}
        </div>`
      : nothing}
  </div>`;
}

function reflectionForm(ctx, column, container) {
  const key = `reflection-${column}`;
  const id = `review-${key}`;
  const submit = async (e) => {
    e.preventDefault();
    const text = (ui.drafts[key] ?? '').trim();
    if (!text) {
      ui.error = key;
      ctx.update();
      container.querySelector(`#${id}`)?.focus();
      return;
    }
    ui.error = '';
    await sendOnce(ctx, key, [key], CMD.addReflection, { column, text });
  };
  return html`<form class="review-form review-form--inline form" data-testid="reflection-form" data-column=${column} @submit=${submit} novalidate>
    ${textField({ id, label: t(`review.column.${column}_label`), drafts: ui.drafts, key, value: '', max: LIMITS.text, rows: 2,
      update: ctx.update, testid: 'reflection-input' })}
    ${ui.error === key ? html`<p class="field-error">${icon('alert')}<span>${t('review.text_missing')}</span></p>` : nothing}
    <button class="button button--primary" data-testid="reflection-add" ?disabled=${ui.busy === key}>
      ${ui.busy === key ? html`${icon('hourglass')} ${t('review.sending')}` : html`${icon('plus')} ${t('review.reflections.add')}`}</button>
  </form>`;
}

function lookingBackStep(ctx, view, container) {
  const mine = mineSet(ctx, 'reflections');
  const { votes, left, sending } = myVotes(ctx, view);
  const voting = can(ctx.activity, CMD.vote) || can(ctx.activity, CMD.unvote);
  const canWrite = can(ctx.activity, CMD.addReflection);
  const canRemove = can(ctx.activity, CMD.removeReflection);
  const pending = pendingOf(ctx, CMD.addReflection);
  const extra = (column) => (r) => html`${column === 'learned' && voting ? voteControls(ctx, r, votes[r.id] ?? 0, left, sending.has(r.id)) : nothing}
    ${mine.has(r.id) && canRemove ? removePair(ctx, {
      id: r.id,
      testid: 'reflection-remove',
      label: t('review.remove'),
      aria: t('review.remove_aria', { text: r.text }),
      confirm: t('review.remove_confirm'),
      yes: t('review.remove_yes'),
      no: t('review.keep'),
      send: () => ctx.send(CMD.removeReflection, { reflection_id: r.id }),
    }) : nothing}`;
  return html`${COLUMNS.map((c) => {
    const items = view.reflections[c];
    const waiting = pending.filter((p) => p.payload?.column === c);
    return html`<section class="review-section card review-column--${c}" data-testid="reflection-column" data-column=${c}
        aria-labelledby="review-phone-${c}">
      <h2 id="review-phone-${c}">${columnTitle(c)}</h2>
      ${canWrite ? reflectionForm(ctx, c, container) : nothing}
      ${c === 'learned' && voting
        ? html`<div class="review-dots-left" data-testid="dots-left" data-dots-left=${left}>
            <p><strong>${left ? t('review.vote.left', { count: left, total: view.dots }) : t('review.vote.left_none', { count: view.dots })}</strong></p>
            <p class="hint">${t('review.vote.how')}</p></div>`
        : nothing}
      <ul class="review-notes">
        ${waiting.map((p) => html`<li class="review-note review-note--pending" data-testid="reflection" data-pending="true">
          <p class="review-note__text">${p.payload?.text}</p><p class="review-note__meta">${sendingLine(ctx)}</p></li>`)}
        ${repeat(items, (r) => r.id, (r) => reflectionItem(r, { mine: mine.has(r.id), extra: extra(c)(r) }))}
      </ul>
      ${items.length || waiting.length ? nothing : html`<p class="review-empty">${t('review.reflections.empty')}</p>`}
    </section>`;
  })}`;
}
