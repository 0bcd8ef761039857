// The phone's step: what the participant page shows around a format's own area.
import { html, nothing } from 'lit';
import { t, loc, lang } from './i18n.js';
import { icon } from './icons.js';
import { closedReason } from './timer.js';
import {
  inputClosedTemplate,
  readyTemplate,
  anonymityTemplate,
  needsName,
  namePromptTemplate,
  stepInstructions,
} from './screens-participant.js';
import { readAloudButton } from './display-settings.js';
import { loadRenderer, stepLabel } from './ui.js';

/**
 * A step on the phone: its head (activity, title, progress, timer slot), the instructions with
 * their pictogram and "Listen", the name a named activity needs or the anonymity line, input
 * closed, the format's area (drawn into #format-area after each render) and "I'm done".
 */
export function stepTemplate(activity, session, me, { update, send, giveName, nameError, pending }) {
  const entry = loadRenderer(activity.format, 'participant', update);
  const pict = entry.renderer?.pictogram(activity.step?.key) ?? 'idea';
  const instructions = stepInstructions(activity, me);
  const askName = needsName(activity, me);
  return html`<section class="step-head" data-testid="step-head">
      <div class="step-head__top">
        <p class="eyebrow">${activity.title}</p>
        <div id="timer-slot" class="step-head__timer"></div>
      </div>
      <h1 data-testid="step-title">${loc(activity.step?.title)}</h1>
      <p class="step-progress">${stepLabel(activity, loc)}</p>
    </section>
    ${instructions
      ? html`<div class="instructions" data-testid="instructions">
          ${icon(pict, 'icon--big')}
          <div class="instructions__body">
            <p>${instructions}</p>
            ${readAloudButton(`${loc(activity.step?.title) ?? ''}. ${instructions}`, lang(), update)}
          </div>
        </div>`
      : nothing}
    ${askName ? namePromptTemplate({ onSubmit: giveName, error: nameError }) : anonymityTemplate(activity)}
    ${inputClosedTemplate(closedReason(activity))}
    ${entry.status === 'missing'
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('format.missing')}</span></p>`
      : entry.status === 'loading'
        ? html`<p class="loading">${t('common.loading')}</p>`
        : nothing}
    <div id="format-area" class="format-area"></div>
    ${askName
      ? nothing
      : readyTemplate({ activity, session, me, pending, send })}`;
}
