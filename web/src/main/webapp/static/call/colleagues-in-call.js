// The host's colleagues panel in the call (colleagues.js): invite a colleague or make them
// co-host without leaving the call. The room is read from the API when the host panel first
// shows (only who runs the room may read it), and again after a refusal.

import { apiRequest } from '../api.js';
import { colleaguesPanel } from '../colleagues.js';

export class ColleaguesInCall {
  /**
   * @param slot   where the panel goes (inside the host panel)
   * @param api    the API's base path
   * @param roomId the room's id
   */
  constructor(slot, api, roomId) {
    this.slot = slot;
    this.request = apiRequest(api);
    this.roomId = roomId;
    this.shown = false;
  }

  /** The call's member runs the room ({@code host}): the panel is read once, then kept. */
  async show(host) {
    if (!host || this.shown) {
      return;
    }
    this.shown = true;
    try {
      const room = await this.request('GET', `/rooms/${encodeURIComponent(this.roomId)}`);
      this.slot.replaceChildren(colleaguesPanel(room, this.request));
    } catch (problem) {
      this.shown = false;
      const note = document.createElement('p');
      note.className = 'hint';
      note.textContent = `Colleagues cannot be invited from here just now: ${problem.message}`;
      this.slot.replaceChildren(note);
    }
  }
}
