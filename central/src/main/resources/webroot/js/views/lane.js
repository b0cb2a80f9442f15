// The attendant's lane view: each lane of the post live, and big keyboard actions for the lane in focus.
import { api, session } from '../api.js';
import { toast } from '../app.js';
import { ask } from '../dialog.js';
import { t } from '../i18n.js';
import * as live from '../live.js';
import { now as siteNow } from '../siteclock.js';
import { clock, codeText, esc, fenOf, html, imageRef, laneClockText, laneLabel, learnLanes, postLabel, raw, stay, yuan } from '../format.js';

const ACTIONS = ['cash', 'damage', 'goods', 'visitor', 'call', 'open', 'plate'];
const PAID = 'parkgate.paid';
/** Cases with no car held at the barrier: the lane's alarms and central's long stays (see supervisor.js). */
const NOT_HELD = ['LONG_STAY', 'FORCED_PASSAGE', 'TAILGATING', 'BARRIER_BLOCKED', 'DEVICE_FAULT'];

/** A case whose plate the booth may correct: a held car's, unresolved and not escalated to the manager. */
function correctable(x) {
  return x.status !== 'RESOLVED' && x.status !== 'ESCALATED' && !NOT_HELD.includes(x.code);
}

export async function render(root) {
  const s = session.get();
  // Cash taken here is recorded with central by plate; which exit it paid is kept for this booth's session.
  const paid = new Map(JSON.parse(sessionStorage.getItem(PAID) ?? '[]'));
  // partials: what central has recorded as paid in part toward a held car's fee, by plate (see partialOf).
  const state = { lanes: [], latest: new Map(), paid, focus: null, entries: new Map(), flagged: new Set(), cases: null,
    partials: new Map() };
  const all = await api('GET', '/api/lanes');
  learnLanes(all);
  state.lanes = s.post ? all.filter(l => l.post === s.post) : all;
  const since = new Date(siteNow() - 2 * 3600_000).toISOString();
  for (const l of state.lanes) {
    const rows = await api('GET', `/api/passages?lane=${encodeURIComponent(l.laneId)}&from=${since}&limit=2000`);
    rows.forEach(e => remember(state, e));
  }
  // A lane holding a car (for its fee or the supervisor) comes first: that is where the attendant is needed.
  state.focus = state.lanes.find(l => l.waiting)?.laneId ?? newestLane(state) ?? state.lanes[0]?.laneId ?? null;
  // The lane history: the notes of this post since the shift began (all posts: the latest).
  const noteQuery = s.post ? `post=${encodeURIComponent(s.post)}${s.shiftStartedAt ? '&from=' + s.shiftStartedAt : ''}` : '';
  state.notes = await api('GET', `/api/notes?${noteQuery}&limit=200`);
  // The post's open cases now, so a claim or resolution arriving on the stream can be told.
  const lanesHere = new Set(state.lanes.map(l => l.laneId));
  state.cases = new Map((await api('GET', '/api/exceptions')).filter(x => lanesHere.has(x.laneId)).map(x => [x.id, x]));

  root.innerHTML = `
    <div class="row" style="justify-content:space-between;margin-bottom:.4rem">
      <h1 style="margin:0">${esc(t('lane.title', { post: s.post ? postLabel(s.post) : t('lane.allPosts') }))}</h1>
      <span class="muted small" data-test="shift">${esc(s.shiftName ? t('shift.' + s.shiftName) + ' · ' : '')}${esc(s.shiftStartedAt ? t('lane.shiftSince', { at: clock(s.shiftStartedAt) }) : '')}</span>
    </div>
    <div class="grid2" id="lanes"></div>
    <div class="panel action-bar" style="margin-top:1rem">
      <div class="receipt" id="handed-over" data-test="handed-over" hidden></div>
      <div class="muted small" id="focus-label"></div>
      <div class="actions" id="actions">
        ${ACTIONS.map((a, i) => `<button id="act-${a}" data-act="${a}" class="${a === 'open' ? 'danger' : ''}">
          ${esc(t('lane.act.' + a))}<kbd>${i + 1}</kbd></button>`).join('')}
      </div>
    </div>
    <section class="panel" style="margin-top:1rem"><h2>${esc(t('lane.history'))}</h2>
      <div class="scroll"><table id="history"><tbody></tbody></table></div></section>`;
  const paint = () => { paintLanes(root, state, paint); paintHistory(root, state); };
  paint();
  root.querySelector('#lanes').addEventListener('click', ev => {
    const pr = ev.target.closest('button[data-print]');
    if (pr) {
      ev.stopPropagation();
      const l = state.lanes.find(x => x.laneId === pr.closest('[data-lane]').dataset.lane);
      const e = l && current(state, l);
      const part = e && state.partials.get(e.plate);
      if (e && state.paid.has(e.eventId)) printReceipt(l, e, state.paid.get(e.eventId));
      else if (part?.last) printReceipt(l, e, part.last);
      return;
    }
    const waive = ev.target.closest('button[data-waive]');
    if (waive) {
      ev.stopPropagation();
      state.focus = waive.closest('[data-lane]').dataset.lane;
      waiveRest(state, paint);
      return;
    }
    const img = ev.target.closest('.photos img');
    if (img) { ev.stopPropagation(); enlarge(img.src); }
  }, true);

  root.querySelector('#lanes').addEventListener('click', ev => {
    const card = ev.target.closest('[data-lane]');
    if (card) { state.focus = card.dataset.lane; state.flagged.delete(card.dataset.lane); paint(); }
  });
  root.querySelector('#actions').addEventListener('click', ev => {
    const b = ev.target.closest('button[data-act]');
    if (b) act(b.dataset.act, state, paint);
  });
  const onKey = ev => {
    if (document.querySelector('dialog[open]') || /INPUT|TEXTAREA|SELECT/.test(document.activeElement?.tagName)) return;
    const i = Number(ev.key) - 1;
    if (i >= 0 && i < ACTIONS.length) { ev.preventDefault(); act(ACTIONS[i], state, paint); }
  };
  document.addEventListener('keydown', onKey);
  const offs = [
    live.on('state', () => paint()),
    live.on('lanes', lanes => {
      const mine = new Set(state.lanes.map(l => l.laneId));
      const before = new Set(state.lanes.filter(l => l.waiting).map(l => l.laneId));
      state.lanes = lanes.filter(l => mine.has(l.laneId));
      // The focus stays where the attendant put it (number keys act on it); a newly held car is flagged instead.
      state.lanes.filter(l => l.waiting && !before.has(l.laneId)).forEach(l => state.flagged.add(l.laneId));
      if (!state.focus) state.focus = state.lanes.find(l => l.waiting)?.laneId ?? null;
      paint();
    }),
    live.on('note', n => {
      if (!state.lanes.some(l => l.laneId === n.laneId) || state.notes.some(x => x.id === n.id)) return;
      state.notes.unshift(n);
      paint();
    }),
    live.on('passage', e => {
      if (!state.lanes.some(l => l.laneId === e.laneId)) return;
      remember(state, e);
      if (e.type !== 'PAYMENT' && e.laneId !== state.focus) state.flagged.add(e.laneId);
      paint();
    }),
    // A waiting car's stay runs with central's clock; only that text changes, so nothing moves under a click.
    live.on('clock', () => root.querySelectorAll('[data-test=stay][data-running=yes]').forEach(dd => {
      dd.textContent = stay((siteNow() - Date.parse(dd.dataset.since)) / 1000);
    })),
    // The attendant sees their supervisor take a case of this post and deal with it.
    live.on('exceptions', list => {
      const mine = list.filter(x => state.lanes.some(l => l.laneId === x.laneId));
      for (const x of mine) {
        const was = state.cases.get(x.id);
        if (x.status === 'CLAIMED' && was && was.status !== 'CLAIMED') {
          toast(t('alert.claimed', { who: x.claimedByName || x.claimedBy || '', lane: laneLabel(x.laneId), plate: x.plate ?? x.plateAsRead ?? '—' }));
        }
      }
      for (const [id, was] of state.cases) {
        if (!mine.some(x => x.id === id)) toast(t('alert.resolved', { lane: laneLabel(was.laneId), plate: was.plate ?? was.plateAsRead ?? '—' }));
      }
      state.cases = new Map(mine.map(x => [x.id, x]));
    }),
  ];
  return () => { document.removeEventListener('keydown', onKey); offs.forEach(off => off()); };
}

/** Keeps the newest vehicle event per lane, and which exits are paid. */
function remember(state, e) {
  if (e.type === 'PAYMENT') {
    if (e.relatedId) state.paid.set(e.relatedId, { receipt: e.remark, fen: e.feeFen });
    return;
  }
  if (!['ENTRY', 'EXIT', 'EXCEPTION', 'ALARM', 'RELEASED'].includes(e.type)) return;
  const prev = state.latest.get(e.laneId);
  if (!prev || prev.occurredAt <= e.occurredAt) state.latest.set(e.laneId, e);
}

function newestLane(state) {
  let best = null;
  state.latest.forEach(e => { if (!best || e.occurredAt > best.occurredAt) best = e; });
  return best?.laneId;
}

/**
 * The vehicle to show for a lane: the one the lane holds now (its status says so: a hold for the fee is
 * no lane event), else the lane's newest event.
 */
export function current(state, l) {
  const w = l.waiting;
  const e = state.latest.get(l.laneId);
  if (!w) return e;
  if (e && e.eventId === w.eventId) return e;
  return { ...w, type: 'WAITING', occurredAt: w.since, laneId: l.laneId };
}

function feeDue(state, e) {
  if (!e || state.paid.has(e.eventId)) return false;
  if (e.type === 'WAITING') return e.verdict === 'COLLECT_FEE' && e.feeFen > 0;
  // An exit reported with its fee but no payment (a lane without a booth till): collect it here.
  return e.type === 'EXIT' && e.feeFen > 0 && !e.paymentMethod;
}


function verdict(state, e) {
  if (!e) return { cls: '', text: t('lane.idle') };
  if (e.type === 'EXCEPTION' || e.type === 'ALARM' || (e.type === 'WAITING' && e.verdict === 'HOLD')) {
    return { cls: 'hold', text: t('lane.hold') };
  }
  if (feeDue(state, e)) return { cls: 'pay', text: t('lane.pay') };
  if (state.paid.has(e.eventId)) return { cls: 'ok', text: t('lane.paid') };
  if (e.type === 'WAITING') return { cls: 'pay', text: t('lane.waitPay') };
  return { cls: 'ok', text: t('lane.type.' + e.type) };
}

/**
 * The vehicle's entry (for a car at an exit): looked up once per plate from the register, then repainted.
 * Undefined while loading, null when the register has none.
 */
function entryOf(state, l, e, paint) {
  const plate = e?.plate;
  if (l.direction !== 'OUT' || !plate || e.type === 'ENTRY') return null;
  if (!state.entries.has(plate)) {
    state.entries.set(plate, undefined);
    const from = new Date(siteNow() - 90 * 86400_000).toISOString();
    api('GET', `/api/passages?plate=${encodeURIComponent(plate)}&type=ENTRY&from=${from}&limit=2000`)
      .then(rows => { state.entries.set(plate, rows.filter(r => r.occurredAt <= (e.occurredAt ?? r.occurredAt)).pop() ?? null); paint(); })
      .catch(() => state.entries.delete(plate));
  }
  return state.entries.get(plate);
}

function shot(ref, caption, test) {
  return html`<figure data-test="${test}"><div class="snapshot">${raw(imageRef(ref)
    ? html`<img alt="${caption}" title="${t('lane.enlarge')}" src="${ref}">`
    : esc(ref ? t('lane.snapshotRef', { ref }) : t('lane.noSnapshot')))}</div><figcaption>${caption}</figcaption></figure>`;
}

/**
 * The receipt's number: central's own (R20261205-0042, counted per day), as it came; for a payment a lane
 * reported with only an id, the first 8 characters of that id, upper case (the id stays in the register).
 */
export function receiptNo(id) {
  const own = /R\d{8}-\d{4,}/.exec(String(id ?? ''));
  if (own) return own[0];
  return String(id ?? '').replace(/[^0-9a-fA-F]/g, '').slice(0, 8).toUpperCase() || String(id ?? '');
}

/**
 * What central has recorded as paid in part toward the fee of the car held at an exit: looked up once per plate
 * (then kept from the answers to this booth's payments). Undefined while loading.
 */
function partialOf(state, e, paint) {
  if (!e?.plate || !feeDue(state, e)) return null;
  if (!state.partials.has(e.plate)) {
    state.partials.set(e.plate, undefined);
    api('GET', '/api/prepayments/' + encodeURIComponent(e.plate))
      .then(r => { state.partials.set(e.plate, { paidFen: r.partialPaidFen ?? 0 }); paint(); })
      .catch(() => state.partials.delete(e.plate));
  }
  return state.partials.get(e.plate);
}

/** Prints a small receipt alone (the page's print stylesheet hides everything else). */
function printReceipt(l, e, paid) {
  const s = session.get();
  const el = document.createElement('div');
  el.id = 'print-receipt';
  el.innerHTML = html`<h2>${t('receipt.title')}</h2><dl class="kv">
    <dt>${t('receipt.no')}</dt><dd><b>${receiptNo(paid.receipt)}</b></dd>
    <dt>${t('receipt.plate')}</dt><dd>${e.plate ?? e.plateAsRead ?? '—'}</dd>
    <dt>${t('receipt.lane')}</dt><dd>${laneLabel(l.laneId)}</dd>
    <dt>${t('receipt.amount')}</dt><dd>${yuan(paid.fen)}</dd>
    ${raw(paid.remainingFen ? html`<dt>${t('receipt.kind')}</dt><dd>${t('receipt.partial', { rest: yuan(paid.remainingFen) })}</dd>` : '')}
    <dt>${t('receipt.method')}</dt><dd>${t('pay.' + (paid.method ?? 'CASH'))}</dd>
    <dt>${t('receipt.at')}</dt><dd>${clock(paid.at ?? new Date(siteNow()).toISOString())}</dd>
    <dt>${t('receipt.by')}</dt><dd>${s.displayName || s.username}</dd></dl>`;
  document.body.append(el);
  document.body.classList.add('print-receipt');
  try { window.print(); } finally {
    document.body.classList.remove('print-receipt');
    el.remove();
  }
}

/** Shows a photo over the whole screen; a click or Esc closes it. */
function enlarge(src) {
  const d = document.createElement('dialog');
  d.className = 'photo';
  d.id = 'photo-dialog';
  const img = document.createElement('img');
  img.src = src;
  d.append(img);
  d.addEventListener('click', () => d.close());
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  d.showModal();
}

function paintLanes(root, state, repaint) {
  root.querySelector('#lanes').innerHTML = state.lanes.map(l => {
    const e = current(state, l);
    const v = verdict(state, e);
    const paid = e && state.paid.get(e.eventId);
    const part = partialOf(state, e, repaint);
    const plate = e?.plate ?? e?.plateAsRead;
    const entry = entryOf(state, l, e, repaint);
    const colour = e?.colour ?? entry?.colour ?? null;
    const exitAt = e && l.direction === 'OUT' ? (e.type === 'WAITING' ? null : e.occurredAt) : null;
    const enteredAt = l.direction === 'OUT' ? entry?.occurredAt : e?.occurredAt;
    const stayEnd = exitAt ? Date.parse(exitAt) : siteNow();
    const photos = l.direction === 'OUT'
      ? html`<div class="photos">${raw(shot(entry?.snapshotRef, t('lane.entryPhoto') + (entry ? ' · ' + clock(entry.occurredAt) : ''), 'entry-photo'))}
          ${raw(shot(e?.snapshotRef, t('lane.exitPhoto') + (e ? ' · ' + clock(e.occurredAt) : ''), 'exit-photo'))}</div>`
      : html`<div class="photos one">${raw(shot(e?.snapshotRef, t('lane.entryPhoto') + (e ? ' · ' + clock(e.occurredAt) : ''), 'entry-photo'))}</div>`;
    return html`<section class="panel lane" data-lane="${l.laneId}" id="lane-${l.laneId}"
        data-flagged="${state.flagged.has(l.laneId) ? 'yes' : ''}"
        style="${raw(state.focus === l.laneId ? 'outline:3px solid var(--accent)' : state.flagged.has(l.laneId) ? 'outline:3px dashed var(--warn)' : '')}">
      <div class="lane-head">
        <h2 title="${l.laneId}">${l.name ?? l.laneId} <span class="tag">${t('dir.' + l.direction)}</span></h2>
        <span>
          ${raw(live.connected() ? html`<span class="tag ${raw(l.online ? 'ok' : 'bad')}" data-test="online">${t(l.online ? 'lane.online' : 'lane.offline')}</span>
          <span class="tag">${t('barrier.' + (l.barrier ?? 'UNKNOWN'))}</span>`
          : html`<span class="tag stale" data-test="online">${t('lane.unknown')}</span>
          <span class="tag stale" data-test="stale">${t('lane.stale')}: ${t('barrier.' + (l.barrier ?? 'UNKNOWN'))}</span>`)}
          <span class="tag ${raw(l.queue > 0 ? 'warn' : '')}" data-test="loop">${l.queue > 0 ? t('lane.onLoop', { n: l.queue }) : t('lane.loopFree')}</span>
          ${raw(laneClockText(l.laneId) ? html`<span class="tag bad" data-test="clock" title="${t('lane.clockHint')}">${laneClockText(l.laneId)}</span>` : '')}
        </span>
      </div>
      <div class="vehicle">
        <div>
          <div class="plate ${raw(plate ? esc(colour ?? 'BLUE') : 'none')}" data-test="plate" data-colour="${colour ?? ''}">${plate ?? (e ? t('lane.noPlate') : '— — —')}</div>
          <dl class="kv" style="margin-top:.5rem">
            <dt>${t('lane.category')}</dt><dd data-test="category">${colour ? t('colour.' + colour) : '—'}</dd>
            <dt>${t('lane.asRead')}</dt><dd>${e?.plateAsRead ?? '—'}${e?.confidence != null ? ` (${t('lane.confidence', { n: e.confidence })})` : ''}</dd>
            <dt>${t('lane.card')}</dt><dd>${e?.card ?? '—'}</dd>
            <dt>${t('lane.entryAt')}</dt><dd data-test="entry-at">${enteredAt ? clock(enteredAt) : (l.direction === 'OUT' && e && entry === null ? t('lane.noEntry') : '—')}</dd>
            ${raw(l.direction === 'OUT' ? html`<dt>${t('lane.exitAt')}</dt><dd data-test="exit-at">${exitAt ? clock(exitAt) : (e ? clock(e.occurredAt) : '—')}</dd>
            <dt>${t('lane.stay')}</dt><dd data-test="stay" data-since="${enteredAt ?? ''}" data-running="${enteredAt && !exitAt ? 'yes' : ''}">${enteredAt ? stay((stayEnd - Date.parse(enteredAt)) / 1000) : '—'}</dd>` : '')}
            <dt>${t('lane.code')}</dt><dd data-test="code">${codeText(e?.code)}</dd>
          </dl>
        </div>
      </div>
      ${raw(photos)}
      <div class="decision ${raw(v.cls)}" data-test="decision">${v.text}${e?.reason ? ' · ' + e.reason : ''}</div>
      <div class="row" style="justify-content:space-between;margin-top:.4rem">
        <span class="muted">${t('lane.fee')}</span>
        <span class="fee" data-test="fee">${e?.type === 'EXIT' || (e?.type === 'WAITING' && e.feeFen != null) ? yuan(e.feeFen ?? 0) : '—'}</span>
      </div>
      ${raw(e?.remark ? html`<div class="muted small">${t('lane.remark')}: ${e.remark}</div>` : '')}
      ${raw(part?.paidFen > 0 ? html`<div class="receipt partial" data-test="partial">${t('lane.partial', { paid: yuan(part.paidFen), rest: yuan(Math.max(0, (e.feeFen ?? 0) - part.paidFen)) })}
        ${raw(part.last ? html` · ${t('lane.receiptNo')}: <b id="partial-receipt-no">${part.last.receipt}</b>
        <button type="button" class="secondary" data-print="${e.eventId}">${t('lane.printReceipt')}</button>` : '')}
        ${raw(['SUPERVISOR', 'MANAGER'].includes(session.get()?.role) ? html`<button type="button" class="danger" data-waive="${e.eventId}" id="waive-rest">${t('lane.waive.button')}</button>` : '')}</div>` : '')}
      ${raw(paid ? html`<div class="receipt" data-test="receipt">${t('lane.receiptNo')}: <b id="receipt-no" title="${paid.receipt}">${receiptNo(paid.receipt)}</b> · ${yuan(paid.fen)}
        <button type="button" class="secondary" data-print="${e.eventId}">${t('lane.printReceipt')}</button></div>` : '')}
    </section>`;
  }).join('') || `<div class="panel muted">${esc(t('lane.none'))}</div>`;
  const focused = state.lanes.find(l => l.laneId === state.focus);
  const e = focused ? current(state, focused) : state.latest.get(state.focus);
  root.querySelector('#focus-label').textContent = state.focus
    ? t('lane.focus', { lane: laneLabel(state.focus), plate: e?.plate ?? e?.plateAsRead ?? '—' }) : '';
  root.querySelector('#act-cash').disabled = !feeDue(state, e);
  // After handing over, the booth waits for the receiver: the outgoing attendant acts no more.
  const handedOver = session.get()?.handedOver;
  if (handedOver) root.querySelectorAll('#actions button').forEach(b => { b.disabled = true; });
  const notice = root.querySelector('#handed-over');
  notice.hidden = !handedOver;
  notice.textContent = handedOver ? t('lane.handedOver', { no: handedOver }) : '';
}

/** Shows a note just stored at once (the live stream brings it too: kept once). */
function keep(state, r) {
  if (r?.note && !state.notes.some(x => x.id === r.note.id)) state.notes.unshift(r.note);
}

/** The post's lane notes, newest first: damage, goods checks, calls, escalations, with who and when. */
function paintHistory(root, state) {
  root.querySelector('#history tbody').innerHTML = state.notes.map(n => html`<tr data-note="${n.id}">
    <td>${clock(n.at)}</td><td>${laneLabel(n.laneId)}</td><td><span class="tag ${raw(n.kind === 'DAMAGE' || n.kind === 'CALL' ? 'warn' : '')}">${t('note.kind.' + n.kind)}</span></td>
    <td><b>${n.plate ?? '—'}</b></td><td>${n.note || '—'}</td><td class="muted small">${n.displayName || n.from}</td></tr>`).join('')
    || html`<tr><td class="muted">${t('lane.noHistory')}</td></tr>`;
}

async function act(kind, state, paint) {
  const laneId = state.focus;
  if (!laneId || session.get()?.handedOver) return;
  const focused = state.lanes.find(l => l.laneId === laneId);
  const e = focused ? current(state, focused) : state.latest.get(laneId);
  const plate = e?.plate ?? e?.plateAsRead ?? '';
  const s = session.get();
  try {
    if (kind === 'cash') {
      if (!feeDue(state, e)) return;
      // What is still due is recorded: less is refused unless the attendant records it as a partial payment (the
      // car then stays held for the rest), more is change.
      const before = (await partialNow(state, e)) ?? 0;
      const fee = Math.max(0, e.feeFen - before);
      const v = await ask({
        id: 'cash-dialog', title: t('lane.cash.title'), submit: t('lane.cash.submit'),
        text: before ? t('lane.cash.textPartial', { plate, fee: yuan(e.feeFen), paid: yuan(before) }) : t('lane.cash.text', { plate, fee: yuan(fee) }),
        big: (before ? t('lane.cash.rest') : t('lane.cash.due')) + ' ' + yuan(fee),
        fields: [{ name: 'amount', label: t('lane.cash.amount'), type: 'number', value: (fee / 100).toFixed(2), required: true },
          { name: 'kind', label: t('lane.cash.kind'), type: 'select', value: 'FULL',
            options: [['FULL', t('lane.cash.full')], ['PARTIAL', t('lane.cash.partial')]] }],
        check: x => {
          const given = fenOf(x.amount);
          if (given === null) return t('common.badAmount', { value: x.amount });
          if (x.kind === 'PARTIAL') return given <= 0 || given >= fee ? t('lane.cash.partialRange', { fee: yuan(fee) }) : null;
          return given < fee ? t('lane.cash.tooLittle', { paid: yuan(given), fee: yuan(fee) }) : null;
        },
        hint: x => {
          const given = fenOf(x.amount);
          if (given === null) return '';
          if (x.kind === 'PARTIAL') return given > 0 && given < fee ? t('lane.cash.partialHint', { rest: yuan(fee - given) }) : '';
          return given > fee ? t('lane.cash.change', { change: yuan(given - fee) }) : '';
        },
      });
      if (!v) return;
      if (v.kind === 'PARTIAL') {
        const given = fenOf(v.amount);
        const r = await api('POST', '/api/prepayments', { plate, amountFen: given, method: 'CASH', post: s.post, partial: true });
        state.partials.set(plate, { paidFen: r.paidTowardFen,
          last: { receipt: r.receiptNo, fen: given, at: r.paidAt, remainingFen: r.remainingFen } });
        toast(t('lane.cash.donePartial', { paid: yuan(given), rest: yuan(r.remainingFen), receipt: r.receiptNo }));
      } else {
        const change = fenOf(v.amount) - fee;
        const r = await api('POST', '/api/prepayments', { plate, amountFen: fee, method: 'CASH', post: s.post });
        state.paid.set(e.eventId, { receipt: r.receiptNo, fen: fee, at: r.paidAt });
        state.partials.delete(plate);
        sessionStorage.setItem(PAID, JSON.stringify([...state.paid].slice(-200)));
        toast(change > 0 ? t('lane.cash.doneChange', { fee: yuan(fee), change: yuan(change), receipt: r.receiptNo })
          : t('lane.cash.done', { receipt: r.receiptNo }));
      }
    } else if (kind === 'damage') {
      const v = await ask({ id: 'damage-dialog', title: t('lane.damage.title'), submit: t('common.save'),
        fields: [{ name: 'plate', label: t('common.plate'), value: plate, required: true },
          { name: 'note', label: t('lane.damage.note'), type: 'textarea', required: true }] });
      if (!v) return;
      keep(state, await api('POST', 'notes', { kind: 'DAMAGE', laneId, plate: v.plate, note: v.note }));
      toast(t('lane.damage.done'));
    } else if (kind === 'goods') {
      const v = await ask({ id: 'goods-dialog', title: t('lane.goods.title'), submit: t('common.save'),
        fields: [{ name: 'plate', label: t('common.plate'), value: plate, required: true },
          { name: 'result', label: t('lane.goods.result'), type: 'select', value: 'NONE',
            options: [['NONE', t('lane.goods.none')], ['SUSPECT', t('lane.goods.suspect')]] },
          { name: 'note', label: t('common.note'), type: 'textarea' }] });
      if (!v) return;
      keep(state, await api('POST', 'notes', { kind: 'GOODS_CHECK', laneId, plate: v.plate,
        note: t('lane.goods.' + (v.result === 'NONE' ? 'none' : 'suspect')) + (v.note ? ' · ' + v.note : '') }));
      toast(t('lane.goods.done'));
    } else if (kind === 'visitor') {
      const v = await ask({ id: 'visitor-dialog', title: t('lane.visitor.title'), submit: t('common.save'),
        fields: [{ name: 'plate', label: t('common.plate'), value: plate, required: true },
          { name: 'hours', label: t('lane.visitor.hours'), type: 'number', value: '4', required: true },
          { name: 'note', label: t('lane.visitor.note'), type: 'textarea', required: true }],
        check: x => (/^\d{1,3}$/.test(x.hours) && Number(x.hours) > 0 ? null : t('common.badNumber', { value: x.hours })) });
      if (!v) return;
      const from = siteNow();
      await api('PUT', '/api/registry', { visitors: [{ plate: v.plate, validFrom: new Date(from).toISOString(),
        validUntil: new Date(from + Number(v.hours) * 3600_000).toISOString(), note: v.note }] });
      toast(t('lane.visitor.done', { plate: v.plate }));
    } else if (kind === 'call') {
      // The lane's reason is shown, not typed into the note: what the attendant types is theirs alone.
      const v = await ask({ id: 'call-dialog', title: t('lane.call.title'), submit: t('lane.call.submit'),
        text: e?.reason ? t('lane.call.reason', { reason: e.reason }) : undefined,
        fields: [{ name: 'note', label: t('common.note'), type: 'textarea' }] });
      if (!v) return;
      keep(state, await api('POST', 'notes', { kind: 'CALL', laneId, plate, note: v.note || e?.reason || '' }));
      toast(t('lane.call.done'));
    } else if (kind === 'plate') {
      // The camera misread the held car's plate: the attendant types what the plate says. Central records who
      // corrected what and the lane decides again by its own rules (a correction never opens by itself).
      // Only a held car's case is corrected (central refuses alarms, long stays and escalated cases).
      const held = [...state.cases.values()].filter(x => x.laneId === laneId && correctable(x))
        .sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)))[0];
      if (!held) { toast(t('lane.plate.none'), true); return; }
      const read = held.plateAsRead ?? held.plate ?? '';
      const v = await ask({ id: 'plate-dialog', title: t('lane.plate.title'), submit: t('lane.plate.submit'),
        text: t('lane.plate.text', { read: read || t('lane.plate.unread') }),
        fields: [{ name: 'plate', label: t('lane.plate.label'), value: read, required: true }],
        check: x => {
          const p = x.plate.trim().toUpperCase();
          if (!/^\S{7,8}$/.test(p)) return t('lane.plate.bad', { value: x.plate });
          return p === read ? t('lane.plate.same') : null;
        } });
      if (!v) return;
      const corrected = v.plate.trim().toUpperCase();
      await api('POST', `/api/exceptions/${encodeURIComponent(held.id)}/correct-plate`, { plate: corrected });
      state.cases.delete(held.id);
      toast(t('lane.plate.done', { plate: corrected, lane: laneLabel(laneId) }));
    } else if (kind === 'open') {
      const v = await ask({ id: 'open-dialog', title: t('lane.open.title', { lane: laneLabel(laneId) }), danger: true,
        submit: t('lane.open.submit'), text: t('lane.open.text'),
        fields: [{ name: 'reason', label: t('lane.open.reason'), type: 'textarea', required: true }] });
      if (!v) return;
      await api('POST', `/api/lanes/${encodeURIComponent(laneId)}/open`, { reason: v.reason });
      toast(t('lane.open.done', { lane: laneLabel(laneId) }));
    }
  } catch (err) {
    refused(err);
  }
  paint();
}

/**
 * A refusal shown at the top. Central refuses every lane action of an attendant who has handed the shift over
 * (from another tab or PC too): the page then says so and locks the actions as well.
 */
function refused(err) {
  const handed = /handed your shift over on form (\S+?);/.exec(String(err.detail ?? ''));
  if (handed) {
    session.patch({ handedOver: handed[1] });
    toast(err.message, true);
    return;
  }
  toast(t('common.failed', { message: err.status === 403 ? t('common.forbidden') : err.message }), true);
}

/** What central has recorded as paid in part toward the plate's fee, asked afresh (another booth may have taken some). */
async function partialNow(state, e) {
  const r = await api('GET', '/api/prepayments/' + encodeURIComponent(e.plate));
  const was = state.partials.get(e.plate);
  state.partials.set(e.plate, { ...(was ?? {}), paidFen: r.partialPaidFen ?? 0 });
  return r.partialPaidFen ?? 0;
}

/** A supervisor waives what a partially paid car still owes, with a reason: central then lets it out. */
async function waiveRest(state, paint) {
  const l = state.lanes.find(x => x.laneId === state.focus);
  const e = l && current(state, l);
  const part = e && state.partials.get(e.plate);
  if (!e || !part?.paidFen) return;
  try {
    const v = await ask({ id: 'waive-dialog', title: t('lane.waive.title'), danger: true, submit: t('lane.waive.submit'),
      text: t('lane.partial', { paid: yuan(part.paidFen), rest: yuan(Math.max(0, e.feeFen - part.paidFen)) }),
      fields: [{ name: 'reason', label: t('lane.waive.reason'), type: 'textarea', required: true }] });
    if (!v) return;
    const r = await api('POST', '/api/prepayments/waive', { plate: e.plate, reason: v.reason, post: session.get().post });
    state.paid.set(e.eventId, { receipt: r.receiptNo, fen: r.paidTowardFen, at: r.paidAt });
    state.partials.delete(e.plate);
    toast(t('lane.waive.done', { rest: yuan(r.waivedFen), receipt: r.receiptNo }));
  } catch (err) {
    refused(err);
  }
  paint();
}
