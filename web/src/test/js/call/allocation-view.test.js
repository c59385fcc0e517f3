import { test, equal, ok } from './harness.js';
import { AllocationView, audioOnly, noticeFor, TEXT } from '/static/call/allocation-view.js';

test('each reason has its words; forwarded, not shown and no signal have none', () => {
  equal(noticeFor({ state: 'paused', reason: 'bandwidth' }), 'Video paused: weak connection');
  equal(noticeFor({ state: 'paused', reason: 'last-n' }), 'Not shown to save bandwidth');
  equal(noticeFor({ state: 'paused', reason: 'not-shown' }), null);
  equal(noticeFor({ state: 'paused', reason: 'no-signal' }), null);
  equal(noticeFor({ state: 'forwarded', height: 360 }), null);
  equal(noticeFor(undefined), null);
});

test('audio only when nothing comes and something is paused for bandwidth', () => {
  equal(audioOnly({ sources: { 'a/1': { state: 'paused', reason: 'bandwidth' }, 'b/1': { state: 'paused', reason: 'last-n' } } }), true);
  equal(audioOnly({ sources: { 'a/1': { state: 'paused', reason: 'bandwidth' }, 'b/1': { state: 'forwarded', height: 180 } } }), false);
  equal(audioOnly({ sources: { 'a/1': { state: 'paused', reason: 'last-n' } } }), false);
  equal(audioOnly({ sources: {} }), false);
  equal(audioOnly(null), false);
});

function callView() {
  const stage = document.createElement('div');
  stage.className = 'stage';
  const banner = document.createElement('p');
  banner.className = 'media-banner';
  banner.setAttribute('role', 'status');
  const list = document.createElement('ul');
  list.className = 'tiles';
  for (const id of ['ana', 'ben', 'cal']) {
    const tile = document.createElement('li');
    tile.className = 'tile';
    tile.dataset.participant = id;
    const media = document.createElement('div');
    media.className = 'tile-media';
    media.append(document.createElement('video'));
    const label = document.createElement('p');
    label.className = 'tile-label';
    label.textContent = id;
    tile.append(media, label);
    list.append(tile);
  }
  stage.append(banner, list);
  document.body.append(stage);
  return { stage, banner, list, tile: (id) => list.querySelector(`[data-participant=${id}]`) };
}

const sourceOf = (id) => (id === 'cal' ? null : `${id}/cam`);

test('a paused tile says why, read after its name; a forwarded one says nothing; nothing moves', () => {
  const view = callView();
  const allocation = new AllocationView(view.list, view.banner);
  const before = view.list.getBoundingClientRect();
  const ben = view.tile('ben');
  const benBefore = ben.getBoundingClientRect();
  allocation.show({ type: 'media-allocation', sources: { 'ana/cam': { state: 'forwarded', height: 180 },
    'ben/cam': { state: 'paused', reason: 'bandwidth' } } }, sourceOf);
  const notice = ben.querySelector('.tile-notice');
  equal(notice.textContent, TEXT.bandwidth);
  equal(notice.hidden, false);
  equal(ben.getAttribute('aria-describedby'), notice.id);
  ok(ben.classList.contains('video-paused'));
  equal(view.tile('ana').querySelector('.tile-notice').hidden, true);
  equal(view.tile('cal').querySelector('.tile-notice').hidden, true, 'no source received: no notice');
  equal(JSON.stringify(view.list.getBoundingClientRect()), JSON.stringify(before), 'the tiles did not move');
  equal(JSON.stringify(ben.getBoundingClientRect()), JSON.stringify(benBefore), 'the tile kept its size');
  equal(view.banner.classList.contains('shown'), false, 'Ana still comes: no banner');

  allocation.show({ type: 'media-allocation', sources: { 'ana/cam': { state: 'paused', reason: 'last-n' },
    'ben/cam': { state: 'forwarded', height: 360 } } }, sourceOf);
  equal(view.tile('ana').querySelector('.tile-notice').textContent, TEXT['last-n']);
  equal(notice.hidden, true, 'Ben comes again');
  ok(!ben.classList.contains('video-paused'));
  view.stage.remove();
});

test('every video paused for bandwidth: the banner says audio only, politely, over the stage', () => {
  const view = callView();
  const allocation = new AllocationView(view.list, view.banner);
  const before = view.list.getBoundingClientRect();
  allocation.show({ sources: { 'ana/cam': { state: 'paused', reason: 'bandwidth' },
    'ben/cam': { state: 'paused', reason: 'bandwidth' } } }, sourceOf);
  equal(view.banner.textContent, TEXT.audioOnly);
  ok(view.banner.classList.contains('shown'));
  ok(view.banner.getBoundingClientRect().height > 0, 'the banner shows');
  equal(JSON.stringify(view.list.getBoundingClientRect()), JSON.stringify(before), 'the banner lies over the stage');
  allocation.show({ sources: { 'ana/cam': { state: 'forwarded', height: 180 } } }, sourceOf);
  equal(view.banner.textContent, '');
  equal(view.banner.getBoundingClientRect().height, 0);
  view.stage.remove();
});
