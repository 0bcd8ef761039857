// What the three consent screens share: the view with every field present, the proposal and its
// version, the round's counts (the only thing shown before the reveal), objections and the
// decision. Every participant text is rendered as text by Lit (never as HTML).
import { html, nothing } from 'lit';
import { t, icon, lang } from 'fabrique/kit.js';
import { positionIcon, positionLabel, POSITIONS } from './positions.js';

// The format's limits (formats/consent/commands.py).
export const LIMITS = { title: 120, text: 4000, question: 280, answer: 1000, reaction: 280, reason: 500, note: 500 };

// The format's commands.
export const C = {
  write: 'consent.write_proposal',
  ask: 'consent.ask',
  answer: 'consent.answer',
  react: 'consent.react',
  amend: 'consent.amend',
  position: 'consent.give_position',
  examine: 'consent.examine_objection',
  withdraw: 'consent.withdraw_objection',
  decide: 'consent.decide',
};

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = {
  proposal: 'pencil',
  clarification: 'hand',
  reactions: 'users',
  amendment: 'duplicate',
  objections: 'alert',
  integration: 'merge',
  decision: 'check',
};

const list = (v) => (Array.isArray(v) ? v : []);

/** The format's view with every field present, whatever the server sent (formats/consent/view.py). */
export function consentView(activity) {
  const v = activity?.view ?? {};
  const version = v.version ?? null;
  const round = v.round ?? null;
  return {
    title: v.title ?? '',
    text: version?.text ?? '',
    version: version?.number ?? 0,
    current: version,
    versions: list(v.versions),
    diff: version && version.number > 1 ? version.diff : null,
    proposers: list(v.proposers),
    proposer_count: v.proposer_count ?? 0,
    questions: list(v.questions),
    reactions: list(v.reactions),
    eligible: v.eligible ?? 0,
    round: {
      started: Boolean(round),
      id: round?.id ?? null,
      number: round?.number ?? 0,
      version: round?.version ?? null,
      // `round` is the round on the current version (null until its first position); earlier
      // rounds stay in `rounds`: rounds but no current one means the version has no answer yet.
      stale: !round && list(v.rounds).length > 0,
      answered: round?.answered ?? 0,
      expected: round?.eligible ?? v.eligible ?? 0,
      complete: Boolean(round?.complete),
      revealed: Boolean(round?.shown),
      counts: round?.counts ?? null,
      hands: round?.hands ?? null,
      hand_items: round?.hand_items ?? {},
      positions: list(round?.positions),
    },
    rounds: list(v.rounds),
    objections: list(v.objections),
    blocking_count: v.blocking_count ?? 0,
    can_adopt: Boolean(v.can_adopt),
    adopt_refusal: v.adopt_refusal ?? null,
    decision: {
      status: v.outcome?.kind ?? null,
      note: v.outcome?.note ?? '',
      at: v.outcome?.at ?? '',
      concerns: list(v.concerns),
      quorum: v.quorum ?? null,
    },
  };
}

/** Questions, reactions, positions and objections, for the shells' announcements. */
export function contributionCount(activity) {
  const view = consentView(activity);
  return view.questions.length + view.reactions.length + view.round.answered + view.objections.length;
}

/** "Camille", "Participant·e 3", or "a participant" when nobody is named. */
export function personLabel(person) {
  if (person?.name) return person.name;
  if (person?.number) return t('participant.anonymous', { number: person.number });
  return t('consent.someone');
}

/** Who wrote an item: "you", a name, "entered by the scribe for …". */
export function byline(item, { mine = false } = {}) {
  const parts = [];
  if (mine) parts.push(t('consent.you'));
  else if (item?.author) parts.push(personLabel(item.author));
  if (item?.proxy) parts.push(t('consent.by_proxy'));
  if (!parts.length) return nothing;
  return html`<span class="consent-by">${icon('user')} ${parts.join(' · ')}</span>`;
}

/** Typed text as typed: one paragraph per line. */
export function textBlock(text, cls = '') {
  if (!text) return nothing;
  return html`<div class="consent-proposal__text ${cls}">${String(text)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => html`<p>${line}</p>`)}</div>`;
}

export function proposerNames(view) {
  return view.proposers.map((p) => personLabel(p)).join(', ');
}

/** "Version 2" (said as such to screen readers too). */
export function versionTag(number) {
  if (!number) return nothing;
  return html`<span class="consent-version" data-testid="version" data-version=${number}>${icon('duplicate')} ${t('consent.version', { number })}</span>`;
}

/** The proposal as it stands: title, version, text, who brings it. */
export function proposalBlock(view, { cls = '', showBy = true } = {}) {
  if (!view.text && !view.title) {
    return html`<p class="consent-empty" data-testid="proposal-empty">${icon('hourglass')} ${t('consent.proposal.waiting')}</p>`;
  }
  const by = proposerNames(view);
  return html`<article class="consent-proposal ${cls}" data-testid="proposal" aria-labelledby="consent-proposal-title">
    <div class="consent-proposal__head">
      <h2 class="consent-proposal__title" id="consent-proposal-title">${view.title || t('consent.proposal.untitled')}</h2>
      ${versionTag(view.version)}
    </div>
    ${textBlock(view.text)}
    ${showBy && by ? html`<p class="consent-proposal__by" data-testid="proposer-name">${icon('badge')} ${t('consent.proposer_is', { name: by })}</p>` : nothing}
  </article>`;
}

/** "12 / 20 ont répondu": what every screen shows of the round before the reveal. */
export function answeredLine(view) {
  const { answered, expected } = view.round;
  return html`<p class="consent-answered" data-testid="answered-count" data-answered=${answered} data-expected=${expected}>
    ${icon('users')} ${t('consent.round.answered', { count: answered, total: expected })}</p>`;
}

/** The counts of each position once revealed (with raised hands added, said apart). */
export function tallyList(view) {
  const counts = view.round.counts ?? {};
  const hands = view.round.hands ?? {};
  return html`<ul class="consent-tally" data-testid="tally">
    ${POSITIONS.map((p) => html`<li class="consent-tally__item" data-testid="tally-${p}" data-count=${counts[p] ?? 0}>
      ${positionIcon(p)} <span class="consent-tally__count">${counts[p] ?? 0}</span>
      <span class="consent-tally__words">${positionLabel(p)}${hands[p]
        ? html` <span class="consent-tally__hands">${t('consent.round.hands_included', { count: hands[p] })}</span>`
        : nothing}</span>
    </li>`)}
  </ul>`;
}

export const OBJECTION_STATES = ['open', 'reasoned', 'set_aside', 'integrated', 'withdrawn'];
const STATE_ICONS = { open: 'hourglass', reasoned: 'alert', set_aside: 'minus', integrated: 'check', withdrawn: 'undo' };

/** An objection's state in a word and an icon. */
export function objectionStatus(status) {
  const s = OBJECTION_STATES.includes(status) ? status : 'open';
  return html`<span class="consent-status consent-status--${s}" data-testid="objection-status" data-status=${s}>
    ${icon(STATE_ICONS[s])} ${t(`consent.objection.status.${s}`)}</span>`;
}

export const DECISIONS = ['adopted', 'postponed', 'withdrawn'];
const DECISION_ICONS = { adopted: 'check', postponed: 'clock', withdrawn: 'close' };

/** Quorum reached or not, in words and an icon (nothing when the activity sets none). */
export function quorumLine(view) {
  const q = view.decision.quorum;
  if (!q || !q.required) return nothing;
  return html`<p class="consent-quorum" data-testid="quorum" data-reached=${q.reached ? 'true' : 'false'}>
    ${icon(q.reached ? 'check' : 'alert')} ${t(q.reached ? 'consent.quorum.reached' : 'consent.quorum.missing', { present: q.present ?? 0, required: q.required })}</p>`;
}

/** "3 décembre 2026": the day a decision was taken, in the screen's language. */
function dayOf(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang(), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** The decision once taken (adopted, postponed, withdrawn) with the concerns recorded. */
export function decisionBlock(view) {
  const status = view.decision.status;
  return html`<section class="consent-decision ${status ? `consent-decision--${status}` : ''}" data-testid="decision" data-status=${status ?? 'pending'}>
    <p class="consent-decision__status">${status
      ? html`${icon(DECISION_ICONS[status] ?? 'info')} ${t(`consent.decision.${status}`)}`
      : html`${icon('hourglass')} ${t('consent.decision.pending')}`}</p>
    ${status && view.decision.at ? html`<p class="consent-decision__when" data-testid="decision-date">${t('consent.decision.on', { date: dayOf(view.decision.at) })}</p>` : nothing}
    ${view.decision.note ? html`<p class="consent-answer" data-testid="decision-note-text">${view.decision.note}</p>` : nothing}
    ${quorumLine(view)}
    ${view.decision.concerns.length
      ? html`<h3>${t('consent.decision.concerns', { count: view.decision.concerns.length })}</h3>
          <ul class="consent-list">${view.decision.concerns.map((c) => html`<li class="consent-item" data-testid="concern">
            <p class="consent-item__text">${c.text ?? c.reason ?? ''}</p>
            <div class="consent-item__meta">${byline(c)}</div></li>`)}</ul>`
      : nothing}
  </section>`;
}
