// Central's JSON API (docs/api.md) with the session's token; errors carry the server's message.
const KEY = 'parkgate.session';

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch { return null; }
  },
  set(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); },
  patch(p) { session.set({ ...session.get(), ...p }); },
  clear() { sessionStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

/** Calls the API; a token other than the session's may be given (e.g. the receiving attendant's). */
export async function api(method, path, body, token) {
  const t = token ?? session.get()?.token;
  const headers = { 'accept': 'application/json' };
  if (t) headers['authorization'] = 'Bearer ' + t;
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
    throw new ApiError(res.status, data?.error ?? 'HTTP_' + res.status, data?.message ?? String(text));
  }
  return data;
}

/** Downloads an authenticated file (e.g. the register as CSV). */
export async function download(path, filename) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + session.get()?.token } });
  if (!res.ok) throw new ApiError(res.status, 'HTTP_' + res.status, await res.text());
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
