// The pre-join page's network check (network-check.js), a module of its own beside main.js: the
// check runs while the person looks at their camera, and joining never waits for it.
import { installNetworkCheck } from './network-check.js';

installNetworkCheck(document);
