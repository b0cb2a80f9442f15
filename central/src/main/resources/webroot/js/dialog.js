// A modal form for the lane and supervisor actions: Enter confirms, Esc cancels, required fields checked.
import { t } from './i18n.js';
import { esc } from './format.js';

/**
 * fields: [{ name, label, type: 'text'|'textarea'|'select'|'number', value, required, options: [[value, label]] }]
 * Resolves with the values, or null when cancelled. `check(values)` may return an error text to keep it open;
 * `big` is a line shown large (the fee due); `hint(values)` a line under the fields updated as the person types.
 */
export function ask({ id, title, text, big, fields = [], submit, danger = false, check, hint }) {
  return new Promise(resolve => {
    const d = document.createElement('dialog');
    d.id = id ?? 'dialog';
    d.innerHTML = `<form method="dialog">
      <h2>${esc(title)}</h2>
      ${text ? `<p>${esc(text)}</p>` : ''}
      ${big ? `<p class="big-line" data-test="dialog-big">${esc(big)}</p>` : ''}
      ${fields.map(f => `<label for="f-${f.name}">${esc(f.label)}${f.required ? ' *' : ''}</label>
        ${f.type === 'textarea' ? `<textarea id="f-${f.name}" name="${f.name}">${esc(f.value ?? '')}</textarea>`
        : f.type === 'select' ? `<select id="f-${f.name}" name="${f.name}">${f.options.map(([v, l]) =>
          `<option value="${esc(v)}" ${v === f.value ? 'selected' : ''}>${esc(l)}</option>`).join('')}</select>`
        : `<input id="f-${f.name}" name="${f.name}" value="${esc(f.value ?? '')}" type="${f.type === 'password' ? 'password' : 'text'}" autocomplete="off" inputmode="${f.type === 'number' ? 'decimal' : 'text'}">`}`).join('')}
      <div class="muted" data-test="dialog-hint"></div>
      <div class="error" role="alert"></div>
      <div class="row">
        <button type="button" class="secondary" value="cancel">${esc(t('common.cancel'))}</button>
        <button type="submit" class="${danger ? 'danger' : ''}" id="dialog-ok">${esc(submit ?? t('common.ok'))}</button>
      </div></form>`;
    document.body.append(d);
    const form = d.querySelector('form');
    const err = d.querySelector('.error');
    const done = v => { d.close(); d.remove(); resolve(v); };
    const values = () => Object.fromEntries(fields.map(f => [f.name, form.elements[f.name].value.trim()]));
    if (hint) {
      const h = d.querySelector('[data-test=dialog-hint]');
      const show = () => { h.textContent = hint(values()) ?? ''; };
      form.addEventListener('input', show);
      form.addEventListener('change', show);
      show();
    }
    d.querySelector('button[value=cancel]').addEventListener('click', () => done(null));
    d.addEventListener('cancel', ev => { ev.preventDefault(); done(null); });
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const values = Object.fromEntries(fields.map(f => [f.name, form.elements[f.name].value.trim()]));
      const missing = fields.find(f => f.required && !values[f.name]);
      if (missing) {
        err.textContent = t('common.required', { field: missing.label });
        form.elements[missing.name].focus();
        return;
      }
      const problem = check?.(values);
      if (problem) { err.textContent = problem; return; }
      done(values);
    });
    d.showModal();
    (form.querySelector('input, textarea, select') ?? d.querySelector('#dialog-ok')).focus();
  });
}
