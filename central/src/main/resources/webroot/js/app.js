// Boots the console: language, session, navigation by role, and the hash router.
import { api, onExpired, session } from './api.js';
import * as siteclock from './siteclock.js';
import { laneLabel, learnLanes, postLabel } from './format.js';
import { apply, initialLang, setLang, t } from './i18n.js';
import * as live from './live.js';
import * as login from './views/login.js';
import * as lane from './views/lane.js';
import * as supervisor from './views/supervisor.js';
import * as handover from './views/handover.js';
import * as register from './views/register.js';
import * as cards from './views/cards.js';
import * as accounts from './views/accounts.js';
import * as takings from './views/takings.js';

const VIEWS = { login, lane, supervisor, handover, register, cards, accounts, takings };
const NAV = {
  ATTENDANT: ['lane', 'handover', 'register'],
  SUPERVISOR: ['supervisor', 'lane', 'handover', 'register', 'takings'],
  MANAGER: ['supervisor', 'register', 'takings', 'cards', 'handover', 'accounts'],
  CARD_CLERK: ['cards', 'register'],
};
export const HOME = { ATTENDANT: 'lane', SUPERVISOR: 'supervisor', MANAGER: 'supervisor', CARD_CLERK: 'cards' };

let cleanup = null;
let toastTimer = null;
/** Why the console went back to sign-in (an expired session), shown there once. */
export const SIGN_IN_REASON = 'parkgate.signInReason';

export function toast(message, bad = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.toggle('bad', bad);
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, bad ? 8000 : 4000);
}

export function go(route) {
  if (location.hash === '#/' + route) render();
  else location.hash = '#/' + route;
}

function chrome() {
  const s = session.get();
  const nav = document.getElementById('nav');
  nav.innerHTML = '';
  (s ? NAV[s.role] ?? [] : []).forEach(v => {
    const a = document.createElement('a');
    a.href = '#/' + v;
    a.dataset.view = v;
    a.textContent = t('nav.' + v);
    nav.append(a);
    if (v === 'supervisor' && knownCases?.size) a.textContent += ' (' + knownCases.size + ')';
  });
  document.getElementById('who').textContent = s
    ? t('app.who', { name: s.displayName || s.username, role: t('role.' + s.role), post: s.post ? postLabel(s.post) : '' }).trim()
    : '';
  document.getElementById('logout').hidden = !s;
  document.getElementById('live').textContent = s ? t('app.live') : '';
  // Which site (compound) the console works at; a user with roles at several switches here.
  const sel = document.getElementById('site');
  const sites = s?.sites ?? [];
  sel.hidden = !s || !s.site;
  sel.disabled = sites.length < 2;
  sel.innerHTML = '';
  sites.forEach(x => {
    const o = document.createElement('option');
    o.value = x;
    o.textContent = t('app.site', { site: x });
    sel.append(o);
  });
  if (s?.site) sel.value = s.site;
}

/** Works at another site: the role there, its clock and lanes, and its live feed only. */
async function switchSite(site) {
  try {
    const me = await api('GET', '/api/me?site=' + encodeURIComponent(site));
    session.patch({ site: me.site, role: me.role, post: undefined });
    siteclock.sync(await api('GET', '/api/clock'));
    learnLanes(await api('GET', '/api/lanes'));
    knownCases = null;
    live.connect(document.getElementById('live'));
    go(HOME[me.role] ?? 'register');
  } catch (e) {
    toast(t('common.failed', { message: e.message }), true);
    chrome();
  }
}

async function render() {
  const [name, ...params] = location.hash.replace(/^#\/?/, '').split('/');
  const s = session.get();
  let view = VIEWS[name] ? name : null;
  if (!s) view = 'login';
  else if (!view || !(NAV[s.role] ?? []).includes(view)) view = HOME[s.role] ?? 'register';
  if (cleanup) { cleanup(); cleanup = null; }
  chrome();
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('on', a.dataset.view === view));
  const root = document.getElementById('view');
  root.dataset.view = view;
  // Each render draws into its own page: a slower render that a newer one replaced (e.g. an expired session
  // sending the console to sign-in) finishes into a detached page and shows nothing.
  const page = document.createElement('div');
  page.className = 'page';
  root.replaceChildren(page);
  let done = null;
  try {
    done = (await VIEWS[view].render(page, params.map(decodeURIComponent))) ?? null;
  } catch (e) {
    page.innerHTML = '<div class="panel error"></div>';
    page.firstChild.textContent = e.message;
  }
  if (!page.isConnected) {
    done?.();
    return;
  }
  cleanup = done;
  apply(page);
}

export function signedIn() {
  live.connect(document.getElementById('live'));
  chrome();
}

/** Supervisor calls and escalations stay on screen until dismissed; other notes pass as a toast. */
function onNote(n) {
  const s = session.get();
  if (!s) return;
  const text = t('note.' + n.kind, { lane: laneLabel(n.laneId), plate: n.plate ?? '', who: n.displayName || n.from, note: n.note ?? '' });
  const urgent = (n.kind === 'CALL' && s.role === 'SUPERVISOR') || (n.kind === 'ESCALATE' && s.role === 'MANAGER')
    || (n.kind === 'CALL' && s.role === 'MANAGER');
  if (!urgent) return;
  const b = document.getElementById('banner');
  b.textContent = text + '  ';
  const x = document.createElement('button');
  x.className = 'secondary';
  x.textContent = t('common.dismiss');
  x.addEventListener('click', () => { b.hidden = true; });
  b.append(x);
  b.hidden = false;
}

/** Central unreachable: a banner says so and every value on screen is marked as possibly out of date. */
let lostSince = null;
function onLiveState(ok) {
  const el = document.getElementById('offline');
  document.body.classList.toggle('stale', !ok && !!session.get());
  if (ok || !session.get()) {
    lostSince = null;
    el.hidden = true;
    return;
  }
  lostSince = lostSince ?? siteclock.now();
  el.textContent = t('app.offline', { since: clockText(lostSince) });
  el.hidden = false;
}

function clockText(ms) {
  return new Date(ms).toLocaleTimeString(document.documentElement.lang, { hour12: false, timeZone: siteclock.zone() });
}

function expired() {
  live.disconnect();
  onLiveState(true);
  if (!session.get()) return;
  session.clear();
  sessionStorage.setItem(SIGN_IN_REASON, t('err.unauthenticated'));
  go('login');
}

/**
 * Awareness for supervisors and managers: every newly held car (a new case in the queue) gives a banner, a
 * sound and the count of cases on the queue's menu entry, wherever they are in the console.
 */
let knownCases = null;
function onCases(list) {
  const s = session.get();
  if (!s || !['SUPERVISOR', 'MANAGER'].includes(s.role)) return;
  const link = document.querySelector('#nav a[data-view=supervisor]');
  if (link) {
    link.dataset.count = String(list.length);
    link.textContent = t('nav.supervisor') + (list.length ? ' (' + list.length + ')' : '');
  }
  const fresh = knownCases === null ? [] : list.filter(x => !knownCases.has(x.id) && x.status !== 'CLAIMED');
  knownCases = new Set(list.map(x => x.id));
  if (!fresh.length) return;
  const x = fresh[fresh.length - 1];
  const b = document.getElementById('banner');
  b.textContent = t('alert.held', { lane: laneLabel(x.laneId), plate: x.plate ?? x.plateAsRead ?? '—', reason: x.reason ?? x.code ?? '' }) + '  ';
  b.dataset.test = 'held-alert';
  const open = document.createElement('button');
  open.textContent = t('alert.open');
  open.addEventListener('click', () => { b.hidden = true; go('supervisor/' + encodeURIComponent(x.id)); });
  const dismiss = document.createElement('button');
  dismiss.className = 'secondary';
  dismiss.textContent = t('common.dismiss');
  dismiss.addEventListener('click', () => { b.hidden = true; });
  b.append(open, ' ', dismiss);
  b.hidden = false;
  chime();
}

/** A short two-tone chime (no sound file to fetch); browsers that refuse audio stay silent. */
function chime() {
  try {
    const ctx = new AudioContext();
    [880, 660].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.value = 0.15;
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.18);
      o.stop(ctx.currentTime + i * 0.18 + 0.16);
    });
    window.parkgateChimes = (window.parkgateChimes ?? 0) + 1;
  } catch {
    // no audio here
  }
}

async function boot() {
  onExpired(expired);
  live.on('exceptions', onCases);
  live.on('state', onLiveState);
  await setLang(initialLang());
  const langSel = document.getElementById('lang');
  langSel.value = document.documentElement.lang;
  langSel.addEventListener('change', async () => { await setLang(langSel.value); render(); });
  document.getElementById('site').addEventListener('change', ev => switchSite(ev.target.value));
  document.getElementById('logout').addEventListener('click', () => {
    knownCases = null;
    // Revoke the token at central too; signing out here does not wait for it.
    if (session.get()) api('POST', '/api/logout').catch(() => {});
    live.disconnect();
    onLiveState(true);
    session.clear();
    go('login');
  });
  window.addEventListener('hashchange', render);
  // A page left for another keeps no stream open (a browser may keep it in its back/forward cache): each open
  // stream holds one of the few connections a browser allows to central, and enough of them starve the API.
  window.addEventListener('pagehide', () => live.disconnect());
  window.addEventListener('pageshow', ev => { if (ev.persisted && session.get()) live.connect(document.getElementById('live')); });
  live.on('note', onNote);
  if (session.get()) {
    // Central's clock before the first page: "today" and the shift are the car park's, not this PC's.
    try {
      siteclock.sync(await api('GET', '/api/clock'));
      learnLanes(await api('GET', '/api/lanes'));
    } catch (e) {
      // An expired session has gone back to sign-in; central down shows its banner once the stream fails.
    }
  }
  if (session.get()) live.connect(document.getElementById('live'));
  render();
}

boot();
