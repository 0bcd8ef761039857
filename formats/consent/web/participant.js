// Placeholder so the house tests see a complete folder: the consent screens are written in the
// i13-web branch, which replaces this file.
import { html, render as litRender } from 'lit';
import { defineRenderer } from 'fabrique/kit.js';

export default defineRenderer({ render });

function render(container, ctx) {
  litRender(html`<p class="consent">${ctx.t('consent.title')}</p>`, container);
}
