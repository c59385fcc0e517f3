// The preview's device lists (camera, microphone): every device the browser names, the one in
// use selected; "No camera found" and a disabled list when there is none.
import { listDevices } from './devices.js';

export async function fillDeviceChoices(cameraSelect, microphoneSelect, camera, microphone) {
  let devices;
  try {
    devices = await listDevices();
  } catch {
    devices = { audio: [], video: [] };
  }
  fillChoice(cameraSelect, devices.video, camera, 'camera');
  fillChoice(microphoneSelect, devices.audio, microphone, 'microphone');
}

function fillChoice(select, devices, track, noun) {
  const current = track ? track.getSettings().deviceId : '';
  select.replaceChildren(...devices.map((device, index) => {
    const option = new Option(device.label || `${noun} ${index + 1}`, device.deviceId);
    option.selected = device.deviceId === current;
    return option;
  }));
  if (devices.length === 0) {
    select.append(new Option(`No ${noun} found`, ''));
  }
  select.disabled = devices.length === 0;
}
