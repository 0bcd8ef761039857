// The map, drawn as inline SVG from the layout the server computed (`view.map`: zones, marks,
// label and title boxes, in a 1600×900 space; `view.map.portrait` in 900×1600 for phones held
// upright): the screens only draw what the view says, each text exactly as wide as its box. Necessity and
// choice (and impact classes) differ by a pattern and a symbol, not by colour alone; a text list
// (`view.list`) says the same for screen readers, and on phones with the "Liste" toggle.
import { html, svg, nothing } from 'lit';
import { loc } from 'fabrique/kit.js';
import { repeat } from 'lit/directives/repeat.js';
import { mapOf, kindOf, KINDS, IMPACT_CLASSES, signed, dimensionName } from './common.js';

let serial = 0;

/** Unique ids for one drawing's patterns (several maps may be on one page: console and preview). */
export function mapIds() {
  serial += 1;
  return `cartography-map-${serial}`;
}

function patterns(id) {
  return svg`<defs>
    <pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" class="cartography-pattern__ground--necessity"></rect>
      <rect width="2.4" height="6" class="cartography-pattern__stripe"></rect>
    </pattern>
    <pattern id="${id}-dots" patternUnits="userSpaceOnUse" width="9" height="9">
      <rect width="9" height="9" class="cartography-pattern__ground--mixed"></rect>
      <circle cx="4.5" cy="4.5" r="2" class="cartography-pattern__dot"></circle>
    </pattern>
  </defs>`;
}

function fillOf(id, kind) {
  if (kind === 'necessity') return `fill:url(#${id}-hatch)`;
  if (kind === 'mixed') return `fill:url(#${id}-dots)`;
  return nothing; // CSS colours the others (choice, impact classes)
}

/** The symbol in a mark's white disc: "!" necessity, a tick choice, half a disc mixed; in
 * impact view, chevrons down (worse) or up (better), a bar for neutral. */
function symbolOf(x, y, r, kind) {
  const s = Math.min(r * 0.5, 14);
  if (s < 4.5 || kind === 'unrated') return nothing;
  const chevron = (dy, up) => `M${x - s * 0.5} ${y + dy + (up ? s * 0.25 : -s * 0.25)}l${s * 0.5} ${up ? -s * 0.5 : s * 0.5}l${s * 0.5} ${up ? s * 0.5 : -s * 0.5}`;
  const paths = {
    necessity: `M${x} ${y - s * 0.55}V${y + s * 0.15}M${x} ${y + s * 0.5}v0.5`,
    choice: `M${x - s * 0.5} ${y + s * 0.02}l${s * 0.35} ${s * 0.38}l${s * 0.62} -${s * 0.76}`,
    very_negative: `${chevron(-s * 0.28, false)}${chevron(s * 0.28, false)}`,
    negative: chevron(0, false),
    neutral: `M${x - s * 0.5} ${y}h${s}`,
    positive: chevron(0, true),
    very_positive: `${chevron(-s * 0.28, true)}${chevron(s * 0.28, true)}`,
  };
  const half = kind === 'mixed'
    ? svg`<path class="cartography-mark__half" d="M${x} ${y - s * 0.62}A${s * 0.62} ${s * 0.62} 0 0 0 ${x} ${y + s * 0.62}Z"></path>
        <circle class="cartography-mark__ring" cx=${x} cy=${y} r=${s * 0.62}></circle>`
    : svg`<path d=${paths[kind] ?? ''}></path>`;
  return svg`<g class="cartography-mark__symbol" aria-hidden="true"><circle cx=${x} cy=${y} r=${s}></circle>${half}</g>`;
}

/**
 * The map as inline SVG. `opts`: `id` (the patterns' prefix, from mapIds()), `highlight` (tool
 * ids to stress: the phone's own tools), `title` (the accessible name; the drawing is an image,
 * its alternative is `mapList`).
 */
export function mapSvg(view, { id, highlight = new Set(), title = '', portrait = false } = {}) {
  const map = mapOf(view, { portrait });
  const spot = map.zones.some((z) => z.spotlit);
  const zones = new Map(map.zones.map((z) => [z.id, z]));
  const dim = (purposeId) => spot && !zones.get(purposeId)?.spotlit;
  return html`<svg class="cartography-map__svg" viewBox="0 0 ${map.width} ${map.height}" role="img"
      aria-label=${title} preserveAspectRatio="xMidYMid meet" data-testid="map-svg" data-mode=${map.impact ? 'impact' : 'usage'}>
    ${patterns(id)}
    <g class="cartography-zones">
      ${repeat(map.zones, (z) => z.id, (zone) => svg`<g class="cartography-zone-group ${dim(zone.id) ? 'cartography-zone-group--dim' : ''}"
          data-testid="map-zone" data-zone-id=${zone.id} data-spotlit=${zone.spotlit ? 'true' : 'false'}>
          <rect class="cartography-zone ${zone.spotlit ? 'cartography-zone--spot' : ''}" x=${zone.x + 3} y=${zone.y + 3}
            width=${Math.max(0, zone.w - 6)} height=${Math.max(0, zone.h - 6)} rx="10"></rect>
          ${titleLines(zone, map)}
          ${zone.overflow ? svg`<text class="cartography-zone__more" x=${zone.x + zone.w - 12} y=${zone.y + zone.h - 14}
            text-anchor="end" font-size=${map.font_size * 0.8}>+${zone.overflow}</text>` : nothing}
        </g>`)}
    </g>
    <g class="cartography-marks">
      ${repeat(map.marks, (m) => m.id, (mark) => {
        const kind = kindOf(mark, map.impact);
        return svg`<g class="cartography-mark cartography-mark--${kind} ${highlight.has(mark.tool_id) ? 'cartography-mark--mine' : ''} ${dim(mark.purpose_id) ? 'cartography-mark--dim' : ''}"
            data-testid="map-mark" data-mark-id=${mark.id} data-tool-id=${mark.tool_id} data-zone-id=${mark.purpose_id} data-kind=${kind}>
          <circle class="cartography-mark__dot" cx=${mark.x} cy=${mark.y} r=${mark.r} style=${fillOf(id, kind)}></circle>
          ${symbolOf(mark.x, mark.y, mark.r, kind)}
        </g>`;
      })}
    </g>
    <g class="cartography-labels" aria-hidden="true">
      ${repeat(map.marks.filter((m) => m.label_box), (m) => m.id, (mark) => {
        const box = mark.label_box;
        return svg`<text class="cartography-label ${mark.number != null ? 'cartography-label--number' : ''} ${dim(mark.purpose_id) ? 'cartography-label--dim' : ''}"
          x=${box.x + box.w / 2} y=${box.y + box.h / 2} text-anchor="middle" dominant-baseline="central"
          font-size=${mark.font_size ?? map.font_size} textLength=${box.w} lengthAdjust="spacingAndGlyphs"
          data-mark-id=${mark.id}>${mark.label ?? mark.name}</text>`;
      })}
    </g>
  </svg>`;
}

/**
 * A zone's title as the layout gave it: one or two lines in `title_box`, each drawn exactly as
 * wide as the server counted (`textLength`), so it stays in its zone whatever the font.
 */
function titleLines(zone, map) {
  const box = zone.title_box;
  const lines = box ? loc(zone.title_lines ?? {}) : '';
  if (!box || !Array.isArray(lines) || !lines.length) {
    // A view from before title boxes: one line in the header band.
    return svg`<text class="cartography-zone__label" x=${zone.x + zone.w / 2} y=${zone.y + (zone.header ?? 40) / 2 + 3}
      text-anchor="middle" dominant-baseline="central" font-size=${map.title_size}>${zone.name}</text>`;
  }
  const size = zone.title_size ?? map.title_size;
  const step = Math.round(size * 1.2);
  // A single line sits in the middle of the box (another language may need two).
  const top = lines.length === 1 ? box.y + box.h / 2 - step / 2 : box.y;
  return lines.map((line, i) => svg`<text class="cartography-zone__label" x=${box.x + box.w / 2} y=${top + step * (i + 0.5)}
      text-anchor="middle" dominant-baseline="central" font-size=${size}
      textLength=${Math.min(line.w, box.w)} lengthAdjust="spacingAndGlyphs">${line.text}</text>`);
}

function sample(id, kind) {
  return html`<svg class="cartography-legend__sample" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
    ${patterns(id)}
    <g class="cartography-mark cartography-mark--${kind}">
      <circle class="cartography-mark__dot" cx="20" cy="20" r="18" style=${fillOf(id, kind)}></circle>
      ${symbolOf(20, 20, 18, kind)}
    </g>
  </svg>`;
}

/** What each look of a mark means, with the same pattern and symbol as on the map; in impact
 * view, the classes of the dimension shown. Then the numbered names of crowded zones. */
export function legendTemplate(ctx, view, id) {
  const { t } = ctx;
  const map = mapOf(view);
  const kinds = map.impact ? IMPACT_CLASSES : KINDS;
  return html`<div class="cartography-legend-block">
    <ul class="cartography-legend" data-testid="map-legend" aria-label=${t('cartography.legend.label')}>
      ${map.impact ? html`<li class="cartography-legend__item cartography-legend__what">${t('cartography.impact_of', { dimension: dimensionName(view, view.shown_dimension) })}</li>` : nothing}
      ${kinds.map((kind) => html`<li class="cartography-legend__item" data-kind=${kind}>${sample(`${id}-legend-${kind}`, kind)}<span>${t(`cartography.kind.${kind}`)}</span></li>`)}
      <li class="cartography-legend__item cartography-legend__size">
        <svg class="cartography-legend__sample" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
          <circle class="cartography-legend__ring" cx="11" cy="28" r="7"></circle>
          <circle class="cartography-legend__ring" cx="26" cy="20" r="13"></circle>
        </svg>
        <span>${t('cartography.legend.size')}</span>
      </li>
    </ul>
  </div>`;
}

/**
 * The names of a crowded zone's numbered marks ("12 Framadate"), and the tools a zone could not
 * draw at all (`number` null: "Aussi dans Réseaux sociaux : …"). `more`: how many names did not
 * fit on this screen (the room says where to read them); `portrait`: those of the upright map.
 */
export function numbersTemplate(ctx, view, { more = 0, names = true, portrait = false } = {}) {
  const { t } = ctx;
  const legend = mapOf(view, { portrait }).legend;
  if (!legend.length) return nothing;
  const numbered = legend.filter((n) => n.number != null);
  const unplaced = new Map();
  for (const n of legend.filter((e) => e.number == null)) {
    unplaced.set(n.purpose_id, [...(unplaced.get(n.purpose_id) ?? []), n.name]);
  }
  const zoneName = (id) => view.purposes.find((p) => p.id === id)?.name ?? '';
  return html`<div class="cartography-numbers-block" data-testid="map-numbers-block">
    ${numbered.length
      ? html`<ol class="cartography-numbers" data-testid="map-numbers" aria-label=${t('cartography.legend.numbers')}>
          ${numbered.map((n) => html`<li><strong>${n.number}</strong> ${n.name}</li>`)}
        </ol>`
      : nothing}
    ${[...unplaced].map(([id, list]) => html`<p class="cartography-numbers__more" data-testid="map-unplaced">
      ${names ? t('cartography.legend.unplaced', { zone: zoneName(id), names: list.join(', ') })
        : t('cartography.legend.unplaced_count', { zone: zoneName(id), count: list.length })}</p>`)}
    ${more ? html`<p class="cartography-numbers__more" data-testid="map-numbers-more">${t('cartography.legend.more', { count: more })}</p>` : nothing}
  </div>`;
}

/**
 * The same map as a list, purpose by purpose (`view.list`): each tool with its number of
 * organisations and why it is used (in impact view, its average on the dimension shown). For
 * screen readers always, for everyone with the "Liste" toggle.
 */
export function mapList(ctx, view, { highlight = new Set(), testid = 'map-list', id = null } = {}) {
  const { t } = ctx;
  const impacts = new Map(view.impacts.map((i) => [i.tool_id, i]));
  const spot = view.spotlight;
  return html`<div class="cartography-list" data-testid=${testid} id=${id ?? nothing}>
    ${view.list.map((entry) => {
      const purpose = view.purposes.find((p) => p.id === entry.purpose_id);
      const tools = Array.isArray(entry.tools) ? entry.tools : [];
      return html`<section class="cartography-list__zone ${spot && spot !== entry.purpose_id ? 'cartography-list__zone--dim' : ''}" data-zone-id=${entry.purpose_id}>
        <h3 class="cartography-list__title">${purpose?.name ?? ''}
          ${spot === entry.purpose_id ? html`<span class="cartography-list__spot">${t('cartography.spot.on')}</span>` : nothing}
          <span class="cartography-list__count">${t('cartography.tools_count', { count: tools.length })}</span></h3>
        ${tools.length
          ? html`<ul>
              ${tools.map((tool) => html`<li class="cartography-list__tool ${highlight.has(tool.tool_id) ? 'cartography-list__tool--mine' : ''}"
                  data-testid="map-list-tool" data-tool-id=${tool.tool_id}>
                <span class="cartography-list__name">${tool.name}</span>
                <span class="cartography-list__detail">${toolDetail(ctx, view, tool, impacts.get(tool.tool_id))}</span>
              </li>`)}
            </ul>`
          : html`<p class="empty">${t('cartography.zone_empty')}</p>`}
      </section>`;
    })}
  </div>`;
}

/** "3 organisations · 2 par nécessité, 1 par choix" (or the average shown in impact view). */
export function toolDetail(ctx, view, tool, impact) {
  const { t } = ctx;
  const parts = [t('cartography.orgs_count', { count: tool.organisations ?? 0 })];
  if (view.shown_dimension) {
    const avg = impact?.averages?.[view.shown_dimension];
    parts.push(avg == null ? t('cartography.impact_none') : t('cartography.impact_value', { value: signed(avg) }));
  } else {
    const why = [];
    if (tool.necessity) why.push(t('cartography.by_necessity_count', { count: tool.necessity }));
    if (tool.choice) why.push(t('cartography.by_choice_count', { count: tool.choice }));
    if (tool.mixed) why.push(t('cartography.by_both_count', { count: tool.mixed }));
    if (why.length) parts.push(why.join(', '));
  }
  return parts.join(' · ');
}
