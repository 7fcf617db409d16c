// The widget's device token and the notice for a blocked browser (docs/ui.md, "Blocking abuse").
// The token is 256 random bits made here (crypto.getRandomValues), kept in localStorage so it outlives
// the tab, and sent only when a conversation starts. The server keeps only its hash. The quick exit
// wipes localStorage, and with it this token: a hidden helpline trace matters more than a block.
import { $, clear, displayName, el, safeStorage } from './common.js';

const KEY = 'hl.d';
const FORMAT = /^[A-Za-z0-9_-]{43}$/;

export const DEVICE_TEXTS = {
  nl: {
    blocked_title: 'Chatten lukt nu niet',
    blocked_text: 'Vanuit deze browser kun je op dit moment geen gesprek beginnen.',
    blocked_help: 'Heb je hulp nodig? Je kunt altijd bellen:',
  },
  en: {
    blocked_title: 'Chat is not available right now',
    blocked_text: 'You cannot start a conversation from this browser at the moment.',
    blocked_help: 'Do you need help? You can always call:',
  },
  fr: {
    blocked_title: 'Le chat n’est pas disponible pour le moment',
    blocked_text: 'Tu ne peux pas commencer de conversation depuis ce navigateur pour le moment.',
    blocked_help: 'Tu as besoin d’aide ? Tu peux toujours appeler :',
  },
};

function base64url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The browser's device token, made on first use. Without storage (a blocked iframe) a fresh one each time. */
export function deviceToken() {
  const store = safeStorage('localStorage');
  const known = store.get(KEY);
  if (known && FORMAT.test(known)) return known;
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const token = base64url(bytes);
  store.set(KEY, token);
  return token;
}

/** The blocked notice: neutral (no accusation, no time), with 112 and the help lines for the language. */
export function renderBlocked({ t, lang, vocab }) {
  const box = clear($('#blocked-help'));
  const n = vocab.emergencyNumber;
  if (n) {
    box.append(el('li', {}, el('a', { href: `tel:${n}` }, el('strong', {}, `${n} `), el('span', { text: t('emergency', { n }) }))));
  }
  for (const h of vocab.helplines(lang)) {
    box.append(el('li', {},
      el('a', { href: `tel:${h.number.replace(/[^\d+]/g, '')}`, 'aria-label': t('call', { name: h.name, number: h.number }) },
        el('strong', {}, `${h.name} `, el('span', { class: 'number', text: h.number })), ' ',
        el('span', { class: 'where', text: `(${displayName('region', h.country, lang)}) – ${h.purpose[lang] ?? h.purpose.nl}` }))));
  }
}
