// The links the facilitator hands out, in one dialog of two kinds: the team's (a co-facilitator,
// a scribe or an observer gets their own console) and the room screen's (the computer at the
// projector shows the room screen, and nothing else). A link's address is shown once, when it is
// made (the server keeps only a hash); revoking it disconnects that screen at once.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from './i18n.js';
import { icon } from './icons.js';

// Each kind: the link roles it makes and lists, and the prefix of its words.
const KINDS = {
  team: { roles: ['co_facilitator', 'scribe', 'observer'], words: 'console.team', icon: 'users', opener: 'team-open' },
  room: { roles: ['room_screen'], words: 'console.room_link', icon: 'screen', opener: 'room-link-open' },
};
export const LINK_ROLES = KINDS.team.roles;

const ui = {
  open: null, // the kind of the open dialog, or null
  role: 'scribe',
  label: '',
  busy: false,
  created: null, // {url, role, label}: shown until the dialog closes
};

export function mayManageTeam(c) {
  return c.may('link.create');
}

function linksOf(c, kind) {
  return (c.view?.session?.links ?? []).filter((link) => KINDS[kind].roles.includes(link.role));
}

function openDialog(c, kind) {
  ui.open = kind;
  ui.role = KINDS[kind].roles.includes(ui.role) ? ui.role : KINDS[kind].roles[0];
  c.update();
}

export function teamButton(c) {
  if (!mayManageTeam(c)) return nothing;
  const count = linksOf(c, 'team').length;
  return html`<button type="button" class="button" data-testid="team-open" aria-haspopup="dialog"
      @click=${() => openDialog(c, 'team')}>
    ${icon('users')} ${t('console.team.open')}${count ? html` <span class="count-pill">${count}</span>` : nothing}
  </button>`;
}

/** The room screen on another computer (the one at the projector): a link of its own. */
export function roomLinkButton(c) {
  if (!mayManageTeam(c)) return nothing;
  return html`<button type="button" class="button button--small" data-testid="room-link-open" aria-haspopup="dialog"
      @click=${() => openDialog(c, 'room')}>
    ${icon('link')} ${t('console.room_link.open')}
  </button>`;
}

function close(c) {
  const opener = KINDS[ui.open]?.opener ?? 'team-open';
  ui.open = null;
  ui.created = null;
  c.update();
  c.focus(`[data-testid="${opener}"]`);
}

function roleTitle(role) {
  return t(`console.team.role_${role}`);
}

export function teamIsOpen(c) {
  return Boolean(ui.open) && mayManageTeam(c);
}

/** The dialog; `inside` is what must stay usable over it (the notices). */
export function teamTemplate(c, inside = nothing) {
  if (!teamIsOpen(c)) return nothing;
  const kind = ui.open;
  const words = KINDS[kind].words;
  const links = linksOf(c, kind);
  return html`<dialog id="team-dialog" class="console-dialog console-dialog--team" data-testid="team-dialog"
      data-kind=${kind} aria-labelledby="team-title" @cancel=${(e) => { e.preventDefault(); close(c); }}>
    <div class="console-dialog__head">
      <h2 id="team-title">${icon(KINDS[kind].icon)} ${t(`${words}.title`)}</h2>
      <button type="button" class="icon-button" data-testid="team-close" aria-label=${t('common.close')} @click=${() => close(c)}>
        ${icon('close')}
      </button>
    </div>
    <p class="hint">${t(`${words}.intro`)}</p>
    ${ui.created ? createdTemplate(c, words) : nothing}
    <section aria-labelledby="team-links-title">
      <h3 id="team-links-title" tabindex="-1">${t(`${words}.links`)}</h3>
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
                      @click=${() => revoke(c, link, words)}>${icon('trash')} ${t('console.team.revoke')}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="empty">${t(`${words}.none`)}</p>`}
    </section>
    ${createForm(c, kind)}
    ${inside}
  </dialog>`;
}

function createForm(c, kind) {
  const { roles, words } = KINDS[kind];
  const submit = async (e) => {
    e.preventDefault();
    if (ui.busy) return;
    ui.busy = true;
    c.update();
    const label = ui.label.trim();
    const role = roles.includes(ui.role) ? ui.role : roles[0];
    const ack = await c.send('link.create', { role, label });
    ui.busy = false;
    if (ack.ok && ack.result?.url) {
      ui.created = { url: ack.result.url, role, label };
      ui.label = '';
      c.update();
      c.focus('#team-url');
    } else {
      c.update();
    }
  };
  return html`<form class="form team-form" @submit=${submit} novalidate>
    <h3>${t(`${words}.create_title`)}</h3>
    ${roles.length > 1
      ? html`<fieldset class="field">
          <legend>${t('console.team.role')}</legend>
          ${roles.map(
            (role) => html`<label class="choice choice--described">
              <input type="radio" name="team-role" value=${role} data-testid="team-role-${role}" .checked=${live(ui.role === role)}
                @change=${() => { ui.role = role; }} />
              <span><strong>${roleTitle(role)}</strong>
                <span class="choice__text">${t(`console.team.role_${role}_text`)}</span></span>
            </label>`,
          )}
        </fieldset>`
      : nothing}
    <div class="field">
      <label for="team-label">${t(`${words}.label`)}</label>
      <p class="hint" id="team-label-hint">${t(`${words}.label_hint`)}</p>
      <input id="team-label" data-testid="team-label" maxlength="60" aria-describedby="team-label-hint"
        .value=${live(ui.label)} @input=${(e) => { ui.label = e.target.value; }} />
    </div>
    <button class="button button--primary" data-testid="team-create" ?disabled=${ui.busy}>
      ${icon('link')} ${t(`${words}.create`)}
    </button>
  </form>`;
}

function createdTemplate(c, words) {
  const { url, role, label } = ui.created;
  const who = label ? `${label} (${roleTitle(role)})` : roleTitle(role);
  return html`<div class="team-created callout" data-testid="team-created">
    ${icon('link')}
    <div>
      <p><strong>${t(`${words}.created`, { who })}</strong></p>
      <p>${t(`${words}.created_once`)}</p>
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

async function revoke(c, link, words) {
  const who = link.label || roleTitle(link.role);
  const yes = await c.confirm({
    title: t('console.team.revoke_title', { who }),
    text: t(`${words}.revoke_text`),
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
