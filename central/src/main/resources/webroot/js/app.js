// Boots the console: language, session, navigation by role, and the hash router.
import { api, session } from './api.js';
import { apply, initialLang, setLang, t } from './i18n.js';
import * as live from './live.js';
import * as login from './views/login.js';
import * as lane from './views/lane.js';
import * as supervisor from './views/supervisor.js';
import * as handover from './views/handover.js';
import * as register from './views/register.js';
import * as cards from './views/cards.js';

const VIEWS = { login, lane, supervisor, handover, register, cards };
const NAV = {
  ATTENDANT: ['lane', 'handover', 'register'],
  SUPERVISOR: ['supervisor', 'lane', 'handover', 'register'],
  MANAGER: ['supervisor', 'register', 'cards', 'handover'],
  CARD_CLERK: ['cards', 'register'],
};
export const HOME = { ATTENDANT: 'lane', SUPERVISOR: 'supervisor', MANAGER: 'supervisor', CARD_CLERK: 'cards' };

let cleanup = null;
let toastTimer = null;

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
  });
  document.getElementById('who').textContent = s
    ? t('app.who', { name: s.displayName || s.username, role: t('role.' + s.role), post: s.post ?? '' }).trim()
    : '';
  document.getElementById('logout').hidden = !s;
  document.getElementById('live').textContent = s ? t('app.live') : '';
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
  root.innerHTML = '';
  root.dataset.view = view;
  try {
    cleanup = (await VIEWS[view].render(root, params.map(decodeURIComponent))) ?? null;
  } catch (e) {
    root.innerHTML = '<div class="panel error"></div>';
    root.firstChild.textContent = e.message;
  }
  apply(root);
}

export function signedIn() {
  live.connect(document.getElementById('live'));
  chrome();
}

/** Supervisor calls and escalations stay on screen until dismissed; other notes pass as a toast. */
function onNote(n) {
  const s = session.get();
  if (!s) return;
  const text = t('note.' + n.kind, { lane: n.laneId, plate: n.plate ?? '', who: n.displayName || n.from, note: n.note ?? '' });
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

async function boot() {
  await setLang(initialLang());
  const langSel = document.getElementById('lang');
  langSel.value = document.documentElement.lang;
  langSel.addEventListener('change', async () => { await setLang(langSel.value); render(); });
  document.getElementById('logout').addEventListener('click', () => {
    // Revoke the token at central too; signing out here does not wait for it.
    if (session.get()) api('POST', '/api/logout').catch(() => {});
    live.disconnect();
    session.clear();
    go('login');
  });
  window.addEventListener('hashchange', render);
  live.on('note', onNote);
  if (session.get()) live.connect(document.getElementById('live'));
  render();
}

boot();
