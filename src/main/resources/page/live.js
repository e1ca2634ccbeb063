// The WebSocket API, subscribed to user.documents: each announce is a book that a device just
// moved. When the socket drops (a restart, the network, a 1013 "too slow" close) it reconnects
// with growing, jittered delays and the page re-reads the list, since announces in the gap are lost.

import { api, ApiError } from './api.js';

const FIRST_DELAY = 1000;
const LONGEST_DELAY = 30000;

export class Live {
  /** onState(state, text): 'connecting' | 'live' | 'offline' | 'off'; onChange(doc); onResync() */
  constructor({ onState, onChange, onResync }) {
    Object.assign(this, { onState, onChange, onResync });
    this.delay = FIRST_DELAY;
    this.stopped = false;
    this.everOpen = false;
  }

  async start() {
    this.stopped = false;
    this.onState('connecting', 'Connecting…');
    let uri;
    try {
      uri = await api('api/ws', { method: 'POST' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this.onState('off', 'Not live: this server has no live updates');
        return;
      }
      if (error instanceof ApiError && error.status === 401) return; // signed out meanwhile
      this.retry();
      return;
    }
    if (this.stopped) return;
    const socket = new WebSocket(uri.trim());
    this.socket = socket;
    socket.addEventListener('message', (event) => this.received(event.data));
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.retry();
    });
  }

  received(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const payload = message.payload || {};
    if (message.type === 'rpc' && payload.server_name) {
      this.socket.send(JSON.stringify({ type: 'pubsub', payload: { topic: 'user.documents' } }));
    } else if (message.type === 'pubsub' && payload.data === 'subscribed') {
      this.delay = FIRST_DELAY;
      this.onState('live', 'Live');
      if (this.everOpen) this.onResync(); // what changed while we were away
      this.everOpen = true;
    } else if (message.type === 'pubsub' && payload.data && typeof payload.data === 'object') {
      this.onChange(payload.data);
    }
  }

  retry() {
    if (this.stopped) return;
    this.socket = null;
    const wait = Math.round(this.delay * (0.75 + Math.random() * 0.5));
    this.delay = Math.min(this.delay * 2, LONGEST_DELAY);
    this.everOpen = true; // whatever comes next, the list may have changed meanwhile
    this.onState('offline', `Offline: reconnecting in ${Math.ceil(wait / 1000)} s`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), wait);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'Signed out');
    this.onState('off', '');
  }
}
