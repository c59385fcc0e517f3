import { test, equal, ok } from './harness.js';
import { decideStage, Layout, STAGE, TILES } from '/static/call/layout.js';

const people = ['me', 'ana', 'ben', 'cal'];

test('tile view: nobody on the stage, no filmstrip; a pin puts that person on the stage anyway', () => {
  equal(decideStage({ mode: TILES, participants: people, selfId: 'me', lastSpeaker: 'ben' }), { stage: null, filmstrip: false });
  equal(decideStage({ mode: TILES, pinned: 'cal', participants: people, selfId: 'me' }), { stage: 'cal', filmstrip: true });
});

test('stage view: the pinned person, else a shared screen, else the last speaker, else the first other person', () => {
  const base = { mode: STAGE, participants: people, selfId: 'me' };
  equal(decideStage({ ...base, pinned: 'cal', lastSpeaker: 'ben', screenShown: true }).stage, 'cal');
  equal(decideStage({ ...base, lastSpeaker: 'ben', screenShown: true }), { stage: null, filmstrip: true });
  equal(decideStage({ ...base, lastSpeaker: 'ben' }).stage, 'ben');
  equal(decideStage(base).stage, 'ana');
});

test('oneself never takes the stage; a pin or speaker who left does not count; alone there is no stage', () => {
  const base = { mode: STAGE, participants: people, selfId: 'me' };
  equal(decideStage({ ...base, pinned: 'me' }).stage, 'ana');
  equal(decideStage({ ...base, lastSpeaker: 'me' }).stage, 'ana');
  equal(decideStage({ ...base, pinned: 'gone', lastSpeaker: 'gone' }).stage, 'ana');
  equal(decideStage({ mode: STAGE, participants: ['me'], selfId: 'me' }), { stage: null, filmstrip: false });
});

function view(ids = ['me', 'ana', 'ben']) {
  const list = document.createElement('ul');
  for (const id of ids) {
    const tile = document.createElement('li');
    tile.dataset.participant = id;
    const media = document.createElement('div');
    media.className = 'tile-media';
    const label = document.createElement('p');
    label.className = 'tile-label';
    tile.append(media, label);
    list.append(tile);
  }
  const screens = document.createElement('section');
  screens.hidden = true;
  const toggle = document.createElement('button');
  const said = [];
  let changes = 0;
  const kept = new Map();
  const storage = { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => kept.set(k, v) };
  const layout = new Layout({ list, screens, toggle }, {
    selfId: () => 'me', nameOf: (id) => id.toUpperCase(), announce: (text) => said.push(text), changed: () => changes++,
  }, storage);
  layout.refresh();
  return { list, screens, toggle, layout, said, changes: () => changes, storage };
}

const onStage = (list) => [...list.children].filter((t) => t.classList.contains('on-stage')).map((t) => t.dataset.participant);

test('the view: pin buttons on others\' tiles only, pressed when pinned; the stage a class; each change said and sent', () => {
  const { list, toggle, layout, said, changes } = view();
  equal(list.querySelector('[data-participant=me] .tile-view').childElementCount, 0, 'no pin on one\'s own tile');
  const pin = list.querySelector('[data-participant=ben] .pin');
  equal(pin.getAttribute('aria-label'), 'Pin to the stage: BEN');
  equal(pin.getAttribute('aria-pressed'), 'false');
  equal(toggle.getAttribute('aria-pressed'), 'false');
  const before = changes();
  pin.click();
  equal(onStage(list), ['ben']);
  ok(list.classList.contains('filmstrip'), 'the others in a filmstrip');
  equal(pin.getAttribute('aria-pressed'), 'true');
  equal(layout.stageParticipant(), 'ben');
  ok(changes() > before, 'the constraints told');
  equal(said.at(-1), 'BEN pinned to the stage.');
  pin.click();
  equal(onStage(list), []);
  ok(!list.classList.contains('filmstrip'), 'back to tiles');
  equal(said.at(-1), 'BEN unpinned.');
});

test('stage view follows the speaker (never oneself), is kept for a reload, and a pinned person who leaves is unpinned', () => {
  const { list, toggle, layout, storage } = view();
  toggle.click();
  equal(toggle.getAttribute('aria-pressed'), 'true');
  equal(onStage(list), ['ana']);
  layout.setSpeaker('ben');
  equal(onStage(list), ['ben']);
  layout.setSpeaker('me');
  layout.setSpeaker(null);
  equal(onStage(list), ['ben'], 'the last other speaker stays');
  equal(storage.getItem('consilium.call.layout'), STAGE);
  equal(new Layout({ list, screens: document.createElement('section'), toggle: document.createElement('button') },
    { selfId: () => 'me', nameOf: String, announce() {}, changed() {} }, storage).mode, STAGE, 'after a reload');
  layout.pin('ana');
  list.querySelector('[data-participant=ana]').remove();
  layout.refresh();
  equal(layout.pinned, null);
  equal(onStage(list), ['ben']);
});

test('a shared screen is the stage in stage view: the tiles a filmstrip, no camera large', () => {
  const { list, screens, toggle, layout } = view();
  toggle.click();
  const figure = document.createElement('figure');
  figure.dataset.participant = 'ana';
  figure.append(document.createElement('video'));
  screens.append(figure);
  screens.hidden = false;
  layout.refresh();
  equal(onStage(list), []);
  ok(list.classList.contains('filmstrip'));
  equal(layout.stageParticipant(), null);
});
