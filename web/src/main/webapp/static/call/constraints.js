// What this page shows, as the bridge needs to know it (docs/signaling.md, `receiver-constraints`):
// how many videos, at what height, which on the stage. The bridge forwards no more than that,
// so a tile scrolled out of view or a 180-pixel tile costs no 720p download.

// Heights the bridge's layers come in: a tile gets the smallest that covers it.
const CAMERA_HEIGHTS = [180, 360, 720];
// A shared screen on the stage may be sharper than any camera (diagnostic detail).
const STAGE_HEIGHTS = [180, 360, 720, 1080, 1440, 2160];
const MAX_ON_STAGE = 4;
const MAX_OVERRIDES = 100;
const MAX_LAST_N = 100;
/** At most one message per this interval (the server refuses more than 4 a second). */
export const MIN_INTERVAL_MS = 250;
/**
 * Small tiles (180 pixels or less) are shown at a lower frame rate when there are many: the
 * bridge leaves out the upper temporal layers (libwebrtc's VP8 has 7.5, 15 and 30 frames/s
 * in three). Nobody follows full motion in a dozen 180-pixel faces, and the tiles are most
 * of what a tumor board downloads: at 15 frames/s a tile costs about 60% of its layer, at
 * 7.5 about 40%. A family visit (up to 4 tiles) keeps full motion.
 *
 * The speaker's camera on the stage of such a crowd (more than 9 small tiles) goes at 15
 * frames/s: a 720p stage is then about 0.9 of its 1.5 Mbit/s, what brings a board of 40
 * within 2.5 Mbit/s per receiver (docs/performance.md), and 15 frames/s still carries lip
 * movement for those who lip-read (7.5 would not). A shared screen on the stage keeps its own
 * rate and sharpness (imaging, slides, ultrasound loops), as does a smaller call's speaker.
 */
export const SMALL_TILES_AT_FULL_RATE = 4;
export const SMALL_TILES_AT_HALF_RATE = 9;
export const HALF_RATE = 15;
/** 7.5 frames/s, the base temporal layer (the message takes whole numbers). */
export const BASE_RATE = 8;
/** Changes that come together (a resize, a layout change) are sent as one. */
const SETTLE_MS = 100;

/** The smallest height of `ladder` that covers `pixels` (the largest when none does); 0 stays 0. */
export function roundUp(pixels, ladder = CAMERA_HEIGHTS) {
  if (!(pixels > 0)) {
    return 0;
  }
  return ladder.find((height) => height >= pixels) ?? ladder[ladder.length - 1];
}

/**
 * The constraints for what the page shows.
 * @param tiles   other people's camera tiles: [{ source, visible, height }] (source: `<stream>/<track>`,
 *                null while none is received; height: the rendered tile height in CSS pixels)
 * @param stage   sources shown large (shared screens): [{ source, height }]
 * @param speaker the active speaker's camera source, or null: on the stage when no screen is
 * @returns the message's fields (without `type`)
 */
export function computeConstraints({ tiles = [], stage = [], speaker = null }) {
  const withSource = tiles.filter((tile) => tile.source);
  const shown = withSource.filter((tile) => tile.visible && tile.height > 0);
  const hidden = withSource.filter((tile) => !(tile.visible && tile.height > 0));

  const onStageTiles = stage.filter((item) => item.source).slice(0, MAX_ON_STAGE);
  let onStage = [...new Set(onStageTiles.map((item) => item.source))];
  let stageMaxHeight = onStageTiles.length > 0
    ? roundUp(Math.max(...onStageTiles.map((item) => item.height)), STAGE_HEIGHTS) : 0;
  const speaking = speaker && shown.find((tile) => tile.source === speaker);
  const speakerOnStage = onStage.length === 0 && speaking;
  if (speakerOnStage) {
    onStage = [speaker]; // first in the bridge's order; at its tile's height
    stageMaxHeight = roundUp(speaking.height);
  }
  // The tiles' height leaves out the stage's, which has its own: an enlarged speaker is no reason for 720p tiles.
  const tileHeights = shown.filter((tile) => !onStage.includes(tile.source)).map((tile) => tile.height);
  const defaultMaxHeight = tileHeights.length > 0 ? roundUp(Math.max(...tileHeights)) : CAMERA_HEIGHTS[0];

  const maxHeights = {};
  let overrides = 0;
  const override = (source, height) => {
    if (overrides < MAX_OVERRIDES && !(source in maxHeights) && !onStage.includes(source)) {
      maxHeights[source] = height;
      overrides++;
    }
  };
  hidden.forEach((tile) => override(tile.source, 0));
  shown.forEach((tile) => {
    const height = roundUp(tile.height);
    if (height !== defaultMaxHeight) {
      override(tile.source, height);
    }
  });

  const visible = new Set([...shown.map((tile) => tile.source), ...onStage]);
  const fields = {
    lastN: Math.min(visible.size, MAX_LAST_N),
    defaultMaxHeight,
    onStage,
    stageMaxHeight,
    maxHeights,
  };
  const smallTiles = shown.filter((tile) => !onStage.includes(tile.source) && roundUp(tile.height) <= CAMERA_HEIGHTS[0]);
  if (smallTiles.length > SMALL_TILES_AT_FULL_RATE && defaultMaxHeight <= CAMERA_HEIGHTS[0]) {
    const crowd = smallTiles.length > SMALL_TILES_AT_HALF_RATE;
    fields.defaultMaxFrameRate = crowd ? BASE_RATE : HALF_RATE;
    if (crowd && speakerOnStage) {
      fields.stageMaxFrameRate = HALF_RATE;
    }
  }
  return fields;
}

/**
 * Sends the constraints whenever what the page shows changed: changes close together go as one
 * message, at most one per MIN_INTERVAL_MS, and only when different from the last one sent.
 */
export class ConstraintsSender {
  /**
   * @param send    (fields) => boolean: sends `receiver-constraints`, false when not connected
   * @param collect () => the arguments of computeConstraints, read from the page now
   * @param clock   { now(), setTimeout(fn, ms), clearTimeout(id) } (tests pass their own)
   */
  constructor(send, collect, clock = { now: () => performance.now(), setTimeout: (f, ms) => setTimeout(f, ms),
    clearTimeout: (id) => clearTimeout(id) }) {
    this.sendFn = send;
    this.collect = collect;
    this.clock = clock;
    this.timer = null;
    this.lastSentAt = -Infinity;
    this.lastSent = null;
  }

  /** Something the constraints depend on changed: send soon. */
  changed() {
    if (this.timer !== null) {
      return;
    }
    const wait = Math.max(SETTLE_MS, this.lastSentAt + MIN_INTERVAL_MS - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Sends now (when due); the next change waits for the interval. */
  flush() {
    this.timer = null;
    const fields = computeConstraints(this.collect());
    const text = JSON.stringify(fields);
    if (text === this.lastSent) {
      return;
    }
    if (this.sendFn(fields)) {
      this.lastSent = text;
      this.lastSentAt = this.clock.now();
    }
  }

  /** After a reconnect or a new peer: the server has forgotten, say it all again. */
  reset() {
    this.lastSent = null;
    this.changed();
  }

  stop() {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
