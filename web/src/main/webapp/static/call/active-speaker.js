// Who is speaking: twice a second, the loudest audio among the sources received (and the
// person's own microphone), held for a moment so the outline does not flicker. Loudness is
// the RMS level over the last half second (from the stats' total energy and duration), not
// the instantaneous audioLevel: a sample twice a second misses most short syllables.

const THRESHOLD = 0.03;
const HOLD_MS = 1500;

export class ActiveSpeaker {
  constructor(show) {
    this.show = show;
    this.timer = null;
    this.current = null;
    this.since = 0;
    this.totals = new Map(); // stats id → { energy, duration } at the last measurement
  }

  /** @param peer a function giving the CallPeer; @param selfId the own id while unmuted, else null */
  start(peer, selfId) {
    this.stop();
    this.timer = setInterval(() => this.#measure(peer(), selfId()).catch(() => {}), 500);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.totals.clear();
    this.show(null);
  }

  async #measure(peer, selfId) {
    if (!peer || !peer.pc) {
      return;
    }
    const bySsrc = new Map(peer.sources.filter((s) => s.kind === 'audio').map((s) => [s.ssrc, s.participant]));
    let loudest = null;
    let level = THRESHOLD;
    (await peer.pc.getStats()).forEach((stat) => {
      const who = stat.type === 'inbound-rtp' ? bySsrc.get(stat.ssrc)
        : stat.type === 'media-source' && stat.kind === 'audio' ? selfId : null;
      const rms = who ? this.#levelSinceLast(stat) : 0;
      if (rms > level) {
        level = rms;
        loudest = who;
      }
    });
    const now = Date.now();
    if (loudest !== null && loudest !== this.current) {
      this.current = loudest;
      this.since = now;
      this.show(loudest);
    } else if (loudest === null && this.current !== null && now - this.since > HOLD_MS) {
      this.current = null;
      this.show(null);
    } else if (loudest !== null) {
      this.since = now;
    }
  }

  /** The RMS audio level since the last measurement of this stats object (0 the first time). */
  #levelSinceLast(stat) {
    if (typeof stat.totalAudioEnergy !== 'number' || typeof stat.totalSamplesDuration !== 'number') {
      return 0;
    }
    const last = this.totals.get(stat.id);
    this.totals.set(stat.id, { energy: stat.totalAudioEnergy, duration: stat.totalSamplesDuration });
    const duration = last ? stat.totalSamplesDuration - last.duration : 0;
    return duration > 0 ? Math.sqrt(Math.max(0, stat.totalAudioEnergy - last.energy) / duration) : 0;
  }
}
