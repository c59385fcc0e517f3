import { test, equal, ok } from './harness.js';
import { stintSummary, visitSummary } from '/static/visits.js';

const stint = (name, role, joinedAt, leftAt = null, modalityChanges = []) =>
  ({ displayName: name, role, joinedAt, leftAt, modalityChanges });

test('a visit in words: ended with its length, open while someone is in it or nobody has been since, audio only at times', () => {
  const ended = { startedAt: '2026-12-07T10:00:00Z', endedAt: '2026-12-07T10:29:10Z', durationSeconds: 1750,
    participants: [stint('Ana Ortiz', 'owner', '2026-12-07T10:00:00Z', '2026-12-07T10:29:10Z')] };
  ok(visitSummary(ended).endsWith(', 29:10 long, video'), visitSummary(ended));
  const going = { ...ended, endedAt: null, durationSeconds: null,
    participants: [stint('Ana Ortiz', 'owner', '2026-12-07T10:00:00Z')] };
  ok(visitSummary(going).endsWith(', going on, video'), visitSummary(going));
  const empty = { ...going, participants: [stint('Ana Ortiz', 'owner', '2026-12-07T10:00:00Z', '2026-12-07T10:31:00Z')] };
  ok(/, open, nobody in it since .+, video$/.test(visitSummary(empty)), visitSummary(empty));
  const audio = { ...ended, participants: [stint('Maria', 'guest', '2026-12-07T10:00:00Z', '2026-12-07T10:20:00Z',
    [{ at: '2026-12-07T10:05:00Z', modality: 'audio-only' }])] };
  ok(visitSummary(audio).endsWith('audio only at times'), visitSummary(audio));
});

test('a stint in words: name, role, from when to when (or now)', () => {
  ok(/^Maria González \(guest\), .+ to .+$/.test(stintSummary(stint('Maria González', 'guest', '2026-12-07T10:03:00Z',
    '2026-12-07T10:30:00Z'))));
  ok(stintSummary(stint('Ana Ortiz', 'owner', '2026-12-07T10:03:00Z')).endsWith(' to now'));
  equal(stintSummary(stint('X', 'custom', '2026-12-07T10:03:00Z')).startsWith('X (custom)'), true);
});
