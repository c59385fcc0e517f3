// The call's chat: everyone in the call sees every message (not the waiting room). Text is
// shown as text, never as markup.

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export class Chat {
  /** @param actions { send(text), selfId() } */
  constructor(log, form, input, actions) {
    this.log = log;
    this.input = input;
    this.actions = actions;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) {
        actions.send(text);
        input.value = '';
      }
    });
  }

  received(message) {
    const item = document.createElement('li');
    item.className = 'chat-message';
    const self = message.from && message.from.id === this.actions.selfId();
    item.classList.toggle('self', Boolean(self));
    const from = document.createElement('span');
    from.className = 'chat-from';
    from.textContent = self ? 'You' : (message.from && message.from.name) || '';
    const time = document.createElement('time');
    const at = new Date(message.at);
    if (!Number.isNaN(at.getTime())) {
      time.dateTime = message.at;
      time.textContent = TIME.format(at);
    }
    const text = document.createElement('p');
    text.className = 'chat-text';
    text.textContent = message.text;
    item.append(from, ' ', time, text);
    this.log.append(item);
    const region = this.log.parentElement; // the scrolling role=log region around the list
    region.scrollTop = region.scrollHeight;
  }
}
