// Shared pieces of the cartography's three renderers: the view read once, with defaults, and the
// words that several screens say the same way.
import { html, nothing } from 'lit';
import { icon } from 'fabrique/kit.js';

export const MAX_TEXT = 280;
export const MAX_NAME = 80;

/** Kinds of marks: why a tool is used (impact views use the server's levels the same way). */
export const KINDS = ['necessity', 'choice', 'mixed'];

/** The pictogram of each step (the shells show it next to the instructions). */
export const PICTOGRAMS = { inventory: 'pencil', map: 'groups', impacts: 'badge', stakes: 'idea', vote: 'dot' };

const list = (value) => (Array.isArray(value) ? value : []);

export function cartoView(activity) {
  const v = activity?.view ?? {};
  return {
    organisations: list(v.organisations),
    purposes: list(v.purposes),
    dimensions: list(v.dimensions),
    scale: list(v.scale),
    tools: list(v.tools),
    map: v.map ?? null,
    spotlight: v.spotlight_zone ?? v.spotlight ?? null,
    stakes: list(v.stakes),
    results: list(v.results),
    dots: v.dots ?? 0,
    votes_cast: v.votes_cast ?? 0,
    voters: v.voters ?? 0,
    line_count: v.line_count ?? 0,
    raw: v,
  };
}

/** The map as drawn: zones and marks, never missing (an empty map before the first tool). */
export function mapOf(view) {
  const m = view.map ?? {};
  return {
    width: m.width ?? 1600,
    height: m.height ?? 900,
    mode: m.mode ?? 'usage',
    dimension_id: m.dimension_id ?? null,
    font_size: m.font_size ?? 18,
    zones: list(m.zones),
    marks: list(m.marks),
  };
}

/** Why a mark is used: necessity, choice or mixed (the server's colour class). */
export function kindOf(mark) {
  return mark?.kind ?? mark?.cls ?? 'choice';
}

export function purposeName(view, id) {
  return view.purposes.find((p) => p.id === id)?.name ?? '';
}

export function toolName(view, id) {
  return view.tools.find((t) => t.id === id)?.name ?? '';
}

/** "By necessity" / "by choice", always with its symbol (not by colour alone). */
export function kindTag(t, kind) {
  const symbol = kind === 'necessity' ? 'alert' : kind === 'choice' ? 'check' : 'minus';
  return html`<span class="cartography-kind cartography-kind--${kind}" data-kind=${kind}>${icon(symbol)} ${t(`cartography.kind.${kind}`)}</span>`;
}

/** One note of the shared stakes (or a criterion), as the board shows its notes. */
export function stakeText(stake) {
  return html`<p class="cartography-stake__text" data-testid="stake-body">${stake.text}</p>
    ${stake.author ? html`<p class="cartography-stake__meta">${icon('user')} ${stake.author.name ?? stake.author}</p>` : nothing}`;
}

/** The commands the screens send (formats/cartography/protocol.md). */
export const CMD = {
  organisation: 'cartography.set_organisation',
  addLine: 'cartography.add_line',
  removeLine: 'cartography.remove_line',
  rate: 'cartography.rate',
  addStake: 'cartography.add_stake',
  removeStake: 'cartography.remove_stake',
  addVote: 'cartography.add_vote',
  removeVote: 'cartography.remove_vote',
  mergeOrganisations: 'cartography.merge_organisations',
  mergeTools: 'cartography.merge_tools',
  setPurposes: 'cartography.set_purposes',
  setDimensions: 'cartography.set_dimensions',
  spotlightZone: 'cartography.spotlight_zone',
  mapMode: 'cartography.set_map_mode',
};
