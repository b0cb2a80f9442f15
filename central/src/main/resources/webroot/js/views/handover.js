// Shift handover on form FM-RW528: the outgoing attendant fills it in, the incoming one accepts at the booth,
// a supervisor signs; the form prints as the paper register.
import { api, session } from '../api.js';
import { go, signedIn, toast } from '../app.js';
import { apply, t } from '../i18n.js';
import { nowIso } from '../siteclock.js';
import { clock, date, fenOf, html, laneLabel, postLabel, raw, time, yuan } from '../format.js';

const ITEMS = ['walkieTalkies', 'keys', 'batons', 'flashlights', 'tickets'];

export async function render(root, [id]) {
  if (id) {
    const h = await api('GET', '/api/handovers/' + encodeURIComponent(id));
    paintForm(root, h);
    return;
  }
  const s = session.get();
  if (s.role !== 'ATTENDANT' || !s.shiftId) {
    const [unsigned, pending] = await Promise.all([api('GET', '/api/handovers?state=UNSIGNED'),
      api('GET', '/api/handovers?state=PENDING')]);
    const list = (rows, when) => rows.length ? html`<table data-test="${when}"><tr><th>${t('ho.col.formNo')}</th><th>${t('ho.post')}</th>
      <th>${t('ho.from')}</th><th>${t('ho.receiver')}</th><th>${t(when === 'unsigned' ? 'ho.col.when' : 'ho.date')}</th>${raw(when === 'unsigned' ? html`<th>${t('ho.difference')}</th>` : '')}</tr>
      ${raw(rows.map(h => html`<tr><td><a href="#/handover/${encodeURIComponent(h.id)}">${h.formNo}</a></td><td>${postLabel(h.post)}</td>
        <td>${h.fromName ?? h.fromAttendant}</td><td>${h.toName ?? h.toAttendant}</td><td>${time(when === 'unsigned' ? h.acceptedAt : h.createdAt)}</td>
        ${raw(when === 'unsigned' ? html`<td class="diff ${raw(h.differenceFen === 0 ? 'ok' : 'bad')}">${h.differenceFen === 0 ? t('ho.matches') : yuan(h.differenceFen)}</td>` : '')}</tr>`).join(''))}</table>`
      : '';
    root.innerHTML = html`<div class="panel">
      <h1>${t('ho.title')}</h1><p class="muted">${t('ho.onlyAttendant')}</p>
      <form id="open-form" class="row"><input id="open-id" placeholder="${t('ho.idPlaceholder')}" style="max-width:420px">
      <button>${t('ho.open')}</button></form><div class="error" id="open-error" role="alert"></div>
      <h2>${t('ho.unsigned')}</h2>${raw(list(unsigned, 'unsigned') || html`<p class="muted">${t('ho.noUnsigned')}</p>`)}
      ${raw(pending.length ? html`<h2>${t('ho.pendingList')}</h2>${raw(list(pending, 'pending'))}` : '')}</div>`;
    root.querySelector('#open-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const no = root.querySelector('#open-id').value.trim();
      if (!no) return;
      // The number printed on the form (FM-RW528-…) or the id: central finds either.
      try {
        const h = await api('GET', '/api/handovers/' + encodeURIComponent(no));
        go('handover/' + encodeURIComponent(h.id));
      } catch (e) { root.querySelector('#open-error').textContent = e.message; }
    });
    return;
  }
  const [notes, attendants] = await Promise.all([
    api('GET', `/api/notes?post=${encodeURIComponent(s.post)}&from=${s.shiftStartedAt}&limit=2000`),
    api('GET', '/api/attendants')]);
  notes.reverse();
  root.innerHTML = html`<form class="panel form528" id="handover-form" autocomplete="off">
    ${raw(header())}
    <table>
      <tr><th>${t('ho.date')}</th><td>${date(nowIso())}</td><th>${t('ho.shift')}</th><td>${s.shiftName ? t('shift.' + s.shiftName) + ' · ' : ''}${t('ho.since', { at: clock(s.shiftStartedAt) })}</td></tr>
      <tr><th>${t('ho.post')}</th><td>${postLabel(s.post)}</td><th>${t('ho.formNo')}</th><td class="muted">${t('ho.formNoLater')}</td></tr>
      <tr><th>${t('ho.from')}</th><td>${s.displayName || s.username}</td><th><label for="toAttendant">${t('ho.to')} *</label></th><td><select id="toAttendant" name="toAttendant" required>
        <option value="">${t('ho.pickReceiver')}</option>${raw(attendants.filter(a => a.username !== s.username)
          .map(a => html`<option value="${a.username}">${a.displayName} (${a.username})</option>`).join(''))}</select></td></tr>
    </table>
    <label for="dutyNotes">${t('ho.dutyNotes')}</label><textarea id="dutyNotes" name="dutyNotes"></textarea>
    <h3>${t('ho.notes')}</h3>${raw(notesTable(notes))}
    <h3>${t('ho.items')}</h3>
    <table><tr>${raw(ITEMS.map(i => html`<th><label for="${i}">${t('ho.item.' + i)}</label></th>`).join(''))}<th><label for="cash">${t('ho.item.cash')} *</label></th></tr>
      <tr>${raw(ITEMS.map(i => html`<td><input id="${i}" name="${i}" value="0" inputmode="numeric"></td>`).join(''))}<td><input id="cash" name="cash" inputmode="decimal" required></td></tr></table>
    <p class="muted small">${t('ho.cashHint')}</p>
    <label for="remarks">${t('ho.remarks')}</label><textarea id="remarks" name="remarks"></textarea>
    <div class="error" id="ho-error" role="alert"></div>
    <div class="row noprint"><button id="ho-submit">${t('ho.submit')}</button></div>
  </form>`;
  const form = root.querySelector('#handover-form');
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const err = form.querySelector('#ho-error');
    err.textContent = '';
    const counts = {};
    for (const i of ITEMS) {
      if (!/^\d{1,4}$/.test(form[i].value.trim())) { err.textContent = t('common.badNumber', { value: t('ho.item.' + i) + ' = ' + form[i].value }); return; }
      counts[i] = Number(form[i].value.trim());
    }
    const cashFen = fenOf(form.cash.value);
    if (cashFen === null) { err.textContent = t('common.badAmount', { value: form.cash.value }); return; }
    if (!form.toAttendant.value.trim()) { err.textContent = t('common.required', { field: t('ho.to') }); return; }
    try {
      const h = await api('POST', `/api/shifts/${encodeURIComponent(s.shiftId)}/handover`, {
        toAttendant: form.toAttendant.value.trim(), dutyNotes: form.dutyNotes.value.trim() || null, ...counts,
        cashFen, remarks: form.remarks.value.trim() || null });
      // The outgoing attendant acts no more at the lanes: the booth waits for the receiver.
      session.patch({ handedOver: h.formNo });
      go('handover/' + encodeURIComponent(h.id));
    } catch (e) { err.textContent = t('common.failed', { message: e.message }); }
  });
}

/** The lane notes of the shift (damage seen on entry, goods checks, calls, escalations) as a form table. */
function notesTable(notes) {
  return html`<table data-test="shift-notes"><tr><th>${t('lane.time')}</th><th>${t('sup.col.lane')}</th><th>${t('ho.noteKind')}</th><th>${t('common.plate')}</th><th>${t('common.note')}</th><th>${t('ho.noteBy')}</th></tr>
    ${raw((notes ?? []).map(n => html`<tr><td>${clock(n.at)}</td><td>${laneLabel(n.laneId)}</td><td>${t('note.kind.' + n.kind)}</td><td>${n.plate ?? '—'}</td><td>${n.note || '—'}</td><td>${n.displayName || n.from}</td></tr>`).join('')
      || html`<tr><td colspan="6" class="muted">${t('ho.noNotes')}</td></tr>`)}</table>`;
}

function header() {
  return html`<div class="row" style="justify-content:space-between;align-items:baseline">
    <h1>${t('ho.formTitle')}</h1><span class="muted">FM-RW528</span></div>`;
}

function paintForm(root, h) {
  const diff = h.differenceFen;
  root.innerHTML = html`<div class="panel form528" id="handover-view">
    ${raw(header())}
    <table>
      <tr><th>${t('ho.date')}</th><td>${date(h.createdAt)}</td><th>${t('ho.shift')}</th><td data-test="shift">${h.shiftName ? t('shift.' + h.shiftName) + ' · ' : ''}${clock(h.shiftStartedAt)} – ${h.acceptedAt ? clock(h.acceptedAt) : '…'}</td></tr>
      <tr><th>${t('ho.post')}</th><td>${postLabel(h.post)}</td><th>${t('ho.formNo')}</th><td data-test="form-no"><b>${h.formNo}</b></td></tr>
      <tr><th>${t('ho.from')}</th><td data-test="from">${h.fromName ?? h.fromAttendant}</td><th>${t('ho.receiver')}</th><td data-test="to">${h.toName ?? h.toAttendant} ${h.acceptedAt ? '✔ ' + time(h.acceptedAt) : ''}</td></tr>
    </table>
    <h3>${t('ho.dutyNotes')}</h3><p>${h.dutyNotes ?? '—'}</p>
    <h3>${t('ho.notes')}</h3>${raw(notesTable(h.notes))}
    <h3>${t('ho.exceptions')}</h3>
    <table><tr><th>${t('sup.col.lane')}</th><th>${t('common.plate')}</th><th>${t('sup.outcome')}</th><th>${t('lane.fee')}</th><th>${t('ho.resolvedBy')}</th></tr>
      ${raw((h.exceptionsResolved ?? []).map(x => html`<tr><td>${laneLabel(x.laneId)}</td><td>${x.plate ?? '—'}</td><td>${x.outcome ?? ''}</td><td>${t('sup.fee.' + (x.feeAction ?? 'COLLECT'))} ${yuan(x.feeFen)}</td><td>${x.resolvedBy ?? ''} ${clock(x.resolvedAt)}</td></tr>`).join('')
        || html`<tr><td colspan="5" class="muted">${t('ho.noExceptions')}</td></tr>`)}</table>
    <h3>${t('ho.payments')}</h3>
    <table data-test="shift-payments"><tr><th>${t('receipt.no')}</th><th>${t('lane.time')}</th><th>${t('common.plate')}</th><th>${t('receipt.amount')}</th><th>${t('receipt.kind')}</th></tr>
      ${raw((h.payments ?? []).map(p => html`<tr><td>${p.receiptNo ?? '—'}</td><td>${clock(p.paidAt)}</td><td>${p.plate}</td><td>${yuan(p.amountFen)}</td>
        <td>${p.partial ? t('reg.pay.partial', { rest: yuan(Math.max(0, (p.dueFen ?? 0) - (p.creditedFen ?? p.amountFen))) })
          : p.method === 'WAIVED' ? t('reg.pay.waived', { reason: p.note ?? '' }) : t('reg.pay.full')}</td></tr>`).join('')
        || html`<tr><td colspan="5" class="muted">${t('ho.noPayments')}</td></tr>`)}</table>
    <h3>${t('ho.items')}</h3>
    <table><tr>${raw(ITEMS.map(i => html`<th>${t('ho.item.' + i)}</th>`).join(''))}</tr>
      <tr>${raw(ITEMS.map(i => html`<td>${h[i]}</td>`).join(''))}</tr></table>
    <table style="margin-top:.6rem"><tr><th>${t('ho.cashCounted')}</th><th>${t('ho.cashExpected')}</th><th>${t('ho.difference')}</th></tr>
      <tr><td data-test="cash-counted">${yuan(h.cashFen)}</td><td data-test="cash-expected">${yuan(h.expectedCashFen)}</td>
      <td class="diff ${raw(diff === 0 ? 'ok' : 'bad')}" data-test="difference" id="difference">${diff === 0 ? t('ho.matches') : (diff > 0 ? '+' : '') + yuan(diff) + ' ' + t(diff > 0 ? 'ho.over' : 'ho.short')}</td></tr></table>
    <h3>${t('ho.remarks')}</h3><p>${h.remarks ?? '—'}</p>
    <p>${t('ho.supervisorSign')}: <span class="sigline" data-test="supervisor">${h.supervisor ? (h.supervisorName ?? h.supervisor) + ' ' + time(h.signedAt) : ''}</span></p>
    <div class="noprint" id="ho-actions"></div>
  </div>`;
  const actions = root.querySelector('#ho-actions');
  const step = (idp, title, user, button) => html`<form class="row" id="${idp}-form" style="margin-top:.8rem;align-items:end" autocomplete="off">
      <div style="flex:1"><label for="${idp}-user">${title}</label><input id="${idp}-user" value="${user}" ${raw(user ? 'readonly' : '')}></div>
      <div style="flex:1"><label for="${idp}-password">${t('login.password')}</label><input id="${idp}-password" type="password"></div>
      <button id="${idp}-submit">${button}</button></form>`;
  let out = '';
  if (!h.acceptedAt) out += step('accept', t('ho.acceptBy'), h.toAttendant, t('ho.accept'));
  else if (!h.signedAt) out += step('sign', t('ho.signBy'), '', t('ho.sign'));
  out += html`<div class="error" id="ho-step-error" role="alert"></div>
    <div class="row" style="margin-top:.6rem"><button type="button" class="secondary" id="print">${t('ho.print')}</button></div>`;
  actions.innerHTML = out;
  actions.querySelector('#print').addEventListener('click', () => window.print());
  const err = actions.querySelector('#ho-step-error');
  actions.querySelector('#accept-form')?.addEventListener('submit', ev => confirmStep(ev, 'accept', h, err));
  actions.querySelector('#sign-form')?.addEventListener('submit', ev => confirmStep(ev, 'sign', h, err));
  apply(root);
}

/** The receiving attendant (or the supervisor) confirms at the booth with their own password. */
async function confirmStep(ev, kind, h, err) {
  ev.preventDefault();
  err.textContent = '';
  const user = document.getElementById(kind + '-user').value.trim();
  const password = document.getElementById(kind + '-password').value;
  try {
    const { token } = await api('POST', '/api/login', { username: user, password });
    const after = await api('POST', `/api/handovers/${encodeURIComponent(h.id)}/${kind}`, undefined, token);
    if (kind === 'accept') {
      // The booth now belongs to the receiving attendant, on the shift the acceptance started.
      const me = await api('GET', '/api/me', undefined, token);
      // Central names the receiver's shift by the time of acceptance (a relief at 08:00 stays on 早班).
      session.set({ token, ...me, post: after.post, shiftId: after.nextShiftId, shiftStartedAt: after.acceptedAt,
        shiftName: after.nextShiftName ?? null });
      signedIn();
      toast(t('ho.accepted', { who: user }));
    } else {
      toast(t('ho.signed', { who: user }));
    }
    paintForm(document.getElementById('view'), after);
  } catch (e) { err.textContent = t('common.failed', { message: e.message }); }
}
