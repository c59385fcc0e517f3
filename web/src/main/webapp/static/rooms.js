// The home page's rooms: list the rooms you own, host or were invited to (and whose calls are
// going on), create one, join its call, invite a guest (the link is shown once, to copy),
// invite colleagues or name co-hosts (colleagues.js), see its visits and those of closed rooms (visits.js), see its recordings (each a link to its player), close it. Everything goes through the JSON API
// (docs/api.md); its problem messages are shown as they come, next to what caused them.

import { guestLabelForm, shownToGuests } from './guest-label.js';
import { clock } from './recording/timeline.js';
import { closedRooms, visitsList } from './visits.js';
import { loadWhenOpened, paragraph } from './disclosure.js';
import { apiRequest } from './api.js';
import { colleaguesPanel } from './colleagues.js';

const section = document.getElementById('rooms');
const api = section.dataset.api;
const $ = (id) => document.getElementById(id);
const KINDS = { visit: 'Visit', consult: 'Consultation', bedside: 'Bedside' };
const LIFETIMES = [[60, '1 hour'], [480, '8 hours'], [1440, '24 hours'], [10080, '7 days']];

const request = apiRequest(api);

async function load() {
  try {
    const rooms = await request('GET', '/rooms?status=open');
    $('room-list').replaceChildren(...rooms.map(roomEntry));
    $('rooms-empty').hidden = rooms.length > 0;
    $('rooms-problem').hidden = true;
  } catch (problem) {
    showProblem($('rooms-problem'), problem.message);
  }
}

function roomEntry(room) {
  const item = document.createElement('li');
  item.className = 'room';
  item.dataset.room = room.id;
  const title = document.createElement('h3');
  title.textContent = room.displayName;
  const invited = room.yourRole === 'invited';
  const facts = document.createElement('p');
  facts.className = 'hint';
  facts.textContent = `${KINDS[room.kind] || room.kind}, up to ${room.maxParticipants} people` +
    (invited ? `; ${room.owner} invited you` : room.yourRole ? `; you are its ${room.yourRole}` : '') +
    (room.lobby ? '' : '; waiting room off for staff');
  const guests = document.createElement('p');
  guests.className = 'hint guests-see';
  guests.textContent = shownToGuests(room);
  const join = document.createElement('a');
  join.className = 'button join-room';
  join.href = section.dataset.call + encodeURIComponent(room.id);
  join.textContent = 'Join the call';
  join.setAttribute('aria-label', `Join the call: ${room.displayName}`);
  const actions = document.createElement('div');
  actions.className = 'room-actions';
  actions.append(join);
  // A call going on is what a colleague looks for first: said under the name, the room marked.
  const inCall = room.inCall > 0
    ? [paragraph(`In a call now: ${room.inCall} ${room.inCall === 1 ? 'person' : 'people'}.`, 'in-call-now')] : [];
  item.classList.toggle('in-call', inCall.length > 0);
  if (invited) {
    item.append(title, ...inCall, facts, actions);
    return item;
  }
  if (room.yourRole === 'owner' || room.yourRole === 'host') {
    actions.append(inviteForm(room), colleaguesPanel(room, request), guestLabelForm(room, request, (changed) => {
      guests.textContent = shownToGuests(changed);
      status(`Guests now see ${room.displayName} as “${changed.shownToGuests}”.`);
    }));
  }
  actions.append(visitsList(room, request), recordingsList(room), closeButton(room));
  item.append(title, ...inCall, facts, guests, actions);
  return item;
}

/** The room's recordings, read when the disclosure is first opened: when, how long, how many files. */
function recordingsList(room) {
  const details = document.createElement('details');
  details.className = 'recordings';
  const summary = document.createElement('summary');
  summary.textContent = 'Recordings';
  summary.setAttribute('aria-label', `Recordings: ${room.displayName}`);
  const body = document.createElement('div');
  body.className = 'recordings-body';
  body.setAttribute('aria-live', 'polite');
  loadWhenOpened(details, body, 'Loading the recordings…', async () => {
    const recordings = await request('GET', `/recordings?room=${encodeURIComponent(room.id)}`);
    if (recordings.length === 0) {
      return [paragraph('No recordings', 'hint recordings-empty')];
    }
    const list = document.createElement('ul');
    list.className = 'recording-list';
    list.append(...recordings.map(recordingEntry));
    return [list];
  });
  details.append(summary, body);
  return details;
}

function recordingEntry(recording) {
  const item = document.createElement('li');
  item.dataset.recording = recording.id;
  const link = document.createElement('a');
  link.href = section.dataset.recording + encodeURIComponent(recording.id);
  link.textContent = new Date(recording.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const facts = document.createElement('span');
  facts.className = 'hint';
  const files = recording.files.length;
  facts.textContent = (recording.stoppedAt ? `${clock((Date.parse(recording.stoppedAt) - Date.parse(recording.startedAt)) / 1000)} long`
    : 'still recording')
    + `, ${files === 1 ? '1 file' : `${files} files`}`
    + (recording.files.some((file) => !file.complete) ? ', interrupted' : '');
  item.append(link, facts);
  return item;
}

function inviteForm(room) {
  const details = document.createElement('details');
  details.className = 'invite';
  const summary = document.createElement('summary');
  summary.textContent = 'Invite a guest';
  summary.setAttribute('aria-label', `Invite a guest: ${room.displayName}`);
  const form = document.createElement('form');
  const id = `invite-${room.id}`;
  const lifetime = document.createElement('select');
  lifetime.id = `${id}-lifetime`;
  for (const [minutes, label] of LIFETIMES) {
    lifetime.append(new Option(label, String(minutes), minutes === 1440, minutes === 1440));
  }
  const singleUse = document.createElement('input');
  singleUse.type = 'checkbox';
  singleUse.id = `${id}-single`;
  const create = document.createElement('button');
  create.type = 'submit';
  create.textContent = 'Create link';
  const output = document.createElement('div');
  output.className = 'invitation';
  output.setAttribute('role', 'status');
  form.append(labelled(`${id}-lifetime`, 'Link works for', lifetime),
    labelled(`${id}-single`, 'Only one guest may use it', singleUse, 'checkbox'), create, output);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    create.disabled = true;
    try {
      const invitation = await request('POST', `/rooms/${encodeURIComponent(room.id)}/invitations`,
        { expiresInMinutes: Number(lifetime.value), singleUse: singleUse.checked });
      output.replaceChildren(...invitationOutput(invitation, id));
    } catch (problem) {
      output.replaceChildren(paragraph(problem.message, 'notice error'));
    } finally {
      create.disabled = false;
    }
  });
  details.append(summary, form);
  return details;
}

function invitationOutput(invitation, id) {
  const link = document.createElement('input');
  link.type = 'text';
  link.readOnly = true;
  link.id = `${id}-link`;
  link.className = 'invitation-link';
  link.value = invitation.link;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'secondary';
  copy.textContent = 'Copy link';
  copy.addEventListener('click', async () => {
    link.select();
    try {
      await navigator.clipboard.writeText(invitation.link);
      status('The link is copied.');
    } catch {
      status('Select the link and copy it with Ctrl+C.');
    }
  });
  const expires = new Date(invitation.expiresAt).toLocaleString();
  return [labelled(link.id, 'Send this link to the guest (it is shown only now)', link), copy,
    paragraph(`It works until ${expires}${invitation.singleUse ? ', for one guest' : ''}.`, 'hint')];
}

function closeButton(room) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'danger';
  button.textContent = 'Close room';
  button.setAttribute('aria-label', `Close room: ${room.displayName}`);
  button.addEventListener('click', async () => {
    if (!window.confirm(`Close ${room.displayName}? Anyone in its call leaves, and its invitations stop working.`)) {
      return;
    }
    try {
      await request('DELETE', `/rooms/${encodeURIComponent(room.id)}`);
      status(`${room.displayName} is closed.`);
      await load();
    } catch (problem) {
      showProblem($('rooms-problem'), problem.message);
    }
  });
  return button;
}

async function createRoom(event) {
  event.preventDefault();
  const name = $('new-room-name');
  const label = $('new-room-guest-label');
  const error = $('new-room-error');
  $('new-room-button').disabled = true;
  try {
    const body = { displayName: name.value, kind: $('new-room-kind').value };
    if (label.value.trim() !== '') {
      body.guestLabel = label.value;
    }
    const room = await request('POST', '/rooms', body);
    name.value = '';
    label.value = '';
    name.removeAttribute('aria-invalid');
    label.removeAttribute('aria-invalid');
    error.hidden = true;
    status(`${room.displayName} is ready.`);
    await load();
    section.querySelector(`[data-room="${room.id}"] .join-room`)?.focus();
  } catch (problem) {
    showProblem(error, problem.message);
    if (problem.field === 'guestLabel') {
      label.setAttribute('aria-invalid', 'true');
      label.focus();
    } else if (!problem.field || problem.field === 'displayName') {
      name.setAttribute('aria-invalid', 'true');
      name.focus();
    }
  } finally {
    $('new-room-button').disabled = false;
  }
}

function labelled(id, text, control, className) {
  const field = document.createElement('div');
  field.className = `field ${className || ''}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  field.append(...(className === 'checkbox' ? [control, label] : [label, control]));
  return field;
}

function showProblem(box, text) {
  box.textContent = text;
  box.hidden = false;
}

function status(text) {
  $('rooms-status').textContent = text;
}

$('new-room').addEventListener('submit', createRoom);
closedRooms($('closed-rooms'), request);
load();
// Calls start and end while the page is open: the list is read again every 30 s, but not while
// someone works in it (an entry open, or focus inside), so nothing is taken from under them.
const REFRESH_MILLIS = 30_000;
setInterval(() => {
  const list = $('room-list');
  if (document.visibilityState === 'visible' && !list.querySelector('details[open]') && !list.contains(document.activeElement)) {
    load();
  }
}, REFRESH_MILLIS);
