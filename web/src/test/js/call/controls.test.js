import { test, equal, ok } from './harness.js';
import { CallControls, elapsed, handOrder, LABELS, shortcutFor, showToggle, SHORTCUTS } from '/static/call/controls.js';
import { ordinal } from '/static/call/tiles.js';

const key = (k, extra = {}) => ({ key: k, target: document.body, ...extra });

test('one key per shortcut; none with a modifier, while typing, in a dialog, held down, or unknown', () => {
  equal(['m', 'M', 'v', 'h', 's', '?'].map((k) => shortcutFor(key(k))), ['microphone', 'microphone', 'camera', 'hand', 'layout', 'help']);
  equal(shortcutFor(key('m', { ctrlKey: true })), null);
  equal(shortcutFor(key('m', { metaKey: true })), null);
  equal(shortcutFor(key('m', { altKey: true })), null);
  equal(shortcutFor(key('m', { repeat: true })), null);
  equal(shortcutFor(key('x')), null);
  equal(shortcutFor(key('Escape')), null, 'Escape is the browser\'s');
  equal(shortcutFor(key('m', { target: document.createElement('input') })), null, 'typing in the chat');
  equal(shortcutFor(key('m', { target: document.createElement('textarea') })), null);
  const dialog = document.createElement('dialog');
  const inside = document.createElement('button');
  dialog.append(inside);
  document.body.append(dialog);
  dialog.show();
  equal(shortcutFor(key('m', { target: inside })), null, 'a dialog open');
  dialog.remove();
  ok(SHORTCUTS.every((s) => s.text && s.shown), 'each listed with words');
});

test('the timer reads m:ss, then h:mm:ss, never below zero', () => {
  equal(elapsed(0, 0), '0:00');
  equal(elapsed(0, 65_400), '1:05');
  equal(elapsed(0, 3_723_000), '1:02:03');
  equal(elapsed(10_000, 9_000), '0:00', 'a server clock a little ahead');
});

test('hands in the order they went up; places said as ordinals', () => {
  const order = handOrder([{ id: 'a' }, { id: 'b', handRaisedAt: '2026-12-07T10:00:05Z' },
    { id: 'c', handRaisedAt: '2026-12-07T10:00:01Z' }]);
  equal([...order], [['c', 1], ['b', 2]]);
  equal([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
});

test('a toggle says what pressing does, with a decorative icon, and aria-pressed says the state', () => {
  const button = document.createElement('button');
  button.textContent = 'Mute';
  showToggle(button, 'microphone', false);
  equal(button.textContent, 'Mute');
  equal(button.querySelector('.control-icon').dataset.icon, LABELS.microphone.icon);
  equal(button.getAttribute('aria-pressed'), 'false');
  equal(button.querySelector('.control-icon').getAttribute('aria-hidden'), 'true');
  showToggle(button, 'microphone', true);
  equal(button.querySelector('.control-words').textContent, 'Unmute');
  equal(button.querySelector('.control-icon').dataset.icon, 'mic-off', 'the icon shows the state');
  equal(button.getAttribute('aria-pressed'), 'true');
  showToggle(button, 'camera', true);
  equal(button.querySelector('.control-words').textContent, 'Start camera');
});

function memory() {
  const kept = new Map();
  return { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => kept.set(k, v) };
}

function controlsView(storage = memory()) {
  const root = document.createElement('div');
  root.innerHTML = '<span class="timer"></span><dialog><table><tbody></tbody></table>'
    + '<input type="checkbox" class="shortcuts-on" checked><button class="shortcuts-close">Close</button></dialog>'
    + '<button class="opener"></button><button class="hand"></button><button class="mic"></button><button class="cam"></button>'
    + '<button class="layout"></button>';
  document.body.append(root);
  const q = (s) => root.querySelector(s);
  const sent = [];
  const said = [];
  const pressed = [];
  for (const name of ['mic', 'cam', 'layout']) {
    q(`.${name}`).addEventListener('click', () => pressed.push(name));
  }
  let now = Date.parse('2026-12-07T10:05:00Z');
  const controls = new CallControls({ timer: q('.timer'), help: q('dialog'), opener: q('.opener'), hand: q('.hand'),
    microphone: q('.mic'), camera: q('.cam'), layout: q('.layout') },
  { hand: (raised) => sent.push(raised), announce: (t) => said.push(t), selfId: () => 'me' }, { now: () => now }, storage);
  return { root, q, controls, sent, said, pressed, tick: (ms) => { now += ms; } };
}

test('the controls: the timer from the visit\'s start, the help list, a hand raised and others\' hands said', () => {
  const { root, q, controls, sent, said, pressed } = controlsView();
  try {
    controls.startTimer('2026-12-07T10:00:00Z');
    equal(q('.timer').textContent, '5:00');
    equal(q('tbody').rows.length, SHORTCUTS.length, 'the help lists every shortcut');
    q('.opener').click();
    ok(q('dialog').open, 'the help opens from its button');
    q('.shortcuts-close').click();
    ok(!q('dialog').open);

    q('.hand').click();
    equal(sent, [true]);
    controls.participants([{ id: 'me', name: 'Me', handRaisedAt: '2026-12-07T10:06:00Z' }, { id: 'b', name: 'Ben' }]);
    equal(q('.hand').getAttribute('aria-pressed'), 'true');
    equal(q('.hand').querySelector('.control-words').textContent, 'Lower hand');
    q('.hand').click();
    equal(sent, [true, false]);
    equal(said, [], 'one\'s own hand is not announced');
    controls.participants([{ id: 'me', name: 'Me' }, { id: 'b', name: 'Ben', handRaisedAt: '2026-12-07T10:07:00Z' }]);
    equal(said, ['Ben raised their hand.']);
    controls.participants([{ id: 'me', name: 'Me' }, { id: 'b', name: 'Ben', handRaisedAt: '2026-12-07T10:07:00Z' }]);
    equal(said.length, 1, 'said once');

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', bubbles: true }));
    equal(pressed, ['mic', 'layout']);
    equal(sent, [true, false, true], 'H raises the hand');
    q('.mic').disabled = true;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    equal(pressed, ['mic', 'layout'], 'a disabled button is not pressed by its key');
  } finally {
    controls.stopTimer();
    root.remove();
  }
});

test('no shortcut outside the call: a hidden call section takes no keys', () => {
  const { root, controls, pressed } = controlsView();
  try {
    root.hidden = true;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    equal(pressed, []);
  } finally {
    root.remove();
    controls.stopTimer();
  }
});

test('single-key shortcuts can be turned off (WCAG 2.1.4), and the choice is kept', () => {
  const storage = memory();
  const first = controlsView(storage);
  try {
    const box = first.q('.shortcuts-on');
    ok(box.checked, 'on at first');
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    equal(first.pressed, [], 'no key presses anything');
    ok(!first.q('dialog').open, 'not even the list');
    equal(first.said, ['Keyboard shortcuts off.']);
  } finally {
    first.controls.stopTimer();
    first.root.remove();
  }
  const again = controlsView(storage);
  try {
    ok(!again.q('.shortcuts-on').checked, 'still off after a reload');
  } finally {
    again.controls.stopTimer();
    again.root.remove();
  }
});
