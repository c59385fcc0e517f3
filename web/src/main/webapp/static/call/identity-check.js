// The patient's identity check in the call (REQUIREMENTS D5): a host records that a guest's
// identity was confirmed, and how (photo ID, two identifiers, known patient), from the People
// list; the server records it with the visit and everyone in the call sees "ID checked" on
// that person. Staff are known by their sign-in, so only guests are checked; the server
// refuses anyone else (docs/signaling.md, identity-check).

/** The methods as signaling writes them, with what people read. */
export const METHODS = [
  { code: 'photo-id', text: 'Photo ID' },
  { code: 'two-identifiers', text: 'Two identifiers (for example name and date of birth)' },
  { code: 'known-patient', text: 'Known patient' },
];

const SHORT = { 'photo-id': 'photo ID', 'two-identifiers': 'two identifiers', 'known-patient': 'known patient' };

/** Whether {@code viewer} (oneself as the server lists them) may record {@code participant}'s identity check. */
export function mayCheckIdentity(viewer, participant) {
  return Boolean(viewer && (viewer.role === 'owner' || viewer.role === 'host') && participant
    && participant.role === 'guest' && participant.id !== viewer.id);
}

/** What a person's badge says once checked ("ID checked"), and the longer words for lists and screen readers. */
export function identityBadge(participant) {
  const method = participant && participant.identityChecked;
  if (!method) {
    return null;
  }
  return { text: 'ID checked', detail: `identity checked (${SHORT[method] || method})` };
}

/**
 * The dialog that asks the host how they confirmed the guest's identity; built here so that
 * the page's markup stays as it is. {@code confirm(participantId, method)} sends it.
 */
export class IdentityCheckDialog {
  constructor(document, confirm) {
    this.confirm = confirm;
    this.participantId = null;
    this.returnFocus = null;
    const dialog = document.createElement('dialog');
    dialog.className = 'shortcuts-dialog identity-dialog';
    dialog.id = 'identity-dialog';
    dialog.setAttribute('aria-labelledby', 'identity-dialog-title');
    const form = document.createElement('form');
    form.method = 'dialog';
    const title = document.createElement('h2');
    title.id = 'identity-dialog-title';
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = 'How did you confirm it?';
    fieldset.append(legend, ...METHODS.map((method) => {
      const field = document.createElement('div');
      field.className = 'field checkbox';
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'identity-method';
      input.value = method.code;
      input.id = `identity-method-${method.code}`;
      input.required = true;
      const label = document.createElement('label');
      label.htmlFor = input.id;
      label.textContent = method.text;
      field.append(input, label);
      return field;
    }));
    const buttons = document.createElement('div');
    buttons.className = 'dialog-buttons';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.id = 'identity-cancel';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => dialog.close());
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.id = 'identity-confirm';
    ok.textContent = 'Identity confirmed';
    buttons.append(cancel, ok);
    form.append(title, fieldset, buttons);
    form.addEventListener('submit', () => {
      const chosen = form.querySelector('input[name=identity-method]:checked');
      if (chosen && this.participantId) {
        this.confirm(this.participantId, chosen.value);
      }
    });
    dialog.addEventListener('close', () => {
      const target = this.returnFocus;
      this.returnFocus = null;
      if (target && target.isConnected) {
        target.focus();
      }
    });
    dialog.append(form);
    document.body.append(dialog);
    this.dialog = dialog;
    this.title = title;
    this.form = form;
  }

  /** Asks about {@code participant} (a guest in the call). */
  open(participant) {
    this.participantId = participant.id;
    this.title.textContent = `Confirm the identity of ${participant.name}`;
    this.form.reset();
    this.returnFocus = this.dialog.ownerDocument.activeElement;
    if (!this.dialog.open) {
      this.dialog.showModal();
    }
  }
}
