// Small shared helpers: money in fen, times (in the site's zone), safe HTML.
import { currentLang, t } from './i18n.js';
import { zone } from './siteclock.js';

export function yuan(fen) {
  if (fen === null || fen === undefined) return '—';
  const neg = fen < 0;
  const a = Math.abs(fen);
  return (neg ? '-' : '') + '¥' + Math.floor(a / 100) + '.' + String(a % 100).padStart(2, '0');
}

/** Parses a yuan amount typed by a person ("12", "12.5", "12.50") to fen, or null when it is not one. */
export function fenOf(text) {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function time(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(currentLang(), { hour12: false, timeZone: zone() });
}

export function date(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(currentLang(), { timeZone: zone() });
}

export function clock(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(currentLang(), { hour12: false, timeZone: zone() });
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return (h ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + r;
}

/** A length of stay in words: "2 天 3 小时", "1 小时 5 分", "12 分" (whole days, never "168 小时"). */
export function stay(seconds) {
  const m = Math.max(0, Math.floor(seconds / 60));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = [];
  if (d) parts.push(t('fmt.days', { n: d }));
  if (h) parts.push(t('fmt.hours', { n: h }));
  if (!d && (m % 60 || !h)) parts.push(t('fmt.minutes', { n: m % 60 }));
  return parts.join(' ');
}

/** Each lane's last clock check as it reported it (docs/mqtt.md, "Lane clock"), learned with the names. */
const laneClocks = new Map();

/** "车道时钟慢 3 小时" when the lane reports its PC's clock off central's, else null. */
export function laneClockText(laneId) {
  const c = laneClocks.get(laneId);
  if (!c?.wrong) return null;
  const off = Math.abs(c.aheadSeconds);
  const d = off < 60 ? t('fmt.seconds', { n: off }) : stay(off);
  return t(c.aheadSeconds < 0 ? 'lane.clockBehind' : 'lane.clockAhead', { d });
}

/** Lanes by the names the site file gives them (北门入口), learned from central's lane list. */
const laneNames = new Map();
export function learnLanes(lanes) {
  (lanes ?? []).forEach(l => {
    laneClocks.set(l.laneId, l.clock ?? null);
    if (!l.name) return;
    laneNames.set(l.laneId, l.name);
    postLanes.set(l.post, new Set([...(postLanes.get(l.post) ?? []), l.name]));
  });
}

/**
 * A post by name. The site file names lanes, not posts: a post is called by what its lanes' names share
 * (北门入口, 北门出口 → 北门岗亭), else by its lanes' names; its id only when its lanes have no names.
 */
const postLanes = new Map();
export function postLabel(id) {
  const names = [...(postLanes.get(id) ?? [])];
  if (!names.length) return String(id ?? '—');
  let common = names.reduce((a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return a.slice(0, i); });
  common = common.replace(/[入出]?口?$/, '').trim();
  return common.length >= 2 && names.length > 1 ? t('post.named', { name: common }) : names.join(' · ');
}

/** The lane by the name the site file gives it (北门入口); its id only when it has none. */
export function laneLabel(id) {
  const n = laneNames.get(id);
  return n ?? String(id ?? '—');
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ESC[c]);
}

/** A template literal tag that escapes every interpolated value unless wrapped with raw(). */
export function html(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? (values[i]?.raw ?? esc(values[i])) : ''), '');
}
export function raw(s) { return { raw: s }; }

/** The decision code in words from the dictionaries (never the code itself); an unknown code as it came. */
export function codeText(code) {
  if (!code) return '—';
  const d = t('code.' + code);
  return d === 'code.' + code ? code : d;
}

/** A snapshot reference the browser can show as an image: central's API, a data URL, or the agent's http(s). */
export function imageRef(ref) {
  return typeof ref === 'string' && /^(data:image\/|\/api\/|https?:\/\/)/.test(ref);
}
