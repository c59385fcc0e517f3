// How good the connection is, for oneself and per person received, in words a clinician or a
// patient can act on. Every 2 s from the peer connection's own figures (getStats): the path's
// round-trip time, the loss of what this browser receives (per person) and of what it sends
// (the bridge's receiver reports), and whether the browser itself lowers its video for the
// network or the processor. Nothing is sent anywhere; the server has its own figures.

import { selectedPair } from './path-watchdog.js';

export const QUALITY_POLL_MS = 2000;

/** Thresholds for interactive video (ITU-T G.114 puts 150 ms one way as fine, 400 ms as the limit). */
const FAIR = { lossPercent: 3, rttMs: 300 };
const POOR = { lossPercent: 10, rttMs: 800 };

export const ADVICE = {
  good: '',
  fair: 'Some picture quality is lost to the network.',
  poor: 'Weak connection: others may see you frozen or hear you break up. Move closer to the Wi-Fi access point,'
    + ' use a cable, or turn your camera off.',
  cpu: 'Your device is busy: closing other programs may help.',
  theirs: 'Their picture or sound arrives with gaps.',
};
export const WORDS = { good: 'Good', fair: 'Fair', poor: 'Poor' };

/**
 * The level for some figures (any of them may be missing: it then does not count).
 * @param lossPercent packets lost of those expected, over the last interval
 * @param rttMs       round-trip time to the bridge
 * @param limitation  the browser's `qualityLimitationReason` for the camera ('none', 'bandwidth', 'cpu', 'other')
 */
export function rate({ lossPercent = null, rttMs = null, limitation = null }) {
  if (lossPercent !== null && lossPercent >= POOR.lossPercent) {
    return 'poor';
  }
  if (rttMs !== null && rttMs >= POOR.rttMs) {
    return 'poor';
  }
  if ((lossPercent !== null && lossPercent >= FAIR.lossPercent) || (rttMs !== null && rttMs >= FAIR.rttMs)
      || limitation === 'bandwidth') {
    return 'fair';
  }
  return 'good';
}

/** Loss in percent between two readings of cumulative counters (null when nothing was expected). */
export function lossBetween(before, now) {
  if (!before) {
    return null;
  }
  const lost = Math.max(0, (now.packetsLost || 0) - (before.packetsLost || 0));
  const received = Math.max(0, (now.packetsReceived || 0) - (before.packetsReceived || 0));
  return lost + received > 0 ? (100 * lost) / (lost + received) : null;
}

/**
 * One reading of a stats report: oneself ({ level, advice, rttMs, lossPercent }) and per
 * participant received ({ level, lossPercent }), given the previous reading's counters.
 * @param bySsrc ssrc → participant id, for what this browser receives
 * @param last   Map of stats id → counters from the previous reading (updated in place)
 */
export function readQuality(report, bySsrc, last) {
  const pair = selectedPair(report);
  const rttMs = pair && typeof pair.currentRoundTripTime === 'number' ? pair.currentRoundTripTime * 1000 : null;
  let limitation = null;
  let sentLoss = null;
  const received = new Map(); // participant → { lost, got }
  report.forEach((stat) => {
    if (stat.type === 'outbound-rtp' && stat.kind === 'video' && stat.qualityLimitationReason
        && stat.qualityLimitationReason !== 'none') {
      limitation = limitation === 'bandwidth' ? limitation : stat.qualityLimitationReason;
    }
    if (stat.type === 'remote-inbound-rtp' && typeof stat.fractionLost === 'number') {
      sentLoss = Math.max(sentLoss ?? 0, stat.fractionLost * 100); // what the bridge lost of ours
    }
    const who = stat.type === 'inbound-rtp' ? bySsrc.get(stat.ssrc) : undefined;
    if (who !== undefined) {
      const loss = lossBetween(last.get(stat.id), stat);
      last.set(stat.id, { packetsLost: stat.packetsLost, packetsReceived: stat.packetsReceived });
      if (loss !== null) {
        const entry = received.get(who) || { worst: 0 };
        entry.worst = Math.max(entry.worst, loss);
        received.set(who, entry);
      }
    }
  });
  const ownLevel = rate({ lossPercent: sentLoss, rttMs, limitation });
  const self = { level: ownLevel, rttMs, lossPercent: sentLoss,
    advice: ownLevel === 'good' && limitation === 'cpu' ? ADVICE.cpu : ADVICE[ownLevel] };
  const others = {};
  for (const [who, { worst }] of received) {
    others[who] = { level: rate({ lossPercent: worst }), lossPercent: worst };
  }
  return { self, others };
}

export class ConnectionQuality {
  /**
   * @param own     the element showing one's own connection ("Connection: Good") and its advice
   * @param list    the <ul> of participant tiles (a badge on a tile whose video comes badly)
   * @param announce (text) => void: said once when one's own connection turns poor
   * @param read     (reading) => void: each reading, for whoever else shows it (the people list)
   */
  constructor(own, list, announce, read = () => {}) {
    this.read = read;
    this.own = own;
    this.list = list;
    this.announce = announce;
    this.timer = null;
    this.last = new Map();
    this.reading = null;
  }

  /** @param peer () => the CallPeer (or null) */
  start(peer) {
    this.stop();
    this.timer = setInterval(() => this.measure(peer()).catch(() => {}), QUALITY_POLL_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.last.clear();
  }

  /** One reading now (the timer's; tests call it directly). */
  async measure(peer) {
    if (!peer || !peer.pc) {
      return;
    }
    const bySsrc = new Map(peer.sources.map((s) => [s.ssrc, s.participant]));
    const before = this.reading ? this.reading.self.level : 'good';
    this.reading = readQuality(await peer.pc.getStats(), bySsrc, this.last);
    this.#show(this.reading, before);
    this.read(this.reading);
  }

  #show({ self, others }, before) {
    this.own.hidden = false;
    this.own.dataset.level = self.level;
    this.own.querySelector('.quality-words').textContent = WORDS[self.level];
    const advice = this.own.querySelector('.quality-advice');
    advice.textContent = self.advice;
    advice.hidden = !self.advice;
    if (self.level === 'poor' && before !== 'poor') {
      this.announce(ADVICE.poor);
    }
    for (const tile of this.list.children) {
      const theirs = others[tile.dataset.participant];
      let badge = tile.querySelector('.tile-quality');
      if (!badge) {
        badge = document.createElement('span');
        badge.className = 'tile-quality';
        tile.querySelector('.tile-label').append(badge);
      }
      const weak = Boolean(theirs) && theirs.level !== 'good';
      badge.hidden = !weak;
      badge.dataset.level = weak ? theirs.level : '';
      badge.textContent = weak ? `${WORDS[theirs.level]} connection` : '';
      badge.title = weak ? ADVICE.theirs : '';
    }
  }
}
