// signaling.js: giving up a connection that looks open but carries nothing (CallScriptsTest
// runs it; tests.js imports it).
import { test, equal } from './harness.js';
import { Signaling } from '/static/call/signaling.js';

test('abandon: closed at once as a drop, the socket closed, nothing sent on it any more', () => {
  const signaling = new Signaling('ws://127.0.0.1:9/signaling/r1');
  const socket = { readyState: WebSocket.OPEN, closed: 0, sent: [], close() { this.closed++; },
    send(data) { this.sent.push(data); } };
  signaling.socket = socket;
  const closes = [];
  signaling.addEventListener('closed', (event) => closes.push(event.detail));
  signaling.abandon();
  equal(closes, [{ code: 1006, reason: 'no answer' }]);
  equal(socket.closed, 1);
  equal(signaling.open, false);
  equal(signaling.send('offer', { sdp: 'v=0' }), false, 'not sent into the dead connection');
  equal(socket.sent, []);
  signaling.abandon();
  equal(closes.length, 1, 'nothing left to abandon');
});
