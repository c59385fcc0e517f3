import { run } from './harness.js';
import './constraints.test.js';
import './allocation-view.test.js';
import './publish-layers.test.js';
import './screen-share.test.js';
import './adaptive-media.test.js';
import './reconnect.test.js';
import './lobby-return.test.js';
import './path-watchdog.test.js';
import './signaling.test.js';
import './refusal.test.js';
import './recording-timeline.test.js';
import './recording.test.js';
import './recording-chat.test.js';
import './layout.test.js';
import './controls.test.js';
import './ending.test.js';

run().then((results) => { window.callScriptResults = results; });
