// The team (facilitator only): links that give a co-facilitator, a scribe or an observer their
// own console. A link's address is shown once, when it is made (the server keeps only a hash);
// revoking it disconnects that person at once.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from './i18n.js';
import { icon } from './icons.js';

export const LINK_ROLES = ['co_facilitator', 'scribe', 'observer'];

const ui = {
  open: false,
  role: 'scribe',
  label: '',
  busy: false,
  created: null, // {url, role, label}: shown until the dialog closes
};

export function mayManageTeam(c) {
  return c.may('link.create');
}

export function teamButton(c) {
  if (!mayManageTeam(c)) return nothing;
  const count = c.view?.session?.links?.length ?? 0;
  return html`<button type="button" class="button" data-testid="team-open" aria-haspopup="dialog"
      @click=${() => { ui.open = true; c.update(); }}>
    ${icon('users')} ${t('console.team.open')}${count ? html` <span class="count-pill">${count}</span>` : nothing}
  </button>`;
}

function close(c) {
  ui.open = false;
  ui.created = null;
  c.update();
  c.focus('[data-testid="team-open"]');
}

function roleTitle(role) {
  return t(`console.team.role_${role}`);
}

export function teamIsOpen(c) {
  return ui.open && mayManageTeam(c);
}

/** The dialog; `inside` is what must stay usable over it (the notices). */
export function teamTemplate(c, inside = nothing) {
  if (!teamIsOpen(c)) return nothing;
  const links = c.view?.session?.links ?? [];
  return html`<dialog id="team-dialog" class="console-dialog console-dialog--team" data-testid="team-dialog"
      aria-labelledby="team-title" @cancel=${(e) => { e.preventDefault(); close(c); }}>
    <div class="console-dialog__head">
      <h2 id="team-title">${icon('users')} ${t('console.team.title')}</h2>
      <button type="button" class="icon-button" data-testid="team-close" aria-label=${t('common.close')} @click=${() => close(c)}>
        ${icon('close')}
      </button>
    </div>
    <p class="hint">${t('console.team.intro')}</p>
    ${ui.created ? createdTemplate(c) : nothing}
    <section aria-labelledby="team-links-title">
      <h3 id="team-links-title" tabindex="-1">${t('console.team.links')}</h3>
      ${links.length
        ? html`<ul class="team-links">
            ${links.map(
              (link) => html`<li class="team-link" data-testid="team-link" data-link-id=${link.id} data-role=${link.role}>
                <span class="team-link__text">
                  <strong>${roleTitle(link.role)}</strong>${link.label ? html` — ${link.label}` : nothing}
                </span>
                ${c.may('link.revoke')
                  ? html`<button type="button" class="button button--small" data-testid="team-revoke"
                      aria-label=${t('console.team.revoke_aria', { who: link.label || roleTitle(link.role) })}
                      @click=${() => revoke(c, link)}>${icon('trash')} ${t('console.team.revoke')}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="empty">${t('console.team.none')}</p>`}
    </section>
    ${createForm(c)}
    ${inside}
  </dialog>`;
}

function createForm(c) {
  const submit = async (e) => {
    e.preventDefault();
    if (ui.busy) return;
    ui.busy = true;
    c.update();
    const label = ui.label.trim();
    const ack = await c.send('link.create', { role: ui.role, label });
    ui.busy = false;
    if (ack.ok && ack.result?.url) {
      ui.created = { url: ack.result.url, role: ui.role, label };
      ui.label = '';
      c.update();
      c.focus('#team-url');
    } else {
      c.update();
    }
  };
  return html`<form class="form team-form" @submit=${submit} novalidate>
    <h3>${t('console.team.create_title')}</h3>
    <fieldset class="field">
      <legend>${t('console.team.role')}</legend>
      ${LINK_ROLES.map(
        (role) => html`<label class="choice choice--described">
          <input type="radio" name="team-role" value=${role} data-testid="team-role-${role}" .checked=${live(ui.role === role)}
            @change=${() => { ui.role = role; }} />
          <span><strong>${roleTitle(role)}</strong>
            <span class="choice__text">${t(`console.team.role_${role}_text`)}</span></span>
        </label>`,
      )}
    </fieldset>
    <div class="field">
      <label for="team-label">${t('console.team.label')}</label>
      <p class="hint" id="team-label-hint">${t('console.team.label_hint')}</p>
      <input id="team-label" data-testid="team-label" maxlength="60" aria-describedby="team-label-hint"
        .value=${live(ui.label)} @input=${(e) => { ui.label = e.target.value; }} />
    </div>
    <button class="button button--primary" data-testid="team-create" ?disabled=${ui.busy}>
      ${icon('link')} ${t('console.team.create')}
    </button>
  </form>`;
}

function createdTemplate(c) {
  const { url, role, label } = ui.created;
  const who = label ? `${label} (${roleTitle(role)})` : roleTitle(role);
  return html`<div class="team-created callout" data-testid="team-created">
    ${icon('link')}
    <div>
      <p><strong>${t('console.team.created', { who })}</strong></p>
      <p>${t('console.team.created_once')}</p>
      <label for="team-url" class="sr-only">${t('console.team.url_label', { who })}</label>
      <div class="inline-form">
        <input id="team-url" data-testid="team-url" readonly .value=${url} @focus=${(e) => e.target.select()} />
        <button type="button" class="button button--small" data-testid="team-copy" @click=${() => copy(c, url)}>
          ${icon('copy')} ${t('console.team.copy')}
        </button>
      </div>
      <button type="button" class="button button--link" data-testid="team-created-done"
        @click=${() => { ui.created = null; c.update(); c.focus('#team-label'); }}>${t('console.team.created_done')}</button>
    </div>
  </div>`;
}

async function copy(c, url) {
  let done = false;
  try {
    // The clipboard API needs a secure context; a LAN address is plain http.
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(url);
      done = true;
    }
  } catch {
    done = false;
  }
  if (!done) {
    const input = c.root.querySelector('#team-url');
    input?.focus();
    input?.select();
    try {
      done = document.execCommand('copy');
    } catch {
      done = false;
    }
  }
  c.notify(done ? t('console.team.copied') : t('console.team.copy_failed'), done ? 'success' : 'info', 4000);
}

async function revoke(c, link) {
  const who = link.label || roleTitle(link.role);
  const yes = await c.confirm({
    title: t('console.team.revoke_title', { who }),
    text: t('console.team.revoke_text'),
    yes: t('console.team.revoke_yes'),
  });
  if (!yes) return;
  const ack = await c.send('link.revoke', { link_id: link.id });
  if (ack.ok) {
    c.notify(t('console.team.revoked', { who }), 'success', 4000);
    c.focus('#team-links-title');
  }
}

/** Opens the dialog once it is in the page. */
export function afterRenderTeam(root) {
  const dialog = root.querySelector('#team-dialog');
  if (dialog && !dialog.open) {
    dialog.showModal();
    dialog.querySelector('[data-testid="team-close"]')?.focus();
  }
}
