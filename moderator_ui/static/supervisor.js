// Supervisor view: live board, read-only monitoring with whispers, anonymised transcripts, charts.
// Protocol: docs/protocol.md, namespace /supervisor and the /api/supervisor/* endpoints.
import { $, $$, api, clear, displayName, el, emitAck, failed, fmtDateTime, fmtDuration, fmtTime, mergeDicts, onReady } from './common.js';
import { staffPage } from './staff.js';
import { initReport, loadReport, REPORT_TEXTS } from './supervisor_report.js';
import { ACUTE_TEXTS, acuteSupervisor } from './supervisor_acute.js';
import { installReviewQueue, REVIEW_QUEUE_TEXTS } from './supervisor_review.js';
import { installWelfareBoard, WELFARE_BOARD_TEXTS } from './supervisor_welfare.js';
import { REVIEW_TEXTS, renderKeyFigures, renderTranscriptExtras } from './supervisor_transcript.js';
import { renderTeam, TEAM_TEXTS, waitingCells } from './supervisor_team.js';

const DICT = {
  nl: {
    title: 'Supervisie', sections: 'Onderdelen', nav_board: 'Live bord', nav_transcripts: 'Transcripten', nav_stats: 'Cijfers', nav_blocks: 'Blokkades',
    login_title: 'Inloggen (supervisor)',
    not_supervisor: 'Dit account is geen supervisor.',
    board: 'Live bord', active_convs: 'Lopende gesprekken', waiting_convs: 'Wachtrij', col_conv: 'Gesprek', col_counsellor: 'Hulpverlener',
    col_urgency: 'Urgentie', col_signals: 'Signalen', col_time: 'Duur', col_waited: 'Wacht', none_active: 'Geen lopende gesprekken.',
    monitor: 'Meekijken', monitor_hint: 'Kies ‘Meekijken’ bij een lopend gesprek. Je kijkt alleen mee; de bezoeker ziet jou niet.',
    whisper_label: 'Fluister naar de hulpverlener (de bezoeker ziet dit nooit)', whisper: 'Fluister', stop_monitor: 'Stop meekijken',
    transcripts: 'Afgesloten gesprekken (geanonimiseerd)', f_from: 'Van', f_to: 'Tot en met', f_signal: 'Signaal', f_outcome: 'Uitkomst',
    f_counsellor: 'Hulpverlener', search: 'Zoeken', col_closed: 'Gesloten', col_outcome: 'Uitkomst', no_transcripts: 'Geen gesprekken gevonden.',
    transcript: 'Transcript', pending: 'Het geanonimiseerde transcript wordt nog gemaakt. Probeer het zo opnieuw.',
    stats: 'Cijfers', days: 'Periode (dagen)', chart_hour: 'Gesprekken per uur van de dag', chart_wait: 'Wachttijd (verdeling)', chart_signals: 'Signalen per dag',
    c_waiting: 'Wachtend', c_active: 'Lopend', c_longest: 'Langste wachttijd', c_online: 'Hulpverleners online', c_acute: 'Acuut',
    watch: 'Meekijken', open: 'Open', any: '— alle —',
    whisper_sent: 'Fluistering', quick_exit: 'snel weg',
    tags: 'Tags', messages: 'Berichten', col_action: 'Actie', unit_h: 'u', quick_exit_row: 'bezoeker snel weg',
    no_data: 'Nog geen gegevens.', redacted: 'geanonimiseerd', closed_now: 'Dit gesprek is gesloten.', nobody_waiting: 'Niemand wacht.',
  },
  en: {
    title: 'Supervision', sections: 'Sections', nav_board: 'Live board', nav_transcripts: 'Transcripts', nav_stats: 'Statistics', nav_blocks: 'Blocks',
    login_title: 'Log in (supervisor)',
    not_supervisor: 'This account is not a supervisor.',
    board: 'Live board', active_convs: 'Active conversations', waiting_convs: 'Queue', col_conv: 'Conversation', col_counsellor: 'Counsellor',
    col_urgency: 'Urgency', col_signals: 'Signals', col_time: 'Duration', col_waited: 'Waiting', none_active: 'No active conversations.',
    monitor: 'Monitor', monitor_hint: 'Choose ‘Monitor’ on an active conversation. You only watch; the visitor does not see you.',
    whisper_label: 'Whisper to the counsellor (the visitor never sees this)', whisper: 'Whisper', stop_monitor: 'Stop monitoring',
    transcripts: 'Closed conversations (anonymised)', f_from: 'From', f_to: 'To', f_signal: 'Signal', f_outcome: 'Outcome',
    f_counsellor: 'Counsellor', search: 'Search', col_closed: 'Closed', col_outcome: 'Outcome', no_transcripts: 'No conversations found.',
    transcript: 'Transcript', pending: 'The anonymised transcript is still being made. Try again shortly.',
    stats: 'Statistics', days: 'Period (days)', chart_hour: 'Conversations per hour of day', chart_wait: 'Waiting time (distribution)', chart_signals: 'Signals per day',
    c_waiting: 'Waiting', c_active: 'Active', c_longest: 'Longest wait', c_online: 'Counsellors online', c_acute: 'Acute',
    watch: 'Monitor', open: 'Open', any: '— any —',
    whisper_sent: 'Whisper', quick_exit: 'quick exit',
    tags: 'Tags', messages: 'Messages', col_action: 'Action', unit_h: 'h', quick_exit_row: 'visitor left by quick exit',
    no_data: 'No data yet.', redacted: 'anonymised', closed_now: 'This conversation is closed.', nobody_waiting: 'Nobody is waiting.',
  },
  fr: {
    title: 'Supervision', sections: 'Sections', nav_board: 'Tableau en direct', nav_transcripts: 'Transcriptions', nav_stats: 'Chiffres', nav_blocks: 'Blocages',
    login_title: 'Connexion (superviseur)',
    not_supervisor: 'Ce compte n’est pas superviseur.',
    board: 'Tableau en direct', active_convs: 'Conversations en cours', waiting_convs: 'File d’attente', col_conv: 'Conversation', col_counsellor: 'Intervenant·e',
    col_urgency: 'Urgence', col_signals: 'Signaux', col_time: 'Durée', col_waited: 'Attente', none_active: 'Aucune conversation en cours.',
    monitor: 'Observer', monitor_hint: 'Choisis « Observer » pour une conversation en cours. Tu observes seulement ; le visiteur ne te voit pas.',
    whisper_label: 'Chuchoter à l’intervenant·e (le visiteur ne le voit jamais)', whisper: 'Chuchoter', stop_monitor: 'Arrêter d’observer',
    transcripts: 'Conversations clôturées (anonymisées)', f_from: 'Du', f_to: 'Au', f_signal: 'Signal', f_outcome: 'Issue',
    f_counsellor: 'Intervenant·e', search: 'Rechercher', col_closed: 'Clôturée', col_outcome: 'Issue', no_transcripts: 'Aucune conversation trouvée.',
    transcript: 'Transcription', pending: 'La transcription anonymisée est en préparation. Réessaie bientôt.',
    stats: 'Chiffres', days: 'Période (jours)', chart_hour: 'Conversations par heure', chart_wait: 'Temps d’attente (répartition)', chart_signals: 'Signaux par jour',
    c_waiting: 'En attente', c_active: 'En cours', c_longest: 'Attente la plus longue', c_online: 'Intervenant·es en ligne', c_acute: 'Aigu',
    watch: 'Observer', open: 'Ouvrir', any: '— tous —',
    whisper_sent: 'Chuchotement', quick_exit: 'sortie rapide',
    tags: 'Étiquettes', messages: 'Messages', col_action: 'Action', unit_h: 'h', quick_exit_row: 'sortie rapide du visiteur',
    no_data: 'Pas encore de données.', redacted: 'anonymisé', closed_now: 'Cette conversation est clôturée.', nobody_waiting: 'Personne n’attend.',
  },
};
// One colour per signal, in the vocabulary's order of signals (a chart's legend names them).
const COLORS = ['#b3141c', '#7a3ff2', '#1f6f6b', '#c26a00', '#2b6cb0', '#8a5a44', '#4a7d1e', '#a0306f', '#556070', '#d14d72', '#0f8a8a', '#6b4fbb', '#9a7b00'];

const page = staffPage({
  texts: mergeDicts(DICT, REPORT_TEXTS, ACUTE_TEXTS, REVIEW_QUEUE_TEXTS, WELFARE_BOARD_TEXTS, TEAM_TEXTS, REVIEW_TEXTS), langKey: 'hl.s.lang', namespace: '/supervisor',
  mayUse: (me) => me.role === 'supervisor' || me.role === 'admin', refusedKey: 'not_supervisor',
  onEnter, onLeave, onSocket, onConnect, onLanguage,
});
installReviewQueue(page); // the review queue (supervisor_review.js)
installWelfareBoard(page); // who may need a break (supervisor_welfare.js)
const { i18n, t } = page;
const label = (kind, code) => page.label(kind, code);
const labels = (kind, codes) => page.vocab.labels(kind, codes);
const S = { board: null, boardAt: 0, monitoring: null, monConv: null, monSeqs: new Set(), tick: null };

const short = (id) => `#${String(id || '').slice(0, 8)}`;
// Acute alerts with sound, on every section of the page (supervisor_acute.js).
const acute = acuteSupervisor({ page, monitor: (id) => { showView('board'); monitor(id); } });

// --- entering and leaving (login, logout and the socket itself: staff.js) ----------------------------
function onEnter() {
  $('#nav').hidden = false;
  const limit = page.limits.note_max;
  if (limit) $('#whisper-text').maxLength = limit;
  showView('board');
  fillFilters();
  if (!S.tick) S.tick = setInterval(renderBoard, 1000);
}

function onLeave() {
  S.monitoring = null; S.monConv = null; S.board = null;
  $('#monitor-body').hidden = true;
  $('#monitor-empty').hidden = false;
  $('#transcript').hidden = true;
  clearInterval(S.tick); S.tick = null;
  for (const v of $$('.sv')) v.hidden = true;
  $('#nav').hidden = true;
  acute.clear();
}

function onLanguage() {
  renderBoard(true);
  acute.render();
  renderMonitorFacts();
  fillFilters();
  if (!$('#view-transcripts').hidden) loadTranscripts();
  if (!$('#view-stats').hidden) loadStats();
  if (!$('#view-report').hidden) loadReport();
}

function showView(name) {
  // Every view has a button in the nav (feature modules add their own).
  for (const v of $$('#nav [data-view]').map((b) => b.dataset.view)) $(`#view-${v}`).hidden = v !== name;
  for (const b of $$('#nav [data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === name));
  if (name === 'transcripts') loadTranscripts();
  if (name === 'stats') loadStats();
  if (name === 'report') loadReport();
}

// --- live board -----------------------------------------------------------------------------------
async function onConnect() {
  if (S.monitoring) await monitor(S.monitoring, true);
}

function onSocket(socket) {
  socket.on('board', (b) => { S.board = b; S.boardAt = Date.now(); renderBoard(true); acute.onBoard(b); });
  acute.attach(socket);
  socket.on('message', (m) => { if (m.conversation_id === S.monitoring) addMonitorMessage(m); });
  socket.on('whisper', (w) => { if (w.conversation_id === S.monitoring) addMonitorWhisper(w); });
  socket.on('typing', (d) => {
    if (d.conversation_id !== S.monitoring) return;
    const n = $('#monitor-typing');
    n.textContent = `${d.sender === 'counsellor' ? t('counsellor') : t('visitor')} …`;
    n.hidden = !d.typing;
  });
  socket.on('status', (d) => {
    if (d.conversation_id === S.monitoring && d.status === 'closed') {
      $('#monitor-log').append(el('li', { class: 'm system', text: t('closed_now') }));
      $('#whisper-form').hidden = true;
    }
  });
}

function renderBoard(full) {
  const b = S.board;
  if (!b) return;
  const since = (Date.now() - S.boardAt) / 1000;
  if (full !== true) {
    for (const n of $$('[data-secs]')) n.textContent = fmtDuration(Number(n.dataset.secs) + since);
    return;
  }
  const acute = Array.isArray(b.acute) ? b.acute : [];
  const cards = clear($('#cards'));
  const card = (label, value, cls = '', secs = null) => el('div', { class: `stat ${cls}` },
    el('div', { class: 'n', dataset: secs !== null ? { secs: String(secs) } : undefined, text: value }), el('div', { class: 'muted', text: label }));
  cards.append(
    card(t('c_waiting'), String(b.waiting ?? 0)),
    card(t('c_active'), String(b.active ?? 0)),
    card(t('c_longest'), fmtDuration(b.longest_wait_s || 0), '', (b.waiting ? Number(b.longest_wait_s) || 0 : null)),
    card(t('c_online'), String(b.counsellors_online ?? 0)),
    card(t('c_acute'), String(acute.length), acute.length ? 'acute' : ''),
  );
  renderTeam(page, b);
  const acuteIds = new Set(acute.map((a) => a.conversation_id));
  const tbody = clear($('#conv-table tbody'));
  const convs = Array.isArray(b.conversations) ? b.conversations : [];
  $('#no-active').hidden = convs.length > 0;
  for (const c of convs) {
    const isAcute = c.urgency === 'acute' || acuteIds.has(c.conversation_id);
    tbody.append(el('tr', { class: isAcute ? 'acute' : '' },
      el('td', { text: short(c.conversation_id) }),
      el('td', { text: c.counsellor || '' }),
      el('td', { text: label('urgencies', c.urgency) }),
      el('td', { class: 'labels', text: labels('signals', c.signals) }),
      el('td', { dataset: { secs: String(Number(c.active_s) || 0) }, text: fmtDuration(c.active_s || 0) }),
      el('td', { class: 'action' }, el('button', { type: 'button', class: 'btn small', text: t('watch'), 'aria-pressed': String(S.monitoring === c.conversation_id), on: { click: () => monitor(c.conversation_id) } }))));
  }
  const wbody = clear($('#wait-table tbody'));
  const queue = Array.isArray(b.queue) ? b.queue : [];
  if (!queue.length) wbody.append(el('tr', {}, el('td', { colspan: '6', class: 'muted', text: t('nobody_waiting') })));
  for (const w of queue) {
    wbody.append(el('tr', { class: w.urgency === 'acute' ? 'acute' : '' },
      el('td', { text: short(w.conversation_id) }),
      el('td', { text: label('urgencies', w.urgency) }),
      el('td', { class: 'labels', text: labels('signals', w.signals) }),
      el('td', { dataset: { secs: String(Number(w.waited_s) || 0) }, text: fmtDuration(w.waited_s || 0) }),
      ...waitingCells(page, w, () => S.board)));
  }
}

async function monitor(id, silent) {
  if (S.monitoring && S.monitoring !== id) await emitAck(page.socket, 'unmonitor', { conversation_id: S.monitoring });
  const ack = await emitAck(page.socket, 'monitor', { conversation_id: id });
  if (failed(ack)) {
    if (!silent) $('#monitor-empty').textContent = page.errorText(ack.error);
    return;
  }
  S.monitoring = id;
  S.monSeqs = new Set();
  const conv = ack.conversation;
  $('#monitor-empty').hidden = true;
  $('#monitor-body').hidden = false;
  $('#whisper-form').hidden = false;
  $('#monitor-title').textContent = `${t('monitor')} ${short(id)}`;
  S.monConv = conv;
  renderMonitorFacts();
  clear($('#monitor-log'));
  const items = [...(conv.messages || []).map((m) => ({ kind: 'm', ts: m.ts, m })), ...(conv.whispers || []).map((w) => ({ kind: 'w', ts: w.ts, m: w }))];
  items.sort((a, b) => (a.ts || 0) - (b.ts || 0));
  for (const it of items) { if (it.kind === 'm') addMonitorMessage(it.m); else addMonitorWhisper(it.m); }
  renderBoard(true);
  // A long conversation comes in pages of `history` (docs/protocol.md); each item finds its place by time.
  let more = Boolean(conv.more_messages);
  let after = Math.max(0, ...(conv.messages || []).map((m) => Number(m.seq) || 0));
  while (more && S.monitoring === id) {
    const h = await emitAck(page.socket, 'history', { conversation_id: id, after_seq: after });
    if (failed(h) || !h.messages.length || S.monitoring !== id) break;
    for (const m of h.messages) addMonitorMessage(m);
    after = Math.max(after, ...h.messages.map((m) => Number(m.seq) || 0));
    more = h.more;
  }
}

/** Insert a monitor log item in time order (pages and live events may arrive in any order). */
function placeByTime(li, ts) {
  const log = $('#monitor-log');
  li.dataset.ts = String(Number(ts) || 0);
  let before = null;
  for (let n = log.lastElementChild; n && Number(n.dataset.ts) > Number(li.dataset.ts); n = n.previousElementSibling) before = n;
  log.insertBefore(li, before);
  if (!before) log.scrollTop = log.scrollHeight;
}

function renderMonitorFacts() {
  const conv = S.monConv;
  const facts = clear($('#monitor-facts'));
  if (!conv) return;
  const named = (key, value) => (value ? `${t(key).toLocaleLowerCase(i18n.lang)}: ${value}` : '');
  for (const v of [named('col_counsellor', conv.counsellor), named('col_urgency', label('urgencies', conv.urgency)),
    displayName('language', conv.language, i18n.lang), named('waiting_convs', label('queues', conv.queue))]) {
    if (v) facts.append(el('span', { class: 'chip', text: v }));
  }
  for (const s of conv.signals) facts.append(el('span', { class: `chip sig ${s === 'acute_danger' ? 'acute' : ''}`, text: label('signals', s) }));
}

function addMonitorMessage(m) {
  const seq = Number(m.seq);
  if (S.monSeqs.has(seq)) return;
  S.monSeqs.add(seq);
  const sender = ['visitor', 'counsellor', 'system'].includes(m.sender) ? m.sender : 'system';
  placeByTime(el('li', { class: `m ${sender}` },
    el('div', { class: 'meta' }, el('span', { text: t(sender) }), el('time', { text: fmtTime(m.ts, i18n.lang) })),
    el('div', { class: 'text', text: String(m.text ?? '') })), m.ts);
}

function addMonitorWhisper(w) {
  placeByTime(el('li', { class: 'm whisper' },
    el('div', { class: 'meta' }, el('span', { text: `${t('whisper_sent')} · ${w.from || ''}` }), el('time', { text: fmtTime(w.ts, i18n.lang) })),
    el('div', { class: 'text', text: String(w.text ?? '') })), w.ts);
}

async function whisper(e) {
  e.preventDefault();
  const ta = $('#whisper-text');
  const text = ta.value.trim();
  if (!text || !S.monitoring) return;
  const err = $('#whisper-error');
  err.hidden = true;
  const ack = await emitAck(page.socket, 'whisper', { conversation_id: S.monitoring, text });
  if (failed(ack)) { err.textContent = page.errorText(ack.error); err.hidden = false; return; }
  if (ta.value.trim() === text) ta.value = ''; // not what was typed meanwhile
}

async function unmonitor() {
  if (S.monitoring) await emitAck(page.socket, 'unmonitor', { conversation_id: S.monitoring });
  S.monitoring = null; S.monConv = null;
  $('#monitor-body').hidden = true;
  $('#monitor-empty').hidden = false;
  $('#monitor-empty').textContent = t('monitor_hint');
  $('#monitor-title').textContent = t('monitor');
  renderBoard(true);
}

// --- transcripts ----------------------------------------------------------------------------------
function fillFilters() {
  const s = $('#f-signal');
  const keep = s.value;
  clear(s).append(el('option', { value: '', text: t('any') }));
  for (const code of page.vocab.codes('signals')) s.append(el('option', { value: code, text: label('signals', code) }));
  s.value = keep;
  const o = $('#f-outcome');
  const keepO = o.value;
  clear(o).append(el('option', { value: '', text: t('any') }));
  for (const code of page.vocab.codes('outcomes')) o.append(el('option', { value: code, text: label('outcomes', code) }));
  o.value = keepO;
}

async function loadTranscripts(e) {
  if (e) e.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('#filters'))) if (String(v).trim()) params.set(k, String(v).trim());
  const err = $('#tr-error');
  err.hidden = true;
  let list = [];
  try {
    const r = await api(`/api/supervisor/transcripts${params.toString() ? `?${params}` : ''}`);
    list = r.transcripts;
  } catch (ex) { err.textContent = page.errorText(ex.code); err.hidden = false; }
  const tbody = clear($('#tr-table tbody'));
  $('#tr-empty').hidden = list.length > 0;
  for (const row of list) {
    tbody.append(el('tr', { class: row.urgency === 'acute' ? 'acute' : '' },
      el('td', { text: fmtDateTime(row.closed_at, i18n.lang) }),
      el('td', { text: row.counsellor || '' }),
      el('td', { text: [row.outcome ? label('outcomes', row.outcome) : '', row.quick_exit ? t('quick_exit_row') : ''].filter(Boolean).join(' · ') }),
      el('td', { class: 'labels', text: labels('signals', row.signals) }),
      el('td', { class: 'action' }, el('button', { type: 'button', class: 'btn small', text: t('open'), on: { click: () => openTranscript(row.conversation_id) } }))));
  }
}

async function openTranscript(id) {
  const box = $('#transcript');
  box.hidden = false;
  // Only the latest click draws: answers to earlier clicks (a slow server) would add their messages twice.
  S.trAsked = (S.trAsked || 0) + 1;
  const asked = S.trAsked;
  let tr;
  let failure = null;
  try { tr = await api(`/api/supervisor/transcripts/${encodeURIComponent(id)}`); } catch (ex) { failure = ex; }
  if (asked !== S.trAsked) return;
  const log = clear($('#transcript-log'));
  const facts = clear($('#transcript-facts'));
  $('#transcript-pending').hidden = true;
  if (failure) {
    log.append(el('li', { class: 'error', text: page.errorText(failure.code) }));
    return;
  }
  // Each fact says what it is: "urgentie: acuut" next to the signal "acuut gevaar" is not a puzzle.
  const named = (key, value) => (value ? `${t(key).toLocaleLowerCase(i18n.lang)}: ${value}` : '');
  for (const v of [short(id), named('col_counsellor', tr.counsellor), named('col_urgency', label('urgencies', tr.urgency)),
    named('col_outcome', tr.outcome && label('outcomes', tr.outcome)), tr.quick_exit ? t('quick_exit_row') : '',
    named('tags', tr.tags.join(', '))]) {
    if (v) facts.append(el('span', { class: 'chip', text: v }));
  }
  for (const code of tr.signals) facts.append(el('span', { class: `chip sig ${code === 'acute_danger' ? 'acute' : ''}`, text: label('signals', code) }));
  if (tr.status === 'pending') { renderTranscriptExtras(page, tr, facts, log); $('#transcript-pending').hidden = false; return; }
  for (const m of tr.messages) {
    const sender = ['visitor', 'counsellor', 'system'].includes(m.sender) ? m.sender : 'system';
    log.append(el('li', { class: `m ${sender}` },
      el('div', { class: 'meta' }, el('span', { text: t(sender) }), el('time', { text: fmtTime(m.ts, i18n.lang) }),
        m.types?.length ? el('span', { class: 'redacted', text: t('redacted') }) : null),
      el('div', { class: 'text', text: String(m.text ?? '') })));
  }
  renderTranscriptExtras(page, tr, facts, log); // waiting time, duration, referral; notes and whispers in time order
}

// --- charts (inline SVG built here; nothing external) ----------------------------------------------
const NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

/** bars: [{label, values: [numbers]}] (stacked); colors per stack index. */
function barChart(fig, bars, { colors = ['#1f6f6b'], legend = null, title = '' } = {}) {
  for (const n of Array.from(fig.children)) if (n.tagName !== 'FIGCAPTION') n.remove();
  const total = bars.reduce((a, b) => a + b.values.reduce((x, y) => x + y, 0), 0);
  if (!bars.length || !total) { fig.append(el('p', { class: 'muted', text: t('no_data') })); return; }
  const W = 340; const H = 200; const L = 28; const B = 30; const T = 8; const R = 6;
  const top = Math.max(1, ...bars.map((b) => b.values.reduce((x, y) => x + y, 0)));
  const step = top <= 5 ? 1 : Math.ceil(top / 4);
  const max = Math.ceil(top / step) * step;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title });
  const bw = (W - L - R) / bars.length;
  s.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }), svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  for (let v = 0; v <= max; v += step) {
    const y = H - B - (v / max) * (H - B - T);
    s.append(svg('text', { x: L - 4, y: y + 4, 'text-anchor': 'end' }, v));
    if (v) s.append(svg('line', { class: 'grid', x1: L, y1: y, x2: W - R, y2: y }));
  }
  // Every n-th label on the x axis, so that none overlap (about 6.5 units per character at 11 px).
  const longest = Math.max(...bars.map((b) => String(b.label).length));
  const every = Math.max(1, Math.ceil(bars.length / 12), Math.ceil((longest * 6.5 + 4) / bw));
  bars.forEach((b, i) => {
    let y = H - B;
    b.values.forEach((v, k) => {
      if (!v) return;
      const h = (v / max) * (H - B - T);
      y -= h;
      const r = svg('rect', { x: L + i * bw + bw * 0.12, y, width: Math.max(1, bw * 0.76), height: h, fill: colors[k % colors.length] });
      r.append(svg('title', {}, `${b.label}: ${legend ? `${legend[k]} ` : ''}${v}`));
      s.append(r);
    });
    if (i % every === 0) s.append(svg('text', { class: 'x', x: L + i * bw + bw / 2, y: H - B + 16, 'text-anchor': 'middle' }, b.label));
  });
  fig.append(s);
  // A text alternative for screen readers.
  fig.append(el('p', { class: 'sr-only', text: bars.map((b) => `${b.label}: ${b.values.reduce((x, y) => x + y, 0)}`).join('; ') }));
  if (legend) {
    const lg = el('div', { class: 'legend' });
    legend.forEach((name, k) => { const sp = el('span', { text: name }); sp.style.setProperty('--c', colors[k % colors.length]); lg.append(sp); });
    fig.append(lg);
  }
}

/** A waiting-time bucket ('<120s', '>=3600s') in short units: '<2m', '≥1u'. */
function bucketLabel(bucket) {
  const m = /^(<|>=)(\d+)s$/.exec(String(bucket));
  if (!m) return String(bucket);
  const secs = Number(m[2]);
  const amount = secs < 60 ? `${secs}s` : secs < 3600 ? `${Math.round(secs / 60)}m` : `${Math.round(secs / 3600)}${t('unit_h')}`;
  return `${m[1] === '<' ? '<' : '≥'}${amount}`;
}

async function loadStats() {
  const err = $('#stats-error');
  err.hidden = true;
  let st;
  try { st = await api(`/api/supervisor/stats?days=${encodeURIComponent($('#stats-days').value)}`); } catch (ex) {
    err.textContent = page.errorText(ex.code); err.hidden = false; return;
  }
  // Conversations per hour of the day (local time), summed over the period.
  const hours = new Array(24).fill(0);
  for (const h of (st.conversations_per_hour || [])) {
    const d = new Date(h.hour);
    if (!Number.isNaN(d.getTime())) hours[d.getHours()] += Number(h.count) || 0;
  }
  renderKeyFigures(page, st);
  barChart($('#chart-hour'), hours.map((n, i) => ({ label: String(i), values: [n] })), { title: t('chart_hour') });
  barChart($('#chart-wait'), (st.waiting_time_histogram || []).map((b) => ({ label: bucketLabel(b.bucket), values: [Number(b.count) || 0] })), { colors: ['#2b6cb0'], title: t('chart_wait') });
  const days = st.signals_per_day || [];
  const all = page.vocab.codes('signals');
  const codes = all.filter((c) => days.some((d) => d.signals[c]));
  barChart($('#chart-signals'), days.map((d) => ({ label: String(d.day).slice(5), values: codes.map((c) => Number(d.signals[c]) || 0) })),
    { colors: codes.map((c) => COLORS[all.indexOf(c) % COLORS.length]), legend: codes.map((c) => label('signals', c)), title: t('chart_signals') });
}

// --- boot -----------------------------------------------------------------------------------------
onReady(() => {
  for (const b of $$('#nav [data-view]')) b.addEventListener('click', () => showView(b.dataset.view));
  $('#whisper-form').addEventListener('submit', whisper);
  $('#unmonitor').addEventListener('click', unmonitor);
  $('#filters').addEventListener('submit', loadTranscripts);
  $('#stats-days').addEventListener('change', loadStats);
  initReport(page);
  page.boot();
});
