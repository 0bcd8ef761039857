// Cartography, participant screen: a placeholder that keeps the house tests green until the real
// screens land (they draw the map the view gives: see ../protocol.md).
import { html, render as litRender } from 'lit';
import { defineRenderer } from 'fabrique/kit.js';

export default defineRenderer({ render });

function render(container, ctx) {
  const view = ctx.activity?.view ?? {};
  litRender(html`<p class="cartography-placeholder">${ctx.t('cartography.tools', { count: (view.tools ?? []).length })}</p>`, container);
}
