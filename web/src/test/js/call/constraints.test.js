import { test, equal, ok } from './harness.js';
import { computeConstraints, roundUp, ConstraintsSender, MIN_INTERVAL_MS } from '/static/call/constraints.js';

const tile = (n, height = 150, visible = true) => ({ source: `ep-${n}/cam-${n}`, visible, height });

test('heights round up to the layers 180/360/720, the stage up to 2160', () => {
  equal([0, 1, 180, 181, 360, 500, 720, 721, 4000].map((h) => roundUp(h)), [0, 180, 180, 360, 360, 720, 720, 720, 720]);
  equal(roundUp(900, [180, 360, 720, 1080, 1440, 2160]), 1080);
  equal(roundUp(NaN), 0);
});

test('a tumor board: 40 tiles, 16 in view: last-N 16 at the tile height, the rest not shown', () => {
  const tiles = Array.from({ length: 40 }, (_, i) => tile(i, 150, i < 16));
  const c = computeConstraints({ tiles });
  equal(c.lastN, 16);
  equal(c.defaultMaxHeight, 180);
  equal(c.onStage, []);
  equal(c.stageMaxHeight, 0);
  equal(Object.keys(c.maxHeights).length, 24);
  ok(Object.values(c.maxHeights).every((h) => h === 0), 'scrolled out of view: 0');
  ok(!('ep-3/cam-3' in c.maxHeights), 'a tile in view has no override');
});

test('many small tiles ask for 15 frames/s, a crowd for 7.5; a few, or large ones, or the stage keep the full rate', () => {
  equal(computeConstraints({ tiles: Array.from({ length: 16 }, (_, i) => tile(i, 150)) }).defaultMaxFrameRate, 8,
    'a tumor board: the base temporal layer');
  equal(computeConstraints({ tiles: Array.from({ length: 9 }, (_, i) => tile(i, 150)) }).defaultMaxFrameRate, 15);
  const board = computeConstraints({ tiles: Array.from({ length: 6 }, (_, i) => tile(i, 150)), speaker: 'ep-0/cam-0' });
  equal(board.defaultMaxFrameRate, 15, 'five small tiles besides the speaker');
  equal(board.onStage, ['ep-0/cam-0']);
  ok(!('stageMaxFrameRate' in board), 'the speaker of a small board: its own frame rate');
  ok(!('defaultMaxFrameRate' in computeConstraints({ tiles: Array.from({ length: 4 }, (_, i) => tile(i, 150)) })),
    'four tiles: a family visit at full motion');
  ok(!('defaultMaxFrameRate' in computeConstraints({ tiles: Array.from({ length: 9 }, (_, i) => tile(i, 300)) })),
    'larger tiles keep the full rate');
});

test('a crowd\'s speaker on stage at 15 frames/s; a screen on stage, a smaller call or large tiles keep the stage\'s rate', () => {
  const audience = (n, height = 150) => Array.from({ length: n }, (_, i) => tile(i + 1, height));
  const speaker = tile(0, 600);
  let c = computeConstraints({ tiles: [speaker, ...audience(15)], speaker: speaker.source });
  equal([c.lastN, c.defaultMaxHeight, c.defaultMaxFrameRate], [16, 180, 8], 'the tumor board: 15 tiles at 180p, 7.5 frames/s');
  equal([c.onStage, c.stageMaxHeight, c.stageMaxFrameRate], [['ep-0/cam-0'], 720, 15], 'the enlarged speaker: 720p, 15 frames/s');
  equal(c.maxHeights, {}, 'the stage has its own height: no override for the tiles');

  c = computeConstraints({ tiles: [tile(0, 150), ...audience(10)], speaker: 'ep-0/cam-0' });
  equal([c.stageMaxHeight, c.stageMaxFrameRate], [180, 15], 'the speaker in a tile of the board\'s grid: the same rule');

  c = computeConstraints({ tiles: [speaker, ...audience(9)], speaker: speaker.source });
  equal(c.defaultMaxFrameRate, 15);
  ok(!('stageMaxFrameRate' in c), 'nine tiles besides the speaker: not a crowd, the stage keeps its motion');

  c = computeConstraints({ tiles: [tile(0, 150), ...audience(15)], stage: [{ source: 'ep-3/screen', height: 820 }],
    speaker: 'ep-0/cam-0' });
  equal([c.onStage, c.stageMaxHeight, c.defaultMaxFrameRate], [['ep-3/screen'], 1080, 8]);
  ok(!('stageMaxFrameRate' in c), 'slides and imaging on stage: full rate and sharpness');

  ok(!('stageMaxFrameRate' in computeConstraints({ tiles: [speaker, ...audience(3)], speaker: speaker.source })),
    'a visit: the speaker at full motion');
  ok(!('stageMaxFrameRate' in computeConstraints({ tiles: [speaker, ...audience(15, 300)], speaker: speaker.source })),
    'large tiles: no frame rate lowered at all');
});

test('the active speaker goes on stage at its tile height; a shared screen takes the stage instead', () => {
  const tiles = [tile(1, 300), tile(2, 300), tile(3, 300)];
  let c = computeConstraints({ tiles, speaker: 'ep-2/cam-2' });
  equal(c.onStage, ['ep-2/cam-2']);
  equal(c.stageMaxHeight, 360);
  equal(c.defaultMaxHeight, 360);
  equal(c.lastN, 3);
  c = computeConstraints({ tiles, stage: [{ source: 'ep-1/screen', height: 820 }], speaker: 'ep-2/cam-2' });
  equal(c.onStage, ['ep-1/screen']);
  equal(c.stageMaxHeight, 1080);
  equal(c.lastN, 4, 'the screen and three cameras');
});

test('a speaker whose tile is out of view stays off the stage; tiles of another size get their own height', () => {
  const c = computeConstraints({ tiles: [tile(1, 150), tile(2, 600), tile(3, 150, false)], speaker: 'ep-3/cam-3' });
  equal(c.onStage, []);
  equal(c.defaultMaxHeight, 720, 'the largest shown tile');
  equal(c.maxHeights, { 'ep-3/cam-3': 0, 'ep-1/cam-1': 180 });
});

test('tiles without a received source count for nothing; nobody shown still gives a valid message', () => {
  const c = computeConstraints({ tiles: [{ source: null, visible: true, height: 200 }] });
  equal(c, { lastN: 0, defaultMaxHeight: 180, onStage: [], stageMaxHeight: 0, maxHeights: {} });
});

test('at most 4 on stage and 100 overrides, as the server takes', () => {
  const stage = Array.from({ length: 6 }, (_, i) => ({ source: `s-${i}/screen`, height: 400 }));
  const tiles = Array.from({ length: 130 }, (_, i) => tile(i, 100, false));
  const c = computeConstraints({ tiles, stage });
  equal(c.onStage.length, 4);
  equal(Object.keys(c.maxHeights).length, 100);
  equal(c.lastN, 4);
});

function fakeClock() {
  const clock = { time: 1000, timers: [], now: () => clock.time };
  clock.setTimeout = (fn, ms) => { clock.timers.push({ at: clock.time + ms, fn }); return clock.timers.length; };
  clock.clearTimeout = () => { clock.timers = []; };
  clock.advance = (ms) => {
    clock.time += ms;
    for (;;) {
      const due = clock.timers.filter((t) => t.at <= clock.time).sort((a, b) => a.at - b.at)[0];
      if (!due) {
        return;
      }
      clock.timers.splice(clock.timers.indexOf(due), 1);
      due.fn();
    }
  };
  return clock;
}

test('changes close together go as one message, at most 4 a second, and only when different', () => {
  const clock = fakeClock();
  const sent = [];
  let height = 150;
  const sender = new ConstraintsSender((fields) => { sent.push({ at: clock.time, fields }); return true; },
    () => ({ tiles: [tile(1, height)] }), clock);
  for (let i = 0; i < 10; i++) {
    sender.changed();
  }
  clock.advance(100);
  equal(sent.length, 1, 'a burst of changes: one message');
  sender.changed();
  clock.advance(100);
  equal(sent.length, 1, 'nothing changed: nothing sent');

  // a window being dragged: a change every 20 ms for 3 s
  for (let t = 0; t < 3000; t += 20) {
    height = 150 + (t % 600);
    sender.changed();
    clock.advance(20);
  }
  clock.advance(1000);
  const times = sent.map((s) => s.at);
  for (let i = 1; i < times.length; i++) {
    ok(times[i] - times[i - 1] >= MIN_INTERVAL_MS, `messages ${times[i - 1]} and ${times[i]} too close`);
  }
  ok(sent.length >= 4, `kept up with the change: ${sent.length} messages`);
  equal(sent[sent.length - 1].fields.defaultMaxHeight, roundUp(height), 'the last message says the final state');
});

test('a message that could not go (not connected) goes with the next chance; reset says it all again', () => {
  const clock = fakeClock();
  let connected = false;
  const sent = [];
  const sender = new ConstraintsSender((fields) => connected && sent.push(fields) > 0, () => ({ tiles: [tile(1)] }), clock);
  sender.changed();
  clock.advance(300);
  equal(sent.length, 0);
  connected = true;
  sender.changed();
  clock.advance(300);
  equal(sent.length, 1);
  sender.reset();
  clock.advance(300);
  equal(sent.length, 2, 'after a reconnect the server hears the constraints again');
});
