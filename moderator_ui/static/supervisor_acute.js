// Supervisor view: acute alerts (docs/ui.md, "Acute danger"). Every supervisor online is alerted when a
// conversation becomes acute and again when it is escalated: a red strip under the top bar (on every
// section of the page) and a short sound, `acute.wav`, shipped with the page (no other host).
//
// Browsers play sound only after the person has interacted with the page (a click or a key). Until then
// the page says so plainly next to the sound switch, and a blocked play says so too: it never pretends
// that a sound was heard.
import { $, clear, el, fmtDuration } from './common.js';

export const ACUTE_TEXTS = {
  nl: {
    acute_alerts: 'Acute meldingen', acute_sound: 'Geluid bij acuut',
    sound_needs_click: 'Geluid kan pas na een klik op deze pagina (de browser wil dat): klik ergens.',
    sound_blocked: 'De browser blokkeerde het geluid: klik op deze pagina om het aan te zetten.',
    alert_new: 'ACUUT', alert_escalated: 'ACUUT, GEËSCALEERD: wacht langer dan de ingestelde tijd, aangeboden aan alle hulpverleners',
    why_triage: 'door triage', why_counsellor: 'door hulpverlener gemarkeerd', why_safe_word: 'codewoord gebruikt',
    alert_waiting: 'wacht {t}', alert_with: 'bij {name}', alert_watch: 'Meekijken', alert_dismiss: 'Melding sluiten',
  },
  en: {
    acute_alerts: 'Acute alerts', acute_sound: 'Sound for acute',
    sound_needs_click: 'Sound can only play after a click on this page (the browser requires it): click anywhere.',
    sound_blocked: 'The browser blocked the sound: click on this page to turn it on.',
    alert_new: 'ACUTE', alert_escalated: 'ACUTE, ESCALATED: waiting longer than the set time, offered to all counsellors',
    why_triage: 'by triage', why_counsellor: 'marked by a counsellor', why_safe_word: 'safe word used',
    alert_waiting: 'waiting {t}', alert_with: 'with {name}', alert_watch: 'Monitor', alert_dismiss: 'Dismiss alert',
  },
  fr: {
    acute_alerts: 'Alertes aiguës', acute_sound: 'Son si aigu',
    sound_needs_click: 'Le son ne peut jouer qu’après un clic sur cette page (le navigateur l’exige) : clique n’importe où.',
    sound_blocked: 'Le navigateur a bloqué le son : clique sur cette page pour l’activer.',
    alert_new: 'AIGU', alert_escalated: 'AIGU, ESCALADÉ : attend plus longtemps que prévu, proposé à tous les intervenant·es',
    why_triage: 'par le triage', why_counsellor: 'marqué par un·e intervenant·e', why_safe_word: 'mot code utilisé',
    alert_waiting: 'attend {t}', alert_with: 'avec {name}', alert_watch: 'Observer', alert_dismiss: 'Fermer l’alerte',
  },
};

const SOUND_KEY = 'hl.s.sound';

/** ctx: {page, monitor(id)}. Returns {attach(socket), onBoard(board), render(), clear()}. */
export function acuteSupervisor(ctx) {
  const { page } = ctx;
  const t = (k, v) => page.t(k, v);
  const alerts = new Map(); // conversation id -> {conversation_id, reason, escalated, status, waited_s, counsellor, at}
  const seen = new Set(); // "<id>:<escalated>": each alert once
  let soundOn = page.store.get(SOUND_KEY) !== 'off';
  let blocked = false;
  let audio = null;

  const strip = el('section', { id: 'acute-alerts', class: 'acute-alerts', 'aria-live': 'assertive', 'aria-label': t('acute_alerts'), hidden: true });
  $('#main').prepend(strip);
  const toggle = el('input', { type: 'checkbox', id: 'acute-sound', props: { checked: soundOn } });
  const toggleText = el('span', { text: t('acute_sound') });
  const soundState = el('span', { id: 'sound-state', class: 'sound-state', role: 'status' });
  $('.topbar .tools').prepend(el('label', { class: 'inline' }, toggle, ' ', toggleText), soundState);
  toggle.addEventListener('change', () => {
    soundOn = toggle.checked;
    page.store.set(SOUND_KEY, soundOn ? 'on' : 'off');
    if (soundOn) play();
    renderSound();
  });

  const activated = () => Boolean(navigator.userActivation?.hasBeenActive);
  for (const ev of ['pointerdown', 'keydown']) {
    document.addEventListener(ev, () => { blocked = false; renderSound(); }, { capture: true });
  }

  function renderSound() {
    toggleText.textContent = t('acute_sound');
    strip.setAttribute('aria-label', t('acute_alerts'));
    const text = !soundOn ? '' : blocked ? t('sound_blocked') : !activated() ? t('sound_needs_click') : '';
    soundState.textContent = text;
    soundState.hidden = !text;
  }

  function play() {
    if (!soundOn) return;
    try {
      audio ??= new Audio('/static/acute.wav');
      audio.currentTime = 0;
      const p = audio.play();
      if (p?.catch) p.then(() => { blocked = false; renderSound(); }).catch(() => { blocked = true; renderSound(); });
    } catch (_) { blocked = true; renderSound(); }
  }

  function notice(item, loud) {
    const key = `${item.conversation_id}:${Boolean(item.escalated)}`;
    const had = alerts.get(item.conversation_id);
    alerts.set(item.conversation_id, { ...had, ...item, escalated: Boolean(item.escalated || had?.escalated), at: Date.now() });
    if (seen.has(key)) return;
    seen.add(key);
    if (loud) play();
    strip.classList.remove('flash');
    void strip.offsetWidth; // restart the flash
    strip.classList.add('flash');
  }

  function render() {
    clear(strip);
    for (const a of alerts.values()) {
      if (a.dismissed) continue;
      const since = a.waited_s === null || a.waited_s === undefined ? null : Number(a.waited_s) + (Date.now() - a.at) / 1000;
      const parts = [
        `⚠ ${a.escalated ? t('alert_escalated') : t('alert_new')}`,
        `#${String(a.conversation_id).slice(0, 8)}`,
        t(`why_${a.reason || 'triage'}`),
        a.status === 'queued' && since !== null ? t('alert_waiting', { t: fmtDuration(since) }) : null,
        a.counsellor ? t('alert_with', { name: a.counsellor }) : null,
      ].filter(Boolean);
      strip.append(el('div', { class: `acute-alert ${a.escalated ? 'escalated' : ''}`, dataset: { id: a.conversation_id } },
        el('span', { class: 'alert-text', text: parts.join(' · ') }),
        el('button', { type: 'button', class: 'btn small', text: t('alert_watch'), on: { click: () => ctx.monitor(a.conversation_id) } }),
        el('button', { type: 'button', class: 'btn small', 'aria-label': t('alert_dismiss'), title: t('alert_dismiss'), text: '×',
          on: { click: () => { a.dismissed = true; render(); } } })));
    }
    strip.hidden = !strip.children.length;
    renderSound();
  }

  function attach(socket) {
    socket.on('acute_alert', (a) => {
      if (!a?.conversation_id) return;
      const had = alerts.get(a.conversation_id);
      if (had && a.escalated && !had.escalated) had.dismissed = false; // an escalation shows again
      notice(a, true);
      render();
    });
  }

  /** The board lists every acute conversation (waiting or active): alerts missed (a reload) show too, and
   *  those that ended go. */
  function onBoard(board) {
    const acute = Array.isArray(board?.acute) ? board.acute : [];
    const ids = new Set(acute.map((a) => a.conversation_id));
    for (const id of [...alerts.keys()]) if (!ids.has(id)) alerts.delete(id);
    for (const a of acute) {
      const had = alerts.get(a.conversation_id);
      if (had && a.escalated && !had.escalated) had.dismissed = false;
      notice(a, !seen.has(`${a.conversation_id}:${Boolean(a.escalated)}`));
    }
    render();
  }

  renderSound();
  return { attach, onBoard, render, clear: () => { alerts.clear(); seen.clear(); render(); strip.hidden = true; } };
}
