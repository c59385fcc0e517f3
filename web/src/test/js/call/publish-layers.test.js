import { test, equal } from './harness.js';
import { withActiveLayers } from '/static/call/publish-layers.js';
import { CAMERA_ENCODINGS, SIMULCAST_CAMERA } from '/static/call/peer.js';

test('layers are switched by rid; unknown rids and missing values leave an encoding as it is', () => {
  const encodings = [{ rid: 'l', active: true }, { rid: 'm', active: true }, { rid: 'h', active: true }];
  equal(withActiveLayers(encodings, { l: true, m: true, h: false }),
    [{ rid: 'l', active: true }, { rid: 'm', active: true }, { rid: 'h', active: false }]);
  equal(withActiveLayers(encodings, { l: true, m: true, h: true }), null, 'nothing to change');
  equal(withActiveLayers(encodings, { x: false, h: 'no' }), null);
  equal(withActiveLayers(encodings, null), null);
});

test('a screen share has one encoding without rid: the one value given switches it', () => {
  equal(withActiveLayers([{ active: true, maxFramerate: 5 }], { q: false }), [{ active: false, maxFramerate: 5 }]);
  equal(withActiveLayers([{ active: true }], { a: false, b: true }), null, 'two values for one encoding: ambiguous');
});

test('the camera goes out in the contract\'s three layers', () => {
  equal(CAMERA_ENCODINGS, [{ rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150000 },
    { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500000 }, { rid: 'h', maxBitrate: 1500000 }]);
  equal(SIMULCAST_CAMERA, true);
});

test('publish-layers reaches a real sender: Chromium takes active=false on a simulcast camera', async () => {
  const { applyPublishLayers } = await import('/static/call/publish-layers.js');
  const pc = new RTCPeerConnection();
  const canvas = document.createElement('canvas');
  canvas.width = 1280;
  canvas.height = 720;
  canvas.getContext('2d').fillRect(0, 0, 10, 10);
  const track = canvas.captureStream(5).getVideoTracks()[0];
  const transceiver = pc.addTransceiver(track, { direction: 'sendonly', sendEncodings: CAMERA_ENCODINGS.map((e) => ({ ...e })) });
  await pc.setLocalDescription(await pc.createOffer());
  equal(transceiver.mid, '0');
  equal(await applyPublishLayers(pc, { type: 'publish-layers', mid: '0', active: { l: true, m: false, h: false } }), true);
  equal(transceiver.sender.getParameters().encodings.map((e) => [e.rid, e.active]), [['l', true], ['m', false], ['h', false]]);
  equal(await applyPublishLayers(pc, { type: 'publish-layers', mid: '7', active: { l: false } }), false, 'no such section');
  track.stop();
  pc.close();
});
