// The call view: a tile per participant (name, role, microphone and camera state, their
// camera), a large tile per shared screen, the active speaker outlined. The server's
// `participants` list says who is here; the bridge's answer says which track is whose.
// While a recording runs, each tile says whether that person is recorded (recording.js).

import { badgeFor } from './recording.js';
import { handOrder } from './controls.js';
import { identityBadge } from './identity-check.js';

const ROLE_NAMES = { owner: 'owner', host: 'host', staff: 'staff', guest: 'guest' };

export class Tiles {
  /**
   * @param list     the <ul> of participant tiles
   * @param screens  the section holding shared screens
   * @param actions  { selfId(), isHost(), askToMute(participant), remove(participant), lowerHand(participant) }
   */
  constructor(list, screens, actions) {
    this.list = list;
    this.screens = screens;
    this.actions = actions;
    this.participants = [];
    this.sources = [];
    this.cameraSsrc = new Map(); // the first video source seen per participant, when the server does not say
    this.localTrack = null;
    this.speaker = null;
    this.hands = new Map();
  }

  /** The people in the call, as the server lists them. */
  update(participants) {
    this.participants = participants;
    this.hands = handOrder(participants);
    const present = new Set(participants.map((p) => p.id));
    for (const tile of [...this.list.children]) {
      if (!present.has(tile.dataset.participant)) {
        tile.remove();
      }
    }
    participants.forEach((participant, index) => {
      const tile = this.#tile(participant);
      if (this.list.children[index] !== tile) {
        this.list.insertBefore(tile, this.list.children[index] || null);
      }
      this.#label(tile, participant);
    });
    this.#attachMedia();
  }

  /** Which receive slot carries whose source, after each answer. */
  setSources(sources) {
    this.sources = sources;
    for (const source of sources) {
      if (source.kind === 'video' && !this.cameraSsrc.has(source.participant)) {
        this.cameraSsrc.set(source.participant, source.ssrc);
      }
    }
    this.#attachMedia();
  }

  /** Your own camera on your own tile (mirrored, never sent back to you by the bridge). */
  setLocalCamera(track) {
    this.localTrack = track;
    this.#attachMedia();
  }

  /** Outlines the loudest participant (null: nobody speaks). */
  setSpeaker(participantId) {
    if (participantId === this.speaker) {
      return;
    }
    this.speaker = participantId;
    for (const tile of this.list.children) {
      tile.classList.toggle('speaking', tile.dataset.participant === participantId);
    }
  }

  /** participant id → { camera, screen } tracks received now. */
  mediaOf(participant) {
    const videos = this.sources.filter((s) => s.kind === 'video' && s.participant === participant.id);
    let screen = null;
    let camera = null;
    if (participant.screenSource !== undefined && participant.screenSource !== null) {
      screen = videos.find((s) => s.ssrc === participant.screenSource) || null;
      camera = videos.find((s) => s.ssrc !== participant.screenSource) || null;
    } else {
      const cameraSsrc = this.cameraSsrc.get(participant.id);
      camera = videos.find((s) => s.ssrc === cameraSsrc) || videos[0] || null;
      screen = participant.screenSharing ? videos.find((s) => s !== camera) || null : null;
    }
    return { camera, screen };
  }

  #tile(participant) {
    let tile = [...this.list.children].find((t) => t.dataset.participant === participant.id);
    if (tile) {
      return tile;
    }
    tile = document.createElement('li');
    tile.className = 'tile';
    tile.dataset.participant = participant.id;
    const media = element('div', 'tile-media');
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // sound plays through the audio slots
    video.setAttribute('aria-hidden', 'true');
    const avatar = element('span', 'avatar');
    avatar.setAttribute('aria-hidden', 'true');
    media.append(video, avatar);
    const label = element('p', 'tile-label');
    label.append(element('span', 'tile-name'), element('span', 'tile-role'), element('span', 'tile-hand'),
      element('span', 'tile-recording'), element('span', 'tile-identity'), element('span', 'tile-state'));
    const actions = element('div', 'tile-actions');
    tile.append(media, label, actions);
    return tile;
  }

  #label(tile, participant) {
    const self = participant.id === this.actions.selfId();
    const name = participant.name + (self ? ' (you)' : '');
    tile.querySelector('.tile-name').textContent = name;
    tile.querySelector('.tile-role').textContent = ROLE_NAMES[participant.role] || participant.role;
    const states = [];
    if (participant.reconnecting) {
      states.push('reconnecting'); // their connection dropped; the server keeps their place for a while
    }
    if (participant.audioMuted) {
      states.push('microphone off');
    }
    if (participant.videoMuted) {
      states.push('camera off');
    }
    if (participant.screenSharing) {
      states.push('sharing screen');
    }
    tile.querySelector('.tile-state').textContent = states.join(', ');
    const turn = this.hands.get(participant.id);
    const hand = turn ? `Hand raised (${ordinal(turn)})` : '';
    tile.querySelector('.tile-hand').textContent = hand;
    tile.querySelector('.tile-hand').hidden = !turn;
    const badge = badgeFor(participant);
    const recording = tile.querySelector('.tile-recording');
    recording.textContent = badge ? badge.text : '';
    recording.dataset.state = badge ? badge.state : '';
    recording.hidden = !badge;
    const identity = identityBadge(participant); // REQUIREMENTS D5: a host confirmed this guest's identity
    const checked = tile.querySelector('.tile-identity');
    checked.textContent = identity ? identity.text : '';
    checked.title = identity ? identity.detail : '';
    checked.hidden = !identity;
    tile.classList.toggle('muted', Boolean(participant.audioMuted));
    tile.classList.toggle('reconnecting', Boolean(participant.reconnecting));
    tile.classList.toggle('self', self);
    tile.querySelector('.avatar').textContent = initials(participant.name);
    tile.setAttribute('aria-label', [name, ROLE_NAMES[participant.role], ...(hand ? [hand] : []),
      ...(badge ? [badge.text] : []), ...(identity ? [identity.detail] : []), ...states]
      .join(', '));
    this.#hostActions(tile, participant, self);
  }

  #hostActions(tile, participant, self) {
    const actions = tile.querySelector('.tile-actions');
    const wanted = this.actions.isHost() && !self;
    if (!wanted) {
      actions.replaceChildren();
      return;
    }
    if (actions.childElementCount === 0) {
      const askToMute = element('button', 'secondary ask-to-mute');
      askToMute.type = 'button';
      askToMute.addEventListener('click', () => this.actions.askToMute(participant.id));
      const remove = element('button', 'danger remove');
      remove.type = 'button';
      remove.addEventListener('click', () => this.actions.remove(participant.id, participant.name));
      const lowerHand = element('button', 'secondary lower-hand');
      lowerHand.type = 'button';
      lowerHand.addEventListener('click', () => this.actions.lowerHand(participant.id));
      actions.append(askToMute, remove, lowerHand);
    }
    const [askToMute, remove, lowerHand] = actions.children;
    lowerHand.textContent = 'Lower hand';
    lowerHand.setAttribute('aria-label', `Lower hand: ${participant.name}`);
    lowerHand.hidden = !this.hands.has(participant.id);
    askToMute.textContent = 'Ask to mute';
    askToMute.setAttribute('aria-label', `Ask to mute: ${participant.name}`);
    askToMute.disabled = Boolean(participant.audioMuted);
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove: ${participant.name}`);
  }

  #attachMedia() {
    const shownScreens = new Set();
    for (const participant of this.participants) {
      const tile = [...this.list.children].find((t) => t.dataset.participant === participant.id);
      if (!tile) {
        continue;
      }
      const self = participant.id === this.actions.selfId();
      const { camera, screen } = self ? { camera: null, screen: null } : this.mediaOf(participant);
      const track = self ? this.localTrack : camera && camera.track;
      const showVideo = Boolean(track) && !participant.videoMuted;
      show(tile.querySelector('video'), showVideo ? track : null);
      tile.classList.toggle('video-off', !showVideo);
      tile.querySelector('video').classList.toggle('mirrored', self);
      if (screen) {
        shownScreens.add(participant.id);
        this.#screen(participant, screen.track);
      }
    }
    for (const figure of [...this.screens.children]) {
      if (!shownScreens.has(figure.dataset.participant)) {
        figure.remove();
      }
    }
    this.screens.hidden = this.screens.childElementCount === 0;
  }

  #screen(participant, track) {
    let figure = [...this.screens.children].find((f) => f.dataset.participant === participant.id);
    if (!figure) {
      figure = element('figure', 'screen-tile');
      figure.dataset.participant = participant.id;
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      video.muted = true;
      figure.append(video, element('figcaption', ''));
      this.screens.append(figure);
    }
    figure.querySelector('figcaption').textContent = `${participant.name}'s screen`;
    figure.querySelector('video').setAttribute('aria-label', `${participant.name}'s shared screen`);
    show(figure.querySelector('video'), track);
  }
}

function show(video, track) {
  const current = video.srcObject ? video.srcObject.getVideoTracks()[0] : null;
  if (current === track) {
    return;
  }
  video.srcObject = track ? new MediaStream([track]) : null;
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  return node;
}

/** "1st", "2nd", "3rd", "4th", … "11th", "21st": a place in the queue of hands. */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
  return `${n}${suffix}`;
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => [...word][0].toUpperCase()).join('');
}
