// The call's layout: tile view (a grid of everyone) or stage view (one person or a shared
// screen large, everyone else in a filmstrip), any tile pinned to the stage, any tile or screen
// full screen. The tiles stay where tiles.js put them (moving a playing <video> restarts it);
// the layout is classes on them, and CSS does the rest. What is large goes to the bridge
// through the constraints (adaptive-media.js asks `stageParticipant()`), so a filmstrip costs
// 180p and the stage gets the layer that fills it.

export const TILES = 'tiles';
export const STAGE = 'stage';
const STORAGE_KEY = 'consilium.call.layout';

/**
 * Who is on the stage.
 * @param mode         TILES or STAGE (as the person chose it)
 * @param pinned       the participant pinned, or null: on the stage in either mode
 * @param lastSpeaker  the last participant other than oneself who spoke, or null
 * @param participants ids of the people in the call, in the server's order
 * @param selfId       one's own id (never on one's own stage: one's own face is no use large)
 * @param screenShown  a shared screen is shown: in stage view it is the stage
 * @returns { stage: participant id or null, filmstrip: whether the tiles are a filmstrip }
 */
export function decideStage({ mode, pinned = null, lastSpeaker = null, participants = [], selfId = null,
  screenShown = false }) {
  const others = participants.filter((id) => id !== selfId);
  if (pinned && others.includes(pinned)) {
    return { stage: pinned, filmstrip: true };
  }
  if (mode !== STAGE) {
    return { stage: null, filmstrip: false };
  }
  if (screenShown) {
    return { stage: null, filmstrip: true };
  }
  const stage = lastSpeaker && others.includes(lastSpeaker) ? lastSpeaker : others[0] ?? null;
  return { stage, filmstrip: stage !== null };
}

export class Layout {
  /**
   * @param list     the <ul> of participant tiles (each <li data-participant>)
   * @param screens  the section of shared screens (each <figure data-participant>)
   * @param toggle   the "Stage view" button (aria-pressed)
   * @param actions  { selfId(), nameOf(participant), announce(text), changed() }
   * @param storage  where the chosen view is kept across a reload (sessionStorage)
   */
  constructor({ list, screens, toggle }, actions, storage = window.sessionStorage) {
    this.list = list;
    this.screens = screens;
    this.toggle = toggle;
    this.actions = actions;
    this.storage = storage;
    this.mode = readMode(storage);
    this.pinned = null;
    this.lastSpeaker = null;
    this.decision = { stage: null, filmstrip: false };
    toggle.addEventListener('click', () => this.setMode(this.mode === STAGE ? TILES : STAGE));
  }

  setMode(mode) {
    this.mode = mode === STAGE ? STAGE : TILES;
    try {
      this.storage.setItem(STORAGE_KEY, this.mode);
    } catch (unavailable) {
      // private windows may refuse: the choice then lasts until the page goes
    }
    this.actions.announce(this.mode === STAGE ? 'Stage view: the speaker large.' : 'Tile view: everyone the same size.');
    this.refresh();
  }

  /** Pins a participant to the stage, or unpins them (null unpins whoever is pinned). */
  pin(participant) {
    this.pinned = participant === this.pinned ? null : participant;
    const name = participant ? this.actions.nameOf(participant) : '';
    this.actions.announce(this.pinned ? `${name} pinned to the stage.` : `${name} unpinned.`);
    this.refresh();
  }

  /** The active speaker (null: nobody speaks); oneself never takes the stage. */
  setSpeaker(participant) {
    if (participant && participant !== this.actions.selfId() && participant !== this.lastSpeaker) {
      this.lastSpeaker = participant;
      this.refresh();
    }
  }

  /** The participant whose camera is on the stage, or null. */
  stageParticipant() {
    return this.decision.stage;
  }

  /** After the tiles, the screens or the people changed. */
  refresh() {
    const participants = [...this.list.children].map((tile) => tile.dataset.participant);
    const selfId = this.actions.selfId();
    if (this.pinned && !participants.includes(this.pinned)) {
      this.pinned = null; // they left
    }
    const before = JSON.stringify(this.decision);
    this.decision = decideStage({ mode: this.mode, pinned: this.pinned, lastSpeaker: this.lastSpeaker, participants,
      selfId, screenShown: !this.screens.hidden && this.screens.childElementCount > 0 });
    this.list.classList.toggle('filmstrip', this.decision.filmstrip);
    this.toggle.setAttribute('aria-pressed', String(this.mode === STAGE));
    for (const tile of this.list.children) {
      const id = tile.dataset.participant;
      tile.classList.toggle('on-stage', id === this.decision.stage);
      this.#viewActions(tile, id, id === selfId);
    }
    for (const figure of this.screens.children) {
      this.#fullScreenButton(figure, figure.querySelector('video'), `${figure.dataset.participant}-screen`,
        () => `Full screen: ${this.actions.nameOf(figure.dataset.participant)}'s screen`);
    }
    if (JSON.stringify(this.decision) !== before) {
      this.actions.changed();
    }
  }

  #viewActions(tile, id, self) {
    let bar = tile.querySelector('.tile-view');
    if (!bar) {
      bar = document.createElement('div');
      bar.className = 'tile-view';
      tile.querySelector('.tile-label').after(bar);
    }
    if (self) {
      bar.replaceChildren(); // one's own tile: nothing to enlarge
      return;
    }
    let pin = bar.querySelector('.pin');
    if (!pin) {
      pin = button('secondary pin', 'Pin');
      pin.addEventListener('click', () => this.pin(id));
      bar.prepend(pin);
    }
    pin.setAttribute('aria-pressed', String(this.pinned === id));
    pin.setAttribute('aria-label', `Pin to the stage: ${this.actions.nameOf(id)}`);
    this.#fullScreenButton(bar, tile.querySelector('.tile-media'), id, () => `Full screen: ${this.actions.nameOf(id)}`);
  }

  /** A "Full screen" button in `container` for `target` (none where the browser cannot). */
  #fullScreenButton(container, target, key, label) {
    if (!document.fullscreenEnabled || !target) {
      return;
    }
    let full = container.querySelector(':scope > .full-screen');
    if (!full) {
      full = button('secondary full-screen', 'Full screen');
      full.dataset.target = key;
      full.addEventListener('click', () => target.requestFullscreen().catch(() => {
        this.actions.announce('This browser did not allow full screen.');
      }));
      container.append(full);
    }
    full.setAttribute('aria-label', label());
  }
}

function readMode(storage) {
  try {
    return storage.getItem(STORAGE_KEY) === STAGE ? STAGE : TILES;
  } catch (unavailable) {
    return TILES;
  }
}

function button(className, text) {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.textContent = text;
  return node;
}
