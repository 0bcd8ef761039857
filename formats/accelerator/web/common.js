// Shared pieces of the project accelerator's three renderers (phone, console, room screen).
// Every participant text is rendered as text by Lit (never as HTML).
import { html, nothing } from 'lit';
import { t, icon } from 'fabrique/kit.js';

// The format's limits (formats/accelerator/commands.py).
export const LIMITS = {
  problem: 300,
  presentation: 4000,
  point: 200,
  question: 280,
  answer: 1000,
  request: 500,
  contribution: 500,
  theme: 80,
  synthesis: 4000,
  what: 200,
  who: 80,
  when: 40,
  takeaway: 280,
  name: 40,
};

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = {
  presentation: 'user',
  questions: 'hand',
  request: 'spotlight',
  exchanges: 'idea',
  synthesis: 'template',
  closing: 'users',
};

export const KINDS = ['idea', 'experience', 'warning'];
const KIND_ICONS = { idea: 'idea', experience: 'users', warning: 'alert' };

const list = (v) => (Array.isArray(v) ? v : []);

/** The format's view with every field present, whatever the server sent. */
export function accView(activity) {
  const v = activity?.view ?? {};
  const round = v.round ?? {};
  return {
    project: v.project ?? '',
    problem: v.problem ?? '',
    presentation: v.presentation ?? '',
    points: list(v.points),
    holders: list(v.holders),
    holder_count: v.holder_count ?? 0,
    questions: list(v.questions),
    request: v.request ?? '',
    request_versions: v.request_versions ?? 0,
    first_request: v.first_request ?? null,
    themes: list(v.themes),
    contributions: list(v.contributions),
    synthesis: v.synthesis ?? '',
    actions: list(v.actions),
    round: {
      status: round.status ?? 'not_started',
      current: round.current ?? null,
      said: round.said ?? 0,
      turns: list(round.turns),
    },
    scribe_name: v.scribe_name ?? '',
  };
}

/** Questions, points, contributions and actions shown, for the shells' announcements. */
export function contributionCount(activity) {
  const view = accView(activity);
  return view.points.length + view.questions.length + view.contributions.length + view.actions.length;
}

/** "Camille", "Participant·e 3", or the place in an anonymous round ("Personne 2"). */
export function personLabel(person, place) {
  if (person?.name) return person.name;
  if (person?.number) return t('participant.anonymous', { number: person.number });
  return t('accelerator.round.place', { number: place ?? '' });
}

export function holderNames(view) {
  return view.holders.map((h) => personLabel(h)).join(', ');
}

/**
 * "noted by …" or "edited by …" (`did`: by | edited) for the scribe or a facilitator (`who`):
 * the scribe by the name the minutes are signed with, once signed.
 */
export function staffWords(did, who, scribeName) {
  if (who === 'scribe' && scribeName) return t(`accelerator.${did}.named`, { name: scribeName });
  return t(`accelerator.${did}.${who === 'facilitator' ? 'facilitator' : 'scribe'}`);
}

/**
 * "Edited by the facilitator" (or "by" the scribe) when staff changed someone's words: the
 * board's marker, in words and an icon.
 */
export function editedMark(item, scribeName = '') {
  if (!item?.edited) return nothing;
  const by = item.edited_by === 'scribe' ? 'scribe' : 'facilitator';
  return html`<span class="accelerator-edited" data-testid="edited" data-edited-by=${by}>${icon('pencil')} ${staffWords('edited', by, scribeName)}</span>`;
}

/**
 * Who wrote an item, in small words: "Camille", "noted by Nicolas", "Camille · noted by the
 * facilitator" (said aloud), "for Lou (no phone)"; "you" on the author's own phone (`mine`);
 * and whether staff edited it. `scribe`: the name the minutes are signed with.
 */
export function byline(item, { mine = false, scribe = '' } = {}) {
  const parts = [];
  if (mine) parts.push(t('accelerator.you'));
  else if (item.author) parts.push(personLabel(item.author));
  if (item.proxy) parts.push(t('accelerator.by.proxy'));
  if (item.noted) parts.push(staffWords('by', item.noted_by, scribe));
  if (!parts.length && !item.edited) return nothing;
  return html`<p class="accelerator-by accelerator-by--line">${parts.length
      ? html`<span class="accelerator-by__who">${icon(item.noted ? 'pencil' : 'user')} ${parts.join(' · ')}</span>`
      : nothing}${editedMark(item, scribe)}</p>`;
}

// A line typed as a list item ("- ", "• "…) is shown as one (as in the minutes).
const BULLET = /^\s*[-*•·–]\s+/;

/** Typed text as typed: one paragraph per line, lines typed as list items as a list. */
export function textBlock(text, cls = '') {
  if (!text) return nothing;
  const blocks = [];
  let items = null;
  for (const line of String(text).split('\n')) {
    if (!line.trim()) {
      items = null;
      continue;
    }
    const bullet = line.match(BULLET);
    if (bullet) {
      if (!items) blocks.push({ items: (items = []) });
      items.push(line.slice(bullet[0].length));
    } else {
      items = null;
      blocks.push({ line });
    }
  }
  return html`<div class="accelerator-text ${cls}">
    ${blocks.map((b) => (b.items
      ? html`<ul class="accelerator-bullets">${b.items.map((i) => html`<li>${i}</li>`)}</ul>`
      : html`<p>${b.line}</p>`))}
  </div>`;
}

export function kindLabel(kind) {
  return t(`accelerator.kind.${KINDS.includes(kind) ? kind : 'idea'}`);
}

/** The kind of a contribution said with an icon and a word (never by colour alone). */
export function kindTag(kind) {
  const k = KINDS.includes(kind) ? kind : 'idea';
  return html`<span class="accelerator-kind accelerator-kind--${k}">${icon(KIND_ICONS[k])} ${kindLabel(k)}</span>`;
}

export function kindIcon(kind) {
  return icon(KIND_ICONS[KINDS.includes(kind) ? kind : 'idea']);
}

/** "Answered", "Set aside", "Waiting for an answer": a word and an icon. */
export function statusTag(status) {
  const s = ['answered', 'skipped'].includes(status) ? status : 'open';
  const pict = s === 'answered' ? 'check' : s === 'skipped' ? 'skip' : 'hourglass';
  return html`<span class="accelerator-status accelerator-status--${s}" data-testid="question-status" data-status=${s}>
    ${icon(pict)} ${t(`accelerator.question.${s}`)}</span>`;
}

/** Contributions by theme, in the themes' order; those without a theme last. */
export function byTheme(view) {
  const groups = view.themes.map((theme) => ({ theme, items: [] }));
  const index = new Map(groups.map((g) => [g.theme.id, g]));
  const loose = [];
  for (const c of view.contributions) (index.get(c.theme_id)?.items ?? loose).push(c);
  if (loose.length || !groups.length) groups.push({ theme: null, items: loose });
  return groups;
}

/** The turn speaking now, or null. */
export function currentTurn(view) {
  return view.round.turns.find((turn) => turn.id === view.round.current) ?? null;
}

/** The next turn after the current one, or null. */
export function nextTurn(view) {
  const turns = view.round.turns;
  const i = turns.findIndex((turn) => turn.id === view.round.current);
  return i >= 0 && i + 1 < turns.length ? turns[i + 1] : null;
}

/** A person's tags in the round: remote, no phone, holder (words and icons). */
export function personTags(turn) {
  return html`${turn.remote ? html`<span class="tag">${icon('remote')} ${t('accelerator.remote')}</span>` : nothing}
    ${turn.holder ? html`<span class="tag">${icon('badge')} ${t('accelerator.holder')}</span>` : nothing}`;
}

/** The action plan as a table (console, room) — a list of cards on phones (see participant.js). */
export function actionsTable(view, { extra } = {}) {
  if (!view.actions.length) return html`<p class="empty">${t('accelerator.plan.empty')}</p>`;
  return html`<table class="accelerator-plan" data-testid="action-plan">
    <thead>
      <tr>
        <th scope="col">${t('accelerator.plan.what')}</th>
        <th scope="col">${t('accelerator.plan.who')}</th>
        <th scope="col">${t('accelerator.plan.when')}</th>
        ${extra ? html`<th scope="col"><span class="sr-only">${t('accelerator.plan.tools')}</span></th>` : nothing}
      </tr>
    </thead>
    <tbody>
      ${view.actions.map(
        (a) => html`<tr data-testid="action" data-action-id=${a.id}>
          <td>${a.what}</td>
          <td>${a.who || '—'}</td>
          <td>${a.when || '—'}</td>
          ${extra ? html`<td>${extra(a)}</td>` : nothing}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The key points of the presentation. */
export function pointsList(view, { extra } = {}) {
  if (!view.points.length) return nothing;
  return html`<section class="accelerator-points" aria-labelledby="accelerator-points-title">
    <h3 id="accelerator-points-title">${t('accelerator.points.title')}</h3>
    <ul class="accelerator-bullets">
      ${view.points.map((p) => html`<li data-testid="point" data-point-id=${p.id}><span>${p.text}</span>${extra ? extra(p) : nothing}</li>`)}
    </ul>
  </section>`;
}

// The steps that work on the request of step 3 (in its last wording), not on the problem.
export const AFTER_REQUEST = ['exchanges', 'synthesis', 'closing'];

/** The problem of step 1, as the first three steps show it. */
export function problemLine(view) {
  if (!view.problem) return nothing;
  return html`<p class="accelerator-problem" data-testid="problem"><span class="accelerator-problem__label">${t('accelerator.problem')}</span> ${view.problem}</p>`;
}

/**
 * What the group works on from step 4: the request as last worded (the problem when no request
 * was written). The room screen shows it larger than anything but the step's title.
 */
export function requestLine(view) {
  if (!view.request) return problemLine(view);
  // A long request (500 characters at most) takes a size that still leaves room for the step.
  const long = view.request.length > 200 ? 'accelerator-current-request--long' : '';
  return html`<p class="accelerator-current-request ${long}" data-testid="current-request">
    ${icon('spotlight')}<span><span class="accelerator-current-request__label">${t('accelerator.request.line')}</span> ${view.request}</span>
  </p>`;
}

/** What the step is about: the problem until the request is made, the request after. */
export function aboutLine(view, step) {
  return AFTER_REQUEST.includes(step) ? requestLine(view) : problemLine(view);
}

/**
 * The project and its holder, then what the step works on (`about: false` leaves it out;
 * `holder: false` leaves out the holder's name, on the holder's own phone).
 */
export function projectHead(view, { step, about = true, holder = true } = {}) {
  const holders = holder ? holderNames(view) : '';
  return html`<div class="accelerator-head">
    ${view.project || holders
      ? html`<p class="accelerator-head__who">
          ${view.project ? html`<span class="accelerator-head__project">${view.project}</span>` : nothing}
          ${holders
            ? html`<span class="accelerator-head__holder" data-testid="holder-name">${icon('badge')} ${t('accelerator.holder_is', { name: holders })}</span>`
            : nothing}
        </p>`
      : nothing}
    ${about ? aboutLine(view, step) : nothing}
  </div>`;
}

/**
 * The exchanges of step 4 in short, by theme: what the holder sums up in step 5. Each kind is
 * said by a word and an icon.
 */
export function exchangesRecap(view) {
  const groups = byTheme(view).filter((g) => g.items.length);
  if (!groups.length) return html`<p class="empty">${t('accelerator.contributions.empty')}</p>`;
  return html`${groups.map(({ theme, items }) => html`<section class="accelerator-recap__theme">
    ${view.themes.length
      ? html`<h3 class="accelerator-recap__title" data-testid="recap-theme">${theme ? theme.title : t('accelerator.no_theme')}</h3>`
      : nothing}
    <ul class="accelerator-recap__list">
      ${items.map((c) => html`<li class="accelerator-recap__item" data-testid="recap-item" data-kind=${c.kind}>
        ${kindTag(c.kind)} <span class="accelerator-recap__text">${c.text}</span>
        ${c.author ? html`<span class="accelerator-recap__who">— ${personLabel(c.author)}</span>` : nothing}
        ${editedMark(c, view.scribe_name)}
      </li>`)}
    </ul>
  </section>`)}`;
}

/** "Je souhaite que le groupe m'aide à…" as a quotation. */
export function requestQuote(view, { big = false } = {}) {
  if (!view.request) return html`<p class="empty" data-testid="request-empty">${t('accelerator.request.none')}</p>`;
  return html`<figure class="accelerator-request ${big ? 'accelerator-request--big' : ''}" data-testid="request">
    <blockquote><p>${view.request}</p></blockquote>
    ${view.request_versions > 1
      ? html`<figcaption>${t('accelerator.request.versions', { count: view.request_versions })}</figcaption>`
      : nothing}
  </figure>`;
}
