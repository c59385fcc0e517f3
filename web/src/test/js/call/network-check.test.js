import { test, equal, ok } from './harness.js';
import { verdictFor, figuresFrom, readSample, figuresText, NetworkCheckView, LIMITS } from '/static/call/network-check.js';

const measured = (f) => ({ outcome: 'measured', transport: 'udp', rttMs: 12, lossPercent: 0, kbps: 900, ...f });

test('a loopback with little delay, no loss and a tile\'s bitrate back is good: video will work', () => {
  const shown = verdictFor(measured({}));
  equal(shown.level, 'good');
  equal(shown.verdict, 'Your connection to the hospital\'s video system is good: video will work.');
  equal(shown.advice, '');
  equal(shown.figures, 'Round trip 12 ms · loss 0.0 % · 900 kbit/s received · UDP');
});

test('3 % loss, a 300 ms round trip or less than 150 kbit/s makes video choppy, and each is named', () => {
  equal(verdictFor(measured({ lossPercent: LIMITS.fairLossPercent })).verdict,
    'Video may be choppy: some of the picture is lost on the way (3.0 % loss). Audio will work.');
  equal(verdictFor(measured({ rttMs: 300 })).level, 'choppy');
  equal(verdictFor(measured({ rttMs: 299, lossPercent: 2.9, kbps: 150 })).level, 'good', 'just below every limit');
  equal(verdictFor(measured({ kbps: 120, rttMs: 450 })).verdict,
    'Video may be choppy: the connection is slow to answer (450 ms round trip), and the connection carries little '
    + '(120 kbit/s). Audio will work.');
});

test('10 % loss, an 800 ms round trip or under 60 kbit/s: video will probably not work, audio should', () => {
  for (const f of [{ lossPercent: 10 }, { rttMs: 800 }, { kbps: 59 }]) {
    const shown = verdictFor(measured(f));
    equal(shown.level, 'audio-only', JSON.stringify(f));
    ok(shown.verdict.startsWith('Video will probably not work on this connection: '), shown.verdict);
    ok(shown.verdict.endsWith('Audio should work.'), shown.verdict);
    ok(shown.advice.startsWith('You can join with your camera off.'), shown.advice);
  }
});

test('over TCP (UDP blocked) the verdict still comes from the figures, and the advice says why it may be slower', () => {
  const shown = verdictFor(measured({ transport: 'tcp' }));
  equal(shown.level, 'good');
  equal(shown.advice, 'Your network blocks the faster route for video (UDP), so the call will use a slower one (TCP).');
  ok(shown.figures.endsWith(' · TCP'), shown.figures);
});

test('nothing through, or nothing back, is a blocked network; a refused check could not run; neither stops joining', () => {
  const blocked = verdictFor({ outcome: 'no-connection', transport: null, rttMs: null, lossPercent: null, kbps: null });
  equal(blocked.level, 'blocked');
  equal(blocked.verdict, 'Your network blocks the video connection: nothing got through to the hospital\'s video system.');
  ok(blocked.advice.endsWith('You can still try to join.'), blocked.advice);
  equal(blocked.figures, '');
  equal(verdictFor(measured({ outcome: 'nothing-back', kbps: 0 })).level, 'blocked');
  const refused = verdictFor({ outcome: 'refused', reason: 'at most 6 network checks in 1 minute: try again shortly' });
  equal(refused.level, 'not-run');
  equal(refused.verdict, 'The connection check could not run: at most 6 network checks in 1 minute: try again shortly.');
  equal(refused.advice, 'You can still join the call.');
});

test('figures from getStats: the selected pair\'s round trip and transport, loss back and at the bridge, bitrate of the last 2 s', () => {
  const sent = (rtt, fractionLost) => [
    { type: 'transport', id: 'T', selectedCandidatePairId: 'P' },
    { type: 'candidate-pair', id: 'P', localCandidateId: 'L', currentRoundTripTime: rtt },
    { type: 'local-candidate', id: 'L', protocol: 'tcp' },
    { type: 'remote-inbound-rtp', id: 'R', fractionLost },
  ];
  const received = (bytes, packets, lost) => new Map([
    ['A', { type: 'inbound-rtp', kind: 'audio', bytesReceived: bytes / 4, headerBytesReceived: 0, packetsReceived: packets / 2, packetsLost: 0 }],
    ['V', { type: 'inbound-rtp', kind: 'video', bytesReceived: (3 * bytes) / 4, packetsReceived: packets / 2, packetsLost: lost }],
  ]);
  const samples = [
    readSample(0, sent(0.010, 0), received(0, 0, 0)),
    readSample(1000, sent(0.030, 0), received(50_000, 100, 0)),
    readSample(2000, sent(0.020, 0.01), received(150_000, 200, 2)),
    readSample(3000, sent(0.020, 0), received(250_000, 300, 3)),
  ];
  equal(samples[1].transport, 'tcp');
  const figures = figuresFrom(samples);
  equal(figures.outcome, 'measured');
  equal(figures.rttMs, 20, 'the median');
  equal(figures.kbps, 800, 'the best 2 s: 200,000 bytes from 1 s to 3 s');
  equal(samples[3].videoBytes, 187_500);
  equal(Math.round(figures.lossPercent * 100) / 100, 1, 'the bridge\'s report (1 %) over the 3 of 303 lost on the way back');
  equal(figures.transport, 'tcp');
});

test('the bitrate is the best window of about 2 s: a slow start or a busy moment does not count against the network', () => {
  const at = (ms, bytes) => ({ at: ms, bytes, packets: 1, lost: 0, rttMs: 5, transport: 'udp', remoteLoss: null });
  const ramp = [at(0, 0), at(500, 2_000), at(1000, 5_000), at(1500, 30_000), at(2000, 60_000), at(2500, 90_000),
    at(3000, 95_000), at(3500, 100_000)];
  equal(figuresFrom(ramp).kbps, 360, '90,000 bytes from 1 s to 3 s');
  equal(figuresFrom([at(0, 0), at(1000, 25_000)]).kbps, 200, 'shorter than 1.5 s: the whole run');
});

test('connected, but no packet came back: nothing back', () => {
  const none = new Map([['V', { type: 'inbound-rtp', bytesReceived: 0, packetsReceived: 0, packetsLost: 0 }]]);
  equal(figuresFrom([readSample(0, [], none), readSample(2000, [], none)]).outcome, 'nothing-back');
  equal(figuresText({ rttMs: null, lossPercent: null, kbps: null, transport: null }), '');
});

test('the view: checking, then the verdict in the live region; "Test again" runs it once more, never twice at once', async () => {
  const node = (tag) => document.createElement(tag);
  const parts = { result: node('div'), verdict: node('p'), advice: node('p'), figures: node('p'), again: node('button') };
  const runs = [];
  let finish;
  const view = new NetworkCheckView(parts, 'wss://appliance/signaling/network-check',
    (url) => { runs.push(url); return new Promise((resolve) => { finish = resolve; }); });
  const first = view.check();
  equal(parts.result.dataset.level, 'checking');
  equal(parts.result.getAttribute('aria-busy'), 'true');
  equal(parts.verdict.textContent, 'Checking your connection to the hospital\'s video system…');
  ok(parts.again.disabled, 'no second check while one runs');
  view.check();
  equal(runs.length, 1);
  finish(measured({ lossPercent: 4 }));
  await first;
  equal(parts.result.dataset.level, 'choppy');
  equal(parts.result.getAttribute('aria-busy'), null);
  ok(parts.verdict.textContent.startsWith('Video may be choppy'), parts.verdict.textContent);
  equal(parts.figures.textContent, 'Round trip 12 ms · loss 4.0 % · 900 kbit/s received · UDP');
  equal(parts.again.disabled, false);
  parts.again.click();
  equal(runs.length, 2);
  finish(measured({}));
});
