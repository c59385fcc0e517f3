// What the page says and offers once the call is over for this person: only what can work.
// "Join again" reloads the page into the preview. After the room closed, a removal or a
// denial it would lead to a dead end (or knock again on a door just shut), so the page
// offers the way back to one's rooms instead (staff) or says the page may be closed (guests).

import { refusalEnding } from './refusal.js';

const ENDINGS = {
  left: { title: 'You left the call', reason: 'You can join again while the room is open.', rejoin: true },
  closed: { title: 'The call has ended', reason: 'The room was closed.', rejoin: false },
  removed: { title: 'You were removed from the call', reason: 'A host took you out of the call.', rejoin: false },
  denied: { title: 'You were not let in', reason: 'A host did not let you in.', rejoin: false },
  lost: { title: 'Connection lost', reason: 'The connection to the call was lost. Check the network, then join again.',
    rejoin: true },
  'lobby-lost': { title: 'Connection lost',
    reason: 'The connection to the waiting room was lost. Check the network, then join again.', rejoin: true },
  unreachable: { title: 'Could not join',
    reason: 'The call server could not be reached, or your session has ended. Reload the page, or sign in again.',
    rejoin: true },
};

/** Said to a guest, who has no rooms to go back to, when there is nothing more to do here. */
export const CLOSE_THE_PAGE = 'You can close this page.';

/**
 * @param kind         one of ENDINGS' keys, or 'refused' (the server refused and closed the connection)
 * @param serverReason the server's sentence, when it gave one
 * @param phase        where the person was ('preview', 'lobby', 'call'): for a refusal's title
 * @returns { title, reason, rejoin }: rejoin when "Join again" can work
 */
export function endingFor(kind, serverReason, phase) {
  if (kind === 'refused') {
    return { ...refusalEnding(phase, serverReason), rejoin: true };
  }
  const ending = ENDINGS[kind] || ENDINGS.lost;
  return { title: ending.title, reason: serverReason || ending.reason, rejoin: ending.rejoin };
}

const hosts = (participant) => participant.role === 'owner' || participant.role === 'host';

/** Leaving asks only the last host while others stay: nobody could then let anyone in or end a problem. */
export function lastHostLeaving(me, participants) {
  if (!me || !hosts(me)) {
    return false;
  }
  const others = participants.filter((p) => p.id !== me.id);
  return others.length > 0 && !others.some(hosts);
}

/** The question the last host is asked before leaving. */
export const LAST_HOST_QUESTION = 'You are the last host in this call. While no host is in it, nobody can be let in'
  + ' from the waiting room. Leave anyway?';
