// "My reviews" in the console (docs/ui.md): the supervisors' reviews of this counsellor's own closed
// conversations (GET /api/reviews/mine; the server gives nobody anyone else's).
import { $, api, clear, el, fmtDateTime } from './common.js';

export const REVIEW_TEXTS = {
  nl: {
    my_reviews: 'Mijn beoordelingen', my_reviews_title: 'Beoordelingen van mijn gesprekken',
    my_reviews_hint: 'Supervisors beoordelen elk acuut gesprek en een steekproef van de andere. Alleen jij en de supervisors zien de beoordelingen van jouw gesprekken.',
    my_reviews_none: 'Nog geen beoordelingen van jouw gesprekken.', close_dialog: 'Sluiten',
    r_safety: 'Veiligheid', r_rapport: 'Contact', r_referral: 'Verwijzing', r_of5: '{n} van 5',
    r_by: 'Beoordeeld door {who} op {when}', r_closed: 'Gesprek {id}, gesloten {when}', r_no_comment: 'Geen toelichting.',
  },
  en: {
    my_reviews: 'My reviews', my_reviews_title: 'Reviews of my conversations',
    my_reviews_hint: 'Supervisors review every acute conversation and a sample of the others. Only you and the supervisors see the reviews of your conversations.',
    my_reviews_none: 'No reviews of your conversations yet.', close_dialog: 'Close',
    r_safety: 'Safety', r_rapport: 'Rapport', r_referral: 'Referral', r_of5: '{n} of 5',
    r_by: 'Reviewed by {who} on {when}', r_closed: 'Conversation {id}, closed {when}', r_no_comment: 'No comment.',
  },
  fr: {
    my_reviews: 'Mes évaluations', my_reviews_title: 'Évaluations de mes conversations',
    my_reviews_hint: 'Les superviseurs évaluent chaque conversation aiguë et un échantillon des autres. Seuls toi et les superviseurs voyez les évaluations de tes conversations.',
    my_reviews_none: 'Pas encore d’évaluation de tes conversations.', close_dialog: 'Fermer',
    r_safety: 'Sécurité', r_rapport: 'Relation', r_referral: 'Orientation', r_of5: '{n} sur 5',
    r_by: 'Évaluée par {who} le {when}', r_closed: 'Conversation {id}, clôturée le {when}', r_no_comment: 'Pas de commentaire.',
  },
};

/** The three scores of a review as chips ("Veiligheid 4 van 5"). */
export function scoreChips(t, review) {
  return el('div', { class: 'chips review-scores' }, ...['safety', 'rapport', 'referral'].map((k) =>
    el('span', { class: `chip score-${Number(review[k]) || 0}`, text: `${t(`r_${k}`)}: ${t('r_of5', { n: review[k] })}` })));
}

/** Install "Mijn beoordelingen" (a button in the top bar and a dialog) on the console page. */
export function installMyReviews(page) {
  const { t } = page;
  let open = false;

  async function load() {
    const list = clear($('#reviews-list'));
    let reviews = [];
    try { reviews = (await api('/api/reviews/mine')).reviews; } catch (ex) {
      list.append(el('li', { class: 'error', text: page.errorText(ex.code) }));
      return;
    }
    if (!reviews.length) list.append(el('li', { class: 'muted', text: t('my_reviews_none') }));
    for (const r of reviews) {
      const rv = r.review;
      list.append(el('li', { class: `review-item ${r.urgency === 'acute' ? 'acute' : ''}` },
        el('div', { class: 'small muted', text: t('r_closed', { id: `#${String(r.conversation_id).slice(0, 8)}`, when: fmtDateTime(r.closed_at, page.i18n.lang) }) }),
        el('div', { class: 'chips' },
          r.urgency === 'acute' ? el('span', { class: 'chip acute', text: page.label('urgencies', r.urgency) }) : null,
          r.outcome ? el('span', { class: 'chip', text: page.label('outcomes', r.outcome) }) : null),
        scoreChips(t, rv),
        el('p', { class: 'review-comment', text: rv.comment || t('r_no_comment') }),
        el('div', { class: 'small muted', text: t('r_by', { who: rv.reviewer, when: fmtDateTime(rv.reviewed_at, page.i18n.lang) }) })));
    }
  }

  function show() {
    open = true;
    $('#reviews-dialog').showModal();
    load();
  }

  page.extend({
    onEnter() { $('#my-reviews').hidden = false; },
    onLeave() { $('#my-reviews').hidden = true; if ($('#reviews-dialog').open) $('#reviews-dialog').close(); },
    onLanguage() { if (open && $('#reviews-dialog').open) load(); },
  });
  $('#my-reviews').addEventListener('click', show);
  $('#reviews-close').addEventListener('click', () => { open = false; $('#reviews-dialog').close(); });
}
