import { test, equal, ok } from './harness.js';
import { endingFor, lastHostLeaving, CLOSE_THE_PAGE } from '/static/call/ending.js';

test('"Join again" only where it can work: after leaving, a lost connection or a refusal, not after a close, removal or denial', () => {
  equal(['left', 'lost', 'lobby-lost', 'unreachable'].map((kind) => endingFor(kind).rejoin), [true, true, true, true]);
  equal(['closed', 'removed', 'denied'].map((kind) => endingFor(kind).rejoin), [false, false, false]);
  equal(endingFor('refused', 'the room is full', 'preview'),
    { title: 'You could not join the call', reason: 'The room is full.', rejoin: true });
  equal(endingFor('something new').title, 'Connection lost', 'an unknown ending reads as a lost connection');
  ok(CLOSE_THE_PAGE.length > 0);
});

test('the server\'s sentence, when it gave one, over the page\'s own', () => {
  equal(endingFor('closed', 'The visit reached its maximum length.').reason, 'The visit reached its maximum length.');
  equal(endingFor('closed').reason, 'The room was closed.');
});

test('only the last host is asked before leaving, and only while others stay', () => {
  const ana = { id: 'a', role: 'owner' };
  const ben = { id: 'b', role: 'host' };
  const maria = { id: 'm', role: 'guest' };
  const lee = { id: 'l', role: 'staff' };
  equal(lastHostLeaving(ana, [ana, maria]), true);
  equal(lastHostLeaving(ana, [ana, maria, ben]), false, 'another host stays');
  equal(lastHostLeaving(ana, [ana]), false, 'alone');
  equal(lastHostLeaving(lee, [lee, maria]), false, 'not a host');
  equal(lastHostLeaving(null, [maria]), false);
});
