// Console: acute danger (docs/ui.md, "Acute danger"). The acute protocol checklist in an acute conversation,
// "Markeer als acuut", why a conversation is acute (triage, a colleague, a safe word), escalated acute
// conversations in the queue, and "bezoeker kan nu niet praten". Protocol: docs/protocol.md (`mark_acute`,
// `protocol_step`, `acute`, `visitor_cant_talk`, GET /api/acute-protocol).
import { api, beep, clear, el, emitAck, failed, fmtTime } from './common.js';

export const ACUTE_TEXTS = {
  nl: {
    acute_protocol: 'Acuut protocol', acute_mark: 'Markeer als acuut', acute_mark_hint: 'Zet het acute protocol aan en waarschuw de supervisors',
    acute_why: 'Waarom acuut', reason_triage: 'triage', reason_counsellor: 'door hulpverlener gemarkeerd', reason_safe_word: 'codewoord gebruikt',
    acute_escalated: 'Geëscaleerd: wachtte te lang, aangeboden aan alle hulpverleners',
    step_remark: 'Toelichting (optioneel)', step_done: 'afgevinkt door {who} om {time}',
    protocol_intro: 'Elke afgevinkte stap komt in het interne verslag.',
    became_acute: 'Gesprek #{id} is nu ACUUT ({why}). Het acute protocol staat open.',
    escalated_toast: 'ACUUT gesprek wacht al te lang: neem het aan als je kunt (ook boven je maximum).',
    cant_talk: 'Bezoeker kan nu niet praten: het gesprek is op hun scherm verborgen. Je berichten komen aan zodra de bezoeker terug is.',
    cant_talk_toast: '#{id}: bezoeker kan nu niet praten.', can_talk_toast: '#{id}: bezoeker is terug.',
    chip_safe_word: 'codewoord gebruikt', chip_escalated: 'geëscaleerd',
  },
  en: {
    acute_protocol: 'Acute protocol', acute_mark: 'Mark as acute', acute_mark_hint: 'Turn on the acute protocol and alert the supervisors',
    acute_why: 'Why acute', reason_triage: 'triage', reason_counsellor: 'marked by a counsellor', reason_safe_word: 'safe word used',
    acute_escalated: 'Escalated: waited too long, offered to all counsellors',
    step_remark: 'Remark (optional)', step_done: 'ticked by {who} at {time}',
    protocol_intro: 'Every step you tick goes into the internal record.',
    became_acute: 'Conversation #{id} is ACUTE now ({why}). The acute protocol is open.',
    escalated_toast: 'An ACUTE conversation has waited too long: take it if you can (even above your maximum).',
    cant_talk: 'The visitor cannot talk now: the conversation is hidden on their screen. Your messages arrive once they are back.',
    cant_talk_toast: '#{id}: the visitor cannot talk now.', can_talk_toast: '#{id}: the visitor is back.',
    chip_safe_word: 'safe word used', chip_escalated: 'escalated',
  },
  fr: {
    acute_protocol: 'Protocole aigu', acute_mark: 'Marquer comme aigu', acute_mark_hint: 'Active le protocole aigu et alerte les superviseurs',
    acute_why: 'Pourquoi aigu', reason_triage: 'triage', reason_counsellor: 'marqué par un·e intervenant·e', reason_safe_word: 'mot code utilisé',
    acute_escalated: 'Escaladé : a trop attendu, proposé à tous les intervenant·es',
    step_remark: 'Remarque (facultatif)', step_done: 'coché par {who} à {time}',
    protocol_intro: 'Chaque étape cochée va dans le dossier interne.',
    became_acute: 'La conversation #{id} est AIGUË ({why}). Le protocole aigu est ouvert.',
    escalated_toast: 'Une conversation AIGUË attend depuis trop longtemps : prends-la si tu peux (même au-delà de ton maximum).',
    cant_talk: 'La personne ne peut pas parler maintenant : la conversation est cachée sur son écran. Tes messages arrivent dès son retour.',
    cant_talk_toast: '#{id} : la personne ne peut pas parler maintenant.', can_talk_toast: '#{id} : la personne est de retour.',
    chip_safe_word: 'mot code utilisé', chip_escalated: 'escaladé',
  },
};

/**
 * ctx: {page, toast(text, kind, onOpen), soundOn(), convs (Map id -> c), activate(id), refresh(c), addNotes(c, notes)}.
 * Returns {attach(socket), render(c), onQueue(waiting), queueChips(item)}.
 */
export function acuteConsole(ctx) {
  const { page } = ctx;
  const t = (k, v) => page.t(k, v);
  let steps = null;
  let loading = null;
  let knownEscalated = new Set();

  function loadSteps() {
    loading ??= api('/api/acute-protocol').then((r) => { steps = r.steps; for (const c of ctx.convs.values()) render(c); })
      .catch(() => { loading = null; });
    return loading;
  }

  const urgencyOf = (c) => (c.data.acute_reason ? 'acute' : (c.triage?.urgency || c.data.urgency));
  const isAcute = (c) => urgencyOf(c) === 'acute';
  const whyText = (reason) => t(`reason_${reason || 'triage'}`);
  const short = (c) => c.id.slice(0, 6);

  /** The notes of this conversation that record protocol steps, by step id. */
  function ticked(c) {
    const out = new Map();
    for (const n of c.data.notes || []) if (n?.kind === 'protocol' && n.step && !out.has(n.step)) out.set(n.step, n);
    return out;
  }

  function lastCantTalk(c) {
    if (typeof c.cantTalk === 'boolean') return c.cantTalk;
    const events = (c.data.notes || []).filter((n) => n?.event === 'cant_talk' || n?.event === 'can_talk');
    return events.length ? events[events.length - 1].event === 'cant_talk' : false;
  }

  function box(c) {
    let b = c.panel.querySelector('.acute-protocol');
    if (!b) {
      b = el('section', { class: 'box acute-protocol' });
      c.panel.querySelector('.side').prepend(b);
    }
    return b;
  }

  function renderCantTalk(c) {
    let n = c.panel.querySelector('.cant-talk');
    if (!n) {
      n = el('p', { class: 'cant-talk', role: 'status' });
      c.panel.querySelector('.conv-head').append(n);
    }
    n.textContent = t('cant_talk');
    n.hidden = !lastCantTalk(c) || c.closed || Boolean(c.left);
  }

  function render(c) {
    renderCantTalk(c);
    const b = clear(box(c));
    if (!isAcute(c)) {
      b.classList.remove('on');
      b.hidden = c.closed || Boolean(c.left);
      b.append(el('button', { type: 'button', class: 'btn small mark-acute', title: t('acute_mark_hint'), text: `⚠ ${t('acute_mark')}`, on: { click: () => markAcute(c) } }));
      return;
    }
    b.hidden = false;
    b.classList.add('on');
    if (!steps) loadSteps();
    b.append(...[
      el('h3', { text: `⚠ ${t('acute_protocol')}` }),
      el('p', { class: 'small why', text: `${t('acute_why')}: ${whyText(c.data.acute_reason || (c.triage?.urgency === 'acute' ? 'triage' : ''))}` }),
      c.data.escalated ? el('p', { class: 'small why', text: t('acute_escalated') }) : null,
      el('p', { class: 'muted small', text: t('protocol_intro') }),
    ].filter(Boolean));
    const done = ticked(c);
    const list = el('ol', { class: 'steps' });
    for (const step of steps || []) {
      const note = done.get(step.id);
      const text = step.text?.[page.i18n.lang] || step.text?.nl || step.id;
      const id = `step-${c.id}-${step.id}`;
      // What was typed survives a re-render (a colleague's event, a language switch).
      c.remarks ??= {};
      const remark = el('input', { class: 'remark', type: 'text', maxlength: '500', autocomplete: 'off', 'aria-label': `${t('step_remark')}: ${text}`, placeholder: t('step_remark'), props: { value: c.remarks[step.id] || '' } });
      remark.addEventListener('input', () => { c.remarks[step.id] = remark.value; });
      const check = el('input', { type: 'checkbox', id, class: 'step-check', props: { checked: Boolean(note), disabled: Boolean(note) || c.closed } });
      check.addEventListener('change', () => tick(c, step.id, remark, check));
      list.append(el('li', { class: `step ${note ? 'done' : ''}`, dataset: { step: step.id } },
        el('div', { class: 'step-row' }, check, el('label', { for: id, text })),
        note ? el('p', { class: 'small muted', text: `${t('step_done', { who: note.author || '', time: fmtTime(note.ts, page.i18n.lang) })}${remarkOf(note)}` })
          : (c.closed ? null : remark)));
    }
    b.append(list);
  }

  const remarkOf = (note) => { const i = String(note.text || '').indexOf(' — '); return i >= 0 ? ` · ${note.text.slice(i + 3)}` : ''; };

  async function tick(c, stepId, remark, check) {
    check.disabled = true;
    const ack = await emitAck(page.socket, 'protocol_step', { conversation_id: c.id, step: stepId, remark: remark.value.trim(), lang: page.i18n.lang });
    if (failed(ack)) { check.checked = false; check.disabled = false; ctx.toast(page.errorText(ack.error)); return; }
    c.data.notes = [...(c.data.notes || []), ack.note];
    ctx.addNotes(c, [ack.note]);
    render(c);
  }

  async function markAcute(c) {
    const before = c.data.acute_reason;
    c.data.acute_reason = before || 'counsellor'; // our own `acute` event must not announce it to us
    const ack = await emitAck(page.socket, 'mark_acute', { conversation_id: c.id });
    if (failed(ack)) { c.data.acute_reason = before; render(c); ctx.toast(page.errorText(ack.error)); return; }
    becameAcute(c, 'counsellor', false);
  }

  function becameAcute(c, reason, announce) {
    const was = isAcute(c);
    c.data.urgency = 'acute';
    c.data.acute_reason = c.data.acute_reason === 'safe_word' ? 'safe_word' : reason;
    if (c.triage) c.triage = { ...c.triage, urgency: 'acute' };
    ctx.refresh(c);
    render(c);
    if (announce && !was) {
      ctx.toast(t('became_acute', { id: short(c), why: whyText(c.data.acute_reason) }), 'acute', () => ctx.activate(c.id));
      if (ctx.soundOn()) beep({ freq: 988, times: 3 });
    }
  }

  function attach(socket) {
    socket.on('acute', (e) => {
      const c = e && ctx.convs.get(e.conversation_id);
      if (c) becameAcute(c, e.reason, true);
    });
    socket.on('triage', (tr) => {
      const c = tr && ctx.convs.get(tr.conversation_id);
      if (c) render(c);
    });
    socket.on('visitor_cant_talk', (e) => {
      const c = e && ctx.convs.get(e.conversation_id);
      if (!c) return;
      c.cantTalk = Boolean(e.hidden);
      renderCantTalk(c);
      ctx.toast(t(e.hidden ? 'cant_talk_toast' : 'can_talk_toast', { id: short(c) }), e.hidden ? 'acute' : '', () => ctx.activate(c.id));
    });
  }

  /** A new escalated acute conversation in the queue: a notice and a sound for everyone. */
  function onQueue(waiting) {
    const now = new Set(waiting.filter((w) => w.escalated).map((w) => w.conversation_id));
    const fresh = [...now].some((id) => !knownEscalated.has(id));
    knownEscalated = now;
    if (fresh) {
      ctx.toast(t('escalated_toast'), 'acute');
      if (ctx.soundOn()) beep({ freq: 988, times: 4 });
    }
  }

  /** Extra chips on a queue card: why acute (only what adds to "acute") and escalated. */
  function queueChips(w) {
    return [
      w.acute_reason === 'safe_word' || w.acute_reason === 'counsellor' ? el('span', { class: 'chip acute', text: whyText(w.acute_reason) }) : null,
      w.escalated ? el('span', { class: 'chip acute', text: t('chip_escalated') }) : null,
    ];
  }

  return { attach, render, onQueue, queueChips };
}
