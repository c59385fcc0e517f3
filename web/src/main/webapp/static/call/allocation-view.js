// What the bridge forwards to this browser (`media-allocation`, docs/signaling.md), shown where
// it matters: a tile whose video is paused says why, and when no video at all comes because
// the connection is too weak, one banner says the call goes on with audio only. Notices sit
// over the tile's picture and the banner over the stage, so nothing moves when they come and go.

// Every text a person reads, in one place (the call page has no translations yet).
export const TEXT = {
  bandwidth: 'Video paused: weak connection',
  'last-n': 'Not shown to save bandwidth',
  audioOnly: 'Weak connection: audio only. Video comes back by itself when the connection recovers.',
};

/**
 * The notice for each source: the text for a paused one, null for one forwarded (or paused
 * because it is not shown at all, or its sender sends nothing: the tile says so already).
 */
export function noticeFor(allocation) {
  if (!allocation || allocation.state !== 'paused') {
    return null;
  }
  return allocation.reason === 'bandwidth' ? TEXT.bandwidth : allocation.reason === 'last-n' ? TEXT['last-n'] : null;
}

/** Audio only: nothing forwarded, and something paused because the connection cannot carry it (as the server decides). */
export function audioOnly(message) {
  const states = Object.values((message && message.sources) || {});
  return !states.some((s) => s.state === 'forwarded') && states.some((s) => s.state === 'paused' && s.reason === 'bandwidth');
}

export class AllocationView {
  /**
   * @param tiles  the <ul> of participant tiles (each <li data-participant>)
   * @param banner the stage's banner (role=status: read out politely when it appears)
   */
  constructor(tiles, banner) {
    this.tiles = tiles;
    this.banner = banner;
    this.message = null;
  }

  /**
   * Shows a `media-allocation` message.
   * @param sourceOf (participantId) => the name of the camera source received for them, or null
   */
  show(message, sourceOf) {
    this.message = message;
    this.refresh(sourceOf);
  }

  /** Again, after the tiles or the sources changed. */
  refresh(sourceOf) {
    const sources = (this.message && this.message.sources) || {};
    for (const tile of this.tiles.children) {
      const source = sourceOf(tile.dataset.participant);
      this.#notice(tile, source ? noticeFor(sources[source]) : null);
    }
    const weak = audioOnly(this.message);
    this.banner.textContent = weak ? TEXT.audioOnly : '';
    this.banner.classList.toggle('shown', weak);
  }

  #notice(tile, text) {
    const media = tile.querySelector('.tile-media');
    if (!media) {
      return;
    }
    let notice = media.querySelector('.tile-notice');
    if (!notice) {
      notice = document.createElement('p');
      notice.className = 'tile-notice';
      notice.id = `tile-notice-${tile.dataset.participant}`;
      media.append(notice);
      tile.setAttribute('aria-describedby', notice.id); // read after the tile's name and state
    }
    if (notice.textContent !== (text || '')) {
      notice.textContent = text || '';
    }
    notice.hidden = !text;
    tile.classList.toggle('video-paused', Boolean(text));
  }
}
