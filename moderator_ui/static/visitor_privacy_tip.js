// Before the chat starts, a short tip on private browsing (docs/ui.md, "Quick exit and traces"): the quick
// exit replaces the page in the tab's history, but the browser's history list keeps the address. Friendly,
// not frightening, and gone with one tap. Its dismissal lives in memory only: nothing is stored that would
// tell this page was visited.
import { el } from './common.js';

export const PRIVACY_TIP_TEXTS = {
  nl: {
    tip_label: 'Tip',
    tip_text: 'Wil je niet dat iemand later ziet dat je hier was? Open de chat dan in een privévenster (incognito). Of wis na het chatten je browsergeschiedenis.',
    tip_ok: 'Oké',
  },
  en: {
    tip_label: 'Tip',
    tip_text: 'Don’t want anyone to see later that you were here? Then open the chat in a private window (incognito). Or clear your browser history after chatting.',
    tip_ok: 'OK',
  },
  fr: {
    tip_label: 'Conseil',
    tip_text: 'Tu ne veux pas qu’on voie plus tard que tu es venu·e ici ? Ouvre alors le chat dans une fenêtre de navigation privée. Ou efface ton historique après le chat.',
    tip_ok: 'D’accord',
  },
};

/** ctx: {t, onDismiss()}. Returns {box, sync(wanted)}: the box shows while `wanted` and not dismissed. */
export function privacyTip(ctx) {
  let dismissed = false;
  const box = el('aside', { id: 'privacy-tip', class: 'tip', 'aria-labelledby': 'privacy-tip-label', hidden: true },
    el('p', {},
      el('strong', { id: 'privacy-tip-label', 'data-i18n': 'tip_label', text: ctx.t('tip_label') }), ' ',
      el('span', { 'data-i18n': 'tip_text', text: ctx.t('tip_text') })),
    el('button', { type: 'button', id: 'privacy-tip-ok', class: 'secondary tip-ok', 'data-i18n': 'tip_ok', text: ctx.t('tip_ok'),
      on: { click: () => { dismissed = true; box.hidden = true; ctx.onDismiss?.(); } } }));
  return { box, sync: (wanted) => { box.hidden = dismissed || !wanted; } };
}
