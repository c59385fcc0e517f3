import { test, equal } from './harness.js';
import { coHostChoice, describe, PeoplePanel, peopleInOrder } from '/static/call/people.js';
import { handOrder } from '/static/call/controls.js';

const ana = { id: 'a', name: 'Ana Ortiz', role: 'owner' };
const ben = { id: 'b', name: 'Ben', role: 'staff', audioMuted: true, handRaisedAt: '2026-12-07T10:00:09Z' };
const cal = { id: 'c', name: 'Cal', role: 'guest', videoMuted: true, handRaisedAt: '2026-12-07T10:00:02Z' };
const dee = { id: 'd', name: 'Dee', role: 'guest', reconnecting: true };

test('raised hands first, in the order they went up, then everyone else in the server\'s order', () => {
  equal(peopleInOrder([ana, ben, cal, dee]).map((p) => p.id), ['c', 'b', 'a', 'd']);
  equal(peopleInOrder([ana, dee]).map((p) => p.id), ['a', 'd']);
});

test('each person in words: role, microphone, camera, reconnecting, hand, and a connection only when not good', () => {
  const hands = handOrder([ana, ben, cal, dee]);
  equal(describe(ana, hands, { level: 'good' }), 'owner');
  equal(describe(ben, hands, { level: 'poor' }), 'staff, microphone off, hand raised (2nd), poor connection');
  equal(describe(cal, hands), 'guest, camera off, hand raised (1st)');
  equal(describe(dee, hands), 'guest, reconnecting');
});

test('the panel: the count, oneself marked, hands first, connections from the quality readings', () => {
  const list = document.createElement('ol');
  const count = document.createElement('span');
  const panel = new PeoplePanel(list, count);
  panel.update([ana, ben, cal, dee], 'a');
  equal(count.textContent, '(4)');
  equal([...list.children].map((li) => li.dataset.participant), ['c', 'b', 'a', 'd']);
  equal(list.querySelector('[data-participant=a] .person-name').textContent, 'Ana Ortiz (you)');
  equal(list.querySelector('[data-participant=c]').classList.contains('hand-up'), true);
  panel.connectionsChanged({ d: { level: 'fair' } });
  equal(list.querySelector('[data-participant=d] .person-facts').textContent, 'guest, reconnecting, fair connection');
});

test('only the owner gets co-host buttons, for staff (make) and hosts (remove), never for guests or themselves', () => {
  const host = { id: 'h', name: 'Hal', role: 'host' };
  equal(coHostChoice(ana, ben), 'make');
  equal(coHostChoice(ana, host), 'remove');
  equal(coHostChoice(ana, cal), null);
  equal(coHostChoice(ana, ana), null);
  equal(coHostChoice(host, ben), null, 'a host does not name hosts');
  equal(coHostChoice(null, ben), null);
  const list = document.createElement('ol');
  const named = [];
  const panel = new PeoplePanel(list, document.createElement('span'),
    { me: () => ana, send: (type, m) => named.push(`${m.participant} ${m.host}`) });
  panel.update([ana, ben, cal, host], 'a');
  equal([...list.querySelectorAll('.person-cohost')].map((b) => b.getAttribute('aria-label')),
    ['Make co-host: Ben', 'Remove co-host: Hal']);
  list.querySelector('[data-participant=b] .person-cohost').click();
  equal(named, ['b true']);
});
