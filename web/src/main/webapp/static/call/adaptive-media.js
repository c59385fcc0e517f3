// Adaptive media on the page: tells the bridge what this page shows (ConstraintsSender, from the
// tiles' sizes and visibility, the stage and the active speaker), shows what the bridge forwards
// (AllocationView), and switches off the layers of this browser's camera nobody watches.

import { ConstraintsSender } from './constraints.js';
import { AllocationView } from './allocation-view.js';
import { applyPublishLayers } from './publish-layers.js';

export class AdaptiveMedia {
  /**
   * @param tiles   the Tiles of the call view (participants, their received sources)
   * @param list    its <ul> of tiles; @param screens its section of shared screens
   * @param banner  the stage's status banner
   * @param send    (type, fields) => boolean
   * @param peer    () => the CallPeer (or null)
   * @param stage   () => the participant whose camera the layout puts on the stage, or null
   */
  constructor({ tiles, list, screens, banner, send, peer, stage = () => null }) {
    this.tiles = tiles;
    this.list = list;
    this.screens = screens;
    this.peer = peer;
    this.stage = stage;
    this.visible = new WeakMap();
    this.view = new AllocationView(list, banner);
    this.sender = new ConstraintsSender((fields) => send('receiver-constraints', fields), () => this.#collect());
    this.sourceOf = (participantId) => {
      const participant = this.tiles.participants.find((p) => p.id === participantId);
      const camera = participant ? this.tiles.mediaOf(participant).camera : null;
      return camera ? camera.name : null;
    };
    this.observers = [];
  }

  start() {
    this.stop(); // a second `joined` (a new connection) starts over
    const changed = () => this.sender.changed();
    const seen = new IntersectionObserver((entries) => {
      entries.forEach((entry) => this.visible.set(entry.target, entry.isIntersecting));
      changed();
    });
    const sized = new ResizeObserver(changed);
    const watchTiles = () => {
      for (const tile of this.list.children) {
        seen.observe(tile); // observing twice is a no-op
        sized.observe(tile);
      }
      for (const figure of this.screens.children) {
        seen.observe(figure);
        sized.observe(figure);
      }
      changed();
    };
    const added = new MutationObserver(watchTiles);
    added.observe(this.list, { childList: true });
    added.observe(this.screens, { childList: true });
    sized.observe(this.list);
    watchTiles();
    this.observers = [seen, sized, added];
  }

  stop() {
    this.observers.forEach((observer) => observer.disconnect());
    this.observers = [];
    this.sender.stop();
  }

  /** Who is here, whose sources come, who speaks: the constraints and the notices follow. */
  changed() {
    this.sender.changed();
    this.view.refresh(this.sourceOf);
  }

  /** The connection was set up again: the server knows nothing of this page yet. */
  reset() {
    this.sender.reset();
  }

  /** The last `receiver-constraints` sent (for the page's stats), or null. */
  lastConstraints() {
    return this.sender.lastSent ? JSON.parse(this.sender.lastSent) : null;
  }

  allocation(message) {
    this.lastAllocation = message; // for the page's stats (tests and support)
    this.view.show(message, this.sourceOf);
  }

  publishLayers(message) {
    const peer = this.peer();
    return applyPublishLayers(peer && peer.pc, message).catch(() => false);
  }

  #collect() {
    const selfId = this.tiles.actions.selfId();
    const tiles = [];
    for (const tile of this.list.children) {
      const participant = this.tiles.participants.find((p) => p.id === tile.dataset.participant);
      if (!participant || participant.id === selfId) {
        continue;
      }
      const media = tile.querySelector('.tile-media');
      tiles.push({
        source: this.sourceOf(participant.id),
        visible: this.visible.get(tile) !== false && !participant.videoMuted,
        height: media ? media.getBoundingClientRect().height : 0,
      });
    }
    const stage = [];
    for (const figure of this.screens.children) {
      const participant = this.tiles.participants.find((p) => p.id === figure.dataset.participant);
      const screen = participant ? this.tiles.mediaOf(participant).screen : null;
      const video = figure.querySelector('video');
      if (screen && screen.name && this.visible.get(figure) !== false) {
        stage.push({ source: screen.name, height: video ? video.getBoundingClientRect().height : 0 });
      }
    }
    // the stage's camera (pinned, or the last speaker in stage view) goes first; else the one who speaks now
    const large = this.stage() || this.tiles.speaker;
    return { tiles, stage, speaker: large ? this.sourceOf(large) : null };
  }
}
