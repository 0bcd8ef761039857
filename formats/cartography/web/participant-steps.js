// The phone's later steps: impacts (rated by tapping, never dragging) and the shared stakes
// (written, then dot-voted, as the board does with its notes).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, textField, sendForm, rankedList } from 'fabrique/kit.js';
import { CMD, MAX_TEXT, stakeText, signed } from './common.js';
import { mapViewer } from './viewer.js';
import { ui } from './phone-tools.js';

/** The tools this person's organisation uses (they may rate them), by tool id. */
export function myToolIds(ctx) {
  const ratable = Array.isArray(ctx.mine?.ratable) ? ctx.mine.ratable : [];
  const uses = Array.isArray(ctx.mine?.uses) ? ctx.mine.uses : [];
  return new Set([...ratable, ...uses].map((u) => u.tool_id).filter(Boolean));
}

// ------------------------------------------------------------------ 3. impacts

/** My ratings by tool and dimension, with the taps still on their way counted at once. */
function myRatings(ctx) {
  const held = ctx.mine?.ratings && typeof ctx.mine.ratings === 'object' ? ctx.mine.ratings : {};
  const out = {};
  for (const [tool, dims] of Object.entries(held)) out[tool] = { ...dims };
  const sending = new Set();
  for (const c of ctx.pending) {
    if (c.type !== CMD.rate) continue;
    const { tool_id: tool, dimension_id: dim, value } = c.payload ?? {};
    out[tool] = { ...(out[tool] ?? {}), [dim]: value };
    sending.add(`${tool}:${dim}`);
  }
  return { ratings: out, sending };
}

/** Each level of the scale in words ("Bien pire" … "Bien mieux"), with its sign. */
export function levelName(t, value) {
  return t(`cartography.scale.${value < 0 ? `minus${-value}` : value > 0 ? `plus${value}` : 'zero'}`);
}

export function impactsStep(ctx, view) {
  const { t } = ctx;
  const ratable = Array.isArray(ctx.mine?.ratable) ? ctx.mine.ratable : [];
  const { ratings, sending } = myRatings(ctx);
  const canRate = can(ctx.activity, CMD.rate);
  const rated = ratable.filter((tool) => view.dimensions.every((d) => ratings[tool.tool_id]?.[d.id] != null)).length;
  return html`${ratable.length
      ? html`<p class="cartography-room-line" data-testid="rated-count" data-count=${rated}>${icon('check')} ${t('cartography.impacts.rated', { count: rated, total: ratable.length })}</p>
        <p class="hint">${t('cartography.impacts.how')}</p>`
      : html`<p class="empty" data-testid="impacts-empty">${t('cartography.impacts.no_tools')}</p>`}
    <ul class="cartography-rate-list">
      ${repeat(ratable, (tool) => tool.tool_id, (tool) => html`<li class="cartography-rate card" data-testid="rate-tool" data-tool-id=${tool.tool_id}>
        <h2 class="cartography-rate__tool" id="rate-${tool.tool_id}">${tool.name}</h2>
        ${view.dimensions.map((dim) => {
          const current = ratings[tool.tool_id]?.[dim.id] ?? null;
          const labelId = `rate-${tool.tool_id}-${dim.id}`;
          return html`<div class="cartography-rate__dim" role="group" aria-labelledby="rate-${tool.tool_id} ${labelId}" data-testid="rate-dimension" data-dimension-id=${dim.id} data-value=${current ?? ''}>
            <p class="cartography-rate__name" id=${labelId}>${dim.name}
              ${sending.has(`${tool.tool_id}:${dim.id}`) ? html`<span class="sending">${icon('hourglass')} ${t('cartography.sending')}</span>` : nothing}</p>
            <div class="cartography-rate__levels">
              ${view.scale.map((value) => {
                const on = current === value;
                return html`<button type="button" class="button cartography-level cartography-level--${value < 0 ? 'minus' : value > 0 ? 'plus' : 'zero'} ${on ? 'cartography-level--on' : ''}"
                  data-testid="rate-level" data-value=${value} aria-pressed=${on ? 'true' : 'false'} ?disabled=${!canRate}
                  @click=${() => ctx.send(CMD.rate, { tool_id: tool.tool_id, dimension_id: dim.id, value: on ? null : value })}>
                  <span class="cartography-level__sign">${signed(value)}</span>
                  <span class="cartography-level__words">${levelName(t, value)}</span></button>`;
              })}
            </div>
          </div>`;
        })}
      </li>`)}
    </ul>
    ${mapViewer(ctx, view, ui.viewer, { highlight: myToolIds(ctx) })}`;
}

// ------------------------------------------------------------------ 4. shared stakes

export const STAKE_KINDS = ['stake', 'criterion'];

function stakeForm(ctx, container) {
  const { t } = ctx;
  const kind = ui.stakeKind || 'stake';
  const submit = async (e) => {
    e.preventDefault();
    const text = (ui.drafts.stake ?? '').trim();
    if (!text) {
      container.querySelector('#cartography-stake')?.focus();
      return;
    }
    await sendForm(ctx, ui.drafts, ['stake'], CMD.addStake, { kind, text });
    container.querySelector('#cartography-stake')?.focus();
  };
  return html`<form class="cartography-stake-form card form" data-testid="stake-form" @submit=${submit} novalidate>
    <fieldset class="field cartography-choices">
      <legend>${t('cartography.stakes.kind')}</legend>
      ${STAKE_KINDS.map((k) => html`<div class="choice cartography-check">
        <input type="radio" name="cartography-stake-kind" id="cartography-stake-${k}" data-testid="stake-kind-${k}"
          .checked=${live(kind === k)} @change=${() => { ui.stakeKind = k; ctx.update(); }} />
        <label for="cartography-stake-${k}">${t(`cartography.stakes.kind_${k}`)}</label>
      </div>`)}
    </fieldset>
    ${textField({ id: 'cartography-stake', label: t(`cartography.stakes.label_${kind}`), drafts: ui.drafts, key: 'stake',
      value: '', max: MAX_TEXT, rows: 3, update: ctx.update, testid: 'stake-input' })}
    <button class="button button--primary button--big" data-testid="stake-add">${icon('plus')} ${t('cartography.stakes.add')}</button>
  </form>`;
}

/** My dots by stake and how many are left of each kind, taps on their way counted at once. */
function myVotes(ctx, view) {
  const votes = { ...(ctx.mine?.votes && typeof ctx.mine.votes === 'object' ? ctx.mine.votes : {}) };
  const held = ctx.mine?.dots_left && typeof ctx.mine.dots_left === 'object' ? ctx.mine.dots_left : {};
  const left = { stake: held.stake ?? view.dots, criterion: held.criterion ?? view.dots };
  const kindOfStake = new Map(view.stakes.map((s) => [s.id, s.kind ?? 'stake']));
  const sending = new Set();
  for (const c of ctx.pending) {
    const id = c.payload?.stake_id;
    const kind = kindOfStake.get(id) ?? 'stake';
    if (c.type === CMD.addVote) { votes[id] = (votes[id] ?? 0) + 1; left[kind] -= 1; sending.add(id); }
    if (c.type === CMD.removeVote) { votes[id] = Math.max(0, (votes[id] ?? 0) - 1); left[kind] += 1; sending.add(id); }
  }
  for (const k of STAKE_KINDS) left[k] = Math.max(0, left[k]);
  return { votes, left, sending };
}

export function stakesStep(ctx, view, container) {
  const { t } = ctx;
  const step = ctx.activity.step?.key;
  if (step === 'results' || (view.results && step !== 'stakes')) return resultsTemplate(ctx, view);
  const voting = step === 'vote';
  const { votes, left, sending } = myVotes(ctx, view);
  const mine = new Set(Array.isArray(ctx.mine?.stakes) ? ctx.mine.stakes : []);
  const pending = ctx.pending.filter((c) => c.type === CMD.addStake);
  const canAdd = can(ctx.activity, CMD.addVote);
  const canRemove = can(ctx.activity, CMD.removeVote);
  const stake = (s) => html`<li class="cartography-stake ${mine.has(s.id) ? 'cartography-stake--mine' : ''}" data-testid="stake" data-stake-id=${s.id} data-kind=${s.kind ?? 'stake'}>
    ${stakeText(t, s)}
    ${mine.has(s.id) ? html`<p class="cartography-stake__meta">${icon('user')} ${t('cartography.stakes.yours')}</p>` : nothing}
    ${!voting && mine.has(s.id) && can(ctx.activity, CMD.deleteStake) ? deleteStake(ctx, s, container) : nothing}
    ${voting ? voteControls(ctx, s, votes[s.id] ?? 0, left[s.kind ?? 'stake'], sending.has(s.id), canAdd, canRemove) : nothing}
  </li>`;
  const byKind = (k) => view.stakes.filter((s) => (s.kind ?? 'stake') === k);
  return html`${can(ctx.activity, CMD.addStake) ? stakeForm(ctx, container) : nothing}
    ${voting ? html`<p class="cartography-room-line">${icon('users')} ${roomVotes(t, view)}</p>` : nothing}
    ${pending.length
      ? html`<ul class="cartography-stakes">${pending.map((c) => html`<li class="cartography-stake cartography-stake--pending" data-testid="stake" data-pending="true">
          <p class="cartography-stake__text">${c.payload?.text}</p>
          <p class="cartography-stake__meta">${icon('hourglass')} ${ctx.connected ? t('cartography.sending') : t('cartography.kept')}</p></li>`)}</ul>`
      : nothing}
    ${STAKE_KINDS.map((k) => html`<section class="cartography-stake-section" aria-labelledby="cartography-${k}-title" data-testid="stake-section" data-kind=${k}>
      <h2 id="cartography-${k}-title">${t(`cartography.stakes.title_${k}`)}
        <span class="cartography-list__count">${t('cartography.stakes.count', { count: byKind(k).length })}</span></h2>
      ${voting
        ? html`<div class="cartography-dots-left card" data-testid="dots-left" data-kind=${k} data-dots-left=${left[k]}>
            <p><strong>${left[k] ? t('cartography.vote.left', { count: left[k], total: view.dots }) : t('cartography.vote.left_none', { count: view.dots })}</strong></p>
            ${canAdd || canRemove ? html`<p class="hint">${left[k] ? t('cartography.vote.how') : t('cartography.vote.none_left')}</p>` : nothing}
          </div>`
        : nothing}
      ${byKind(k).length ? html`<ul class="cartography-stakes">${repeat(byKind(k), (s) => s.id, stake)}</ul>`
        : html`<p class="empty">${t('cartography.stakes.empty')}</p>`}
    </section>`)}`;
}

function deleteStake(ctx, s, container) {
  const { t } = ctx;
  if (ui.confirming !== s.id) {
    return html`<div class="actions actions--small"><button type="button" class="button button--small" data-testid="stake-delete"
      @click=${() => { ui.confirming = s.id; ctx.update(); }}>${icon('trash')} ${t('common.delete')}</button></div>`;
  }
  return html`<div class="cartography-confirm" role="group" aria-label=${t('cartography.stakes.delete_confirm')}>
    <p>${t('cartography.stakes.delete_confirm')}</p>
    <div class="actions">
      <button type="button" class="button button--danger" data-testid="stake-delete-confirm" @click=${async () => {
        ui.confirming = null;
        await ctx.send(CMD.deleteStake, { stake_id: s.id });
        container.querySelector('#cartography-stake')?.focus();
      }}>${icon('trash')} ${t('cartography.line.remove_yes')}</button>
      <button type="button" class="button" @click=${() => { ui.confirming = null; ctx.update(); }}>${t('cartography.stakes.keep')}</button>
    </div>
  </div>`;
}

function voteControls(ctx, s, mineOn, left, sending, canAdd, canRemove) {
  const { t } = ctx;
  return html`<div class="cartography-vote">
    <p class="cartography-vote__mine" data-testid="my-dots" data-count=${mineOn}>${dotsTemplate(mineOn)} ${t('cartography.vote.mine', { count: mineOn })}
      ${sending ? html`<span class="sending">${icon('hourglass')} ${t('cartography.vote.sending')}</span>` : nothing}</p>
    ${canAdd || canRemove
      ? html`<div class="actions cartography-vote__buttons">
          ${canAdd
            ? html`<button type="button" class="button button--primary cartography-vote__add" data-testid="vote-add" ?disabled=${left === 0}
                aria-label=${t('cartography.vote.add_aria', { text: s.text })} @click=${() => ctx.send(CMD.addVote, { stake_id: s.id })}>
                ${icon('dot')} ${t('cartography.vote.add')}</button>`
            : nothing}
          ${canRemove
            ? html`<button type="button" class="button cartography-vote__remove" data-testid="vote-remove" ?disabled=${mineOn === 0}
                aria-label=${t('cartography.vote.remove_aria', { text: s.text })} @click=${() => ctx.send(CMD.removeVote, { stake_id: s.id })}>
                ${icon('dotEmpty')} ${t('cartography.vote.remove')}</button>`
            : nothing}
        </div>`
      : nothing}
  </div>`;
}

/** "Dans la salle : 5 gommettes posées par 2 personnes". */
export function roomVotes(t, view) {
  return t('cartography.vote.room', {
    dots: t('cartography.dots_phrase', { count: view.votes_cast }),
    people: t('cartography.people_phrase', { count: view.voters }),
  });
}

/** Dots drawn (the number is always written beside them). */
export function dotsTemplate(count) {
  if (!count) return nothing;
  return html`<span class="cartography-dots" aria-hidden="true">${Array.from({ length: count }, () => icon('dot'))}</span>`;
}

/** Each kind ranked by dots (plus hands counted in the room), as the board ranks its notes. */
export function resultsTemplate(ctx, view, { limit = Infinity, kinds = STAKE_KINDS, extra = () => nothing } = {}) {
  const { t } = ctx;
  const results = view.results ?? { stake: [], criterion: [] };
  return html`${kinds.map((k) => {
    const entries = results[k] ?? [];
    return html`<section class="cartography-results" aria-labelledby="cartography-results-${k}" data-testid="results" data-kind=${k}>
      <h2 id="cartography-results-${k}">${icon('podium')} ${t(`cartography.results.title_${k}`)}</h2>
      ${entries.length
        ? rankedList(entries.slice(0, limit), {
            all: entries,
            testid: `results-${k}`,
            score: (r) => r.total ?? r.votes ?? 0,
            item: (r, { rank, bar }) => html`<li class="ranked__item" data-testid="result" data-stake-id=${r.id} data-rank=${r.rank}>
              ${rank}
              <div class="ranked__body">
                <p class="cartography-result__text">${r.text}</p>
                ${bar}
                ${extra(r)}
              </div>
              <span class="ranked__side"><span data-testid="result-votes">${t('cartography.votes', { count: r.votes ?? 0 })}</span>
                ${r.hands ? html`<span class="cartography-result__hands">${icon('hand')} ${t('cartography.hands', { count: r.hands })}</span>` : nothing}</span>
            </li>`,
          })
        : html`<p class="empty">${t('cartography.results.empty')}</p>`}
    </section>`;
  })}`;
}
