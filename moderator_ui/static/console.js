// Counsellor console. Protocol: docs/protocol.md, namespace /counsellor and the staff REST endpoints.
import {
  $, $$, api, beep, clear, clientId, displayName, el, emitAck, failed, fmtDuration, fmtTime, highlighted, mergeDicts, onReady, unlockAudio,
} from './common.js';
import { ACUTE_TEXTS, acuteConsole } from './console_acute.js';
import { CONTEXT_TEXTS, contextConsole } from './console_context.js';
import { FLOOD_TEXTS, floodChip, renderFloodBanner } from './console_flood.js';
import { installMyReviews, REVIEW_TEXTS } from './console_reviews.js';
import { installWelfare, WELFARE_TEXTS } from './console_welfare.js';
import { SLASH_TEXTS, wireSlash } from './console_canned.js';
import { PRESENCE_TEXTS, presenceChip, presenceFrom, tickPresence } from './console_presence.js';
import { staffPage } from './staff.js';

const DICT = {
  nl: {
    title: 'Hulpverlenersconsole', sound: 'Geluid bij acuut',
    edit_canned: 'Standaardteksten bewerken', login_title: 'Inloggen',
    queue: 'Wachtrij', queue_empty: 'Niemand wacht.', conversations: 'Gesprekken',
    no_conv: 'Geen open gesprekken. Neem een gesprek aan uit de wachtrij.', message: 'Bericht', send: 'Verstuur',
    canned: 'Standaardtekst', referral: 'Verwijzing', insert_referral: 'Invoegen', triage: 'Triage (suggestie)',
    triage_hint: 'Alleen een suggestie: jij beslist.', notes: 'Interne notities', note: 'Notitie', add_note: 'Notitie toevoegen',
    transfer: 'Overdragen', to_user: 'Aan collega (gebruikersnaam)', to_queue: 'Of naar wachtrij', handover: 'Overdrachtsnotitie',
    do_transfer: 'Draag over', close: 'Afsluiten', outcome: 'Uitkomst', tags: "Tags (komma's)", close_note: 'Notitie bij afsluiten',
    do_close: 'Sluit gesprek', add_row: 'Regel toevoegen', cancel: 'Annuleren', save: 'Opslaan', remove: 'Verwijder',
    claim: 'Aannemen', online: '{n} hulpverlener(s) online',
    offline_msg: 'achtergelaten bericht', overflow: 'overloop', minor: 'minderjarig', lang_label: 'taal', role_label: 'rol', queue_label: 'wachtrij',
    about_label: 'over', urgency: 'urgentie',
    you: 'Jij', whisper_from: 'Fluistering van supervisor {from} (alleen voor jou)',
    left: 'De bezoeker heeft het gesprek verlaten.', left_hurry: 'De bezoeker is SNEL WEGGEGAAN (snel-weg-knop). Niet terugschrijven alsof de bezoeker er nog is.',
    closed: 'Dit gesprek is gesloten.', close_tab: 'Tab sluiten', confirm: 'Klopt', reject: 'Klopt niet', add_signal: 'Gemist signaal toevoegen', add: 'Toevoegen', added: 'door jou toegevoegd', suggested_queue: 'Triage stelt wachtrij {q} voor; de bezoeker koos zelf.', no_signals: 'Geen signalen.',
    score: 'score', typing: 'De bezoeker typt…', assigned: '{from} heeft een gesprek aan je overgedragen.', assigned_by_supervisor: 'Supervisor {from} heeft je een gesprek toegewezen.',
    transferred: 'Overgedragen.', closed_ok: 'Gesprek gesloten.', pick: '— kies —', none: '— geen —',
    new_acute: 'Nieuw ACUUT gesprek in de wachtrij!', handover_label: 'overdracht', saved: 'Opgeslagen.', need_target: 'Kies een collega of een wachtrij.',
    unread: '{n} ongelezen', awaiting: 'Wacht op antwoord sinds', awaiting_short: 'wacht', messages: 'Berichten', dismiss: 'Melding sluiten', whisper_about: 'Fluistering van supervisor {from} over gesprek {conv}', show_conv: 'Toon gesprek',
    transferred_user: 'Je hebt dit gesprek overgedragen aan {to}.', transferred_queue: 'Je hebt dit gesprek overgedragen naar de wachtrij {q}.',
    moved_to: 'Dit gesprek is overgedragen aan {to}.', closed_recorded: 'Gesprek gesloten. Vastgelegd: uitkomst {outcome}', closed_tags: 'tags: {tags}',
    closed_referral: 'verwijzing: {ref}', no_tags: 'geen tags',
    take_next: 'Neem volgende', take_next_hint: 'Het dringendste gesprek dat jij mag aannemen',
    acute_waits: 'Er wacht een ACUUT gesprek. Toch dit gesprek aannemen? Klik nogmaals op Aannemen.',
    triage_role: 'Triage denkt aan rol ‘{role}’; de bezoeker koos zelf ‘{about}’.', actions: 'Acties',
    tags_bad: 'Hoogstens {n} tags van elk hoogstens {len} tekens.', canned_title: 'Titel', canned_text: 'Tekst',
  },
  en: {
    title: 'Counsellor console', sound: 'Sound for acute',
    edit_canned: 'Edit canned responses', login_title: 'Log in',
    queue: 'Queue', queue_empty: 'Nobody is waiting.', conversations: 'Conversations',
    no_conv: 'No open conversations. Claim one from the queue.', message: 'Message', send: 'Send',
    canned: 'Canned response', referral: 'Referral', insert_referral: 'Insert', triage: 'Triage (suggestion)',
    triage_hint: 'Only a suggestion: you decide.', notes: 'Internal notes', note: 'Note', add_note: 'Add note',
    transfer: 'Transfer', to_user: 'To colleague (username)', to_queue: 'Or to queue', handover: 'Handover note',
    do_transfer: 'Transfer', close: 'Close', outcome: 'Outcome', tags: 'Tags (comma separated)', close_note: 'Closing note',
    do_close: 'Close conversation', add_row: 'Add row', cancel: 'Cancel', save: 'Save', remove: 'Remove',
    claim: 'Claim', online: '{n} counsellor(s) online',
    offline_msg: 'left message', overflow: 'overflow', minor: 'minor', lang_label: 'language', role_label: 'role', queue_label: 'queue',
    about_label: 'about', urgency: 'urgency',
    you: 'You', whisper_from: 'Whisper from supervisor {from} (only for you)',
    left: 'The visitor has left the conversation.', left_hurry: 'The visitor LEFT IN A HURRY (quick exit). Do not write as if they were still there.',
    closed: 'This conversation is closed.', close_tab: 'Close tab', confirm: 'Correct', reject: 'Wrong', add_signal: 'Add a missed signal', add: 'Add', added: 'added by you', suggested_queue: 'Triage suggests queue {q}; the visitor chose themselves.', no_signals: 'No signals.',
    score: 'score', typing: 'The visitor is typing…', assigned: '{from} transferred a conversation to you.', assigned_by_supervisor: 'Supervisor {from} assigned a conversation to you.',
    transferred: 'Transferred.', closed_ok: 'Conversation closed.', pick: '— choose —', none: '— none —',
    new_acute: 'New ACUTE conversation in the queue!', handover_label: 'handover', saved: 'Saved.', need_target: 'Choose a colleague or a queue.',
    unread: '{n} unread', awaiting: 'Waiting for an answer for', awaiting_short: 'waits', messages: 'Messages', dismiss: 'Dismiss', whisper_about: 'Whisper from supervisor {from} about conversation {conv}', show_conv: 'Show conversation',
    transferred_user: 'You transferred this conversation to {to}.', transferred_queue: 'You transferred this conversation to the {q} queue.',
    moved_to: 'This conversation was transferred to {to}.', closed_recorded: 'Conversation closed. Recorded: outcome {outcome}', closed_tags: 'tags: {tags}',
    closed_referral: 'referral: {ref}', no_tags: 'no tags',
    take_next: 'Take next', take_next_hint: 'The most urgent conversation you may take',
    acute_waits: 'An ACUTE conversation is waiting. Take this one anyway? Click Claim again.',
    triage_role: 'Triage thinks of role ‘{role}’; the visitor chose ‘{about}’ themselves.', actions: 'Actions',
    tags_bad: 'At most {n} tags of at most {len} characters each.', canned_title: 'Title', canned_text: 'Text',
  },
  fr: {
    title: 'Console des intervenant·es', sound: 'Son si aigu',
    edit_canned: 'Modifier les réponses types', login_title: 'Connexion',
    queue: 'File d’attente', queue_empty: 'Personne n’attend.', conversations: 'Conversations',
    no_conv: 'Aucune conversation ouverte. Prends-en une dans la file.', message: 'Message', send: 'Envoyer',
    canned: 'Réponse type', referral: 'Orientation', insert_referral: 'Insérer', triage: 'Triage (suggestion)',
    triage_hint: 'Ce n’est qu’une suggestion : tu décides.', notes: 'Notes internes', note: 'Note', add_note: 'Ajouter une note',
    transfer: 'Transférer', to_user: 'À un·e collègue (nom d’utilisateur)', to_queue: 'Ou vers la file', handover: 'Note de transfert',
    do_transfer: 'Transférer', close: 'Clôturer', outcome: 'Issue', tags: 'Étiquettes (séparées par des virgules)', close_note: 'Note de clôture',
    do_close: 'Clôturer la conversation', add_row: 'Ajouter une ligne', cancel: 'Annuler', save: 'Enregistrer', remove: 'Supprimer',
    claim: 'Prendre', online: '{n} intervenant·e(s) en ligne',
    offline_msg: 'message laissé', overflow: 'débordement', minor: 'mineur·e', lang_label: 'langue', role_label: 'rôle', queue_label: 'file',
    about_label: 'à propos de', urgency: 'urgence',
    you: 'Toi', whisper_from: 'Chuchotement du superviseur {from} (pour toi seul·e)',
    left: 'Le visiteur a quitté la conversation.', left_hurry: 'Le visiteur est PARTI EN HÂTE (sortie rapide). N’écris pas comme s’il était encore là.',
    closed: 'Cette conversation est clôturée.', close_tab: 'Fermer l’onglet', confirm: 'Correct', reject: 'Faux', add_signal: 'Ajouter un signal manqué', add: 'Ajouter', added: 'ajouté par vous', suggested_queue: 'Le triage suggère la file {q} ; la personne a choisi elle-même.', no_signals: 'Aucun signal.',
    score: 'score', typing: 'Le visiteur écrit…', assigned: '{from} t’a transféré une conversation.', assigned_by_supervisor: 'Le superviseur {from} t’a attribué une conversation.',
    transferred: 'Transférée.', closed_ok: 'Conversation clôturée.', pick: '— choisir —', none: '— aucune —',
    new_acute: 'Nouvelle conversation AIGUË dans la file !', handover_label: 'transfert', saved: 'Enregistré.', need_target: 'Choisis un·e collègue ou une file.',
    unread: '{n} non lu(s)', awaiting: 'Attend une réponse depuis', awaiting_short: 'attend', messages: 'Messages', dismiss: 'Fermer la notification', whisper_about: 'Chuchotement du superviseur {from} sur la conversation {conv}', show_conv: 'Afficher la conversation',
    transferred_user: 'Tu as transféré cette conversation à {to}.', transferred_queue: 'Tu as transféré cette conversation vers la file {q}.',
    moved_to: 'Cette conversation a été transférée à {to}.', closed_recorded: 'Conversation clôturée. Enregistré : issue {outcome}', closed_tags: 'étiquettes : {tags}',
    closed_referral: 'orientation : {ref}', no_tags: 'aucune étiquette',
    take_next: 'Prendre la suivante', take_next_hint: 'La conversation la plus urgente que tu peux prendre',
    acute_waits: 'Une conversation AIGUË attend. Prendre quand même celle-ci ? Clique encore sur Prendre.',
    triage_role: 'Le triage pense au rôle « {role} » ; la personne a choisi elle-même « {about} ».', actions: 'Actions',
    tags_bad: '{n} étiquettes au maximum, de {len} caractères au maximum chacune.', canned_title: 'Titre', canned_text: 'Texte',
  },
};
const K = { lang: 'hl.c.lang', sound: 'hl.c.sound' };
// Who is writing, as the visitor's own answer says (vocabulary: About -> Role).
const ROLE_FOR_ABOUT = { self: 'victim', other: 'witness', professional: 'professional' };

const page = staffPage({
  texts: mergeDicts(DICT, ACUTE_TEXTS, CONTEXT_TEXTS, WELFARE_TEXTS, REVIEW_TEXTS, PRESENCE_TEXTS, SLASH_TEXTS, FLOOD_TEXTS), langKey: K.lang, namespace: '/counsellor',
  mayUse: () => true, refusedKey: 'login_failed',
  onEnter, onLeave, onSocket, onConnect, onLanguage,
});
installWelfare(page); // break suggestions (console_welfare.js)
installMyReviews(page); // reviews of my conversations (console_reviews.js)
const { i18n, t } = page;
const label = (kind, code) => page.label(kind, code);
const sig = (code) => label('signals', code);
const urgencyText = (u) => label('urgencies', u);

const S = {
  queue: [], queueAt: 0, online: null, flood: null,
  convs: new Map(),
  active: null,
  canned: [], directory: [],
  knownAcute: new Set(),
  sound: page.store.get(K.sound) !== 'off',
  tick: null,
};
// Acute danger: the protocol checklist, "mark as acute", escalations, "can't talk now" (console_acute.js).
const acute = acuteConsole({
  page, toast: (...a) => toast(...a), soundOn: () => S.sound, convs: S.convs, activate: (id) => activate(id),
  refresh: (c) => renderFacts(c), addNotes: (c, notes) => renderNotes(c, notes),
});
// Consult fields, earlier contacts (with consent) and blocking the browser (console_context.js).
const context = contextConsole({
  page, convs: S.convs, toast: (text) => toast(text), directory: () => S.directory,
  onBlocked: (c) => { c.recorded = { outcome: 'abusive', tags: [], referral: '' }; markClosed(c); },
});

/** A notice in the strip under the top bar (in the page's flow, so it never covers a control), with a
 *  close button; `onOpen` makes its text a button (e.g. show the conversation it is about). */
const TOASTS_MAX = 4;
function toast(text, kind = '', onOpen = null) {
  const box = $('#toasts');
  const body = onOpen
    ? el('button', { type: 'button', class: 'toast-text', title: t('show_conv'), text, on: { click: () => { onOpen(); n.remove(); } } })
    : el('span', { class: 'toast-text', text });
  const n = el('div', { class: `toast ${kind}`, role: 'status' }, body,
    el('button', { type: 'button', class: 'toast-close', 'aria-label': t('dismiss'), title: t('dismiss'), text: '×', on: { click: () => n.remove() } }));
  box.append(n);
  while (box.children.length > TOASTS_MAX) box.firstElementChild.remove();
  setTimeout(() => n.remove(), kind === 'whisper' || kind === 'acute' ? 15000 : 6000);
}

// ------------------------------------------------------------------------------------------------
// Entering and leaving (login, logout and the socket itself: staff.js)
// ------------------------------------------------------------------------------------------------
function onEnter(me) {
  $('#view-app').hidden = false;
  $('#edit-canned').hidden = me.role !== 'admin';
  applyLimits();
  loadReference();
  if (!S.tick) S.tick = setInterval(renderQueue, 1000);
}

function onLeave() {
  for (const c of S.convs.values()) { c.tab.remove(); c.panel.remove(); }
  S.convs.clear(); S.active = null; S.queue = [];
  clearInterval(S.tick); S.tick = null;
  $('#view-app').hidden = true; $('#edit-canned').hidden = true;
}

function onLanguage() {
  applyLimits();
  renderQueue(true);
  for (const c of S.convs.values()) { i18n.apply(c.panel); renderFacts(c); renderTriage(c); renderBanner(c); fillSelects(c); context.render(c); }
}

/** Text limits from the server's config on every text field. */
function applyLimits(root = document) {
  const { max_text: maxText, note_max: noteMax } = page.limits;
  if (maxText) for (const n of $$('.composer .text', root)) n.maxLength = maxText;
  if (noteMax) for (const n of $$('.note-text, .handover, .close-note', root)) n.maxLength = noteMax;
}

async function loadReference() {
  const [canned, dir] = await Promise.allSettled([api('/api/canned'), api('/api/directory')]);
  if (canned.status === 'fulfilled') S.canned = canned.value.responses;
  if (dir.status === 'fulfilled') S.directory = dir.value.organisations;
  for (const c of S.convs.values()) fillSelects(c);
}

// ------------------------------------------------------------------------------------------------
// Socket
// ------------------------------------------------------------------------------------------------
async function onConnect(socket) {
  // (Re)join: everything in `mine`, plus the tabs we already had; then fetch what we missed.
  const ids = new Set(S.convs.keys());
  const mine = await emitAck(socket, 'mine', {});
  if (!failed(mine)) for (const c of mine.conversations) ids.add(c.conversation_id);
  for (const id of ids) {
    const c = S.convs.get(id);
    if (c?.closed) continue;
    await openConversation(id, { focus: false });
  }
}

function onSocket(socket) {
  socket.on('queue', onQueue);
  acute.attach(socket);
  context.attach(socket);
  socket.on('message', (m) => { const c = m && S.convs.get(m.conversation_id); if (c) addMessage(c, m, true); });
  socket.on('triage', (tr) => { const c = tr && S.convs.get(tr.conversation_id); if (c) { c.triage = tr; renderTriage(c); renderFacts(c); } });
  socket.on('typing', (d) => {
    const c = d && S.convs.get(d.conversation_id);
    if (!c) return;
    const n = c.panel.querySelector('.typing');
    n.textContent = t('typing');
    n.hidden = !d.typing;
    clearTimeout(c.typingTimer);
    if (d.typing) c.typingTimer = setTimeout(() => { n.hidden = true; }, 15000);
  });
  socket.on('visitor_left', (d) => {
    const c = d && S.convs.get(d.conversation_id);
    if (!c) return;
    c.left = d.hurried ? 'hurry' : 'left';
    c.panel.querySelector('.composer').hidden = true; // nobody to write to; outcome and notes stay
    c.panel.querySelector('.transfer').hidden = true;
    renderBanner(c);
    renderTab(c); // nobody waits for an answer any more
    if (d.hurried) toast(`#${c.id.slice(0, 6)}: ${t('left_hurry')}`, 'acute', () => activate(c.id));
  });
  socket.on('status', (d) => {
    const c = d && S.convs.get(d.conversation_id);
    if (!c) return;
    c.data.status = d.status;
    if (d.status === 'closed') markClosed(c);
    else if (d.counsellor && page.me && d.counsellor !== page.me.username) { // moved to a colleague
      c.transferred ??= { moved: d.counsellor };
      markClosed(c);
    }
    renderFacts(c);
  });
  socket.on('visitor_presence', (d) => {
    const c = d && S.convs.get(d.conversation_id);
    if (!c) return;
    c.presence = d.connected ? { connected: true, since: null } : { connected: false, since: Date.now() };
    renderFacts(c);
  });
  socket.on('assigned', async (d) => {
    toast(t(d.supervisor ? 'assigned_by_supervisor' : 'assigned', { from: d.from }));
    await openConversation(d.conversation_id, { focus: false });
  });
  socket.on('whisper', (w) => {
    const c = S.convs.get(w.conversation_id);
    toast(`${t('whisper_about', { from: w.from, conv: `#${String(w.conversation_id).slice(0, 6)}` })}: ${w.text}`, 'whisper',
      c ? () => activate(c.id) : null);
    if (c) addWhisper(c, w);
  });
}

// ------------------------------------------------------------------------------------------------
// Queue
// ------------------------------------------------------------------------------------------------
function onQueue(q) {
  S.queue = q.waiting;
  S.queueTotal = Number.isFinite(q.total) ? q.total : q.waiting.length;
  S.queueAt = Date.now();
  S.online = q.online;
  S.flood = q.flood ?? null;
  let newAcute = false;
  const nowAcute = new Set();
  for (const w of S.queue) {
    if (w.urgency === 'acute') {
      nowAcute.add(w.conversation_id);
      if (!S.knownAcute.has(w.conversation_id)) newAcute = true;
    }
  }
  S.knownAcute = nowAcute;
  acute.onQueue(S.queue);
  if (newAcute) {
    toast(t('new_acute'), 'acute');
    if (S.sound) beep({ freq: 988, times: 3 });
  }
  renderQueue(true);
}

function renderQueue(full) {
  const list = $('#queue');
  const elapsed = (Date.now() - S.queueAt) / 1000;
  if (full !== true) { // just tick the waiting times (queue, and tabs waiting for an answer)
    for (const n of list.querySelectorAll('[data-waited]')) n.textContent = fmtDuration(Number(n.dataset.waited) + elapsed);
    for (const n of $$('#tabs .awaiting[data-since]')) n.textContent = fmtDuration(Date.now() / 1000 - Number(n.dataset.since));
    tickPresence(t);
    return;
  }
  clear(list);
  $('#queue-count').textContent = String(Math.max(S.queueTotal || 0, S.queue.length));
  $('#queue-empty').hidden = S.queue.length > 0;
  $('#online').textContent = S.online === null ? '' : t('online', { n: S.online });
  renderFloodBanner(t, S.flood);
  const acuteCount = S.queue.filter((w) => w.urgency === 'acute').length;
  document.title = `${acuteCount ? `‼ ${acuteCount} ` : ''}(${S.queue.length}) ${t('title')}`;
  for (const w of S.queue) {
    const urg = w.urgency;
    const chips = el('div', { class: 'chips' });
    for (const code of w.signals) chips.append(el('span', { class: `chip sig ${code === 'acute_danger' ? 'acute' : ''}`, text: sig(code) }));
    const facts = el('div', { class: 'chips' },
      w.language ? el('span', { class: 'chip', text: `${t('lang_label')}: ${displayName('language', w.language, i18n.lang)}` }) : null,
      w.role ? el('span', { class: 'chip', text: `${t('role_label')}: ${label('roles', w.role)}` }) : null,
      w.queue ? el('span', { class: 'chip', text: `${t('queue_label')}: ${label('queues', w.queue)}` }) : null,
      w.minor ? el('span', { class: 'chip', text: t('minor') }) : null,
      w.offline ? el('span', { class: 'chip', text: t('offline_msg') }) : null,
      w.overflow ? el('span', { class: 'chip', text: t('overflow') }) : null,
      floodChip(t, w),
      ...acute.queueChips(w),
    );
    const claimBtn = el('button', { type: 'button', class: `btn small claim ${urg === 'acute' ? 'danger' : 'primary'}`, text: t('claim'), on: { click: () => claimFromQueue(w, claimBtn) } });
    const warned = S.warned === w.conversation_id;
    list.append(el('li', { class: `q-item urg-${urg}`, dataset: { id: w.conversation_id } },
      el('div', { class: 'q-top' },
        el('span', { class: 'urg', text: urg === 'acute' ? `⚠ ${urgencyText(urg).toLocaleUpperCase(i18n.lang)}` : `${t('urgency')}: ${urgencyText(urg)}` }),
        el('span', { class: 'wait', dataset: { waited: String(Number(w.waited_s) || 0) }, text: fmtDuration(Number(w.waited_s) + elapsed) })),
      presenceChip(t, presenceFrom(w.visitor, S.queueAt)),
      // What the visitor wrote first (the server's `preview`): a counsellor may read before taking.
      w.preview ? el('p', { class: 'q-preview', title: w.preview, text: w.preview }) : null,
      chips, facts,
      warned ? el('p', { class: 'claim-warning', role: 'alert', text: t('acute_waits') }) : null,
      el('div', {}, claimBtn)));
  }
  $('#take-next').disabled = S.queue.length === 0;
}

/** Claim from a queue card; a non-acute one while an acute one waits only after a warning and a second click. */
function claimFromQueue(w, btn) {
  const acuteWaits = w.urgency !== 'acute' && S.queue.some((x) => x.urgency === 'acute');
  if (acuteWaits && S.warned !== w.conversation_id) {
    S.warned = w.conversation_id;
    clearTimeout(S.warnTimer);
    S.warnTimer = setTimeout(() => { S.warned = null; renderQueue(true); }, 8000);
    renderQueue(true);
    $(`.q-item[data-id="${w.conversation_id}"] button.claim`)?.focus();
    return;
  }
  S.warned = null;
  claim(w.conversation_id, btn);
}

/** "Take next": the first of the queue, which the server orders most urgent first, then longest waiting,
 *  and fills with only what this counsellor may take. */
function takeNext() {
  const next = S.queue[0];
  if (next) claim(next.conversation_id, $('#take-next'));
}

async function claim(id, btn) {
  if (btn) btn.disabled = true;
  unlockAudio();
  const ack = await emitAck(page.socket, 'claim', { conversation_id: id });
  if (btn) btn.disabled = false;
  if (failed(ack)) {
    // A claim answers not_found for everything that cannot be claimed (docs/protocol.md): usually a colleague was first.
    if (ack.error === 'not_found') {
      toast(page.errorText('claim_gone'));
      S.queue = S.queue.filter((w) => w.conversation_id !== id);
      renderQueue(true);
    } else toast(page.errorText(ack.error));
    return;
  }
  S.queue = S.queue.filter((w) => w.conversation_id !== id);
  renderQueue(true);
  const c = setupConversation(ack.conversation, { focus: true });
  if (ack.conversation.more_messages) await fetchRest(c);
}

/** Everything after the last seq we have, page by page (`history` answers at most a page, with `more`). */
async function fetchRest(c) {
  for (;;) {
    const before = c.lastSeq;
    const h = await emitAck(page.socket, 'history', { conversation_id: c.id, after_seq: before });
    if (failed(h)) return;
    for (const m of h.messages) addMessage(c, m);
    if (!h.more || c.lastSeq <= before) return;
  }
}

// ------------------------------------------------------------------------------------------------
// Conversations (tabs)
// ------------------------------------------------------------------------------------------------
async function openConversation(id, { focus }) {
  const ack = await emitAck(page.socket, 'open', { conversation_id: id });
  if (failed(ack)) {
    const c = S.convs.get(id);
    if (c && ack.error === 'not_found') markClosed(c);
    return;
  }
  const c = setupConversation(ack.conversation, { focus });
  // Fetch anything after the last seq we have (dedupe by seq makes this harmless).
  await fetchRest(c);
}

function setupConversation(conv, { focus }) {
  const id = conv.conversation_id;
  let c = S.convs.get(id);
  if (!c) {
    const panel = $('#tpl-panel').content.firstElementChild.cloneNode(true);
    panel.id = `panel-${id}`;
    const tab = el('button', { type: 'button', class: 'tab', role: 'tab', id: `tab-${id}`, 'aria-controls': panel.id, 'aria-selected': 'false' });
    panel.setAttribute('aria-labelledby', tab.id);
    c = { id, data: conv, panel, tab, lastSeq: 0, bySeq: new Map(), visitorSeqs: [], triage: conv.triage || null, feedback: { ...(conv.feedback || {}) }, closed: false, left: null, seenSent: 0 };
    S.convs.set(id, c);
    tab.addEventListener('click', () => activate(id));
    tab.addEventListener('keydown', (e) => tabKeys(e, id));
    $('#tabs').append(tab);
    $('#panels').append(panel);
    wirePanel(c);
    i18n.apply(panel);
    applyLimits(panel);
  }
  c.data = { ...c.data, ...conv };
  if (conv.triage) c.triage = conv.triage;
  if (conv.feedback) c.feedback = { ...c.feedback, ...conv.feedback };
  if (conv.visitor) c.presence = presenceFrom(conv.visitor);
  if (conv.status === 'closed') markClosed(c); else if (c.closed && conv.status === 'active') unmarkClosed(c);
  for (const m of (conv.messages || [])) addMessage(c, m);
  renderNotes(c, conv.notes || []);
  for (const w of (conv.whispers || [])) addWhisper(c, w);
  renderFacts(c);
  renderTriage(c);
  fillSelects(c);
  context.render(c);
  if (focus || !S.active) activate(id);
  else updateTabsVisibility();
  return c;
}

function tabKeys(e, id) {
  const ids = Array.from(S.convs.keys());
  const i = ids.indexOf(id);
  let j = null;
  if (e.key === 'ArrowRight') j = (i + 1) % ids.length;
  if (e.key === 'ArrowLeft') j = (i - 1 + ids.length) % ids.length;
  if (j !== null) { e.preventDefault(); activate(ids[j]); S.convs.get(ids[j]).tab.focus(); }
}

function activate(id) {
  S.active = id;
  for (const [cid, c] of S.convs) {
    const on = cid === id;
    c.tab.setAttribute('aria-selected', String(on));
    c.tab.tabIndex = on ? 0 : -1;
    c.panel.hidden = !on;
    if (on) { c.tab.classList.remove('unread'); c.unread = 0; renderTab(c); scrollLog(c); sendSeen(c); }
  }
  updateTabsVisibility();
}

function updateTabsVisibility() {
  $('#no-conv').hidden = S.convs.size > 0;
  for (const [cid, c] of S.convs) c.panel.hidden = cid !== S.active;
}

/** A tab: urgency, the short id (whispers and notices name it), the first words of the visitor, the
 *  language, unread messages and how long the visitor has been waiting for an answer. */
function renderTab(c) {
  const urg = c.triage?.urgency || c.data.urgency;
  clear(c.tab);
  c.tab.append(el('span', { text: `${urg === 'acute' ? '⚠ ' : ''}#${c.id.slice(0, 6)}` }));
  if (c.preview) {
    const words = c.preview.replace(/\s+/g, ' ').trim();
    c.tab.append(el('span', { class: 'preview', title: words.slice(0, 200), text: words.length > 26 ? `${words.slice(0, 25)}…` : words }));
  }
  if (c.data.language) c.tab.append(el('span', { class: 'chip', text: String(c.data.language).toUpperCase() }));
  if (!c.closed) c.tab.append(presenceChip(t, c.presence, { short: true }) || '');
  if (c.unread && S.active !== c.id) c.tab.append(el('span', { class: 'badge', 'aria-label': t('unread', { n: c.unread }), text: String(c.unread) }));
  if (c.awaiting && !c.closed && !c.left) {
    c.tab.append(el('span', { class: 'awaiting', title: t('awaiting'), dataset: { since: String(c.awaiting), label: t('awaiting_short') }, text: fmtDuration(Date.now() / 1000 - c.awaiting) }));
  }
  c.tab.classList.toggle('acute', urg === 'acute');
  c.tab.classList.toggle('closed', c.closed);
  if (c.closed) {
    c.tab.append(el('span', { class: 'btn small', role: 'button', tabindex: '0', 'aria-label': t('close_tab'), text: '×',
      on: { click: (e) => { e.stopPropagation(); removeTab(c); }, keydown: (e) => { if (e.key === 'Enter') { e.stopPropagation(); removeTab(c); } } } }));
  }
}

function removeTab(c) {
  c.tab.remove(); c.panel.remove(); S.convs.delete(c.id);
  if (S.active === c.id) { S.active = null; const next = S.convs.keys().next(); if (!next.done) activate(next.value); }
  updateTabsVisibility();
}

function renderFacts(c) {
  const d = c.data || {};
  const tr = c.triage || {};
  const urg = tr.urgency || d.urgency;
  const box = clear(c.panel.querySelector('.facts'));
  box.append(...[
    urg ? el('span', { class: `chip ${urg === 'acute' ? 'acute' : ''}`, text: `${t('urgency')}: ${urgencyText(urg)}` }) : null,
    (tr.language || d.language) ? el('span', { class: 'chip', text: `${t('lang_label')}: ${displayName('language', tr.language || d.language, i18n.lang)}` }) : null,
    // The visitor's own answer (`about`) says who is writing; triage's role guess is then only a suggestion
    // (shown in the triage box), never a fact next to it.
    (!d.about && (tr.role || d.role)) ? el('span', { class: 'chip', text: `${t('role_label')}: ${label('roles', tr.role || d.role)}` }) : null,
    (d.queue || tr.queue) ? el('span', { class: 'chip', text: `${t('queue_label')}: ${label('queues', d.queue || tr.queue)}` }) : null,
    d.about ? el('span', { class: 'chip', text: `${t('about_label')}: ${label('abouts', d.about)}` }) : null,
    (tr.minor ?? d.minor) ? el('span', { class: 'chip', text: t('minor') }) : null,
    d.offline ? el('span', { class: 'chip', text: t('offline_msg') }) : null,
    c.closed || c.left ? null : presenceChip(t, c.presence),
  ].filter(Boolean));
  renderTab(c);
  acute.render(c);
}

function renderBanner(c) {
  const b = c.panel.querySelector('.banner');
  b.classList.toggle('hurry', c.left === 'hurry' && !c.recorded);
  if (c.recorded) b.textContent = recordedText(c.recorded);
  else if (c.left === 'hurry') b.textContent = `⚠ ${t('left_hurry')}`;
  else if (c.left === 'left') b.textContent = t('left');
  else if (c.transferred) b.textContent = transferText(c.transferred);
  else if (c.closed) b.textContent = t('closed');
  b.hidden = !(c.left || c.closed);
  acute.render(c);
}

function transferText(tr) {
  if (tr.user) return t('transferred_user', { to: tr.user });
  if (tr.queue) return t('transferred_queue', { q: label('queues', tr.queue) });
  return t('moved_to', { to: tr.moved });
}

/** What the close recorded, as a confirmation: outcome, tags and referral. */
function recordedText(r) {
  const org = r.referral && S.directory.find((o) => String(o.id) === r.referral);
  return [
    t('closed_recorded', { outcome: label('outcomes', r.outcome) }),
    t('closed_tags', { tags: r.tags.length ? r.tags.join(', ') : t('no_tags') }),
    r.referral ? t('closed_referral', { ref: org?.name || r.referral }) : null,
  ].filter(Boolean).join(' · ');
}

function markClosed(c) {
  c.closed = true;
  c.panel.querySelector('.composer').hidden = true;
  c.panel.querySelector('.transfer').hidden = true;
  c.panel.querySelector('.close').hidden = true;
  renderBanner(c);
  renderTab(c);
}
function unmarkClosed(c) {
  c.closed = false;
  c.panel.querySelector('.composer').hidden = false;
  c.panel.querySelector('.transfer').hidden = false;
  c.panel.querySelector('.close').hidden = false;
  renderBanner(c);
  renderTab(c);
}

function scrollLog(c) {
  const log = c.panel.querySelector('.log');
  log.scrollTop = log.scrollHeight;
}

function sendSeen(c) {
  if (!page.socket?.connected) return;
  const maxVisitor = c.visitorSeqs.length ? c.visitorSeqs[c.visitorSeqs.length - 1] : 0;
  if (maxVisitor > c.seenSent) {
    c.seenSent = maxVisitor;
    page.socket.emit('seen', { conversation_id: c.id, seq: maxVisitor });
  }
}

function addMessage(c, m, live = false) {
  if (!m || typeof m !== 'object') return;
  const seq = Number(m.seq);
  if (!Number.isFinite(seq) || c.bySeq.has(seq)) return;
  const sender = ['visitor', 'counsellor', 'system'].includes(m.sender) ? m.sender : 'system';
  const who = sender === 'visitor' ? t('visitor') : sender === 'counsellor' ? (m.author || t('you')) : t('system');
  const li = el('li', { class: `m ${sender}`, dataset: { seq: String(seq) } },
    el('div', { class: 'meta' }, el('span', { text: who }), el('time', { text: fmtTime(m.ts, i18n.lang) })),
    el('div', { class: 'text', text: String(m.text ?? '') }));
  li._text = String(m.text ?? '');
  c.bySeq.set(seq, li);
  const log = c.panel.querySelector('.log');
  const later = Array.from(log.children).find((n) => n.dataset.seq && Number(n.dataset.seq) > seq);
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.insertBefore(li, later || null);
  if (seq > c.lastSeq) c.lastSeq = seq;
  if (sender === 'visitor') {
    c.visitorSeqs.push(seq);
    c.visitorSeqs.sort((a, b) => a - b);
    applyEvidence(c);
    c.panel.querySelector('.typing').hidden = true;
    sendSeen(c); // delivered = the console has it (read or not)
    if (S.active !== c.id) c.tab.classList.add('unread');
    if (S.active !== c.id && live) c.unread = (c.unread || 0) + 1;
  }
  // Waiting for an answer: since the first visitor message after the last counsellor message.
  if (seq === c.lastSeq) {
    if (sender === 'counsellor') c.awaiting = null;
    else if (sender === 'visitor' && !c.awaiting) c.awaiting = Number(m.ts) || Date.now() / 1000;
  }
  if (sender === 'visitor' && !c.preview) c.preview = li._text;
  if (sender !== 'system') renderTab(c);
  if (atBottom || sender === 'counsellor') scrollLog(c);
}

function addWhisper(c, w) {
  // Whispers come live and again with every open/claim (after a reload): show each once.
  const key = `${w.ts}|${w.from}|${w.text}`;
  c.whispers ??= new Set();
  if (c.whispers.has(key)) return;
  c.whispers.add(key);
  const li = el('li', { class: 'm whisper', role: 'note' },
    el('div', { class: 'meta' }, el('span', { text: t('whisper_from', { from: w.from || '' }) }), el('time', { text: fmtTime(w.ts || Date.now() / 1000, i18n.lang) })),
    el('div', { class: 'text', text: String(w.text ?? '') }));
  c.panel.querySelector('.log').append(li);
  scrollLog(c);
  if (S.active !== c.id) c.tab.classList.add('unread');
}

// Evidence spans index the visitor's messages (0-based, in seq order).
function applyEvidence(c) {
  const bySignal = new Map();
  for (const s of c.triage?.signals ?? []) {
    if (c.feedback[s.code] === 'reject') continue;
    for (const ev of (s.evidence || [])) {
      const idx = Number(ev.message);
      if (!bySignal.has(idx)) bySignal.set(idx, []);
      bySignal.get(idx).push({ start: ev.start, end: ev.end, title: sig(s.code), code: s.code });
    }
  }
  c.visitorSeqs.forEach((seq, idx) => {
    const li = c.bySeq.get(seq);
    if (!li) return;
    const textNode = li.querySelector('.text');
    clear(textNode).append(highlighted(li._text, bySignal.get(idx) || []));
  });
}

function renderTriage(c) {
  const box = c.panel.querySelector('.triage');
  const tr = c.triage;
  const summary = clear(box.querySelector('.triage-summary'));
  const list = clear(box.querySelector('.signals'));
  if (tr?.urgency) {
    summary.append(el('span', { class: `chip ${tr.urgency === 'acute' ? 'acute' : ''}`, text: `${t('urgency')}: ${urgencyText(tr.urgency)}` }));
  }
  const signals = tr?.signals ?? [];
  // The visitor's own answer routes the conversation; triage's other queue is only a suggestion.
  if (tr?.queue && c.data.about && c.data.queue && tr.queue !== c.data.queue) {
    summary.append(el('p', { class: 'small muted', text: t('suggested_queue', { q: label('queues', tr.queue) }) }));
  }
  const role = tr?.role || c.data.role;
  if (c.data.about && role && role !== 'unknown' && role !== ROLE_FOR_ABOUT[c.data.about]) {
    summary.append(el('p', { class: 'small muted', text: t('triage_role', { role: label('roles', role), about: label('abouts', c.data.about) }) }));
  }
  const added = Object.keys(c.feedback).filter((code) => c.feedback[code] === 'add' && !signals.some((s) => s.code === code));
  if (!signals.length && !added.length) list.append(el('li', { class: 'muted', text: t('no_signals') }));
  for (const code of added) {
    list.append(el('li', { class: 'signal confirmed' }, el('div', { class: 'row' }, el('span', { class: 'code', text: sig(code) }), el('span', { class: 'score', text: t('added') }))));
  }
  const select = box.querySelector('.add-signal-code');
  if (select) {
    clear(select);
    for (const code of page.vocab.codes('signals')) {
      if (signals.some((s) => s.code === code) || added.includes(code)) continue;
      select.append(el('option', { value: code, text: sig(code) }));
    }
  }
  for (const s of signals) {
    const verdict = c.feedback[s.code];
    const evid = el('div', { class: 'evid' });
    for (const ev of (s.evidence || [])) {
      const seq = c.visitorSeqs[Number(ev.message)];
      const li = seq !== undefined ? c.bySeq.get(seq) : null;
      if (li?._text) {
        evid.append(el('q', { text: li._text.slice(ev.start, ev.end) }), ' ');
      }
    }
    const confirmBtn = el('button', { type: 'button', class: 'btn small', 'aria-pressed': String(verdict === 'confirm'), text: t('confirm'), on: { click: () => feedback(c, s.code, 'confirm') } });
    const rejectBtn = el('button', { type: 'button', class: 'btn small', 'aria-pressed': String(verdict === 'reject'), text: t('reject'), on: { click: () => feedback(c, s.code, 'reject') } });
    list.append(el('li', { class: `signal ${s.code === 'acute_danger' ? 'acute' : ''} ${verdict === 'confirm' ? 'confirmed' : ''} ${verdict === 'reject' ? 'rejected' : ''}` },
      el('div', { class: 'row' }, el('span', { class: 'code', text: sig(s.code) }),
        el('span', { class: 'score', text: Number.isFinite(Number(s.score)) ? `${t('score')} ${Number(s.score).toFixed(2)}` : '' })),
      evid,
      el('div', { class: 'row' }, confirmBtn, rejectBtn)));
  }
  applyEvidence(c);
}

async function feedback(c, code, verdict) {
  const ack = await emitAck(page.socket, 'triage_feedback', { conversation_id: c.id, code, verdict });
  if (failed(ack)) { toast(page.errorText(ack.error)); return; }
  c.feedback[code] = verdict;
  renderTriage(c);
}

function renderNotes(c, notes) {
  const list = c.panel.querySelector('.note-list');
  c.noteIds = c.noteIds || new Set();
  for (const n of notes) {
    if (!n || (n.id && c.noteIds.has(n.id))) continue;
    if (n.id) c.noteIds.add(n.id);
    list.append(el('li', { class: n.kind === 'handover' ? 'handover' : '' },
      el('div', { class: 'meta', text: `${n.kind === 'handover' ? `${t('handover_label')} · ` : ''}${n.author || ''} · ${fmtTime(n.ts, i18n.lang)}` }),
      el('div', { class: 'text', text: String(n.text ?? '') })));
  }
}

function fillSelects(c) {
  const p = c.panel;
  const lang = String(c.data.language || c.triage?.language || i18n.lang);
  const canned = p.querySelector('.canned');
  clear(canned).append(el('option', { value: '', text: t('pick') }));
  const sorted = [...S.canned].sort((a, b) => (a.language === lang ? -1 : 0) - (b.language === lang ? -1 : 0));
  for (const r of sorted) canned.append(el('option', { value: String(r.id ?? ''), text: `${r.language ? `[${r.language}] ` : ''}${r.title || ''}` }));
  for (const sel of [p.querySelector('.referral'), p.querySelector('.close-referral')]) {
    clear(sel).append(el('option', { value: '', text: sel.classList.contains('referral') ? t('pick') : t('none') }));
    for (const o of S.directory) sel.append(el('option', { value: String(o.id ?? ''), text: `${o.name || o.id}${o.country ? ` (${o.country})` : ''}` }));
  }
  const out = clear(p.querySelector('.outcome'));
  out.append(el('option', { value: '', text: t('pick') }));
  for (const code of page.vocab.codes('outcomes')) out.append(el('option', { value: code, text: label('outcomes', code) }));
  const q = clear(p.querySelector('.to-queue'));
  q.append(el('option', { value: '', text: t('none') }));
  for (const code of page.vocab.codes('queues')) q.append(el('option', { value: code, text: label('queues', code) }));
}

function wirePanel(c) {
  const p = c.panel;
  const ta = p.querySelector('.composer .text');
  ta.setAttribute('aria-label', t('message'));
  p.querySelector('.note-text').setAttribute('aria-label', t('note'));
  let typingOn = false; let typingTimer = null;
  const stopTyping = () => { clearTimeout(typingTimer); if (typingOn) page.socket?.emit('typing', { conversation_id: c.id, typing: false }); typingOn = false; };
  ta.addEventListener('input', () => {
    if (!page.socket?.connected) return;
    if (!typingOn) { page.socket.emit('typing', { conversation_id: c.id, typing: true }); typingOn = true; }
    clearTimeout(typingTimer); typingTimer = setTimeout(stopTyping, 3000);
  });
  ta.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); p.querySelector('.composer').requestSubmit(); }
  });
  wireSlash(ta, { t, getCanned: () => S.canned, getLang: () => String(c.data.language || c.triage?.language || i18n.lang) });
  p.querySelector('.composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = ta.value.trim();
    if (!text) return;
    const err = p.querySelector('.send-error');
    err.hidden = true;
    stopTyping();
    const cid = clientId();
    ta.value = '';
    let ack = await emitAck(page.socket, 'message', { conversation_id: c.id, text, client_id: cid });
    if (ack.error === 'timeout') ack = await emitAck(page.socket, 'message', { conversation_id: c.id, text, client_id: cid });
    if (failed(ack)) {
      ta.value = text;
      err.textContent = page.errorText(ack.error);
      err.hidden = false;
      if (ack.error === 'conversation_closed') markClosed(c);
      return;
    }
    if (!c.bySeq.has(Number(ack.seq))) addMessage(c, { seq: ack.seq, sender: 'counsellor', text, ts: Date.now() / 1000 });
    ta.focus();
  });
  p.querySelector('.canned').addEventListener('change', (e) => {
    const r = S.canned.find((x) => String(x.id) === e.target.value);
    if (r) { ta.value = ta.value ? `${ta.value}\n${r.text}` : String(r.text || ''); ta.focus(); }
    e.target.value = '';
  });
  p.querySelector('.insert-referral').addEventListener('click', () => {
    const id = p.querySelector('.referral').value;
    const o = S.directory.find((x) => String(x.id) === id);
    if (!o) return;
    const line = [o.name, o.phone, o.url].filter(Boolean).join(' · ');
    ta.value = ta.value ? `${ta.value}\n${line}` : line;
    p.querySelector('.close-referral').value = id;
    ta.focus();
  });
  p.querySelector('.add-signal').addEventListener('submit', (e) => {
    e.preventDefault();
    const code = p.querySelector('.add-signal-code').value;
    if (code) feedback(c, code, 'add');
  });
  p.querySelector('.note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const nt = p.querySelector('.note-text');
    const text = nt.value.trim();
    if (!text) return;
    const ack = await emitAck(page.socket, 'note', { conversation_id: c.id, text });
    if (failed(ack)) { toast(page.errorText(ack.error)); return; }
    nt.value = '';
    renderNotes(c, [ack.note]);
  });
  p.querySelector('.transfer-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = p.querySelector('.transfer-error');
    err.hidden = true;
    const toUser = p.querySelector('.to-user').value.trim();
    const toQueue = p.querySelector('.to-queue').value;
    const note = p.querySelector('.handover').value.trim();
    if (!toUser && !toQueue) { err.textContent = t('need_target'); err.hidden = false; return; }
    const payload = { conversation_id: c.id, note };
    if (toUser) payload.to_user = toUser; else payload.to_queue = toQueue;
    const ack = await emitAck(page.socket, 'transfer', payload);
    if (failed(ack)) { err.textContent = page.errorText(ack.error); err.hidden = false; return; }
    toast(t('transferred'));
    c.transferred = toUser ? { user: toUser } : { queue: toQueue };
    if (!toUser) c.data.queue = toQueue;
    markClosed(c);
    renderFacts(c);
  });
  p.querySelector('.close-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const err = p.querySelector('.close-error');
    err.hidden = true;
    const outcome = p.querySelector('.outcome').value;
    if (!outcome) { err.textContent = page.errorText('bad_outcome'); err.hidden = false; return; }
    const payload = { conversation_id: c.id, outcome };
    const tags = p.querySelector('.tags').value.split(',').map((s) => s.trim()).filter(Boolean);
    const { tags_max: most, tag_max: longest } = page.limits;
    if (tags.length > most || tags.some((tag) => tag.length > longest)) {
      err.textContent = t('tags_bad', { n: most, len: longest }); err.hidden = false; return;
    }
    if (tags.length) payload.tags = tags;
    const note = p.querySelector('.close-note').value.trim();
    if (note) payload.note = note;
    const ref = p.querySelector('.close-referral').value;
    if (ref) payload.referral = ref;
    const ack = await emitAck(page.socket, 'close', payload);
    if (failed(ack)) { err.textContent = page.errorText(ack.error); err.hidden = false; return; }
    toast(t('closed_ok'));
    c.recorded = { outcome, tags, referral: ref };
    markClosed(c);
  });
}

// ------------------------------------------------------------------------------------------------
// Canned responses editor (admin)
// ------------------------------------------------------------------------------------------------
function cannedRow(r = {}) {
  return el('div', { class: 'canned-row' },
    el('select', { class: 'c-lang', 'aria-label': t('language') }, ...(page.config?.languages ?? []).map((l) => el('option', { value: l, text: l.toUpperCase(), props: { selected: r.language === l } }))),
    el('input', { class: 'c-title', 'aria-label': t('canned_title'), props: { value: r.title || '' } }),
    el('textarea', { class: 'c-text', rows: '2', 'aria-label': t('canned_text'), props: { value: r.text || '' } }),
    el('button', { type: 'button', class: 'btn small', text: t('remove'), on: { click: (e) => e.target.closest('.canned-row').remove() } }),
  );
}
function openCanned() {
  const rows = clear($('#canned-rows'));
  for (const r of S.canned) { const row = cannedRow(r); row.dataset.id = String(r.id ?? ''); rows.append(row); }
  $('#canned-error').hidden = true;
  $('#canned-dialog').showModal();
}
async function saveCanned() {
  const responses = $$('.canned-row', $('#canned-rows')).map((row, i) => ({
    id: row.dataset.id || `c${Date.now().toString(36)}${i}`,
    language: row.querySelector('.c-lang').value,
    title: row.querySelector('.c-title').value.trim(),
    text: row.querySelector('.c-text').value.trim(),
  })).filter((r) => r.text);
  try {
    await api('/api/canned', { method: 'PUT', body: { responses } });
    S.canned = responses;
    for (const c of S.convs.values()) fillSelects(c);
    $('#canned-dialog').close();
    toast(t('saved'));
  } catch (ex) {
    $('#canned-error').textContent = page.errorText(ex.code);
    $('#canned-error').hidden = false;
  }
}

// ------------------------------------------------------------------------------------------------
onReady(() => {
  const sound = $('#sound');
  sound.checked = S.sound;
  sound.addEventListener('change', () => {
    S.sound = sound.checked;
    page.store.set(K.sound, S.sound ? 'on' : 'off');
    if (S.sound) { unlockAudio(); beep({ times: 1, volume: 0.08 }); }
  });
  $('#edit-canned').addEventListener('click', openCanned);
  $('#take-next').addEventListener('click', takeNext);
  $('#canned-add').addEventListener('click', () => $('#canned-rows').append(cannedRow({ language: i18n.lang })));
  $('#canned-cancel').addEventListener('click', () => $('#canned-dialog').close());
  $('#canned-save').addEventListener('click', saveCanned);
  document.addEventListener('click', unlockAudio, { once: true });
  page.boot();
});
