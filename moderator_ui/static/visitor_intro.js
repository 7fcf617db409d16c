// The first screen says who runs the helpline, what happens to what you write and when someone is
// there: `intro` from GET /api/config ({organisation, privacy, hours}, each {nl, en, fr}), set by the
// operator (docs/operations.md, "The widget's first screen"). Shown once the config has arrived.
import { $, clear, el } from './common.js';

export function renderIntro(config, lang, t) {
  const box = $('#intro');
  if (!box) return;
  const intro = config?.intro;
  if (!intro) { box.hidden = true; return; }
  const pick = (field) => String(intro[field]?.[lang] ?? intro[field]?.nl ?? '');
  clear(box).append(
    el('p', { class: 'intro-org' }, el('span', { class: 'sr-only', text: `${t('intro_by')} ` }), el('strong', { text: pick('organisation') })),
    el('p', { class: 'intro-privacy' }, el('span', { class: 'intro-label', text: `${t('intro_privacy')}: ` }), pick('privacy')),
    el('p', { class: 'intro-hours' }, el('span', { class: 'intro-label', text: `${t('intro_hours')}: ` }), pick('hours')),
  );
  box.hidden = false;
}

export const INTRO_TEXTS = {
  nl: { call_word: 'Bel', intro_by: 'Van', intro_privacy: 'Privacy', intro_hours: 'Open', link_opens_new: 'Opent in een nieuw tabblad', offline_notice_short: 'Je bericht is bewaard. Wat je nu kunt doen staat hierboven.' },
  en: { call_word: 'Call', intro_by: 'By', intro_privacy: 'Privacy', intro_hours: 'Open', link_opens_new: 'Opens in a new tab', offline_notice_short: 'Your message is kept. What you can do now is shown above.' },
  fr: { call_word: 'Appeler', intro_by: 'Par', intro_privacy: 'Vie privée', intro_hours: 'Ouvert', link_opens_new: 'S’ouvre dans un nouvel onglet', offline_notice_short: 'Ton message est gardé. Ce que tu peux faire maintenant est indiqué plus haut.' },
};
