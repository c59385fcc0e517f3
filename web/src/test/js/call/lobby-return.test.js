// lobby-return.js on its own: waiting in the lobby again after a lost connection, with
// hand-driven timers and clock (CallScriptsTest runs it with the other module tests).
import { test, equal, ok } from './harness.js';
import { LobbyReturn, LOBBY_RETURN_MS } from '/static/call/lobby-return.js';

function handTimers() {
  const pending = new Map();
  let next = 1;
  return {
    setTimeout(task, delay) { pending.set(next, { task, delay }); return next++; },
    clearTimeout(id) { pending.delete(id); },
    delays: () => [...pending.values()].map((p) => p.delay),
    async runNext() {
      const [id, { task }] = [...pending.entries()][0];
      pending.delete(id);
      await task();
    },
    get count() { return pending.size; },
  };
}

test('the lobby: connects again with backoff, without a resume, and says when it is back', async () => {
  const timers = handTimers();
  let attempts = 0;
  const signaling = { url: 'wss://a/s/r?resume=old', async connect() { if (++attempts < 3) { throw new Error('down'); } } };
  const told = [];
  const back = new LobbyReturn(signaling, 'wss://a/s/r', { trying: (on) => told.push(on ? 'trying' : 'not trying'),
    back: () => told.push('back'), gaveUp: () => told.push('gave up') }, timers, { now: () => 0 });
  back.start();
  back.start(); // a second close while trying changes nothing
  equal(timers.count, 1);
  for (let i = 0; i < 3; i++) {
    await timers.runNext();
  }
  equal(attempts, 3);
  equal(signaling.url, 'wss://a/s/r', 'no place to take back: the room alone');
  equal(told, ['trying', 'not trying', 'back']);
  equal(timers.count, 0, 'open: no more attempts');
});

test('the lobby: gives up after two minutes, and stops when the page ends', async () => {
  const timers = handTimers();
  let now = 0;
  const told = [];
  const back = new LobbyReturn({ async connect() { now += 1000; throw new Error('down'); } }, 'wss://a/s/r',
    { trying: () => {}, back: () => told.push('back'), gaveUp: () => told.push('gave up') }, timers, { now: () => now });
  back.start();
  while (timers.count > 0) {
    now += timers.delays()[0];
    await timers.runNext();
  }
  equal(told, ['gave up']);
  ok(now <= LOBBY_RETURN_MS + 1000, `gave up in time: ${now} ms`);

  const stopped = new LobbyReturn({ async connect() { throw new Error('down'); } }, 'wss://a/s/r',
    { trying: () => {}, back: () => {}, gaveUp: () => told.push('gave up twice') }, timers, { now: () => 0 });
  stopped.start();
  stopped.stop();
  equal(timers.count, 0, 'left the waiting room: nothing more');
});
