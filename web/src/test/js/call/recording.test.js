import { test, equal, ok } from './harness.js';
import { Recording, TEXT, badgeFor, countLine } from '/static/call/recording.js';

const NOTICE = { version: 1, text: 'This visit is being recorded <b>for the record</b>.\nAsk us anything.' };
const tick = () => new Promise((resolve) => { setTimeout(resolve, 0); }); // a dialog's close event comes as a task
const started = (you, extra = {}) => ({ type: 'recording', active: true, startedBy: 'Dr Alice Adams',
  since: '2026-12-07T16:00:00Z', notice: NOTICE, you, ...extra });

/** The recording's markup of the call page (client.xhtml, through CallScriptsTest), and a Recording on it. */
function page(allowed = true) {
  const box = document.createElement('div');
  box.append(document.getElementById('recording-template').content.cloneNode(true));
  const before = document.createElement('button');
  before.id = 'focused-before';
  before.textContent = 'Mute';
  box.prepend(before);
  document.body.append(box);
  const $ = (id) => box.querySelector(`#${id}`);
  const sent = [];
  const announced = [];
  const recording = new Recording({ button: $('record-button'), indicator: $('recording-indicator'),
    count: $('recording-count'), self: $('recording-self'), change: $('recording-change'),
    stopped: $('recording-stopped'), dialog: $('recording-consent') },
  { send: (type, fields) => sent.push({ type, ...fields }), announce: (text) => announced.push(text) });
  recording.joined({ recordingAllowed: allowed, recording: null }, 'me');
  return { box, $, sent, announced, recording, remove: () => { recording.reset(); box.remove(); } };
}

test('badges and the count say who is recorded, of the people in the call', () => {
  equal(badgeFor({ recording: 'recorded' }), { state: 'recorded', text: 'Recorded' });
  equal(badgeFor({ recording: 'not-recorded' }).text, 'Not recorded');
  equal(badgeFor({ recording: 'asked' }).text, 'Asked');
  equal(badgeFor({}), null, 'nothing recorded: no badge');
  equal(countLine([{ recording: 'recorded' }, { recording: 'recorded' }, { recording: 'not-recorded' }]), '2 of 3 recorded');
  equal(countLine([{ recording: 'asked' }, { recording: 'asked' }]), '0 of 2 recorded');
  equal(countLine([{ id: 'a' }]), '0 of 1 recorded', 'before the list says');
});

test('the host records and stops with one toggle; others have no button', () => {
  const host = page(true);
  const button = host.$('record-button');
  equal([button.hidden, button.textContent, button.getAttribute('aria-pressed')], [false, 'Record', 'false']);
  button.click();
  equal(host.sent, [{ type: 'record', active: true }]);
  host.recording.update(started('consented'));
  equal([button.textContent, button.getAttribute('aria-pressed')], ['Stop recording', 'true']);
  button.click();
  equal(host.sent[1], { type: 'record', active: false }, 'stopping asks nothing');
  host.recording.update({ type: 'recording', active: false });
  equal([button.textContent, button.getAttribute('aria-pressed')], ['Record', 'false']);
  equal(host.announced.at(-1), TEXT.stopped);
  host.remove();
  const guest = page(false);
  equal(guest.$('record-button').hidden, true);
  guest.remove();
});

test('asked: a modal dialog says who started it and the notice as text; Escape is no answer', async () => {
  const p = page(false);
  p.$('focused-before').focus();
  p.recording.update(started('asked'));
  const dialog = p.$('recording-consent');
  ok(dialog.open && dialog.matches(':modal'), 'a modal dialog');
  equal(document.activeElement, p.$('recording-consent-title'), 'the title first: neither answer is preselected');
  equal(p.$('recording-consent-title').textContent, TEXT.dialogTitle);
  ok(p.$('recording-consent-started').textContent.startsWith('Dr Alice Adams started recording at '));
  equal(p.$('recording-consent-notice').textContent, NOTICE.text);
  equal(p.$('recording-consent-notice').querySelector('b'), null, 'never markup');
  equal([p.$('recording-consent-yes').textContent, p.$('recording-consent-no').textContent], ['Record me', 'Do not record me']);
  ok(p.announced.at(-1).startsWith('Recording started by Dr Alice Adams'));
  equal(p.$('recording-indicator').hidden, false);
  equal(p.$('recording-self').textContent, TEXT.selfAsked);

  const escape = new Event('cancel', { cancelable: true });
  dialog.dispatchEvent(escape);
  ok(escape.defaultPrevented, 'Escape does not close it');
  dialog.close(); // as a browser may on a second Escape: asked again
  await tick();
  ok(dialog.open, 'open again');
  equal(p.sent, [], 'no answer sent');

  p.$('recording-consent-no').click();
  equal(p.sent, [{ type: 'recording-consent', consent: false, version: 1 }]);
  ok(!dialog.open);
  await tick();
  equal(document.activeElement, p.$('focused-before'), 'the focus back where it was');
  equal(p.$('recording-self').textContent, TEXT.selfNotRecorded);
  equal([p.$('recording-change').hidden, p.$('recording-change').textContent], [false, 'Record me']);
  p.remove();
});

test('the indicator counts, and one changes one\'s answer either way', () => {
  const p = page(false);
  p.recording.update(started('asked'));
  p.$('recording-consent-yes').click();
  equal(p.sent[0], { type: 'recording-consent', consent: true, version: 1 });
  p.recording.participantsChanged([{ id: 'me', recording: 'recorded' }, { id: 'b', recording: 'recorded' },
    { id: 'c', recording: 'not-recorded' }], 'me');
  equal(p.$('recording-count').textContent, '2 of 3 recorded');
  equal(p.$('recording-self').textContent, TEXT.selfRecorded);
  equal(p.$('recording-change').textContent, 'Stop recording me');
  p.$('recording-change').click();
  equal(p.sent[1], { type: 'recording-consent', consent: false, version: 1 });
  equal(p.announced.at(-1), TEXT.nowNotRecorded);
  p.recording.participantsChanged([{ id: 'me', recording: 'not-recorded' }, { id: 'b', recording: 'recorded' },
    { id: 'c', recording: 'not-recorded' }], 'me');
  equal(p.$('recording-count').textContent, '1 of 3 recorded');
  equal(p.$('recording-change').textContent, 'Record me');
  ok(!p.$('recording-consent').open, 'the list does not ask again');
  p.remove();
});

test('consented but connected through another appliance: said as it is, and never "Record me" again', () => {
  const p = page(false);
  p.recording.update(started('asked'));
  p.$('recording-consent-yes').click();
  p.recording.participantsChanged([{ id: 'me', recording: 'unavailable' }, { id: 'b', recording: 'recorded' }], 'me');
  equal(p.$('recording-count').textContent, '1 of 2 recorded');
  equal(p.$('recording-self').textContent, TEXT.selfUnavailable);
  equal(p.$('recording-change').textContent, 'Stop recording me', 'consent can still be taken back');
  equal(badgeFor({ recording: 'unavailable' }).text, 'Agreed, not recorded');
  p.remove();
});

test('a stale notice: the dialog comes back with the new text and says it changed', () => {
  const p = page(false);
  p.recording.update(started('asked'));
  p.$('recording-consent-yes').click();
  p.recording.update(started('asked', { notice: { version: 2, text: 'The new notice.' } })); // the server resends it first
  p.recording.refused('stale-notice');
  ok(p.$('recording-consent').open);
  equal(p.$('recording-consent-notice').textContent, 'The new notice.');
  equal(p.$('recording-consent').querySelector('.consent-changed').hidden, false);
  p.$('recording-consent-yes').click();
  equal(p.sent.at(-1), { type: 'recording-consent', consent: true, version: 2 });
  p.remove();
});

test('stopped for a reason: a notice says why, the indicator goes, an open dialog closes', () => {
  const p = page(false);
  p.recording.update(started('asked'));
  const reason = 'The recording stopped: the appliance\'s recording storage is full.';
  p.recording.update({ type: 'recording', active: false, reason });
  ok(!p.$('recording-consent').open);
  equal(p.$('recording-indicator').hidden, true);
  equal([p.$('recording-stopped').hidden, p.$('recording-stopped').querySelector('p').textContent], [false, reason]);
  equal(p.announced.at(-1), reason);
  p.$('recording-stopped-dismiss').click();
  equal(p.$('recording-stopped').hidden, true);
  p.remove();
});

test('someone entering while it runs is asked (the `recording` message after `joined`)', () => {
  const p = page(false);
  p.recording.joined({ recordingAllowed: false }, 'me');
  p.recording.participantsChanged([{ id: 'me', recording: 'asked' }, { id: 'b', recording: 'recorded' }], 'me');
  p.recording.update(started('asked'));
  ok(p.$('recording-consent').open);
  equal(p.$('recording-indicator').hidden, false);
  equal(p.$('recording-count').textContent, '1 of 2 recorded');
  p.remove();
});

test('back after a drop: the same recording is not announced again; a list without it means it stopped', () => {
  const p = page(false);
  p.recording.update(started('consented'));
  const announced = p.announced.length;
  p.recording.joined({ recordingAllowed: false }, 'me');
  p.recording.participantsChanged([{ id: 'me', recording: 'recorded' }], 'me');
  p.recording.update(started('consented'));
  equal(p.announced.length, announced, 'nothing new to say');
  equal(p.$('recording-indicator').hidden, false);
  p.recording.participantsChanged([{ id: 'me' }, { id: 'b' }], 'me');
  equal(p.$('recording-indicator').hidden, true);
  equal(p.announced.at(-1), TEXT.stopped);
  p.remove();
});
