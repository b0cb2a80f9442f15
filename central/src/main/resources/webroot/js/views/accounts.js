// The manager's accounts screen: every user with role and state; create, change role, reset a password,
// disable or enable; a user's roles at every site the manager administers, given or taken away there.
// Central audits each change, signs the user out where it matters, and alone decides who may grant where.
import { api, session } from '../api.js';
import { toast } from '../app.js';
import { ask } from '../dialog.js';
import { apply, t } from '../i18n.js';
import { html, raw, time } from '../format.js';

const ROLES = ['ATTENDANT', 'SUPERVISOR', 'MANAGER', 'CARD_CLERK'];

export async function render(root) {
  const me = session.get();
  root.innerHTML = `<div class="panel">
    <div class="row" style="justify-content:space-between">
      <h1 data-i18n="acc.title"></h1>
      <button id="acc-new" data-i18n="acc.new"></button>
    </div>
    <div class="scroll"><table id="acc-table"></table></div></div>
    <div class="panel" id="grants" hidden style="margin-top:1rem"></div>`;
  apply(root);
  const table = root.querySelector('#acc-table');
  const paint = users => {
    table.innerHTML = html`<thead><tr><th>${t('acc.username')}</th><th>${t('acc.displayName')}</th><th>${t('acc.role')}</th>
      <th>${t('acc.state')}</th><th>${t('acc.created')}</th><th></th></tr></thead><tbody>
      ${raw(users.map(u => html`<tr data-user="${u.username}" class="${raw(u.disabled ? 'muted' : '')}"><td><b>${u.username}</b></td><td>${u.displayName}</td>
        <td><select data-role="${u.username}" aria-label="${t('acc.role')}" ${raw(u.username === me.username ? 'disabled' : '')}>
          ${raw(ROLES.map(r => html`<option value="${r}" ${raw(r === u.role ? 'selected' : '')}>${t('role.' + r)}</option>`).join(''))}</select></td>
        <td><span class="tag ${raw(u.disabled ? 'bad' : 'ok')}" data-test="state">${t(u.disabled ? 'acc.disabled' : 'acc.active')}</span></td>
        <td>${time(u.createdAt)}</td>
        <td class="row"><button class="secondary" data-grants="${u.username}">${t('acc.grants')}</button>
          <button class="secondary" data-reset="${u.username}">${t('acc.reset')}</button>
          ${raw(u.username === me.username ? '' : u.disabled
            ? html`<button class="secondary" data-enable="${u.username}">${t('acc.enable')}</button>`
            : html`<button class="danger" data-disable="${u.username}">${t('acc.disable')}</button>`)}</td></tr>`).join(''))}</tbody>`;
  };
  const reload = async () => paint(await api('GET', '/api/users'));
  const grants = root.querySelector('#grants');
  const run = async (call, done) => {
    try { await call(); toast(done); } catch (e) { toast(t('common.failed', { message: e.message }), true); }
    await reload();
  };
  const password = (title, extra = []) => ask({ id: 'acc-dialog', title, submit: t('common.save'),
    fields: [...extra, { name: 'password', label: t('acc.newPassword'), type: 'password', required: true },
      { name: 'again', label: t('acc.again'), type: 'password', required: true }],
    check: x => (x.password.length < 8 ? t('acc.short') : x.password !== x.again ? t('acc.differ') : null) });
  root.querySelector('#acc-new').addEventListener('click', async () => {
    const v = await password(t('acc.new'), [
      { name: 'username', label: t('acc.username'), required: true },
      { name: 'displayName', label: t('acc.displayName'), required: true },
      { name: 'role', label: t('acc.role'), type: 'select', value: 'ATTENDANT', options: ROLES.map(r => [r, t('role.' + r)]) }]);
    if (!v) return;
    await run(() => api('POST', '/api/users', { username: v.username, displayName: v.displayName, role: v.role,
      password: v.password }), t('acc.created.done', { user: v.username }));
  });
  table.addEventListener('change', async ev => {
    const sel = ev.target.closest('select[data-role]');
    if (!sel) return;
    await run(() => api('POST', '/api/users/' + encodeURIComponent(sel.dataset.role), { role: sel.value }),
      t('acc.roleDone', { user: sel.dataset.role, role: t('role.' + sel.value) }));
  });
  table.addEventListener('click', async ev => {
    const b = ev.target.closest('button');
    if (!b) return;
    if (b.dataset.grants) {
      await showGrants(grants, b.dataset.grants, reload);
    } else if (b.dataset.reset) {
      const v = await password(t('acc.resetTitle', { user: b.dataset.reset }));
      if (!v) return;
      await run(() => api('POST', `/api/users/${encodeURIComponent(b.dataset.reset)}/password`, { password: v.password }),
        t('acc.resetDone', { user: b.dataset.reset }));
    } else if (b.dataset.disable) {
      const v = await ask({ id: 'acc-dialog', title: t('acc.disableTitle', { user: b.dataset.disable }), danger: true,
        text: t('acc.disableText'), submit: t('acc.disable') });
      if (!v) return;
      await run(() => api('POST', `/api/users/${encodeURIComponent(b.dataset.disable)}/disable`),
        t('acc.disableDone', { user: b.dataset.disable }));
    } else if (b.dataset.enable) {
      await run(() => api('POST', `/api/users/${encodeURIComponent(b.dataset.enable)}/enable`),
        t('acc.enableDone', { user: b.dataset.enable }));
    }
  });
  await reload();
}

/** A group grant is written with the site "*". */
const GROUP = '*';
const siteText = s => (s === GROUP ? t('acc.groupSite') : t('app.site', { site: s }));

/**
 * The sites the signed-in manager may give roles at, as far as the console can tell: a group manager every site
 * and the group itself, a site's manager the sites they manage. Central checks every grant all the same.
 */
function grantableSites(me) {
  if (me.grants?.[GROUP] === 'MANAGER') return [...(me.sites ?? []), GROUP];
  return (me.sites ?? []).filter(s => me.grants?.[s] === 'MANAGER');
}

/** The user's role at each site the manager administers, with a form to give or take one away. */
async function showGrants(panel, user, reloadAccounts) {
  const me = session.get();
  const sites = grantableSites(me);
  panel.hidden = false;
  panel.dataset.user = user;
  panel.innerHTML = html`<h2>${t('acc.grantsTitle', { user })}</h2>
    <table id="g-table"></table>
    <form id="g-form" class="fields" autocomplete="off">
      <div><label for="g-site">${t('acc.site')}</label><select id="g-site" name="site">
        ${raw(sites.map(s => html`<option value="${s}">${siteText(s)}</option>`).join(''))}</select></div>
      <div><label for="g-role">${t('acc.role')}</label><select id="g-role" name="role">
        ${raw(ROLES.map(r => html`<option value="${r}">${t('role.' + r)}</option>`).join(''))}</select></div>
    </form>
    <div class="row" style="margin-top:.6rem"><button id="g-give">${t('acc.give')}</button></div>
    <div id="g-error" class="error" role="alert"></div>`;
  const error = panel.querySelector('#g-error');
  const table = panel.querySelector('#g-table');
  const load = async () => {
    const held = (await api('GET', '/api/users/' + encodeURIComponent(user) + '/grants')).grants;
    const rows = Object.entries(held);
    table.innerHTML = html`<thead><tr><th>${t('acc.site')}</th><th>${t('acc.role')}</th><th></th></tr></thead><tbody>
      ${raw(rows.length ? rows.map(([s, r]) => html`<tr data-site="${s}"><td>${siteText(s)}</td><td>${t('role.' + r)}</td>
        <td>${raw(user === me.username ? '' : html`<button class="danger" data-revoke="${s}">${t('acc.revoke')}</button>`)}</td></tr>`).join('')
        : html`<tr><td colspan="3" class="muted">${t('acc.noGrants')}</td></tr>`)}</tbody>`;
  };
  const change = async (site, role, done) => {
    error.textContent = '';
    try {
      await api('POST', '/api/users/' + encodeURIComponent(user) + '/grants', { site, role });
      toast(done);
    } catch (e) {
      error.textContent = t('common.failed', { message: e.message });
    }
    await load();
    await reloadAccounts();
  };
  panel.querySelector('#g-give').addEventListener('click', () => {
    const { site, role } = panel.querySelector('#g-form');
    change(site.value, role.value, t('acc.giveDone', { user, site: siteText(site.value), role: t('role.' + role.value) }));
  });
  table.addEventListener('click', async ev => {
    const b = ev.target.closest('button[data-revoke]');
    if (!b) return;
    const site = b.dataset.revoke;
    const v = await ask({ id: 'acc-dialog', title: t('acc.revokeTitle', { user, site: siteText(site) }), danger: true,
      text: t('acc.revokeText'), submit: t('acc.revoke') });
    if (v) await change(site, null, t('acc.revokeDone', { user, site: siteText(site) }));
  });
  try {
    await load();
  } catch (e) {
    error.textContent = t('common.failed', { message: e.message });
  }
  panel.scrollIntoView({ block: 'nearest' });
}
