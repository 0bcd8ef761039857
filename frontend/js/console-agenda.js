// The agenda (left column): the activities in order, where we are, and what the facilitator
// changes in it: open, rename, move up or down, duplicate, remove; "save as template".
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { t, loc } from './i18n.js';
import { icon } from './icons.js';
import { fetchJSON, errorText } from './ui.js';
import { formatInfo, addActivityTemplate } from './console-add.js';

const ui = {
  renaming: null, // activity id whose title is being edited
  renameText: '',
  templateOpen: false,
  templateTitle: '',
  templateBusy: false,
  templateError: '',
};

const item = (id) => `.agenda__item[data-activity-id="${CSS.escape(id)}"]`;

export function agendaTemplate(c) {
  const view = c.view;
  const session = view?.session;
  const activity = view?.activity;
  const activities = session?.activities ?? [];
  const may = c.may;
  const current = activities.findIndex((a) => a.current || a.id === session?.current_activity_id);
  return html`<aside class="console-side console-agenda" aria-labelledby="agenda-title">
    <nav aria-labelledby="agenda-title">
      <h2 id="agenda-title" tabindex="-1">${t('console.agenda')}</h2>
      ${activities.length && current >= 0
        ? html`<p class="agenda__where" data-testid="agenda-where">
            ${t('console.agenda.where', { index: current + 1, total: activities.length })}
          </p>`
        : nothing}
      ${activities.length === 0 ? html`<p class="empty">${t('console.agenda_empty')}</p>` : nothing}
      <ol class="agenda">
        ${repeat(activities, (a) => a.id, (a, i) => itemTemplate(c, a, i, activities.length, activity, may))}
      </ol>
    </nav>
    ${may('session.add_activity') && view ? addActivityTemplate(c) : nothing}
    ${may('session.add_activity') && activities.length ? templateSection(c, session) : nothing}
  </aside>`;
}

function itemTemplate(c, a, index, count, activity, may) {
  const session = c.view.session;
  const current = a.current || a.id === session.current_activity_id;
  const format = formatInfo(a.format);
  const where = t('step.of', { index: (a.step_index ?? 0) + 1, total: a.step_count ?? 0, title: '' });
  return html`<li class="agenda__item ${current ? 'agenda__item--current' : ''}" data-testid="agenda-item"
      data-activity-id=${a.id} aria-current=${current ? 'true' : 'false'}>
    ${ui.renaming === a.id
      ? renameForm(c, a)
      : html`<div class="agenda__text">
          <p class="agenda__title">${a.title}</p>
          <p class="agenda__format">
            ${format ? loc(format.title) : a.format}
            <span class="agenda__sep" aria-hidden="true">·</span> <span data-testid="agenda-step">${where}</span>
            ${a.anonymity
              ? html`<span class="agenda__sep" aria-hidden="true">·</span>
                  <span class="agenda__anonymity">${t(`console.anonymity.${a.anonymity}`)}</span>`
              : nothing}
          </p>
        </div>`}
    ${current
      ? html`<span class="badge badge--current">${icon('arrowRight')} ${t('console.current')}</span>`
      : may('session.open_activity') && ui.renaming !== a.id
        ? html`<button class="button button--small" data-testid="open-activity"
            aria-label=${t('console.open_activity_aria', { title: a.title })}
            @click=${async () => {
              const ack = await c.send('session.open_activity', { activity_id: a.id });
              // The button gives way to the "current" badge: go to the activity just opened.
              if (ack.ok) await c.viewAt(ack.seq);
              c.focus(ack.ok ? '#current-title' : `${item(a.id)} [data-testid="open-activity"]`);
            }}>
            ${icon('play')} ${t('console.open_activity')}
          </button>`
        : nothing}
    ${current && activity?.id === a.id ? miniSteps(activity) : nothing}
    ${ui.renaming === a.id ? nothing : toolsTemplate(c, a, index, count, current, may)}
  </li>`;
}

function miniSteps(activity) {
  const idx = activity.step?.index ?? 0;
  return html`<ol class="mini-steps">
    ${(activity.steps ?? []).map(
      (s, i) => html`<li class=${i === idx ? 'is-current' : i < idx ? 'is-done' : ''}>
        ${i < idx ? icon('check') : i === idx ? icon('arrowRight') : html`<span class="mini-steps__n">${i + 1}</span>`}
        ${loc(s.title)}${i === idx ? html`<span class="sr-only"> ${t('console.step_current')}</span>` : nothing}
      </li>`,
    )}
  </ol>`;
}

function toolsTemplate(c, a, index, count, current, may) {
  const tools = [];
  const title = a.title;
  const move = async (by, testid) => {
    const position = index + by;
    if (position < 0 || position >= count) return;
    const ack = await c.send('session.move_activity', { activity_id: a.id, position });
    if (ack.ok) await c.viewAt(ack.seq);
    // The item moved in the list: keep the focus on the same button, or on its twin at an end.
    const other = testid === 'agenda-move-up' ? 'agenda-move-down' : 'agenda-move-up';
    const at = ack.ok ? position : index;
    const edge = (testid === 'agenda-move-up' && at === 0) || (testid === 'agenda-move-down' && at === count - 1);
    c.focus(`${item(a.id)} [data-testid="${edge ? other : testid}"]`);
  };
  if (may('session.move_activity') && count > 1) {
    const first = index === 0;
    const last = index === count - 1;
    tools.push(html`<button type="button" class="icon-button tool-button" data-testid="agenda-move-up"
        aria-label=${t('console.agenda.move_up', { title })} title=${t('console.agenda.move_up', { title })}
        aria-disabled=${first ? 'true' : 'false'} @click=${() => !first && move(-1, 'agenda-move-up')}>
        ${icon('arrowUp')}
      </button>`);
    tools.push(html`<button type="button" class="icon-button tool-button" data-testid="agenda-move-down"
        aria-label=${t('console.agenda.move_down', { title })} title=${t('console.agenda.move_down', { title })}
        aria-disabled=${last ? 'true' : 'false'} @click=${() => !last && move(1, 'agenda-move-down')}>
        ${icon('arrowDown')}
      </button>`);
  }
  if (may('session.rename_activity')) {
    tools.push(html`<button type="button" class="icon-button tool-button" data-testid="agenda-rename"
        aria-label=${t('console.agenda.rename', { title })} title=${t('console.agenda.rename', { title })}
        @click=${() => {
          ui.renaming = a.id;
          ui.renameText = a.title;
          c.update();
          c.focus(`${item(a.id)} [data-testid="agenda-rename-input"]`);
        }}>
        ${icon('pencil')}
      </button>`);
  }
  if (may('session.duplicate_activity')) {
    tools.push(html`<button type="button" class="icon-button tool-button" data-testid="agenda-duplicate"
        aria-label=${t('console.agenda.duplicate', { title })} title=${t('console.agenda.duplicate', { title })}
        @click=${() => duplicate(c, a)}>
        ${icon('duplicate')}
      </button>`);
  }
  if (may('session.remove_activity') && !current) {
    tools.push(html`<button type="button" class="icon-button tool-button tool-button--danger" data-testid="agenda-remove"
        aria-label=${t('console.agenda.remove', { title })} title=${t('console.agenda.remove', { title })}
        @click=${() => remove(c, a, index)}>
        ${icon('trash')}
      </button>`);
  }
  if (!tools.length) return nothing;
  return html`<div class="agenda__tools" role="group" aria-label=${t('console.agenda.tools', { title })}>${tools}</div>`;
}

function renameForm(c, a) {
  const cancel = () => {
    ui.renaming = null;
    c.update();
    c.focus(`${item(a.id)} [data-testid="agenda-rename"]`);
  };
  const save = async (e) => {
    e.preventDefault();
    const title = ui.renameText.trim();
    if (!title) {
      e.target.querySelector('input')?.focus();
      return;
    }
    if (title === a.title) {
      cancel();
      return;
    }
    const ack = await c.send('session.rename_activity', { activity_id: a.id, title });
    if (ack.ok) cancel();
  };
  const id = `rename-${a.id}`;
  return html`<form class="agenda__rename" @submit=${save} novalidate
      @keydown=${(e) => { if (e.key === 'Escape') { e.preventDefault(); cancel(); } }}>
    <label for=${id}>${t('console.agenda.rename_label')}</label>
    <input id=${id} data-testid="agenda-rename-input" maxlength="120" .value=${live(ui.renameText)}
      @input=${(e) => { ui.renameText = e.target.value; }} />
    <div class="actions">
      <button class="button button--primary button--small" data-testid="agenda-rename-save">${icon('check')} ${t('common.save')}</button>
      <button type="button" class="button button--small" data-testid="agenda-rename-cancel" @click=${cancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

async function duplicate(c, a) {
  const before = new Set((c.view?.session?.activities ?? []).map((x) => x.id));
  const ack = await c.send('session.duplicate_activity', { activity_id: a.id });
  if (!ack.ok) return;
  await c.viewAt(ack.seq);
  const copy = (c.view?.session?.activities ?? []).find((x) => !before.has(x.id));
  c.notify(t('console.agenda.duplicated', { title: a.title }), 'success', 4000);
  // The copy comes right after: its rename button, since a copy usually gets a new title.
  c.focus(copy ? `${item(copy.id)} [data-testid="agenda-rename"]` : `${item(a.id)} [data-testid="agenda-duplicate"]`);
}

async function remove(c, a, index) {
  const yes = await c.confirm({
    title: t('console.agenda.remove_title', { title: a.title }),
    text: t('console.agenda.remove_text'),
    yes: t('console.agenda.remove_yes'),
  });
  if (!yes) return;
  const ack = await c.send('session.remove_activity', { activity_id: a.id });
  if (!ack.ok) return;
  await c.viewAt(ack.seq);
  c.notify(t('console.agenda.removed', { title: a.title }), 'success', 4000);
  const rest = c.view?.session?.activities ?? [];
  const next = rest[Math.min(index, rest.length - 1)];
  c.focus(next ? `${item(next.id)} button` : '#agenda-title');
}

// ------------------------------------------------------------------ save as template

function templateSection(c, session) {
  if (!ui.templateOpen) {
    return html`<div class="save-template">
      <button type="button" class="button" data-testid="template-save-open"
        @click=${() => {
          ui.templateOpen = true;
          ui.templateTitle = session.title ?? '';
          ui.templateError = '';
          c.update();
          c.focus('#template-title');
        }}>${icon('template')} ${t('console.template.open')}</button>
    </div>`;
  }
  const close = () => {
    ui.templateOpen = false;
    c.update();
    c.focus('[data-testid="template-save-open"]');
  };
  return html`<form class="save-template form card" data-testid="template-form" @submit=${(e) => saveTemplate(c, e, close)} novalidate
      @keydown=${(e) => { if (e.key === 'Escape') { e.preventDefault(); close(); } }}>
    <h2 class="save-template__title">${icon('template')} ${t('console.template.title')}</h2>
    <p class="hint" id="template-hint">${t('console.template.hint')}</p>
    <div class="field">
      <label for="template-title">${t('console.template.name')}</label>
      <input id="template-title" data-testid="template-title" maxlength="120" aria-describedby="template-hint"
        aria-invalid=${ui.templateError ? 'true' : 'false'}
        .value=${live(ui.templateTitle)} @input=${(e) => { ui.templateTitle = e.target.value; }} />
      ${ui.templateError ? html`<p class="field-error">${icon('alert')}<span>${ui.templateError}</span></p>` : nothing}
    </div>
    <div class="actions">
      <button class="button button--primary" data-testid="template-save-submit" ?disabled=${ui.templateBusy}>
        ${icon('check')} ${t('console.template.submit')}
      </button>
      <button type="button" class="button" @click=${close}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

async function saveTemplate(c, e, close) {
  e.preventDefault();
  const title = ui.templateTitle.trim();
  if (!title) {
    ui.templateError = t('form.error.required');
    c.update();
    c.focus('#template-title');
    return;
  }
  ui.templateBusy = true;
  ui.templateError = '';
  c.update();
  let message = '';
  try {
    const { status, data } = await fetchJSON(`/api/sessions/${encodeURIComponent(c.sessionId)}/templates`, {
      json: { title },
      credentials: 'same-origin',
    });
    if (status === 201) {
      ui.templateBusy = false;
      c.notify(t('console.template.saved', { title: data?.title ?? title }), 'success', 6000);
      close();
      return;
    }
    message = errorText({ error: data?.error }, c.view?.session?.language);
  } catch {
    message = t('error.network');
  }
  ui.templateBusy = false;
  ui.templateError = message;
  c.update();
  c.focus('#template-title');
}
