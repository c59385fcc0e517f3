import { test, equal } from './harness.js';
import { colleaguesPanel, offers, roomColleagues, searchProblem } from '/static/colleagues.js';

const room = { id: 'r1', displayName: 'Cardiology 7', owner: 'aortiz', yourRole: 'owner', hosts: ['hal'], colleagues: ['bokafor'] };

test('a search needs 2 to 64 characters, spaces around them not counted', () => {
  equal(searchProblem(' o '), 'Type at least 2 letters of your colleague\'s name.');
  equal(searchProblem('ok'), null);
  equal(searchProblem('x'.repeat(65)), 'Type at most 64 characters.');
});

test('the room\'s co-hosts first, then who was invited; what may be done with someone found', () => {
  equal(roomColleagues(room), [{ username: 'hal', part: 'co-host' }, { username: 'bokafor', part: 'invited' }]);
  equal(offers(room, 'cdiaz'), ['invite', 'co-host']);
  equal(offers(room, 'bokafor'), ['co-host'], 'invited already: the owner may still make them co-host');
  equal(offers(room, 'hal'), [], 'a co-host already');
  equal(offers(room, 'aortiz'), [], 'the owner');
  equal(offers({ ...room, yourRole: 'host' }, 'cdiaz'), ['invite'], 'a host invites; only the owner names co-hosts');
});

test('the panel: search, invite, and the room as the server says it changed', async () => {
  const calls = [];
  const request = async (method, path) => {
    calls.push(`${method} ${path}`);
    if (method === 'GET') {
      return [{ username: 'cdiaz', displayName: 'Carmen Díaz' }];
    }
    return { ...room, colleagues: ['bokafor', 'cdiaz'] };
  };
  const panel = colleaguesPanel(room, request);
  document.body.append(panel);
  panel.open = true;
  const input = panel.querySelector('input[type=search]');
  input.value = 'd';
  panel.querySelector('form').requestSubmit();
  equal(input.getAttribute('aria-invalid'), 'true', 'too short: said, not sent');
  equal(calls, []);
  input.value = 'díaz';
  panel.querySelector('form').requestSubmit();
  await new Promise((resolve) => setTimeout(resolve, 0));
  equal(calls, ['GET /colleagues?q=d%C3%ADaz']);
  const found = panel.querySelector('.colleague-results [data-username=cdiaz]');
  equal(found.querySelector('.colleague-name').textContent, 'Carmen Díaz (cdiaz)');
  found.querySelector('[data-action=invite]').click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  equal(calls[1], 'PUT /rooms/r1/colleagues/cdiaz');
  equal(panel.querySelector('.colleague-status').textContent, 'Carmen Díaz is invited: the room is on their home page.');
  equal([...panel.querySelectorAll('.colleague-results [data-username=cdiaz] button')].map((b) => b.dataset.action),
    ['co-host'], 'invited now: only co-host is left to offer');
  equal([...panel.querySelectorAll('.colleague-list li')].map((li) => li.dataset.username), ['hal', 'bokafor', 'cdiaz']);
  equal([...panel.querySelectorAll('.colleague-list li')].map((li) => [...li.querySelectorAll('button')].map((b) => b.dataset.action).join(' ')),
    ['no-host', 'co-host take-back', 'co-host take-back'], 'the owner: a co-host removed, an invited colleague made co-host or uninvited');
  panel.remove();
});
