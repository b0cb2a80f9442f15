// Central's JSON API (docs/api.md) with the session's token. Errors carry a message in the console's language
// (the server's English message stays in `detail`); an expired session sends the page back to sign-in.
import { currentLang, t } from './i18n.js';

const KEY = 'parkgate.session';
let expired = () => {};

/** What to do when central no longer knows the session's token (the console goes back to sign-in). */
export function onExpired(fn) { expired = fn; }

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch { return null; }
  },
  set(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); },
  patch(p) { session.set({ ...session.get(), ...p }); },
  clear() { sessionStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, kind, detail) {
    super(explain(status, kind, detail));
    this.status = status;
    this.kind = kind;
    this.detail = detail;
  }
}

/** Server messages the console words itself; anything else gets the text of its kind. */
const KNOWN = [
  [/unknown user or wrong password/i, () => t('err.badLogin')],
  [/shift .* has ended/i, () => t('err.shiftEnded')],
  [/handover form (\S+) not found/i, m => t('err.handoverNotFound', { no: m[1] })],
  [/user .* exists/i, () => t('err.userExists')],
  [/has a running shift/i, () => t('err.postTaken')],
  [/handed your shift over on form (\S+?);/i, m => t('err.handedOver', { no: m[1] })],
  [/partial payment must be less than the (\d+) fen still due/i, m => t('err.partialTooMuch', { due: yuanText(Number(m[1])) })],
  [/no partial payment outstanding/i, () => t('err.nothingToWaive')],
  [/\(due (\d+) fen, paid (\d+) fen\): not taken/, m => t('err.shortPaid', { due: yuanText(Number(m[1])), paid: yuanText(Number(m[2])) })],
  [/SITE_FORBIDDEN: .* site (\S+)/, m => t('err.siteForbidden', { site: m[1] })],
  [/SITE_REQUIRED/, () => t('err.siteRequired')],
  [/parameters 'from' and 'to' are required, 'to' after 'from'/, () => t('err.rangeOrder')],
];

function yuanText(fen) {
  return '¥' + Math.floor(fen / 100) + '.' + String(fen % 100).padStart(2, '0');
}

/** The message a person reads: in English the server's own words, in Chinese never raw English. */
function explain(status, kind, detail) {
  if (status === 0) return t('err.network');
  for (const [re, text] of KNOWN) {
    const m = re.exec(String(detail ?? ''));
    if (m) return text(m);
  }
  if (currentLang() === 'en' && detail && status !== 401) return String(detail);
  if (status === 401) return t('err.unauthenticated');
  if (status === 403) return t('common.forbidden');
  if (status === 404) return t('err.notFound');
  if (status === 409) return t('err.conflict');
  if (status >= 400 && status < 500) return t('err.badRequest') + (currentLang() === 'en' ? '' : hint(detail));
  return t('err.server');
}

/** A refused field's name, which the server quotes ('plate'), helps a Chinese reader too. */
function hint(detail) {
  const m = /'([A-Za-z]+)'/.exec(String(detail ?? ''));
  return m ? '（' + m[1] + '）' : '';
}

/** Calls the API; a token other than the session's may be given (e.g. the receiving attendant's). */
export async function api(method, path, body, token) {
  const t0 = token ?? session.get()?.token;
  const headers = { 'accept': 'application/json' };
  if (t0) headers['authorization'] = 'Bearer ' + t0;
  // The site (compound) the console works at: every request is about it, and central checks the role there.
  const site = session.get()?.site;
  if (site) headers['x-parkgate-site'] = site;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    // The session's own token refused (expired, revoked): back to sign-in, saying why.
    if (res.status === 401 && token === undefined && t0) expired();
    throw new ApiError(res.status, data?.error ?? 'HTTP_' + res.status, data?.message ?? String(text));
  }
  return data;
}

/** Downloads an authenticated file (e.g. the register as CSV). */
export async function download(path, filename) {
  let res;
  try {
    const headers = { authorization: 'Bearer ' + session.get()?.token };
    if (session.get()?.site) headers['x-parkgate-site'] = session.get().site;
    res = await fetch(path, { headers });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e.message);
  }
  if (res.status === 401) expired();
  if (!res.ok) throw new ApiError(res.status, 'HTTP_' + res.status, await res.text());
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
