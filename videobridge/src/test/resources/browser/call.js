'use strict';
// Test-only client of the bridge. The browser always offers; the bridge answers. When the
// bridge says the sources changed, the client adds receive-only transceivers until it has
// as many as the bridge asks for, and offers again. ICE restarts follow the product's rule:
// its own reconnect.js (served by TestSignaling from the web client), so both behave alike.
const SIGNALING_TIMEOUT_MS = 3000; // a request into a dead link is given up and tried again
const call = {
  pc: null, stream: null, endpoint: null, version: -1, polling: false, negotiating: Promise.resolve(),
  owners: {}, errors: [], answers: 0, ice: null, iceRestartsAnswered: 0, events: [],

  // simulcast: the camera in three layers, lowest first (rids l, m, h), as the product's client sends it.
  async join(endpoint, video, simulcast) {
    if (this.pc && this.endpoint === endpoint) {
      return;
    }
    this.endpoint = endpoint;
    this.version = -1;
    this.owners = {};
    this.stream = this.stream || await navigator.mediaDevices.getUserMedia(
      { audio: true, video: video || { width: 320, height: 240, frameRate: 15 } });
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc = pc;
    const log = (what) => this.events.push(Math.round(performance.now()) + ' ' + what);
    pc.addEventListener('iceconnectionstatechange', () => log('ice ' + pc.iceConnectionState));
    pc.addEventListener('icecandidate', (e) => log('candidate ' + (e.candidate ? e.candidate.address + ' ' + e.candidate.protocol : 'end')));
    pc.addEventListener('connectionstatechange', () => log('connection ' + pc.connectionState));
    window.addEventListener('online', () => log('online'));
    window.addEventListener('offline', () => log('offline'));
    for (const track of this.stream.getTracks()) {
      const init = { direction: 'sendonly', streams: [this.stream] };
      if (simulcast && track.kind === 'video') {
        init.sendEncodings = [{ rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150000 },
          { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500000 }, { rid: 'h', maxBitrate: 1500000 }];
      }
      pc.addTransceiver(track, init);
    }
    pc.ontrack = (event) => {
      const owner = event.streams.length ? event.streams[0].id : '?';
      this.owners[event.transceiver.mid] = owner;
      const element = document.createElement(event.track.kind);
      element.autoplay = true; element.muted = true; element.srcObject = new MediaStream([event.track]);
      document.getElementById('tiles').appendChild(element);
    };
    await this.negotiate();
    const { IceRestarter } = await import('./reconnect.js');
    this.ice = new IceRestarter(this, () => true);
    if (this.ice.watchdog) { // the product's path watchdog, its judgements in the event log
      const hooks = this.ice.watchdog.hooks;
      this.ice.watchdog.hooks = {
        silent: () => { log('path silent'); hooks.silent(); },
        heard: () => { log('path heard'); hooks.heard(); },
      };
    }
    this.polling = true;
    this.poll();
  },

  // As the product's peer.restartIce(): new ICE credentials in the next offer, same certificate.
  // The offer is tried until it gets through (the link may still be down), for at most 30 s.
  restartIce() {
    this.restarting = this.restarting || this.restartLoop().finally(() => { this.restarting = null; });
    return this.restarting;
  },

  async restartLoop() {
    const pc = this.pc;
    this.events.push(Math.round(performance.now()) + ' restart');
    pc.restartIce();
    const until = performance.now() + 30000;
    while (this.pc === pc && performance.now() < until) {
      // Offer only once the signaling answers: each offer made into a dead link gathers anew for nothing.
      if (await this.signalingAnswers() && await this.negotiate(null, true)) {
        this.events.push(Math.round(performance.now()) + ' restart answered');
        this.iceRestartsAnswered++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  },

  async signalingAnswers() {
    try {
      return (await this.fetchWithin('state?endpoint=' + this.endpoint)).ok;
    } catch (e) {
      return false;
    }
  },

  // For the test's diagnostics: notes a moment (say, the link coming back) and then when this page
  // next sends and decodes video frames, in its event log.
  async mark(label) {
    const pc = this.pc;
    const since = performance.now();
    this.events.push(Math.round(since) + ' ' + label);
    const count = async () => {
      const figures = { sent: 0, decoded: 0, 'video packet received': 0, 'keyframe request sent': 0,
        'keyframe request received': 0, 'keyframe encoded': 0 };
      (await pc.getStats()).forEach((stat) => {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video') {
          figures.sent += stat.framesSent || 0;
          figures['keyframe request received'] += (stat.pliCount || 0) + (stat.firCount || 0);
          figures['keyframe encoded'] += stat.keyFramesEncoded || 0;
        }
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          figures.decoded += stat.framesDecoded || 0;
          figures['video packet received'] += stat.packetsReceived || 0;
          figures['keyframe request sent'] += (stat.pliCount || 0) + (stat.firCount || 0);
        }
      });
      return figures;
    };
    const had = await count();
    const seen = { sent: false, decoded: false, 'video packet received': false, 'keyframe request sent': false,
      'keyframe request received': false, 'keyframe encoded': false };
    while (this.pc === pc && performance.now() - since < 20000 && !(seen.sent && seen.decoded)) {
      const now = await count();
      for (const what of Object.keys(seen)) {
        if (!seen[what] && now[what] > had[what]) {
          seen[what] = true;
          const name = what === 'sent' || what === 'decoded' ? 'frame ' + what : what;
          this.events.push(Math.round(performance.now()) + ' first ' + name + ' +' + Math.round(performance.now() - since) + ' ms');
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  },

  async fetchWithin(url, options) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), SIGNALING_TIMEOUT_MS);
    try {
      return await fetch(url, { ...options, signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
  },

  async poll() {
    while (this.polling && this.pc) {
      try {
        const state = await (await this.fetchWithin('state?endpoint=' + this.endpoint)).json();
        if (state.version !== this.version && await this.negotiate(state)) {
          this.version = state.version;
        }
      } catch (e) {
        if (!this.ice || this.ice.restarts === 0) {
          this.errors.push(String(e)); // while ICE is being restarted the link is known to be down
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },

  // One exchange at a time (polling and ICE restarts both offer). Returns whether it was answered.
  negotiate(state, quiet) {
    this.negotiating = this.negotiating.then(() => this.exchange(state, quiet), () => this.exchange(state, quiet));
    return this.negotiating;
  },

  async exchange(state, quiet) {
    const pc = this.pc;
    if (!pc) {
      return false;
    }
    for (const kind of ['audio', 'video']) {
      const needed = state ? state[kind] : 0;
      const slots = pc.getTransceivers().filter((t) => t.receiver.track.kind === kind && t.direction === 'recvonly');
      for (let i = slots.length; i < needed; i++) {
        pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
    if (!state) {
      for (const kind of ['audio', 'video']) { // keep the receive slots there are
        const slots = pc.getTransceivers().filter((t) => t.receiver.track.kind === kind && t.direction === 'recvonly');
        state = state || {};
        state[kind] = slots.length;
      }
    }
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    let response;
    let text;
    try {
      response = await this.fetchWithin('offer?endpoint=' + this.endpoint, { method: 'POST', body: pc.localDescription.sdp });
      text = await response.text();
    } catch (e) {
      if (!quiet) {
        this.errors.push('offer not sent: ' + e);
      }
      await pc.setLocalDescription({ type: 'rollback' });
      return false;
    }
    if (!response.ok) {
      this.errors.push('offer refused: ' + text);
      await pc.setLocalDescription({ type: 'rollback' });
      return false;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: text });
    this.answers++;
    return true;
  },

  async leave() {
    this.polling = false;
    this.ice?.stop();
    if (this.pc) {
      this.pc.close();
      this.pc = null;
    }
    // An exchange the poll had begun on the closed connection may never settle (a closed
    // RTCPeerConnection abandons its queued operations): the next join must not wait behind it.
    this.negotiating = Promise.resolve();
    document.getElementById('tiles').replaceChildren();
    await fetch('leave?endpoint=' + this.endpoint, { method: 'POST' });
  },

  // Per publisher (the msid stream the bridge signals): video frames decoded and audio
  // samples received, over the slots that currently receive from it.
  async stats() {
    const result = { errors: this.errors, answers: this.answers, publishers: {}, outgoingBitrate: 0,
                     connection: this.pc ? this.pc.connectionState : 'closed',
                     ice: this.pc ? this.pc.iceConnectionState : 'closed',
                     iceRestarts: this.ice ? this.ice.restarts : 0, iceRestartsAnswered: this.iceRestartsAnswered,
                     events: this.events };
    if (!this.pc) {
      return result;
    }
    const active = {};
    for (const t of this.pc.getTransceivers()) {
      if (t.mid !== null && t.currentDirection === 'recvonly' && this.owners[t.mid]) {
        active[t.mid] = this.owners[t.mid];
      }
    }
    const report = await this.pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && active[s.mid]) {
        const p = result.publishers[active[s.mid]] = result.publishers[active[s.mid]]
          || { frames: 0, samples: 0, nacks: 0, height: 0, lost: 0, keyframes: 0, plis: 0 };
        if (s.kind === 'video') {
          p.frames += s.framesDecoded || 0; p.nacks += s.nackCount || 0; p.height = Math.max(p.height, s.frameHeight || 0);
          p.lost += s.packetsLost || 0; p.keyframes += s.keyFramesDecoded || 0; p.plis += s.pliCount || 0;
        }
        if (s.kind === 'audio') { p.samples += s.totalSamplesReceived || 0; }
      }
      if (s.type === 'candidate-pair' && s.nominated && s.availableOutgoingBitrate) {
        result.outgoingBitrate = s.availableOutgoingBitrate;
      }
    });
    result.selectedPair = this.selectedPair(report);
    return result;
  },

  // The candidate pair media flows on: the transport's selected pair (Chromium), or the pair
  // marked selected (Firefox); its candidates' protocols say whether it is UDP or ICE-TCP.
  selectedPair(report) {
    let id = null;
    report.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) { id = s.selectedCandidatePairId; } });
    let pair = null;
    report.forEach((s) => {
      if (s.type === 'candidate-pair' && (id ? s.id === id : s.selected === true)) { pair = s; }
    });
    if (!pair) {
      return null;
    }
    const local = report.get(pair.localCandidateId) || {};
    const remote = report.get(pair.remoteCandidateId) || {};
    return { localProtocol: local.protocol, remoteProtocol: remote.protocol, remotePort: remote.port,
             remoteTcpType: remote.tcpType || null, bytesReceived: pair.bytesReceived || 0 };
  },
};
window.call = call;
