// The entry/exit register with filters and CSV export, and the day's summary per lane with a chart.
import { api, download } from '../api.js';
import { toast } from '../app.js';
import { apply, t } from '../i18n.js';
import { codeText, duration, esc, html, laneLabel, learnLanes, postLabel, raw, time, yuan } from '../format.js';
import { fromLocalInput, now as siteNow, startOfDay, toLocalInput, wall } from '../siteclock.js';

const TYPES = ['ENTRY', 'EXIT', 'PAYMENT', 'EXCEPTION', 'ALARM', 'RELEASED', 'DEVICE_FAULT'];
/** Central raises a LONG_STAY exception after 7 days inside (docs/domain.md exception rule 3): the same bar here. */
const LONG_STAY_HOURS = 7 * 24;

export async function render(root) {
  // Today is the car park's day, by central's clock in the site's zone.
  const day = new Date(startOfDay());
  root.innerHTML = `
    <div class="panel">
      <h1 data-i18n="reg.title"></h1>
      <form id="reg-filter" class="fields" autocomplete="off">
        <div><label for="r-plate" data-i18n="common.plate"></label><input id="r-plate" name="plate"></div>
        <div><label for="r-lane" data-i18n="sup.col.lane"></label><input id="r-lane" name="lane"></div>
        <div><label for="r-type" data-i18n="reg.type"></label><select id="r-type" name="type"><option value=""></option>
          ${TYPES.map(x => `<option value="${x}" data-i18n="lane.type.${x}"></option>`).join('')}</select></div>
        <div><label for="r-decision" data-i18n="lane.code"></label><input id="r-decision" name="decision"></div>
        <div><label for="r-receipt" data-i18n="reg.receipt"></label><input id="r-receipt" name="receipt" placeholder="R20261205-0001"></div>
        <div><label for="r-from" data-i18n="reg.from"></label><input id="r-from" name="from" type="datetime-local"></div>
        <div><label for="r-to" data-i18n="reg.to"></label><input id="r-to" name="to" type="datetime-local"></div>
      </form>
      <div class="row" style="margin-top:.6rem">
        <button id="r-search" data-i18n="reg.search"></button>
        <button class="secondary" id="r-csv" data-i18n="reg.csv"></button>
        <button class="secondary" id="r-xlsx" data-i18n="reg.xlsx"></button>
        <span class="muted small" id="r-count"></span>
      </div>
      <div class="scroll" style="margin-top:.6rem"><table id="r-table"><thead><tr>
        <th data-i18n="lane.time"></th><th data-i18n="sup.col.lane"></th><th data-i18n="reg.type"></th><th data-i18n="common.plate"></th>
        <th data-i18n="lane.card"></th><th data-i18n="lane.code"></th><th data-i18n="sup.col.reason"></th><th data-i18n="lane.fee"></th>
        <th data-i18n="lane.remark"></th></tr></thead><tbody></tbody></table></div>
      <h2 data-i18n="reg.payments"></h2>
      <div class="scroll"><table id="r-payments"><thead><tr>
        <th data-i18n="receipt.no"></th><th data-i18n="lane.time"></th><th data-i18n="common.plate"></th><th data-i18n="ho.post"></th>
        <th data-i18n="receipt.amount"></th><th data-i18n="receipt.kind"></th><th data-i18n="receipt.method"></th><th data-i18n="receipt.by"></th>
        </tr></thead><tbody></tbody></table></div>
    </div>
    <div class="grid2" style="margin-top:1rem">
      <section class="panel"><h2 data-i18n="reg.today"></h2><div id="summary"></div></section>
      <section class="panel"><h2 data-i18n="reg.perHour"></h2><svg class="chart" id="chart" role="img"></svg>
        <h3 data-i18n="reg.occupancy"></h3><div id="occupancy" class="fee"></div>
        <h3 data-i18n="reg.longStays"></h3><div id="long"></div></section>
    </div>
    <section class="panel" id="report" style="margin-top:1rem"><h2 data-i18n="rep.title"></h2>
      <div class="grid2">
        <div><h3 data-i18n="rep.occupancy"></h3><svg class="chart" id="rep-occupancy" role="img"></svg></div>
        <div><h3 data-i18n="rep.exceptions"></h3><svg class="chart" id="rep-waits" role="img"></svg><div id="rep-exc"></div></div>
        <div><h3 data-i18n="rep.revenueShift"></h3><svg class="chart" id="rep-shift" role="img"></svg></div>
        <div><h3 data-i18n="rep.revenueMethod"></h3><svg class="chart" id="rep-method" role="img"></svg></div>
      </div></section>`;
  apply(root);
  const form = root.querySelector('#reg-filter');
  form['from'].value = toLocalInput(day.getTime());
  const query = () => {
    const p = new URLSearchParams();
    for (const k of ['plate', 'lane', 'type', 'decision']) if (form[k].value.trim()) p.set(k, form[k].value.trim());
    const from = fromLocalInput(form['from'].value);
    const to = fromLocalInput(form['to'].value);
    if (from !== null) p.set('from', new Date(from).toISOString());
    if (to !== null) p.set('to', new Date(to).toISOString());
    p.set('limit', '2000');
    return p.toString();
  };
  const search = async () => {
    try {
      // A receipt number finds its desk payment, and the register rows of its plate around it.
      const receipt = form['receipt'].value.trim();
      const p = new URLSearchParams(query());
      const pays = await api('GET', '/api/payments?' + (receipt ? 'receipt=' + encodeURIComponent(receipt)
        : ['plate', 'from', 'to'].filter(k => p.has(k)).map(k => k + '=' + encodeURIComponent(p.get(k))).join('&')));
      paintPayments(root, pays);
      if (receipt && pays[0]) { p.set('plate', pays[0].plate); p.delete('from'); p.set('from', new Date(Date.parse(pays[0].paidAt) - 86400_000).toISOString()); }
      const rows = receipt && !pays[0] ? [] : await api('GET', '/api/passages?' + p.toString());
      // Lane notes attached to these passages (damage seen on entry, goods check): shown on their row.
      const noted = new Map();
      if (rows.length) {
        const from = rows.reduce((a, e) => (e.occurredAt < a ? e.occurredAt : a), rows[0].occurredAt);
        const notes = await api('GET', '/api/notes?limit=2000&from=' + new Date(Date.parse(from) - 4 * 3600_000).toISOString());
        notes.filter(n => n.passageEventId).forEach(n => noted.set(n.passageEventId, [...(noted.get(n.passageEventId) ?? []), n]));
      }
      root.querySelector('#r-count').textContent = t('reg.count', { n: rows.length });
      root.querySelector('#r-table tbody').innerHTML = rows.slice().reverse().map(e => html`<tr>
        <td>${time(e.occurredAt)}</td><td>${laneLabel(e.laneId)}</td><td>${t('lane.type.' + e.type)}</td><td><b>${e.plate ?? e.plateAsRead ?? '—'}</b></td>
        <td>${e.card ?? ''}</td><td>${e.code ? codeText(e.code) : ''}</td><td>${e.reason ?? ''}</td><td>${e.feeFen != null ? yuan(e.feeFen) : ''}</td><td>${e.remark ?? ''}${raw((noted.get(e.eventId) ?? []).map(n => html`<div class="small" data-test="row-note"><span class="tag warn">${t('note.kind.' + n.kind)}</span> ${n.note}</div>`).join(''))}</td></tr>`).join('');
    } catch (e) { toast(t('common.failed', { message: e.message }), true); }
  };
  root.querySelector('#r-search').addEventListener('click', search);
  form.addEventListener('submit', ev => { ev.preventDefault(); search(); });
  // Exports in the site's local time, so a row at 23:30 lands on its day in Excel.
  root.querySelector('#r-csv').addEventListener('click', () => download('/api/register.csv?' + query(), 'register.csv')
    .catch(e => toast(t('common.failed', { message: e.message }), true)));
  root.querySelector('#r-xlsx').addEventListener('click', () => download('/api/register.xlsx?' + query(), 'register.xlsx')
    .catch(e => toast(t('common.failed', { message: e.message }), true)));
  await search();
  await summary(root, day);
}

/** Desk payments with their receipt numbers: partial ones say what was still due, waivers why. */
function paintPayments(root, pays) {
  root.querySelector('#r-payments tbody').innerHTML = pays.map(x => html`<tr data-receipt="${x.receiptNo ?? ''}">
    <td><b>${x.receiptNo ?? '—'}</b></td><td>${time(x.paidAt)}</td><td><b>${x.plate}</b></td><td>${postLabel(x.post)}</td>
    <td>${yuan(x.amountFen)}</td><td data-test="pay-kind">${x.partial ? t('reg.pay.partial', { rest: yuan(Math.max(0, (x.dueFen ?? 0) - (x.creditedFen ?? x.amountFen))) })
      : x.method === 'WAIVED' ? t('reg.pay.waived', { reason: x.note ?? '' }) : t('reg.pay.full')}</td>
    <td>${t('pay.' + x.method)}</td><td>${x.takenBy}</td></tr>`).join('')
    || html`<tr><td colspan="8" class="muted">${t('reg.noPayments')}</td></tr>`;
}

/** Today per lane: passages, revenue, exemptions by reason, exceptions and how long they took. */
async function summary(root, day) {
  learnLanes(await api('GET', '/api/lanes'));
  const [today, resolved, all, open] = await Promise.all([
    api('GET', '/api/passages?from=' + day.toISOString() + '&limit=100000'),
    api('GET', '/api/exceptions?status=RESOLVED'),
    api('GET', '/api/passages?from=' + new Date(siteNow() - 30 * 86400_000).toISOString() + '&limit=100000'),
    api('GET', '/api/exceptions'),
  ]);
  // Exits paid at the lane or ahead (cash, mobile, card, prepaid) carry their fee; a lane's separate PAYMENT
  // event counts only when its exit does not already carry the payment.
  const paidExits = new Set(today.filter(e => e.type === 'EXIT' && e.paymentMethod && e.paymentMethod !== 'WAIVED')
    .map(e => e.eventId));
  const lanes = new Map();
  const lane = id => lanes.get(id) ?? lanes.set(id, { passages: 0, revenue: 0, exempt: new Map(), exc: 0, secs: [] }).get(id);
  for (const e of today) {
    const l = lane(e.laneId);
    if (e.type === 'ENTRY' || e.type === 'EXIT') l.passages++;
    if (paidExits.has(e.eventId)) l.revenue += e.feeFen ?? 0;
    if (e.type === 'PAYMENT' && !paidExits.has(e.relatedId)) l.revenue += e.feeFen ?? 0;
    if (e.type === 'EXIT' && !e.feeFen && e.remark) l.exempt.set(e.remark, (l.exempt.get(e.remark) ?? 0) + 1);
    if (e.type === 'EXCEPTION' || e.type === 'ALARM') l.exc++;
  }
  resolved.filter(x => Date.parse(x.resolvedAt) >= day.getTime()).forEach(x => {
    const l = lane(x.laneId);
    l.secs.push(x.secondsToResolve ?? 0);
    if (x.feeAction === 'COLLECT') l.revenue += x.feeFen ?? 0;
  });
  root.querySelector('#summary').innerHTML = `<table><thead><tr>
      <th>${esc(t('sup.col.lane'))}</th><th>${esc(t('reg.passages'))}</th><th>${esc(t('reg.revenue'))}</th>
      <th>${esc(t('reg.exemptions'))}</th><th>${esc(t('reg.exceptions'))}</th><th>${esc(t('reg.resolveTime'))}</th></tr></thead><tbody>
    ${[...lanes].sort().map(([id, l]) => html`<tr><td>${laneLabel(id)}</td><td>${l.passages}</td><td>${yuan(l.revenue)}</td>
      <td>${[...l.exempt].map(([r, n]) => r + ' ×' + n).join('; ') || '—'}</td><td>${l.exc}</td>
      <td>${l.secs.length ? duration(l.secs.reduce((a, b) => a + b, 0) / l.secs.length) : '—'}</td></tr>`).join('')
      || `<tr><td colspan="6" class="muted">${esc(t('reg.nothing'))}</td></tr>`}</tbody></table>`;
  chart(root.querySelector('#chart'), today);
  report(root, day, today, all, resolved.filter(x => Date.parse(x.resolvedAt) >= day.getTime()), paidExits);
  // Occupancy and long stays from the last 30 days: a plate inside is one whose latest passage is an entry.
  const last = new Map();
  all.filter(e => (e.type === 'ENTRY' || e.type === 'EXIT') && e.plate).forEach(e => last.set(e.plate, e));
  const inside = [...last.values()].filter(e => e.type === 'ENTRY');
  root.querySelector('#occupancy').textContent = t('reg.inside', { n: inside.length });
  const now = siteNow();
  const flagged = new Map(open.filter(x => x.code === 'LONG_STAY').map(x => [x.plate, x]));
  const long = inside.filter(e => now - Date.parse(e.occurredAt) > LONG_STAY_HOURS * 3600_000 || flagged.has(e.plate));
  root.querySelector('#long').innerHTML = long.length ? `<table data-test="long-stays"><tbody>${long.map(e => html`<tr><td><b>${e.plate}</b></td>
    <td>${time(e.occurredAt)}</td><td>${t('reg.days', { n: Math.floor((now - Date.parse(e.occurredAt)) / 86400_000) })}</td>
    <td>${raw(flagged.has(e.plate) ? html`<a class="tag bad" href="#/supervisor/${flagged.get(e.plate).id}">${t('code.LONG_STAY')}</a>` : '')}</td></tr>`).join('')}</tbody></table>`
    : html`<p class="muted">${t('reg.noLongStays', { d: LONG_STAY_HOURS / 24 })}</p>`;
}

/** The shift an instant falls in, by the site's clock: 早班 07–15, 中班 15–23, 夜班 23–07. */
function shiftOf(ms) {
  const h = wall(ms).hour;
  return h >= 7 && h < 15 ? 'EARLY' : h >= 15 && h < 23 ? 'LATE' : 'NIGHT';
}

/**
 * The manager's report of today: vehicles inside at the end of each hour, revenue by shift and by payment
 * method, and the exceptions resolved with their waiting times; each as a chart with its figures.
 */
function report(root, day, today, all, resolvedToday, paidExits) {
  // Inside at the day's start: plates whose latest passage before it is an entry; then today hour by hour.
  const start = day.getTime();
  const last = new Map();
  all.filter(e => (e.type === 'ENTRY' || e.type === 'EXIT') && e.plate && Date.parse(e.occurredAt) < start)
    .forEach(e => last.set(e.plate, e.type));
  let inside = [...last.values()].filter(x => x === 'ENTRY').length;
  const hoursNow = Math.min(24, Math.floor((siteNow() - start) / 3600_000) + 1);
  const perHour = [];
  const moves = today.filter(e => e.type === 'ENTRY' || e.type === 'EXIT');
  for (let h = 0; h < hoursNow; h++) {
    moves.filter(e => wall(Date.parse(e.occurredAt)).hour === h).forEach(e => { inside += e.type === 'ENTRY' ? 1 : -1; });
    perHour.push(Math.max(0, inside));
  }
  bars(root.querySelector('#rep-occupancy'), perHour.map((_, h) => String(h)), perHour, n => String(n));

  const byShift = { EARLY: 0, LATE: 0, NIGHT: 0 };
  const byMethod = {};
  const add = (ms, method, fen) => {
    if (!fen) return;
    byShift[shiftOf(ms)] += fen;
    byMethod[method] = (byMethod[method] ?? 0) + fen;
  };
  for (const e of today) {
    if (paidExits.has(e.eventId)) add(Date.parse(e.occurredAt), e.paymentMethod, e.feeFen);
    if (e.type === 'PAYMENT' && !paidExits.has(e.relatedId)) add(Date.parse(e.occurredAt), e.paymentMethod ?? 'CASH', e.feeFen);
  }
  resolvedToday.filter(x => x.feeAction === 'COLLECT').forEach(x => add(Date.parse(x.resolvedAt), x.paymentMethod ?? 'CASH', x.feeFen));
  bars(root.querySelector('#rep-shift'), Object.keys(byShift).map(s => t('shift.' + s)), Object.values(byShift), yuan);
  bars(root.querySelector('#rep-method'), Object.keys(byMethod).map(m => t('pay.' + m)), Object.values(byMethod), yuan);

  const byCode = new Map();
  resolvedToday.forEach(x => {
    const c = byCode.get(x.code) ?? { n: 0, sum: 0, max: 0 };
    const w = x.secondsToResolve ?? 0;
    byCode.set(x.code, { n: c.n + 1, sum: c.sum + w, max: Math.max(c.max, w) });
  });
  const codes = [...byCode.keys()];
  bars(root.querySelector('#rep-waits'), codes.map(c => codeWord(c)), codes.map(c => Math.round(byCode.get(c).sum / byCode.get(c).n)), duration);
  root.querySelector('#rep-exc').innerHTML = codes.length ? html`<table data-test="rep-exceptions"><tr><th>${t('rep.col.code')}</th><th>${t('rep.col.count')}</th>
    <th>${t('rep.col.avgWait')}</th><th>${t('rep.col.maxWait')}</th></tr>${raw(codes.map(c => html`<tr><td>${codeWord(c)}</td><td>${byCode.get(c).n}</td>
    <td>${duration(byCode.get(c).sum / byCode.get(c).n)}</td><td>${duration(byCode.get(c).max)}</td></tr>`).join(''))}</table>`
    : html`<p class="muted">${t('rep.noExceptions')}</p>`;
}

/** A decision code in words (the code itself when the dictionaries do not know it). */
function codeWord(code) {
  const w = t('code.' + code);
  return w === 'code.' + code ? String(code) : w;
}

/** Labelled bars with their figures, scaled to the largest. */
function bars(svg, labels, values, fmt) {
  const w = svg.clientWidth || 520;
  const h = 220;
  const max = Math.max(1, ...values);
  const n = Math.max(1, values.length);
  const bw = (w - 20) / n;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.innerHTML = values.map((v, i) => {
    const bh = Math.round((h - 50) * v / max);
    const x = 10 + i * bw;
    return html`<rect x="${x + 2}" y="${h - 24 - bh}" width="${Math.max(2, bw - 6)}" height="${bh}" data-label="${labels[i]}" data-value="${v}"><title>${labels[i]}: ${fmt(v)}</title></rect>`
      + (v ? html`<text x="${x + bw / 2}" y="${h - 28 - bh}" text-anchor="middle">${fmt(v)}</text>` : '')
      + (n <= 8 || i % 3 === 0 ? html`<text x="${x + bw / 2}" y="${h - 6}" text-anchor="middle">${labels[i]}</text>` : '');
  }).join('');
}

/** Entries and exits per hour of today as bars. */
function chart(svg, events) {
  const hours = new Array(24).fill(0);
  events.filter(e => e.type === 'ENTRY' || e.type === 'EXIT').forEach(e => { hours[wall(Date.parse(e.occurredAt)).hour]++; });
  const w = svg.clientWidth || 560;
  const h = 220;
  const max = Math.max(1, ...hours);
  const bw = (w - 30) / 24;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.innerHTML = hours.map((n, i) => {
    const bh = Math.round((h - 40) * n / max);
    return `<rect x="${20 + i * bw}" y="${h - 20 - bh}" width="${bw - 3}" height="${bh}"><title>${i}:00 ${n}</title></rect>`
      + (n ? `<text x="${20 + i * bw + bw / 2}" y="${h - 24 - bh}" text-anchor="middle">${n}</text>` : '')
      + (i % 3 === 0 ? `<text x="${20 + i * bw}" y="${h - 4}">${i}</text>` : '');
  }).join('');
  svg.setAttribute('aria-label', t('reg.perHour'));
}
