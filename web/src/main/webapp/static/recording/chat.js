// The recording's chat beside the player (recording.xhtml): each consenting participant's
// messages come in a file of their own (JSON Lines: offsetMillis, at, from, text), fetched
// through the same authorized, audited file URLs as the media and merged in time order.
// Messages later than the player's clock are shown as still to come; a message's time button
// takes the player there. Text is set as text, never as markup.

import { clock } from './timeline.js';

const $ = (id) => document.getElementById(id);
const FOLLOW_MS = 250;

/**
 * The messages of one chat file's text, in order. A file cut short by a crash ends at its
 * last whole chunk, which may end inside a line: a line that does not parse is left out.
 */
export function messages(text, file) {
  const out = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    try {
      const m = JSON.parse(line);
      if (typeof m.text === 'string' && Number.isFinite(m.offsetMillis)) {
        out.push({ offset: m.offsetMillis / 1000, at: m.at, from: String(m.from || file.displayName || ''), text: m.text });
      }
    } catch {
      // the torn last line of an interrupted file
    }
  }
  return out;
}

/** Every file's messages in one list, by time (a stable sort keeps each sender's order). */
export function merged(lists) {
  return lists.flat().sort((a, b) => a.offset - b.offset);
}

export class RecordingChat {
  /** @param player what the times follow and seek: position() and seekTo(seconds); null for details only */
  constructor(files, player) {
    this.files = files;
    this.player = player;
    this.items = [];
  }

  async show() {
    if (this.files.length === 0) {
      return;
    }
    $('recording-chat').hidden = false;
    const status = $('recording-chat-status');
    status.textContent = 'Loading the chat…';
    const lists = [];
    let unreadable = 0;
    for (const file of this.files) {
      try {
        const response = await fetch(file.url, { credentials: 'same-origin' });
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        lists.push(messages(await response.text(), file));
      } catch {
        unreadable++;
      }
    }
    const all = merged(lists);
    const notes = [];
    if (unreadable > 0) {
      notes.push(`${unreadable === 1 ? 'One participant\'s' : `${unreadable} participants'`} chat could not be loaded. Reload the page to try again.`);
    }
    if (this.files.some((file) => !file.complete)) {
      notes.push('The recording was interrupted: the last messages before it stopped may be missing.');
    }
    if (all.length === 0 && unreadable === 0) {
      notes.push('No chat messages were recorded.');
    }
    status.textContent = notes.join(' ');
    this.items = all.map((message) => this.item(message));
    $('recording-chat-log').replaceChildren(...this.items.map((entry) => entry.li));
    if (this.player) {
      this.follow();
      setInterval(() => this.follow(), FOLLOW_MS);
    }
  }

  item(message) {
    const li = document.createElement('li');
    li.className = 'recording-chat-message';
    const when = document.createElement(this.player ? 'button' : 'span');
    when.className = 'chat-time';
    when.textContent = clock(message.offset);
    if (this.player) {
      when.type = 'button';
      when.setAttribute('aria-label', `Go to ${clock(message.offset)}: message from ${message.from}`);
      when.addEventListener('click', () => this.player.seekTo(message.offset));
    }
    const from = document.createElement('span');
    from.className = 'chat-from';
    from.textContent = message.from;
    const text = document.createElement('span');
    text.className = 'chat-text';
    text.textContent = message.text;
    li.append(when, ' ', from, ' ', text);
    return { li, message };
  }

  /** Messages after the clock are marked as to come. */
  follow() {
    const t = this.player.position();
    for (const { li, message } of this.items) {
      li.classList.toggle('upcoming', message.offset > t + 0.05);
    }
  }

  /** For tests and diagnostics. */
  state() {
    return this.items.map(({ li, message }) => ({ ...message, upcoming: li.classList.contains('upcoming') }));
  }
}
