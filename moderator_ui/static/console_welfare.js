// Counsellor welfare in the console (docs/ui.md, "Counsellor console"): after an acute conversation
// the server sends `welfare` to this counsellor's own sockets, and a short break is suggested here. It
// sits in the page's flow under the top bar, never over a control and never in the way: "Niet nu"
// closes it, "Ik neem even pauze" tells the supervisor page (POST /api/welfare/break). Nothing stops.
import { $, api, clear, el } from './common.js';

/** Hours logged in as people say it: '25 min' under an hour, else '1,5 u' / '1.5 h'. */
export function shiftTime(hours, lang) {
  const h = Number(hours) || 0;
  if (h < 1) return `${Math.round(h * 60)} min`;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(h)} ${lang === 'nl' ? 'u' : 'h'}`;
}

export const WELFARE_TEXTS = {
  nl: {
    break_title: 'Even pauze?',
    break_acute: 'Je hebt net een acuut gesprek afgerond. Neem een paar minuten voor jezelf: sta even op, drink wat, en praat het uit met je supervisor of een collega als je dat wilt.',
    break_sexual: 'Dit is je {n}e gesprek over seksuele uitbuiting in deze dienst. Neem een paar minuten voor jezelf: sta even op, drink wat, en praat het uit met je supervisor of een collega als je dat wilt.',
    break_shift: 'Deze dienst tot nu toe: gesprekken {handled}, acuut {acute}, over seksuele uitbuiting {sexual}, ingelogd {time}.',
    break_who: 'Dit zien jij en je supervisor, je collega’s niet.',
    break_take: 'Ik neem even pauze', break_later: 'Niet nu',
    break_taken: 'Fijne pauze. Je gesprekken blijven open en de wachtrij loopt door.',
  },
  en: {
    break_title: 'Time for a break?',
    break_acute: 'You have just finished an acute conversation. Take a few minutes for yourself: stand up, have a drink, and talk it through with your supervisor or a colleague if you like.',
    break_sexual: 'This is your conversation number {n} about sexual exploitation in this shift. Take a few minutes for yourself: stand up, have a drink, and talk it through with your supervisor or a colleague if you like.',
    break_shift: 'This shift so far: conversations {handled}, acute {acute}, about sexual exploitation {sexual}, logged in {time}.',
    break_who: 'You and your supervisor see this, your colleagues do not.',
    break_take: 'I’m taking a break', break_later: 'Not now',
    break_taken: 'Enjoy your break. Your conversations stay open and the queue goes on.',
  },
  fr: {
    break_title: 'Une petite pause ?',
    break_acute: 'Tu viens de terminer une conversation aiguë. Prends quelques minutes pour toi : lève-toi, bois quelque chose et parles-en à ton superviseur ou à un·e collègue si tu veux.',
    break_sexual: 'C’est ta conversation numéro {n} sur l’exploitation sexuelle pendant ce service. Prends quelques minutes pour toi : lève-toi, bois quelque chose et parles-en à ton superviseur ou à un·e collègue si tu veux.',
    break_shift: 'Ce service jusqu’ici : conversations {handled}, aiguës {acute}, sur l’exploitation sexuelle {sexual}, connecté·e {time}.',
    break_who: 'Toi et ton superviseur voyez ceci, pas tes collègues.',
    break_take: 'Je fais une pause', break_later: 'Pas maintenant',
    break_taken: 'Bonne pause. Tes conversations restent ouvertes et la file continue.',
  },
};

/** Install the break suggestion on the console page (staff.js page object). */
export function installWelfare(page) {
  const { t } = page;
  let shown = null; // the `welfare` event being shown, or {taken: true} for the thank-you line
  let hideTimer = null;


  function render() {
    const box = $('#break-hint');
    if (!box) return;
    clear(box);
    box.hidden = !shown;
    if (!shown) return;
    if (shown.taken) { box.append(el('p', { class: 'break-text', text: t('break_taken') })); return; }
    const s = shown.shift || {};
    box.append(
      el('div', { class: 'break-body' },
        el('h2', { class: 'break-title', text: t('break_title') }),
        el('p', { class: 'break-text', text: shown.reason === 'sexual' ? t('break_sexual', { n: s.sexual ?? '' }) : t('break_acute') }),
        el('p', { class: 'small muted', text: `${t('break_shift', { handled: s.handled ?? 0, acute: s.acute ?? 0, sexual: s.sexual ?? 0, time: shiftTime(s.hours, page.i18n.lang) })} ${t('break_who')}` })),
      el('div', { class: 'break-actions' },
        el('button', { type: 'button', class: 'btn primary', id: 'break-take', text: t('break_take'), on: { click: takeBreak } }),
        el('button', { type: 'button', class: 'btn', id: 'break-later', text: t('break_later'), on: { click: () => { shown = null; render(); } } })));
  }

  async function takeBreak() {
    try { await api('/api/welfare/break', { method: 'POST', body: {} }); } catch (_) { /* a suggestion; nothing depends on it */ }
    shown = { taken: true };
    render();
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => { if (shown?.taken) { shown = null; render(); } }, 8000);
  }

  page.extend({
    onSocket(socket) {
      socket.on('welfare', (e) => {
        if (!e?.suggest_break) return;
        clearTimeout(hideTimer);
        shown = e;
        render();
      });
    },
    onLeave() { shown = null; render(); },
    onLanguage: render,
  });
}
