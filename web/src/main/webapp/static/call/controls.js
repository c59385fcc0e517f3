// The call's own controls and what they show: microphone, camera, screen and hand say their
// state in words, with an icon beside them and aria-pressed; the room's name and the visit's
// timer above the call; keyboard shortcuts (one key, never while typing) and their help dialog.

/**
 * Each toggle's words for off and on (the words say what pressing does; aria-pressed says the
 * state), and its icon for each (static/icons/, drawn in the text's colour by CSS: no emoji
 * font needed, nothing from elsewhere). The icon shows the state: a crossed microphone when muted.
 */
export const LABELS = {
  microphone: { off: 'Mute', on: 'Unmute', icon: 'mic', iconOn: 'mic-off' },
  camera: { off: 'Stop camera', on: 'Start camera', icon: 'camera', iconOn: 'camera-off' },
  screen: { off: 'Share screen', on: 'Stop sharing', icon: 'screen', iconOn: 'screen' },
  hand: { off: 'Raise hand', on: 'Lower hand', icon: 'hand', iconOn: 'hand' },
};

/** One key each, as the help dialog lists them (Escape is the browser's own). */
export const SHORTCUTS = [
  { key: 'm', shown: 'M', action: 'microphone', text: 'Mute or unmute your microphone' },
  { key: 'v', shown: 'V', action: 'camera', text: 'Stop or start your camera' },
  { key: 'h', shown: 'H', action: 'hand', text: 'Raise or lower your hand' },
  { key: 's', shown: 'S', action: 'layout', text: 'Switch between stage view and tile view' },
  { key: '?', shown: '?', action: 'help', text: 'Show these shortcuts' },
  { key: 'escape', shown: 'Esc', action: null, text: 'Close this list, or leave full screen' },
];

const SHORTCUTS_SETTING = 'consilium.call.shortcuts';

function readSetting(storage) {
  try {
    return storage.getItem(SHORTCUTS_SETTING);
  } catch (unavailable) {
    return null;
  }
}

/**
 * The shortcut a key press asks for, or null: none with a modifier (the browser's and the
 * screen reader's own keys), none while typing in a field, none while a dialog is open.
 */
export function shortcutFor(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || event.repeat) {
    return null;
  }
  const target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
      || (target.closest && target.closest('dialog[open]')))) {
    return null;
  }
  const key = typeof event.key === 'string' ? event.key.toLowerCase() : '';
  const shortcut = SHORTCUTS.find((s) => s.key === key && s.action);
  return shortcut ? shortcut.action : null;
}

/** "4:05", "1:02:09": the time since `sinceMs` (never negative: clocks differ a little). */
export function elapsed(sinceMs, nowMs) {
  const total = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** participant id → place in the queue of raised hands (1 first), in the order they went up. */
export function handOrder(participants) {
  const raised = participants.filter((p) => typeof p.handRaisedAt === 'string')
    .sort((a, b) => a.handRaisedAt.localeCompare(b.handRaisedAt) || a.id.localeCompare(b.id));
  return new Map(raised.map((p, index) => [p.id, index + 1]));
}

/** Shows a toggle's state: its words, its icon (decoration: the words say it), aria-pressed. */
export function showToggle(button, kind, on) {
  const label = LABELS[kind];
  let icon = button.querySelector('.control-icon');
  let words = button.querySelector('.control-words');
  if (!icon || !words) {
    icon = document.createElement('span');
    icon.className = 'control-icon';
    icon.setAttribute('aria-hidden', 'true');
    words = document.createElement('span');
    words.className = 'control-words';
    button.replaceChildren(icon, words);
  }
  icon.dataset.icon = on ? label.iconOn : label.icon;
  words.textContent = on ? label.on : label.off;
  button.setAttribute('aria-pressed', String(on));
  button.classList.toggle('control-on', on);
}

export class CallControls {
  /**
   * @param elements { timer, help, opener, hand, microphone, camera, layout }: the visit's timer,
   *                 the shortcuts dialog and its button, the buttons the shortcuts press
   * @param actions  { hand(raised), announce(text), selfId() }
   */
  constructor({ timer, help, opener, hand, microphone, camera, layout }, actions, clock = { now: () => Date.now() },
    storage = window.localStorage) {
    this.buttons = { microphone, camera, layout, hand }; // a shortcut presses the button (a disabled one does nothing)
    this.timer = timer;
    this.help = help;
    this.hand = hand;
    this.actions = actions;
    this.clock = clock;
    this.since = null;
    this.ticking = null;
    this.raised = false;
    this.hands = new Map();
    hand.addEventListener('click', () => actions.hand(!this.raised));
    showToggle(hand, 'hand', false);
    help.querySelector('tbody').replaceChildren(...SHORTCUTS.map((shortcut) => {
      const row = document.createElement('tr');
      const key = document.createElement('td');
      key.append(Object.assign(document.createElement('kbd'), { textContent: shortcut.shown }));
      row.append(key, Object.assign(document.createElement('td'), { textContent: shortcut.text }));
      return row;
    }));
    // WCAG 2.1.4: single-key shortcuts can be turned off (speech input, screen readers' own keys)
    this.storage = storage;
    this.switch = help.querySelector('.shortcuts-on');
    this.switch.checked = readSetting(storage) !== 'off';
    this.switch.addEventListener('change', () => {
      try {
        storage.setItem(SHORTCUTS_SETTING, this.switch.checked ? 'on' : 'off');
      } catch (unavailable) {
        // a private window may refuse: the choice lasts until the page goes
      }
      actions.announce(this.switch.checked ? 'Keyboard shortcuts on.' : 'Keyboard shortcuts off.');
    });
    help.querySelector('.shortcuts-close').addEventListener('click', () => help.close());
    opener.addEventListener('click', () => help.showModal());
    document.addEventListener('keydown', (event) => this.#key(event));
  }

  /** The visit's start (ISO-8601, from `joined`), or null: the timer counts from it. */
  startTimer(sinceIso) {
    const since = Date.parse(sinceIso || '');
    this.since = Number.isNaN(since) ? this.clock.now() : since;
    clearInterval(this.ticking);
    this.#tick();
    this.ticking = setInterval(() => this.#tick(), 1000);
  }

  stopTimer() {
    clearInterval(this.ticking);
    this.ticking = null;
  }

  /** The participant list changed: one's own hand, and hands newly up said to everyone. */
  participants(list) {
    const me = list.find((p) => p.id === this.actions.selfId());
    this.raised = Boolean(me && me.handRaisedAt);
    showToggle(this.hand, 'hand', this.raised);
    const order = handOrder(list);
    for (const [id] of order) {
      if (!this.hands.has(id) && id !== this.actions.selfId()) {
        const who = list.find((p) => p.id === id);
        this.actions.announce(`${who.name} raised their hand.`);
      }
    }
    this.hands = order;
  }

  #tick() {
    this.timer.textContent = elapsed(this.since, this.clock.now());
  }

  #key(event) {
    const action = this.switch.checked ? shortcutFor(event) : null;
    if (!action || !this.timer.isConnected || this.timer.closest('[hidden]')) {
      return; // not in the call (the preview and the lobby have their own fields and buttons)
    }
    event.preventDefault();
    if (action === 'help') {
      this.help.showModal();
    } else {
      this.buttons[action].click();
    }
  }
}
