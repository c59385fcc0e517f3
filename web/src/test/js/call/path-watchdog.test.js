// path-watchdog.js on its own: which pair is the path, when a path counts as silent, and when
// it is heard again (CallScriptsTest runs it; tests.js imports it).
import { test, equal, ok } from './harness.js';
import { PathWatchdog, selectedPair, PATH_SILENT_MS } from '/static/call/path-watchdog.js';

const noTimers = { setTimeout: () => 0, clearTimeout: () => {} };

function pair(id, bytesReceived, responsesReceived, requestsSent) {
  return { type: 'candidate-pair', id, bytesReceived, responsesReceived, requestsSent };
}

function watch() {
  const told = [];
  const watchdog = new PathWatchdog(() => null, { silent: () => told.push('silent'), heard: () => told.push('heard') },
    noTimers);
  return { watchdog, told };
}

test('the selected pair: the transport names it (Chromium), else the pair marked selected (Firefox)', () => {
  const chromium = new Map([['T', { type: 'transport', selectedCandidatePairId: 'P2' }],
    ['P1', pair('P1', 9, 9, 9)], ['P2', pair('P2', 1, 1, 1)]]);
  equal(selectedPair(chromium).id, 'P2');
  const firefox = new Map([['P1', pair('P1', 9, 9, 9)], ['P2', { ...pair('P2', 1, 1, 1), selected: true }]]);
  equal(selectedPair(firefox).id, 'P2');
  equal(selectedPair(new Map([['P1', pair('P1', 9, 9, 9)]])), null, 'none chosen yet');
});

test('silent: nothing received for 2 s while checks went unanswered; heard again when bytes arrive', () => {
  const { watchdog, told } = watch();
  watchdog.observe(pair('P', 1000, 10, 10), 0);
  watchdog.observe(pair('P', 1000, 10, 12), 1000);
  equal(told, [], 'not yet 2 s');
  watchdog.observe(pair('P', 1000, 10, 14), PATH_SILENT_MS);
  equal(told, ['silent']);
  ok(watchdog.silent);
  watchdog.observe(pair('P', 1000, 10, 16), 3000);
  equal(told, ['silent'], 'told once');
  watchdog.observe(pair('P', 1200, 10, 16), 3500);
  equal(told, ['silent', 'heard']);
  ok(!watchdog.silent);
});

test('not silent: a quiet path that answers its checks, or one that was not asked', () => {
  const { watchdog, told } = watch();
  watchdog.observe(pair('P', 1000, 10, 10), 0);
  watchdog.observe(pair('P', 1000, 11, 11), 2500); // no media, the consent check answered
  watchdog.observe(pair('P', 1000, 11, 11), 5000); // nothing asked, nothing heard
  equal(told, []);
  ok(!watchdog.silent);
});

test('another pair selected (an ICE restart found a path): heard, and its silence counted afresh', () => {
  const { watchdog, told } = watch();
  watchdog.observe(pair('P', 1000, 10, 10), 0);
  watchdog.observe(pair('P', 1000, 10, 15), 2000);
  watchdog.observe(pair('Q', 0, 0, 3), 2500);
  equal(told, ['silent', 'heard']);
  watchdog.observe(pair('Q', 0, 0, 6), 4000);
  equal(told, ['silent', 'heard'], 'the new pair has not been silent 2 s');
  watchdog.observe(null, 4500);
  watchdog.observe(pair('Q', 0, 0, 9), 7000);
  equal(told, ['silent', 'heard'], 'no pair for a while: counted again from when there is one');
});

test('polls getStats every 500 ms and stops', async () => {
  const pending = [];
  const timers = { setTimeout: (task, delay) => { pending.push({ task, delay }); return pending.length; },
    clearTimeout: () => { pending.length = 0; } };
  let asked = 0;
  const pc = { async getStats() { asked++; return new Map([['T', { type: 'transport', selectedCandidatePairId: 'P' }],
    ['P', pair('P', asked, 0, 0)]]); } };
  const watchdog = new PathWatchdog(() => pc, {}, timers);
  equal(pending.map((p) => p.delay), [500]);
  await pending.shift().task();
  equal(asked, 1);
  equal(watchdog.last.received, 1);
  equal(pending.map((p) => p.delay), [500], 'and again');
  watchdog.stop();
  equal(pending.length, 0);
});
