// Recording with consent (issue 22; docs/signaling.md, "Recording"). A host starts and stops it;
// everyone in the call, the host too, is asked in a dialog and answers "Record me" or "Do not
// record me" (the server writes nobody's media before they consent). While it runs, a banner
// that everyone sees says so, how many are recorded, and lets each change their answer; each
// tile says whether that person is recorded. The server's notice is shown as text, never markup.
//
// Escape in the dialog is no answer: the dialog stays (the person is not recorded while they
// have not answered, and is asked until they do). Declining is one click, and stays in the call.

// Every text a person reads, in one place (the call page has no translations yet).
export const TEXT = {
  record: 'Record',
  stopRecording: 'Stop recording',
  recording: 'Recording',
  count: (recorded, of) => `${recorded} of ${of} recorded`,
  selfRecorded: 'You are recorded.',
  selfNotRecorded: 'You are not recorded.',
  selfUnavailable: 'You agreed, but you are not recorded: your connection goes through another appliance, '
    + 'which does not record yet.',
  selfAsked: 'You have not answered yet.',
  stopRecordingMe: 'Stop recording me',
  recordMe: 'Record me',
  doNotRecordMe: 'Do not record me',
  dialogTitle: 'This call is being recorded',
  startedBy: (name, time) => (time ? `${name} started recording at ${time}.` : `${name} started recording.`),
  startedBySomeone: 'A host started recording.',
  choice: 'Your answer is kept with the time and this text. Either way you stay in the call; you can change your '
    + 'answer later in the “Recording” bar at the top of the call.',
  noticeChanged: 'The notice changed since it was shown to you. Please read it again.',
  started: (name) => (name ? `Recording started by ${name}. You are asked whether you agree to be recorded.`
    : 'Recording started. You are asked whether you agree to be recorded.'),
  startedAlready: 'This call is being recorded.',
  stopped: 'Recording stopped.',
  nowRecorded: 'You are recorded from now on.',
  nowNotRecorded: 'You are not recorded from now on.',
  dismiss: 'Dismiss',
  badge: { recorded: 'Recorded', 'not-recorded': 'Not recorded', unavailable: 'Agreed, not recorded', asked: 'Asked' },
};

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The badge for a participant of the `participants` list: {state, text}, or null while nothing is recorded. */
export function badgeFor(participant) {
  const state = participant && participant.recording;
  return state && TEXT.badge[state] ? { state, text: TEXT.badge[state] } : null;
}

/** "N of M recorded": of the people in the call (the lobby is never recorded), those who are. */
export function countLine(participants) {
  const list = participants || [];
  const asked = list.filter((p) => p.recording);
  const of = asked.length > 0 ? asked.length : list.length;
  return TEXT.count(asked.filter((p) => p.recording === 'recorded').length, of);
}

/** `you` of a `recording` message from one's own entry in `participants`. */
function answerOf(state) {
  return { recorded: 'consented', unavailable: 'consented', 'not-recorded': 'declined', asked: 'asked' }[state] || null;
}

export class Recording {
  /**
   * @param elements { button (the host's Record toggle), indicator, count, self, change (the
   *                   indicator's "Stop recording me"/"Record me"), stopped (the notice when it
   *                   stopped for a reason), dialog (the consent <dialog>) }
   * @param actions  { send(type, fields), announce(text) }
   */
  constructor(elements, actions) {
    this.el = elements;
    this.actions = actions;
    this.allowed = false;
    this.active = false;
    this.current = null; // the last `recording` message while active
    this.answer = null; // 'asked', 'consented', 'declined'
    this.participants = [];
    this.selfId = null;
    this.noticeChanged = false;
    this.returnFocus = null;
    this.#fillTexts();
    elements.button.addEventListener('click', () => actions.send('record', { active: !this.active }));
    elements.change.addEventListener('click', () => this.#answer(this.answer !== 'consented'));
    const dialog = elements.dialog;
    dialog.querySelector('[data-answer=yes]').addEventListener('click', () => this.#answer(true));
    dialog.querySelector('[data-answer=no]').addEventListener('click', () => this.#answer(false));
    // Escape is no answer: the dialog stays. (Chromium lets a second Escape without a click in
    // between close it anyway: then it opens again, below.)
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    dialog.addEventListener('close', () => {
      if (this.#mustAsk()) {
        this.#openDialog();
      } else {
        this.#giveFocusBack();
      }
    });
    elements.stopped.querySelector('button').addEventListener('click', () => { elements.stopped.hidden = true; });
  }

  /**
   * A `joined` message: whether this person may record. The recording going on, if any, comes
   * in the `recording` message right after it (or in `joined`'s own `recording`, if present).
   */
  joined(message, selfId) {
    this.selfId = selfId;
    this.allowed = Boolean(message.recordingAllowed);
    if (message.recording && message.recording.active) {
      this.update(message.recording);
    }
    this.#render();
  }

  /** A `recording` message. */
  update(message) {
    const was = this.active;
    this.active = Boolean(message.active);
    if (!this.active) {
      this.current = null;
      this.answer = null;
      this.#closeDialog();
      if (was || message.reason) {
        this.actions.announce(message.reason || TEXT.stopped);
      }
      if (message.reason) {
        this.el.stopped.querySelector('p').textContent = message.reason;
        this.el.stopped.hidden = false;
      }
      this.#render();
      return;
    }
    const fresh = !was || (this.current && this.current.since !== message.since);
    this.current = message;
    this.answer = message.you || this.answer;
    this.el.stopped.hidden = true;
    if (fresh) {
      this.actions.announce(this.answer === 'asked' ? TEXT.started(message.startedBy) : TEXT.startedAlready);
    }
    if (this.answer === 'asked') {
      this.#openDialog();
    } else {
      this.#closeDialog();
    }
    this.#render();
  }

  /** A `participants` list: counts, and one's own answer as the server has it. */
  participantsChanged(list, selfId) {
    this.participants = list || [];
    this.selfId = selfId;
    if (this.active && this.participants.length > 0 && !this.participants.some((p) => p.recording)) {
      this.update({ active: false }); // it stopped while this page was away (the list says nothing of it now)
      return;
    }
    const self = this.participants.find((p) => p.id === selfId);
    const answer = self ? answerOf(self.recording) : null;
    this.unavailable = Boolean(self && self.recording === 'unavailable');
    if (this.active && answer && answer !== 'asked') {
      this.answer = answer;
    }
    this.#render();
  }

  /** An `error` the server sent: a consent for an older notice is asked again (the server resends `recording`). */
  refused(code) {
    if (code === 'stale-notice') {
      this.noticeChanged = true;
      this.answer = 'asked';
      if (this.active && this.current) {
        this.#openDialog(); // with the new text if it came first, and a word that it changed
      }
      this.#render();
    }
  }

  /** The call is over for this page (ended, or back in the waiting room). */
  reset() {
    this.active = false;
    this.current = null;
    this.answer = null;
    this.allowed = false;
    this.#closeDialog();
    this.el.stopped.hidden = true;
    this.#render();
  }

  /** For tests and support. */
  state() {
    return { active: this.active, answer: this.answer, version: this.current && this.current.notice
      ? this.current.notice.version : null, dialog: this.el.dialog.open };
  }

  #answer(consent) {
    if (!this.current || !this.current.notice) {
      return;
    }
    this.actions.send('recording-consent', { consent, version: this.current.notice.version });
    this.answer = consent ? 'consented' : 'declined';
    this.noticeChanged = false;
    this.#closeDialog();
    this.actions.announce(consent ? TEXT.nowRecorded : TEXT.nowNotRecorded);
    this.#render();
  }

  #mustAsk() {
    return this.active && this.answer === 'asked';
  }

  #openDialog() {
    const dialog = this.el.dialog;
    const message = this.current;
    const when = message.since ? new Date(message.since) : null;
    dialog.querySelector('.consent-started').textContent = message.startedBy
      ? TEXT.startedBy(message.startedBy, when && !Number.isNaN(when.getTime()) ? TIME.format(when) : null)
      : TEXT.startedBySomeone;
    dialog.querySelector('.consent-notice').textContent = (message.notice && message.notice.text) || '';
    const changed = dialog.querySelector('.consent-changed');
    changed.textContent = this.noticeChanged ? TEXT.noticeChanged : '';
    changed.hidden = !this.noticeChanged;
    if (!dialog.open) {
      const focused = document.activeElement;
      if (focused && focused !== document.body && !dialog.contains(focused)) {
        this.returnFocus = focused;
      }
      dialog.showModal();
    }
    const title = dialog.querySelector('.consent-title'); // read first; neither answer is preselected
    title.tabIndex = -1;
    title.focus();
  }

  #closeDialog() {
    if (this.el.dialog.open) {
      this.el.dialog.close(); // the close handler gives the focus back (it does not ask again: answered, or over)
    }
  }

  #giveFocusBack() {
    const target = this.returnFocus;
    this.returnFocus = null;
    if (target && target.isConnected && !target.closest('[hidden]')) {
      target.focus();
    }
  }

  #render() {
    const { button, indicator, count, self, change } = this.el;
    button.hidden = !this.allowed;
    button.textContent = this.active ? TEXT.stopRecording : TEXT.record;
    button.setAttribute('aria-pressed', String(this.active));
    indicator.hidden = !this.active;
    if (!this.active) {
      return;
    }
    count.textContent = countLine(this.participants);
    self.textContent = this.answer === 'consented' ? (this.unavailable ? TEXT.selfUnavailable : TEXT.selfRecorded)
      : this.answer === 'declined' ? TEXT.selfNotRecorded : TEXT.selfAsked;
    change.hidden = this.answer !== 'consented' && this.answer !== 'declined';
    change.textContent = this.answer === 'consented' ? TEXT.stopRecordingMe : TEXT.recordMe;
  }

  #fillTexts() {
    const { indicator, dialog, stopped } = this.el;
    indicator.querySelector('.recording-label').textContent = TEXT.recording;
    dialog.querySelector('.consent-title').textContent = TEXT.dialogTitle;
    dialog.querySelector('.consent-choice').textContent = TEXT.choice;
    dialog.querySelector('[data-answer=yes]').textContent = TEXT.recordMe;
    dialog.querySelector('[data-answer=no]').textContent = TEXT.doNotRecordMe;
    stopped.querySelector('button').textContent = TEXT.dismiss;
  }
}
