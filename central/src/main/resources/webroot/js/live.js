// The live stream (/console/live, Server-Sent Events); the browser reconnects by itself.
import { session } from './api.js';
import * as siteclock from './siteclock.js';
import { learnLanes } from './format.js';

const listeners = new Map();
let source = null;
let up = false;

/** True while the stream is open: what the screen shows is current. */
export function connected() { return up; }

export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event).add(fn);
  return () => listeners.get(event).delete(fn);
}

function emit(event, data) {
  (listeners.get(event) ?? []).forEach(fn => fn(data));
}

export function connect(stateEl) {
  disconnect();
  const token = session.get()?.token;
  if (!token) return;
  // The stream of the site the console works at only (central refuses a site the user holds no role at).
  const site = session.get()?.site;
  source = new EventSource('live?token=' + encodeURIComponent(token) + (site ? '&site=' + encodeURIComponent(site) : ''));
  source.onopen = () => { up = true; stateEl.dataset.state = 'on'; emit('state', true); };
  source.onerror = () => { up = false; stateEl.dataset.state = 'off'; emit('state', false); };
  // Central's clock comes first on the stream and on a short timer after.
  source.addEventListener('clock', e => { siteclock.sync(JSON.parse(e.data)); emit('clock', siteclock.now()); });
  source.addEventListener('lanes', e => learnLanes(JSON.parse(e.data)));
  for (const ev of ['lanes', 'exceptions', 'passage', 'note']) {
    source.addEventListener(ev, e => emit(ev, JSON.parse(e.data)));
  }
}

export function disconnect() {
  if (source) source.close();
  source = null;
  up = false;
}
