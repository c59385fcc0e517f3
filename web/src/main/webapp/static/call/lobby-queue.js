// The hosts' view of the waiting room: who waits (name, guest or staff), with admit and deny.
// Accessible names start with the visible text (WCAG 2.5.3, label in name), then say who.

export class LobbyQueue {
  /** @param actions { admit(id), deny(id), announce(text) } */
  constructor(list, empty, actions) {
    this.list = list;
    this.empty = empty;
    this.actions = actions;
    this.known = new Set();
  }

  update(waiting) {
    const arrived = waiting.filter((person) => !this.known.has(person.id));
    this.known = new Set(waiting.map((person) => person.id));
    this.list.replaceChildren(...waiting.map((person) => this.#entry(person)));
    this.empty.hidden = waiting.length > 0;
    if (arrived.length > 0) {
      this.actions.announce(arrived.map((person) => `${person.name} is waiting to be let in.`).join(' '));
    }
  }

  #entry(person) {
    const item = document.createElement('li');
    item.className = 'lobby-entry';
    item.dataset.participant = person.id;
    const name = document.createElement('span');
    name.className = 'lobby-name';
    name.textContent = person.name;
    const kind = document.createElement('span');
    kind.className = 'lobby-kind';
    kind.textContent = person.kind === 'guest' ? 'guest' : 'staff';
    item.append(name, kind,
      this.#button('Let in', `Let in ${person.name}`, '', () => this.actions.admit(person.id)),
      this.#button('Deny', `Deny ${person.name}`, 'danger', () => this.actions.deny(person.id)));
    return item;
  }

  #button(text, label, className, action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.className = className;
    button.setAttribute('aria-label', label);
    button.addEventListener('click', () => {
      button.disabled = true; // one click is one decision
      action();
    });
    return button;
  }
}
