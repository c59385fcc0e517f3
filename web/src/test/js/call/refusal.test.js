import { test, equal } from './harness.js';
import { refusalEnding } from '/static/call/refusal.js';

test('a refusal before the call reads "You could not join", with the server\'s reason as a sentence', () => {
  const ending = refusalEnding('preview', 'this appliance is being taken out of service; try again');
  equal(ending.title, 'You could not join the call');
  equal(ending.reason, 'This appliance is being taken out of service; try again.');
});

test('during the call it could not go on; a reason that ends a sentence gets no second full stop', () => {
  const ending = refusalEnding('call', '  the room is closed.  ');
  equal(ending.title, 'The call could not go on');
  equal(ending.reason, 'The room is closed.');
});
