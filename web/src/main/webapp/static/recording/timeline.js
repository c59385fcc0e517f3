// A recording's timeline, without the page: where each file is at a position of the shared
// clock, what the page says about times, stop reasons and consent answers, and how a player
// that drifted from the clock is brought back. player.js applies it to the <video> elements.

/** Seconds as "m:ss" (or "h:mm:ss" from an hour on); negative and unknown as 0:00. */
export function clock(seconds) {
  const whole = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What the seek slider says to a screen reader: "12:03 of 25:10". */
export function valueText(position, length) {
  return `${clock(position)} of ${clock(length)}`;
}

const STOP_REASONS = {
  'stopped-by-host': 'A host stopped it.',
  'call-ended': 'The call ended.',
  'storage-full': 'The recording storage was full.',
  'write-failed': 'A file could not be written.',
  'server-stopped': 'The server stopped.',
  interrupted: 'The server stopped unexpectedly: the recording was interrupted.',
};

/** Why the recording stopped, as a sentence; a running recording has no reason yet. */
export function stopReason(code) {
  if (!code) {
    return 'It has not stopped yet.';
  }
  return STOP_REASONS[code] || `Stopped (${code}).`;
}

const ANSWERS = { given: 'Consented', declined: 'Declined', withdrawn: 'Withdrew consent' };
const ROLES = { owner: 'Owner', host: 'Host', participant: 'Staff', guest: 'Guest' };

export function answer(decision) {
  return ANSWERS[decision] || decision;
}

export function role(code) {
  return ROLES[code] || code;
}

const millis = (instant) => (instant ? Date.parse(instant) : NaN);

/**
 * The files on the recording's timeline, in seconds: where each starts (its offset) and how
 * long the metadata says it is, and the recording's length (its stop, or the last file's end
 * while it has none).
 */
export function timeline(recording) {
  const start = millis(recording.startedAt);
  const files = recording.files.map((file) => {
    const length = (millis(file.stoppedAt) - millis(file.startedAt)) / 1000;
    return { ...file, offset: file.offsetMillis / 1000, length: Number.isFinite(length) && length > 0 ? length : 0 };
  });
  const stopped = (millis(recording.stoppedAt) - start) / 1000;
  const lastEnd = files.reduce((end, file) => Math.max(end, file.offset + file.length), 0);
  const length = Number.isFinite(stopped) && stopped > 0 ? Math.max(stopped, lastEnd) : lastEnd;
  return { files, length };
}

/**
 * Where a file is at {@code position} of the shared clock. The recorder writes every file on
 * the recording's timeline (a file that starts 60 s in has its first frame at 60 s), and
 * Chromium reports those times as they are: such a file ({@code onTimeline}) plays at the
 * position itself. A file whose times start at 0 plays at (position - its offset). Either way
 * it has media from its offset to where the metadata says it ends, or, for a file marked
 * incomplete, where the browser found it ends ({@code duration}, on the file's own times).
 *
 * @return {@code at}: the file's own time for the position; {@code start}: its own time at
 *   its first frame; {@code inSpan}: whether it has media there; {@code left}: seconds of it
 *   after the position
 */
export function placeOf(file, position, onTimeline = true, duration = NaN) {
  const shift = onTimeline ? 0 : file.offset;
  // Chromium's duration of a streamed WebM grows as it reads on: believed only for a file that ends early
  const found = file.complete === false && Number.isFinite(duration) && duration > 0 ? duration + shift : NaN;
  const end = found > file.offset ? found : file.offset + file.length;
  return { at: position - shift, start: file.offset - shift, inSpan: position >= file.offset && position < end,
    left: end - position };
}

/**
 * Whether the browser reports a file's times on the recording's timeline, from where it put
 * the file's first frame once loaded: near the file's offset (on the timeline) or near 0.
 */
export function onTimeline(file, firstFrame) {
  return firstFrame > file.offset / 2;
}

/** Drift beyond which a playing file is sought back to the clock (seconds). */
export const SEEK_DRIFT = 0.25;
/** Drift beyond which its speed is nudged instead (seconds). */
export const NUDGE_DRIFT = 0.04;

/**
 * How to bring a playing file back to the clock: {@code seek} to the clock's time when far
 * off, else the playback rate that closes a small gap (1 when in step).
 */
export function correction(fileTime, clockTime) {
  const drift = fileTime - clockTime;
  if (Math.abs(drift) > SEEK_DRIFT) {
    return { seek: true, rate: 1 };
  }
  if (Math.abs(drift) > 0.1) {
    return { seek: false, rate: drift > 0 ? 0.9 : 1.1 };
  }
  if (Math.abs(drift) > NUDGE_DRIFT) {
    return { seek: false, rate: drift > 0 ? 0.97 : 1.03 };
  }
  return { seek: false, rate: 1 };
}

/**
 * The shared clock: a position that advances with the wall clock while it runs; the files
 * follow it. {@code now} gives milliseconds (performance.now in the page, a fake in tests).
 */
export class SharedClock {
  constructor(length, now = () => performance.now()) {
    this.length = length;
    this.now = now;
    this.base = 0;
    this.since = null;
  }

  get running() {
    return this.since !== null;
  }

  position() {
    const running = this.since === null ? 0 : (this.now() - this.since) / 1000;
    return Math.min(this.length, Math.max(0, this.base + running));
  }

  run() {
    if (this.since === null) {
      this.since = this.now();
    }
  }

  hold() {
    this.base = this.position();
    this.since = null;
  }

  seek(position) {
    this.base = Math.min(this.length, Math.max(0, position));
    if (this.since !== null) {
      this.since = this.now();
    }
  }

  atEnd() {
    return this.position() >= this.length;
  }
}

/** Where the keyboard takes the position: null for a key the player does not use. */
export function keyAction(key, position, length) {
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return { toggle: true };
    case 'ArrowLeft':
      return { seek: Math.max(0, position - 5) };
    case 'ArrowRight':
      return { seek: Math.min(length, position + 5) };
    case 'Home':
      return { seek: 0 };
    case 'End':
      return { seek: length };
    default:
      return null;
  }
}
