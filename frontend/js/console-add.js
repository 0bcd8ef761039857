// "Add an activity": a format, a title, the format's own settings (a generic form built from
// what GET /api/formats declares) and how anonymous contributions are.
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import { t, loc, lang } from './i18n.js';
import { icon } from './icons.js';
import { fetchJSON, errorText } from './ui.js';

export const ANONYMITY = ['anonymous', 'pseudonym', 'named'];

const ui = {
  formats: null, // GET /api/formats
  formatsLang: null,
  formatsError: false,
  chosenFormat: null,
  anonymity: null, // the level picked; null: the format's own
  formErrors: {},
  formError: '',
  adding: false,
};

export function formatInfo(name) {
  return ui.formats?.find((f) => f.name === name) ?? null;
}

/** Fetches the formats in the language on screen (again after a language switch). */
export async function loadFormats(c) {
  const l = lang();
  if (ui.formatsLang === l && ui.formats) return;
  ui.formatsLang = l;
  try {
    const { status, data } = await fetchJSON(`/api/formats?lang=${l}`);
    if (status === 200 && Array.isArray(data)) {
      ui.formats = data;
      ui.formatsError = false;
      if (!ui.chosenFormat || !data.some((f) => f.name === ui.chosenFormat)) {
        ui.chosenFormat = data[0]?.name ?? null;
      }
    } else {
      ui.formatsError = true;
    }
  } catch {
    ui.formatsError = true;
    ui.formatsLang = null;
  }
  c.update();
}

/** The level a new activity of this format starts with, when the server says it. */
function formatDefault(format) {
  return ANONYMITY.includes(format?.anonymity) ? format.anonymity : null;
}

function fieldId(key) {
  return `af-${key}`;
}

function configField(f) {
  const id = fieldId(f.key);
  const label = loc(f.label) || f.key;
  const err = ui.formErrors[f.key];
  const describedBy = `${f.help ? `${id}-hint` : ''} ${err ? `${id}-error` : ''}`.trim();
  let control;
  if (f.type === 'lines') {
    control = html`<textarea id=${id} name=${f.key} rows="4" data-testid="add-activity-config-${f.key}"
      aria-describedby=${describedBy || nothing} aria-invalid=${err ? 'true' : 'false'}
      .defaultValue=${Array.isArray(f.default) ? f.default.join('\n') : ''}></textarea>`;
  } else if (f.type === 'int') {
    control = html`<input id=${id} name=${f.key} type="number" inputmode="numeric" step="1"
      min=${f.min ?? nothing} max=${f.max ?? nothing} value=${f.default ?? ''} class="input--short"
      data-testid="add-activity-config-${f.key}" aria-describedby=${describedBy || nothing}
      aria-invalid=${err ? 'true' : 'false'} />`;
  } else {
    control = html`<input id=${id} name=${f.key} type="text" maxlength=${f.max_length ?? nothing}
      value=${f.default ?? ''} data-testid="add-activity-config-${f.key}"
      aria-describedby=${describedBy || nothing} aria-invalid=${err ? 'true' : 'false'} />`;
  }
  return html`<div class="field">
    <label for=${id}>${label}${f.required ? html` <span class="required">${t('form.required')}</span>` : nothing}</label>
    ${f.help ? html`<p class="hint" id="${id}-hint">${loc(f.help)}</p>` : nothing}
    ${control}
    ${err ? html`<p class="field-error" id="${id}-error">${icon('alert')}<span>${err}</span></p>` : nothing}
  </div>`;
}

function readConfig(form, format) {
  const config = {};
  const errors = {};
  for (const f of format.config ?? []) {
    const el = form.elements[f.key];
    if (!el) continue;
    const raw = el.value;
    if (f.type === 'lines') {
      const items = raw.split('\n').map((s) => s.trim()).filter(Boolean);
      if (f.required && !items.length) errors[f.key] = t('form.error.required');
      else if (f.max_items && items.length > f.max_items) errors[f.key] = t('form.error.max_items', { max: f.max_items });
      else if (f.max_length && items.some((i) => i.length > f.max_length)) {
        errors[f.key] = t('form.error.line_too_long', { max: f.max_length });
      }
      if (items.length) config[f.key] = items;
    } else if (f.type === 'int') {
      if (raw.trim() === '') {
        if (f.required) errors[f.key] = t('form.error.required');
        continue;
      }
      const n = Number(raw);
      if (!Number.isInteger(n)) errors[f.key] = t('form.error.integer');
      else if ((f.min != null && n < f.min) || (f.max != null && n > f.max)) {
        errors[f.key] = t('form.error.range', { min: f.min ?? '…', max: f.max ?? '…' });
      } else config[f.key] = n;
    } else {
      const text = raw.trim();
      if (f.required && !text) errors[f.key] = t('form.error.required');
      else if (f.max_length && text.length > f.max_length) errors[f.key] = t('form.error.too_long', { max: f.max_length });
      if (text) config[f.key] = text;
    }
  }
  return { config, errors };
}

async function addActivity(c, e) {
  e.preventDefault();
  if (ui.adding) return;
  const form = e.target;
  const format = formatInfo(form.elements.format.value);
  if (!format) return;
  const { config, errors } = readConfig(form, format);
  ui.formErrors = errors;
  ui.formError = '';
  if (Object.keys(errors).length) {
    c.update();
    form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  const title = form.elements.title.value.trim() || loc(format.title);
  const payload = { format: format.name, title, config };
  const anonymity = ui.anonymity ?? formatDefault(format);
  if (anonymity) payload.anonymity = anonymity;
  ui.adding = true;
  c.update();
  const ack = await c.state.conn.send('session.add_activity', payload);
  ui.adding = false;
  if (ack.ok) {
    form.reset();
    ui.anonymity = null;
    c.notify(t('console.activity_added', { title }), 'success', 4000);
  } else {
    const field = ack.error?.field;
    const message = errorText(ack, c.state.conn.serverLang);
    if (field && form.elements[field]) ui.formErrors = { [field]: message };
    else ui.formError = message;
  }
  c.update();
}

function anonymityField(c, format) {
  const chosen = ui.anonymity ?? formatDefault(format);
  return html`<fieldset class="field anonymity" aria-describedby="af-anonymity-hint">
    <legend>${t('console.anonymity.label')}</legend>
    <p class="hint" id="af-anonymity-hint">
      ${chosen ? t('console.anonymity.hint') : t('console.anonymity.hint_default')}
    </p>
    ${ANONYMITY.map(
      (level) => html`<label class="choice choice--described">
        <input type="radio" name="anonymity" value=${level} data-testid="add-activity-anonymity-${level}"
          .checked=${live(chosen === level)}
          @change=${() => { ui.anonymity = level; c.update(); }} />
        <span>
          <strong>${t(`console.anonymity.${level}`)}</strong>
          <span class="choice__text">${t(`console.anonymity.${level}_text`)}</span>
        </span>
      </label>`,
    )}
  </fieldset>`;
}

export function addActivityTemplate(c) {
  const formats = ui.formats ?? [];
  const format = formatInfo(ui.chosenFormat) ?? formats[0];
  return html`<section class="add-activity" aria-labelledby="add-activity-title">
    <h2 id="add-activity-title">${t('console.add_activity')}</h2>
    ${ui.formatsError
      ? html`<p class="callout callout--error">${icon('alert')}<span>${t('console.formats_error')}</span></p>
          <button class="button" @click=${() => { ui.formatsLang = null; loadFormats(c); }}>${t('common.retry')}</button>`
      : !format
        ? html`<p class="loading">${t('common.loading')}</p>`
        : html`<form class="form" data-testid="add-activity-form" @submit=${(e) => addActivity(c, e)} novalidate>
            <div class="field">
              <label for="af-format">${t('console.format')}</label>
              <select id="af-format" name="format" data-testid="add-activity-format"
                @change=${(e) => { ui.chosenFormat = e.target.value; ui.formErrors = {}; ui.anonymity = null; c.update(); }}>
                ${formats.map((f) => html`<option value=${f.name} ?selected=${f.name === format.name}>${loc(f.title)}</option>`)}
              </select>
              ${format.description ? html`<p class="hint">${loc(format.description)}</p>` : nothing}
            </div>
            <div class="field">
              <label for="af-title">${t('console.activity_title')}</label>
              <p class="hint" id="af-title-hint">${t('console.activity_title_hint', { title: loc(format.title) })}</p>
              <input id="af-title" name="title" maxlength="120" data-testid="add-activity-title" aria-describedby="af-title-hint" />
            </div>
            ${keyed(format.name, (format.config ?? []).map(configField))}
            ${anonymityField(c, format)}
            ${ui.formError ? html`<p class="field-error">${icon('alert')}<span>${ui.formError}</span></p>` : nothing}
            <button class="button button--primary" data-testid="add-activity-submit" ?disabled=${ui.adding}>
              ${icon('plus')} ${t('console.add_activity_submit')}
            </button>
          </form>`}
  </section>`;
}
