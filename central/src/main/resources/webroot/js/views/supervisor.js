// The supervisor's view: the live exception queue across lanes, the evidence, and the resolution with a signature.
import { api, session } from '../api.js';
import { toast } from '../app.js';
import { ask } from '../dialog.js';
import { apply, t } from '../i18n.js';
import * as live from '../live.js';
import { clock, codeText, duration, esc, fenOf, html, imageRef, laneClockText, laneLabel, learnLanes, raw, time, yuan } from '../format.js';
import { signaturePad } from '../signature.js';
import { now as siteNow } from '../siteclock.js';

export async function render(root, [selected]) {
  const me = session.get();
  learnLanes(await api('GET', '/api/lanes'));
  const state = { queue: await api('GET', '/api/exceptions'), selected: selected ?? null, detail: null };
  root.innerHTML = `
    <div class="split">
      <section class="panel">
        <div class="row" style="justify-content:space-between">
          <h1 data-i18n="sup.queue"></h1>
          ${me.role === 'MANAGER' ? '<button class="secondary" id="exempt" data-i18n="sup.exempt.button"></button>' : ''}
        </div>
        <div class="scroll"><table id="queue"><thead><tr>
          <th data-i18n="sup.col.wait"></th><th data-i18n="sup.col.vehicle"></th><th data-i18n="sup.col.status"></th>
          </tr></thead><tbody></tbody></table></div>
      </section>
      <section class="panel" id="detail"><p class="muted" data-i18n="sup.pick"></p></section>
    </div>`;
  const tbody = root.querySelector('#queue tbody');
  const paintQueue = () => {
    tbody.innerHTML = state.queue.map(x => html`<tr class="pick ${raw(x.id === state.selected ? 'on' : '')}" data-id="${x.id}">
      <td class="wait" data-opened="${x.openedAt}"></td><td><b>${x.plate ?? x.plateAsRead ?? '—'}</b>
      <div class="small muted">${laneLabel(x.laneId)} · ${x.reason ?? codeText(x.code)}</div></td><td><span class="tag ${raw(x.status === 'ESCALATED' ? 'bad' : x.status === 'CLAIMED' ? 'warn' : '')}">${t('exc.' + x.status)}</span>${x.claimedBy ? ' ' + (x.claimedByName || x.claimedBy) : ''}</td></tr>`).join('')
      || `<tr><td colspan="3" class="muted">${esc(t('sup.empty'))}</td></tr>`;
    tick();
  };
  const tick = () => tbody.querySelectorAll('td.wait').forEach(td => {
    const s = (siteNow() - Date.parse(td.dataset.opened)) / 1000;
    td.textContent = duration(s);
    td.classList.toggle('long', s > 180);
  });
  const open = async id => {
    state.selected = id;
    paintQueue();
    state.detail = await api('GET', '/api/exceptions/' + encodeURIComponent(id));
    paintDetail(root.querySelector('#detail'), state, open);
  };
  tbody.addEventListener('click', ev => {
    const tr = ev.target.closest('tr[data-id]');
    if (tr) open(tr.dataset.id);
  });
  root.querySelector('#exempt')?.addEventListener('click', approveExemption);
  paintQueue();
  if (state.selected) await open(state.selected);
  const timer = setInterval(tick, 1000);
  const off = live.on('exceptions', list => {
    state.queue = list;
    paintQueue();
    const cur = list.find(x => x.id === state.selected);
    if (cur && state.detail && cur.status !== state.detail.status) open(cur.id);
  });
  return () => { clearInterval(timer); off(); };
}

function paintDetail(el, state, reopen) {
  const x = state.detail;
  const me = session.get();
  const f = x.vehicleFile ?? {};
  const owner = f.owner;
  const mine = x.status === 'CLAIMED' && (x.claimedBy === me.username || me.role === 'MANAGER');
  el.innerHTML = html`
    <div class="row" style="justify-content:space-between">
      <h2>${t('sup.case', { lane: laneLabel(x.laneId) })} <span class="tag">${t('exc.' + x.status)}</span></h2>
      <span class="muted small">${t('sup.openedAt', { at: time(x.openedAt) })}</span>
    </div>
    <div class="case"><div>
    <div class="vehicle">
      <div>
        <div class="plate" data-test="plate">${x.plate ?? x.plateAsRead ?? t('lane.noPlate')}</div>
        <div class="decision hold">${x.reason ?? codeText(x.code)}</div>
        <dl class="kv" style="margin-top:.5rem">
          <dt>${t('lane.asRead')}</dt><dd>${x.plateAsRead ?? '—'}</dd>
          <dt>${t('lane.card')}</dt><dd>${x.card ?? '—'}</dd>
          <dt>${t('lane.code')}</dt><dd data-test="code">${codeText(x.code)}</dd>
          <dt>${t('sup.owner')}</dt><dd data-test="plate-owner">${raw(person(owner, t('sup.noOwner')))}</dd>
          ${raw(x.card ? html`<dt>${t('sup.cardHolder')}</dt><dd data-test="card-holder">${raw(cardHolder(x.cardFile))}</dd>` : '')}
          <dt>${t('sup.cards')}</dt><dd>${(f.cards ?? []).map(c => c.number + ' (' + t('cards.status.' + c.status) + ')').join(', ') || '—'}</dd>
          <dt>${t('sup.passes')}</dt><dd>${(f.passes ?? []).map(p => t('pass.' + p.type) + ' → ' + (p.validUntil ? time(p.validUntil) : '∞')).join(', ') || '—'}</dd>
          <dt>${t('sup.visitor')}</dt><dd>${f.visitor ? (f.visitor.note ?? '') + ' → ' + time(f.visitor.validUntil) : '—'}</dd>
          <dt>${t('sup.blacklist')}</dt><dd>${f.blacklist ? f.blacklist.reason ?? '✔' : '—'}</dd>
        </dl>
      </div>
      <div class="snapshot">${raw(imageRef(x.snapshotRef) ? html`<img alt="" src="${x.snapshotRef}">`
        : esc(x.snapshotRef ? t('lane.snapshotRef', { ref: x.snapshotRef }) : t('lane.noSnapshot')))}</div>
    </div>
    <h3>${t('sup.previous')}</h3>
    <table><tbody>${raw((x.previousPassages ?? []).map(p => html`<tr><td>${time(p.occurredAt)}</td><td>${laneLabel(p.laneId)}</td><td>${t('lane.type.' + p.type)}</td><td>${p.reason ?? ''}</td></tr>`).join('')
      || html`<tr><td class="muted">${t('sup.noPrevious')}</td></tr>`)}</tbody></table>
    </div><div id="act"></div></div>`;
  const act = el.querySelector('#act');
  if (x.status === 'OPEN' || x.status === 'ESCALATED') {
    act.innerHTML = `<button id="claim" data-i18n="sup.claim"></button>`;
    act.querySelector('#claim').addEventListener('click', async () => {
      try {
        await api('POST', `/api/exceptions/${encodeURIComponent(x.id)}/claim`);
        reopen(x.id);
      } catch (e) { toast(t('common.failed', { message: e.message }), true); }
    });
  } else if (mine) {
    resolutionForm(act, x, reopen);
  } else if (x.status === 'CLAIMED') {
    act.innerHTML = html`<p class="muted">${t('sup.claimedBy', { who: x.claimedByName || x.claimedBy })}</p>`;
  } else {
    act.innerHTML = html`<div class="receipt" data-test="resolved">${t('sup.resolved', { who: x.resolvedBy ?? '', at: time(x.resolvedAt) })}
      · ${x.outcome ?? ''} · ${t('sup.fee.' + (x.feeAction ?? 'COLLECT'))} ${yuan(x.feeFen)}
      ${x.releasedAt ? ' · ' + t('sup.releasedAt', { at: clock(x.releasedAt) }) : x.commandId ? ' · ' + t('sup.releaseSent') : ' · ' + t('sup.noRelease')}
      ${raw(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(x.signatureRef ?? '')
        ? `<div><img class="signed" alt="" src="${x.signatureRef}"></div>` : '')}</div>`;
  }
  apply(el);
}

/** A person on file with unit and a call button, or the text for nobody. */
function person(o, none) {
  if (!o) return html`<span class="muted">${none}</span>`;
  return html`<b>${o.name}</b> · ${o.unit ?? '—'} · ${raw(o.phone
    ? html`<a class="call" href="tel:${o.phone}" data-test="call">${t('sup.call', { phone: o.phone })}</a>`
    : html`<span class="muted">${t('sup.noPhone')}</span>`)}`;
}

/** The presented card's holder and the plate the card is registered to (a mismatch: who lent it). */
function cardHolder(cf) {
  if (!cf?.card) return html`<span class="muted">${t('sup.unknownCard')}</span>`;
  return person(cf.owner, t('sup.noCardHolder')) + html`<div class="small">${t('sup.cardPlate')}: <b>${cf.card.plate ?? '—'}</b>
    · ${t('cards.status.' + cf.card.status)}</div>`;
}

/** Alarms and long stays (no car waiting at the barrier) are resolved without a release by default. */
const NOT_AT_LANE = ['LONG_STAY', 'FORCED_PASSAGE', 'TAILGATING', 'BARRIER_BLOCKED', 'DEVICE_FAULT'];
function atLane(x) {
  return !NOT_AT_LANE.includes(x.code);
}

function resolutionForm(act, x, reopen) {
  act.innerHTML = `
    <form id="resolve-form" autocomplete="off">
      <div class="fields">
        <div><label for="licenceNo" data-i18n="sup.licence"></label><input id="licenceNo" name="licenceNo"></div>
        <div><label for="idCardNo" data-i18n="sup.idCard"></label><input id="idCardNo" name="idCardNo"></div>
      </div>
      <label for="statement" data-i18n="sup.statement"></label>
      <textarea id="statement" name="statement"></textarea>
      <label data-i18n="sup.signature"></label>
      <canvas class="sign" id="signature"></canvas>
      <div class="row"><button type="button" class="secondary" id="sign-clear" data-i18n="sup.signClear"></button>
        <span class="muted small" data-i18n="sup.signHint"></span></div>
      <div class="fields">
        <div><label for="fee" data-i18n="sup.feeYuan"></label><input id="fee" name="fee" value="0" inputmode="decimal"></div>
        <div><label for="feeAction" data-i18n="sup.feeAction"></label><select id="feeAction" name="feeAction">
          <option value="COLLECT" data-i18n="sup.fee.COLLECT"></option><option value="WAIVE" data-i18n="sup.fee.WAIVE"></option></select></div>
        <div><label for="paymentMethod" data-i18n="sup.method"></label><select id="paymentMethod" name="paymentMethod">
          <option value="CASH" data-i18n="pay.CASH"></option><option value="MOBILE" data-i18n="pay.MOBILE"></option>
          <option value="CARD" data-i18n="pay.CARD"></option></select></div>
        <div><label for="waiveReason" data-i18n="sup.waiveReason"></label><input id="waiveReason" name="waiveReason"></div>
      </div>
      <label for="outcome" data-i18n="sup.outcome"></label>
      <textarea id="outcome" name="outcome"></textarea>
      <label style="display:flex;gap:.5rem;align-items:center;color:inherit"><input type="checkbox" id="release" name="release" ${atLane(x) ? 'checked' : ''} style="width:auto">
        <span data-i18n="sup.release"></span></label>
      ${laneClockText(x.laneId) ? html`<p class="error" data-test="lane-clock">${t('sup.laneClock', { clock: laneClockText(x.laneId) })}</p>` : ''}
      <div class="error" id="resolve-error" role="alert"></div>
      <div class="row">
        <button type="submit" id="resolve" data-i18n="sup.resolve"></button>
        <button type="button" class="secondary" id="escalate" data-i18n="sup.escalate"></button>
      </div>
    </form>`;
  apply(act);
  const form = act.querySelector('form');
  const pad = signaturePad(form.querySelector('#signature'));
  form.querySelector('#sign-clear').addEventListener('click', () => pad.clear());
  const err = form.querySelector('#resolve-error');
  form.querySelector('#escalate').addEventListener('click', async () => {
    const v = await ask({ id: 'escalate-dialog', title: t('sup.escalate'), submit: t('sup.escalate'),
      fields: [{ name: 'note', label: t('common.note'), type: 'textarea', required: true }] });
    if (!v) return;
    try {
      await api('POST', 'notes', { kind: 'ESCALATE', laneId: x.laneId, plate: x.plate, note: v.note });
      toast(t('sup.escalated'));
    } catch (e) { toast(t('common.failed', { message: e.message }), true); }
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    err.textContent = '';
    const fee = fenOf(form.fee.value);
    if (fee === null) { err.textContent = t('common.badAmount', { value: form.fee.value }); return; }
    if (!form.outcome.value.trim()) { err.textContent = t('common.required', { field: t('sup.outcome') }); return; }
    if (form.release.checked && pad.isEmpty()) { err.textContent = t('sup.needSignature'); return; }
    const waive = form.feeAction.value === 'WAIVE';
    try {
      await api('POST', `/api/exceptions/${encodeURIComponent(x.id)}/resolve`, {
        licenceNo: form.licenceNo.value.trim() || null, idCardNo: form.idCardNo.value.trim() || null,
        statement: form.statement.value.trim() || null, signatureRef: pad.isEmpty() ? null : pad.dataUrl(),
        feeFen: fee, feeAction: form.feeAction.value, paymentMethod: waive || fee === 0 ? null : form.paymentMethod.value,
        waiveReason: waive ? form.waiveReason.value.trim() : null, outcome: form.outcome.value.trim(),
        release: form.release.checked,
      });
      toast(t(form.release.checked ? 'sup.done' : 'sup.doneNoRelease'));
      reopen(x.id);
    } catch (e) { err.textContent = t('common.failed', { message: e.message }); }
  });
}

async function approveExemption() {
  const v = await ask({ id: 'exempt-dialog', title: t('sup.exempt.title'), submit: t('sup.exempt.submit'),
    fields: [{ name: 'plate', label: t('common.plate'), required: true },
      { name: 'days', label: t('sup.exempt.days'), type: 'number', value: '30', required: true },
      { name: 'reason', label: t('sup.exempt.reason'), type: 'textarea', required: true }],
    check: x => (/^\d{1,4}$/.test(x.days) && Number(x.days) > 0 ? null : t('common.badNumber', { value: x.days })) });
  if (!v) return;
  const from = siteNow();
  try {
    await api('PUT', '/api/registry', { exemptions: [{ plate: v.plate, approvedBy: session.get().username,
      validFrom: new Date(from).toISOString(), validUntil: new Date(from + Number(v.days) * 86400_000).toISOString(),
      reason: v.reason }] });
    toast(t('sup.exempt.done', { plate: v.plate }));
  } catch (e) { toast(t('common.failed', { message: e.message }), true); }
}
