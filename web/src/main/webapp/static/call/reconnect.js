// Keeping a call through network trouble (docs/signaling.md, "Reconnecting"):
// - the media path: an ICE restart when the peer connection has been `disconnected` for 2 s
//   (or its path silent for 2 s before that: path-watchdog.js), or at once when it has
//   `failed` (the bridge keeps the DTLS association: same endpoint); a restart's offer left
//   unanswered gives up the signaling connection it went out on, which reconnects;
// - the signaling: after an unexpected close, new connections with backoff (0.5, 1, 2, 4, 8 s,
//   then every 8 s, each ±25 % at random so a ward's worth of browsers do not come back at
//   once), presenting this tab's resume secret, until the server's grace period has passed;
// - a page reload: the secret is in this tab's sessionStorage, so the reloaded page rejoins
//   its place directly (no device check, no lobby) with a new peer connection.

import { PathWatchdog } from './path-watchdog.js';

export const ICE_DISCONNECTED_GRACE_MS = 2000;
/** If a restart has not connected after this long, another one (the answer may have been lost). */
export const ICE_RESTART_RETRY_MS = 5000;
/**
 * A restart's offer unanswered this long: the signaling connection is taken for dead (its
 * TCP connection may be bound to an address the device no longer has) and made anew. An
 * answer takes well under 0.1 s on a live connection.
 */
export const RESTART_ANSWER_MS = 2000;
/**
 * A path silent for 2 s when the browser says `disconnected` restarts after this, unless the
 * watchdog (polling every 500 ms) hears it again meanwhile. Chromium says `disconnected` just
 * after a link comes back, also when the old path is back with it (the same address): a
 * restart then would throw that path away and wait seconds for Chromium to gather again.
 */
export const SILENT_CONFIRM_MS = 600;
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
const STORE_PREFIX = 'consilium.call.resume.';

/** The wait before reconnect attempt `attempt` (0, 1, …), with ±25 % jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  return Math.round(base * (0.75 + 0.5 * random()));
}

/**
 * This tab's claim on its place in one room's call: the secret from the last `joined`, until
 * when the server keeps the place after a drop, and the person's mute choices (a reload
 * restores them). sessionStorage: this tab only, gone when the tab closes.
 */
export class ResumeClaim {
  constructor(room, storage = window.sessionStorage) {
    this.key = STORE_PREFIX + room;
    this.storage = storage;
  }

  /** From `joined`: the secret and the grace period in seconds. */
  save(secret, withinSeconds, state) {
    if (typeof secret !== 'string' || !secret) {
      return;
    }
    const graceMs = Math.max(0, Number(withinSeconds) || 0) * 1000;
    this.#write({ secret, graceMs, droppedAt: null, ...state });
  }

  /** The person's mute choices changed: a reload restores them. */
  remember(state) {
    const claim = this.#read();
    if (claim) {
      this.#write({ ...claim, ...state });
    }
  }

  /** The connection dropped now (the grace period runs from the first drop until a resume). */
  dropped(now = Date.now()) {
    const claim = this.#read();
    if (claim && claim.droppedAt === null) {
      this.#write({ ...claim, droppedAt: now });
    }
  }

  /** The claim while the server still keeps the place, or null (then forgotten). */
  current(now = Date.now()) {
    const claim = this.#read();
    if (!claim) {
      return null;
    }
    if (claim.graceMs <= 0 || (claim.droppedAt !== null && now - claim.droppedAt >= claim.graceMs)) {
      this.forget();
      return null;
    }
    return claim;
  }

  /** When the place will be given up, for a claim that has dropped (ms since the epoch). */
  deadline() {
    const claim = this.#read();
    return claim && claim.droppedAt !== null ? claim.droppedAt + claim.graceMs : Infinity;
  }

  forget() {
    try {
      this.storage.removeItem(this.key);
    } catch {
      // storage disabled: there is nothing to forget
    }
  }

  #read() {
    try {
      const value = JSON.parse(this.storage.getItem(this.key) || 'null');
      return value && typeof value.secret === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  #write(value) {
    try {
      this.storage.setItem(this.key, JSON.stringify(value));
    } catch {
      // storage disabled or full: reconnecting still works, a reload then joins anew
    }
  }
}

/** The signaling URL that takes the place back: `?resume=<secret>&media=kept` when the peer connection survived. */
export function resumeUrl(baseUrl, secret, mediaKept) {
  const url = new URL(baseUrl);
  url.searchParams.set('resume', secret);
  if (mediaKept) {
    url.searchParams.set('media', 'kept');
  }
  return url.toString();
}

/**
 * Reconnects a closed signaling connection with backoff until it opens (the server's
 * `joined` then says the place is ours again) or the grace period has passed.
 * `hooks.reconnecting(attempt)` is told before each attempt, `hooks.gaveUp()` at the end.
 */
export class SignalingReconnect {
  constructor(signaling, baseUrl, claim, hooks, timers = window) {
    this.signaling = signaling;
    this.baseUrl = baseUrl;
    this.claim = claim;
    this.hooks = hooks;
    this.timers = timers;
    this.running = false;
    this.timer = null;
    // The device's network is back (a cart roamed, a cable went back in): try at once rather
    // than at the end of a backoff that grew while there was no network to try on.
    this.onOnline = () => {
      if (this.running && this.timer !== null) {
        this.timers.clearTimeout(this.timer);
        this.timer = null;
        this.#attempt(0, 0);
      }
    };
  }

  /** The connection closed unexpectedly: try again, keeping the peer connection (media=kept). */
  start() {
    if (this.running) {
      return;
    }
    this.claim.dropped();
    this.running = true;
    this.timers.addEventListener?.('online', this.onOnline);
    this.#attempt(0);
  }

  stop() {
    this.running = false;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timers.removeEventListener?.('online', this.onOnline);
  }

  #attempt(attempt, now = undefined) {
    const delay = now === undefined ? backoffDelay(attempt) : now;
    if (!this.claim.current() || Date.now() + delay >= this.claim.deadline()) {
      this.stop();
      this.hooks.gaveUp();
      return;
    }
    this.hooks.reconnecting(attempt);
    this.timer = this.timers.setTimeout(async () => {
      this.timer = null;
      const claim = this.running ? this.claim.current() : null;
      if (!claim) {
        if (this.running) {
          this.stop();
          this.hooks.gaveUp();
        }
        return;
      }
      this.signaling.url = resumeUrl(this.baseUrl, claim.secret, true);
      try {
        await this.signaling.connect();
        this.stop(); // open: `joined` (or the reason we are not) follows from the server
      } catch {
        if (this.running) {
          this.#attempt(attempt + 1);
        }
      }
    }, delay);
  }
}

/**
 * Restarts ICE on the peer connection when it has been `disconnected` for 2 s or has
 * `failed`, and again every 5 s until it connects. A path that has been silent for 2 s
 * (path-watchdog.js: nothing received, checks unanswered) has served those 2 s: once the
 * browser says `disconnected` the restart goes as soon as a poll confirms the silence
 * (SILENT_CONFIRM_MS). (Chromium keeps saying `connected`
 * through a link drop and says `disconnected` 0.1-2.1 s after the link is back, when it sees
 * the new network; a path that comes back by itself is heard again and needs no restart.)
 * Never while the device is offline: there is nothing to gather then; when it is `online`
 * again, a connection still in trouble gets the 2 s to come back on its old path first. A
 * restart needs the signaling: while it is down, the restart waits (`kick()` runs it once the
 * signaling is back); a restart's offer unanswered for 2 s gives the signaling connection up
 * (`Signaling.abandon`), so it reconnects rather than wait for a dead TCP connection to end.
 */
export class IceRestarter {
  constructor(peer, canSignal, timers = window) {
    this.peer = peer;
    this.canSignal = canSignal;
    this.timers = timers;
    this.timer = null;
    this.restarting = false;
    this.restarts = 0;
    this.abandoned = 0; // signaling connections given up for an unanswered restart
    this.answerTimer = null;
    this.pendingOnline = false;
    this.onState = () => this.#changed();
    this.onOnline = () => this.#online();
    peer.pc.addEventListener('iceconnectionstatechange', this.onState);
    timers.addEventListener?.('online', this.onOnline);
    this.watchdog = typeof peer.pc.getStats === 'function'
      ? new PathWatchdog(() => this.peer.pc, { silent: () => this.#silent(), heard: () => this.#changed() }, timers)
      : null;
  }

  /**
   * The path has been silent for 2 s, which counts as 2 s in `disconnected`: if the browser
   * says so already, restart now. While it still says `connected` the restart waits for its
   * `disconnected`: Chromium says that once it has seen the network change (a new address), and
   * only then does a restart find the new network's candidates (measured: a restart at the
   * moment the link came back found none and needed the next one, 5 s later). A path that
   * comes back on its own (the same address) is heard again and needs no restart.
   */
  #silent() {
    if (this.#troubled() && !this.restarting) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.#restart();
    }
  }

  /** The signaling is back (or the state changed): restart now if the connection still needs it. */
  kick() {
    if (this.#troubled() && !this.timer) {
      this.#restart();
    }
  }

  stop() {
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timers.clearTimeout(this.answerTimer);
    this.answerTimer = null;
    this.watchdog?.stop();
    this.peer.pc?.removeEventListener('iceconnectionstatechange', this.onState);
    this.timers.removeEventListener?.('online', this.onOnline);
  }

  #online() {
    if (!this.pendingOnline && !this.#troubled()) {
      return;
    }
    this.pendingOnline = false;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.restarting = false;
    this.#changed(); // `disconnected`: 2 s from now (at once if silent 2 s); `failed`: now
  }

  #troubled() {
    const state = this.peer.pc ? this.peer.pc.iceConnectionState : 'closed';
    return state === 'disconnected' || state === 'failed';
  }

  #changed() {
    const state = this.peer.pc ? this.peer.pc.iceConnectionState : 'closed';
    if (state === 'failed') {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.#restart();
    } else if (state === 'disconnected' && this.watchdog?.silent && !this.restarting) {
      this.timers.clearTimeout(this.timer); // silent for 2 s already: the grace is served,
      this.timer = this.timers.setTimeout(() => { // once a poll has shown the path still silent
        this.timer = null;
        if (!this.#troubled()) {
          return;
        }
        if (this.watchdog?.silent) {
          this.#restart();
        } else {
          this.#changed(); // heard again: the usual 2 s to come back on it
        }
      }, SILENT_CONFIRM_MS);
    } else if (state === 'disconnected' && !this.timer) {
      this.restarting = false;
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        if (this.#troubled()) {
          this.#restart();
        }
      }, ICE_DISCONNECTED_GRACE_MS);
    } else if (state === 'connected' || state === 'completed') {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.restarting = false;
    }
  }

  /**
   * No answer to the restart's offer in time: the signaling connection is abandoned, so it
   * reconnects (main.js: `closed` starts it) and `kick()` restarts at once when it is back.
   */
  #awaitAnswer(answersBefore) {
    const signaling = this.peer.signaling;
    if (typeof signaling?.abandon !== 'function') {
      return; // a peer with signaling of its own (a test page's requests time out by themselves)
    }
    this.timers.clearTimeout(this.answerTimer);
    this.answerTimer = this.timers.setTimeout(() => {
      this.answerTimer = null;
      if (this.peer.answers !== answersBefore || !this.peer.pc || this.peer.signaling !== signaling) {
        return;
      }
      this.timers.clearTimeout(this.timer);
      this.timer = null;
      this.restarting = false;
      this.abandoned++;
      signaling.abandon();
    }, RESTART_ANSWER_MS);
  }

  #restart() {
    if (!this.peer.pc || !this.canSignal()) {
      return; // kick() once the signaling is back
    }
    if (this.timers.navigator && this.timers.navigator.onLine === false) {
      this.pendingOnline = true; // no network to restart on: see #online
      return;
    }
    this.restarts++;
    this.restarting = true; // its answer and checks get ICE_RESTART_RETRY_MS before the next
    this.#awaitAnswer(this.peer.answers);
    this.peer.restartIce();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.restarting = false;
      if (this.#troubled()) {
        this.#restart();
      }
    }, ICE_RESTART_RETRY_MS);
  }
}
