// The browser's one peer connection to the bridge. The browser always offers and the bridge
// answers: once on joining, again whenever the bridge asks for more receive slots
// (`renegotiate`) or this browser starts or stops a screen share. Offers never overlap: a
// request during an exchange runs one more exchange after it.

import { mediaSections } from './sdp.js';
import { applyScreenProfile, profileOf } from './screen-share.js';

// The camera in three layers (180p/360p/720p of a 720p camera) for the bridge to choose from per
// receiver; this one constant turns it off (one stream, as before simulcast).
export const SIMULCAST_CAMERA = true;
export const CAMERA_ENCODINGS = [
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'h', maxBitrate: 1_500_000 },
];

const ANSWER_TIMEOUT_MS = 15000;
// Errors that answer an offer (docs/signaling.md); others belong to other messages.
const OFFER_ERRORS = new Set(['sdp', 'out-of-order', 'too-large']);

export class CallPeer extends EventTarget {
  constructor(signaling) {
    super();
    this.signaling = signaling;
    this.pc = null;
    this.audio = null;
    this.video = null;
    this.screen = null;
    this.screenSsrc = null;
    this.wantedSlots = { audio: 0, video: 0 };
    this.receiveSlots = { audio: [], video: [] };
    this.sources = [];
    this.answers = 0;
    this.running = null;
    this.again = false;
    this.waiting = null;
    this.onAnswer = (event) => this.#settle(event.detail.sdp, null);
    this.onError = (event) => {
      if (OFFER_ERRORS.has(event.detail.code)) {
        this.#settle(null, new Error(event.detail.message || event.detail.code));
      }
    };
    // An offer out when the signaling drops gets no answer: give it up now, not after the timeout,
    // so the offer after the reconnect (reconnect.js) is not held up behind it.
    this.onClosed = () => this.#settle(null, new Error('not connected'));
    signaling.addEventListener('answer', this.onAnswer);
    signaling.addEventListener('error', this.onError);
    signaling.addEventListener('closed', this.onClosed);
  }

  /** Starts sending the microphone and camera tracks (either may be null: a slot without media). */
  start(stream, microphone, camera) {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceServers: [] });
    this.pc = pc;
    this.audio = pc.addTransceiver(microphone || 'audio', { direction: 'sendonly', streams: [stream] });
    this.video = pc.addTransceiver(camera || 'video', SIMULCAST_CAMERA
      ? { direction: 'sendonly', streams: [stream], sendEncodings: CAMERA_ENCODINGS.map((e) => ({ ...e })) }
      : { direction: 'sendonly', streams: [stream] });
    pc.addEventListener('connectionstatechange', () =>
      this.dispatchEvent(new CustomEvent('connection', { detail: pc.connectionState })));
    pc.addEventListener('track', (event) =>
      this.dispatchEvent(new CustomEvent('slot', { detail: { kind: event.track.kind, track: event.track } })));
    return this.negotiate();
  }

  /**
   * An ICE restart (reconnect.js decides when): new ICE credentials in the next offer, the
   * same certificate, so the bridge keeps the DTLS association and media resumes on the new path.
   */
  restartIce() {
    if (!this.pc) {
      return Promise.resolve();
    }
    this.pc.restartIce();
    return this.negotiate();
  }

  /** The bridge needs at least this many receive slots per kind. */
  receive(slots) {
    this.wantedSlots = { audio: Number(slots.audio) || 0, video: Number(slots.video) || 0 };
    return this.negotiate();
  }

  async replaceMicrophone(track) {
    await this.audio?.sender.replaceTrack(track);
  }

  async replaceCamera(track) {
    await this.video?.sender.replaceTrack(track);
  }

  /**
   * Sends a screen-share track in its own slot, as `kind` says ('detail' or 'motion', screen-share.js);
   * returns the SSRC the others will see it under.
   */
  async startScreen(stream, track, kind = 'detail') {
    if (this.screen) {
      await this.screen.sender.replaceTrack(track);
      this.screen.direction = 'sendonly';
    } else {
      this.screen = this.pc.addTransceiver(track, { direction: 'sendonly', streams: [stream],
        sendEncodings: [{ ...profileOf(kind).encoding }] });
    }
    await this.negotiate();
    await applyScreenProfile(this.screen.sender, track, kind).catch(() => {}); // a reused slot keeps its old limits otherwise
    const section = mediaSections(this.pc.localDescription.sdp).find((s) => s.mid === this.screen.mid);
    this.screenSsrc = section ? section.ssrc : null;
    return this.screenSsrc;
  }

  async stopScreen() {
    if (this.screen && this.pc) {
      await this.screen.sender.replaceTrack(null);
      this.screen.direction = 'inactive';
      this.screenSsrc = null;
      await this.negotiate();
    }
  }

  /** Runs an offer/answer exchange now, or once more after the one under way. */
  negotiate() {
    if (!this.pc) {
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.#exchange();
        } while (this.again && this.pc);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  close() {
    this.signaling.removeEventListener('answer', this.onAnswer);
    this.signaling.removeEventListener('error', this.onError);
    this.signaling.removeEventListener('closed', this.onClosed);
    this.#settle(null, new Error('the call ended'));
    if (this.pc) {
      this.pc.close();
      this.pc = null;
    }
    this.sources = [];
  }

  async #exchange() {
    const pc = this.pc;
    for (const kind of ['audio', 'video']) {
      while (this.receiveSlots[kind].length < this.wantedSlots[kind]) {
        this.receiveSlots[kind].push(pc.addTransceiver(kind, { direction: 'recvonly' }));
      }
    }
    await pc.setLocalDescription(await pc.createOffer());
    let answer;
    try {
      answer = await this.#askBridge(pc.localDescription.sdp);
    } catch (refused) {
      if (this.pc === pc && pc.signalingState === 'have-local-offer') {
        await pc.setLocalDescription({ type: 'rollback' });
      }
      this.dispatchEvent(new CustomEvent('problem', { detail: refused.message }));
      return;
    }
    if (this.pc !== pc) {
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    this.answers++;
    this.#readSources(answer);
  }

  #askBridge(sdp) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#settle(null, new Error('the call server did not answer')), ANSWER_TIMEOUT_MS);
      this.waiting = { resolve, reject, timer };
      if (!this.signaling.send('offer', { sdp })) {
        this.#settle(null, new Error('not connected'));
      }
    });
  }

  #settle(sdp, failure) {
    const waiting = this.waiting;
    if (!waiting) {
      return;
    }
    this.waiting = null;
    clearTimeout(waiting.timer);
    if (failure) {
      waiting.reject(failure);
    } else {
      waiting.resolve(sdp);
    }
  }

  // Which participant's source each receive slot carries now, from the msid stream of the answer.
  #readSources(answer) {
    const byMid = new Map(this.pc.getTransceivers().filter((t) => t.mid !== null).map((t) => [t.mid, t]));
    this.sources = mediaSections(answer)
      .filter((section) => section.direction === 'sendonly' && section.msid && byMid.has(section.mid))
      .map((section) => ({
        mid: section.mid,
        kind: section.kind,
        participant: section.msid.stream,
        name: `${section.msid.stream}/${section.msid.track}`, // as in receiver-constraints and media-allocation
        ssrc: section.ssrc,
        track: byMid.get(section.mid).receiver.track,
      }));
    this.dispatchEvent(new CustomEvent('sources', { detail: this.sources }));
  }
}
