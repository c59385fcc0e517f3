import { test, equal, ok } from './harness.js';
import {
  clock, valueText, stopReason, answer, role, timeline, placeOf, onTimeline, correction, SharedClock, keyAction,
} from '/static/recording/timeline.js';

test('the player says times as m:ss, from an hour on as h:mm:ss; the slider as "12:03 of 25:10"', () => {
  equal([0, 0.9, 5, 59.99, 60, 723, 1510, 3600, 3725, -3, NaN, Infinity].map(clock),
    ['0:00', '0:00', '0:05', '0:59', '1:00', '12:03', '25:10', '1:00:00', '1:02:05', '0:00', '0:00', '0:00']);
  equal(valueText(723.4, 1510), '12:03 of 25:10');
});

test('stop reasons, consent answers and roles in words', () => {
  equal(stopReason('stopped-by-host'), 'A host stopped it.');
  equal(stopReason('storage-full'), 'The recording storage was full.');
  ok(stopReason('interrupted').includes('interrupted'));
  equal(stopReason(null), 'It has not stopped yet.');
  equal(stopReason('something-new'), 'Stopped (something-new).');
  equal([answer('given'), answer('declined'), answer('withdrawn')], ['Consented', 'Declined', 'Withdrew consent']);
  equal([role('owner'), role('guest'), role('participant')], ['Owner', 'Guest', 'Staff']);
});

const recording = {
  startedAt: '2026-12-07T16:00:00Z', stoppedAt: '2026-12-07T16:25:10Z',
  files: [
    { name: '001-a.webm', offsetMillis: 0, startedAt: '2026-12-07T16:00:00Z', stoppedAt: '2026-12-07T16:25:10Z', complete: true },
    { name: '002-b.webm', offsetMillis: 65000, startedAt: '2026-12-07T16:01:05Z', stoppedAt: '2026-12-07T16:11:05Z', complete: false },
  ],
};

test('files on the timeline: offset and length in seconds; the recording as long as its stop says', () => {
  const line = timeline(recording);
  equal(line.length, 1510);
  equal(line.files.map((f) => [f.offset, f.length]), [[0, 1510], [65, 600]]);
  equal(timeline({ ...recording, stoppedAt: null }).length, 1510, 'still running: the last file\'s end');
  equal(timeline({ ...recording, files: [] }).length, 1510);
});

test('a file written on the recording\'s timeline plays at the position itself, from its offset to its end', () => {
  const [, late] = timeline(recording).files;
  equal(placeOf(late, 30, true, NaN), { at: 30, start: 65, inSpan: false, left: 635 });
  equal(placeOf(late, 65, true, NaN).inSpan, true);
  equal(placeOf(late, 100, true, NaN), { at: 100, start: 65, inSpan: true, left: 565 });
  equal(placeOf(late, 665, true, NaN).inSpan, false);
  equal(placeOf(late, 300, true, 265).inSpan, false, 'the browser found it ends earlier (interrupted)');
  equal(placeOf(late, 200, true, 265).inSpan, true);
  equal(placeOf(late, 300, true, Infinity).inSpan, true, 'a duration the browser does not know: the metadata\'s');
  equal(placeOf(late, 300, true, 30).inSpan, true, 'a duration before its start: not believed');
});

test('a file whose times start at 0 plays at (position - offset)', () => {
  const [, late] = timeline(recording).files;
  equal(placeOf(late, 30, false, NaN), { at: -35, start: 0, inSpan: false, left: 635 });
  equal(placeOf(late, 100, false, NaN), { at: 35, start: 0, inSpan: true, left: 565 });
  equal(placeOf(late, 300, false, 200).inSpan, false, 'ends 200 s into the file');
});

test('where the browser puts the first frame says which: near the offset or near 0', () => {
  const [first, late] = timeline(recording).files;
  equal(onTimeline(late, 64.98), true);
  equal(onTimeline(late, 0), false);
  equal(onTimeline(first, 0), false, 'at 0 both ways agree');
});

test('drift: far off seeks, a little off nudges the speed, in step plays at 1', () => {
  equal(correction(10.5, 10), { seek: true, rate: 1 });
  equal(correction(9.7, 10), { seek: true, rate: 1 });
  equal(correction(10.15, 10), { seek: false, rate: 0.9 });
  equal(correction(9.85, 10), { seek: false, rate: 1.1 });
  equal(correction(10.06, 10), { seek: false, rate: 0.97 });
  equal(correction(9.94, 10), { seek: false, rate: 1.03 });
  equal(correction(10.02, 10), { seek: false, rate: 1 });
});

test('the shared clock runs with the wall clock, holds, seeks within the recording', () => {
  let now = 1000;
  const c = new SharedClock(60, () => now);
  equal(c.position(), 0);
  c.run();
  now += 2500;
  equal(c.position(), 2.5);
  c.hold();
  now += 10000;
  equal(c.position(), 2.5);
  c.seek(30);
  c.run();
  now += 1000;
  equal(c.position(), 31);
  c.seek(100);
  equal(c.position(), 60);
  ok(c.atEnd());
  c.seek(-5);
  equal(c.position(), 0);
});

test('keys: Space and K play or pause, arrows 5 s, Home and End the ends', () => {
  equal(keyAction(' ', 10, 60), { toggle: true });
  equal(keyAction('k', 10, 60), { toggle: true });
  equal(keyAction('ArrowLeft', 3, 60), { seek: 0 });
  equal(keyAction('ArrowRight', 10, 60), { seek: 15 });
  equal(keyAction('ArrowRight', 58, 60), { seek: 60 });
  equal(keyAction('Home', 10, 60), { seek: 0 });
  equal(keyAction('End', 10, 60), { seek: 60 });
  equal(keyAction('x', 10, 60), null);
});
