// Camera and microphone: opening the chosen device, listing the others, explaining failures
// in words a clinician or a patient can act on, and a microphone level for the preview.

const CAMERA = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/** Opens one device of `kind` ('audio' or 'video'); resolves to a track or throws a DeviceProblem. */
export async function openDevice(kind, deviceId) {
  const constraints = kind === 'video'
    ? { video: { ...CAMERA, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } }
    : { audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true,
                 ...(deviceId ? { deviceId: { exact: deviceId } } : {}) } };
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return stream.getTracks()[0];
  } catch (failure) {
    throw new DeviceProblem(kind, failure);
  }
}

/** The cameras and microphones the browser lists (labels appear once one device is allowed). */
export async function listDevices() {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return {
    video: devices.filter((d) => d.kind === 'videoinput'),
    audio: devices.filter((d) => d.kind === 'audioinput'),
  };
}

export class DeviceProblem extends Error {
  constructor(kind, cause) {
    const device = kind === 'video' ? 'camera' : 'microphone';
    let message;
    switch (cause && cause.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        message = `The browser did not allow the ${device}. Allow it in the address bar or the browser's settings, then reload.`;
        break;
      case 'NotFoundError':
      case 'OverconstrainedError':
        message = `No ${device} was found. You can still join; the others will not ${kind === 'video' ? 'see' : 'hear'} you.`;
        break;
      case 'NotReadableError':
      case 'AbortError':
        message = `The ${device} is in use by another program or could not start. Close that program, or choose another ${device}.`;
        break;
      default:
        message = `The ${device} could not start.`;
    }
    super(message);
    this.kind = kind;
  }
}

/** Calls `show(level)` about ten times a second with the track's loudness (0..1) until stopped. */
export function watchLevel(track, show) {
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  if (!track || !AudioContextClass) {
    return () => {};
  }
  const context = new AudioContextClass();
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) {
      sum += sample * sample;
    }
    show(Math.min(1, Math.sqrt(sum / samples.length) * 4));
  }, 100);
  return () => {
    clearInterval(timer);
    context.close();
  };
}
