// Coming back without an account (docs/ui.md, "Coming back"): with the visitor's consent a personal
// code, shown once, links a next conversation to this one; "Ik heb een persoonlijke code" opens one.
// Nothing of the code is kept in storage; the page remembers only whether this conversation is linked
// (sessionStorage, wiped on quick exit).
import { $, emitAck, failed, safeStorage } from './common.js';

const LINKED = 'hl.v.linked';

export const CONTINUITY_TEXTS = {
  nl: {
    pc_have: 'Ik heb een persoonlijke code', pc_label: 'Je persoonlijke code', pc_submit: 'Begin met mijn code',
    pc_hint: 'Met je persoonlijke code ziet de hulpverlener een korte samenvatting van je eerdere gesprekken.',
    pc_bad: 'Deze code werkt niet (meer). Je kunt gewoon een nieuw gesprek beginnen.',
    pc_offer: 'Volgende keer verder praten?',
    pc_explain: 'Wil je dat een hulpverlener de volgende keer kan zien waar dit gesprek over ging? Dan krijg je een persoonlijke code. We bewaren geen naam: alleen een korte samenvatting (datum, onderwerpen, afspraken), hoogstens {days} dagen. Je kunt het altijd weer intrekken.',
    pc_yes: 'Ja, maak een persoonlijke code', pc_code_intro: 'Je persoonlijke code. Schrijf hem op of bewaar hem goed: we laten hem maar één keer zien.',
    pc_copy: 'Kopieer code', pc_copied: 'Gekopieerd.',
    pc_linked: 'Dit gesprek wordt bewaard voor een volgende keer met je persoonlijke code.',
    pc_revoke: 'Koppeling wissen', pc_revoked: 'De koppeling is gewist. Je code werkt niet meer en de hulpverlener ziet je eerdere gesprekken niet meer.',
    pc_failed: 'Dat lukte niet. Probeer het zo opnieuw.',
  },
  en: {
    pc_have: 'I have a personal code', pc_label: 'Your personal code', pc_submit: 'Start with my code',
    pc_hint: 'With your personal code the counsellor sees a short summary of your earlier conversations.',
    pc_bad: 'This code does not work (any more). You can simply start a new conversation.',
    pc_offer: 'Continue next time?',
    pc_explain: 'Would you like a counsellor to see next time what this conversation was about? Then you get a personal code. We keep no name: only a short summary (date, topics, agreements), for {days} days at most. You can always take it back.',
    pc_yes: 'Yes, make a personal code', pc_code_intro: 'Your personal code. Write it down or keep it safe: we show it only once.',
    pc_copy: 'Copy code', pc_copied: 'Copied.',
    pc_linked: 'This conversation is kept for next time with your personal code.',
    pc_revoke: 'Remove the link', pc_revoked: 'The link is removed. Your code no longer works and the counsellor no longer sees your earlier conversations.',
    pc_failed: 'That did not work. Please try again shortly.',
  },
  fr: {
    pc_have: 'J’ai un code personnel', pc_label: 'Ton code personnel', pc_submit: 'Commencer avec mon code',
    pc_hint: 'Avec ton code personnel, l’intervenant·e voit un court résumé de tes conversations précédentes.',
    pc_bad: 'Ce code ne fonctionne pas (plus). Tu peux simplement commencer une nouvelle conversation.',
    pc_offer: 'Continuer la prochaine fois ?',
    pc_explain: 'Veux-tu qu’un·e intervenant·e puisse voir la prochaine fois de quoi parlait cette conversation ? Tu reçois alors un code personnel. Nous ne gardons aucun nom : seulement un court résumé (date, sujets, accords), {days} jours au maximum. Tu peux toujours le retirer.',
    pc_yes: 'Oui, crée un code personnel', pc_code_intro: 'Ton code personnel. Note-le ou garde-le bien : nous ne le montrons qu’une fois.',
    pc_copy: 'Copier le code', pc_copied: 'Copié.',
    pc_linked: 'Cette conversation est gardée pour la prochaine fois avec ton code personnel.',
    pc_revoke: 'Supprimer le lien', pc_revoked: 'Le lien est supprimé. Ton code ne fonctionne plus et l’intervenant·e ne voit plus tes conversations précédentes.',
    pc_failed: 'Cela n’a pas marché. Réessaie bientôt.',
  },
};

/** ctx: {t, socket(), days(), start(), status()}. */
export function continuity(ctx) {
  const store = safeStorage('sessionStorage');
  let pendingCode = null; // typed on the start page, sent with the next new conversation only
  let shownCode = null; // on screen once, never stored
  let revoked = false;

  function render() {
    const box = $('#continuity-box');
    const status = ctx.status();
    const linked = store.get(LINKED) === '1';
    // Offered once the conversation exists (after the first message), also after it closed.
    box.hidden = !(status === 'queued' || status === 'active' || status === 'closed');
    $('#pc-offer').hidden = linked;
    $('#pc-linked').hidden = !linked;
    $('#pc-explain').textContent = ctx.t('pc_explain', { days: ctx.days() });
    $('#pc-code-box').hidden = !shownCode;
    if (shownCode) $('#pc-code').textContent = shownCode;
    $('#pc-revoked').hidden = !revoked;
  }

  async function consent() {
    $('#pc-error').hidden = true;
    const ack = await emitAck(ctx.socket(), 'continuity_consent', {});
    if (failed(ack)) { $('#pc-error').textContent = ctx.t('pc_failed'); $('#pc-error').hidden = false; return; }
    store.set(LINKED, '1');
    revoked = false;
    shownCode = ack.code || null;
    render();
    $('#pc-linked').focus();
  }

  async function revoke() {
    const ack = await emitAck(ctx.socket(), 'continuity_revoke', {});
    if (failed(ack)) { $('#pc-error').textContent = ctx.t('pc_failed'); $('#pc-error').hidden = false; return; }
    store.del(LINKED);
    shownCode = null;
    revoked = true;
    render();
  }

  function init() {
    $('#pc-yes').addEventListener('click', consent);
    $('#pc-revoke').addEventListener('click', revoke);
    $('#pc-copy').addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(shownCode || ''); $('#pc-copy-done').textContent = ctx.t('pc_copied'); } catch (_) { /* select it instead */
        const r = document.createRange(); r.selectNodeContents($('#pc-code'));
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
      }
    });
    $('#pc-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const code = $('#pc-input').value.trim();
      if (!code) return;
      $('#pc-bad').hidden = true;
      pendingCode = code;
      store.set(LINKED, '1'); // opened with the code: this conversation joins the link
      ctx.start();
    });
  }

  return {
    init,
    render,
    /** Fields for a new conversation's `auth`; the code goes once. */
    authFields() {
      if (!pendingCode) return {};
      const code = pendingCode;
      pendingCode = null;
      return { continuity_code: code };
    },
    /** The server did not know the code: back to the start page, with the box open. */
    refused() {
      store.del(LINKED);
      $('#pc-box').open = true;
      $('#pc-bad').hidden = false;
      $('#pc-input').focus();
    },
    forget() { store.del(LINKED); shownCode = null; revoked = false; $('#continuity-box').open = false; },
  };
}
