import { test, equal, ok } from './harness.js';
import { ADVICE, ConnectionQuality, lossBetween, rate, readQuality } from '/static/call/connection-quality.js';

test('levels: loss and round trip make it fair, then poor; the browser lowering video for bandwidth makes it fair', () => {
  equal(rate({}), 'good', 'no figures yet');
  equal(rate({ lossPercent: 1, rttMs: 40 }), 'good');
  equal(rate({ lossPercent: 3 }), 'fair');
  equal(rate({ rttMs: 300 }), 'fair');
  equal(rate({ limitation: 'bandwidth' }), 'fair');
  equal(rate({ limitation: 'cpu' }), 'good', 'a busy processor is no network problem (the advice says it)');
  equal(rate({ lossPercent: 10 }), 'poor');
  equal(rate({ rttMs: 800, lossPercent: 0 }), 'poor');
});

test('loss over the last interval, from cumulative counters', () => {
  equal(lossBetween(null, { packetsLost: 5, packetsReceived: 95 }), null, 'the first reading has no interval');
  equal(lossBetween({ packetsLost: 5, packetsReceived: 95 }, { packetsLost: 15, packetsReceived: 185 }), 10);
  equal(lossBetween({ packetsLost: 5, packetsReceived: 95 }, { packetsLost: 5, packetsReceived: 95 }), null, 'nothing came');
  equal(lossBetween({ packetsLost: 9, packetsReceived: 10 }, { packetsLost: 4, packetsReceived: 20 }), 0,
    'duplicates can lower the lost count: never negative');
});

function report(entries) {
  return new Map(entries.map((e) => [e.id, e]));
}

test('a reading: one\'s own level from the path and the bridge\'s reports, each person\'s from what arrives of them', () => {
  const last = new Map();
  const bySsrc = new Map([[111, 'ben'], [222, 'cal']]);
  const first = report([
    { id: 't', type: 'transport', selectedCandidatePairId: 'p' },
    { id: 'p', type: 'candidate-pair', currentRoundTripTime: 0.02 },
    { id: 'in-ben', type: 'inbound-rtp', ssrc: 111, packetsLost: 0, packetsReceived: 100 },
    { id: 'in-cal', type: 'inbound-rtp', ssrc: 222, packetsLost: 0, packetsReceived: 100 },
  ]);
  const one = readQuality(first, bySsrc, last);
  equal(one.self.level, 'good');
  equal(one.self.rttMs, 20);
  equal(one.others, {}, 'no interval yet');
  const second = report([
    { id: 't', type: 'transport', selectedCandidatePairId: 'p' },
    { id: 'p', type: 'candidate-pair', currentRoundTripTime: 0.02 },
    { id: 'out', type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'cpu' },
    { id: 'rin', type: 'remote-inbound-rtp', fractionLost: 0.01 },
    { id: 'in-ben', type: 'inbound-rtp', ssrc: 111, packetsLost: 20, packetsReceived: 180 },
    { id: 'in-cal', type: 'inbound-rtp', ssrc: 222, packetsLost: 0, packetsReceived: 200 },
  ]);
  const two = readQuality(second, bySsrc, last);
  equal(two.self.level, 'good');
  equal(two.self.advice, ADVICE.cpu, 'the processor named when it holds the video back');
  equal(two.others.ben, { level: 'poor', lossPercent: 20 });
  equal(two.others.cal.level, 'good');
});

test('the view: words and a level for oneself, advice only when not good, a badge only on tiles that come badly', () => {
  const own = document.createElement('p');
  own.hidden = true;
  own.innerHTML = 'Connection: <strong class="quality-words"></strong><span class="quality-advice" hidden></span>';
  const list = document.createElement('ul');
  for (const id of ['ben', 'cal']) {
    const tile = document.createElement('li');
    tile.dataset.participant = id;
    tile.innerHTML = '<p class="tile-label"></p>';
    list.append(tile);
  }
  const said = [];
  const quality = new ConnectionQuality(own, list, (t) => said.push(t));
  let stats = report([{ id: 'rin', type: 'remote-inbound-rtp', fractionLost: 0.2 }]);
  const pc = { getStats: async () => stats };
  const peer = { pc, sources: [{ ssrc: 111, participant: 'ben' }] };
  return (async () => {
    await quality.measure(peer);
    equal(own.hidden, false);
    equal(own.dataset.level, 'poor');
    equal(own.querySelector('.quality-words').textContent, 'Poor');
    equal(own.querySelector('.quality-advice').hidden, false);
    equal(said, [ADVICE.poor], 'said when it turns poor');
    await quality.measure(peer);
    equal(said.length, 1, 'said once');
    stats = report([{ id: 'in-ben', type: 'inbound-rtp', ssrc: 111, packetsLost: 50, packetsReceived: 50 }]);
    await quality.measure(peer);
    equal(own.dataset.level, 'good');
    equal(own.querySelector('.quality-advice').hidden, true, 'no advice when good');
    equal(list.querySelector('[data-participant=ben] .tile-quality').hidden, true, 'the first reading of Ben has no interval');
    stats = report([{ id: 'in-ben', type: 'inbound-rtp', ssrc: 111, packetsLost: 80, packetsReceived: 100 }]);
    await quality.measure(peer);
    equal(list.querySelector('[data-participant=ben] .tile-quality').textContent, 'Poor connection');
    equal(list.querySelector('[data-participant=cal] .tile-quality').hidden, true, 'nothing said of Cal');
  })();
});
