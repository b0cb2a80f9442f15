// Sign-in: user and password; an attendant then takes a post, which opens (or resumes) their shift.
import { api, session } from '../api.js';
import { go, HOME, SIGN_IN_REASON, signedIn } from '../app.js';
import { t } from '../i18n.js';
import { esc, html, learnLanes, postLabel, raw, time } from '../format.js';
import * as siteclock from '../siteclock.js';

export async function render(root) {
  root.innerHTML = `
  <form class="panel login" id="login-form" autocomplete="off">
    <h1 data-i18n="login.title"></h1>
    <label for="username" data-i18n="login.username"></label>
    <input id="username" name="username" required autofocus>
    <label for="password" data-i18n="login.password"></label>
    <input id="password" name="password" type="password" required>
    <div id="post-step" hidden>
      <label for="post" data-i18n="login.post"></label>
      <select id="post" name="post"></select>
      <label for="shift" data-i18n="login.shift"></label>
      <select id="shift" name="shift">
        <option value="EARLY" data-i18n="shift.EARLY"></option><option value="LATE" data-i18n="shift.LATE"></option>
        <option value="NIGHT" data-i18n="shift.NIGHT"></option></select>
      <p class="muted small" data-i18n="login.postHint"></p>
      <div id="pending" class="receipt" hidden></div>
    </div>
    <button type="submit" id="login-submit" data-i18n="login.submit"></button>
    <div class="error" id="login-error" role="alert"></div>
  </form>`;
  const form = root.querySelector('#login-form');
  const error = root.querySelector('#login-error');
  const postStep = root.querySelector('#post-step');
  const reason = sessionStorage.getItem(SIGN_IN_REASON);
  if (reason) {
    error.textContent = reason;
    sessionStorage.removeItem(SIGN_IN_REASON);
  }
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    error.textContent = '';
    try {
      if (!session.get()) {
        const signIn = await api('POST', '/api/login',
          { username: form.username.value.trim(), password: form.password.value });
        const token = signIn.token;
        if (signIn.mustChangePassword) await changePassword(form.password.value, token);
        const me = await api('GET', '/api/me', undefined, token);
        // The first site the user holds a role at; one of several sites is switched to in the bar.
        const at = me.site ? '?site=' + encodeURIComponent(me.site) : '';
        siteclock.sync(await api('GET', '/api/clock' + at, undefined, token));
        learnLanes(await api('GET', '/api/lanes' + at, undefined, token));
        session.set({ token, ...me });
        if (me.role !== 'ATTENDANT') {
          signedIn();
          go(HOME[me.role]);
          return;
        }
        const lanes = await api('GET', '/api/lanes');
        const posts = [...new Set(lanes.map(l => l.post))].sort();
        form.post.innerHTML = posts.map(p => `<option value="${esc(p)}">${esc(postLabel(p))}</option>`).join('');
        await listPending(root, me.username);
        form.shift.value = shiftOfHour(siteclock.wall().hour);
        postStep.hidden = false;
        form.username.disabled = true;
        form.password.disabled = true;
        root.querySelector('#login-submit').textContent = t('login.takePost');
        form.post.focus();
        return;
      }
      await takePost(form.post.value, form.shift.value);
      signedIn();
      go('lane');
    } catch (e) {
      error.textContent = t('login.failed', { message: e.message });
    }
  });
}

/** A password someone else set (first start, a manager's reset) is replaced before anything else. */
async function changePassword(oldPassword, token) {
  const newPassword = window.prompt(t('login.mustChange'));
  if (!newPassword) throw new Error(t('login.mustChange'));
  await api('POST', '/api/password', { oldPassword, newPassword }, token);
}

/** Handovers waiting for this attendant to accept: the booth's handover form opens from here. */
async function listPending(root, username) {
  const pending = await api('GET', '/api/handovers?state=PENDING&toAttendant=' + encodeURIComponent(username));
  const el = root.querySelector('#pending');
  if (!pending.length) return;
  root.querySelector('#post').value = pending[0].post;
  el.innerHTML = html`<b>${t('login.pending', { n: pending.length })}</b>
    <ul>${raw(pending.map(h => html`<li><a href="#/handover/${encodeURIComponent(h.id)}" data-handover="${h.id}">${h.formNo}</a>
      · ${t('login.pendingFrom', { from: h.fromName ?? h.fromAttendant, post: postLabel(h.post), at: time(h.createdAt) })}</li>`).join(''))}</ul>`;
  el.querySelectorAll('a[data-handover]').forEach(a => a.addEventListener('click', ev => {
    ev.preventDefault();
    signedIn();
    go('handover/' + encodeURIComponent(a.dataset.handover));
  }));
  el.hidden = false;
}

/** The shift of the day an hour falls in: 早班 07–15, 中班 15–23, 夜班 23–07. */
function shiftOfHour(h) {
  return h >= 7 && h < 15 ? 'EARLY' : h >= 15 && h < 23 ? 'LATE' : 'NIGHT';
}

/** Opens the named shift at the post, or resumes the caller's own running shift there. */
async function takePost(post, name) {
  let shift;
  try {
    shift = await api('POST', '/api/shifts', { post, shift: name });
  } catch (e) {
    if (e.status !== 409) throw e;
    shift = await api('GET', '/api/shifts/current?post=' + encodeURIComponent(post));
    if (shift.attendant !== session.get().username) {
      throw new Error(t('login.postTaken', { post, attendant: shift.attendant }));
    }
  }
  // A shift resumed after its handover was filed stays locked: the booth waits for the receiver.
  session.patch({ post, shiftId: shift.id, shiftStartedAt: shift.startedAt, shiftName: shift.name ?? null,
    handedOver: shift.handoverFormNo ?? null });
}
