// Which console this is (facilitator, scribe, observer) and what it may do.
//
// The role is read from the shape of the view, which the server composes per role: only the
// facilitator's view (co-facilitators' too) lists the team's links (`session.links`), the scribe's
// carries the participant's view of the step (`preview`, possibly null) but no links, and the
// observer's has neither. It holds when no activity is open, unlike `activity.can`.

export const FACILITATOR = 'facilitator';
export const SCRIBE = 'scribe';
export const OBSERVER = 'observer';

export function roleOf(view) {
  if (!view) return FACILITATOR; // nothing received yet: the page is opened by a staff link
  if (Array.isArray(view.session?.links)) return FACILITATOR;
  if (Object.hasOwn(view, 'preview')) return SCRIBE;
  return OBSERVER;
}

// What each role may do while no activity is open (then there is no `activity.can`): the
// session-wide commands of docs/protocol.md.
const WITHOUT_ACTIVITY = {
  [FACILITATOR]: new Set([
    'session.add_activity',
    'session.open_activity',
    'session.rename_activity',
    'session.move_activity',
    'session.duplicate_activity',
    'session.remove_activity',
    'session.lock_joining',
    'screen.show',
    'participant.add',
    'participant.remove',
    'link.create',
    'link.revoke',
  ]),
  [SCRIBE]: new Set(['participant.add']),
  [OBSERVER]: new Set(),
};

/** Whether this console may send `type` now: the server's `can` list when an activity is open. */
export function allowed(view, type) {
  const can = view?.activity?.can;
  if (Array.isArray(can)) return can.includes(type);
  return WITHOUT_ACTIVITY[roleOf(view)].has(type);
}

/** Entering contributions for people without a phone: the facilitator and the scribe. */
export function mayProxy(view) {
  return roleOf(view) !== OBSERVER;
}
