// Blocks the three consent screens draw alike: the reactions, a version's changes, the objection
// round (counts only before the reveal), an objection and its examination.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { can, icon, t } from 'fabrique/kit.js';
import { C, byline, answeredLine, tallyList, objectionStatus, versionTag } from './common.js';
import { diffTemplate, diffLegend } from './diff.js';
import { positionTag } from './positions.js';

export function reactionsList(ctx, view) {
  return html`<section aria-labelledby="consent-reactions-title">
    <h2 id="consent-reactions-title">${t('consent.reactions.title', { count: view.reactions.length })}</h2>
    ${view.reactions.length ? nothing : html`<p class="consent-empty">${t('consent.reactions.empty')}</p>`}
    <ul class="consent-list">${repeat(view.reactions, (r) => r.id, (r) => html`<li class="consent-item" data-testid="reaction" data-reaction-id=${r.id}>
      <p class="consent-item__text">${r.text}</p><div class="consent-item__meta">${byline(r)}</div></li>`)}</ul>
  </section>`;
}

/** What changed in the last amendment (nothing to show before one). */
export function changesBlock(ctx, view) {
  if (!view.diff || view.version < 2) return html`<p class="consent-empty" data-testid="no-amendment">${icon('info')} ${t('consent.amendment.none')}</p>`;
  return html`<section class="card" aria-labelledby="consent-changes-title" data-testid="changes">
    <h2 id="consent-changes-title">${t('consent.amendment.changes', { from: view.version - 1, to: view.version })}</h2>
    ${diffTemplate(view.diff)}
    ${diffLegend()}
  </section>`;
}

/** Before the reveal: how many answered, nothing else; after: the tally and every position. */
export function roundState(ctx, view, { withPositions = true } = {}) {
  if (!view.round.revealed) {
    return html`<section class="card" data-testid="round-state" data-revealed="false">
      ${answeredLine(view)}
      <p class="consent-hidden-note">${icon('eyeOff')} ${t('consent.round.hidden')}</p>
    </section>`;
  }
  return html`<section class="card" data-testid="round-state" data-revealed="true">
    ${answeredLine(view)}
    ${tallyList(view)}
    ${withPositions && view.round.positions.length
      ? html`<ul class="consent-list">${view.round.positions.map((p) => html`<li class="consent-item" data-testid="position" data-position=${p.position}>
          <div class="consent-item__meta">${positionTag(p.position)} ${byline(p)}</div>
          ${p.text ? html`<p class="consent-item__text">${p.text}</p>` : nothing}</li>`)}</ul>`
      : nothing}
  </section>`;
}

export function objectionItem(ctx, o, isMine = false, extra = nothing) {
  const mayWithdraw = isMine && can(ctx.activity, C.withdraw) && ['open', 'reasoned'].includes(o.status);
  return html`<li class="consent-item" data-testid="objection" data-objection-id=${o.id} data-status=${o.status}>
    <div class="consent-item__meta">${objectionStatus(o.status)} ${byline(o, { mine: isMine })} ${o.version ? versionTag(o.version) : nothing}</div>
    <p class="consent-item__text">${o.reason}</p>
    ${o.note ? html`<p class="consent-answer" data-testid="objection-note"><span class="consent-label">${t('consent.objection.note')}</span> ${o.note}</p>` : nothing}
    ${o.integrated_in ? html`<p class="consent-item__meta" data-testid="objection-integrated">${icon('check')} ${t('consent.objection.integrated_in', { number: o.integrated_in })}</p>` : nothing}
    ${mayWithdraw
      ? html`<button class="button button--small" data-testid="objection-withdraw" @click=${() => ctx.send(C.withdraw, { objection_id: o.id })}>
          ${icon('undo')} ${t('consent.objection.withdraw')}</button>`
      : nothing}
    ${extra}
  </li>`;
}

