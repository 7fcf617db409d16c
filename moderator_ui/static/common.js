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

/** Storage that may be blocked (a third-party iframe): every access is guarded. */
export function safeStorage(name) {
  let store = null;
  try { store = window[name]; } catch (_) { store = null; }
  return {
    get: (k) => { try { return store ? store.getItem(k) : null; } catch (_) { return null; } },
    set: (k, v) => { try { store?.setItem(k, String(v)); } catch (_) { /* ignore */ } },
    del: (k) => { try { store?.removeItem(k); } catch (_) { /* ignore */ } },
    clear: () => { try { store?.clear(); } catch (_) { /* ignore */ } },
  };
}

/** Dictionaries {nl: {...}, en: {...}, fr: {...}} merged per language; later ones win. */
export function mergeDicts(...dicts) {
  const out = {};
  for (const d of dicts) for (const [lang, texts] of Object.entries(d)) out[lang] = { ...out[lang], ...texts };
  return out;
}

/** Small i18n: dict = {nl: {...}, en: {...}, fr: {...}}; Dutch is the fallback. `storage` is a safeStorage.
 *  opts (the visitor widget's languages, docs/ui.md): `prefer`, languages to try in order when none was
 *  saved (the browser's); `fallback`, languages tried in order for a key the chosen one lacks (default
 *  Dutch only); `rtl`, languages written right to left (the page gets dir="rtl"). */
export function makeI18n(dict, storageKey, storage, { prefer = [], fallback = ['nl'], rtl = [] } = {}) {
  const langs = Object.keys(dict);
  const saved = storage?.get(storageKey);
  let lang = saved && langs.includes(saved) ? saved : (prefer.find((l) => langs.includes(l)) ?? 'nl');
  const listeners = [];
  const has = (key) => key in dict.nl;
  function t(key, vars) {
    let s = dict[lang]?.[key];
    for (const f of fallback) s ??= dict[f]?.[key];
    s ??= dict.nl[key] ?? key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
    return s;
  }
  function apply(root = document) {
    document.documentElement.lang = lang;
    document.documentElement.dir = rtl.includes(lang) ? 'rtl' : 'ltr';
    for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
    for (const n of root.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
    for (const n of root.querySelectorAll('[data-i18n-aria-label]')) n.setAttribute('aria-label', t(n.dataset.i18nAriaLabel));
    for (const n of root.querySelectorAll('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
  }
  function setLang(l) {
    if (!langs.includes(l)) return;
    lang = l;
    storage?.set(storageKey, l);
    apply();
    for (const fn of listeners) fn(l);
  }
  return { t, has, apply, setLang, get lang() { return lang; }, langs, onChange: (fn) => listeners.push(fn) };
}

/** Wire a <select> (or a container holding one) to the i18n object. */
export function bindLangSwitch(container, i18n) {
  if (!container) return;
  const sel = container.tagName === 'SELECT' ? container : container.querySelector('select');
  if (sel) {
    sel.value = i18n.lang;
    sel.addEventListener('change', () => i18n.setLang(sel.value));
    i18n.onChange((l) => { sel.value = l; });
  }
}

// --- formatting ------------------------------------------------------------------------------------
// The visitor widget's extra languages too; Arabic with Latin digits, like the numbers (112) it shows.
const LOCALES = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE', ar: 'ar-u-nu-latn', ti: 'ti-ER', uk: 'uk-UA', ro: 'ro-RO', pl: 'pl-PL' };
const locale = (lang) => LOCALES[lang] || LOCALES.nl;

export function fmtDuration(secs) {
  const s = Math.max(0, Math.round(Number(secs) || 0));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}u ${String(m % 60).padStart(2, '0')}m`;
}

export function fmtTime(ts, lang = 'nl') {
  if (!ts) return '';
  const d = new Date(Number(ts) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(locale(lang), { hour: '2-digit', minute: '2-digit' });
}

export function fmtDateTime(ts, lang = 'nl') {
  if (!ts) return '';
  const d = new Date(Number(ts) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(locale(lang), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A language's or a country's name in the page's language ('fr' -> 'Frans', 'BE' -> 'België'). */
export function displayName(type, code, lang = 'nl') {
  if (!code) return '';
  try { return new Intl.DisplayNames([locale(lang)], { type }).of(String(code)) || String(code); } catch (_) { return String(code).toUpperCase(); }
}

/** A random client_id for idempotent sends. */
export function clientId() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- talking to the server ---------------------------------------------------------------------------
// Every failure has one shape, from the server (docs/protocol.md, "Errors") and from here alike:
// {ok: false, error: CODE, detail}. Codes made here: `network`, `timeout`, `not_connected`.

/** JSON fetch against the same origin; the staff login travels in the HttpOnly session cookie.
 *  Throws an Error with `code` (the error code) and `status` on failure. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch (_) {
    throw Object.assign(new Error('network'), { code: 'network', status: 0 });
  }
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (!res.ok) {
    // Not JSON at all (a proxy's error page): the server was not reached properly.
    const code = data?.error ?? 'unavailable';
    throw Object.assign(new Error(code), { code, status: res.status });
  }
  return data;
}

/** Emit with an acknowledgement and a timeout; resolves with the ack, or a failure in the one shape. */
export function emitAck(socket, event, payload, timeoutMs = 8000) {
  return new Promise((resolve) => {
    if (!socket) { resolve({ ok: false, error: 'not_connected' }); return; }
    const started = Date.now();
    const go = () => {
      const left = Math.max(1000, timeoutMs - (Date.now() - started));
      socket.timeout(left).emit(event, payload, (err, ack) => {
        resolve(err ? { ok: false, error: 'timeout' } : (ack ?? { ok: false, error: 'timeout' }));
      });
    };
    if (socket.connected) { go(); return; }
    // Not connected yet (a message sent right after the chat opened) or reconnecting: wait for the
    // connection rather than failing at once; a retried send is stored once (client_id).
    const onConnect = () => { clearTimeout(timer); go(); };
    const timer = setTimeout(() => {
      socket.off('connect', onConnect);
      resolve({ ok: false, error: 'not_connected' });
    }, timeoutMs);
    socket.once('connect', onConnect);
  });
}

/** True for a failed acknowledgement. */
export const failed = (ack) => ack?.ok === false;

/** Texts for the error codes, for every page; a page may override any of them in its own dictionary. */
export const ERROR_TEXTS = {
  nl: {
    err_generic: 'Dat lukte niet ({code}). Probeer het opnieuw.',
    err_text_too_long: 'De tekst is te lang (maximaal {max} tekens).',
    err_empty_text: 'De tekst is leeg.',
    err_bad_outcome: 'Kies een uitkomst.',
    err_not_found: 'Dit gesprek bestaat niet (meer) of is niet van jou.',
    err_not_waiting: 'Iemand anders heeft dit gesprek al aangenomen.',
    err_claim_gone: 'Dit gesprek is niet (meer) beschikbaar: iemand anders heeft het misschien al aangenomen.',
    err_limit_reached: 'Je hebt al het maximum aantal gesprekken.',
    err_conversation_closed: 'Dit gesprek is gesloten.',
    err_conversation_full: 'Dit gesprek heeft het maximum aantal berichten; de bezoeker kan niets meer toevoegen.',
    err_not_allowed: 'Dit account mag dat niet.',
    err_unauthorized: 'Je bent niet (meer) ingelogd.',
    err_rate_limited: 'Even rustig aan: wacht een paar seconden en probeer opnieuw.',
    err_busy: 'Het is nu heel druk. We sturen je bericht zo vanzelf opnieuw. Ben je in gevaar? Bel 112.',
    err_unavailable: 'Een tijdelijk probleem bij de server. Probeer het zo opnieuw.',
    err_network: 'Geen verbinding. Probeer het opnieuw.',
    err_not_connected: 'Geen verbinding. Probeer het opnieuw.',
    err_timeout: 'Geen antwoord van de server. Probeer het opnieuw.',
  },
  en: {
    err_generic: 'That did not work ({code}). Please try again.',
    err_text_too_long: 'The text is too long (at most {max} characters).',
    err_empty_text: 'The text is empty.',
    err_bad_outcome: 'Choose an outcome.',
    err_not_found: 'This conversation does not exist (any more) or is not yours.',
    err_not_waiting: 'Someone else already claimed this conversation.',
    err_claim_gone: 'This conversation is not available (any more): someone else may have claimed it.',
    err_limit_reached: 'You already have the maximum number of conversations.',
    err_conversation_closed: 'This conversation is closed.',
    err_conversation_full: 'This conversation holds the maximum number of messages; the visitor cannot add more.',
    err_not_allowed: 'This account may not do that.',
    err_unauthorized: 'You are not logged in (any more).',
    err_rate_limited: 'Slow down a little: wait a few seconds and try again.',
    err_busy: 'It is very busy right now. We will send your message again by ourselves in a moment. In danger? Call 112.',
    err_unavailable: 'A temporary server problem. Please try again shortly.',
    err_network: 'No connection. Please try again.',
    err_not_connected: 'No connection. Please try again.',
    err_timeout: 'No answer from the server. Please try again.',
  },
  fr: {
    err_generic: 'Cela n’a pas marché ({code}). Réessaie.',
    err_text_too_long: 'Le texte est trop long ({max} caractères au maximum).',
    err_empty_text: 'Le texte est vide.',
    err_bad_outcome: 'Choisis une issue.',
    err_not_found: 'Cette conversation n’existe pas (plus) ou n’est pas la tienne.',
    err_not_waiting: 'Quelqu’un d’autre a déjà pris cette conversation.',
    err_claim_gone: 'Cette conversation n’est pas (plus) disponible : quelqu’un d’autre l’a peut-être prise.',
    err_limit_reached: 'Tu as déjà le nombre maximal de conversations.',
    err_conversation_closed: 'Cette conversation est clôturée.',
    err_conversation_full: 'Cette conversation a atteint le nombre maximal de messages ; le visiteur ne peut plus rien ajouter.',
    err_not_allowed: 'Ce compte n’a pas le droit de faire cela.',
    err_unauthorized: 'Tu n’es pas (plus) connecté·e.',
    err_rate_limited: 'Doucement : attends quelques secondes et réessaie.',
    err_busy: 'Il y a beaucoup de monde en ce moment. Nous renverrons ton message tout seuls dans un instant. En danger ? Appelle le 112.',
    err_unavailable: 'Un problème temporaire du serveur. Réessaie bientôt.',
    err_network: 'Pas de connexion. Réessaie.',
    err_not_connected: 'Pas de connexion. Réessaie.',
    err_timeout: 'Pas de réponse du serveur. Réessaie.',
  },
};

/** The text for an error code, in the page's language. */
export function errorText(i18n, code, vars = {}) {
  const key = `err_${code}`;
  return i18n.has(key) ? i18n.t(key, vars) : i18n.t('err_generic', { code: code || '?' });
}

// --- the one vocabulary (GET /api/config, `vocabulary`) ---------------------------------------------

/** Labels and lists from the server's vocabulary: lists of {code, label: {nl, en, fr}} per kind
 *  (signals, urgencies, roles, queues, abouts, statuses, outcomes), plus the help lines. Before the
 *  config has loaded, or for a code it does not know (data from an older version), a label is the code. */
export function makeVocabulary(vocabulary, i18n) {
  const v = vocabulary || {};
  const maps = new Map();
  for (const [kind, list] of Object.entries(v)) {
    if (Array.isArray(list) && list.every((e) => e && typeof e.code === 'string')) maps.set(kind, new Map(list.map((e) => [e.code, e.label])));
  }
  const byName = new Map((v.helplines || []).map((h) => [h.name, h]));
  function label(kind, code) {
    const l = maps.get(kind)?.get(code);
    return l ? (l[i18n.lang] ?? l.nl) : String(code ?? '');
  }
  return {
    /** codes of a kind, in the server's order */
    codes: (kind) => Array.from(maps.get(kind)?.keys() ?? []),
    label,
    /** the labels of a list of codes, joined */
    labels: (kind, codes, sep = ', ') => (codes || []).map((c) => label(kind, c)).join(sep),
    emergencyNumber: v.emergency_number || '',
    /** help lines for a language, in display order */
    helplines: (lang) => (v.helplines_by_language?.[lang] ?? []).map((name) => byName.get(name)).filter(Boolean),
  };
}

// --- sound ---------------------------------------------------------------------------------------------
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

/** Render text with highlighted spans (for triage evidence). spans: [{start, end, title, code}]. */
export function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  const whole = String(text ?? '');
  const ok = (spans || [])
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.start >= 0 && s.start < whole.length)
    .sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of ok) {
    const start = Math.max(s.start, pos);
    const end = Math.min(s.end, whole.length);
    if (end <= start) continue;
    if (start > pos) frag.append(document.createTextNode(whole.slice(pos, start)));
    frag.append(el('mark', { class: 'evidence', title: s.title || '', dataset: { code: s.code || '' } }, whole.slice(start, end)));
    pos = end;
  }
  if (pos < whole.length) frag.append(document.createTextNode(whole.slice(pos)));
  return frag;
}

/** Announce a short text to screen readers via a polite live region. */
export function announce(region, text) {
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** Run fn once the DOM is ready. */
export function onReady(fn) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
}
