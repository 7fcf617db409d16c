// Shared helpers for the three pages (visitor widget, counsellor console, supervisor view).
// Everything that shows user-supplied text goes through textContent / createTextNode: never innerHTML.

/** Build an element. attrs: plain attributes, plus `text` (textContent), `class`, `on` ({event: fn}),
 *  `dataset` ({k: v}) and `props` (assigned as properties). Children: nodes or strings (as text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'props') Object.assign(node, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Small i18n: dict = {nl: {...}, en: {...}, fr: {...}}; Dutch is the fallback. */
export function makeI18n(dict, storageKey, storage) {
  const langs = Object.keys(dict);
  let lang = 'nl';
  try {
    const saved = storage && storage.getItem(storageKey);
    if (saved && langs.includes(saved)) lang = saved;
  } catch (_) { /* storage may be blocked in a third-party iframe */ }
  const listeners = [];
  function t(key, vars) {
    let s = (dict[lang] && dict[lang][key]) ?? dict.nl[key] ?? key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
    return s;
  }
  function apply(root = document) {
    document.documentElement.lang = lang;
    for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
    for (const n of root.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
    for (const n of root.querySelectorAll('[data-i18n-aria-label]')) n.setAttribute('aria-label', t(n.dataset.i18nAriaLabel));
    for (const n of root.querySelectorAll('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
  }
  function setLang(l) {
    if (!langs.includes(l)) return;
    lang = l;
    try { storage && storage.setItem(storageKey, l); } catch (_) { /* ignore */ }
    apply();
    for (const fn of listeners) fn(l);
  }
  return { t, apply, setLang, get lang() { return lang; }, langs, onChange: (fn) => listeners.push(fn) };
}

/** Wire a <select> or a group of buttons[data-lang] to the i18n object. */
export function bindLangSwitch(container, i18n) {
  if (!container) return;
  const sel = container.tagName === 'SELECT' ? container : container.querySelector('select');
  if (sel) {
    sel.value = i18n.lang;
    sel.addEventListener('change', () => i18n.setLang(sel.value));
    i18n.onChange((l) => { sel.value = l; });
  }
}

export function fmtDuration(s, i18n) {
  s = Math.max(0, Math.round(Number(s) || 0));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}u ${String(m % 60).padStart(2, '0')}m`;
}

export function fmtTime(ts, lang = 'nl') {
  if (!ts) return '';
  const d = new Date(Number(ts) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return d.toLocaleTimeString(lang === 'en' ? 'en-GB' : lang === 'fr' ? 'fr-BE' : 'nl-NL', { hour: '2-digit', minute: '2-digit' });
  } catch (_) {
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
}

export function fmtDateTime(ts, lang = 'nl') {
  if (!ts) return '';
  const d = typeof ts === 'number' ? new Date(ts * 1000) : new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  try {
    return d.toLocaleString(lang === 'en' ? 'en-GB' : lang === 'fr' ? 'fr-BE' : 'nl-NL',
      { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  } catch (_) { return d.toISOString(); }
}

/** A random client_id for idempotent sends. */
export function clientId() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON fetch against the same origin. Staff token (if any) as a bearer header. */
export async function api(path, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    const err = new Error('network'); err.code = 'network'; throw err;
  }
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (!res.ok) {
    const err = new Error((data && data.error) || `http_${res.status}`);
    err.code = (data && data.error) || `http_${res.status}`;
    err.status = res.status;
    throw err;
  }
  return data;
}

/** Emit with an acknowledgement and a timeout; resolves with the ack or {error: 'timeout'}. */
export function emitAck(socket, event, payload, timeoutMs = 8000) {
  return new Promise((resolve) => {
    if (!socket) { resolve({ error: 'not_connected' }); return; }
    socket.timeout(timeoutMs).emit(event, payload, (err, ack) => {
      if (err) resolve({ error: 'timeout' });
      else resolve(ack ?? { error: 'no_ack' });
    });
  });
}

export function isError(ack) {
  return !ack || (typeof ack === 'object' && (ack.error || ack.ok === false));
}

/** A short beep made locally with WebAudio (no sound file). */
let audioCtx = null;
export function unlockAudio() {
  try {
    const AC = window.AudioContext || window.webkitAudioContext;
    if (!AC) return;
    if (!audioCtx) audioCtx = new AC();
    if (audioCtx.state === 'suspended') audioCtx.resume();
  } catch (_) { /* no audio */ }
}
export function beep({ freq = 880, times = 2, dur = 0.16, gap = 0.12, volume = 0.2 } = {}) {
  try {
    unlockAudio();
    if (!audioCtx) return;
    let t = audioCtx.currentTime + 0.02;
    for (let i = 0; i < times; i++) {
      const osc = audioCtx.createOscillator();
      const gain = audioCtx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(volume, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + dur);
      osc.connect(gain).connect(audioCtx.destination);
      osc.start(t);
      osc.stop(t + dur + 0.02);
      t += dur + gap;
    }
  } catch (_) { /* ignore */ }
}

/** Pick a readable label from an item that may be a string or an object with labels per language. */
export function labelOf(item, lang) {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  const l = item.label ?? item.name ?? item.title ?? item.text ?? item.code ?? item.id ?? '';
  if (l && typeof l === 'object') return String(l[lang] ?? l.nl ?? l.en ?? Object.values(l)[0] ?? '');
  return String(l);
}
export function codeOf(item) {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  return String(item.code ?? item.id ?? item.value ?? item.name ?? '');
}

/** Render text with highlighted spans (for triage evidence). spans: [{start, end, title}]. */
export function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  text = String(text ?? '');
  const ok = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.start >= 0 && s.start < text.length)
    .sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of ok) {
    const start = Math.max(s.start, pos);
    const end = Math.min(s.end, text.length);
    if (end <= start) continue;
    if (start > pos) frag.append(document.createTextNode(text.slice(pos, start)));
    frag.append(el('mark', { class: 'evidence', title: s.title || '', dataset: { code: s.code || '' } }, text.slice(start, end)));
    pos = end;
  }
  if (pos < text.length) frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

/** Announce a short text to screen readers via a polite live region. */
export function announce(region, text) {
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
