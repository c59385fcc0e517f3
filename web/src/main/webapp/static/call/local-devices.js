// The local camera and microphone before and during the call: the preview (both opened,
// what failed said in words, the device lists filled), the microphone's level, the tracks the
// call sends, and switching to another device (in the call through the peer's replaceTrack).
// The tracks live on the call's state, which the peer, screen share and tiles read.

import { openDevice, watchLevel, DeviceProblem } from './devices.js';
import { fillDeviceChoices } from './device-choice.js';

const $ = (id) => document.getElementById(id);

export class LocalDevices {
  /**
   * @param call  the call's state: stream, microphone, camera, audioMuted, videoMuted, phase, peer, stopLevel
   * @param tiles the call's tiles (one's own tile shows the camera)
   */
  constructor(call, tiles) {
    this.call = call;
    this.tiles = tiles;
  }

  /** Opens both devices for the preview; the join button works once that is settled. */
  async preview() {
    const [microphone, camera] = await Promise.allSettled([openDevice('audio'), openDevice('video')]);
    const problems = [];
    if (microphone.status === 'fulfilled') {
      this.useMicrophone(microphone.value);
    } else {
      problems.push(microphone.reason.message);
    }
    if (camera.status === 'fulfilled') {
      this.useCamera(camera.value);
    } else {
      problems.push(camera.reason.message);
    }
    this.showProblem(problems.join(' '));
    await fillDeviceChoices($('camera-select'), $('microphone-select'), this.call.camera, this.call.microphone);
    $('join-button').disabled = false;
  }

  useMicrophone(track) {
    const call = this.call;
    if (call.microphone) {
      call.stream.removeTrack(call.microphone);
      call.microphone.stop();
    }
    call.microphone = track;
    call.stopLevel();
    if (track) {
      track.enabled = !call.audioMuted;
      call.stream.addTrack(track);
      call.stopLevel = watchLevel(track, (level) => { $('microphone-level').value = level; });
    }
  }

  /** The camera sent and shown (null: none; the old one stops, so its light goes off). */
  useCamera(track) {
    const call = this.call;
    if (call.camera) {
      call.stream.removeTrack(call.camera);
      call.camera.stop();
    }
    call.camera = track;
    if (track) {
      call.stream.addTrack(track);
    }
    $('preview-video').srcObject = track ? new MediaStream([track]) : null;
    $('lobby-video').srcObject = track ? new MediaStream([track]) : null;
    $('lobby-video').hidden = !track;
    $('preview-off').hidden = Boolean(track);
    this.tiles.setLocalCamera(track);
  }

  /** Opens the device chosen and uses it (in the call too); resolves to what went wrong, or ''. */
  async switchTo(kind, deviceId) {
    if (kind === 'video') {
      $('camera-select').value = deviceId; // the camera turned on later is this one
      if (this.call.phase === 'call' && this.call.videoMuted) {
        return ''; // off now: nothing to open
      }
    }
    try {
      const track = await openDevice(kind, deviceId);
      if (kind === 'audio') {
        this.useMicrophone(track);
        await this.call.peer?.replaceMicrophone(track);
      } else {
        this.useCamera(track);
        await this.call.peer?.replaceCamera(track);
      }
      return '';
    } catch (problem) {
      return problem instanceof DeviceProblem ? problem.message : String(problem);
    }
  }

  showProblem(text) {
    $('device-problem').textContent = text;
    $('device-problem').hidden = !text;
  }
}
