// The signaling connection (docs/signaling.md): one WebSocket, JSON messages with a `type`.
// Each server message becomes an event of that type; the socket's end becomes `closed`.

export class Signaling extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.socket = null;
  }

  /** Opens the connection; resolves once open, rejects if it never opens. */
  connect() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      let opened = false;
      socket.addEventListener('open', () => {
        opened = true;
        resolve();
      });
      socket.addEventListener('message', (event) => this.#received(event.data));
      socket.addEventListener('close', (event) => {
        if (this.socket === socket) {
          this.socket = null;
        }
        if (!opened) {
          reject(new Error('the call server refused the connection'));
        }
        this.dispatchEvent(new CustomEvent('closed', { detail: { code: event.code, reason: event.reason } }));
      });
    });
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  send(type, fields = {}) {
    if (this.open) {
      this.socket.send(JSON.stringify({ ...fields, type }));
      return true;
    }
    return false;
  }

  /** Leaves on purpose: the server hears `leave`, and the socket closes. */
  leave() {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'leave' }));
      }
      socket.close(1000, 'left');
    }
  }

  #received(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return; // the server only sends JSON; anything else is not ours to act on
    }
    if (message && typeof message.type === 'string') {
      this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    }
  }
}
