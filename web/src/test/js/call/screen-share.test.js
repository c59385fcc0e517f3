import { test, equal, ok } from './harness.js';
import { screenParameters, ScreenShareChoice, applyScreenProfile } from '/static/call/screen-share.js';

test('detail keeps every pixel at 5 frames a second; motion keeps the frame rate', () => {
  const detail = screenParameters({ encodings: [{ active: true, scaleResolutionDownBy: 2 }] }, 'detail');
  equal(detail.encodings, [{ active: true, scaleResolutionDownBy: 1, maxFramerate: 5, maxBitrate: 2500000 }]);
  equal(detail.degradationPreference, 'maintain-resolution');
  const motion = screenParameters({ encodings: [{ active: true, maxBitrate: 2500000, scaleResolutionDownBy: 1 }] }, 'motion');
  equal(motion.encodings, [{ active: true, maxFramerate: 30 }]);
  equal(motion.degradationPreference, 'maintain-framerate');
  equal(screenParameters({}, 'unknown').degradationPreference, 'maintain-resolution', 'detail unless told');
});

test('a real screen sender takes the detail profile', async () => {
  const pc = new RTCPeerConnection();
  const canvas = document.createElement('canvas');
  canvas.width = 1920;
  canvas.height = 1080;
  canvas.getContext('2d').fillRect(0, 0, 10, 10);
  const track = canvas.captureStream(5).getVideoTracks()[0];
  const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  await applyScreenProfile(transceiver.sender, track, 'detail');
  const encoding = transceiver.sender.getParameters().encodings[0];
  equal([encoding.maxFramerate, encoding.maxBitrate, encoding.scaleResolutionDownBy], [5, 2500000, 1]);
  equal(track.contentHint, 'detail');
  track.stop();
  pc.close();
});

function choiceDialog() {
  const template = document.getElementById('screen-choice-template');
  const dialog = template.content.firstElementChild.cloneNode(true);
  document.body.append(dialog);
  return dialog;
}

test('the presenter chooses detail by default, motion when picked, nothing when cancelled', async () => {
  const dialog = choiceDialog();
  const choice = new ScreenShareChoice(dialog);
  let asked = choice.ask();
  ok(dialog.open, 'the dialog is shown');
  ok(document.activeElement && dialog.contains(document.activeElement), 'focus moved into the dialog');
  dialog.querySelector('button[value=share]').click();
  equal(await asked, 'detail');

  asked = choice.ask();
  dialog.querySelector('input[value=motion]').click();
  dialog.querySelector('button[value=share]').click();
  equal(await asked, 'motion');

  asked = choice.ask();
  dialog.querySelector('button[value=cancel]').click();
  equal(await asked, null);
  dialog.remove();
});
