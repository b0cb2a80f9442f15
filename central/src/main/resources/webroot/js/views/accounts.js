// The manager's accounts screen: every user with role and state; create, change role, reset a password,
// disable or enable. Central audits each change and signs the user out where it matters.
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
    <div class="scroll"><table id="acc-table"></table></div></div>`;
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
        <td class="row"><button class="secondary" data-reset="${u.username}">${t('acc.reset')}</button>
          ${raw(u.username === me.username ? '' : u.disabled
            ? html`<button class="secondary" data-enable="${u.username}">${t('acc.enable')}</button>`
            : html`<button class="danger" data-disable="${u.username}">${t('acc.disable')}</button>`)}</td></tr>`).join(''))}</tbody>`;
  };
  const reload = async () => paint(await api('GET', '/api/users'));
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
    if (b.dataset.reset) {
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
