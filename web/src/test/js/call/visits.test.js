import { test, equal, ok } from './harness.js';
import { stintRecords, stintSummary, visitSummary } from '/static/visits.js';

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

test('a guest\'s stint says what REQUIREMENTS D5 recorded: the consent agreed to and each identity check', () => {
  const maria = { ...stint('Maria', 'guest', '2026-12-07T10:03:00Z'),
    consentToTreat: { version: 2, sha256: 'a'.repeat(64), acknowledgedAt: '2026-12-07T10:02:00Z' },
    identityChecks: [{ method: 'photo-id', confirmedBy: 'aortiz', at: '2026-12-07T10:05:00Z' },
      { method: 'two-identifiers', confirmedBy: 'bokafor', at: '2026-12-07T10:06:00Z' }] };
  const records = stintRecords(maria);
  equal(records.length, 3);
  ok(/^agreed to the consent to treat \(version 2\) at .+$/.test(records[0]), records[0]);
  ok(/^identity confirmed by aortiz \(photo ID\) at .+$/.test(records[1]), records[1]);
  ok(records[2].startsWith('identity confirmed by bokafor (two identifiers)'), records[2]);
  equal(stintRecords(stint('Ana Ortiz', 'owner', '2026-12-07T10:00:00Z')), [], 'nothing of the kind for staff');
});
