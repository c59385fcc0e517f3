import { test, equal, ok } from './harness.js';
import { Tiles } from '/static/call/tiles.js';
import { AdaptiveMedia } from '/static/call/adaptive-media.js';

async function until(condition, what, ms = 5000) {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`waited ${ms} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('what a real layout shows: tiles below the fold are not shown, the speaker goes on stage, scrolling follows', async () => {
  const stage = document.createElement('div');
  stage.className = 'stage';
  const banner = document.createElement('p');
  const screens = document.createElement('section');
  screens.hidden = true;
  const list = document.createElement('ul');
  list.className = 'tiles';
  list.style.width = '1000px'; // CSSOM, which the policy allows (no style attribute in markup)
  stage.append(banner, screens, list);
  document.body.append(stage);
  const tiles = new Tiles(list, screens, { selfId: () => 'p0', isHost: () => false, askToMute() {}, remove() {} });
  const people = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}`, role: 'staff',
    audioMuted: false, videoMuted: i === 5, screenSharing: false }));
  tiles.update(people);
  tiles.setSources(people.slice(1).map((p, i) => ({ mid: String(i), kind: 'video', participant: p.id, ssrc: 100 + i,
    name: `${p.id}/cam`, track: null })));
  const sent = [];
  const adaptive = new AdaptiveMedia({ tiles, list, screens, banner, peer: () => null,
    send: (type, fields) => sent.push({ type, fields }) > 0 });
  window.scrollTo(0, 0);
  adaptive.start();
  try {
    const tileHeight = list.children[1].querySelector('.tile-media').getBoundingClientRect().height;
    const inView = [...list.children].filter((tile) => tile.getBoundingClientRect().top < innerHeight
      && tile.getBoundingClientRect().bottom > 0 && tile.dataset.participant !== 'p0' && tile.dataset.participant !== 'p5');
    ok(inView.length > 0 && inView.length < 39, `some tiles in view, not all: ${inView.length}`);
    // the first message may go before the observer's first report: the one after it counts the tiles in view
    await until(() => sent.length > 0 && sent[sent.length - 1].fields.lastN === inView.length, 'the videos in view as last-N');
    const last = sent[sent.length - 1];
    equal(last.type, 'receiver-constraints');
    equal(last.fields.defaultMaxHeight, tileHeight <= 180 ? 180 : 360);
    equal(last.fields.maxHeights['p5/cam'], 0, 'camera off: not asked for');
    equal(last.fields.maxHeights['p39/cam'], 0, 'below the fold');
    ok(!('p1/cam' in last.fields.maxHeights), 'in view: the tile height');

    tiles.setSpeaker('p2');
    adaptive.changed();
    await until(() => sent[sent.length - 1].fields.onStage.length === 1, 'the speaker on stage');
    equal(sent[sent.length - 1].fields.onStage, ['p2/cam']);

    window.scrollTo(0, document.documentElement.scrollHeight);
    await until(() => sent[sent.length - 1].fields.maxHeights['p1/cam'] === 0, 'the top row scrolled out of view');
    ok(!('p39/cam' in sent[sent.length - 1].fields.maxHeights), 'the last row now in view');
    equal(sent[sent.length - 1].fields.onStage, [], 'the speaker scrolled away is no longer on stage');
    for (let i = 0; i < 20; i++) {
      window.scrollTo(0, (i % 2) * document.documentElement.scrollHeight);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const before = sent.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    ok(sent.length - before <= 3, `scrolling back and forth for 0.6 s: ${sent.length - before} messages`);
  } finally {
    adaptive.stop();
    stage.remove();
    window.scrollTo(0, 0);
  }
});
