// Supervisor transcripts (supervisor_transcript.js), the parts beyond the messages: a transcript's waiting time, duration and referral
// (its public web address as a link, never redacted), its internal notes, handovers and whispers in time
// order (all redacted by the server like the messages), and the key figures beside the charts.
import { $, clear, el, fmtDuration, fmtTime } from './common.js';

export const REVIEW_TEXTS = {
  nl: {
    f_wait: 'wachttijd', f_duration: 'duur', f_referral: 'verwijzing', f_gave_up: 'bezoeker haakte af tijdens het wachten',
    note_label: 'Interne notitie', handover_label: 'Overdracht', system_label: 'Systeemnotitie', whisper_label2: 'Fluistering van supervisor',
    k_conversations: 'Gesprekken', k_quick: 'Snel weg', k_gave_up: 'Afgehaakt tijdens wachten', k_median: 'Mediane gespreksduur',
    k_outcomes: 'Uitkomsten', k_none: 'geen', key_figures: 'Kerncijfers', to_queue: 'naar wachtrij {q}', to_user: 'aan {u}',
  },
  en: {
    f_wait: 'waiting time', f_duration: 'duration', f_referral: 'referral', f_gave_up: 'visitor gave up while waiting',
    note_label: 'Internal note', handover_label: 'Handover', system_label: 'System note', whisper_label2: 'Whisper from supervisor',
    k_conversations: 'Conversations', k_quick: 'Quick exits', k_gave_up: 'Gave up while waiting', k_median: 'Median handling time',
    k_outcomes: 'Outcomes', k_none: 'none', key_figures: 'Key figures', to_queue: 'to queue {q}', to_user: 'to {u}',
  },
  fr: {
    f_wait: 'attente', f_duration: 'durée', f_referral: 'orientation', f_gave_up: 'le visiteur a abandonné en attendant',
    note_label: 'Note interne', handover_label: 'Transfert', system_label: 'Note système', whisper_label2: 'Chuchotement du superviseur',
    k_conversations: 'Conversations', k_quick: 'Sorties rapides', k_gave_up: 'Abandons en attente', k_median: 'Durée médiane',
    k_outcomes: 'Issues', k_none: 'aucune', key_figures: 'Chiffres clés', to_queue: 'vers la file {q}', to_user: 'à {u}',
  },
};

/** An http(s) address as a link that opens apart from this page; anything else is no link. */
export function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch (_) { return null; }
}

export function renderTranscriptExtras(page, tr, facts, log) {
  const { t, i18n } = page;
  const named = (key, value) => `${t(key)}: ${value}`;
  if (Number.isFinite(tr.wait_s)) facts.append(el('span', { class: 'chip', text: named('f_wait', fmtDuration(tr.wait_s)) }));
  if (Number.isFinite(tr.duration_s)) facts.append(el('span', { class: 'chip', text: named('f_duration', fmtDuration(tr.duration_s)) }));
  if (tr.ended_by === 'gave_up') facts.append(el('span', { class: 'chip', text: t('f_gave_up') }));
  if (tr.referral) {
    const href = safeHref(tr.referral.url);
    facts.append(el('span', { class: 'chip referral' }, `${t('f_referral')}: ${tr.referral.name || tr.referral.id}`,
      tr.referral.phone ? ` · ${tr.referral.phone}` : '',
      href ? ' · ' : '', href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', text: tr.referral.url }) : null));
  }
  if (tr.status !== 'ready') return;
  // Messages are the log's items in order; notes and whispers go in by time.
  const times = (tr.messages || []).map((m) => Number(m.ts) || 0);
  const items = Array.from(log.children);
  const place = (li, ts) => {
    const i = times.findIndex((x) => x > (Number(ts) || 0));
    log.insertBefore(li, i >= 0 ? items[i] : null);
  };
  for (const n of tr.notes || []) {
    const kind = n.kind === 'handover' ? 'handover' : n.kind === 'system' ? 'system' : 'note';
    const target = n.to ? (n.to.startsWith('queue:') ? t('to_queue', { q: page.label('queues', n.to.slice(6)) }) : t('to_user', { u: n.to })) : '';
    place(el('li', { class: `m note ${kind}` },
      el('div', { class: 'meta' }, el('span', { text: [t(`${kind}_label`), n.author, target].filter(Boolean).join(' · ') }),
        el('time', { text: fmtTime(n.ts, i18n.lang) }), n.types?.length ? el('span', { class: 'redacted', text: t('redacted') }) : null),
      el('div', { class: 'text', text: String(n.text ?? '') })), n.ts);
  }
  for (const w of tr.whispers || []) {
    place(el('li', { class: 'm whisper' },
      el('div', { class: 'meta' }, el('span', { text: `${t('whisper_label2')} · ${w.from || ''}` }),
        el('time', { text: fmtTime(w.ts, i18n.lang) }), w.types?.length ? el('span', { class: 'redacted', text: t('redacted') }) : null),
      el('div', { class: 'text', text: String(w.text ?? '') })), w.ts);
  }
}

/** Key figures above the charts: conversations, quick exits, gave up while waiting, median handling time
 *  and the outcomes. */
export function renderKeyFigures(page, st) {
  const { t } = page;
  let box = $('#key-figures');
  if (!box) {
    box = el('section', { id: 'key-figures', 'aria-labelledby': 'key-title' });
    $('#view-stats .charts').before(box);
  }
  const card = (label, value) => el('div', { class: 'stat' }, el('div', { class: 'n', text: value }), el('div', { class: 'muted', text: label }));
  const outcomes = Array.isArray(st.outcomes) ? st.outcomes : [];
  clear(box).append(
    el('h3', { id: 'key-title', text: t('key_figures') }),
    el('div', { class: 'cards' },
      card(t('k_conversations'), String(st.conversations ?? 0)),
      card(t('k_quick'), String(st.quick_exits ?? 0)),
      card(t('k_gave_up'), String(st.gave_up ?? 0)),
      card(t('k_median'), st.median_handling_s === null || st.median_handling_s === undefined ? '–' : fmtDuration(st.median_handling_s))),
    el('p', { class: 'outcomes' }, el('strong', { text: `${t('k_outcomes')}: ` }),
      outcomes.length ? outcomes.map((o) => `${page.label('outcomes', o.outcome)} ${o.count}`).join(' · ') : t('k_none')),
  );
}
