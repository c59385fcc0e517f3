// The recording page (recording.xhtml): a recording's details from /api/recordings/<id>, its
// consent answers, and for the room's owner and hosts its files played together. One shared
// clock runs the recording's timeline; each file follows it (its times are the recording's:
// see placeOf in timeline.js), is paused with "Not in the call at this point" outside its
// span, and is sought back or nudged when it drifts. The clock waits while a file it needs is loading, so none runs ahead.

import {
  clock, valueText, stopReason, answer, role, timeline, placeOf, onTimeline, correction, SharedClock, keyAction,
  SEEK_DRIFT,
} from './timeline.js';
import { RecordingChat } from './chat.js';

const section = document.getElementById('recording');
const api = section.dataset.api;
const recordingId = section.dataset.id;
const $ = (id) => document.getElementById(id);
const TICK_MS = 100;
const PARKED = 0.05; // a paused file closer than this to its place is left alone (seconds)

const dateOf = (instant) => new Date(instant).toLocaleDateString(undefined,
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
const timeOf = (instant) => new Date(instant).toLocaleTimeString(undefined,
  { hour: 'numeric', minute: '2-digit', second: '2-digit' });

async function load() {
  let response;
  try {
    response = await fetch(`${api}/recordings/${encodeURIComponent(recordingId)}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    failed('The recording could not be loaded: the server did not answer. Reload the page to try again.');
    return;
  }
  if (response.status === 401) {
    location.reload(); // the session ended: the sign-in page comes back
    return;
  }
  if (response.status === 404) {
    notFound();
    return;
  }
  if (!response.ok) {
    failed(`The recording could not be loaded: the server answered ${response.status}. Reload the page to try again.`);
    return;
  }
  show(await response.json());
}

function notFound() {
  $('recording-loading').hidden = true;
  $('recording-title').textContent = 'Recording not found';
  document.title = 'Recording not found · Consilium';
  $('recording-not-found').hidden = false;
}

function failed(text) {
  $('recording-loading').hidden = true;
  $('recording-error').textContent = text;
  $('recording-error').hidden = false;
}

function show(recording) {
  const chats = recording.files.filter((file) => file.kind === 'chat');
  const line = timeline({ ...recording, files: recording.files.filter((file) => file.kind !== 'chat') });
  const title = `Recording of ${new Date(recording.startedAt).toLocaleString(undefined,
    { dateStyle: 'medium', timeStyle: 'short' })}`;
  $('recording-title').textContent = title;
  document.title = `${title} · Consilium`;
  $('recording-date').textContent = dateOf(recording.startedAt);
  $('recording-started').textContent = timeOf(recording.startedAt);
  $('recording-stopped').textContent = recording.stoppedAt
    ? (sameDay(recording.startedAt, recording.stoppedAt) ? '' : `${dateOf(recording.stoppedAt)}, `) + timeOf(recording.stoppedAt)
    : 'Still recording';
  $('recording-length').textContent = clock(line.length);
  $('recording-started-by').textContent = whoStarted(recording);
  $('recording-stop-reason').textContent = stopReason(recording.stopReason);
  consents(recording.consents);
  $('recording-loading').hidden = true;
  $('recording-content').hidden = false;
  if (recording.legalHold) {
    $('recording-hold').hidden = false;
  }
  if (recording.shreddedAt) {
    $('recording-shredded').textContent = `Its content was destroyed on ${dateOf(recording.shreddedAt)}, `
      + `${timeOf(recording.shreddedAt)}, when its retention ended: only these details remain.`;
    $('recording-shredded').hidden = false;
  } else if (!recording.playable) {
    $('recording-metadata-only').hidden = false;
    if (line.files.length + chats.length > 0) {
      $('player-title').textContent = 'Files';
      $('player-controls').hidden = true;
      $('player-keys').hidden = true;
      $('tracks').classList.add('files-only');
      $('tracks').replaceChildren(...line.files.map((file) => tile(file, false).item),
        ...timeline({ ...recording, files: chats }).files.map((file) => tile(file, false).item));
      $('player').hidden = false;
    }
  } else if (line.files.length === 0) {
    $('recording-no-files').hidden = false;
  } else {
    $('player').hidden = false;
    window.consiliumPlayer = new Player(line);
    window.consiliumChat = new RecordingChat(chats, window.consiliumPlayer);
    window.consiliumChat.show();
  }
}

function sameDay(a, b) {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

function whoStarted(recording) {
  const answered = recording.consents.find((c) => c.principal === recording.startedBy && c.displayName);
  return answered ? `${answered.displayName} (${recording.startedBy})` : recording.startedBy;
}

function consents(list) {
  $('consents-empty').hidden = list.length > 0;
  $('consents').hidden = list.length === 0;
  $('consent-rows').replaceChildren(...list.map((consent) => {
    const row = document.createElement('tr');
    row.className = `consent ${consent.decision}`;
    const at = document.createElement('time');
    at.dateTime = consent.at;
    at.textContent = timeOf(consent.at);
    row.append(cell(consent.displayName || consent.principal), cell(role(consent.role)), cell(answer(consent.decision)),
      cell(at));
    return row;
  }));
}

function cell(content) {
  const td = document.createElement('td');
  td.append(content);
  return td;
}

/** One file's place on the page: its video (when playable), its name and span, and its notes. */
function tile(file, playable) {
  const item = document.createElement('li');
  item.className = 'recording-tile';
  item.dataset.file = file.name;
  const figure = document.createElement('figure');
  const person = file.displayName || 'A participant';
  const name = { screen: `${person}'s screen`, chat: `${person}'s chat messages` }[file.kind] || person;
  const span = `${clock(file.offset)} to ${clock(file.offset + file.length)}`;
  const caption = document.createElement('figcaption');
  const who = document.createElement('span');
  who.className = 'tile-name';
  who.textContent = name;
  const when = document.createElement('span');
  when.className = 'tile-span';
  when.textContent = `in the recording from ${span}`;
  caption.append(who, ' ', when);
  let video = null;
  let outside = null;
  if (playable) {
    const media = document.createElement('div');
    media.className = 'tile-media';
    video = document.createElement('video');
    video.preload = 'auto';
    video.playsInline = true;
    video.src = file.url;
    video.setAttribute('aria-label', `${name}, ${span}`);
    outside = document.createElement('p');
    outside.className = 'outside-span';
    outside.textContent = 'Not in the call at this point';
    outside.hidden = true;
    media.append(video, outside);
    figure.append(media);
  }
  figure.append(caption);
  if (!file.complete) {
    const note = document.createElement('p');
    note.className = 'track-note';
    note.textContent = 'Ends early: the recording was interrupted';
    figure.append(note);
  }
  item.append(figure);
  // onTimeline: whether the browser reports the file's times on the recording's timeline (known once loaded)
  return { item, video, outside, file, failed: false, onTimeline: null };
}

/** The shared control bar and the files that follow its clock. */
class Player {
  constructor(line) {
    this.length = line.length;
    this.clock = new SharedClock(line.length);
    this.wantPlaying = false;
    this.tracks = line.files.map((file) => tile(file, true));
    $('tracks').replaceChildren(...this.tracks.map((track) => track.item));
    this.button = $('play-pause');
    this.seek = $('seek');
    this.seek.max = String(line.length);
    this.status = $('player-status');
    this.waitingSince = null;
    for (const track of this.tracks) {
      track.video.addEventListener('loadeddata', () => {
        if (track.onTimeline === null) {
          track.onTimeline = onTimeline(track.file, track.video.currentTime);
        }
      }, { once: true });
      track.video.addEventListener('error', () => {
        track.failed = true;
        track.outside.textContent = 'This file could not be played';
        this.say(`${track.file.displayName || 'A participant'}'s file could not be played.`);
      });
    }
    this.button.addEventListener('click', () => this.toggle());
    this.seek.addEventListener('input', () => this.seekTo(Number(this.seek.value)));
    $('player').addEventListener('keydown', (event) => this.key(event));
    document.addEventListener('keydown', (event) => {
      if (event.target === document.body || event.target === $('main')) {
        this.key(event);
      }
    });
    this.tick();
    setInterval(() => this.tick(), TICK_MS);
  }

  /** The position of the shared clock, in seconds from the recording's start. */
  position() {
    return this.clock.position();
  }

  get playing() {
    return this.wantPlaying;
  }

  toggle() {
    if (this.wantPlaying) {
      this.pause();
    } else {
      if (this.clock.atEnd()) {
        this.clock.seek(0);
      }
      this.wantPlaying = true;
      this.tick();
    }
  }

  pause() {
    this.wantPlaying = false;
    this.clock.hold();
    this.waitingSince = null;
    this.say('');
    this.tick();
  }

  seekTo(position) {
    this.clock.seek(position);
    this.tick();
  }

  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    if (event.target === this.button && (event.key === ' ' || event.key === 'Enter')) {
      return; // the button's own click toggles
    }
    const action = keyAction(event.key, this.position(), this.length);
    if (action === null) {
      return;
    }
    event.preventDefault();
    if (action.toggle) {
      this.toggle();
    } else {
      this.seekTo(action.seek);
    }
  }

  say(text) {
    if (this.status.textContent !== text) {
      this.status.textContent = text;
    }
  }

  /** Brings every file to the clock, runs or holds the clock, and redraws the control bar. */
  tick() {
    if (this.wantPlaying && this.clock.atEnd()) {
      this.wantPlaying = false;
      this.clock.hold();
    }
    const t = this.position();
    let ready = true;
    const playingNow = [];
    for (const track of this.tracks) {
      const video = track.video;
      const place = placeOf(track.file, t, track.onTimeline !== false, video.duration);
      // a file that ended where the clock is (an interrupted one, before its metadata's end) has nothing there
      const inSpan = place.inSpan && !track.failed && !(video.ended && place.at >= video.currentTime - 0.5);
      track.outside.hidden = inSpan;
      track.item.classList.toggle('out-of-span', !inSpan);
      if (!inSpan) {
        if (!video.paused) {
          video.pause();
        }
        if (place.at < place.start && track.onTimeline !== null && video.readyState >= 1 && !video.seeking
            && Math.abs(video.currentTime - place.start) > PARKED) {
          video.currentTime = place.start; // waits at its first frame for its turn
        }
        continue;
      }
      if (track.onTimeline === null) {
        ready = false; // not loaded yet: where its times start is not known
        continue;
      }
      const tolerance = this.clock.running ? SEEK_DRIFT : PARKED;
      if (video.readyState >= 1 && !video.seeking && Math.abs(video.currentTime - place.at) > tolerance) {
        video.currentTime = place.at;
      }
      // Enough to play on: data beyond the current frame, except near its end or after a long wait.
      const patient = place.left < 1 || (this.waitingSince !== null && performance.now() - this.waitingSince > 1500);
      if (video.seeking || video.readyState < (patient ? 2 : 3)) {
        ready = false;
      }
      playingNow.push({ video, place });
    }
    if (!this.wantPlaying) {
      for (const { video } of playingNow) {
        if (!video.paused) {
          video.pause();
        }
      }
    } else if (!ready) {
      if (this.clock.running) {
        this.clock.hold();
        for (const { video } of playingNow) {
          video.pause();
        }
      }
      this.waitingSince ??= performance.now();
      if (performance.now() - this.waitingSince > 500) {
        this.say('Loading…');
      }
    } else {
      this.clock.run();
      this.waitingSince = null;
      this.say('');
      for (const { video, place } of playingNow) {
        if (video.paused) {
          video.playbackRate = 1;
          video.play().catch(() => {
            if (this.wantPlaying) {
              this.pause();
              this.say('The browser did not let the recording play. Press Play.');
            }
          });
        } else {
          const fix = correction(video.currentTime, place.at);
          if (video.playbackRate !== fix.rate) {
            video.playbackRate = fix.rate;
          }
        }
      }
    }
    this.draw();
  }

  draw() {
    const t = this.position();
    const label = this.wantPlaying ? 'Pause' : 'Play';
    if (this.button.textContent !== label) {
      this.button.textContent = label;
    }
    if (document.activeElement !== this.seek || !this.seek.matches(':active')) {
      this.seek.value = String(t);
    }
    this.seek.setAttribute('aria-valuetext', valueText(t, this.length));
    $('player-time').textContent = `${clock(t)} / ${clock(this.length)}`;
  }

  /** For tests and diagnostics: the clock, and each file's time, state and place. */
  state() {
    const t = this.position();
    return {
      position: t,
      length: this.length,
      playing: this.wantPlaying,
      running: this.clock.running,
      files: this.tracks.map((track) => {
        const place = placeOf(track.file, t, track.onTimeline !== false, track.video.duration);
        return {
          name: track.file.name, offset: track.file.offset, onTimeline: track.onTimeline, expected: place.at,
          inSpan: track.outside.hidden,
          currentTime: track.video.currentTime, readyState: track.video.readyState, paused: track.video.paused,
          duration: track.video.duration, error: track.video.error ? track.video.error.code : null,
        };
      }),
    };
  }
}

load();
