// The room (right column): who is here (in the room, remote, away — nobody disappears), who is
// done, format roles, removing someone, closing the door to newcomers, and people without a phone.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { t, loc } from './i18n.js';
import { icon } from './icons.js';

const ui = {
  addName: '',
  adding: false,
};

/** "Camille", or "Participant·e 3" for someone who gave no name. */
export function personLabel(p) {
  return p?.name || t('participant.anonymous', { number: p?.number ?? '' });
}

export function peopleTemplate(c, proxy) {
  const view = c.view;
  const session = view?.session;
  const activity = view?.activity;
  const may = c.may;
  const everyone = (session?.participants ?? []).map((p) => ({ ...p, label: personLabel(p) }));
  // Here first, then away; people without a phone after the phones; then by name.
  const people = everyone.sort(
    (a, b) =>
      Number(a.proxy) - Number(b.proxy) ||
      Number(b.connected) - Number(a.connected) ||
      a.label.localeCompare(b.label),
  );
  const phones = people.filter((p) => !p.proxy);
  const total = session?.participant_count ?? phones.length;
  const connected = session?.connected_count ?? phones.filter((p) => p.connected).length;
  const remote = phones.filter((p) => p.remote).length;
  const noPhone = people.length - phones.length;
  const asksReady = Boolean(activity?.step?.asks_ready);
  const readyTotal = activity?.ready_total ?? total + noPhone;
  const roles = Array.isArray(activity?.roles) ? activity.roles : [];
  return html`<aside class="console-side console-people" aria-labelledby="people-title">
    <h2 id="people-title" tabindex="-1">${t('console.room')}</h2>
    <ul class="counts" data-testid="participant-counts">
      <li><strong>${total}</strong> ${t('console.participants_count_label', { count: total })}</li>
      <li>${icon('connected')} <strong>${connected}</strong> ${t('console.connected_label', { count: connected })}</li>
      <li>${icon('remote')} <strong>${remote}</strong> ${t('console.remote_label', { count: remote })}</li>
      ${noPhone ? html`<li>${icon('hand')} <strong>${noPhone}</strong> ${t('console.people.no_phone_label', { count: noPhone })}</li>` : nothing}
    </ul>
    ${asksReady
      ? html`<p class="ready-count" data-testid="ready-count" data-count=${activity.ready_count ?? 0}>
          ${icon('check')} <span>${t('console.people.ready_count', { count: activity.ready_count ?? 0, total: readyTotal })}</span>
        </p>`
      : nothing}
    ${joiningTemplate(c, session, may)}
    ${people.length === 0
      ? html`<p class="empty">${t('console.nobody')}</p>`
      : html`<ul class="people">
          ${repeat(people, (p) => p.id, (p) => personTemplate(c, p, { asksReady, roles, may, proxy }))}
        </ul>`}
    ${may('participant.add') ? addPersonTemplate(c) : nothing}
  </aside>`;
}

function joiningTemplate(c, session, may) {
  if (!session) return nothing;
  const locked = Boolean(session.joining_locked);
  return html`<div class="joining">
    <p class="state-line state-line--${locked ? 'closed' : 'open'}" data-testid="joining-state"
      data-locked=${locked ? 'true' : 'false'}>
      ${icon(locked ? 'lock' : 'unlock')} <span>${locked ? t('console.joining.locked') : t('console.joining.open')}</span>
    </p>
    ${may('session.lock_joining')
      ? html`<button type="button" class="button button--small" data-testid="joining-toggle"
          @click=${() => c.send('session.lock_joining', { locked: !locked }).then(() => c.focus('[data-testid="joining-toggle"]'))}>
          ${icon(locked ? 'unlock' : 'lock')} ${locked ? t('console.joining.unlock') : t('console.joining.lock')}
        </button>`
      : nothing}
  </div>`;
}

function personTemplate(c, p, { asksReady, roles, may, proxy }) {
  const held = new Set(p.roles ?? []);
  const row = `.person[data-participant-id="${CSS.escape(p.id)}"]`;
  return html`<li class="person ${p.connected || p.proxy ? '' : 'person--away'} ${p.proxy ? 'person--proxy' : ''}"
      data-testid="participant" data-participant-id=${p.id}
      data-connected=${p.connected ? 'true' : 'false'} data-remote=${p.remote ? 'true' : 'false'}
      data-proxy=${p.proxy ? 'true' : 'false'} data-ready=${p.ready ? 'true' : 'false'}>
    <span class="person__name ${p.name ? '' : 'person__name--anonymous'}">${p.label}</span>
    <span class="person__tags">
      ${p.proxy
        ? html`<span class="tag tag--proxy" data-testid="participant-no-phone">${icon('hand')} ${t('console.people.no_phone')}</span>`
        : html`<span class="tag ${p.connected ? 'tag--on' : 'tag--off'}">
              ${icon(p.connected ? 'connected' : 'offline')} ${p.connected ? t('console.connected') : t('console.away')}
            </span>
            <span class="tag">${icon(p.remote ? 'remote' : 'room')} ${p.remote ? t('console.remote') : t('console.in_room')}</span>`}
      ${asksReady && p.ready
        ? html`<span class="tag tag--done" data-testid="participant-ready">${icon('check')} ${t('console.people.done')}</span>`
        : nothing}
      ${roles.filter((r) => held.has(r.name)).map(
        (r) => html`<span class="tag tag--role" data-testid="participant-role" data-role=${r.name}>${icon('badge')} ${loc(r.title)}</span>`,
      )}
    </span>
    ${personActions(c, p, { roles, held, may, proxy, row })}
  </li>`;
}

function personActions(c, p, { roles, held, may, proxy, row }) {
  const actions = [];
  if (p.proxy && c.mayProxy && c.view?.activity) {
    const on = proxy.active === p.id;
    actions.push(html`<button type="button" class="button button--small" data-testid="proxy-start"
        data-on=${on ? 'true' : 'false'}
        @click=${() => (on ? proxy.stop() : proxy.start(p.id))}>
        ${icon('pencil')} ${on ? t('console.proxy.stop_short') : t('console.proxy.for', { name: p.label })}
      </button>`);
  }
  if (roles.length && may('participant.assign_role')) {
    for (const r of roles) {
      const has = held.has(r.name);
      const title = loc(r.title);
      actions.push(html`<button type="button" class="button button--small" data-testid="role-toggle" data-role=${r.name}
          data-assigned=${has ? 'true' : 'false'}
          aria-label=${has ? t('console.roles.take_aria', { role: title, name: p.label }) : t('console.roles.give_aria', { role: title, name: p.label })}
          @click=${() => c.send('participant.assign_role', { participant_id: p.id, role: r.name, assigned: !has })
            .then(() => c.focus(`${row} [data-testid="role-toggle"][data-role="${CSS.escape(r.name)}"]`))}>
          ${icon('badge')} ${has ? t('console.roles.take', { role: title }) : t('console.roles.give', { role: title })}
        </button>`);
    }
  }
  const remove = may('participant.remove')
    ? html`<button type="button" class="icon-button tool-button tool-button--danger" data-testid="participant-remove"
        aria-label=${t('console.people.remove_aria', { name: p.label })} title=${t('console.people.remove_aria', { name: p.label })}
        @click=${() => removePerson(c, p, proxy)}>
        ${icon('trash')}
      </button>`
    : nothing;
  const forget = may('participant.forget')
    ? html`<button type="button" class="icon-button tool-button" data-testid="participant-forget"
        aria-label=${t('console.people.forget_aria', { name: p.label })} title=${t('console.people.forget_aria', { name: p.label })}
        @click=${() => forgetPerson(c, p, proxy)}>
        ${icon('user')}
      </button>`
    : nothing;
  const tools = forget === nothing && remove === nothing ? nothing : html`<span class="person__tools">${forget}${remove}</span>`;
  return html`${actions.length ? html`<div class="person__actions">${actions}</div>` : nothing}${tools}`;
}

/** On a person's behalf (they asked, in the room or later): their name erased, for good. */
async function forgetPerson(c, p, proxy) {
  const yes = await c.confirm({
    title: t('console.people.forget_title', { name: p.label }),
    text: t('console.people.forget_text'),
    yes: t('console.people.forget_yes'),
  });
  if (!yes) return;
  const ack = await c.send('participant.forget', { participant_id: p.id });
  if (!ack.ok) return;
  if (proxy.active === p.id) proxy.stop();
  c.notify(t('console.people.forgotten'), 'success', 4000);
  c.focus('#people-title');
}

async function removePerson(c, p, proxy) {
  const yes = await c.confirm({
    title: t('console.people.remove_title', { name: p.label }),
    text: p.proxy ? t('console.people.remove_text_proxy') : t('console.people.remove_text'),
    yes: t('console.people.remove_yes'),
  });
  if (!yes) return;
  const ack = await c.send('participant.remove', { participant_id: p.id });
  if (!ack.ok) return;
  if (proxy.active === p.id) proxy.stop();
  c.notify(t('console.people.removed', { name: p.label }), 'success', 4000);
  c.focus('#people-title');
}

/** Adds a person without a phone; resolves with their participant id (null when refused). */
export async function addPerson(c, name) {
  const before = new Set((c.view?.session?.participants ?? []).map((p) => p.id));
  const ack = await c.send('participant.add', { name });
  if (!ack.ok) return null;
  await c.viewAt(ack.seq);
  const added = (c.view?.session?.participants ?? []).filter((p) => p.proxy && !before.has(p.id));
  return (added.find((p) => p.name === name) ?? added.at(-1))?.id ?? null;
}

function addPersonTemplate(c) {
  const submit = async (e) => {
    e.preventDefault();
    if (ui.adding) return;
    ui.adding = true;
    c.update();
    const name = ui.addName.trim();
    const id = await addPerson(c, name);
    ui.adding = false;
    if (id) {
      ui.addName = '';
      c.notify(t('console.people.added', { name: name || t('console.people.someone') }), 'success', 4000);
    }
    c.update();
    c.focus('#add-person-name');
  };
  return html`<form class="add-person" @submit=${submit} novalidate>
    <h3>${icon('hand')} ${t('console.people.add_title')}</h3>
    <p class="hint" id="add-person-hint">${t('console.people.add_hint')}</p>
    <label for="add-person-name">${t('console.people.add_name')}</label>
    <div class="inline-form">
      <input id="add-person-name" data-testid="participant-add-name" maxlength="40" aria-describedby="add-person-hint"
        .value=${live(ui.addName)} @input=${(e) => { ui.addName = e.target.value; }} />
      <button class="button button--small" data-testid="participant-add-submit" ?disabled=${ui.adding}>
        ${icon('plus')} ${t('console.people.add')}
      </button>
    </div>
  </form>`;
}
