// The review queue on the supervisor page (docs/ui.md, "Supervisor view"): every acute closed
// conversation plus a random sample of the others, as anonymised transcripts, each with a short form
// (safety, rapport, referral: 1-5, and a comment). Protocol: /api/supervisor/reviews (docs/protocol.md).
import { $, api, clear, el, fmtDateTime, fmtTime } from './common.js';

const SCORES = ['safety', 'rapport', 'referral'];

export const REVIEW_QUEUE_TEXTS = {
  nl: {
    nav_reviews: 'Beoordelen', rv_title: 'Te beoordelen gesprekken (geanonimiseerd)',
    rv_hint: 'Elk acuut gesprek, plus een willekeurige steekproef van {pct}% van de andere, getrokken bij het afsluiten.',
    rv_show: 'Toon', rv_open: 'Nog te beoordelen', rv_reviewed: 'Beoordeeld', rv_all: 'Alle',
    rv_why: 'Waarom', rv_acute: 'acuut', rv_sample: 'steekproef', rv_status: 'Beoordeling', rv_todo: 'open',
    rv_none: 'Geen gesprekken om te beoordelen.', rv_form: 'Beoordeling', rv_scale: '1 = zwak, 5 = sterk',
    r_safety: 'Veiligheid', r_rapport: 'Contact', r_referral: 'Verwijzing',
    rq_safety: 'Is naar veiligheid gevraagd, en is er passend gehandeld?',
    rq_rapport: 'Voelde de jongere zich gehoord en serieus genomen?',
    rq_referral: 'Was de verwijzing passend, duidelijk en op tijd?',
    rv_comment: 'Toelichting voor de hulpverlener', rv_save: 'Beoordeling opslaan', rv_saved: 'Opgeslagen om {time}.',
    rv_need_scores: 'Geef alle drie de scores.', rv_last: 'Laatst beoordeeld door {who} op {when}.',
  },
  en: {
    nav_reviews: 'Review', rv_title: 'Conversations to review (anonymised)',
    rv_hint: 'Every acute conversation, plus a random sample of {pct}% of the others, drawn when they close.',
    rv_show: 'Show', rv_open: 'Still to review', rv_reviewed: 'Reviewed', rv_all: 'All',
    rv_why: 'Why', rv_acute: 'acute', rv_sample: 'sample', rv_status: 'Review', rv_todo: 'open',
    rv_none: 'No conversations to review.', rv_form: 'Review', rv_scale: '1 = weak, 5 = strong',
    r_safety: 'Safety', r_rapport: 'Rapport', r_referral: 'Referral',
    rq_safety: 'Was safety asked about, and was the response fitting?',
    rq_rapport: 'Did the young person feel heard and taken seriously?',
    rq_referral: 'Was the referral fitting, clear and timely?',
    rv_comment: 'Comment for the counsellor', rv_save: 'Save review', rv_saved: 'Saved at {time}.',
    rv_need_scores: 'Give all three scores.', rv_last: 'Last reviewed by {who} on {when}.',
  },
  fr: {
    nav_reviews: 'Évaluer', rv_title: 'Conversations à évaluer (anonymisées)',
    rv_hint: 'Chaque conversation aiguë, plus un échantillon aléatoire de {pct} % des autres, tiré à la clôture.',
    rv_show: 'Afficher', rv_open: 'À évaluer', rv_reviewed: 'Évaluées', rv_all: 'Toutes',
    rv_why: 'Pourquoi', rv_acute: 'aiguë', rv_sample: 'échantillon', rv_status: 'Évaluation', rv_todo: 'à faire',
    rv_none: 'Aucune conversation à évaluer.', rv_form: 'Évaluation', rv_scale: '1 = faible, 5 = fort',
    r_safety: 'Sécurité', r_rapport: 'Relation', r_referral: 'Orientation',
    rq_safety: 'La sécurité a-t-elle été abordée, et la réponse était-elle adaptée ?',
    rq_rapport: 'Le jeune s’est-il senti écouté et pris au sérieux ?',
    rq_referral: 'L’orientation était-elle adaptée, claire et à temps ?',
    rv_comment: 'Commentaire pour l’intervenant·e', rv_save: 'Enregistrer l’évaluation', rv_saved: 'Enregistrée à {time}.',
    rv_need_scores: 'Donne les trois scores.', rv_last: 'Dernière évaluation par {who} le {when}.',
  },
};

/** Install the review view (nav button data-view="reviews", section #view-reviews) on the supervisor page. */
export function installReviewQueue(page) {
  const { t } = page;
  const S = { list: [], current: null, sample: null };
  const short = (id) => `#${String(id || '').slice(0, 8)}`;
  const lang = () => page.i18n.lang;

  function buildForm() {
    const box = clear($('#rv-scales'));
    for (const k of SCORES) {
      const options = el('div', { class: 'scale-options' });
      for (let n = 1; n <= 5; n++) {
        options.append(el('label', { class: 'scale-option' },
          el('input', { type: 'radio', name: k, value: String(n), required: true }), el('span', { text: String(n) })));
      }
      box.append(el('fieldset', { class: 'scale' },
        el('legend', { text: t(`r_${k}`) }),
        el('p', { class: 'small muted', text: t(`rq_${k}`) }),
        options));
    }
  }

  function fillForm(review) {
    const form = $('#rv-form');
    for (const k of SCORES) {
      for (const r of form.querySelectorAll(`input[name=${k}]`)) r.checked = Boolean(review) && Number(r.value) === Number(review[k]);
    }
    $('#rv-comment').value = review?.comment ?? '';
    $('#rv-last').textContent = review ? t('rv_last', { who: review.reviewer, when: fmtDateTime(review.reviewed_at, lang()) }) : '';
    $('#rv-saved').textContent = '';
    $('#rv-form-error').hidden = true;
  }

  async function load() {
    const err = $('#rv-error');
    err.hidden = true;
    try {
      const r = await api(`/api/supervisor/reviews?state=${encodeURIComponent($('#rv-state').value)}`);
      S.list = r.reviews;
      S.sample = r.sample;
    } catch (ex) { S.list = []; err.textContent = page.errorText(ex.code); err.hidden = false; }
    renderList();
  }

  function renderList() {
    const pct = S.sample === null ? '' : new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(S.sample * 100);
    $('#rv-hint').textContent = S.sample === null ? '' : t('rv_hint', { pct });
    const tbody = clear($('#rv-table tbody'));
    $('#rv-empty').hidden = S.list.length > 0;
    for (const row of S.list) {
      const rv = row.review;
      tbody.append(el('tr', { class: `${row.pick === 'acute' ? 'acute' : ''} ${S.current === row.conversation_id ? 'current' : ''}`, dataset: { id: row.conversation_id } },
        el('td', { text: fmtDateTime(row.closed_at, lang()) }),
        el('td', { text: row.counsellor || '' }),
        el('td', {}, el('span', { class: `chip ${row.pick === 'acute' ? 'acute' : ''}`, text: t(`rv_${row.pick}`) })),
        el('td', { class: 'labels', text: page.vocab.labels('signals', row.signals) }),
        el('td', { class: 'rv-state', text: rv ? SCORES.map((k) => rv[k]).join(' · ') : t('rv_todo') }),
        el('td', { class: 'action' }, el('button', { type: 'button', class: 'btn small', text: t('open'), on: { click: () => openReview(row.conversation_id) } }))));
    }
  }

  async function openReview(id) {
    S.current = id;
    renderList();
    const panel = $('#rv-panel');
    panel.hidden = false;
    $('#rv-panel-title').textContent = `${t('transcript')} ${short(id)}`;
    const log = clear($('#rv-log'));
    const facts = clear($('#rv-facts'));
    $('#rv-pending').hidden = true;
    let tr;
    let rv;
    try {
      [tr, rv] = await Promise.all([api(`/api/supervisor/transcripts/${encodeURIComponent(id)}`), api(`/api/supervisor/reviews/${encodeURIComponent(id)}`)]);
    } catch (ex) {
      log.append(el('li', { class: 'error', text: page.errorText(ex.code) }));
      return;
    }
    if (S.current !== id) return;
    const named = (key, value) => (value ? `${t(key).toLocaleLowerCase(lang())}: ${value}` : '');
    for (const v of [named('col_counsellor', tr.counsellor), named('col_urgency', page.label('urgencies', tr.urgency)),
      named('col_outcome', tr.outcome && page.label('outcomes', tr.outcome)), tr.quick_exit ? t('quick_exit_row') : '']) {
      if (v) facts.append(el('span', { class: 'chip', text: v }));
    }
    for (const code of tr.signals) facts.append(el('span', { class: `chip sig ${code === 'acute_danger' ? 'acute' : ''}`, text: page.label('signals', code) }));
    fillForm(rv.review);
    if (tr.status === 'pending') { $('#rv-pending').hidden = false; return; }
    for (const m of tr.messages) {
      const sender = ['visitor', 'counsellor', 'system'].includes(m.sender) ? m.sender : 'system';
      log.append(el('li', { class: `m ${sender}` },
        el('div', { class: 'meta' }, el('span', { text: t(sender) }), el('time', { text: fmtTime(m.ts, lang()) }),
          m.types?.length ? el('span', { class: 'redacted', text: t('redacted') }) : null),
        el('div', { class: 'text', text: String(m.text ?? '') })));
    }
  }

  async function save(e) {
    e.preventDefault();
    const id = S.current;
    const err = $('#rv-form-error');
    err.hidden = true;
    const form = $('#rv-form');
    const body = {};
    for (const k of SCORES) {
      const picked = form.querySelector(`input[name=${k}]:checked`);
      if (!picked) { err.textContent = t('rv_need_scores'); err.hidden = false; return; }
      body[k] = Number(picked.value);
    }
    body.comment = $('#rv-comment').value.trim();
    try {
      const r = await api(`/api/supervisor/reviews/${encodeURIComponent(id)}`, { method: 'PUT', body });
      fillForm(r.review);
      $('#rv-saved').textContent = t('rv_saved', { time: fmtTime(Date.now() / 1000, lang()) });
      const row = S.list.find((x) => x.conversation_id === id);
      if (row) { row.review = r.review; renderList(); }
    } catch (ex) { err.textContent = page.errorText(ex.code); err.hidden = false; }
  }

  page.extend({
    onLeave() { S.list = []; S.current = null; $('#rv-panel').hidden = true; },
    onLanguage() {
      buildForm();
      if (!$('#view-reviews').hidden) {
        renderList();
        if (S.current) openReview(S.current);
      }
    },
  });
  buildForm();
  $('#rv-state').addEventListener('change', load);
  $('#rv-form').addEventListener('submit', save);
  $('#nav [data-view="reviews"]').addEventListener('click', load);
  const limit = 2000; // the server's COMMENT_MAX (chat/review_queue.py)
  $('#rv-comment').maxLength = limit;
}
