// Waiting in the lobby through a lost connection (docs/signaling.md, "Failover"): someone in
// the waiting room holds no place to resume (nobody has let them in), so after an unexpected
// close the page connects again with backoff, for up to two minutes, and waits again: the host
// sees them in the queue once more. The appliance that ran the call may have died meanwhile;
// the page reaches the one that took the call over at the same address.

import { backoffDelay } from './reconnect.js';

/** How long the page keeps trying before it says the connection was lost. */
export const LOBBY_RETURN_MS = 120000;

export class LobbyReturn {
  /**
   * @param signaling the page's signaling connection (reconnected in place)
   * @param url       the room's signaling URL (no resume: there is no place to take back)
   * @param hooks     `trying(on)`: show or hide "Reconnecting…"; `back()`: connected again;
   *                  `gaveUp()`: the time is over
   */
  constructor(signaling, url, hooks, timers = window, clock = Date) {
    this.signaling = signaling;
    this.url = url;
    this.hooks = hooks;
    this.timers = timers;
    this.clock = clock;
    this.running = false;
    this.timer = null;
  }

  start() {
    if (this.running) {
      return;
    }
    this.running = true;
    this.attempt = 0;
    this.since = this.clock.now();
    this.hooks.trying(true);
    this.#next();
  }

  stop() {
    this.running = false;
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.hooks.trying(false);
  }

  #next() {
    const delay = backoffDelay(this.attempt++);
    if (this.clock.now() + delay - this.since >= LOBBY_RETURN_MS) {
      this.stop();
      this.hooks.gaveUp();
      return;
    }
    this.timer = this.timers.setTimeout(() => this.#try(), delay);
  }

  async #try() {
    this.timer = null;
    if (!this.running) {
      return;
    }
    this.signaling.url = this.url;
    try {
      await this.signaling.connect();
    } catch {
      if (this.running) {
        this.#next();
      }
      return;
    }
    this.stop();
    this.hooks.back();
  }
}
