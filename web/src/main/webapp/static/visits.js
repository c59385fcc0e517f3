// A clinician's visit history (issue 20, item 5): each room's past visits, read when asked —
// when, how long, with video or audio only, who took part as what and from when to when —
// and the rooms already closed, whose history stays readable. The server lets only a room's
// owner and hosts read it and audits every read (docs/api.md); nothing is kept in the page.

import { clock } from './recording/timeline.js';
import { loadWhenOpened, paragraph } from './disclosure.js';

const ROLES = { owner: 'owner', host: 'host', participant: 'staff', staff: 'staff', guest: 'guest' }; // participant: staff who neither own nor host
const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = (iso) => new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short' });

/**
 * The words for one visit: "7 Dec 2026, 10:02, 29:10 long, video". A visit stays open a while
 * after the last person left (they may come back): "open, nobody in it since 10:31"; with
 * someone in it, "going on". "audio only at times" when someone went on without video.
 */
export function visitSummary(visit) {
  const present = visit.participants.some((p) => !p.leftAt);
  const lastLeft = visit.participants.map((p) => p.leftAt).filter(Boolean).sort().at(-1);
  const length = visit.endedAt ? `${clock(visit.durationSeconds ?? 0)} long`
    : present || !lastLeft ? 'going on' : `open, nobody in it since ${time(lastLeft)}`;
  const audioOnly = visit.participants.some((p) => (p.modalityChanges || []).some((c) => c.modality === 'audio-only'));
  return `${when(visit.startedAt)}, ${length}, ${audioOnly ? 'audio only at times' : 'video'}`;
}

/** The words for one stint: "Maria González (guest), 10:03 to 10:30". */
export function stintSummary(stint) {
  const role = ROLES[stint.role] || stint.role;
  return `${stint.displayName} (${role}), ${time(stint.joinedAt)} to ${stint.leftAt ? time(stint.leftAt) : 'now'}`;
}

const METHODS = { 'photo-id': 'photo ID', 'two-identifiers': 'two identifiers', 'known-patient': 'known patient' };

/**
 * What was recorded of a guest's stint under REQUIREMENTS D5: "agreed to the consent to treat
 * (version 2) at 10:02", "identity confirmed by aortiz (photo ID) at 10:05"; none for staff.
 */
export function stintRecords(stint) {
  const records = [];
  if (stint.consentToTreat) {
    records.push(`agreed to the consent to treat (version ${stint.consentToTreat.version}) at ${time(stint.consentToTreat.acknowledgedAt)}`);
  }
  for (const check of stint.identityChecks || []) {
    records.push(`identity confirmed by ${check.confirmedBy} (${METHODS[check.method] || check.method}) at ${time(check.at)}`);
  }
  return records;
}

/** A "Visits" disclosure for a room, read from the server when first opened. */
export function visitsList(room, request) {
  const details = document.createElement('details');
  details.className = 'visits';
  const summary = document.createElement('summary');
  summary.textContent = 'Visits';
  summary.setAttribute('aria-label', `Visits: ${room.displayName}`);
  const body = document.createElement('div');
  body.setAttribute('aria-live', 'polite');
  loadWhenOpened(details, body, 'Loading the visits…', async () => {
    const visits = await request('GET', `/rooms/${encodeURIComponent(room.id)}/visits`);
    if (visits.length === 0) {
      return [paragraph('No visits yet', 'hint visits-empty')];
    }
    const list = document.createElement('ol');
    list.className = 'visit-list';
    list.append(...visits.map(visitEntry));
    return [list];
  });
  details.append(summary, body);
  return details;
}

function visitEntry(visit) {
  const item = document.createElement('li');
  item.dataset.visit = visit.id;
  const people = document.createElement('ul');
  people.className = 'visit-people';
  people.append(...visit.participants.map((stint) => {
    const person = document.createElement('li');
    person.textContent = stintSummary(stint);
    const records = stintRecords(stint);
    if (records.length > 0) {
      const list = document.createElement('ul');
      list.className = 'visit-records';
      list.append(...records.map((record) => Object.assign(document.createElement('li'), { textContent: record })));
      person.append(list);
    }
    return person;
  }));
  item.append(paragraph(visitSummary(visit), 'visit-summary'), people);
  return item;
}

/**
 * The rooms already closed, listed when the disclosure is first opened, each with its visits.
 * @param details the <details> element holding them (its last child, a <div>, gets the list)
 */
export function closedRooms(details, request) {
  loadWhenOpened(details, details.querySelector('.closed-rooms-body'), 'Loading the closed rooms…', async () => {
    const rooms = await request('GET', '/rooms?status=closed');
    if (rooms.length === 0) {
      return [paragraph('No closed rooms', 'hint')];
    }
    const list = document.createElement('ul');
    list.className = 'room-list';
    list.append(...rooms.map((room) => {
      const item = document.createElement('li');
      item.className = 'room closed';
      item.dataset.room = room.id;
      const title = document.createElement('h3');
      title.textContent = room.displayName;
      item.append(title, paragraph(room.closedAt ? `Closed ${when(room.closedAt)}` : 'Closed', 'hint'),
        visitsList(room, request));
      return item;
    }));
    return [list];
  });
}
