// Phone numbers and web addresses in a counsellor's (or the system's) message become links a visitor
// can tap: phone numbers as `tel:` links, http(s) addresses opened apart from the chat (new tab,
// rel="noopener noreferrer", so the other site gets no handle on this page and no referrer). Only what
// the patterns below find becomes a link, and only with a `tel:`, `http:` or `https:` address: never
// `javascript:` or `data:`. All text is put in as text nodes, never as HTML.
import { el } from './common.js';

// An address: http(s)://… or www.…, up to white space; closing punctuation is not part of it.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// A phone number: +country… or a national number from 0 (NL, BE), digits with spaces, dashes or dots;
// or one of the short numbers the page knows (112, the help lines).
const PHONE_RE = /(?<![\w+/.-])(?:\+\d[\d .-]{7,17}\d|0\d[\d .-]{6,13}\d|\d{3,6})(?![\w/-])/g;

/** An http(s) URL for `raw` (a "www." address gets https://), or null. */
export function safeUrl(raw) {
  const text = /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch (_) { return null; }
}

/** `tel:` + the digits (and a leading +) of a phone number, or null when it is no phone number. */
export function telHref(raw, shortNumbers) {
  const digits = raw.replace(/[^\d+]/g, '');
  const plain = digits.replace(/^\+/, '');
  if (/^\d{3,6}$/.test(raw)) return shortNumbers.has(raw) ? `tel:${raw}` : null; // "2026", "1500" stay text
  if (digits.startsWith('+') ? plain.length < 8 || plain.length > 15 : plain.length < 8 || plain.length > 12) return null;
  return `tel:${digits}`;
}

function trimUrl(raw) {
  let s = raw;
  while (/[.,;:!?)\]}'"»]$/.test(s) && !(s.endsWith(')') && s.includes('('))) s = s.slice(0, -1);
  return s;
}

/** The message text as a fragment of text nodes and safe links. */
export function linkify(text, { shortNumbers = new Set(), t = (k) => k } = {}) {
  const frag = document.createDocumentFragment();
  const found = [];
  for (const m of text.matchAll(URL_RE)) {
    const raw = trimUrl(m[0]);
    const href = safeUrl(raw);
    if (href) found.push({ start: m.index, end: m.index + raw.length, node: () => el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'link-out', title: t('link_opens_new'), text: raw }) });
  }
  for (const m of text.matchAll(PHONE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => start < f.end && end > f.start)) continue; // digits inside an address
    const href = telHref(m[0], shortNumbers);
    if (href) found.push({ start, end, node: () => el('a', { href, class: 'link-tel', text: m[0] }) });
  }
  found.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    if (f.start > at) frag.append(document.createTextNode(text.slice(at, f.start)));
    frag.append(f.node());
    at = f.end;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  return frag;
}
