// The check-in on a phone: say how you arrive, then read how the group arrives.
import { html, render as draw } from 'lit';
import { defineRenderer, can } from 'fabrique/kit.js';
import { PICTOGRAMS, checkinView, questionTemplate, wordsTemplate } from './common.js';

const ui = { draft: '' };

export default defineRenderer({ render, pictograms: PICTOGRAMS });

async function share(event, ctx) {
  event.preventDefault();
  const text = ui.draft.trim();
  if (!text) return;
  const ack = await ctx.send('checkin.share', { text });
  if (ack?.ok) ui.draft = '';
  ctx.update();
}

function render(container, ctx) {
  const view = checkinView(ctx.activity);
  const mine = ctx.mine?.text ?? '';
  const form = can(ctx.activity, 'checkin.share')
    ? html`<form class="checkin-form" @submit=${(e) => share(e, ctx)}>
        <label for="checkin-text">${ctx.t('checkin.label')}</label>
        <input id="checkin-text" data-testid="checkin-input" maxlength="60" autocomplete="off"
          .value=${ui.draft} @input=${(e) => { ui.draft = e.target.value; }} />
        <button class="button button--primary" data-testid="checkin-send">
          ${ctx.t('checkin.send')}
        </button>
      </form>`
    : '';
  draw(
    html`<div class="checkin checkin--participant">
      ${questionTemplate(view)} ${form}
      ${mine ? html`<p class="checkin-mine" data-testid="checkin-mine">${ctx.t('checkin.mine', { text: mine })}</p>` : ''}
      ${wordsTemplate(ctx, view)}
    </div>`,
    container,
  );
}
