// Visitor widget: anonymous chat, no account. Protocol: docs/protocol.md, namespace /visitor.
import {
  $, $$, announce, api, bindLangSwitch, clear, clientId, displayName, el, ERROR_TEXTS, emitAck, errorText, failed, fmtTime,
  makeI18n, makeVocabulary, mergeDicts, onReady, safeStorage,
} from './common.js';
import { CANT_TALK_TEXTS, cantTalk } from './visitor_cant_talk.js';
import { CONTINUITY_TEXTS, continuity } from './visitor_continuity.js';
import { DEVICE_TEXTS, deviceToken, renderBlocked } from './visitor_device.js';
import { isPro, PRO_TEXTS, proLine } from './visitor_pro.js';
import { INTRO_TEXTS, renderIntro } from './visitor_intro.js';
import { linkify } from './visitor_links.js';
import { RETURN_CODE_TEXTS, returnCode, typedAuth } from './visitor_return_code.js';
import { browserLanguages, EXTRA_TEXTS, FALLBACK, fillPicker, RTL } from './visitor_languages.js';
import { PRIVACY_TIP_TEXTS, privacyTip } from './visitor_privacy_tip.js';

// The tab's title, always: neutral, never the helpline's name or "hulp" (docs/ui.md, "Quick exit and traces").
const PAGE_TITLE = 'Chat';

const DICT = {
  nl: {
    title: 'Anoniem chatten', language: 'Taal', skip_to_input: 'Naar het tekstveld',
    quick_exit: 'Snel weg', quick_exit_hint: 'Verlaat deze pagina meteen (of druk twee keer op Esc)',
    welcome_title: 'Je kunt hier anoniem chatten',
    welcome_text: 'Je hoeft je naam niet te geven. Je praat met een hulpverlener die luistert en met je meedenkt.',
    quick_exit_explain: 'Moet je snel weg? Klik op ‘Snel weg’ of druk twee keer op Esc.',
    closed_title: 'Er is nu niemand online.',
    closed_text: 'Je kunt wel een bericht achterlaten. Je krijgt een terugkomcode waarmee je later het antwoord leest.',
    about_question: 'Over wie schrijf je?', about_self: 'Over mezelf', about_other: 'Over iemand anders',
    about_professional: 'Ik ben een professional', about_skip: 'Overslaan, gewoon beginnen',
    have_code: 'Ik heb een terugkomcode', code_label: 'Je terugkomcode', code_submit: 'Lees het antwoord',
    code_bad: 'Deze code kennen we niet. Controleer of je hem goed hebt overgenomen.',
    emergency: 'In direct gevaar? Bel {n}.', chat_title: 'Gesprek',
    offline_title: 'Er is nu niemand online',
    offline_lines: 'Nu met iemand praten kan ook hier:', call: 'Bel {name}, {number}',
    offline_leave: 'Laat hieronder een bericht achter. Een hulpverlener antwoordt zo snel mogelijk.',
    messages_label: 'Berichten', typing: 'De hulpverlener typt…', your_message: 'Jouw bericht',
    placeholder: 'Typ je bericht…', send: 'Verstuur', end: 'Gesprek beëindigen', end_confirm: 'Zeker weten? Klik nogmaals',
    ended_title: 'Het gesprek is beëindigd', ended_text: 'Bedankt voor je bericht. Je kunt altijd opnieuw chatten.',
    new_chat: 'Nieuw gesprek', closed_conv: 'Dit gesprek is afgesloten.',
    you: 'Jij', counsellor: 'Hulpverlener', system: 'Chat',
    sending: 'versturen…', sent: 'verstuurd', delivered: 'gelezen', failed: 'niet verstuurd', retry: 'Opnieuw',
    st_connecting: 'Verbinden…', st_reconnecting: 'Verbinding weg. Opnieuw verbinden…',
    st_new: 'Typ je eerste bericht. Een hulpverlener leest mee zodra die vrij is.',
    st_queue: 'Je bent nummer {position} in de rij.', st_wait: 'Verwachte wachttijd: ongeveer {min} min.',
    st_queued: 'Je bericht is ontvangen. Even geduld, een hulpverlener komt zo bij je.',
    st_active: 'Een hulpverlener is nu bij je in het gesprek.',
    st_offline: 'Je bericht wordt bewaard. Een hulpverlener antwoordt zo snel mogelijk.',
    danger_title: 'Ben je nu in gevaar?', danger_call: 'Bel dan meteen {n}. Dat is gratis.', danger_call_link: 'Bel {n}',
    danger_text: 'Kun je niet veilig praten? Met de app 112NL (Nederland) of 112 BE (België) kun je de meldkamer ook schrijven.',
    danger_wait: 'Je kunt hier ook blijven wachten: een hulpverlener komt zo bij je.',
    new_message: 'Nieuw bericht van de hulpverlener',
    err_text_too_long: 'Je bericht is te lang (maximaal {max} tekens).',
    err_conversation_closed: 'Dit gesprek is afgesloten. Begin een nieuw gesprek.',
    err_conversation_full: 'Dit gesprek is te lang geworden om nog berichten toe te voegen. Begin een nieuw gesprek.',
    err_generic: 'Versturen lukte niet. Probeer het opnieuw.',
  },
  en: {
    title: 'Anonymous chat', language: 'Language', skip_to_input: 'Skip to message box',
    quick_exit: 'Quick exit', quick_exit_hint: 'Leave this page at once (or press Esc twice)',
    welcome_title: 'You can chat here anonymously',
    welcome_text: 'You don’t need to give your name. You talk to a counsellor who listens and thinks along with you.',
    quick_exit_explain: 'Need to leave quickly? Click ‘Quick exit’ or press Esc twice.',
    closed_title: 'Nobody is online right now.',
    closed_text: 'You can still leave a message. You get a return code to read the answer later.',
    about_question: 'Who are you writing about?', about_self: 'About myself', about_other: 'About someone else',
    about_professional: 'I am a professional', about_skip: 'Skip, just start',
    have_code: 'I have a return code', code_label: 'Your return code', code_submit: 'Read the answer',
    code_bad: 'We don’t know this code. Check that you copied it correctly.',
    emergency: 'In immediate danger? Call {n}.', chat_title: 'Conversation',
    offline_title: 'Nobody is online right now',
    offline_lines: 'To talk to someone right now, you can also call:', call: 'Call {name}, {number}',
    offline_leave: 'Leave a message below. A counsellor will answer as soon as possible.',
    messages_label: 'Messages', typing: 'The counsellor is typing…', your_message: 'Your message',
    placeholder: 'Type your message…', send: 'Send', end: 'End conversation', end_confirm: 'Are you sure? Click again',
    ended_title: 'The conversation has ended', ended_text: 'Thank you for your message. You can always chat again.',
    new_chat: 'New conversation', closed_conv: 'This conversation has been closed.',
    you: 'You', counsellor: 'Counsellor', system: 'Chat',
    sending: 'sending…', sent: 'sent', delivered: 'read', failed: 'not sent', retry: 'Retry',
    st_connecting: 'Connecting…', st_reconnecting: 'Connection lost. Reconnecting…',
    st_new: 'Type your first message. A counsellor will read it as soon as one is free.',
    st_queue: 'You are number {position} in the queue.', st_wait: 'Expected wait: about {min} min.',
    st_queued: 'Your message has arrived. Please wait, a counsellor will be with you soon.',
    st_active: 'A counsellor has joined the conversation.',
    st_offline: 'Your message is kept. A counsellor will answer as soon as possible.',
    danger_title: 'Are you in danger right now?', danger_call: 'Then call {n} straight away. It is free.', danger_call_link: 'Call {n}',
    danger_text: 'Can’t talk safely? With the 112NL app (Netherlands) or the 112 BE app (Belgium) you can also write to the emergency centre.',
    danger_wait: 'You can also keep waiting here: a counsellor will be with you soon.',
    new_message: 'New message from the counsellor',
    err_text_too_long: 'Your message is too long (at most {max} characters).',
    err_conversation_closed: 'This conversation is closed. Start a new one.',
    err_conversation_full: 'This conversation has grown too long to add more messages. Start a new one.',
    err_generic: 'Sending failed. Please try again.',
  },
  fr: {
    title: 'Chat anonyme', language: 'Langue', skip_to_input: 'Aller au champ de texte',
    quick_exit: 'Sortie rapide', quick_exit_hint: 'Quitter cette page tout de suite (ou Échap deux fois)',
    welcome_title: 'Ici, tu peux chatter de façon anonyme',
    welcome_text: 'Tu ne dois pas donner ton nom. Tu parles avec un·e intervenant·e qui t’écoute et réfléchit avec toi.',
    quick_exit_explain: 'Tu dois partir vite ? Clique sur « Sortie rapide » ou appuie deux fois sur Échap.',
    closed_title: 'Personne n’est en ligne pour le moment.',
    closed_text: 'Tu peux laisser un message. Tu reçois un code de retour pour lire la réponse plus tard.',
    about_question: 'À propos de qui écris-tu ?', about_self: 'À propos de moi', about_other: 'À propos de quelqu’un d’autre',
    about_professional: 'Je suis un·e professionnel·le', about_skip: 'Passer, commencer tout de suite',
    have_code: 'J’ai un code de retour', code_label: 'Ton code de retour', code_submit: 'Lire la réponse',
    code_bad: 'Nous ne connaissons pas ce code. Vérifie que tu l’as bien recopié.',
    emergency: 'En danger immédiat ? Appelle le {n}.', chat_title: 'Conversation',
    offline_title: 'Personne n’est en ligne pour le moment',
    offline_lines: 'Pour parler à quelqu’un tout de suite, tu peux aussi appeler :', call: 'Appeler {name}, {number}',
    offline_leave: 'Laisse un message ci-dessous. Un·e intervenant·e répondra dès que possible.',
    messages_label: 'Messages', typing: 'L’intervenant·e écrit…', your_message: 'Ton message',
    placeholder: 'Écris ton message…', send: 'Envoyer', end: 'Terminer la conversation', end_confirm: 'Sûr·e ? Clique encore',
    ended_title: 'La conversation est terminée', ended_text: 'Merci pour ton message. Tu peux toujours revenir chatter.',
    new_chat: 'Nouvelle conversation', closed_conv: 'Cette conversation est clôturée.',
    you: 'Toi', counsellor: 'Intervenant·e', system: 'Chat',
    sending: 'envoi…', sent: 'envoyé', delivered: 'lu', failed: 'non envoyé', retry: 'Réessayer',
    st_connecting: 'Connexion…', st_reconnecting: 'Connexion perdue. Reconnexion…',
    st_new: 'Écris ton premier message. Un·e intervenant·e le lira dès qu’il ou elle est libre.',
    st_queue: 'Tu es numéro {position} dans la file.', st_wait: 'Attente prévue : environ {min} min.',
    st_queued: 'Ton message est arrivé. Patiente un peu, quelqu’un arrive bientôt.',
    st_active: 'Un·e intervenant·e a rejoint la conversation.',
    st_offline: 'Ton message est gardé. Un·e intervenant·e répondra dès que possible.',
    danger_title: 'Es-tu en danger maintenant ?', danger_call: 'Appelle tout de suite le {n}. C’est gratuit.', danger_call_link: 'Appeler le {n}',
    danger_text: 'Tu ne peux pas parler sans risque ? Avec l’app 112 BE (Belgique) ou 112NL (Pays-Bas), tu peux aussi écrire à la centrale d’urgence.',
    danger_wait: 'Tu peux aussi continuer à attendre ici : un·e intervenant·e arrive bientôt.',
    new_message: 'Nouveau message de l’intervenant·e',
    err_text_too_long: 'Ton message est trop long ({max} caractères au maximum).',
    err_conversation_closed: 'Cette conversation est clôturée. Commence-en une nouvelle.',
    err_conversation_full: 'Cette conversation est devenue trop longue pour y ajouter des messages. Commence-en une nouvelle.',
    err_generic: 'L’envoi a échoué. Réessaie.',
  },
};

// --- storage (sessionStorage only: gone when the tab closes; wiped on quick exit). What is kept and why:
// docs/ui.md, "Quick exit and traces". `about` is no longer kept (the server has it once connected); the
// key stays listed so that forget() removes an old value.
const K = { token: 'hl.v.resume', seq: 'hl.v.last_seq', lang: 'hl.v.lang', about: 'hl.v.about' };
const ss = safeStorage('sessionStorage');
const sget = ss.get;
const sset = ss.set;
const sdel = ss.del;

// Every text of the widget, per language (the test of every key in every language reads this). The consult
// line at /pro stays nl/en/fr: its team, hours and case-consult lists are in those languages.
export const TEXTS = mergeDicts(ERROR_TEXTS, DICT, CANT_TALK_TEXTS, DEVICE_TEXTS, CONTINUITY_TEXTS, PRO_TEXTS, INTRO_TEXTS,
  RETURN_CODE_TEXTS, PRIVACY_TIP_TEXTS, isPro() ? {} : EXTRA_TEXTS);
const i18n = makeI18n(TEXTS, K.lang, ss, { prefer: browserLanguages(), fallback: FALLBACK, rtl: RTL });
const t = i18n.t;

const S = {
  socket: null,
  conversationId: null,
  resumeToken: sget(K.token),
  // last_seq is what this page has on screen. After a reload the page starts empty (no message text is
  // ever kept in storage), so the server replays the conversation; the stored value marks what the
  // visitor had already seen, so only later messages are announced as new.
  lastSeq: 0,
  seenSeq: Number(sget(K.seq)) || 0,
  about: null,
  status: null,
  offline: false,
  queue: null,
  bySeq: new Map(),       // seq -> li
  pending: [],            // own messages without a seq yet: {cid, text, li}
  deliveredSeq: 0,
  viaReturnCode: false,
  typedCode: null,        // "Ik heb een terugkomcode": the short code, sent once as `return_code`
  exiting: false,
  typingSent: false,
  typingTimer: null,
  remoteTypingTimer: null,
  config: null,
  vocab: makeVocabulary(null, i18n),
};
// Personal codes for coming back (visitor_continuity.js) and the consult line at /pro (visitor_pro.js).
const pc = continuity({ t, socket: () => S.socket, days: () => S.config?.retention_days ?? 30, start: () => start(null), status: () => S.status });
// The short return code from `session`, shown large (visitor_return_code.js).
// The code's box opens above the chat the first time: keep the newest message (what to do now) in view,
// once the render that opened it is done.
const rc = returnCode({ t, status: () => S.status, opened: () => setTimeout(scrollDown, 0) });
const pro = proLine({ t, vocab: () => S.vocab, start: (about) => start(about) });

// ----------------------------------------------------------------------------------------------
// Quick exit: always available, also with Escape pressed twice.
// ----------------------------------------------------------------------------------------------
// Where to go: a partner page's own choice (window.HELPLINE_CONFIG), else the server's, else the page's
// <meta> (for a quick exit before /api/config has answered).
function exitUrl() {
  const meta = document.querySelector('meta[name="helpline-exit-url"]');
  return window.HELPLINE_CONFIG?.exitUrl || S.config?.exit_url || meta?.content || 'about:blank';
}

function wipeStorage() {
  safeStorage('sessionStorage').clear();
  safeStorage('localStorage').clear();
}

function quickExit() {
  if (S.exiting) return;
  S.exiting = true;
  const url = exitUrl();
  wipeStorage();
  // Hide everything at once, so nothing stays visible while we leave.
  document.body.classList.add('leaving');
  for (const n of document.body.children) n.hidden = true;
  let gone = false;
  const go = () => {
    if (gone) return;
    gone = true;
    try { S.socket?.disconnect(); } catch (_) { /* ignore */ }
    wipeStorage();
    try {
      if (window.top && window.top !== window) { window.top.location.replace(url); return; }
    } catch (_) { /* cross-origin parent without permission: leave the frame only */ }
    window.location.replace(url);
  };
  const sock = S.socket;
  if (sock?.connected) {
    try { sock.timeout(400).emit('quick_exit', {}, () => go()); } catch (_) { go(); }
    setTimeout(go, 450);
  } else {
    go();
  }
}

let lastEsc = 0;
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  const now = Date.now();
  if (now - lastEsc < 1500) { e.preventDefault(); quickExit(); }
  lastEsc = now;
}, true);

// ----------------------------------------------------------------------------------------------
// Views
// ----------------------------------------------------------------------------------------------
function show(view) {
  for (const v of $$('.view')) v.hidden = v.id !== view;
  syncTip();
}

/** The private-browsing tip: on the first screen, and in the chat until the first message. */
function syncTip() {
  if (!S.tip) return;
  const view = $$('.view').find((v) => !v.hidden)?.id;
  const empty = $('#messages').children.length === 0 && (!S.status || S.status === 'new');
  // One box, moved to where the visitor is: under the quick-exit hint, or atop the empty chat.
  if (view === 'view-chat' && S.tip.box.parentElement !== $('#view-chat')) $('#status').before(S.tip.box);
  if (view === 'view-start' && S.tip.box.parentElement !== $('#view-start')) $('#view-start .hint').after(S.tip.box);
  // lastSeq 0: nothing said yet in this conversation (a resumed one with messages has its last seq).
  S.tip.sync(view === 'view-start' || (view === 'view-chat' && empty && !S.lastSeq));
}

function setConn(text) {
  const c = $('#conn');
  c.hidden = !text;
  c.textContent = text || '';
}

/** Waiting and triaged acute (`queue_status.urgent`): what to do in danger now, calmly, in the visitor's
 *  language. Not while a counsellor is there, nor when the offline box already says it. */
function renderDanger() {
  const n = S.vocab.emergencyNumber;
  const show = Boolean(S.queue?.urgent) && S.status === 'queued' && !S.offline && Boolean(n);
  const box = $('#danger-now');
  box.hidden = !show;
  if (!show) return;
  clear(box).append(
    el('p', {}, el('strong', { text: t('danger_title') })),
    el('p', { text: t('danger_call', { n }) }),
    el('a', { class: 'call', href: `tel:${n}`, text: t('danger_call_link', { n }) }),
    el('p', { text: t('danger_text') }),
    el('p', { class: 'hint', text: t('danger_wait') }),
  );
}

function renderStatus() {
  syncTip();
  renderDanger();
  pc.render();
  rc.render();
  const box = clear($('#status'));
  const q = S.queue;
  if (S.status === 'closed') return;
  if (S.status === 'active') { box.append(el('strong', { text: t('st_active') })); return; }
  if (S.offline && S.status !== 'active') { box.append(t('st_offline')); return; }
  if (S.status === 'queued' && q && Number.isFinite(Number(q.position)) && Number(q.position) > 0) {
    box.append(el('strong', { text: t('st_queue', { position: q.position }) }));
    const w = Number(q.estimated_wait_s);
    if (Number.isFinite(w) && w > 0) box.append(' ', t('st_wait', { min: Math.max(1, Math.ceil(w / 60)) }));
    return;
  }
  if (S.status === 'queued') { box.append(t('st_queued')); return; }
  box.append(t('st_new'));
}

function setOffline(off) {
  S.offline = !!off;
  $('#offline-box').hidden = !S.offline;
  syncOfflineNotice();
  renderStatus();
}

// ----------------------------------------------------------------------------------------------
// Help now: the emergency number and the help lines for the visitor's language, from /api/config.
// ----------------------------------------------------------------------------------------------
function renderHelp() {
  const n = S.vocab.emergencyNumber;
  for (const p of $$('[data-emergency]')) {
    p.textContent = n ? t('emergency', { n }) : '';
    p.hidden = !n;
  }
  const list = clear($('#helplines'));
  for (const h of S.vocab.helplines(i18n.lang)) {
    list.append(el('li', {},
      // The name read out starts with the visible text's words ("Bel" only for screen readers): axe's
      // label-content-name-mismatch, which an aria-label that reordered them failed.
      el('a', { href: `tel:${h.number.replace(/[^\d+]/g, '')}` }, el('span', { class: 'sr-only', text: `${t('call_word')} ` }),
        el('strong', {}, `${h.name} `, el('span', { class: 'number', text: h.number })), ' ',
        el('span', { class: 'where', text: `(${displayName('region', h.country, i18n.lang)}) – ${h.purpose[i18n.lang] ?? h.purpose.nl}` }))));
  }
  $('#helplines-intro').hidden = list.children.length === 0;
  renderBlocked({ t, lang: i18n.lang, vocab: S.vocab });
  renderDanger();
}

const maxText = () => S.config?.limits.max_text ?? Number.POSITIVE_INFINITY;
const sendErrorText = (code) => errorText(i18n, code, { max: maxText() });

let configTries = 0;
/** GET /api/config; tried again a while when it fails, as the help lines come from it. */
function loadConfig() {
  api(isPro() ? '/api/config?line=pro' : '/api/config').then((cfg) => {
    S.config = cfg;
    S.vocab = makeVocabulary(cfg.vocabulary, i18n);
    pro.fill();
    $('#composer-text').maxLength = cfg.limits.max_text;
    if (cfg.open === false) {
      $('#closed-notice').hidden = false;
      if (S.status !== 'active' && !$('#view-chat').hidden && S.status !== 'closed') setOffline(true);
    }
    renderHelp();
    renderIntro(cfg, i18n.lang, t);
    // Messages that came before the config: now the notice and short numbers are known.
    for (const li of $$('#messages .msg.system, #messages .msg.counsellor')) {
      if (!li._full && isOfflineNotice(li.querySelector('.text').textContent)) { li.classList.add('offline-notice'); li._full = li.querySelector('.text').textContent; }
    }
    syncOfflineNotice();
  }).catch(() => {
    configTries += 1;
    if (configTries < 20) setTimeout(loadConfig, Math.min(30000, 1000 * 2 ** configTries));
  });
}

function setClosed() {
  S.status = 'closed';
  $('#composer').hidden = true;
  $('#chat-actions').hidden = true;
  $('#typing').hidden = true;
  $('#closed-box').hidden = false;
  renderStatus();
}

// ----------------------------------------------------------------------------------------------
// Messages
// ----------------------------------------------------------------------------------------------
function stateLabel(state) {
  return { sending: t('sending'), sent: t('sent'), delivered: t('delivered'), failed: t('failed') }[state] || '';
}

function setState(li, state) {
  li.dataset.state = state;
  li.classList.toggle('failed', state === 'failed');
  const s = li.querySelector('.state');
  if (s) s.textContent = state === 'delivered' ? `✓✓ ${stateLabel(state)}` : state === 'sent' ? `✓ ${stateLabel(state)}` : stateLabel(state);
}

function messageNode(sender, text, ts) {
  const who = sender === 'visitor' ? t('you') : sender === 'counsellor' ? t('counsellor') : t('system');
  const li = el('li', { class: `msg ${sender === 'visitor' || sender === 'counsellor' ? sender : 'system'}` });
  li.append(
    el('span', { class: sender === 'visitor' ? 'sr-only who' : 'who', text: `${who}: ` }),
    // The visitor's own text stays plain; the other side's phone numbers and addresses can be tapped.
    sender === 'visitor' ? el('div', { class: 'text', text }) : el('div', { class: 'text' }, linkify(text, { shortNumbers: shortNumbers(), t })),
  );
  if (sender === 'system' && isOfflineNotice(text)) { li.classList.add('offline-notice'); li._full = text; }
  const meta = el('div', { class: 'meta' }, el('time', { class: 'ts', text: fmtTime(ts || Date.now() / 1000, i18n.lang) }));
  if (sender === 'visitor') meta.append(el('span', { class: 'state' }));
  li.append(meta);
  return li;
}

/** The emergency number and the help lines' numbers: short numbers that become `tel:` links. */
function shortNumbers() {
  const v = S.config?.vocabulary;
  return new Set([v?.emergency_number, ...(v?.helplines ?? []).map((h) => h.number)].filter(Boolean).map(String));
}

/** The system message sent when nobody was online names 112 and the help lines: the offline box above
 *  already does, so while it shows, the message only points there (said once, not twice). */
function isOfflineNotice(text) {
  return Object.values(S.config?.notice ?? {}).includes(text);
}
function syncOfflineNotice() {
  for (const li of $$('#messages .offline-notice')) {
    clear(li.querySelector('.text')).append(S.offline ? t('offline_notice_short') : linkify(li._full, { shortNumbers: shortNumbers(), t }));
  }
}

function insertBySeq(li, seq) {
  const list = $('#messages');
  li.dataset.seq = String(seq);
  const later = Array.from(list.children).find((n) => n.dataset.seq && Number(n.dataset.seq) > seq);
  const firstPending = Array.from(list.children).find((n) => !n.dataset.seq);
  list.insertBefore(li, later || firstPending || null);
}

function bumpSeq(seq) {
  if (seq > S.lastSeq) S.lastSeq = seq;
  if (seq > S.seenSeq) { S.seenSeq = seq; sset(K.seq, seq); }
}

function onMessage(m) {
  if (!m || typeof m !== 'object') return;
  if (S.conversationId && m.conversation_id && m.conversation_id !== S.conversationId) return;
  const seq = Number(m.seq);
  if (!Number.isFinite(seq)) return;
  if (S.bySeq.has(seq)) { bumpSeq(seq); return; }             // dedupe by seq
  if (m.sender === 'visitor') {
    const p = S.pending.find((x) => !x.seq && x.text === m.text);
    if (p) { attachSeq(p, seq); bumpSeq(seq); return; }
  }
  const isNew = seq > S.seenSeq;
  const li = messageNode(m.sender, String(m.text ?? ''), m.ts);
  if (m.sender === 'visitor') setState(li, seq <= S.deliveredSeq ? 'delivered' : 'sent');
  S.bySeq.set(seq, li);
  insertBySeq(li, seq);
  if (li._full) syncOfflineNotice();
  bumpSeq(seq);
  if (m.sender === 'counsellor' && isNew) {
    $('#typing').hidden = true;
    if (document.hidden && !S.cantTalk?.isHidden()) document.title = `(1) ${PAGE_TITLE}`;
  }
  scrollDown();
}

function attachSeq(p, seq) {
  p.seq = seq;
  S.pending = S.pending.filter((x) => x !== p);
  S.bySeq.set(seq, p.li);
  p.li.remove();
  insertBySeq(p.li, seq);
  setState(p.li, seq <= S.deliveredSeq ? 'delivered' : 'sent');
}

function scrollDown() {
  const last = $('#messages').lastElementChild;
  if (!last?.scrollIntoView) return;
  last.scrollIntoView({ block: 'end' });
  // The message box sticks to the bottom of the screen: lift the newest message (and the typing line
  // under it) above it, or it ends up behind the box.
  const composer = $('#composer');
  if (composer.hidden) return;
  const below = $('#typing').hidden ? last : $('#typing');
  const over = below.getBoundingClientRect().bottom - composer.getBoundingClientRect().top + 8;
  if (over > 0) window.scrollBy(0, over);
}

async function send(p) {
  setState(p.li, 'sending');
  const retry = p.li.querySelector('.retry');
  if (retry) retry.remove();
  const ack = await emitAck(S.socket, 'message', { text: p.text, client_id: p.cid }, 10000);
  if (!failed(ack)) {
    const seq = Number(ack.seq);
    if (!p.seq) {
      if (S.bySeq.has(seq) && S.bySeq.get(seq) !== p.li) { // the echo was rendered on its own
        p.li.remove();
        S.pending = S.pending.filter((x) => x !== p);
      } else {
        attachSeq(p, seq);
      }
    }
    bumpSeq(seq);
    $('#send-error').hidden = true;
    if (!S.status || S.status === 'new') { S.status = 'queued'; renderStatus(); }
    return;
  }
  setState(p.li, 'failed');
  const code = ack.error;
  const msg = sendErrorText(code);
  const errBox = $('#send-error');
  errBox.textContent = msg;
  errBox.hidden = false;
  if (code === 'conversation_closed') { setClosed(); return; }
  if (code === 'busy') { setTimeout(() => send(p), Math.max(1, Number(ack.retry_after_s) || 10) * 1000); return; }
  if (code !== 'text_too_long' && code !== 'empty_text') {
    p.li.querySelector('.meta').append(el('button', { type: 'button', class: 'retry', text: t('retry'), on: { click: () => send(p) } }));
  }
}

function submitComposer(e) {
  e.preventDefault();
  const ta = $('#composer-text');
  const text = ta.value.trim();
  if (!text) return;
  if (text.length > maxText()) { $('#send-error').textContent = sendErrorText('text_too_long'); $('#send-error').hidden = false; return; }
  ta.value = '';
  stopTyping();
  const p = { cid: clientId(), text, li: messageNode('visitor', text, Date.now() / 1000), seq: null };
  S.pending.push(p);
  $('#messages').append(p.li);
  syncTip();
  scrollDown();
  send(p);
  ta.focus();
}

function stopTyping() {
  clearTimeout(S.typingTimer);
  if (S.typingSent && S.socket?.connected) S.socket.emit('typing', { typing: false });
  S.typingSent = false;
}

function onInput() {
  if (!S.socket?.connected) return;
  if (!S.typingSent) { S.socket.emit('typing', { typing: true }); S.typingSent = true; }
  clearTimeout(S.typingTimer);
  S.typingTimer = setTimeout(stopTyping, 3000);
}

// ----------------------------------------------------------------------------------------------
// Connection
// ----------------------------------------------------------------------------------------------
function authPayload() {
  if (S.resumeToken) {
    return { resume_token: S.resumeToken, last_seq: S.lastSeq };
  }
  if (S.typedCode) return { return_code: S.typedCode, last_seq: 0, lang: i18n.lang };
  // A new conversation: the browser's device token (blocking), and a personal code or the consult line.
  const a = { lang: i18n.lang, device: deviceToken(), ...pro.authFields(), ...pc.authFields() };
  if (S.about) a.about = S.about;
  return a;
}

function connect() {
  if (S.socket) { try { S.socket.disconnect(); } catch (_) { /* ignore */ } }
  if (typeof window.io !== 'function') { setConn(t('st_reconnecting')); return; }
  setConn(t('st_connecting'));
  const socket = window.io('/visitor', { auth: (cb) => cb(authPayload()), reconnectionDelayMax: 8000 });
  S.socket = socket;
  socket.on('connect', () => { S.refusals = 0; setConn(''); });
  socket.on('disconnect', (reason) => {
    if (S.exiting) return;
    setConn(t('st_reconnecting'));
    // Closed by the server: the conversation was taken up with its return code elsewhere. Connecting
    // again gets `bad_resume_token`, which clears this page (it may be a phone somebody else holds).
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => {
    const code = err?.data?.error;
    if (code === 'blocked' || code === 'bad_continuity_code') {
      socket.disconnect();
      forget();
      resetChat();
      if (code === 'blocked') showBlocked(); else { show('view-start'); pc.refused(); }
      return;
    }
    const typed = code === 'rate_limited' && S.typedCode;
    if (code === 'bad_resume_token' || code === 'bad_return_code' || typed) {
      socket.disconnect();
      const wasCode = S.viaReturnCode;
      forget();
      resetChat();
      show('view-start');
      if (wasCode) {
        $('#return-box').open = true;
        // Too many codes tried (here or helpline-wide): a neutral "try again in a minute".
        const e = $('#return-error'); e.textContent = t(typed ? 'rc_wait' : 'code_bad'); e.hidden = false;
        $('#return-code').focus();
      }
      return;
    }
    if (code) {
      // Refused for another reason (`unavailable`: the server is busy or restarting). The conversation
      // and its return code are kept: losing them would lose the chat for good. Try again, slower
      // each time; the socket does not retry a refusal by itself.
      setConn(t('st_reconnecting'));
      S.refusals = (S.refusals || 0) + 1;
      clearTimeout(S.retryTimer);
      S.retryTimer = setTimeout(() => { if (!S.exiting) socket.connect(); },
        Math.min(30000, 1000 * 2 ** Math.min(S.refusals - 1, 5)));
      return;
    }
    setConn(t('st_reconnecting'));
  });
  socket.on('session', onSession);
  socket.on('blocked', () => {
    try { socket.disconnect(); } catch (_) { /* ignore */ }
    forget();
    resetChat();
    showBlocked();
  });
  socket.on('message', onMessage);
  socket.on('queue_status', (q) => {
    if (!q || typeof q !== 'object') return;
    S.queue = q;
    if (!S.status || S.status === 'new') S.status = 'queued';
    if (q.open === false) setOffline(true);
    else if (q.open === true && S.offline && Number(q.counsellors_online) > 0) setOffline(false);
    renderStatus();
  });
  socket.on('status', (s) => {
    if (!s || typeof s !== 'object') return;
    if (S.conversationId && s.conversation_id && s.conversation_id !== S.conversationId) return;
    if (s.status === 'closed') { setClosed(); return; }
    S.status = s.status;
    if (s.status === 'active') announce($('#sr-announce'), t('st_active'));
    renderStatus();
  });
  socket.on('typing', (d) => {
    const on = !!(d?.typing);
    $('#typing').hidden = !on || S.status === 'closed';
    clearTimeout(S.remoteTypingTimer);
    if (on) S.remoteTypingTimer = setTimeout(() => { $('#typing').hidden = true; }, 15000);
  });
  socket.on('delivered', (d) => {
    const seq = Number(d?.seq);
    if (!Number.isFinite(seq)) return;
    S.deliveredSeq = Math.max(S.deliveredSeq, seq);
    for (const [s, li] of S.bySeq) if (s <= seq && li.classList.contains('visitor')) setState(li, 'delivered');
  });
}

async function onSession(s) {
  if (!s || typeof s !== 'object') return;
  if (S.conversationId && s.conversation_id && s.conversation_id !== S.conversationId) {
    // A different conversation than the one on screen: start the list afresh.
    resetChat();
  }
  S.conversationId = s.conversation_id || S.conversationId;
  $('#view-chat').dataset.conversationId = S.conversationId || '';
  if (s.resume_token) { S.resumeToken = s.resume_token; sset(K.token, s.resume_token); }
  S.typedCode = null;
  rc.set(s.return_code);
  S.status = s.status || S.status || 'new';
  show('view-chat');
  if (S.status === 'closed') setClosed();
  const open = s.service.open;
  setOffline(S.status !== 'active' && S.status !== 'closed' && (!open || S.offline));
  renderStatus();
  if (S.status !== 'closed' && document.activeElement === document.body) $('#composer-text').focus();
  // Defensive: fetch anything after what we already have (dedupe by seq makes this harmless), page by
  // page: `history` answers at most a page and says whether `more` follow.
  for (;;) {
    const before = S.lastSeq;
    const ack = await emitAck(S.socket, 'history', { after_seq: before }, 8000);
    if (failed(ack)) return;
    for (const m of ack.messages) onMessage(m);
    if (!ack.more || S.lastSeq <= before) return;
  }
}

/** The neutral notice for a blocked browser, with other ways to get help. */
function showBlocked() {
  S.socket = null;
  renderHelp();
  show('view-blocked');
  $('#blocked-title').focus();
}

function forget() {
  pc.forget();
  rc.forget();
  S.typedCode = null;
  S.resumeToken = null; S.lastSeq = 0; S.seenSeq = 0; S.conversationId = null; S.viaReturnCode = false;
  sdel(K.token); sdel(K.seq); sdel(K.about);
}

function resetChat() {
  clear($('#messages'));
  S.bySeq.clear(); S.pending = []; S.deliveredSeq = 0; S.lastSeq = 0; S.status = null; S.queue = null; S.offline = false;
  $('#composer').hidden = false; $('#chat-actions').hidden = false; $('#closed-box').hidden = true;
  $('#offline-box').hidden = true; $('#send-error').hidden = true; $('#typing').hidden = true;
  renderStatus();
}

function start(about) {
  S.about = about || null;
  resetChat();
  show('view-chat');
  if (S.config?.open === false) setOffline(true);
  renderStatus();
  connect();
  $('#composer-text').focus();
}

let endArmed = null;
async function endConversation() {
  const btn = $('#end');
  if (!endArmed) {
    btn.textContent = t('end_confirm');
    endArmed = setTimeout(() => { endArmed = null; btn.textContent = t('end'); }, 4000);
    return;
  }
  clearTimeout(endArmed); endArmed = null; btn.textContent = t('end');
  stopTyping();
  await emitAck(S.socket, 'end', {}, 3000);
  try { S.socket?.disconnect(); } catch (_) { /* ignore */ }
  S.socket = null;
  forget();
  resetChat();
  show('view-ended');
  $('#ended-title').focus();
}

function newChat() {
  try { S.socket?.disconnect(); } catch (_) { /* ignore */ }
  S.socket = null;
  forget();
  resetChat();
  show('view-start');
  $('#start-title').setAttribute('tabindex', '-1');
  $('#start-title').focus();
}

// ----------------------------------------------------------------------------------------------
// Boot
// ----------------------------------------------------------------------------------------------
function boot() {
  document.title = PAGE_TITLE;
  fillPicker($('#lang'), i18n.langs, i18n);
  // Dismissed: the keyboard goes on where the visitor was headed, not back to the top of the page.
  S.tip = privacyTip({ t, onDismiss: () => {
    if (!$('#view-chat').hidden) { $('#composer-text').focus(); return; }
    $('#start-title').setAttribute('tabindex', '-1');
    $('#start-title').focus();
  } });
  $('#view-start .hint').after(S.tip.box);
  i18n.apply();
  // "Kan nu niet praten": the chat behind a neutral screen, and back (visitor_cant_talk.js).
  S.cantTalk = cantTalk({ t, storage: ss, socket: () => S.socket, onBack: scrollDown });
  $('#chat-actions').prepend(S.cantTalk.button);
  $('#chat-actions').after(S.cantTalk.hint);
  bindLangSwitch($('#lang'), i18n);
  i18n.onChange((lang) => {
    S.cantTalk.relabel();
    renderStatus(); renderHelp(); pro.fill(); renderIntro(S.config, lang, t); syncOfflineNotice();
    if (S.socket?.connected) S.socket.emit('profile', { about: S.about, lang });
    for (const li of S.bySeq.values()) if (li.dataset.state) setState(li, li.dataset.state);
    for (const p of S.pending) setState(p.li, p.li.dataset.state);
  });

  $('#quick-exit').addEventListener('click', quickExit);
  pro.init();
  pc.init();
  i18n.apply();
  for (const b of $$('.choice')) b.addEventListener('click', () => start(b.dataset.about));
  $('#skip-about').addEventListener('click', () => start(null));
  $('#composer').addEventListener('submit', submitComposer);
  $('#composer-text').addEventListener('input', onInput);
  $('#composer-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('#composer').requestSubmit(); }
  });
  $('#end').addEventListener('click', endConversation);
  $('#new-chat').addEventListener('click', newChat);
  $('#new-chat-2').addEventListener('click', newChat);
  rc.init();
  $('#return-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = typedAuth($('#return-code').value);
    if (!typed.resume_token && !typed.return_code) return;
    $('#return-error').hidden = true;
    resetChat();
    // The short code goes once; the `session` that answers it brings the resume token to keep.
    S.resumeToken = typed.resume_token || null; S.typedCode = typed.return_code || null;
    S.lastSeq = 0; S.viaReturnCode = true;
    if (S.resumeToken) sset(K.token, S.resumeToken);
    show('view-chat');
    connect();
  });
  document.addEventListener('visibilitychange', () => { if (!document.hidden && !S.cantTalk?.isHidden()) document.title = PAGE_TITLE; });

  loadConfig();

  if (S.resumeToken) { show('view-chat'); renderStatus(); connect(); } // resume after a reload
  else show('view-start');
}

onReady(boot);
