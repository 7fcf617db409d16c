// Visitor widget: "Kan nu niet praten" (docs/ui.md). One tap hides the chat behind a neutral screen, a
// plain working calculator in grey (not the helpline's colours, title "Rekenmachine"), and tells the
// counsellor (`cant_talk` {hidden: true}). Tapping the calculator's name at the top brings the chat back,
// with everything that arrived meanwhile (`cant_talk` {hidden: false}). Unlike quick exit ("Snel weg"),
// nothing is closed and the page is not left. The state survives a reload of the tab (sessionStorage).
import { el, emitAck } from './common.js';

export const CANT_TALK_TEXTS = {
  nl: {
    cant_talk: 'Kan nu niet praten', cant_talk_hint: 'Verbergt het gesprek achter een rekenmachine. Terug: tik bovenaan op ‘Rekenmachine’.',
    neutral_title: 'Rekenmachine', neutral_back: 'Rekenmachine (terug naar het gesprek)',
  },
  en: {
    cant_talk: 'Can’t talk now', cant_talk_hint: 'Hides the conversation behind a calculator. To come back, tap ‘Calculator’ at the top.',
    neutral_title: 'Calculator', neutral_back: 'Calculator (back to the conversation)',
  },
  fr: {
    cant_talk: 'Je ne peux pas parler', cant_talk_hint: 'Cache la conversation derrière une calculatrice. Pour revenir, touche « Calculatrice » en haut.',
    neutral_title: 'Calculatrice', neutral_back: 'Calculatrice (retour à la conversation)',
  },
};

const KEY = 'hl.v.neutral';
const KEYS = ['C', '±', '%', '÷', '7', '8', '9', '×', '4', '5', '6', '−', '1', '2', '3', '+', '0', '.', '='];

/** opts: {t, storage (safeStorage), socket(), onBack()}. Returns {hide(), show(), isHidden(), relabel(), button}. */
export function cantTalk(opts) {
  const { t, storage } = opts;
  let hidden = false;
  let savedTitle = document.title;
  const theme = document.querySelector('meta[name="theme-color"]');
  const savedTheme = theme?.content;

  // --- the calculator -------------------------------------------------------------------------------
  const calc = { shown: '0', left: null, op: null, fresh: true };
  const display = el('output', { class: 'calc-display', 'aria-live': 'polite', text: '0' });
  const compute = (a, b, op) => ({ '+': a + b, '−': a - b, '×': a * b, '÷': b === 0 ? Number.NaN : a / b }[op]);
  const fmt = (n) => (Number.isFinite(n) ? String(Number(n.toPrecision(12))) : 'Fout');
  function press(k) {
    const cur = Number(calc.shown);
    if (/^[0-9]$/.test(k)) { calc.shown = calc.fresh || calc.shown === '0' ? k : calc.shown + k; calc.fresh = false; }
    else if (k === '.') { if (calc.fresh) { calc.shown = '0.'; calc.fresh = false; } else if (!calc.shown.includes('.')) calc.shown += '.'; }
    else if (k === 'C') { calc.shown = '0'; calc.left = null; calc.op = null; calc.fresh = true; }
    else if (k === '±') calc.shown = fmt(-cur);
    else if (k === '%') calc.shown = fmt(cur / 100);
    else if (k === '=') { if (calc.op !== null) { calc.shown = fmt(compute(calc.left, cur, calc.op)); calc.op = null; calc.left = null; } calc.fresh = true; }
    else { calc.left = calc.op !== null && !calc.fresh ? compute(calc.left, cur, calc.op) : cur; calc.shown = fmt(calc.left); calc.op = k; calc.fresh = true; }
    display.textContent = calc.shown.length > 14 ? Number(calc.shown).toExponential(6) : calc.shown;
  }
  const back = el('button', { type: 'button', class: 'calc-title', on: { click: () => show() } });
  const pad = el('div', { class: 'calc-keys' },
    ...KEYS.map((k) => el('button', { type: 'button', class: `calc-key ${'÷×−+='.includes(k) ? 'op' : ''} ${k === '0' ? 'wide' : ''}`, text: k, on: { click: () => press(k) } })));
  const screen = el('div', { id: 'neutral', class: 'neutral', hidden: true }, back, display, pad);
  document.body.append(screen);

  // --- the button in the chat ------------------------------------------------------------------------
  const button = el('button', { type: 'button', id: 'cant-talk', class: 'secondary cant-talk', on: { click: () => hide() } });
  const hint = el('p', { id: 'cant-talk-hint', class: 'hint cant-talk-hint' });
  button.setAttribute('aria-describedby', 'cant-talk-hint');

  function relabel() {
    button.textContent = t('cant_talk');
    hint.textContent = t('cant_talk_hint');
    back.textContent = t('neutral_title');
    back.setAttribute('aria-label', t('neutral_back'));
    if (hidden) document.title = t('neutral_title');
  }

  function tell(value) {
    const socket = opts.socket();
    if (socket) emitAck(socket, 'cant_talk', { hidden: value }, 8000);
  }

  function hide(fromReload = false) {
    if (hidden) return;
    hidden = true;
    savedTitle = document.title;
    document.body.classList.add('cant-talk');
    screen.hidden = false;
    document.title = t('neutral_title');
    if (theme) theme.content = '#ffffff';
    storage.set(KEY, '1');
    if (!fromReload) tell(true);
    back.focus();
  }

  function show() {
    if (!hidden) return;
    hidden = false;
    document.body.classList.remove('cant-talk');
    screen.hidden = true;
    document.title = savedTitle;
    if (theme && savedTheme) theme.content = savedTheme;
    storage.del(KEY);
    tell(false);
    opts.onBack?.();
  }

  relabel();
  if (storage.get(KEY) === '1') hide(true); // hidden before a reload: stays hidden
  return { hide, show, isHidden: () => hidden, relabel, button, hint };
}
