// UI text from webroot/i18n/<lang>.json; zh-CN first, en on request; the choice is remembered.
const KEY = 'parkgate.lang';
export const LANGS = ['zh-CN', 'en'];
let dict = {};
let fallback = {};
let lang = 'zh-CN';

async function load(l) {
  const res = await fetch('i18n/' + l + '.json');
  return res.json();
}

export async function setLang(l) {
  lang = LANGS.includes(l) ? l : 'zh-CN';
  localStorage.setItem(KEY, lang);
  [dict, fallback] = await Promise.all([load(lang), lang === 'zh-CN' ? Promise.resolve({}) : load('zh-CN')]);
  document.documentElement.lang = lang;
  apply(document);
}

export function initialLang() {
  const q = new URLSearchParams(location.search).get('lang');
  return q || localStorage.getItem(KEY) || 'zh-CN';
}

export function currentLang() { return lang; }

/** The text for a key, with {name} placeholders filled; the key itself when no dictionary has it. */
export function t(key, params = {}) {
  const s = dict[key] ?? fallback[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (params[k] ?? m));
}

/** Fills every [data-i18n] element (text) and [data-i18n-ph] (placeholder) under root. */
export function apply(root) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-ph]').forEach(el => { el.placeholder = t(el.dataset.i18nPh); });
}
