// Whether anything still arrives on the media path, from the peer connection's own figures.
//
// Chromium keeps calling a connection `connected` while its link is gone: measured with a 5-s
// link drop, it said `disconnected` only 0.1-2.1 s after the link was back, never during the
// drop. So a watch on the state alone starts its 2 s only once the network has returned. The
// path itself tells earlier: the selected candidate pair's received bytes (media, RTCP) and its
// answered connectivity checks stop growing. A path that has heard nothing for 2 s although
// the browser asked (a check sent since) is silent: for the reconnect rule that is the same as
// 2 s in `disconnected` (reconnect.js). A browser that counts no checks (`requestsSent`) never
// has a silent path here: the reconnect rule then goes by the ICE state alone, as before.

export const PATH_POLL_MS = 500;
export const PATH_SILENT_MS = 2000;

/**
 * The selected candidate pair of a stats report: the transport's `selectedCandidatePairId`
 * (Chromium), else the pair marked `selected` (Firefox); null while there is none.
 */
export function selectedPair(report) {
  let id = null;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      id = s.selectedCandidatePairId;
    }
  });
  let pair = null;
  report.forEach((s) => {
    if (s.type === 'candidate-pair' && (id ? s.id === id : s.selected === true)) {
      pair = s;
    }
  });
  return pair;
}

/**
 * Polls `pc().getStats()` every 500 ms. `hooks.silent()` is told once when the path turns
 * silent (nothing received for 2 s while checks went unanswered), `hooks.heard()` once when
 * something arrives again or another pair is selected (an ICE restart found a new path).
 * `clock()` is in milliseconds.
 */
export class PathWatchdog {
  constructor(pc, hooks, timers = window, clock = () => performance.now()) {
    this.pc = pc;
    this.hooks = hooks;
    this.timers = timers;
    this.clock = clock;
    this.silent = false;
    this.last = null; // { id, received, requests, heardAt, requestsAtHeard }
    this.timer = null;
    this.stopped = false;
    this.#schedule();
  }

  stop() {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One look at the figures (the timer calls it; a test may too). */
  async poll() {
    const pc = this.pc();
    if (!pc || typeof pc.getStats !== 'function') {
      return;
    }
    let report;
    try {
      report = await pc.getStats();
    } catch {
      return; // closed meanwhile
    }
    if (this.stopped) {
      return;
    }
    this.observe(selectedPair(report), this.clock());
  }

  /** Judges one sample of the selected pair taken at `now`. */
  observe(pair, now) {
    if (!pair) {
      this.last = null; // no path chosen (yet): the ICE state speaks for itself
      return;
    }
    const received = (pair.bytesReceived || 0) + (pair.responsesReceived || 0);
    const requests = pair.requestsSent || 0;
    const last = this.last;
    if (!last || last.id !== pair.id || received > last.received) {
      this.last = { id: pair.id, received, requests, heardAt: now, requestsAtHeard: requests };
      if (this.silent) {
        this.silent = false;
        this.hooks.heard?.();
      }
      return;
    }
    last.received = received;
    last.requests = requests;
    // Asked and not answered: a path with nothing to carry still answers its checks (every ≤ 2.5 s).
    if (!this.silent && now - last.heardAt >= PATH_SILENT_MS && requests > last.requestsAtHeard) {
      this.silent = true;
      this.hooks.silent?.();
    }
  }

  #schedule() {
    if (this.stopped) {
      return;
    }
    this.timer = this.timers.setTimeout(async () => {
      this.timer = null;
      await this.poll();
      this.#schedule();
    }, PATH_POLL_MS);
  }
}
