// Shared pieces of the cartography's three renderers: the view read once, with defaults, and the
// words that several screens say the same way.
import { html, nothing } from 'lit';
import { icon, loc, personName } from 'fabrique/kit.js';

export const MAX_TEXT = 280;
export const MAX_ORGANISATION = 80;
export const MAX_TOOL = 60;
export const MAX_HEADING = 60;

/** Why a tool is used, on the map (`colour`) — and in impact view, the mark's `impact_class`. */
export const KINDS = ['necessity', 'choice', 'mixed'];
export const IMPACT_CLASSES = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive', 'unrated'];

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = { inventory: 'pencil', map: 'groups', impacts: 'badge', stakes: 'idea', vote: 'dot', results: 'podium' };

const list = (value) => (Array.isArray(value) ? value : []);

/** A heading's words in the screen's language ({fr, en}, or a plain string). */
export function titleOf(title) {
  return typeof title === 'string' ? title : loc(title ?? {}) ?? '';
}

/** The format's view, read once with defaults (formats/cartography/protocol.md). */
export function cartoView(activity) {
  const v = activity?.view ?? {};
  const results = v.results && typeof v.results === 'object' ? v.results : null;
  return {
    organisations: list(v.organisations),
    purposes: list(v.purposes).map((p) => ({ ...p, name: titleOf(p.title) })),
    dimensions: list(v.dimensions).map((d) => ({ ...d, name: titleOf(d.title) })),
    scale: list(v.scale).length ? v.scale : [-2, -1, 0, 1, 2],
    tools: list(v.tools),
    map: v.map ?? null,
    list: list(v.list),
    impacts: list(v.impacts),
    spotlight: v.spotlight ?? null,
    shown_dimension: v.shown_dimension ?? null,
    stakes: list(v.stakes),
    results: results ? { stake: list(results.stake), criterion: list(results.criterion) } : null,
    dots: v.dots ?? 0,
    votes_cast: v.votes_cast ?? 0,
    voters: v.voters ?? 0,
    use_count: v.use_count ?? 0,
    with_organisation: v.participants_with_organisation ?? 0,
  };
}

/** Tools placed, impacts rated and stakes proposed, for the shells' announcements. */
export function contributionCount(activity) {
  const view = cartoView(activity);
  return Math.max(view.use_count, view.tools.length) + view.impacts.length + view.stakes.length;
}

/** The map as drawn: zones and marks, never missing (an empty map before the first tool).
 * `portrait`: the layout for phones held upright (`view.map.portrait`), when the view has it. */
export function mapOf(view, { portrait = false } = {}) {
  const m = (portrait ? view.map?.portrait : null) ?? view.map ?? {};
  return {
    width: m.width ?? 1600,
    height: m.height ?? 900,
    font_size: m.font_size ?? 20,
    title_size: m.title_size ?? 22,
    impact: Boolean(view.shown_dimension),
    zones: list(m.zones).map((z) => ({ ...z, id: z.purpose_id, name: titleOf(z.title) })),
    marks: list(m.marks),
    legend: list(m.legend),
  };
}

/** What a mark's look says: necessity / choice / mixed, or its impact class in impact view. */
export function kindOf(mark, impact = false) {
  if (impact) return mark?.impact_class ?? 'unrated';
  return mark?.colour ?? 'choice';
}

export function purposeName(view, id) {
  return view.purposes.find((p) => p.id === id)?.name ?? '';
}

export function dimensionName(view, id) {
  return view.dimensions.find((d) => d.id === id)?.name ?? '';
}

/** "+2", "−1", "0": a rating or an average, signed. */
export function signed(value) {
  if (value == null) return '';
  const n = Math.round(Number(value) * 10) / 10;
  const text = Number.isInteger(n) ? String(Math.abs(n)) : Math.abs(n).toFixed(1);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : '0';
}

/** "By necessity" / "by choice", always with its symbol (not by colour alone). */
export function kindTag(t, kind) {
  const symbol = { necessity: 'alert', choice: 'check' }[kind] ?? 'minus';
  return html`<span class="cartography-kind cartography-kind--${kind}" data-kind=${kind}>${icon(symbol)} ${t(`cartography.kind.${kind}`)}</span>`;
}

/** One note of the shared stakes (or a criterion), as the board shows its notes. */
export function stakeText(t, stake) {
  return html`<p class="cartography-stake__text" data-testid="stake-body">${stake.text}</p>
    ${stake.author ? html`<p class="cartography-stake__meta">${icon('user')} ${personName(stake.author)}</p>` : nothing}
    ${stake.proxy || stake.noted ? html`<p class="cartography-stake__meta" data-testid="stake-proxy">${icon('pencil')} ${t(stake.noted ? 'cartography.stakes.noted' : 'cartography.stakes.proxy')}</p>` : nothing}
    ${stake.edited ? html`<p class="cartography-stake__meta">${icon('pencil')} ${t('cartography.stakes.edited')}</p>` : nothing}`;
}

/** The commands the screens send (formats/cartography/protocol.md). */
export const CMD = {
  organisation: 'cartography.set_organisation',
  addUse: 'cartography.add_use',
  editUse: 'cartography.edit_use',
  removeUse: 'cartography.remove_use',
  rate: 'cartography.rate',
  addStake: 'cartography.add_stake',
  editStake: 'cartography.edit_stake',
  deleteStake: 'cartography.delete_stake',
  hideStake: 'cartography.hide_stake',
  addVote: 'cartography.add_vote',
  removeVote: 'cartography.remove_vote',
  mergeOrganisations: 'cartography.merge_organisations',
  mergeTools: 'cartography.merge_tools',
  addPurpose: 'cartography.add_purpose',
  renamePurpose: 'cartography.rename_purpose',
  removePurpose: 'cartography.remove_purpose',
  addDimension: 'cartography.add_dimension',
  renameDimension: 'cartography.rename_dimension',
  removeDimension: 'cartography.remove_dimension',
  spotlightZone: 'cartography.spotlight_zone',
  showDimension: 'cartography.show_dimension',
  importCsv: 'cartography.import_csv',
};
