// The console's tools: the years, the frieze with its move and merge controls (buttons and
// lists, no dragging), the axes, the spotlight. Each shows only when its command is in
// `activity.can`.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, shorten, spotlit, t, sendForm } from 'fabrique/kit.js';
import { CMD, LIMITS, axisName, nextYear, pastYear } from './common.js';
import { eventItem } from './blocks.js';

// What this console is typing and choosing (not shared until sent).
export const ui = { key: null, drafts: {}, firstYear: '', moveTo: {}, mergeInto: {}, committing: null, editing: null, commitYear: {}, hands: {} };

/** Puts one item alone on the room screen, or takes it off. */
export function spotlightButton(ctx, item) {
  if (!can(ctx.activity, 'screen.spotlight')) return nothing;
  const on = spotlit(ctx, item.id);
  return html`<button type="button" class="button button--small ${on ? 'button--on' : ''}" data-testid="item-spotlight"
    aria-pressed=${on ? 'true' : 'false'} aria-label=${t('review.console.spotlight_aria', { text: shorten(item.text) })}
    @click=${() => ctx.send('screen.spotlight', { item_id: on ? null : item.id })}>${icon('spotlight')} ${t('review.console.spotlight')}</button>`;
}

// ------------------------------------------------------------------ the years

export function yearsForm(ctx, view) {
  if (!can(ctx.activity, CMD.setYears)) {
    return view.first ? html`<p class="review-years" data-testid="years-set">${icon('clock')} ${yearsLine(view)}</p>` : nothing;
  }
  const shown = () => (ui.firstYear !== '' ? ui.firstYear : String(view.first ?? new Date().getFullYear() - 2));
  const value = shown();
  const submit = async (e) => {
    e.preventDefault();
    // Read at the time of sending: typing does not redraw the form.
    const first = Number.parseInt(shown(), 10);
    if (!Number.isInteger(first) || first < 1950 || first > 2100) {
      ctx.notify(t('review.console.years_invalid'));
      return;
    }
    const ack = await ctx.send(CMD.setYears, { first_year: first });
    if (ack?.ok) ui.firstYear = '';
    ctx.update();
  };
  return html`<form class="review-years inline-form" data-testid="years-form" @submit=${submit} novalidate>
    <label for="review-first-year">${t('review.console.first_year')}</label>
    <input id="review-first-year" class="input--tiny" type="number" min="1950" max="2100" step="1" inputmode="numeric"
      data-testid="years-input" .value=${live(value)} @input=${(e) => { ui.firstYear = e.target.value; }} />
    <button class="button button--small" data-testid="years-save">${icon('check')} ${t('review.console.years_save')}</button>
    <span class="review-years__now" data-testid="years-set" data-first=${view.first ?? ''}>${view.first ? yearsLine(view) : t('review.console.years_unset')}</span>
  </form>`;
}

function yearsLine(view) {
  return t('review.console.years_line', { past: `${pastYear(view, 0)}–${pastYear(view, 2)}`, next: `${nextYear(view, 0)}–${nextYear(view, 2)}` });
}

// ------------------------------------------------------------------ the frieze and its controls

function moveControls(ctx, view, e, count) {
  const canMove = can(ctx.activity, CMD.moveEvent);
  const canMerge = can(ctx.activity, CMD.mergeEvents);
  const others = view.events.filter((o) => o.id !== e.id);
  const otherYears = [0, 1, 2].filter((y) => y !== e.year);
  const moveTo = String(ui.moveTo[e.id] ?? otherYears[0]);
  const into = ui.mergeInto[e.id] ?? '';
  const move = (payload) => ctx.send(CMD.moveEvent, { event_id: e.id, ...payload });
  return html`<div class="review-tools" role="group" aria-label=${t('review.console.event_tools', { text: shorten(e.text) })}>
    ${canMove
      ? html`<div class="actions">
          <button type="button" class="button button--small" data-testid="event-earlier" aria-disabled=${e.position === 0 ? 'true' : 'false'}
            aria-label=${t('review.console.earlier_aria', { text: shorten(e.text) })}
            @click=${() => { if (e.position > 0) move({ year: e.year, index: e.position - 1 }); }}>${icon('arrowUp')} ${t('review.console.earlier')}</button>
          <button type="button" class="button button--small" data-testid="event-later" aria-disabled=${e.position >= count - 1 ? 'true' : 'false'}
            aria-label=${t('review.console.later_aria', { text: shorten(e.text) })}
            @click=${() => { if (e.position < count - 1) move({ year: e.year, index: e.position + 1 }); }}>${icon('arrowDown')} ${t('review.console.later')}</button>
        </div>
        <form class="tool__row review-tool" @submit=${(ev) => { ev.preventDefault(); move({ year: Number(moveTo) }); }}>
          <label for="review-move-${e.id}">${t('review.console.move_to')}</label>
          <select id="review-move-${e.id}" data-testid="event-move-year" data-value=${moveTo}
            @change=${(ev) => { ui.moveTo[e.id] = ev.target.value; ctx.update(); }}>
            ${otherYears.map((y) => html`<option value=${y}>${pastYear(view, y)}</option>`)}
          </select>
          <button class="button button--small" data-testid="event-move">${icon('move')} ${t('review.console.move')}</button>
        </form>`
      : nothing}
    ${canMerge && others.length
      ? html`<form class="tool__row review-tool" @submit=${(ev) => {
          ev.preventDefault();
          if (into) ctx.send(CMD.mergeEvents, { event_id: e.id, into_id: into });
        }}>
          <label for="review-merge-${e.id}">${t('review.console.merge_into')}</label>
          <select id="review-merge-${e.id}" data-testid="event-merge-into" data-value=${into}
            @change=${(ev) => { ui.mergeInto[e.id] = ev.target.value; ctx.update(); }}>
            <option value="">${t('review.console.merge_pick')}</option>
            ${[0, 1, 2].map((y) => {
              const inYear = others.filter((o) => o.year === y);
              return inYear.length
                ? html`<optgroup label=${pastYear(view, y)}>${inYear.map((o) => html`<option value=${o.id}>${shorten(o.text)}</option>`)}</optgroup>`
                : nothing;
            })}
          </select>
          <button class="button button--small" data-testid="event-merge" ?disabled=${!into}>${icon('merge')} ${t('review.console.merge')}</button>
        </form>`
      : nothing}
    <div class="actions">
      ${spotlightButton(ctx, e)}
      ${can(ctx.activity, CMD.removeEvent)
        ? html`<button type="button" class="button button--small" data-testid="event-remove"
            aria-label=${t('review.remove_aria', { text: e.text })} @click=${() => ctx.send(CMD.removeEvent, { event_id: e.id })}>
            ${icon('trash')} ${t('review.remove')}</button>`
        : nothing}
    </div>
  </div>`;
}

/** The frieze as the console edits it: the years one under the other, each event with its tools. */
export function friezeEditor(ctx, view) {
  return html`<div class="review-editor" data-testid="frieze">
    ${view.timeline.map((y) => html`<section class="review-editor__year" data-testid="frieze-year" data-year=${y.index}
        data-count=${y.events.length} aria-labelledby="review-edit-year-${y.index}">
      <h3 id="review-edit-year-${y.index}">${icon('clock')} ${pastYear(view, y.index)}
        <span class="review-count">${t('review.timeline.count', { count: y.events.length })}</span></h3>
      ${y.events.length
        ? html`<ol class="review-events review-events--console">${repeat(y.events, (e) => e.id, (e, position) => {
            const event = { ...e, year: y.index, position };
            return eventItem(event, { extra: moveControls(ctx, view, event, y.events.length) });
          })}</ol>`
        : html`<p class="review-empty">${t('review.timeline.year_empty')}</p>`}
    </section>`)}
  </div>`;
}

// ------------------------------------------------------------------ the axes

export function axesEditor(ctx, view) {
  const canAdd = can(ctx.activity, CMD.addAxis);
  const canRename = can(ctx.activity, CMD.renameAxis);
  const add = async (e) => {
    e.preventDefault();
    const title = (ui.drafts.axis ?? '').trim();
    if (title) await sendForm(ctx, ui.drafts, ['axis'], CMD.addAxis, { title });
  };
  const rename = (axis) => async (e) => {
    e.preventDefault();
    const key = `axis:${axis.id}`;
    const title = (ui.drafts[key] ?? axisName(axis)).trim();
    if (title && title !== axisName(axis)) await sendForm(ctx, ui.drafts, [key], CMD.renameAxis, { axis_id: axis.id, title });
  };
  return html`<section class="review-axes card" data-testid="axes-editor" aria-labelledby="review-axes-title">
    <h3 id="review-axes-title">${icon('groups')} ${t('review.axes.title')} <span class="review-count">${view.axes.length} / 8</span></h3>
    <ul class="review-axes__list">
      ${repeat(view.axes, (a) => a.id, (a) => html`<li data-testid="axis" data-axis-id=${a.id}>
        ${canRename
          ? html`<form class="inline-form" @submit=${rename(a)}>
              <label class="sr-only" for="review-axis-${a.id}">${t('review.axes.rename_label', { title: axisName(a) })}</label>
              <input id="review-axis-${a.id}" type="text" maxlength=${LIMITS.axis} data-testid="axis-name"
                .value=${live(ui.drafts[`axis:${a.id}`] ?? axisName(a))} @input=${(e) => { ui.drafts[`axis:${a.id}`] = e.target.value; }} />
              <button class="button button--small" data-testid="axis-rename">${icon('pencil')} ${t('review.axes.rename')}</button>
            </form>`
          : html`<span>${axisName(a)}</span>`}
      </li>`)}
    </ul>
    ${canAdd && view.axes.length < 8
      ? html`<form class="inline-form" @submit=${add}>
          <label for="review-axis-new">${t('review.axes.new')}</label>
          <input id="review-axis-new" type="text" maxlength=${LIMITS.axis} data-testid="axis-new"
            .value=${live(ui.drafts.axis ?? '')} @input=${(e) => { ui.drafts.axis = e.target.value; }} />
          <button class="button button--small" data-testid="axis-add">${icon('plus')} ${t('review.axes.add')}</button>
        </form>`
      : nothing}
  </section>`;
}

// ------------------------------------------------------------------ show of hands on a lesson

/** A small number field per lesson: hands raised in the room, added to its dots. */
export function handsForm(ctx, lesson) {
  const current = lesson.hands ?? 0;
  if (!can(ctx.activity, 'hands.count')) return nothing;
  const id = `review-hands-${lesson.id}`;
  const draft = ui.hands[lesson.id] ?? String(current);
  const save = async (e) => {
    e.preventDefault();
    const count = Number(ui.hands[lesson.id] ?? current);
    if (!Number.isInteger(count) || count < 0 || count > 10000) {
      ctx.notify(t('form.error.range', { min: 0, max: 10000 }));
      return;
    }
    const ack = await ctx.send('hands.count', { item_id: lesson.id, count });
    if (ack?.ok) {
      delete ui.hands[lesson.id];
      ctx.update();
    }
  };
  return html`<form class="review-tool review-hands-form" data-testid="hands-form" data-count=${current} @submit=${save} novalidate>
    <label for=${id}>${icon('hand')} ${t('review.console.hands_label')}</label>
    <input id=${id} type="number" inputmode="numeric" min="0" max="10000" step="1" class="input--tiny" data-testid="hands-input"
      .value=${live(draft)} @input=${(e) => { ui.hands[lesson.id] = e.target.value; }} />
    <button class="button button--small" data-testid="hands-save"
      aria-label=${t('review.console.hands_save_aria', { text: shorten(lesson.text) })}>${icon('hand')} ${t('review.console.hands_save')}</button>
  </form>`;
}
