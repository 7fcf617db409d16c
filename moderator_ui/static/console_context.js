// The console's box about who is writing, beside the conversation (docs/ui.md): the consult line's
// case fields, the earlier contacts of a visitor who came back with their personal code (only ever
// with their consent; notes redacted), and blocking the visitor's browser for a while.
import { clear, el, emitAck, failed, fmtDateTime } from './common.js';

export const CONTEXT_TEXTS = {
  nl: {
    ctx_consult: 'Consultatievraag (professional)', ctx_org: 'Werkt bij', ctx_question: 'Vraag', ctx_unknown: 'niet ingevuld',
    ctx_consult_hint: 'Vraag niet naar naam, school of adres van de jongere: het advies kan zonder.',
    ctx_earlier: 'Eerdere contacten (met toestemming)', ctx_loading: 'Samenvatting wordt geladen…',
    ctx_none_yet: 'De bezoeker gaf toestemming om gesprekken te koppelen. Er zijn nog geen eerdere gesprekken.',
    ctx_revoked: 'De bezoeker heeft de koppeling ingetrokken: eerdere gesprekken zijn niet meer te zien.',
    ctx_outcome: 'Uitkomst', ctx_referral: 'Verwijzing', ctx_by: 'Hulpverlener', ctx_open: 'nog open',
    ctx_note_close: 'Notitie bij afsluiten', ctx_note_handover: 'Overdrachtsnotitie', ctx_redacted: 'geanonimiseerd',
    ctx_no_signals: 'geen signalen', ctx_withheld: 'Notities niet getoond (anonimiseren lukte niet).',
    ctx_block: 'Browser blokkeren', ctx_block_hint: 'Alleen bij misbruik. De bezoeker ziet een neutrale melding met andere hulplijnen; het gesprek wordt gesloten. Een supervisor kan de blokkade opheffen.',
    ctx_duration: 'Hoe lang', ctx_reason: 'Reden', ctx_do_block: 'Blokkeer deze browser', ctx_confirm: 'Zeker weten? Klik nogmaals',
    ctx_blocked: 'Deze browser is geblokkeerd tot {until}.', ctx_not_blockable: 'Deze browser kan niet geblokkeerd worden (geen apparaatcode).',
  },
  en: {
    ctx_consult: 'Consultation (professional)', ctx_org: 'Works in', ctx_question: 'Question', ctx_unknown: 'not given',
    ctx_consult_hint: 'Do not ask for the young person’s name, school or address: the advice does not need them.',
    ctx_earlier: 'Earlier contacts (with consent)', ctx_loading: 'Loading the summary…',
    ctx_none_yet: 'The visitor agreed to link conversations. There are no earlier conversations yet.',
    ctx_revoked: 'The visitor removed the link: earlier conversations are no longer shown.',
    ctx_outcome: 'Outcome', ctx_referral: 'Referral', ctx_by: 'Counsellor', ctx_open: 'still open',
    ctx_note_close: 'Closing note', ctx_note_handover: 'Handover note', ctx_redacted: 'anonymised',
    ctx_no_signals: 'no signals', ctx_withheld: 'Notes withheld (anonymisation was not available).',
    ctx_block: 'Block browser', ctx_block_hint: 'Only for abuse. The visitor sees a neutral notice with other help lines; the conversation is closed. A supervisor can lift the block.',
    ctx_duration: 'For how long', ctx_reason: 'Reason', ctx_do_block: 'Block this browser', ctx_confirm: 'Are you sure? Click again',
    ctx_blocked: 'This browser is blocked until {until}.', ctx_not_blockable: 'This browser cannot be blocked (no device code).',
  },
  fr: {
    ctx_consult: 'Consultation (professionnel)', ctx_org: 'Travaille dans', ctx_question: 'Question', ctx_unknown: 'non indiqué',
    ctx_consult_hint: 'Ne demande pas le nom, l’école ou l’adresse du jeune : le conseil n’en a pas besoin.',
    ctx_earlier: 'Contacts précédents (avec accord)', ctx_loading: 'Chargement du résumé…',
    ctx_none_yet: 'La personne a accepté de relier les conversations. Il n’y a pas encore de conversation précédente.',
    ctx_revoked: 'La personne a supprimé le lien : les conversations précédentes ne sont plus visibles.',
    ctx_outcome: 'Issue', ctx_referral: 'Orientation', ctx_by: 'Intervenant·e', ctx_open: 'encore ouverte',
    ctx_note_close: 'Note de clôture', ctx_note_handover: 'Note de transfert', ctx_redacted: 'anonymisé',
    ctx_no_signals: 'aucun signal', ctx_withheld: 'Notes non affichées (anonymisation indisponible).',
    ctx_block: 'Bloquer le navigateur', ctx_block_hint: 'Seulement en cas d’abus. La personne voit un message neutre avec d’autres lignes d’aide ; la conversation est clôturée. Un superviseur peut lever le blocage.',
    ctx_duration: 'Durée', ctx_reason: 'Raison', ctx_do_block: 'Bloquer ce navigateur', ctx_confirm: 'Sûr·e ? Clique encore',
    ctx_blocked: 'Ce navigateur est bloqué jusqu’au {until}.', ctx_not_blockable: 'Ce navigateur ne peut pas être bloqué (pas de code d’appareil).',
  },
};

/** opts: {page, convs, toast(text), directory(), onBlocked(c)}. */
export function contextConsole({ page, convs, toast, directory, onBlocked }) {
  const t = (k, v) => page.t(k, v);
  const label = (kind, code) => page.label(kind, code);

  function box(c) {
    let node = c.panel.querySelector('.box.context');
    if (!node) {
      node = el('section', { class: 'box context' });
      // Below the acute protocol: in an acute chat the checklist comes first (console_acute.js puts it on top).
      const side = c.panel.querySelector('.side');
      const acute = side.querySelector(':scope > .acute-protocol');
      if (acute) acute.after(node); else side.prepend(node);
    }
    return node;
  }

  function consultPart(c) {
    const k = c.data.consult;
    if (!k) return null;
    return el('div', { class: 'consult' },
      el('h3', { text: t('ctx_consult') }),
      el('p', {}, el('strong', { text: `${t('ctx_org')}: ` }), k.organisation ? label('consult_organisations', k.organisation) : t('ctx_unknown')),
      el('p', {}, el('strong', { text: `${t('ctx_question')}: ` }), k.question ? label('consult_questions', k.question) : t('ctx_unknown')),
      el('p', { class: 'muted small', text: t('ctx_consult_hint') }));
  }

  function earlierPart(c) {
    const linked = c.continuity ? c.continuity.linked : c.data.linked;
    if (!linked && !c.revoked) return null;
    const part = el('div', { class: 'earlier' }, el('h3', { text: t('ctx_earlier') }));
    if (!linked) { part.append(el('p', { class: 'muted small', text: t('ctx_revoked') })); return part; }
    if (!c.continuity) { part.append(el('p', { class: 'muted small', text: t('ctx_loading') })); return part; }
    const list = c.continuity.earlier || [];
    if (!list.length) { part.append(el('p', { class: 'muted small', text: t('ctx_none_yet') })); return part; }
    const ol = el('ol', { class: 'earlier-list' });
    for (const e of list) {
      const org = e.referral && directory().find((o) => String(o.id) === e.referral);
      const signals = (e.signals || []).length ? e.signals.map((s) => el('span', { class: `chip sig ${s === 'acute_danger' ? 'acute' : ''}`, text: label('signals', s) })) : [el('span', { class: 'muted small', text: t('ctx_no_signals') })];
      ol.append(el('li', {},
        el('div', { class: 'meta' }, el('strong', { text: fmtDateTime(e.date, page.i18n.lang) }),
          e.urgency && e.urgency !== 'normal' ? el('span', { class: `chip ${e.urgency === 'acute' ? 'acute' : ''}`, text: label('urgencies', e.urgency) }) : null),
        el('div', { class: 'chips' }, ...signals),
        el('p', { class: 'small' }, el('strong', { text: `${t('ctx_outcome')}: ` }), e.outcome ? label('outcomes', e.outcome) : t('ctx_open'),
          e.referral ? ` · ${t('ctx_referral')}: ${org?.name || e.referral}` : '', e.counsellor ? ` · ${t('ctx_by')}: ${e.counsellor}` : ''),
        ...(e.notes || []).map((n) => el('blockquote', { class: 'note small' },
          el('span', { class: 'muted', text: `${n.kind === 'close' ? t('ctx_note_close') : t('ctx_note_handover')} (${t('ctx_redacted')}): ` }), n.text)),
        e.redacted === false ? el('p', { class: 'muted small', text: t('ctx_withheld') }) : null));
    }
    part.append(ol);
    return part;
  }

  function blockPart(c) {
    if (c.blocked) return el('p', { class: 'blocked-note', role: 'status', text: t('ctx_blocked', { until: fmtDateTime(c.blocked.until, page.i18n.lang) }) });
    if (c.data.blockable === false && !c.closed) return el('p', { class: 'muted small', text: t('ctx_not_blockable') });
    if (!c.data.blockable) return null;
    const duration = el('select', { class: 'block-duration' }, ...page.vocab.codes('block_durations').map((code) => el('option', { value: code, text: label('block_durations', code) })));
    const reason = el('select', { class: 'block-reason' }, ...page.vocab.codes('block_reasons').map((code) => el('option', { value: code, text: label('block_reasons', code) })));
    duration.value = '24h';
    const btn = el('button', { type: 'submit', class: 'btn danger', text: t('ctx_do_block') });
    let armed = null;
    const form = el('form', { class: 'block-form' },
      el('p', { class: 'muted small', text: t('ctx_block_hint') }),
      el('label', {}, el('span', { text: t('ctx_duration') }), ' ', duration),
      el('label', {}, el('span', { text: t('ctx_reason') }), ' ', reason),
      btn,
      el('p', { class: 'error block-error', role: 'alert', hidden: true }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!armed) { // a second click: blocking is not undone by the counsellor
        btn.textContent = t('ctx_confirm');
        armed = setTimeout(() => { armed = null; btn.textContent = t('ctx_do_block'); }, 5000);
        return;
      }
      clearTimeout(armed); armed = null;
      const ack = await emitAck(page.socket, 'block', { conversation_id: c.id, duration: duration.value, reason: reason.value });
      if (failed(ack)) {
        const err = form.querySelector('.block-error');
        err.textContent = page.errorText(ack.error); err.hidden = false;
        btn.textContent = t('ctx_do_block');
        return;
      }
      c.blocked = ack.block;
      onBlocked(c);
      render(c);
      toast(t('ctx_blocked', { until: fmtDateTime(ack.block.until, page.i18n.lang) }));
    });
    return el('details', { class: 'block' }, el('summary', { text: t('ctx_block') }), form);
  }

  function render(c) {
    const parts = [consultPart(c), earlierPart(c), blockPart(c)].filter(Boolean);
    const node = box(c);
    clear(node).append(...parts);
    node.hidden = parts.length === 0;
  }

  return {
    render,
    attach(socket) {
      socket.on('continuity', (e) => {
        const c = e && convs.get(e.conversation_id);
        if (!c) return;
        if (!e.linked && (c.continuity?.linked || c.data.linked)) c.revoked = true;
        c.continuity = e;
        c.data.linked = e.linked;
        render(c);
      });
    },
  };
}
