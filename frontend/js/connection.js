// The Socket.IO connection shared by the three screens.
//
// - connects with `auth` (re-read at every reconnect: language and last seen seq stay current);
// - keeps the latest `view` and `private` (by seq; the first one after a (re)connect always wins,
//   so a server restarted from scratch is followed too), applying the patches the server sends
//   between whole ones, and asking for a whole one (`resync`) after a missed patch;
// - `send(type, payload, {activity_id, on_behalf_of})` puts the command in an outbox kept in localStorage until the server
//   acknowledges it, sends the outbox in order, and resends unacknowledged commands with the same
//   `client_id` after a reconnect (the server applies a command once per client_id);
// - reports an honest state: connecting, connected, reconnecting, offline, unauthorized.
//
// Events (EventTarget): "change" (state, view, private or outbox changed), "unauthorized",
// "rejected" (detail: {command, ack}) for a refused command that nobody is awaiting any more
// (e.g. sent before a reload).
import { io } from 'socket.io-client';
import { applyPatch } from 'fast-json-patch';
import { KEYS, getJSON, setJSON, remove } from './store.js';
import { trackServerClock } from './timer.js';

const ACK_TIMEOUT_MS = 10000;
const OFFLINE_AFTER_FAILURES = 2;
const MAX_SILENT_ATTEMPTS = 3;
const VIEW_GRACE_MS = 300;

function randomId() {
  // crypto.randomUUID needs a secure context; a workshop on a LAN is plain http.
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Connection extends EventTarget {
  /**
   * @param {object} opts
   * @param {object} opts.auth   credentials sent on connect ({token} or {session_id, screen})
   * @param {string} opts.scope  names the outbox in localStorage (one per person and device)
   * @param {string} opts.lang   language of server messages
   */
  constructor({ auth, scope, lang }) {
    super();
    this.auth = auth;
    this.lang = lang;
    this.outboxKey = KEYS.outbox(scope);
    this.outbox = getJSON(this.outboxKey, []);
    if (!Array.isArray(this.outbox)) this.outbox = [];
    this.view = null;
    this.private = null;
    this.seq = -1;
    this.privateSeq = -1;
    this.freshView = true;
    this.freshPrivate = true;
    // A whole document asked for (after a missed patch) and not come yet, per kind.
    this.resyncing = { view: false, private: false };
    this.state = 'connecting';
    this.failures = 0;
    this.everConnected = false;
    this.flushing = false;
    this.waiting = new Map(); // client_id -> resolve
    this.recent = []; // accepted commands whose effect has not reached a view yet
    this.socket = null;
    this._onNetwork = () => this._networkChanged();
  }

  connect() {
    const socket = io({
      // WebSocket first: on a slow link each HTTP long-polling round trip of the handshake costs
      // a few hundred milliseconds. Where a WebSocket cannot open (a proxy that refuses it),
      // long-polling takes over.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      auth: (cb) => cb(this._authPayload()),
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.failures = 0;
      this.everConnected = true;
      this._setState('connected');
      this._flush();
    });
    socket.on('disconnect', (reason) => {
      // The first view of the next connection wins whatever its seq (the server may have been
      // restarted from scratch). Set here, not on 'connect': socket.io delivers the events that
      // came with the handshake before it fires 'connect'.
      this.freshView = true;
      this.freshPrivate = true;
      this.resyncing = { view: false, private: false };
      if (reason === 'io client disconnect') return;
      this._setState(navigator.onLine === false ? 'offline' : 'reconnecting');
      if (reason === 'io server disconnect') {
        // The server closed this socket on purpose: ask again; a refused credential says so.
        setTimeout(() => this.socket === socket && socket.connect(), 1500);
      }
    });
    socket.on('connect_error', (err) => {
      if (err && err.message === 'unauthorized') {
        this._setState('unauthorized');
        this.dispatchEvent(new Event('unauthorized'));
        return;
      }
      this.failures += 1;
      const offline = navigator.onLine === false || this.failures >= OFFLINE_AFTER_FAILURES;
      this._setState(offline ? 'offline' : 'reconnecting');
      if (!socket.active) {
        // Refused by the server for another reason: socket.io does not retry by itself.
        setTimeout(() => this.socket === socket && socket.connect(), 3000);
      }
    });
    socket.on('view', (message) => {
      const view = this._whole('view', message);
      if (!view) return;
      if (!this.freshView && typeof view.seq === 'number' && view.seq < this.seq) return;
      this.freshView = false;
      trackServerClock(view);
      this.view = view;
      if (typeof view.seq === 'number') this.seq = view.seq;
      this._noteViewSeq();
      this._changed();
    });
    socket.on('private', (message) => {
      const priv = this._whole('private', message);
      if (!priv) return;
      if (!this.freshPrivate && typeof priv.seq === 'number' && priv.seq < this.privateSeq) return;
      this.freshPrivate = false;
      this.private = priv;
      if (typeof priv.seq === 'number') this.privateSeq = priv.seq;
      this._changed();
    });
    window.addEventListener('online', this._onNetwork);
    window.addEventListener('offline', this._onNetwork);
    return this;
  }

  close() {
    window.removeEventListener('online', this._onNetwork);
    window.removeEventListener('offline', this._onNetwork);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  /** Forget the commands waiting to be sent (the person's credential is no longer valid). */
  clearOutbox() {
    this.outbox = [];
    remove(this.outboxKey);
    this._changed();
  }

  setLang(lang) {
    // Taken into account at the next (re)connect; views carry every language anyway.
    this.lang = lang;
  }

  get pending() {
    return this.outbox.slice();
  }

  /**
   * Commands not yet visible in the views: the outbox, plus accepted ones until a view with their
   * seq arrives. Renderers use it to show "being sent" items and optimistic counts.
   */
  get optimistic() {
    const now = Date.now();
    this.recent = this.recent.filter((c) => typeof c.ack_seq === 'number' && !this._reflected(c, now));
    return [...this.outbox, ...this.recent];
  }

  /**
   * Whether an accepted command shows in what is held: the private view with its seq, or the
   * view. The server sends a person's private view right after the view, and only when it
   * changed: once the view has the command, a private view still to come arrives at once, so a
   * short grace is enough (the command is then never shown twice for long, nor missing).
   */
  _reflected(c, now) {
    if (this.private && this.privateSeq >= c.ack_seq) return true;
    if (this.seq >= c.ack_seq && (!this.private || (c.seen_at && now - c.seen_at >= VIEW_GRACE_MS))) return true;
    return now - c.settled_at >= 5000;
  }

  /** A view came (or an ack whose view came first): start the grace of the accepted commands it shows. */
  _noteViewSeq() {
    const now = Date.now();
    let waiting = false;
    for (const c of this.recent) {
      if (!c.seen_at && typeof c.ack_seq === 'number' && c.ack_seq <= this.seq) {
        c.seen_at = now;
        waiting = true;
      }
    }
    if (waiting && this.private) setTimeout(() => this._changed(), VIEW_GRACE_MS + 20);
  }

  get connected() {
    return this.state === 'connected';
  }

  /**
   * Send a command. Resolves with the server's acknowledgement ({ok: true, seq} or
   * {ok: false, error: {code, message}}), possibly after reconnects; never rejects.
   * `activity_id` defaults to the activity on screen (none for `session.*` and `participant.*`
   * commands, which do not depend on the activity). `opts.on_behalf_of` (facilitator and scribe)
   * names the person without a phone the command is entered for; it stays with the command in
   * the outbox, so a resend after a reconnect still acts for that person.
   */
  send(type, payload = {}, opts = {}) {
    const command = { client_id: randomId(), type, payload };
    let activityId = opts.activity_id;
    if (activityId === undefined && !type.startsWith('session.') && !type.startsWith('participant.')) {
      activityId = this.view?.activity?.id;
    }
    if (activityId) command.activity_id = activityId;
    if (opts.on_behalf_of) command.on_behalf_of = opts.on_behalf_of;
    this.outbox.push({ ...command, queued_at: Date.now() });
    this._saveOutbox();
    this._changed();
    const done = new Promise((resolve) => this.waiting.set(command.client_id, resolve));
    this._flush();
    return done;
  }

  /**
   * A `view` or `private` message as renderers see it: whole. The server sends a document whole
   * (on connect, after a resync) or as a JSON patch (RFC 6902) to the last one it sent, whose seq
   * is `base`. A patch to another document than the one held (one was missed) is not applied:
   * the whole document is asked for (`resync`), once until it comes.
   */
  _whole(kind, message) {
    if (!message || typeof message !== 'object') return null;
    const isView = kind === 'view';
    if (!Array.isArray(message.patch)) {
      this.resyncing[kind] = false;
      return message;
    }
    // Right after a (re)connect the server sends the whole document first: until it has come,
    // what is held belongs to the previous connection.
    if (isView ? this.freshView : this.freshPrivate) return null;
    const held = isView ? this.view : this.private;
    const heldSeq = isView ? this.seq : this.privateSeq;
    if (held && message.base === heldSeq) {
      try {
        // A new object (the one held is left as it was): renderers compare views by identity.
        return applyPatch(held, message.patch, false, false).newDocument;
      } catch {
        // A patch that does not apply: ask for the whole document below.
      }
    }
    if (!this.resyncing[kind] && this.socket?.connected) {
      this.resyncing[kind] = true;
      this.socket.emit('resync', kind);
    }
    return null;
  }

  _authPayload() {
    const auth = { ...this.auth, lang: this.lang };
    this.serverLang = this.lang; // the language of the messages this socket will receive
    if (auth.token && this.seq >= 0) auth.last_seq = this.seq;
    return auth;
  }

  async _flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.socket && this.socket.connected && this.outbox.length) {
        const entry = this.outbox[0];
        const wire = { type: entry.type, payload: entry.payload, client_id: entry.client_id };
        if (entry.activity_id) wire.activity_id = entry.activity_id;
        if (entry.on_behalf_of) wire.on_behalf_of = entry.on_behalf_of;
        let ack;
        try {
          ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', wire);
        } catch {
          // No answer in time, or the connection dropped: the same client_id goes again,
          // now if still connected, else after the reconnect (the server applies it once).
          if (this.socket?.connected) {
            entry.attempts = (entry.attempts ?? 0) + 1;
            if (entry.attempts >= MAX_SILENT_ATTEMPTS) {
              // Connected, yet no answer three times: say so rather than wait forever.
              this._settle(entry, { ok: false, error: { code: 'no_answer', message: '' } });
            }
          }
          continue;
        }
        this._settle(entry, ack);
      }
    } finally {
      this.flushing = false;
    }
  }

  _settle(entry, ack) {
    if (!ack || typeof ack !== 'object') {
      ack = { ok: false, error: { code: 'invalid_ack', message: '' } };
    }
    this.outbox = this.outbox.filter((c) => c.client_id !== entry.client_id);
    this._saveOutbox();
    if (ack.ok && !ack.duplicate) {
      this.recent.push({ ...entry, ack_seq: ack.seq, settled_at: Date.now() });
      // The view may already have come with it (the server broadcasts before it answers).
      this._noteViewSeq();
      setTimeout(() => this._changed(), 5100);
    }
    const resolve = this.waiting.get(entry.client_id);
    this.waiting.delete(entry.client_id);
    if (resolve) {
      resolve(ack);
    } else if (!ack.ok) {
      this.dispatchEvent(new CustomEvent('rejected', { detail: { command: entry, ack } }));
    }
    this._changed();
  }

  _saveOutbox() {
    if (this.outbox.length) setJSON(this.outboxKey, this.outbox);
    else remove(this.outboxKey);
  }

  _networkChanged() {
    if (this.state === 'unauthorized') return;
    if (navigator.onLine === false) {
      // The phone says its network is gone: a socket that looks open would only swallow
      // commands until its heartbeat fails. Close it: what is written now waits in the outbox,
      // said "waiting", and goes once the network is back.
      if (this.socket?.connected) this.socket.io.engine?.close();
      this._setState('offline');
      return;
    }
    if (navigator.onLine && this.socket && !this.socket.connected) {
      this._setState('reconnecting');
      this.socket.connect();
    }
  }

  _setState(state) {
    if (this.state === state) return;
    this.state = state;
    this._changed();
  }

  _changed() {
    this.dispatchEvent(new Event('change'));
  }
}
