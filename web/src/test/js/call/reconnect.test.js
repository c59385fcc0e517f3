// reconnect.js on its own: backoff, the tab's claim, the signaling's reconnect loop and the ICE
// restart rule, with hand-driven timers (CallScriptsTest runs it with the other module tests;
// tests.js imports it).
import { test, equal, ok } from './harness.js';
import { backoffDelay, ResumeClaim, SignalingReconnect, IceRestarter, resumeUrl }
  from '/static/call/reconnect.js';

/** Timers that run when the test says; a fake window for IceRestarter (navigator, online events). */
function handTimers(onLine = true) {
  const pending = new Map();
  let next = 1;
  const target = new EventTarget();
  return {
    navigator: { onLine },
    setTimeout(task, delay) { pending.set(next, { task, delay }); return next++; },
    clearTimeout(id) { pending.delete(id); },
    addEventListener: (type, listener) => target.addEventListener(type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(type, listener),
    dispatch(type) { target.dispatchEvent(new Event(type)); },
    delays: () => [...pending.values()].map((p) => p.delay),
    /** Runs the first timer pending (the first with `delay`, when given). */
    async runNext(delay) {
      const [id, { task }] = [...pending.entries()].find(([, p]) => delay === undefined || p.delay === delay);
      pending.delete(id);
      await task();
    },
    get count() { return pending.size; },
  };
}

function memoryStorage() {
  const values = new Map();
  return { getItem: (k) => (values.has(k) ? values.get(k) : null), setItem: (k, v) => values.set(k, String(v)),
    removeItem: (k) => values.delete(k), size: () => values.size };
}

test('backoff: 0.5, 1, 2, 4, 8 s, then 8 s, each within ±25 %', () => {
  equal([0, 1, 2, 3, 4, 5, 20].map((attempt) => backoffDelay(attempt, () => 0.5)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
  equal(backoffDelay(0, () => 0), 375);
  ok(backoffDelay(4, () => 0.9999) <= 10000);
});

test('the claim lasts the grace period from the first drop, and a new joined starts it afresh', () => {
  const storage = memoryStorage();
  const claim = new ResumeClaim('room-7', storage);
  equal(claim.current(), null, 'nothing before joined');
  claim.save('s3cret', 60, { audioMuted: true, videoMuted: false });
  equal(claim.current().secret, 's3cret');
  equal(claim.deadline(), Infinity, 'no drop yet');
  claim.dropped(1000);
  claim.dropped(9000); // a second close during the same trouble does not move the deadline
  equal(claim.deadline(), 61000);
  ok(claim.current(60999) !== null);
  equal(claim.current(61000), null, 'given up');
  equal(storage.size(), 0, 'and forgotten');
  claim.save('again', 60, {});
  equal(claim.deadline(), Infinity);
  claim.remember({ audioMuted: true });
  equal(claim.current().audioMuted, true, 'a reload restores the mute choice');
});

test('no grace period, no secret, or a broken store: nothing to resume', () => {
  const claim = new ResumeClaim('room-7', memoryStorage());
  claim.save('s', 0, {});
  equal(claim.current(), null);
  claim.save('', 60, {});
  equal(claim.current(), null);
  const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }, removeItem() {} };
  const unstored = new ResumeClaim('room-7', broken);
  unstored.save('s', 60, {});
  equal(unstored.current(), null);
});

test('the resume URL carries the secret, encoded, and media=kept only when the peer connection survived', () => {
  equal(resumeUrl('wss://appliance/signaling/r1', 'a+b/c', true), 'wss://appliance/signaling/r1?resume=a%2Bb%2Fc&media=kept');
  equal(resumeUrl('wss://appliance/signaling/r1', 'x', false), 'wss://appliance/signaling/r1?resume=x');
});

test('the signaling reconnects with backoff until it opens, presenting the secret', async () => {
  const claim = new ResumeClaim('room-7', memoryStorage());
  claim.save('s3cret', 60, {});
  const timers = handTimers();
  let attempts = 0;
  const signaling = { url: null, async connect() { if (++attempts < 3) { throw new Error('refused'); } } };
  const told = [];
  const reconnect = new SignalingReconnect(signaling, 'wss://appliance/signaling/r1', claim,
    { reconnecting: (attempt) => told.push(attempt), gaveUp: () => told.push('gave up') }, timers);
  reconnect.start();
  reconnect.start(); // a second close while trying changes nothing
  equal(timers.count, 1);
  for (let i = 0; i < 3; i++) {
    await timers.runNext();
  }
  equal(attempts, 3);
  equal(told, [0, 1, 2]);
  equal(signaling.url, 'wss://appliance/signaling/r1?resume=s3cret&media=kept');
  equal(timers.count, 0, 'open: no more attempts');
});

test('the network back: the signaling tries at once instead of at the end of its backoff', async () => {
  const claim = new ResumeClaim('room-7', memoryStorage());
  claim.save('s3cret', 60, {});
  const timers = handTimers();
  let attempts = 0;
  const signaling = { url: null, async connect() { if (++attempts < 4) { throw new Error('no network'); } } };
  const reconnect = new SignalingReconnect(signaling, 'wss://a/s/r', claim,
    { reconnecting: () => {}, gaveUp: () => {} }, timers);
  reconnect.start();
  for (let i = 0; i < 3; i++) {
    await timers.runNext(); // 0.5, 1, 2 s: no network yet
  }
  ok(timers.delays()[0] >= 3000, `backoff grew: ${timers.delays()}`);
  timers.dispatch('online');
  equal(timers.delays(), [0], 'online: at once');
  await timers.runNext();
  equal(attempts, 4);
  equal(timers.count, 0, 'open: no more attempts');
  timers.dispatch('online');
  equal(timers.count, 0, 'connected: online changes nothing');
});

test('the signaling gives up once the grace period is over', async () => {
  const claim = new ResumeClaim('room-7', memoryStorage());
  claim.save('s3cret', 1, {});
  const timers = handTimers();
  const told = [];
  const reconnect = new SignalingReconnect({ async connect() { throw new Error('refused'); } }, 'wss://a/s/r', claim,
    { reconnecting: (attempt) => told.push(attempt), gaveUp: () => told.push('gave up') }, timers);
  reconnect.start();
  while (timers.count > 0) {
    await timers.runNext();
  }
  equal(told[told.length - 1], 'gave up');
  ok(told.length <= 3, `a 1 s grace allows at most a couple of attempts: ${told}`);
});

/** A peer whose ICE state the test sets, counting restarts. */
function fakePeer() {
  const pc = new EventTarget();
  pc.iceConnectionState = 'connected';
  const peer = { pc, restarts: 0, restartIce() { this.restarts++; } };
  peer.set = (state) => { pc.iceConnectionState = state; pc.dispatchEvent(new Event('iceconnectionstatechange')); };
  return peer;
}

test('ICE: a restart after 2 s disconnected, none if it comes back, at once on failed, again every 5 s', async () => {
  const timers = handTimers();
  const peer = fakePeer();
  const ice = new IceRestarter(peer, () => true, timers);
  peer.set('disconnected');
  equal(timers.delays(), [2000]);
  peer.set('connected');
  equal(timers.count, 0, 'came back by itself: no restart');
  peer.set('disconnected');
  await timers.runNext();
  equal(peer.restarts, 1);
  equal(timers.delays(), [5000]);
  await timers.runNext();
  equal(peer.restarts, 2, 'still disconnected 5 s later: again');
  peer.set('connected');
  peer.set('failed');
  equal(peer.restarts, 3, 'failed: at once');
  equal(ice.restarts, 3);
  ice.stop();
  peer.set('failed');
  equal(peer.restarts, 3, 'stopped');
});

test('ICE: no restart while offline or without signaling; online gives the old path its 2 s; kick restarts', async () => {
  const timers = handTimers(false);
  const peer = fakePeer();
  let signaling = true;
  const ice = new IceRestarter(peer, () => signaling, timers);
  peer.set('failed');
  equal(peer.restarts, 0, 'offline: nothing to restart on');
  timers.navigator.onLine = true;
  peer.set('disconnected');
  timers.dispatch('online');
  equal(timers.delays(), [2000], 'online again: 2 s for the old path');
  signaling = false;
  await timers.runNext();
  equal(peer.restarts, 0, 'no signaling: waits');
  signaling = true;
  ice.kick();
  equal(peer.restarts, 1, 'the signaling is back: restart now');
  ice.stop();
});

test('ICE: a path silent for 2 s restarts 0.6 s after the browser says disconnected, not 2 s later', async () => {
  const timers = handTimers();
  const peer = fakePeer();
  peer.pc.getStats = async () => new Map(); // the watchdog's figures are fed by hand below
  const ice = new IceRestarter(peer, () => true, timers);
  const path = (bytes, requests) => ({ type: 'candidate-pair', id: 'P', bytesReceived: bytes, responsesReceived: 0,
    requestsSent: requests });
  ice.watchdog.observe(path(1000, 5), 0);
  ice.watchdog.observe(path(1000, 8), 2000);
  ok(ice.watchdog.silent);
  equal(peer.restarts, 0, 'still connected by the browser\'s word: it has not seen a new network yet');
  peer.set('disconnected'); // the network changed
  equal(peer.restarts, 0, 'a poll first: Chromium says disconnected also when the old path is back');
  equal(timers.delays().filter((d) => d !== 500), [600]);
  await timers.runNext(600);
  equal(peer.restarts, 1, 'still silent: the grace is served');
  ok(timers.delays().includes(5000), 'and again in 5 s if still in trouble');
  ok(!timers.delays().includes(2000));
  peer.set('checking');
  peer.set('disconnected');
  equal(peer.restarts, 1, 'the restart under way gets its time');
  peer.set('connected');
  ice.watchdog.observe(path(1500, 9), 3500); // media again
  ok(!timers.delays().includes(5000), 'connected: no retry');
  ice.stop();
  ok(!timers.delays().includes(500), 'stopped: no more polls');
});

test('ICE: a path heard again (the link back on the same address) needs no restart', async () => {
  const timers = handTimers();
  const peer = fakePeer();
  peer.pc.getStats = async () => new Map();
  const ice = new IceRestarter(peer, () => true, timers);
  const path = (bytes, requests) => ({ type: 'candidate-pair', id: 'P', bytesReceived: bytes, responsesReceived: 0,
    requestsSent: requests });
  ice.watchdog.observe(path(1000, 5), 0);
  ice.watchdog.observe(path(1000, 9), 4000);
  ice.watchdog.observe(path(1800, 10), 5000);
  ok(!ice.watchdog.silent);
  peer.set('disconnected'); // a later blip: the usual 2 s
  equal(peer.restarts, 0);
  equal(timers.delays().filter((d) => d !== 500), [2000]);
  ice.stop();
});

test('ICE: a silent path heard again just after the browser says disconnected is not restarted', async () => {
  const timers = handTimers();
  const peer = fakePeer();
  peer.pc.getStats = async () => new Map();
  const ice = new IceRestarter(peer, () => true, timers);
  const path = (bytes, requests) => ({ type: 'candidate-pair', id: 'P', bytesReceived: bytes, responsesReceived: 0,
    requestsSent: requests });
  ice.watchdog.observe(path(1000, 5), 0);
  ice.watchdog.observe(path(1000, 8), 2000);
  peer.set('disconnected'); // the link is back, on the same address
  ice.watchdog.observe(path(1400, 9), 2400); // and so is the old path
  ok(!ice.watchdog.silent);
  await timers.runNext(600);
  equal(peer.restarts, 0, 'heard again: no restart, which would throw the path away');
  ok(timers.delays().includes(2000), 'the usual 2 s to come back on it');
  peer.set('connected');
  ok(!timers.delays().includes(2000));
  ice.stop();
});

test('ICE: a silent path without signaling waits for kick', async () => {
  const timers = handTimers();
  const peer = fakePeer();
  peer.pc.getStats = async () => new Map();
  let signaling = false;
  const ice = new IceRestarter(peer, () => signaling, timers);
  const path = (requests) => ({ type: 'candidate-pair', id: 'P', bytesReceived: 10, responsesReceived: 1, requestsSent: requests });
  ice.watchdog.observe(path(1), 0);
  ice.watchdog.observe(path(4), 2000);
  peer.set('disconnected');
  await timers.runNext(600);
  equal(peer.restarts, 0);
  signaling = true;
  ice.kick();
  equal(peer.restarts, 1);
  ice.stop();
});

/** A peer with the product's signaling shape: answers counted, a connection that can be abandoned. */
function signalingPeer() {
  const peer = fakePeer();
  peer.answers = 0;
  peer.signaling = { abandoned: 0, abandon() { this.abandoned++; } };
  return peer;
}

test('ICE: a restart offer unanswered for 2 s gives the signaling up; back, kick restarts at once', async () => {
  const timers = handTimers();
  const peer = signalingPeer();
  let signaling = true;
  const ice = new IceRestarter(peer, () => signaling, timers);
  peer.set('failed');
  equal(peer.restarts, 1);
  equal(timers.delays(), [2000, 5000], 'the answer is awaited 2 s, the connection 5 s');
  await timers.runNext();
  equal(peer.signaling.abandoned, 1, 'no answer: the connection is taken for dead');
  equal(ice.abandoned, 1);
  equal(timers.count, 0, 'no restart until the signaling is back');
  signaling = false; // reconnecting
  ice.kick();
  equal(peer.restarts, 1);
  signaling = true; // joined again
  ice.kick();
  equal(peer.restarts, 2, 'back: restart at once, not at the end of the 5 s');
  peer.answers++; // answered this time
  await timers.runNext();
  equal(peer.signaling.abandoned, 1, 'answered: the connection stays');
  ice.stop();
  equal(timers.count, 0);
});
