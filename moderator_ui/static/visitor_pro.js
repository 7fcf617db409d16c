// The professional consult line (docs/ui.md, "Professional consult line"): the widget at /pro greets
// teachers, youth workers, police and guardians, asks two case-consult questions (closed lists from the
// vocabulary, never a name or a free text) and starts a conversation on the `pro` line, which routes to
// the professional queue and keeps its own opening hours.
import { $, $$, clear, el } from './common.js';

export const PRO_TEXTS = {
  nl: {
    pro_brand: 'Consultatielijn professionals',
    pro_welcome_title: 'Overleg over een jongere, anoniem',
    pro_welcome_text: 'Ben je leerkracht, jongerenwerker, politiemedewerker of voogd en maak je je zorgen over een jongere? Overleg met een hulpverlener van ons team.',
    pro_privacy: 'Noem geen naam, school of adres van de jongere: voor een goed advies is dat niet nodig.',
    pro_org: 'Waar werk je?', pro_question: 'Wat is je vraag?', pro_pick: '— kies —', pro_start: 'Start het overleg',
    pro_closed: 'Het consultatieteam is nu niet bereikbaar. Je kunt je vraag wel achterlaten.',
  },
  en: {
    pro_brand: 'Consult line for professionals',
    pro_welcome_title: 'Talk through a concern about a young person, anonymously',
    pro_welcome_text: 'Are you a teacher, youth worker, police officer or guardian worried about a young person? Talk it through with a counsellor from our team.',
    pro_privacy: 'Do not give the young person’s name, school or address: good advice does not need them.',
    pro_org: 'Where do you work?', pro_question: 'What is your question?', pro_pick: '— choose —', pro_start: 'Start the consultation',
    pro_closed: 'The consult team is not available right now. You can still leave your question.',
  },
  fr: {
    pro_brand: 'Ligne de consultation pour professionnels',
    pro_welcome_title: 'Parler d’un jeune qui t’inquiète, anonymement',
    pro_welcome_text: 'Tu es enseignant·e, travailleur·euse de jeunesse, policier·ère ou tuteur·rice et un jeune t’inquiète ? Parles-en avec un·e intervenant·e de notre équipe.',
    pro_privacy: 'Ne donne pas le nom, l’école ou l’adresse du jeune : ce n’est pas nécessaire pour un bon conseil.',
    pro_org: 'Où travailles-tu ?', pro_question: 'Quelle est ta question ?', pro_pick: '— choisir —', pro_start: 'Commencer la consultation',
    pro_closed: 'L’équipe de consultation n’est pas joignable pour le moment. Tu peux quand même laisser ta question.',
  },
};

export const isPro = () => window.location.pathname.replace(/\/+$/, '') === '/pro';

/** ctx: {t, vocab(), start(about)}. Turns the start page into the consult line's. */
export function proLine(ctx) {
  const consult = {};

  function fill() {
    for (const [id, kind] of [['#pro-org', 'consult_organisations'], ['#pro-question', 'consult_questions']]) {
      const sel = $(id);
      const value = sel.value;
      clear(sel).append(el('option', { value: '', text: ctx.t('pro_pick') }));
      for (const code of ctx.vocab().codes(kind)) sel.append(el('option', { value: code, text: ctx.vocab().label(kind, code) }));
      sel.value = value;
    }
  }

  function init() {
    if (!isPro()) return;
    document.body.classList.add('pro');
    // The consult line's own greeting, in place of the young people's.
    $('.brand').dataset.i18n = 'pro_brand';
    $('#start-title').dataset.i18n = 'pro_welcome_title';
    $('#start-text').dataset.i18n = 'pro_welcome_text';
    $$('#closed-notice p')[1].hidden = true;
    $('#closed-notice').append(el('p', { 'data-i18n': 'pro_closed', text: ctx.t('pro_closed') }));
    for (const n of $$('.about, #pc-box')) n.hidden = true;
    $('#pro-form').hidden = false;
    $('#pro-form').addEventListener('submit', (e) => {
      e.preventDefault();
      consult.organisation = $('#pro-org').value || undefined;
      consult.question = $('#pro-question').value || undefined;
      ctx.start('professional');
    });
    fill();
  }

  return {
    init,
    fill,
    /** Fields for a new conversation's `auth`. */
    authFields: () => (isPro() ? { line: 'pro', consult: { ...consult } } : {}),
  };
}
