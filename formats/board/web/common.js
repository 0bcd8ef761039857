// Shared pieces of the sticky-note board's three renderers.
import { html, nothing } from 'lit';
import { t, icon, personName, rankedList } from 'fabrique/kit.js';

export const MAX_NOTE = 280;

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = { write: 'pencil', reveal: 'eye', group: 'groups', vote: 'dot', results: 'podium' };

export function boardView(activity) {
  const v = activity?.view ?? {};
  return {
    question: v.question ?? '',
    dots: v.dots ?? 0,
    groups: Array.isArray(v.groups) ? v.groups : [],
    notes: Array.isArray(v.notes) ? v.notes : [],
    note_count: v.note_count ?? 0,
    written_count: v.written_count ?? v.note_count ?? 0,
    merged_count: v.merged_count ?? 0,
    hidden_count: v.hidden_count ?? 0,
    votes_cast: v.votes_cast ?? 0,
    voters: v.voters ?? 0,
    results: Array.isArray(v.results) ? v.results : [],
  };
}

/** How many notes the screens show, for the shells' "new contributions" announcements. */
export function contributionCount(activity) {
  const view = boardView(activity);
  return Math.max(view.written_count, view.notes.length);
}

/** "Sur le mur : 4 post-it (6 écrits, 2 fusionnés avec d'autres)": the server's counts. */
export function wallLine(view) {
  const line = t('board.wall_line', { count: view.note_count });
  if (view.written_count === view.note_count) return line;
  const parts = [t('board.written_detail', { count: view.written_count })];
  if (view.merged_count) parts.push(t('board.merged_detail', { count: view.merged_count }));
  if (view.hidden_count) parts.push(t('board.hidden_detail', { count: view.hidden_count }));
  return `${line} (${parts.join(', ')})`;
}

/** Notes by group, in the groups' order; notes without a group last ("Sans groupe") or first. */
export function sections(view, { looseFirst = false } = {}) {
  const byGroup = new Map(view.groups.map((g) => [g.id, []]));
  const loose = [];
  for (const note of view.notes) (byGroup.get(note.group_id) ?? loose).push(note);
  const out = view.groups.map((group) => ({ group, notes: byGroup.get(group.id) }));
  if (loose.length || !view.groups.length) {
    if (looseFirst) out.unshift({ group: null, notes: loose });
    else out.push({ group: null, notes: loose });
  }
  return out;
}

export function groupTitle(view, groupId) {
  return view.groups.find((g) => g.id === groupId)?.title ?? '';
}

function mergedText(m) {
  return typeof m === 'string' ? m : m?.text ?? '';
}

/** The texts of notes merged into this one. */
export function mergedTemplate(note) {
  const merged = Array.isArray(note.merged) ? note.merged : [];
  if (!merged.length) return nothing;
  return html`<div class="board-note__merged">
    <p class="board-note__merged-label">${icon('merge')} ${t('board.merged', { count: merged.length })}</p>
    <ul>
      ${merged.map((m) => html`<li>${mergedText(m)}</li>`)}
    </ul>
  </div>`;
}

/**
 * Who wrote a note, where the activity names people (`note.author`), and whether it was entered
 * for someone without a phone or edited by the facilitator: words and icons, not colour.
 */
export function noteMeta(note, { cls = 'board-note__meta' } = {}) {
  const name = note.author ? personName(note.author) : '';
  const proxy = note.proxy || note.author?.proxy;
  const parts = [];
  if (name) parts.push(html`<span class="board-note__author" data-testid="note-author">${icon('user')} ${name}</span>`);
  if (proxy) {
    parts.push(html`<span class="board-note__proxy" data-testid="note-proxy">${
      name ? t('board.proxy_for', { name }) : t('board.proxy_room')}</span>`);
  }
  if (note.edited) {
    parts.push(html`<span class="board-note__edited" data-testid="note-edited">${icon('pencil')} ${t('board.edited')}</span>`);
  }
  return parts.length ? html`<p class="${cls} board-note__byline">${parts}</p>` : nothing;
}

/** A result's score: its dots plus any show of hands counted in the room. */
export function scoreOf(r) {
  return r.total ?? (r.votes ?? 0) + (r.hands ?? 0);
}

/** "+ 3 mains levées" next to a result's dots, when hands were counted. */
export function handsTemplate(r) {
  return r.hands
    ? html`<span class="board-result__hands" data-testid="result-hands">${icon('hand')} ${t('board.hands', { count: r.hands })}</span>`
    : nothing;
}

/** Ranked results: the number of dots is written, the bar only repeats it. */
export function resultsTemplate(view, { limit = Infinity } = {}) {
  const results = view.results.slice(0, limit);
  if (!results.length) return html`<p class="empty">${t('board.results.empty')}</p>`;
  return rankedList(results, {
    all: view.results,
    score: scoreOf,
    item: (r, { rank, bar }) => {
      const group = groupTitle(view, r.group_id);
      return html`<li class="ranked__item" data-testid="note" data-note-id=${r.id} data-rank=${r.rank}>
        ${rank}
        <div class="ranked__body">
          ${group ? html`<p class="board-result__group">${group}</p>` : nothing}
          <p class="board-result__text">${r.text}</p>
          ${bar}
        </div>
        <span class="ranked__side"><span data-testid="result-votes">${t('board.votes', { count: r.votes ?? 0 })}</span>
          ${handsTemplate(r)}</span>
      </li>`;
    },
  });
}

/** Dots drawn and written: "●●○ 2 gommettes". */
export function dotsTemplate(filled, total = filled) {
  const dots = [];
  for (let i = 0; i < total; i++) dots.push(icon(i < filled ? 'dot' : 'dotEmpty', 'board-dot'));
  return html`<span class="board-dots" aria-hidden="true">${dots}</span>`;
}
