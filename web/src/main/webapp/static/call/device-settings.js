// Switching camera, microphone and speaker during the call (a headset plugged in, a cart's
// better camera): a dialog with the lists the preview has, each change applied at once. The
// speaker list appears where the browser can route sound (setSinkId); elsewhere the dialog says
// sound goes to the system's default output.

import { fillDeviceChoices } from './device-choice.js';

const SINKS_SUPPORTED = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export class DeviceSettings {
  /**
   * @param dialog  the <dialog> (camera, microphone and speaker lists, a problem box, Close)
   * @param opener  the "Devices" button
   * @param actions { tracks() → { camera, microphone }, use(kind, deviceId) → Promise<string> (a problem, or ''),
   *                  sinks() → the <audio> elements playing the call }
   */
  constructor(dialog, opener, actions) {
    this.dialog = dialog;
    this.actions = actions;
    this.speaker = '';
    this.camera = dialog.querySelector('.camera-choice');
    this.microphone = dialog.querySelector('.microphone-choice');
    this.speakers = dialog.querySelector('.speaker-choice');
    this.problem = dialog.querySelector('.devices-problem');
    opener.addEventListener('click', () => this.open());
    dialog.querySelector('.devices-close').addEventListener('click', () => dialog.close());
    this.camera.addEventListener('change', () => this.#use('video', this.camera.value));
    this.microphone.addEventListener('change', () => this.#use('audio', this.microphone.value));
    this.speakers.addEventListener('change', () => this.#route(this.speakers.value));
  }

  async open() {
    const { camera, microphone } = this.actions.tracks();
    this.#say('');
    await fillDeviceChoices(this.camera, this.microphone, camera, microphone);
    await this.#fillSpeakers();
    this.dialog.showModal();
  }

  /** A new <audio> of the call plays through the speaker chosen, if one was. */
  playThrough(audio) {
    if (this.speaker && SINKS_SUPPORTED) {
      audio.setSinkId(this.speaker).catch(() => {});
    }
  }

  async #use(kind, deviceId) {
    this.#say(await this.actions.use(kind, deviceId));
  }

  async #route(deviceId) {
    this.speaker = deviceId;
    try {
      await Promise.all(this.actions.sinks().map((audio) => audio.setSinkId(deviceId)));
      this.#say('');
    } catch (failure) {
      this.#say(`The sound could not be sent to that speaker: ${failure.message}`);
    }
  }

  async #fillSpeakers() {
    const field = this.speakers.closest('.field');
    const fallback = this.dialog.querySelector('.speaker-default');
    let outputs = [];
    if (SINKS_SUPPORTED) {
      try {
        outputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput');
      } catch {
        outputs = [];
      }
    }
    field.hidden = outputs.length === 0;
    fallback.hidden = outputs.length > 0;
    this.speakers.replaceChildren(...outputs.map((device, index) => {
      const option = new Option(device.label || `speaker ${index + 1}`, device.deviceId);
      option.selected = device.deviceId === this.speaker || (!this.speaker && device.deviceId === 'default');
      return option;
    }));
  }

  #say(text) {
    this.problem.textContent = text;
    this.problem.hidden = !text;
  }
}
