// The call client: preview → (waiting room) → call → ended. The server decides who is in the
// call and which streams each browser gets (docs/signaling.md); this page shows it and sends
// the person's choices. Everything runs from this origin; nothing is fetched from elsewhere.

import { Signaling } from './signaling.js';
import { CallPeer } from './peer.js';
import { openDevice } from './devices.js';
import { LocalDevices } from './local-devices.js';
import { DeviceSettings } from './device-settings.js';
import { ConnectionQuality } from './connection-quality.js';
import { PeoplePanel } from './people.js';
import { endingFor, lastHostLeaving, LAST_HOST_QUESTION, CLOSE_THE_PAGE } from './ending.js';
import { Tiles } from './tiles.js';
import { LobbyQueue } from './lobby-queue.js';
import { Chat } from './chat.js';
import { ActiveSpeaker } from './active-speaker.js';
import { AdaptiveMedia } from './adaptive-media.js';
import { ScreenShareChoice, ScreenSharing } from './screen-share.js';
import { IceRestarter, ResumeClaim, SignalingReconnect, resumeUrl } from './reconnect.js';
import { LobbyReturn } from './lobby-return.js';
import { Recording } from './recording.js';
import { Layout } from './layout.js';
import { CallControls, showToggle } from './controls.js';
import { installCallStats } from './call-stats.js';
import { ColleaguesInCall } from './colleagues-in-call.js';

const root = document.getElementById('call-client');
const $ = (id) => document.getElementById(id);

const call = {
  phase: 'preview',
  stream: new MediaStream(),
  microphone: null,
  camera: null,
  screen: null,
  audioMuted: false,
  videoMuted: false,
  me: null,
  participants: [],
  locked: false,
  signaling: null,
  peer: null,
  ending: null,
  refusals: [], // the codes of the server's `error` messages, for tests and support
  stopLevel: () => {},
  claim: new ResumeClaim(root.dataset.room),
  reconnect: null,
  lobbyReturn: null,
  ice: null,
  reconnects: 0,
};

const tiles = new Tiles($('tiles'), $('screens'), {
  selfId: () => call.me && call.me.id,
  isHost: () => isHost(),
  askToMute: (participant) => send('ask-to-mute', { participant }),
  lowerHand: (participant) => send('hand', { raised: false, participant }),
  remove: (participant, name) => {
    if (window.confirm(`Remove ${name} from the call?`)) {
      send('remove', { participant });
    }
  },
});
const lobbyQueue = new LobbyQueue($('lobby-queue'), $('lobby-empty'), {
  admit: (participant) => send('admit', { participant }),
  deny: (participant) => send('deny', { participant }),
  announce,
});
const chat = new Chat($('chat-log'), $('chat-form'), $('chat-input'), {
  send: (text) => send('chat', { text }),
  selfId: () => call.me && call.me.id,
});
const layout = new Layout({ list: $('tiles'), screens: $('screens'), toggle: $('layout-button') }, {
  selfId: () => call.me && call.me.id,
  nameOf: (id) => (call.participants.find((p) => p.id === id) || { name: 'Someone' }).name,
  announce,
  changed: () => adaptive.changed(),
});
const adaptive = new AdaptiveMedia({ tiles, list: $('tiles'), screens: $('screens'), banner: $('media-banner'),
  send: (type, fields) => Boolean(call.signaling && call.signaling.send(type, fields)), peer: () => call.peer,
  stage: () => layout.stageParticipant() });
const activeSpeaker = new ActiveSpeaker((id) => {
  tiles.setSpeaker(id);
  layout.setSpeaker(id);
  adaptive.changed();
});
const controls = new CallControls({ timer: $('call-timer'), help: $('shortcuts-help'), opener: $('shortcuts-button'),
  hand: $('hand-button'), microphone: $('microphone-button'), camera: $('camera-button'), layout: $('layout-button') },
{ hand: (raised) => send('hand', { raised }), announce, selfId: () => call.me && call.me.id });
const deviceSettings = new DeviceSettings($('devices-dialog'), $('devices-button'), {
  tracks: () => ({ camera: call.camera, microphone: call.microphone }),
  use: (kind, deviceId) => local.switchTo(kind, deviceId),
  sinks: () => [...$('audio-sinks').querySelectorAll('audio')],
});
const local = new LocalDevices(call, tiles);
const people = new PeoplePanel($('people-list'), $('people-count'),
  { me: () => call.me, send });
const colleagues = new ColleaguesInCall($('colleagues-slot'), root.dataset.api, root.dataset.room);
const quality = new ConnectionQuality($('connection-quality'), $('tiles'), announce,
  (reading) => people.connectionsChanged(reading.others));
const screenSharing = new ScreenSharing(call, new ScreenShareChoice($('screen-choice')), $('screen-button'),
  { send, announce, problem: showCallProblem, changed: () => updateMediaButtons() });
const recording = new Recording({ button: $('record-button'), indicator: $('recording-indicator'),
  count: $('recording-count'), self: $('recording-self'), change: $('recording-change'),
  stopped: $('recording-stopped'), dialog: $('recording-consent') }, { send, announce });

// --- connecting ----------------------------------------------------------------------

async function join(claim = null) {
  $('join-button').disabled = true;
  call.audioMuted = $('start-muted').checked;
  if ($('start-camera-off').checked && call.camera) {
    local.useCamera(null);
  }
  call.videoMuted = !call.camera;
  if (call.microphone) {
    call.microphone.enabled = !call.audioMuted;
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${root.dataset.signaling}${encodeURIComponent(root.dataset.room)}`;
  call.signaling = new Signaling(claim ? resumeUrl(url, claim.secret, false) : url); // a reload: new peer connection
  call.reconnect = new SignalingReconnect(call.signaling, url, call.claim, {
    reconnecting: () => showReconnecting(true),
    gaveUp: () => end('lost'),
  });
  call.lobbyReturn = new LobbyReturn(call.signaling, url, {
    trying: (on) => { $('lobby-reconnecting').hidden = !on; },
    back: () => send('join', { audioMuted: call.audioMuted, videoMuted: call.videoMuted }),
    gaveUp: () => end('lobby-lost'),
  });
  listen(call.signaling);
  try {
    await call.signaling.connect();
    send('join', { audioMuted: call.audioMuted, videoMuted: call.videoMuted });
  } catch {
    end('unreachable');
  }
}

function listen(signaling) {
  signaling.addEventListener('lobby', (event) => {
    dropMedia(); // back after the place was given up: in the lobby like anyone
    recording.reset();
    setRoomName(event.detail.room);
    showPhase('lobby');
  });
  signaling.addEventListener('joined', (event) => joined(event.detail));
  signaling.addEventListener('participants', (event) => participants(event.detail.participants, event.detail.locked));
  signaling.addEventListener('lobby-queue', (event) => lobbyQueue.update(event.detail.waiting));
  signaling.addEventListener('renegotiate', (event) => call.peer?.receive(event.detail.receiveSlots || {}));
  signaling.addEventListener('chat', (event) => chat.received(event.detail));
  signaling.addEventListener('recording', (event) => recording.update(event.detail));
  signaling.addEventListener('media-allocation', (event) => adaptive.allocation(event.detail));
  signaling.addEventListener('publish-layers', (event) => adaptive.publishLayers(event.detail));
  signaling.addEventListener('mute-requested', (event) => muteRequested(event.detail.by));
  signaling.addEventListener('denied', (event) => end('denied', event.detail.reason));
  signaling.addEventListener('removed', (event) => end('removed', event.detail.reason));
  signaling.addEventListener('room-closed', (event) => end('closed', event.detail.reason));
  signaling.addEventListener('error', (event) => {
    call.refusals.push(event.detail.code);
    call.lastProblem = event.detail.message || event.detail.code;
    recording.refused(event.detail.code);
    if (event.detail.code !== 'elsewhere' || call.phase !== 'call') { // moving: "Reconnecting…" says it
      showCallProblem(call.lastProblem);
    }
  });
  signaling.addEventListener('closed', (event) => {
    call.lastClose = event.detail.code; // for the page's stats (support and tests)
    if (!call.ending && call.phase === 'call' && event.detail.code !== 1008 && call.claim.current()) {
      call.reconnect.start(); // the place is kept for a while: "Reconnecting…"
    } else if (!call.ending && call.phase === 'lobby' && event.detail.code !== 1008 && event.detail.code !== 1013) {
      call.lobbyReturn.start(); // nothing held in the waiting room: wait there again
    } else if ((event.detail.code === 1008 || event.detail.code === 1013) && call.lastProblem) { // refused, told why
      end('refused', call.lastProblem);
    } else {
      end('lost');
    }
  });
}

/** Back in our place after a drop: same peer connection, so an ICE restart resumes the media. */
function resumed(message) {
  call.reconnects++;
  showReconnecting(false);
  call.me = message.you;
  participants(message.participants, Boolean(message.room && message.room.locked));
  announce('You are back in the call.');
  call.ice?.kick();
  adaptive.reset(); // this connection's server side has not heard what the page shows
  call.peer.negotiate(); // the server may need receive slots that changed meanwhile
}

function dropMedia() {
  call.ice?.stop();
  call.ice = null;
  call.peer?.close();
  call.peer = null;
  activeSpeaker.stop();
  quality.stop();
  adaptive.stop();
}

function showReconnecting(on) {
  $('call-reconnecting').hidden = !on;
  if (on && call.phase === 'call') {
    announce('Reconnecting…');
  }
}

async function joined(message) {
  call.claim.save(message.resume, message.resumeWithinSeconds,
    { audioMuted: call.audioMuted, videoMuted: call.videoMuted });
  const samePlace = Boolean(call.me && message.you && message.you.id === call.me.id);
  recording.joined(message, message.you && message.you.id);
  controls.startTimer(message.room && message.room.since);
  if (call.peer && samePlace && message.media !== 'new') {
    resumed(message);
    return;
  }
  // A new place (the old one was given up), or ours on a bridge that does not know this peer
  // connection (another appliance took the call over): a new peer connection.
  dropMedia();
  showReconnecting(false);
  if (samePlace) {
    call.reconnects++;
  }
  call.me = message.you;
  call.locked = Boolean(message.room && message.room.locked);
  setRoomName(message.room && message.room.name);
  showHostPanel();
  updateLockButton();
  participants(message.participants);
  showPhase('call');
  announce(samePlace ? 'You are back in the call.' : 'You are in the call.');
  call.peer = new CallPeer(call.signaling);
  call.peer.addEventListener('sources', (event) => {
    tiles.setSources(event.detail);
    layout.refresh();
    adaptive.changed();
  });
  call.peer.addEventListener('slot', (event) => playAudio(event.detail));
  call.peer.addEventListener('problem', (event) => {
    if (call.signaling && call.signaling.open) { // while reconnecting, "Reconnecting…" says it already
      showCallProblem(`Audio and video could not be set up: ${event.detail}`);
    }
  });
  call.peer.addEventListener('connection', (event) => {
    // reconnect.js restarts ICE on its own; the person sees that it is trying, not a dead end
    if (event.detail === 'failed' || event.detail === 'disconnected') {
      showReconnecting(true);
    } else if (event.detail === 'connected' && call.signaling && call.signaling.open) {
      showReconnecting(false);
    }
  });
  updateMediaButtons();
  if (call.audioMuted || call.videoMuted) {
    sendMuteState();
  }
  activeSpeaker.start(() => call.peer, () => call.me && !call.audioMuted ? call.me.id : null);
  quality.start(() => call.peer);
  adaptive.start();
  adaptive.reset();
  const started = call.peer.start(call.stream, call.microphone, call.camera);
  call.ice = new IceRestarter(call.peer, () => Boolean(call.signaling && call.signaling.open));
  await started;
}

function participants(list, locked) {
  call.participants = list;
  const mine = list.find((p) => call.me && p.id === call.me.id);
  if (mine && mine.role !== call.me.role) { // named co-host by the owner, or no longer
    call.me.role = mine.role;
    showHostPanel();
    announce(isHost() ? 'You are a co-host now: you can let people in.' : 'You are no longer a co-host.');
  }
  if (typeof locked === 'boolean') {
    call.locked = locked;
    updateLockButton();
  }
  tiles.update(list);
  layout.refresh();
  controls.participants(list);
  people.update(list, call.me && call.me.id);
  recording.participantsChanged(list, call.me && call.me.id);
  adaptive.changed();
}

function playAudio({ kind, track }) {
  if (kind !== 'audio') {
    return;
  }
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = new MediaStream([track]);
  deviceSettings.playThrough(audio);
  $('audio-sinks').append(audio);
}

// --- in the call ---------------------------------------------------------------------

function toggleMicrophone() {
  call.audioMuted = !call.audioMuted;
  if (call.microphone) {
    call.microphone.enabled = !call.audioMuted;
  }
  updateMediaButtons();
  sendMuteState();
  announce(call.audioMuted ? 'Your microphone is muted.' : 'Your microphone is on.');
}

async function toggleCamera() {
  const button = $('camera-button');
  button.disabled = true;
  try {
    if (call.videoMuted) {
      const track = await openDevice('video', $('camera-select').value || undefined);
      local.useCamera(track);
      await call.peer?.replaceCamera(track);
      call.videoMuted = false;
    } else {
      await call.peer?.replaceCamera(null);
      local.useCamera(null); // stops the camera: its light goes off
      call.videoMuted = true;
    }
    sendMuteState();
    announce(call.videoMuted ? 'Your camera is off.' : 'Your camera is on.');
  } catch (problem) {
    showCallProblem(problem.message);
  } finally {
    button.disabled = false;
    updateMediaButtons();
  }
}

function sendMuteState() {
  call.claim.remember({ audioMuted: call.audioMuted, videoMuted: call.videoMuted });
  send('mute', { audio: call.audioMuted, video: call.videoMuted });
}

function muteRequested(by) {
  $('mute-request-text').textContent = `${by} asks you to mute your microphone.`;
  $('mute-request').hidden = call.audioMuted;
}

function toggleLock() {
  send('lock', { locked: !call.locked });
  call.locked = !call.locked;
  updateLockButton();
  announce(call.locked ? 'The room is locked.' : 'The room is unlocked.');
}

function leave() {
  if (call.phase === 'call' && lastHostLeaving(call.me, call.participants) && !window.confirm(LAST_HOST_QUESTION)) {
    return;
  }
  call.signaling?.leave();
  end('left');
}

// --- ending --------------------------------------------------------------------------

/** @param kind how it ended (ending.js); @param serverReason the server's sentence, if any */
function end(kind, serverReason) {
  if (call.ending) {
    return;
  }
  const { title, reason, rejoin } = endingFor(kind, serverReason, call.phase);
  call.ending = title;
  call.claim.forget();
  call.reconnect?.stop();
  call.lobbyReturn?.stop();
  showReconnecting(false);
  dropMedia();
  recording.reset();
  call.signaling?.leave();
  call.stopLevel();
  for (const track of [call.microphone, call.camera, call.screen]) {
    track?.stop();
  }
  $('audio-sinks').replaceChildren();
  $('ended-title').textContent = title;
  $('ended-reason').textContent = !rejoin && !$('home-link') ? `${reason} ${CLOSE_THE_PAGE}` : reason;
  $('rejoin-button').hidden = !rejoin;
  controls.stopTimer();
  showPhase('ended');
}

// --- small helpers -------------------------------------------------------------------

function send(type, fields) {
  if (!call.signaling || !call.signaling.send(type, fields)) {
    showCallProblem('Not connected to the call.');
  }
}

function showHostPanel() {
  $('host-panel').hidden = !isHost();
  colleagues.show(isHost());
}

function isHost() {
  return Boolean(call.me) && (call.me.role === 'owner' || call.me.role === 'host');
}

function setRoomName(name) {
  if (name) {
    document.querySelectorAll('.room-name').forEach((node) => { node.textContent = name; });
    document.title = `${name} · Consilium`;
  }
}

function showPhase(phase) {
  call.phase = phase;
  for (const id of ['preview', 'lobby', 'call', 'ended']) {
    $(id).hidden = id !== phase;
  }
  const heading = $(phase).querySelector('h1');
  heading.tabIndex = -1;
  heading.focus();
}

function updateMediaButtons() {
  showToggle($('microphone-button'), 'microphone', call.audioMuted);
  showToggle($('camera-button'), 'camera', call.videoMuted);
  showToggle($('screen-button'), 'screen', Boolean(call.screen));
  $('screen-button').hidden = !navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia;
  if (call.audioMuted) {
    $('mute-request').hidden = true;
  }
}

function updateLockButton() {
  $('lock-button').setAttribute('aria-pressed', String(call.locked));
  $('lock-button').textContent = call.locked ? 'Unlock the room' : 'Lock the room';
}

let problemTimer = null;
function showCallProblem(text) {
  const box = $('call-problem');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(problemTimer);
  problemTimer = setTimeout(() => { box.hidden = true; }, 10000);
}

function announce(text) {
  const announcer = $('announcer');
  announcer.textContent = '';
  requestAnimationFrame(() => { announcer.textContent = text; });
}

// --- wiring --------------------------------------------------------------------------

function wire() {
  const sinks = document.createElement('div');
  sinks.id = 'audio-sinks';
  sinks.hidden = true;
  root.append(sinks);
  $('camera-select').addEventListener('change', (event) => local.switchTo('video', event.target.value).then((text) => local.showProblem(text)));
  $('microphone-select').addEventListener('change', (event) => local.switchTo('audio', event.target.value).then((text) => local.showProblem(text)));
  $('join-button').addEventListener('click', join);
  $('lobby-leave').addEventListener('click', leave);
  $('microphone-button').addEventListener('click', toggleMicrophone);
  $('camera-button').addEventListener('click', toggleCamera);
  $('screen-button').addEventListener('click', () => screenSharing.toggle());
  $('leave-button').addEventListener('click', leave);
  $('lock-button').addEventListener('click', toggleLock);
  $('mute-request-accept').addEventListener('click', () => {
    if (!call.audioMuted) {
      toggleMicrophone();
    }
    $('mute-request').hidden = true;
  });
  $('mute-request-dismiss').addEventListener('click', () => { $('mute-request').hidden = true; });
  $('rejoin-button').addEventListener('click', () => location.reload());
  // No `leave` when the page goes: a reload must find its place kept (the server holds it for
  // the grace period, then lets it go: a closed tab shows as reconnecting until then).
}

installCallStats(call, { tiles, adaptive, recording, layout, quality });

wire();
updateMediaButtons();
if (!window.RTCPeerConnection || !navigator.mediaDevices) {
  local.showProblem('This browser cannot make video calls. Use a current Chromium, Chrome, Edge or Firefox.');
} else if (call.claim.current()) {
  rejoin(call.claim.current()); // a reload during the call: straight back to one's place
} else {
  local.preview();
}

/** The page was reloaded during the call: the same devices and mute choices, no device check, no lobby. */
async function rejoin(claim) {
  $('start-muted').checked = Boolean(claim.audioMuted);
  $('start-camera-off').checked = Boolean(claim.videoMuted);
  await local.preview();
  await join(claim);
}
