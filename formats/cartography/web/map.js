// The map, drawn as inline SVG from the coordinates the server computed (zones, marks, label
// positions in a fixed coordinate space): the screens only draw what the view says. Necessity and
// choice differ by pattern and by a symbol, not by colour alone; a text list says the same for
// screen readers (and on phones, by a "Liste" toggle).
import { html, svg, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { mapOf, kindOf, KINDS } from './common.js';

let serial = 0;

/** Unique ids for one drawing's patterns (several maps may be on one page: console and preview). */
export function mapIds() {
  serial += 1;
  return `cartography-map-${serial}`;
}

function patterns(id) {
  return svg`<defs>
    <pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" class="cartography-pattern__ground--necessity"></rect>
      <rect width="3.2" height="8" class="cartography-pattern__stripe"></rect>
    </pattern>
    <pattern id="${id}-mixed" patternUnits="userSpaceOnUse" width="10" height="10">
      <rect width="10" height="10" class="cartography-pattern__ground--mixed"></rect>
      <circle cx="5" cy="5" r="2" class="cartography-pattern__dot"></circle>
    </pattern>
  </defs>`;
}

function fillOf(id, kind) {
  if (kind === 'necessity') return `url(#${id}-hatch)`;
  if (kind === 'mixed') return `url(#${id}-mixed)`;
  return null; // CSS colours the others (choice, impact levels)
}

/** The little symbol in a mark: "!" for necessity, a tick for choice, both halves for mixed. */
function symbolOf(mark, kind) {
  const r = mark.r;
  if (r < 9) return nothing;
  const s = Math.min(r * 0.55, 22);
  const { x, y } = mark;
  if (kind === 'necessity') {
    return svg`<g class="cartography-mark__symbol" aria-hidden="true">
      <circle cx=${x} cy=${y} r=${s * 0.95}></circle>
      <path d="M${x} ${y - s * 0.55}V${y + s * 0.12}M${x} ${y + s * 0.42}v0.5"></path></g>`;
  }
  if (kind === 'choice') {
    return svg`<g class="cartography-mark__symbol" aria-hidden="true">
      <circle cx=${x} cy=${y} r=${s * 0.95}></circle>
      <path d="M${x - s * 0.5} ${y}l${s * 0.35} ${s * 0.38}l${s * 0.6} -${s * 0.75}"></path></g>`;
  }
  if (kind === 'mixed') {
    return svg`<g class="cartography-mark__symbol" aria-hidden="true">
      <circle cx=${x} cy=${y} r=${s * 0.95}></circle>
      <path d="M${x - s * 0.5} ${y}h${s}"></path></g>`;
  }
  return nothing;
}

function zoneShape(zone, spot) {
  const cls = `cartography-zone ${spot ? 'cartography-zone--spot' : ''}`;
  if (zone.r != null) return svg`<circle class=${cls} cx=${zone.x} cy=${zone.y} r=${zone.r}></circle>`;
  return svg`<rect class=${cls} x=${zone.x} y=${zone.y} width=${zone.width} height=${zone.height} rx="12"></rect>`;
}

/** A label's box, behind its text so it stays readable over zones and other marks. */
function labelTemplate(mark, fontSize, cls = '') {
  const label = mark.label;
  if (!label) return nothing;
  const anchor = label.anchor ?? 'middle';
  const lines = mark.label_lines ?? [mark.name];
  const leader =
    label.leader !== false && Math.hypot(label.x - mark.x, label.y - mark.y) > mark.r + fontSize * 1.2
      ? svg`<line class="cartography-leader" x1=${mark.x} y1=${mark.y} x2=${label.x} y2=${label.y}></line>`
      : nothing;
  return svg`${leader}<text class="cartography-label ${cls}" x=${label.x} y=${label.y} text-anchor=${anchor}
      dominant-baseline="central" font-size=${label.size ?? fontSize}>${lines.map(
        (line, i) => svg`<tspan x=${label.x} dy=${i === 0 ? `${-(lines.length - 1) * 0.55}em` : '1.1em'}>${line}</tspan>`,
      )}</text>`;
}

/**
 * The map as inline SVG. `opts`: `id` (patterns' prefix, from mapIds()), `spotlight` (a zone id),
 * `highlight` (tool ids to stress: the phone's own tools), `title` (the accessible name; the
 * drawing is an image, its list alternative is `mapList`).
 */
export function mapSvg(map, { id, spotlight = null, highlight = new Set(), title = '', describedBy = null } = {}) {
  const font = map.font_size ?? 16;
  const marks = map.marks;
  return html`<svg class="cartography-map__svg" viewBox="0 0 ${map.width} ${map.height}" role="img"
      aria-label=${title} aria-describedby=${describedBy ?? nothing} preserveAspectRatio="xMidYMid meet"
      data-testid="map-svg" data-mode=${map.mode}>
    ${patterns(id)}
    <g class="cartography-zones">
      ${repeat(map.zones, (z) => z.id, (zone) => svg`<g class="cartography-zone-group ${spotlight && spotlight !== zone.id ? 'cartography-zone-group--dim' : ''}"
          data-testid="map-zone" data-zone-id=${zone.id}>
          ${zoneShape(zone, spotlight === zone.id)}
          ${zone.label
            ? svg`<text class="cartography-zone__label" x=${zone.label.x} y=${zone.label.y} text-anchor=${zone.label.anchor ?? 'middle'}
                dominant-baseline="hanging" font-size=${zone.label.size ?? font * 1.25}>${zone.name}</text>`
            : nothing}
        </g>`)}
    </g>
    <g class="cartography-marks">
      ${repeat(marks, (m) => m.id, (mark) => {
        const kind = kindOf(mark);
        const fill = fillOf(id, kind);
        const dim = spotlight && mark.zone_id && mark.zone_id !== spotlight;
        return svg`<g class="cartography-mark cartography-mark--${kind} ${highlight.has(mark.tool_id) ? 'cartography-mark--mine' : ''} ${dim ? 'cartography-mark--dim' : ''}"
            data-testid="map-mark" data-tool-id=${mark.tool_id} data-kind=${kind}>
          <circle class="cartography-mark__dot" cx=${mark.x} cy=${mark.y} r=${mark.r} style=${fill ? `fill:${fill}` : nothing}></circle>
          ${symbolOf(mark, kind)}
        </g>`;
      })}
    </g>
    <g class="cartography-labels" aria-hidden="true">
      ${repeat(marks.filter((m) => m.label), (m) => m.id, (mark) => labelTemplate(mark, font,
        spotlight && mark.zone_id && mark.zone_id !== spotlight ? 'cartography-label--dim' : ''))}
    </g>
  </svg>`;
}

/** The legend: what each kind of mark means, with the same pattern and symbol as on the map. */
export function legendTemplate(ctx, map, id, kinds = KINDS) {
  const present = new Set(map.marks.map(kindOf));
  const shown = kinds.filter((k) => present.has(k) || k === 'necessity' || k === 'choice');
  const sample = (kind) => html`<svg class="cartography-legend__sample" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
    ${patterns(`${id}-legend-${kind}`)}
    <g class="cartography-mark cartography-mark--${kind}">
      <circle class="cartography-mark__dot" cx="20" cy="20" r="18"
        style=${fillOf(`${id}-legend-${kind}`, kind) ? `fill:${fillOf(`${id}-legend-${kind}`, kind)}` : nothing}></circle>
      ${symbolOf({ x: 20, y: 20, r: 18 }, kind)}
    </g>
  </svg>`;
  return html`<ul class="cartography-legend" data-testid="map-legend">
    ${shown.map((kind) => html`<li class="cartography-legend__item">${sample(kind)}<span>${ctx.t(`cartography.kind.${kind}`)}</span></li>`)}
    <li class="cartography-legend__item cartography-legend__size">
      <svg class="cartography-legend__sample" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
        <circle class="cartography-legend__ring" cx="12" cy="28" r="7"></circle>
        <circle class="cartography-legend__ring" cx="26" cy="20" r="13"></circle>
      </svg>
      <span>${ctx.t('cartography.legend.size')}</span>
    </li>
  </ul>`;
}

/**
 * The same map as a list, zone by zone: each tool with its number of organisations and why it
 * is used (or its impact). For screen readers always, for everyone with the "Liste" toggle.
 */
export function mapList(ctx, view, { highlight = new Set(), testid = 'map-list', id = null } = {}) {
  const { t } = ctx;
  const map = mapOf(view);
  const tools = new Map(view.tools.map((tool) => [tool.id, tool]));
  return html`<div class="cartography-list" data-testid=${testid} id=${id ?? nothing}>
    ${map.zones.map((zone) => {
      const marks = map.marks.filter((m) => m.zone_id === zone.id);
      return html`<section class="cartography-list__zone" data-zone-id=${zone.id}>
        <h3 class="cartography-list__title">${zone.name}
          <span class="cartography-list__count">${t('cartography.tools_count', { count: marks.length })}</span></h3>
        ${marks.length
          ? html`<ul>
              ${marks.map((mark) => {
                const tool = tools.get(mark.tool_id) ?? {};
                return html`<li class="cartography-list__tool ${highlight.has(mark.tool_id) ? 'cartography-list__tool--mine' : ''}"
                    data-testid="map-list-tool" data-tool-id=${mark.tool_id}>
                  <span class="cartography-list__name">${mark.name}</span>
                  <span class="cartography-list__detail">${toolDetail(ctx, view, tool, mark)}</span>
                </li>`;
              })}
            </ul>`
          : html`<p class="empty">${t('cartography.zone_empty')}</p>`}
      </section>`;
    })}
  </div>`;
}

/** "3 organisations · 2 par nécessité, 1 par choix" (or the impact in impact view). */
export function toolDetail(ctx, view, tool, mark = {}) {
  const { t } = ctx;
  const orgs = tool.organisations ?? mark.count ?? 0;
  const parts = [t('cartography.orgs_count', { count: orgs })];
  if (mapOf(view).mode === 'impact' && mark.value != null) {
    parts.push(t('cartography.impact_value', { value: formatScore(mark.value), dimension: dimensionName(view) }));
  } else {
    const why = [];
    if (tool.necessity) why.push(t('cartography.by_necessity_count', { count: tool.necessity }));
    if (tool.choice) why.push(t('cartography.by_choice_count', { count: tool.choice }));
    if (why.length) parts.push(why.join(', '));
  }
  return parts.join(' · ');
}

export function formatScore(value) {
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(1);
}

function dimensionName(view) {
  const dim = view.dimensions.find((d) => d.id === mapOf(view).dimension_id);
  return dim?.name ?? '';
}
