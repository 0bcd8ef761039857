// The phone's later steps: impacts (rated by tapping, never dragging) and the shared stakes
// (written, then dot-voted, as the board does with its notes).
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, textField, sendForm, rankedList } from 'fabrique/kit.js';
import { CMD, MAX_TEXT, stakeText } from './common.js';
import { mapViewer } from './viewer.js';
import { ui } from './phone-tools.js';

/** The tools this person listed (their lines', by tool id). */
export function myToolIds(ctx) {
  const lines = Array.isArray(ctx.mine?.lines) ? ctx.mine.lines : [];
  return new Set(lines.map((l) => l.tool_id).filter(Boolean));
}

// ------------------------------------------------------------------ 3. impacts

/** The levels of the rating scale: the view's, or 1 to 5. */
export function scaleOf(view) {
  if (view.scale.length) return view.scale.map((s) => (typeof s === 'object' ? s : { value: s, name: String(s) }));
  return [1, 2, 3, 4, 5].map((value) => ({ value, name: String(value) }));
}

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

export function impactsStep(ctx, view) {
  const { t } = ctx;
  const tools = view.tools.filter((tool) => myToolIds(ctx).has(tool.id));
  const { ratings, sending } = myRatings(ctx);
  const scale = scaleOf(view);
  const canRate = can(ctx.activity, CMD.rate);
  const rated = tools.filter((tool) => view.dimensions.every((d) => ratings[tool.id]?.[d.id] != null)).length;
  return html`${tools.length
      ? html`<p class="cartography-room-line" data-testid="rated-count">${icon('check')} ${t('cartography.impacts.rated', { count: rated, total: tools.length })}</p>`
      : html`<p class="empty" data-testid="impacts-empty">${t('cartography.impacts.no_tools')}</p>`}
    <ul class="cartography-rate-list">
      ${repeat(tools, (tool) => tool.id, (tool) => html`<li class="cartography-rate card" data-testid="rate-tool" data-tool-id=${tool.id}>
        <h2 class="cartography-rate__tool">${tool.name}</h2>
        ${view.dimensions.map((dim) => {
          const current = ratings[tool.id]?.[dim.id];
          const labelId = `rate-${tool.id}-${dim.id}`;
          return html`<div class="cartography-rate__dim" role="group" aria-labelledby=${labelId} data-testid="rate-dimension" data-dimension-id=${dim.id}>
            <p class="cartography-rate__name" id=${labelId}>${dim.name}
              ${dim.low || dim.high ? html`<span class="cartography-rate__ends">${t('cartography.impacts.ends', { low: dim.low ?? scale[0].name, high: dim.high ?? scale.at(-1).name })}</span>` : nothing}
              ${sending.has(`${tool.id}:${dim.id}`) ? html`<span class="sending">${icon('hourglass')} ${t('cartography.sending')}</span>` : nothing}</p>
            <div class="cartography-rate__levels">
              ${scale.map((level) => html`<button type="button" class="button cartography-level ${current === level.value ? 'cartography-level--on' : ''}"
                data-testid="rate-level" data-value=${level.value} aria-pressed=${current === level.value ? 'true' : 'false'}
                ?disabled=${!canRate} aria-label=${t('cartography.impacts.level_aria', { level: level.name, dimension: dim.name, tool: tool.name })}
                @click=${() => ctx.send(CMD.rate, { tool_id: tool.id, dimension_id: dim.id, value: level.value })}>
                ${current === level.value ? icon('check') : nothing}<span>${level.name}</span></button>`)}
            </div>
          </div>`;
        })}
      </li>`)}
    </ul>
    ${mapViewer(ctx, view, ui.viewer, { highlight: myToolIds(ctx), spotlight: view.spotlight })}`;
}

// ------------------------------------------------------------------ 4. shared stakes

const STAKE_KINDS = ['stake', 'criterion'];

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
    await sendForm(ctx, ui.drafts, ['stake'], CMD.addStake, { text, kind });
    container.querySelector('#cartography-stake')?.focus();
  };
  return html`<form class="cartography-stake-form card form" data-testid="stake-form" @submit=${submit} novalidate>
    <fieldset class="field cartography-choices cartography-choices--row">
      <legend>${t('cartography.stakes.kind')}</legend>
      ${STAKE_KINDS.map((k) => html`<div class="choice cartography-check">
        <input type="radio" name="cartography-stake-kind" id="cartography-stake-${k}" data-testid="stake-kind-${k}"
          .checked=${kind === k} @change=${() => { ui.stakeKind = k; ctx.update(); }} />
        <label for="cartography-stake-${k}">${t(`cartography.stakes.kind_${k}`)}</label>
      </div>`)}
    </fieldset>
    ${textField({ id: 'cartography-stake', label: t(`cartography.stakes.label_${kind}`), drafts: ui.drafts, key: 'stake',
      value: '', max: MAX_TEXT, rows: 3, update: ctx.update, testid: 'stake-input' })}
    <button class="button button--primary button--big" data-testid="stake-add">${icon('plus')} ${t('cartography.stakes.add')}</button>
  </form>`;
}

/** My dots by stake and how many are left, with taps on their way counted at once. */
function myVotes(ctx, view) {
  const votes = { ...(ctx.mine?.votes && typeof ctx.mine.votes === 'object' ? ctx.mine.votes : {}) };
  let left = Number.isFinite(ctx.mine?.dots_left) ? ctx.mine.dots_left : view.dots;
  for (const c of ctx.pending) {
    const id = c.payload?.stake_id;
    if (c.type === CMD.addVote) { votes[id] = (votes[id] ?? 0) + 1; left -= 1; }
    if (c.type === CMD.removeVote) { votes[id] = Math.max(0, (votes[id] ?? 0) - 1); left += 1; }
  }
  return { votes, left: Math.max(0, left) };
}

export function stakesStep(ctx, view, container) {
  const { t } = ctx;
  const voting = can(ctx.activity, CMD.addVote) || view.dots > 0;
  const { votes, left } = myVotes(ctx, view);
  const mine = new Set(Array.isArray(ctx.mine?.stakes) ? ctx.mine.stakes.map((s) => s.id ?? s) : []);
  const pending = ctx.pending.filter((c) => c.type === CMD.addStake);
  const stake = (s) => html`<li class="cartography-stake ${mine.has(s.id) ? 'cartography-stake--mine' : ''}" data-testid="stake" data-stake-id=${s.id} data-kind=${s.kind ?? 'stake'}>
    ${stakeText(s)}
    ${voting ? voteControls(ctx, s, votes[s.id] ?? 0, left) : nothing}
  </li>`;
  const byKind = (k) => view.stakes.filter((s) => (s.kind ?? 'stake') === k);
  return html`${can(ctx.activity, CMD.addStake) ? stakeForm(ctx, container) : nothing}
    ${voting
      ? html`<div class="cartography-dots-left card" data-testid="dots-left" data-dots-left=${left}>
          <p><strong>${t('cartography.vote.left', { count: left, total: view.dots })}</strong></p>
          <p class="hint">${left ? t('cartography.vote.how') : t('cartography.vote.none_left')}</p>
        </div>`
      : nothing}
    ${pending.length
      ? html`<ul class="cartography-stakes">${pending.map((c) => html`<li class="cartography-stake cartography-stake--pending" data-testid="stake" data-pending="true">
          <p class="cartography-stake__text">${c.payload?.text}</p>
          <p class="cartography-stake__meta">${icon('hourglass')} ${ctx.connected ? t('cartography.sending') : t('cartography.kept')}</p></li>`)}</ul>`
      : nothing}
    ${STAKE_KINDS.map((k) => html`<section class="cartography-stake-section" aria-labelledby="cartography-${k}-title">
      <h2 id="cartography-${k}-title">${t(`cartography.stakes.title_${k}`)}
        <span class="cartography-list__count">${t('cartography.stakes.count', { count: byKind(k).length })}</span></h2>
      ${byKind(k).length ? html`<ul class="cartography-stakes">${repeat(byKind(k), (s) => s.id, stake)}</ul>`
        : html`<p class="empty">${t('cartography.stakes.empty')}</p>`}
    </section>`)}
    ${view.results.length ? resultsTemplate(ctx, view) : nothing}`;
}

function voteControls(ctx, s, mineOn, left) {
  const { t } = ctx;
  return html`<div class="cartography-vote">
    <p class="cartography-vote__mine" data-testid="my-dots">${t('cartography.vote.mine', { count: mineOn })}</p>
    <div class="actions">
      ${can(ctx.activity, CMD.addVote)
        ? html`<button type="button" class="button button--primary" data-testid="vote-add" ?disabled=${left === 0}
            aria-label=${t('cartography.vote.add_aria', { text: s.text })} @click=${() => ctx.send(CMD.addVote, { stake_id: s.id })}>
            ${t('cartography.vote.add')}</button>`
        : nothing}
      ${can(ctx.activity, CMD.removeVote)
        ? html`<button type="button" class="button" data-testid="vote-remove" ?disabled=${mineOn === 0}
            aria-label=${t('cartography.vote.remove_aria', { text: s.text })} @click=${() => ctx.send(CMD.removeVote, { stake_id: s.id })}>
            ${t('cartography.vote.remove')}</button>`
        : nothing}
    </div>
  </div>`;
}

/** The ranking of the stakes and criteria by dots (the kit's ranked list). */
export function resultsTemplate(ctx, view, { limit = Infinity } = {}) {
  const { t } = ctx;
  return html`<section class="cartography-results" aria-labelledby="cartography-results-title">
    <h2 id="cartography-results-title">${icon('podium')} ${t('cartography.results.title')}</h2>
    ${rankedList(view.results.slice(0, limit), {
      all: view.results,
      score: (r) => r.votes ?? 0,
      item: (r, { rank, bar }) => html`<li class="ranked__item" data-testid="result" data-stake-id=${r.id}>
        ${rank}
        <div class="ranked__body">
          <p class="cartography-stake__kind">${t(`cartography.stakes.kind_${r.kind ?? 'stake'}`)}</p>
          <p class="cartography-result__text">${r.text}</p>
          ${bar}
        </div>
        <span class="ranked__side" data-testid="result-votes">${t('cartography.votes', { count: r.votes ?? 0 })}</span>
      </li>`,
    })}
  </section>`;
}
