// The takings report of supervisors and managers: the site's takings over whole days, or (a group manager's)
// every site's row and their total. Central counts in fen and checks the range and the role; this page only
// asks and shows, so its refusals are central's own words.
import { api, session } from '../api.js';
import { apply, t } from '../i18n.js';
import { html, raw, time, yuan } from '../format.js';
import { instantOf, wall, zone } from '../siteclock.js';

/** The group's choice: every site served here (central's `site=*`). */
const ALL = '*';
const MONEY = [['laneFeeFen', 'tk-lane'], ['deskFen', 'tk-desk'], ['exceptionFen', 'tk-exc'], ['totalFen', 'tk-total']];

export async function render(root) {
  const me = session.get();
  const scopes = [me.site, ...(me.grants?.[ALL] === 'MANAGER' ? [ALL] : [])];
  root.innerHTML = html`<div class="panel">
    <h1 data-i18n="tk.title"></h1>
    <form id="tk-form" class="fields" autocomplete="off">
      <div><label for="tk-scope" data-i18n="tk.scope"></label><select id="tk-scope" name="scope">
        ${raw(scopes.map(s => html`<option value="${s}">${s === ALL ? t('tk.allSites') : t('app.site', { site: s })}</option>`).join(''))}
      </select></div>
      <div><label for="tk-from" data-i18n="tk.from"></label><input id="tk-from" name="from" type="date" required></div>
      <div><label for="tk-to" data-i18n="tk.to"></label><input id="tk-to" name="to" type="date" required></div>
    </form>
    <div class="row" style="margin-top:.6rem">
      <button id="tk-show" data-i18n="tk.show"></button>
      <span class="muted small" id="tk-range"></span>
    </div>
    <div id="tk-error" class="error" role="alert"></div>
    <div class="scroll"><table id="tk-table"></table></div></div>`;
  apply(root);
  const form = root.querySelector('#tk-form');
  // Today is the car park's day, by central's clock in the site's zone (never the browser's date or zone).
  const today = dayText(wall());
  form.from.value = today;
  form.to.value = today;
  const show = async () => {
    const error = root.querySelector('#tk-error');
    const table = root.querySelector('#tk-table');
    error.textContent = '';
    const from = dayStart(form.from.value, 0);
    const to = dayStart(form.to.value, 1);
    if (from === null || to === null) {
      error.textContent = t('tk.pickDays');
      return;
    }
    // Whole days of the site: from the first day's midnight to the midnight after the last day. A range that
    // ends before it starts is sent as it is: central judges it and says why.
    const q = new URLSearchParams({ site: form.scope.value, from: new Date(from).toISOString(),
      to: new Date(to).toISOString() });
    try {
      const report = await api('GET', '/api/reports/takings?' + q);
      root.querySelector('#tk-range').textContent = t('tk.range', { from: time(report.from), to: time(report.to),
        zone: zone() });
      paint(table, report, form.scope.value === ALL);
    } catch (e) {
      table.innerHTML = '';
      root.querySelector('#tk-range').textContent = '';
      // The console's words, and central's own under them when they differ (what a support call needs).
      error.textContent = e.message + (e.detail && e.detail !== e.message ? '\n' + t('tk.central', { detail: e.detail }) : '');
    }
  };
  root.querySelector('#tk-show').addEventListener('click', show);
  form.addEventListener('submit', ev => { ev.preventDefault(); show(); });
}

function paint(table, report, all) {
  const cells = r => html`<td class="num">${r.entries}</td><td class="num">${r.exits}</td><td class="num">${r.exceptions}</td>
    ${raw(MONEY.map(([k, cls]) => html`<td class="num ${cls}">${yuan(r[k])}</td>`).join(''))}`;
  table.innerHTML = html`<thead><tr><th>${t('tk.site')}</th><th>${t('tk.entries')}</th><th>${t('tk.exits')}</th>
    <th>${t('tk.exceptions')}</th><th>${t('tk.laneFee')}</th><th>${t('tk.desk')}</th><th>${t('tk.exceptionFee')}</th>
    <th>${t('tk.total')}</th></tr></thead><tbody>
    ${raw(report.sites.map(r => html`<tr data-site="${r.site}"><td>${t('app.site', { site: r.site })}</td>${raw(cells(r))}</tr>`).join(''))}
    </tbody>${raw(all ? html`<tfoot><tr class="tk-sum"><th>${t('tk.allTotal')}</th>${raw(cells(report.total))}</tr></tfoot>` : '')}`;
}

/** "YYYY-MM-DD" of a wall-clock date. */
function dayText(w) {
  const p = n => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}`;
}

/** The instant of midnight in the site's zone, `plus` days after the date picked; null when none is. */
function dayStart(value, plus) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  // Day arithmetic on the calendar (UTC has no clock changes), then read as the site's wall clock.
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + plus));
  return instantOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
