// The return code (docs/ui.md, "Return code"): the short code from `session.return_code`, shown large and
// in groups of five so it can be written down, with a copy button. "Ik heb een terugkomcode" accepts it
// (or the long resume token, as before). The code is never put in storage: the server sends it on
// every connect.
import { $, clear, el } from './common.js';

export const RETURN_CODE_TEXTS = {
  nl: {
    rc_title: 'Je terugkomcode',
    rc_hint: 'Schrijf deze code op of kopieer hem. Het is de enige manier om later terug te komen in dit gesprek: kies dan ‘Ik heb een terugkomcode’.',
    rc_copy: 'Kopieer code', rc_copied: 'Gekopieerd.',
    rc_wait: 'Het lukt nu even niet om codes te controleren. Probeer het over een minuut opnieuw.',
  },
  en: {
    rc_title: 'Your return code',
    rc_hint: 'Write this code down or copy it. It is the only way to come back to this conversation later: then choose ‘I have a return code’.',
    rc_copy: 'Copy code', rc_copied: 'Copied.',
    rc_wait: 'Codes cannot be checked right now. Please try again in a minute.',
  },
  fr: {
    rc_title: 'Ton code de retour',
    rc_hint: 'Note ce code ou copie-le. C’est le seul moyen de revenir plus tard à cette conversation : choisis alors « J’ai un code de retour ».',
    rc_copy: 'Copier le code', rc_copied: 'Copié.',
    rc_wait: 'Les codes ne peuvent pas être vérifiés pour le moment. Réessaie dans une minute.',
  },
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Groups of five, for reading and writing down. */
export function groupCode(code) {
  return String(code || '').replace(/[\s-]/g, '').match(/.{1,5}/g)?.join(' ') ?? '';
}

/** What "Ik heb een terugkomcode" sends: the long resume token as before, else the typed return code. */
export function typedAuth(value) {
  const v = String(value || '').trim();
  const compact = v.replace(/\s+/g, '');
  return TOKEN.test(compact) ? { resume_token: compact } : { return_code: v };
}

/** ctx: {t, status()}. */
export function returnCode(ctx) {
  let code = '';
  let shownOnce = false;

  function render() {
    const box = $('#rc-box');
    if (!box) return;
    const status = ctx.status();
    // Only once there is something to come back to: the first message stored the conversation.
    const show = Boolean(code) && (status === 'queued' || status === 'active' || status === 'closed');
    box.hidden = !show;
    if (!show) return;
    if (!shownOnce) { // open the first time (the visitor may fold it); it pushes the chat down
      box.open = true; shownOnce = true;
      ctx.opened?.();
    }
    const value = clear($('#rc-value'));
    const shown = el('span', { 'aria-hidden': 'true' });
    for (const group of groupCode(code).split(' ')) shown.append(el('span', { class: 'rc-group', text: group }), ' ');
    // Screen readers spell it out character by character, not as words.
    value.append(shown, el('span', { class: 'sr-only', text: code.split('').join(' ') }));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(groupCode(code));
      $('#rc-copied').textContent = ctx.t('rc_copied');
    } catch (_) { // no clipboard (insecure page, old browser): select it instead
      const r = document.createRange(); r.selectNodeContents($('#rc-value'));
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
    }
  }

  return {
    init() { $('#rc-copy').addEventListener('click', copy); },
    render,
    set(value) { code = typeof value === 'string' ? value : ''; render(); },
    forget() { code = ''; shownOnce = false; $('#rc-copied').textContent = ''; render(); },
  };
}
