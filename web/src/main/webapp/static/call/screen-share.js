// Screen sharing at diagnostic resolution (REQUIREMENTS C5): the presenter says what they share.
// "Detail" (text, imaging) keeps every pixel of the screen and lowers the frame rate instead;
// "motion" (video, ultrasound loops) keeps the frame rate and lets the resolution give.

export const SCREEN_PROFILES = {
  detail: {
    contentHint: 'detail',
    capture: { frameRate: { max: 5 } }, // no width or height: the screen's native resolution
    encoding: { maxFramerate: 5, maxBitrate: 2_500_000, scaleResolutionDownBy: 1 },
    degradationPreference: 'maintain-resolution',
  },
  motion: {
    contentHint: 'motion',
    capture: { frameRate: { ideal: 30, max: 30 } },
    encoding: { maxFramerate: 30 },
    degradationPreference: 'maintain-framerate',
  },
};

export function profileOf(kind) {
  return SCREEN_PROFILES[kind] || SCREEN_PROFILES.detail;
}

/** The sender's parameters with the profile applied to its one encoding (and the whole sender's preference). */
export function screenParameters(parameters, kind) {
  const profile = profileOf(kind);
  const encodings = parameters.encodings && parameters.encodings.length > 0 ? parameters.encodings : [{}];
  const first = { ...encodings[0], ...profile.encoding };
  if (kind !== 'detail') {
    delete first.scaleResolutionDownBy; // motion may be scaled when the encoder must
    if (!('maxBitrate' in profile.encoding)) {
      delete first.maxBitrate;
    }
  }
  return { ...parameters, encodings: [first, ...encodings.slice(1)], degradationPreference: profile.degradationPreference };
}

/** Applies the profile to a screen sender; browsers that refuse a field keep the rest. */
export async function applyScreenProfile(sender, track, kind) {
  track.contentHint = profileOf(kind).contentHint;
  try {
    await sender.setParameters(screenParameters(sender.getParameters(), kind));
  } catch {
    // Firefox ESR refuses degradationPreference: the encoding limits still matter most
    const parameters = screenParameters(sender.getParameters(), kind);
    delete parameters.degradationPreference;
    await sender.setParameters(parameters);
  }
}

/**
 * The presenter's choice, asked in a small dialog before the browser's own screen picker
 * (which must follow a click: the dialog's Share button is that click).
 */
export class ScreenShareChoice {
  /** @param dialog the <dialog> with the radio buttons named screen-kind, a form (method=dialog), Share and Cancel */
  constructor(dialog) {
    this.dialog = dialog;
    this.pending = null;
    dialog.addEventListener('close', () => {
      const resolve = this.pending;
      this.pending = null;
      if (resolve) {
        resolve(dialog.returnValue === 'share' ? this.chosen() : null);
      }
    });
  }

  /** Resolves to 'detail' or 'motion', or null when the presenter cancels. */
  ask() {
    if (this.pending) {
      return Promise.resolve(null);
    }
    this.dialog.returnValue = '';
    const detail = this.dialog.querySelector('input[name=screen-kind][value=detail]');
    if (detail && !this.dialog.querySelector('input[name=screen-kind]:checked')) {
      detail.checked = true;
    }
    return new Promise((resolve) => {
      this.pending = resolve;
      this.dialog.showModal();
    });
  }

  chosen() {
    const checked = this.dialog.querySelector('input[name=screen-kind]:checked');
    return checked ? checked.value : 'detail';
  }
}

/**
 * Sharing one's screen from the call: asks what it is (ScreenShareChoice), captures it with
 * that profile, hands it to the peer connection and tells the server; stops when asked or when
 * the browser's own "Stop sharing" ends the track. `call.screen` holds the track while it runs.
 */
export class ScreenSharing {
  /**
   * @param call    the page's call state ({ screen, peer })
   * @param choice  the ScreenShareChoice dialog
   * @param button  the Share screen button (disabled while a change is under way)
   * @param actions { send(type, fields), announce(text), problem(text), changed() }
   */
  constructor(call, choice, button, actions) {
    this.call = call;
    this.choice = choice;
    this.button = button;
    this.actions = actions;
  }

  async toggle() {
    this.button.disabled = true;
    try {
      if (this.call.screen) {
        await this.stop();
      } else {
        await this.#start();
      }
    } catch (problem) {
      if (problem && problem.name !== 'NotAllowedError') { // NotAllowedError: the person cancelled the browser's picker
        this.actions.problem(`The screen could not be shared: ${problem.message}`);
      }
    } finally {
      this.button.disabled = false;
      this.actions.changed();
    }
  }

  async #start() {
    const kind = await this.choice.ask(); // detail (text, imaging) or motion (video loops)
    if (!kind) {
      return;
    }
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: profileOf(kind).capture, audio: false });
    const track = stream.getVideoTracks()[0];
    track.contentHint = profileOf(kind).contentHint;
    track.addEventListener('ended', () => { this.stop(); });
    this.call.screen = track;
    const source = await this.call.peer.startScreen(stream, track, kind);
    this.actions.send('screen-share', source === null ? { active: true } : { active: true, source });
    this.actions.announce('You are sharing your screen.');
  }

  async stop() {
    const track = this.call.screen;
    if (!track) {
      return;
    }
    this.call.screen = null;
    track.stop();
    this.actions.changed();
    this.actions.send('screen-share', { active: false });
    await this.call.peer?.stopScreen();
    this.actions.announce('You stopped sharing your screen.');
  }
}
