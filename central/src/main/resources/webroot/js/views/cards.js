// The card centre: owner archive, vehicles, cards, passes, visitors and blacklist, searchable; card issue and
// return; resident import from CSV with a report of rejected rows.
import { api, session } from '../api.js';
import { toast } from '../app.js';
import { ask } from '../dialog.js';
import { apply, t } from '../i18n.js';
import { esc, html, time } from '../format.js';
import { parseCsv, refusedLines, residentsFrom } from '../csv.js';

const TABS = {
  owners: o => [o.id, o.name, o.unit, o.phone],
  vehicles: v => [v.plate, v.ownerId, v.colour ? t('colour.' + v.colour) : '', v.vehicleClass ? t('vclass.' + v.vehicleClass) : ''],
  cards: c => [c.number, c.ownerId, c.plate, t('cards.status.' + c.status)],
  passes: p => [p.id, p.plate, t('pass.' + p.type), time(p.validFrom) + ' → ' + (p.validUntil ? time(p.validUntil) : '∞')],
  visitors: v => [v.plate, v.hostOwnerId, time(v.validFrom) + ' → ' + time(v.validUntil), v.note],
  blacklist: b => [b.plate, b.reason],
  exemptions: e => [e.plate, e.approvedBy, time(e.validFrom) + ' → ' + time(e.validUntil), e.reason],
};

export async function render(root) {
  const clerk = ['CARD_CLERK', 'MANAGER'].includes(session.get().role);
  const state = { tab: 'owners', q: '', reg: await api('GET', '/api/registry') };
  root.innerHTML = `
    <div class="panel">
      <div class="row" style="justify-content:space-between">
        <h1 data-i18n="cards.title"></h1>
        <div class="row">
          <input id="c-search" data-i18n-ph="cards.search" style="width:18rem">
          ${clerk ? `<button class="secondary" id="c-issue" data-i18n="cards.issue"></button>
          <label class="secondary" style="margin:0"><span class="tag" data-i18n="cards.import"></span>
            <input type="file" id="c-import" accept=".csv,text/csv" style="width:auto"></label>` : ''}
        </div>
      </div>
      <nav class="row" id="c-tabs" style="margin:.6rem 0">${Object.keys(TABS).map(k =>
        `<button class="secondary" data-tab="${k}" data-i18n="cards.tab.${k}"></button>`).join('')}</nav>
      <div id="c-report"></div>
      <div class="scroll"><table id="c-table"></table></div>
    </div>`;
  apply(root);
  const paint = () => {
    root.querySelectorAll('#c-tabs button').forEach(b => b.classList.toggle('secondary', b.dataset.tab !== state.tab));
    const q = state.q.toLowerCase();
    const rows = (state.reg[state.tab] ?? []).filter(r => !q || JSON.stringify(r).toLowerCase().includes(q));
    const head = t('cards.cols.' + state.tab).split('|');
    root.querySelector('#c-table').innerHTML = `<thead><tr>${head.map(h => `<th>${esc(h)}</th>`).join('')}
      ${state.tab === 'cards' && clerk ? '<th></th>' : ''}</tr></thead><tbody>${rows.map(r => `<tr>${TABS[state.tab](r)
        .map(c => `<td>${esc(c ?? '')}</td>`).join('')}${state.tab === 'cards' && clerk ? `<td>${['ACTIVE', 'RETURNED', 'LOST'].filter(s => s !== r.status).map(s =>
          `<button class="secondary" data-card="${esc(r.number)}" data-status="${s}">${esc(t('cards.status.' + s))}</button>`).join(' ')}</td>` : ''}</tr>`).join('')}</tbody>`;
  };
  const reload = async () => { state.reg = await api('GET', '/api/registry'); paint(); };
  root.querySelector('#c-tabs').addEventListener('click', ev => {
    const b = ev.target.closest('button[data-tab]');
    if (b) { state.tab = b.dataset.tab; paint(); }
  });
  root.querySelector('#c-search').addEventListener('input', ev => { state.q = ev.target.value.trim(); paint(); });
  root.querySelector('#c-table').addEventListener('click', async ev => {
    const b = ev.target.closest('button[data-card]');
    if (!b) return;
    try {
      await api('POST', `/api/registry/cards/${encodeURIComponent(b.dataset.card)}/status`, { status: b.dataset.status });
      toast(t('cards.statusDone', { card: b.dataset.card, status: t('cards.status.' + b.dataset.status) }));
      await reload();
    } catch (e) { toast(t('common.failed', { message: e.message }), true); }
  });
  root.querySelector('#c-issue')?.addEventListener('click', async () => {
    const v = await ask({ id: 'issue-dialog', title: t('cards.issue'), submit: t('cards.issue'),
      fields: [{ name: 'number', label: t('cards.number'), required: true },
        { name: 'ownerId', label: t('cards.owner'), required: true }, { name: 'plate', label: t('common.plate'), required: true }],
      check: x => (/^[0-9A-Fa-f]{10}$/.test(x.number) ? null : t('cards.csv.badCard', { card: x.number })) });
    if (!v) return;
    try {
      await api('PUT', '/api/registry', { cards: [{ number: v.number.toUpperCase(), ownerId: v.ownerId, plate: v.plate, status: 'ACTIVE' }] });
      toast(t('cards.issued', { card: v.number.toUpperCase() }));
      state.tab = 'cards';
      await reload();
    } catch (e) { toast(t('common.failed', { message: e.message }), true); }
  });
  root.querySelector('#c-import')?.addEventListener('change', async ev => {
    const file = ev.target.files[0];
    if (!file) return;
    const rows = parseCsv(await file.text());
    const report = root.querySelector('#c-report');
    try {
      // Central names every record it would refuse; those rows are rejected with its reason and the rest imported
      // (a row dropped can change which row gives an owner its phone, so ask again until central finds none).
      let built = residentsFrom(rows, t);
      const refused = new Map();
      for (let round = 0; built.accepted && round < 5; round++) {
        const { problems } = await api('POST', '/api/registry/check', built.records);
        if (!problems.length) break;
        built = residentsFrom(rows, t, refusedLines(problems, built.sources, refused));
      }
      const { records, rejected, accepted } = built;
      if (accepted) await api('PUT', '/api/registry', records);
      report.innerHTML = html`<div class="receipt" data-test="import-report">${t('cards.csv.report', { ok: accepted, bad: rejected.length })}</div>`
        + (rejected.length ? `<table id="c-rejected"><thead><tr><th>${esc(t('cards.csv.line'))}</th><th>${esc(t('cards.csv.row'))}</th>
          <th>${esc(t('cards.csv.problems'))}</th></tr></thead><tbody>${rejected.map(r => html`<tr><td>${r.line}</td><td>${r.text}</td>
          <td class="error">${r.problems.join('；')}</td></tr>`).join('')}</tbody></table>` : '');
      await reload();
    } catch (e) { toast(t('common.failed', { message: e.message }), true); }
    ev.target.value = '';
  });
  paint();
}
