// The signaling connection (docs/signaling.md): one WebSocket, JSON messages with a `type`.
// Each server message becomes an event of that type; the socket's end becomes `closed`.

export class Signaling extends EventTarget {
  #abandoned = new WeakSet();

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
        if (!this.#abandoned.has(socket)) { // an abandoned one was reported closed already
          this.dispatchEvent(new CustomEvent('closed', { detail: { code: event.code, reason: event.reason } }));
        }
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

  /**
   * Gives up a connection that looks open but carries nothing: after a move to another
   * network its TCP connection is bound to an address that is gone, and the browser may not
   * notice for minutes. `closed` follows at once (code 1006, as a drop), so the reconnect
   * (reconnect.js) starts now; the socket is closed without waiting for its end.
   */
  abandon() {
    const socket = this.socket;
    if (!socket) {
      return;
    }
    this.socket = null;
    this.#abandoned.add(socket);
    socket.close();
    this.dispatchEvent(new CustomEvent('closed', { detail: { code: 1006, reason: 'no answer' } }));
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
