// What the three-year review's screens share: the view read once with every field present, the
// commands, the years' names, the kinds of events and their pictograms, bylines. Every rule
// (ranking, means, quadrants, what one may do) comes from the server's view and `can`; the
// screens only draw. Participant text is rendered by Lit text bindings (escaped).
import { html, nothing, svg } from 'lit';
import { icon, lang, loc, t } from 'fabrique/kit.js';

// The format's limits (formats/review/protocol.md).
export const LIMITS = { text: 280, axis: 80, owner: 120, criterion: 500 };

/** The commands the screens send. */
export const CMD = {
  setYears: 'review.set_years',
  addEvent: 'review.add_event',
  editEvent: 'review.edit_event',
  removeEvent: 'review.remove_event',
  moveEvent: 'review.move_event',
  mergeEvents: 'review.merge_events',
  addReflection: 'review.add_reflection',
  removeReflection: 'review.remove_reflection',
  vote: 'review.vote',
  unvote: 'review.unvote',
  addAxis: 'review.add_axis',
  renameAxis: 'review.rename_axis',
  propose: 'review.propose',
  removeObjective: 'review.remove_objective',
  rate: 'review.rate',
  commit: 'review.commit',
  editCommitment: 'review.edit_commitment',
  removeCommitment: 'review.remove_commitment',
};

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = {
  timeline: 'clock',
  looking_back: 'undo',
  aspirations: 'idea',
  priorities: 'podium',
  commitments: 'check',
};

export const KINDS = ['success', 'difficulty', 'turning_point', 'lesson'];
export const COLUMNS = ['proud', 'regret', 'learned'];
export const QUADRANTS = ['priority', 'major_project', 'quick_win', 'later'];
export const LEVELS = [1, 2, 3, 4];

const list = (v) => (Array.isArray(v) ? v : []);

/** Three slots, by year index, whatever the server sent. */
function years(held) {
  return [0, 1, 2].map((index) => ({ index, year: list(held).find((y) => y.index === index)?.year ?? null }));
}

/** The format's view with every field present (formats/review/protocol.md). */
export function reviewView(activity) {
  const v = activity?.view ?? {};
  const timeline = [0, 1, 2].map((index) => {
    const held = list(v.timeline).find((y) => y.index === index) ?? {};
    return { index, year: held.year ?? null, events: list(held.events) };
  });
  const reflections = Object.fromEntries(COLUMNS.map((c) => [c, list(v.reflections?.[c])]));
  return {
    title: v.title ?? '',
    first: v.years?.first ?? null,
    past: years(v.years?.past),
    next: years(v.years?.next),
    kinds: list(v.kinds).length ? v.kinds : KINDS,
    timeline,
    events: timeline.flatMap((y) => y.events.map((e, position) => ({ ...e, year: y.index, position }))),
    event_count: v.event_count ?? timeline.reduce((n, y) => n + y.events.length, 0),
    reflections,
    lessons: list(v.lessons),
    dots: v.dots ?? 0,
    axes: list(v.axes),
    objectives: list(v.objectives),
    eligible: v.eligible ?? 0,
    commitments: list(v.commitments),
  };
}

/** Events, reflections, lessons, objectives and commitments, for the shells' announcements. */
export function contributionCount(activity) {
  const view = reviewView(activity);
  const reflections = Object.values(view.reflections).reduce((n, items) => n + items.length, 0);
  return view.event_count + reflections + view.lessons.length + view.objectives.length + view.commitments.length;
}

// ------------------------------------------------------------------ years

const PAST_PLACES = ['review.year.past_0', 'review.year.past_1', 'review.year.past_2'];
const NEXT_PLACES = ['review.year.next_0', 'review.year.next_1', 'review.year.next_2'];

/** A past year's name: "2024", or its place ("Il y a deux ans") while the years are not set. */
export function pastYear(view, index) {
  const year = view.past[index]?.year;
  return year ? String(year) : t(PAST_PLACES[index] ?? PAST_PLACES[0]);
}

/** One of the next three years: "2027", or "L'an prochain". */
export function nextYear(view, index) {
  const year = view.next[index]?.year;
  return year ? String(year) : t(NEXT_PLACES[index] ?? NEXT_PLACES[0]);
}

// ------------------------------------------------------------------ numbers, people

/** "3,5" in French, "3.5" in English; "—" when there is none. */
export function mean(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(Number(value));
}

/** "Camille", "Participant·e 3", or nothing in an anonymous activity. */
export function personLabel(person) {
  if (person?.name) return person.name;
  if (person?.number) return t('participant.anonymous', { number: person.number });
  return '';
}

/** Who wrote an item: "you", a name, "entered for …". */
export function byline(item, { mine = false } = {}) {
  const parts = [];
  if (mine) parts.push(t('review.you'));
  else if (item?.author) parts.push(personLabel(item.author));
  if (item?.proxy) parts.push(t('review.by_proxy'));
  if (item?.noted) parts.push(t('review.noted'));
  const words = parts.filter(Boolean);
  if (!words.length) return nothing;
  return html`<span class="review-by">${icon('user')} ${words.join(' · ')}</span>`;
}

/** "Sending…" or "kept, will be sent" for an item not yet in the view. */
export function sendingLine(ctx) {
  return html`<span class="review-sending">${icon('hourglass')} ${ctx.connected ? t('review.sending') : t('review.kept')}</span>`;
}

/** The commands of one type still on their way (the outbox and accepted ones not yet in the view). */
export function pendingOf(ctx, type) {
  return ctx.pending.filter((c) => c.type === type);
}

// ------------------------------------------------------------------ kinds of events

// Each kind has its own pictogram (a star, a warning triangle, a turning arrow, a bulb) and its
// word: the colour of its border only repeats them.
const KIND_PATHS = {
  success: svg`<path d="M12 2l3 6.5 7 .9-5.2 4.8 1.4 7L12 17.7 5.8 21.2l1.4-7L2 9.4l7-.9Z"/>`,
  difficulty: svg`<path d="M12 3 2 21h20Z"/><path d="M12 10v5"/><path d="M12 18v.5"/>`,
  turning_point: svg`<path d="M4 20v-7a5 5 0 0 1 5-5h11"/><path d="m16 4 4 4-4 4"/>`,
  lesson: svg`<path d="M9 18h6"/><path d="M10 22h4"/><path d="M12 2a7 7 0 0 0-4 12.7V16h8v-1.3A7 7 0 0 0 12 2Z"/>`,
};

export function kindIcon(kind) {
  return html`<svg class="icon review-kind__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${KIND_PATHS[kind] ?? KIND_PATHS.lesson}</svg>`;
}

export function kindName(kind) {
  return t(`review.kind.${KINDS.includes(kind) ? kind : 'lesson'}`);
}

/** A kind said by its pictogram and its word (never by colour alone). */
export function kindTag(kind) {
  const k = KINDS.includes(kind) ? kind : 'lesson';
  return html`<span class="review-kind review-kind--${k}" data-kind=${k}>${kindIcon(k)}<span>${kindName(k)}</span></span>`;
}

// ------------------------------------------------------------------ quadrants

const QUADRANT_ICONS = { priority: 'check', major_project: 'podium', quick_win: 'arrowRight', later: 'hourglass' };

/** An objective's quadrant in a word and a pictogram ("Priorité"). */
export function quadrantTag(quadrant) {
  if (!QUADRANTS.includes(quadrant)) return html`<span class="review-quadrant review-quadrant--none">${t('review.quadrant.none')}</span>`;
  return html`<span class="review-quadrant review-quadrant--${quadrant}" data-quadrant=${quadrant}>${icon(QUADRANT_ICONS[quadrant])} ${t(`review.quadrant.${quadrant}`)}</span>`;
}

/** An axis's title in the screen's language (a default axis not renamed has both). */
export function axisName(axis) {
  if (!axis) return '';
  return (axis.titles && typeof axis.titles === 'object' ? loc(axis.titles) : '') || axis.title || '';
}

export function axisTitle(view, id) {
  return axisName(view.axes.find((a) => a.id === id));
}

/** "Communication interne · 2027": where an objective stands. */
export function objectiveWhere(view, objective) {
  return [axisTitle(view, objective.axis_id), nextYear(view, objective.year)].filter(Boolean).join(' · ');
}

/** "Importance 3,5 · Faisabilité 2,3 · 4 / 7 ont noté": what the room said of an objective. */
export function meansLine(objective, eligible) {
  const imp = objective.importance ?? {};
  const fea = objective.feasibility ?? {};
  const count = objective.raters ?? Math.max(imp.count ?? 0, fea.count ?? 0);
  return t('review.means', { importance: mean(imp.mean), feasibility: mean(fea.mean), count, total: Math.max(eligible ?? 0, count) });
}
