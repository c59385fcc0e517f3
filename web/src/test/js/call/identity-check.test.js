import { test, equal, ok } from './harness.js';
import { identityBadge, mayCheckIdentity } from '/static/call/identity-check.js';
import { PeoplePanel, describe } from '/static/call/people.js';

const ana = { id: 'a', name: 'Ana Ortiz', role: 'owner' };
const hal = { id: 'h', name: 'Hal', role: 'host' };
const ben = { id: 'b', name: 'Ben', role: 'staff' };
const maria = { id: 'm', name: 'Maria', role: 'guest' };

test('only the owner and hosts check identities, and only of guests', () => {
  equal(mayCheckIdentity(ana, maria), true);
  equal(mayCheckIdentity(hal, maria), true);
  equal(mayCheckIdentity(ben, maria), false, 'staff who do not host');
  equal(mayCheckIdentity(maria, maria), false, 'a guest, not even their own');
  equal(mayCheckIdentity(ana, ben), false, 'staff are known by their sign-in');
  equal(mayCheckIdentity(null, maria), false);
});

test('a checked guest shows "ID checked", with the method in the longer words', () => {
  equal(identityBadge(maria), null);
  const checked = { ...maria, identityChecked: 'two-identifiers' };
  equal(identityBadge(checked).text, 'ID checked');
  equal(identityBadge(checked).detail, 'identity checked (two identifiers)');
  equal(describe(checked, new Map(), null), 'guest, identity checked (two identifiers)');
});

test('a host confirms from the People list: the dialog asks how, and sends identity-check', () => {
  const list = document.createElement('ol');
  const sent = [];
  const panel = new PeoplePanel(list, document.createElement('span'),
    { me: () => ana, send: (type, fields) => sent.push({ type, ...fields }) });
  panel.update([ana, ben, maria], 'a');
  const buttons = [...list.querySelectorAll('.person-identity')];
  equal(buttons.map((b) => b.getAttribute('aria-label')), ['Confirm identity: Maria']);
  buttons[0].click();
  const dialog = document.getElementById('identity-dialog');
  ok(dialog && dialog.open, 'the dialog is open');
  equal(dialog.querySelector('h2').textContent, 'Confirm the identity of Maria');
  equal(dialog.querySelectorAll('input[type=radio]:checked').length, 0, 'no method is preselected');
  dialog.querySelector('#identity-method-photo-id').checked = true;
  dialog.querySelector('#identity-confirm').click();
  equal(sent, [{ type: 'identity-check', participant: 'm', method: 'photo-id' }]);
  ok(!dialog.open, 'closed after confirming');
  panel.update([ana, ben, { ...maria, identityChecked: 'photo-id' }], 'a');
  equal(list.querySelector('.person-identity').textContent, 'Check ID again');
  dialog.remove();

  const guestList = document.createElement('ol');
  new PeoplePanel(guestList, document.createElement('span'), { me: () => maria, send: () => {} })
    .update([ana, maria], 'm');
  equal(guestList.querySelectorAll('.person-identity').length, 0, 'a guest gets no such button');
});
