import { test, equal, ok } from './harness.js';
import { messages, merged, RecordingChat } from '/static/recording/chat.js';

const line = (offsetMillis, from, text) => JSON.stringify({ offsetMillis, at: '2026-12-07T16:00:00Z', from, text });

test('a chat file\'s lines become messages; the torn last line of an interrupted file is left out', () => {
  const text = `${line(1500, 'Maria', 'It started on Tuesday')}\n${line(9000, 'Maria', '<b>not markup</b>')}\n{"offsetMil`;
  const read = messages(text, { displayName: 'Maria' });
  equal(read.map((m) => [m.offset, m.text]), [[1.5, 'It started on Tuesday'], [9, '<b>not markup</b>']]);
});

test('everyone\'s messages in time order, each sender\'s order kept', () => {
  const ana = messages(`${line(2000, 'Ana', 'a1')}\n${line(5000, 'Ana', 'a2')}\n`, {});
  const maria = messages(`${line(1000, 'Maria', 'm1')}\n${line(5000, 'Maria', 'm2')}\n`, {});
  equal(merged([ana, maria]).map((m) => m.text), ['m1', 'a1', 'a2', 'm2']);
});

test('the chat panel shows text as text, marks what is still to come, and a time seeks the player', async () => {
  document.body.insertAdjacentHTML('beforeend', '<section id="recording-chat" hidden="hidden">'
    + '<p id="recording-chat-status"></p><ol id="recording-chat-log"></ol></section>');
  const files = {
    '/a': `${line(2000, 'Ana', 'a1')}\n`,
    '/m': `${line(1000, 'Maria', '<img src=x onerror=alert(1)>')}\n${line(30000, 'Maria', 'later')}\n`,
  };
  const realFetch = window.fetch;
  window.fetch = async (url) => new Response(files[url], { status: 200 });
  const sought = [];
  const player = { position: () => 10, seekTo: (t) => sought.push(t) };
  try {
    const chat = new RecordingChat([{ url: '/a', complete: true }, { url: '/m', complete: false }], player);
    await chat.show();
    ok(!document.getElementById('recording-chat').hidden, 'shown');
    equal(chat.state().map((m) => [m.text, m.upcoming]),
      [['<img src=x onerror=alert(1)>', false], ['a1', false], ['later', true]]);
    equal(document.querySelectorAll('#recording-chat-log img').length, 0, 'no markup from a message');
    ok(/interrupted/.test(document.getElementById('recording-chat-status').textContent), 'an interrupted file is said');
    document.querySelectorAll('#recording-chat-log .chat-time')[2].click();
    equal(sought, [30]);
  } finally {
    window.fetch = realFetch;
    document.getElementById('recording-chat').remove();
  }
});
