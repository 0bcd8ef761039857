// The editor's sharing and publishing: the participants' read-only link (`minutes.share`), where
// this session publishes (write-only: a value is shown as "set", never read back), publishing
// now, and how it goes (the server's `publication` messages: what failed, why, when it tries
// again; a "retry" button once it has given up).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from './i18n.js';
import { icon } from './icons.js';
import { fetchJSON } from './ui.js';
import { can } from './kit.js';

const FIELDS = [
  ['webdav_url', 'text'],
  ['webdav_user', 'text'],
  ['webdav_password', 'password'],
  ['webhook_url', 'password'],
];

export function createPublishing({ api, state, update, notify, send }) {
  const local = { targets: null, publication: null, form: {}, link: '', linkFor: null, busy: false };

  async function load() {
    const { status, data } = await fetchJSON(`${api}/publishing`);
    if (status === 200) Object.assign(local, { targets: data.targets, publication: data.publication });
    update();
  }

  function listen(conn) {
    conn.socket.on('publication', (status) => {
      local.publication = status;
      update();
    });
  }

  async function saveTargets(e) {
    e.preventDefault();
    const changes = Object.fromEntries(Object.entries(local.form).filter(([, v]) => v !== ''));
    if (!Object.keys(changes).length) return;
    const { status, data } = await fetchJSON(`${api}/publishing`, { method: 'PUT', json: changes });
    if (status === 200) {
      local.targets = data.targets;
      local.form = {};
      notify(t('minutes.publish.targets_saved'));
    } else notify(data?.error?.message ?? t('error.network'));
    update();
  }

  async function clearTarget(key) {
    const { status, data } = await fetchJSON(`${api}/publishing`, { method: 'PUT', json: { [key]: '' } });
    if (status === 200) local.targets = data.targets;
    update();
  }

  async function publish() {
    local.busy = true;
    update();
    const { status, data } = await fetchJSON(`${api}/publish?lang=${document.documentElement.lang}`, { method: 'POST' });
    local.busy = false;
    if (status === 202) local.publication = data;
    else notify(data?.error?.message ?? t('error.network'));
    update();
  }

  async function linkOf(session) {
    const shared = session?.minutes?.shared ?? null;
    if (shared === local.linkFor) return;
    local.linkFor = shared;
    local.link = '';
    if (!shared) return;
    const { status, data } = await fetchJSON(`${api}/minutes/link`);
    if (status === 200 && local.linkFor === shared) local.link = data.url;
    update();
  }

  function shareTemplate(session) {
    linkOf(session);
    const shared = Boolean(session?.minutes?.shared);
    const mayShare = can(session, 'minutes.share');
    return html`<section class="card" aria-labelledby="share-title">
      <h2 id="share-title">${icon('link')} ${t('minutes.share.title')}</h2>
      <p data-testid="minutes-share-state">${t(shared ? 'minutes.share.on' : 'minutes.share.off')}</p>
      ${shared && local.link
        ? html`<p class="minutes-share-link"><a href=${local.link} target="_blank" rel="noopener" data-testid="minutes-share-url">${local.link}</a></p>`
        : nothing}
      ${mayShare
        ? html`<button class="button ${shared ? '' : 'button--primary'}" data-testid="minutes-share"
            @click=${() => send('minutes.share', { shared: !shared })}>
            ${icon(shared ? 'lock' : 'send')} ${t(shared ? 'minutes.share.stop' : 'minutes.share.start')}</button>`
        : nothing}
    </section>`;
  }

  function targetState(key) {
    const where = local.targets?.[key];
    return where ? t(`minutes.publish.set_${where}`) : t('minutes.publish.unset');
  }

  function targetsTemplate(session) {
    if (!can(session, 'minutes.share')) return nothing; // the facilitator sets where
    return html`<form class="minutes-targets" @submit=${saveTargets} aria-labelledby="targets-title">
      <h3 id="targets-title">${t('minutes.publish.targets')}</h3>
      <p class="hint">${t('minutes.publish.targets_hint')}</p>
      ${FIELDS.map(([key, type]) => html`<div class="field">
          <label for="target-${key}">${t(`minutes.publish.${key}`)}</label>
          <p class="hint" id="target-${key}-state" data-testid="target-${key}-state">${targetState(key)}</p>
          <div class="minutes-target-row">
            <input id="target-${key}" type=${type} autocomplete="off" data-testid="target-${key}"
              aria-describedby="target-${key}-state" .value=${live(local.form[key] ?? '')}
              @input=${(e) => { local.form[key] = e.target.value; }} />
            ${local.targets?.[key] === 'session'
              ? html`<button type="button" class="button button--small" @click=${() => clearTarget(key)}
                  aria-label=${t('minutes.publish.clear_named', { name: t(`minutes.publish.${key}`) })}>${icon('close')} ${t('minutes.publish.clear')}</button>`
              : nothing}
          </div>
        </div>`)}
      <button class="button" data-testid="targets-save">${icon('check')} ${t('minutes.publish.targets_save')}</button>
    </form>`;
  }

  function targetLine(name, result) {
    const label = t(`minutes.publish.target_${name}`);
    let text;
    if (result.state === 'failed') {
      const why = t(`minutes.publish.why_${result.code}`, { status: result.status ?? '' });
      text = t('minutes.publish.target_failed', { why });
    } else text = t(`minutes.publish.target_${result.state}`);
    return html`<li data-testid="publication-${name}" data-state=${result.state}>
      ${icon(result.state === 'done' ? 'check' : result.state === 'failed' ? 'alert' : 'hourglass')}
      <strong>${label}</strong> — ${text}
      ${result.state === 'done' && result.url ? html` <a href=${result.url} target="_blank" rel="noopener">${t('minutes.publish.open')}</a>` : nothing}
    </li>`;
  }

  function statusTemplate() {
    const p = local.publication;
    if (!p) return nothing;
    const when = p.next_retry_at ? new Date(p.next_retry_at).toLocaleTimeString() : '';
    const head = t(`minutes.publish.state_${p.state}`, { attempt: p.attempt, attempts: p.attempts, when });
    return html`<div class="minutes-publication ${p.state === 'failed' ? 'callout callout--error' : 'callout'}"
        data-testid="publication" data-state=${p.state}>
      <p><strong>${head}</strong></p>
      <ul>${Object.entries(p.targets ?? {}).map(([name, result]) => targetLine(name, result))}</ul>
    </div>`;
  }

  function template(session) {
    const p = local.publication;
    const running = p && (p.state === 'sending' || p.state === 'retrying');
    return html`${shareTemplate(session)}
      <section class="card" aria-labelledby="publish-title">
        <h2 id="publish-title">${icon('send')} ${t('minutes.publish.title')}</h2>
        <p class="hint">${t('minutes.publish.hint')}</p>
        ${targetsTemplate(session)}
        <div aria-live="polite">${statusTemplate()}</div>
        <button class="button button--primary" data-testid="publish" ?disabled=${local.busy || running}
          @click=${publish}>${icon('send')} ${t(p?.state === 'failed' ? 'minutes.publish.retry' : 'minutes.publish.now')}</button>
      </section>`;
  }

  return { load, listen, template };
}
