'use strict';
// Test-only client of the bridge. The browser always offers; the bridge answers. When the
// bridge says the sources changed, the client adds receive-only transceivers until it has
// as many as the bridge asks for, and offers again.
const call = {
  pc: null, stream: null, endpoint: null, version: -1, polling: false, negotiating: null,
  owners: {}, errors: [], answers: 0,

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
    this.polling = true;
    this.poll();
  },

  async poll() {
    while (this.polling && this.pc) {
      try {
        const state = await (await fetch('state?endpoint=' + this.endpoint)).json();
        if (state.version !== this.version) {
          await this.negotiate(state);
          this.version = state.version;
        }
      } catch (e) {
        this.errors.push(String(e));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },

  async negotiate(state) {
    const pc = this.pc;
    for (const kind of ['audio', 'video']) {
      const needed = state ? state[kind] : 0;
      const slots = pc.getTransceivers().filter((t) => t.receiver.track.kind === kind && t.direction === 'recvonly');
      for (let i = slots.length; i < needed; i++) {
        pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const response = await fetch('offer?endpoint=' + this.endpoint, { method: 'POST', body: pc.localDescription.sdp });
    const text = await response.text();
    if (!response.ok) {
      this.errors.push('offer refused: ' + text);
      await pc.setLocalDescription({ type: 'rollback' });
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: text });
    this.answers++;
  },

  async leave() {
    this.polling = false;
    if (this.pc) {
      this.pc.close();
      this.pc = null;
    }
    document.getElementById('tiles').replaceChildren();
    await fetch('leave?endpoint=' + this.endpoint, { method: 'POST' });
  },

  // Per publisher (the msid stream the bridge signals): video frames decoded and audio
  // samples received, over the slots that currently receive from it.
  async stats() {
    const result = { errors: this.errors, answers: this.answers, publishers: {}, outgoingBitrate: 0,
                     connection: this.pc ? this.pc.connectionState : 'closed' };
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
