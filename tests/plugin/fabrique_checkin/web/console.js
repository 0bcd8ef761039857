// The check-in in the facilitator's console: how many have shared, then the words.
import { html, render as draw } from 'lit';
import { defineRenderer } from 'fabrique/kit.js';
import { PICTOGRAMS, checkinView, questionTemplate, wordsTemplate } from './common.js';

export default defineRenderer({ render, pictograms: PICTOGRAMS });

function render(container, ctx) {
  const view = checkinView(ctx.activity);
  draw(
    html`<div class="checkin checkin--console">${questionTemplate(view)} ${wordsTemplate(ctx, view)}</div>`,
    container,
  );
}
