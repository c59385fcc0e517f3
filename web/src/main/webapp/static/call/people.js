// The people in the call as a list beside it (issue 20, item 2). In a tumor board of 40 the
// tiles scroll out of view; the list keeps everyone in one place. Raised hands come first, in
// the order they went up (a host takes turns from the top), then everyone else in the server's
// order; each entry says the role, the microphone and camera, the hand and, for those whose
// media arrive with losses, the connection. The room's owner makes a staff member co-host
// (or no longer) from here: hosts are staff, so guests get no such button. Hosts record a
// guest's identity check here too (identity-check.js, REQUIREMENTS D5).

import { handOrder } from './controls.js';
import { ordinal } from './tiles.js';
import { IdentityCheckDialog, identityBadge, mayCheckIdentity } from './identity-check.js';

const ROLES = { owner: 'owner', host: 'host', staff: 'staff', guest: 'guest' };

/** The co-host button {@code viewer} gets beside {@code participant}: 'make', 'remove' or null. */
export function coHostChoice(viewer, participant) {
  if (!viewer || viewer.role !== 'owner' || participant.id === viewer.id) {
    return null;
  }
  return { staff: 'make', host: 'remove' }[participant.role] || null;
}

/** Hands first in the order they went up, then the rest as the server lists them. */
export function peopleInOrder(participants) {
  const hands = handOrder(participants);
  const raised = participants.filter((p) => hands.has(p.id)).sort((a, b) => hands.get(a.id) - hands.get(b.id));
  return [...raised, ...participants.filter((p) => !hands.has(p.id))];
}

/** What the list says of one person besides their name: "guest, microphone off, hand raised (1st)". */
export function describe(participant, hands, connection) {
  const facts = [ROLES[participant.role] || participant.role];
  if (participant.audioMuted) {
    facts.push('microphone off');
  }
  if (participant.videoMuted) {
    facts.push('camera off');
  }
  if (participant.reconnecting) {
    facts.push('reconnecting');
  }
  const identity = identityBadge(participant);
  if (identity) {
    facts.push(identity.detail);
  }
  if (hands.has(participant.id)) {
    facts.push(`hand raised (${ordinal(hands.get(participant.id))})`);
  }
  if (connection && connection.level !== 'good') {
    facts.push(`${connection.level} connection`);
  }
  return facts.join(', ');
}

export class PeoplePanel {
  /**
   * @param list  the <ol> of people
   * @param count where the number of people goes (in the panel's heading)
   * @param actions { me() → oneself as the server lists them, send(type, fields) → a signaling message }
   */
  constructor(list, count, actions = { me: () => null, send: () => {} }) {
    this.list = list;
    this.identity = null; // the dialog, made when a host first needs it
    this.count = count;
    this.actions = actions;
    this.participants = [];
    this.selfId = null;
    this.connections = {};
  }

  update(participants, selfId) {
    this.participants = participants;
    this.selfId = selfId;
    this.#render();
  }

  /** A new connection-quality reading: participant id → { level }. */
  connectionsChanged(others) {
    const before = JSON.stringify(this.connections);
    this.connections = others || {};
    if (JSON.stringify(this.connections) !== before) {
      this.#render();
    }
  }

  #identityDialog() {
    this.identity ||= new IdentityCheckDialog(document,
      (participant, method) => this.actions.send('identity-check', { participant, method }));
    return this.identity;
  }

  #render() {
    const hands = handOrder(this.participants);
    this.count.textContent = `(${this.participants.length})`;
    this.list.replaceChildren(...peopleInOrder(this.participants).map((participant) => {
      const item = document.createElement('li');
      item.dataset.participant = participant.id;
      item.classList.toggle('hand-up', hands.has(participant.id));
      const name = document.createElement('span');
      name.className = 'person-name';
      name.textContent = participant.name + (participant.id === this.selfId ? ' (you)' : '');
      const facts = document.createElement('span');
      facts.className = 'person-facts';
      facts.textContent = describe(participant, hands, this.connections[participant.id]);
      item.append(name, facts);
      const choice = coHostChoice(this.actions.me(), participant);
      if (choice) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary person-cohost';
        button.textContent = choice === 'make' ? 'Make co-host' : 'Remove co-host';
        button.setAttribute('aria-label', `${button.textContent}: ${participant.name}`);
        button.addEventListener('click', () => this.actions.send('host', { participant: participant.id, host: choice === 'make' }));
        item.append(button);
      }
      if (mayCheckIdentity(this.actions.me(), participant)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary person-identity';
        button.textContent = participant.identityChecked ? 'Check ID again' : 'Confirm identity';
        button.setAttribute('aria-label', `${button.textContent}: ${participant.name}`);
        button.addEventListener('click', () => this.#identityDialog().open(participant));
        item.append(button);
      }
      return item;
    }));
  }
}
