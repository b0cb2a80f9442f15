// Central's clock, never the browser's: "now", "today" and shifts are the car park's, in the site's time zone.
// Central sends its time with /api/clock and on the live stream; between two samples the page counts on with
// the browser's monotonic timer (performance.now, not the date) at the rate central's clock has been running,
// so an accelerated demo clock shows correctly and a booth PC with a wrong date changes nothing.
const samples = [];
let siteZone = 'Asia/Shanghai';
let rate = 1;

/** Takes central's time ({ now: ISO instant, zone }) as the page's clock from this moment. */
export function sync(c) {
  if (!c || !c.now) return;
  const central = Date.parse(c.now);
  if (Number.isNaN(central)) return;
  if (c.zone) siteZone = c.zone;
  const mono = performance.now();
  samples.push({ central, mono });
  while (samples.length > 2 && mono - samples[0].mono > 60_000) samples.shift();
  const first = samples[0];
  const span = mono - first.mono;
  if (span >= 3000 && central >= first.central) {
    const r = (central - first.central) / span;
    // Delivery jitter of a few percent is no acceleration: a real-time clock counts at 1.
    rate = Math.abs(r - 1) < 0.05 ? 1 : Math.min(r, 10_000);
  }
}

/** Forgets the rate (central restarted, or its clock jumped back). */
export function reset() {
  samples.length = 0;
  rate = 1;
}

/** Central's "now" in epoch milliseconds, or the browser's until central has said (the sign-in page). */
export function now() {
  const last = samples[samples.length - 1];
  if (!last) return Date.now();
  return last.central + (performance.now() - last.mono) * rate;
}

export function nowIso() {
  return new Date(now()).toISOString();
}

export function zone() {
  return siteZone;
}

export function synced() {
  return samples.length > 0;
}

const partsFmt = new Map();
/** The wall-clock fields of an instant in the site's zone: { year, month (1-12), day, hour, minute, second }. */
export function wall(ms = now()) {
  let f = partsFmt.get(siteZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: siteZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partsFmt.set(siteZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).filter(x => x.type !== 'literal')
    .map(x => [x.type, Number(x.value)]));
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second };
}

/** The instant of a wall-clock time in the site's zone (the earlier one when a clock change repeats it). */
export function instantOf(year, month, day, hour = 0, minute = 0) {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let t = asUtc;
  // The zone's offset at the guess, twice: converges across a change of offset.
  for (let i = 0; i < 2; i++) {
    const w = wall(t);
    const offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
    t = asUtc - offset;
  }
  return t;
}

/** Midnight of the site's day that holds the instant. */
export function startOfDay(ms = now()) {
  const w = wall(ms);
  return instantOf(w.year, w.month, w.day);
}

/** "YYYY-MM-DDTHH:MM" of an instant in the site's zone, as a datetime-local input shows it. */
export function toLocalInput(ms) {
  const w = wall(ms);
  const p = n => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}

/** The instant of a datetime-local input's value read in the site's zone, or null. */
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value ?? '');
  return m ? instantOf(+m[1], +m[2], +m[3], +m[4], +m[5]) : null;
}
