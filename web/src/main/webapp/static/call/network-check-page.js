// The pre-join page's network check (network-check.js), a module of its own beside main.js: the
// check runs while the person looks at their camera, and joining never waits for it. A reload
// during the call goes straight back to its place (main.js rejoin): no preview, so no check.
import { installNetworkCheck } from './network-check.js';
import { ResumeClaim } from './reconnect.js';

const root = document.getElementById('call-client');
if (root && !new ResumeClaim(root.dataset.room).current()) {
  installNetworkCheck(document);
}
