// Canned responses by keyboard: typing "/" at the start of a line in the composer opens a list of the
// canned responses; the words after "/" search their titles and texts. Arrow keys choose, the full text
// of the chosen one shows as a preview, Enter or Tab puts it in place of "/words", Escape closes.
// The dropdown beside the composer stays for those who prefer the mouse.
import { clear, el } from './common.js';

export const SLASH_TEXTS = {
  nl: { slash_hint: 'Tip: typ / voor standaardteksten', slash_list: 'Standaardteksten', slash_none: 'Geen standaardtekst gevonden.', slash_keys: '↑↓ kiezen · Enter invoegen · Esc sluiten' },
  en: { slash_hint: 'Tip: type / for canned responses', slash_list: 'Canned responses', slash_none: 'No canned response found.', slash_keys: '↑↓ choose · Enter insert · Esc close' },
  fr: { slash_hint: 'Astuce : tape / pour les réponses types', slash_list: 'Réponses types', slash_none: 'Aucune réponse type trouvée.', slash_keys: '↑↓ choisir · Entrée insérer · Échap fermer' },
};

const fold = (s) => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
let seq = 0;

/** The "/words" being typed: from a "/" at the start of a line (or after a space) up to the caret. */
function slashQuery(ta) {
  const upto = ta.value.slice(0, ta.selectionStart);
  const m = /(^|\s)\/([^\n/]{0,40})$/.exec(upto);
  return m ? { start: upto.length - m[2].length - 1, query: m[2] } : null;
}

/** Matches in order: the conversation's language first, titles that start with the words first. */
export function searchCanned(responses, query, lang) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const scored = [];
  for (const r of responses) {
    const title = fold(r.title);
    const hay = `${title} ${fold(r.text)}`;
    if (!words.every((w) => hay.includes(w))) continue;
    const score = (r.language === lang ? 0 : 2) + (words.length && title.startsWith(words[0]) ? 0 : 1);
    scored.push([score, r]);
  }
  scored.sort((a, b) => a[0] - b[0]);
  return scored.map(([, r]) => r);
}

/** Wire the "/" list to one composer. getCanned() -> the responses; getLang() -> conversation language. */
export function wireSlash(ta, { t, getCanned, getLang }) {
  seq += 1;
  const id = `slash-${seq}`;
  const list = el('ul', { id: `${id}-list`, class: 'slash-list', role: 'listbox', 'aria-label': t('slash_list') });
  const preview = el('div', { class: 'slash-preview', 'aria-live': 'polite' });
  const pop = el('div', { class: 'slash-pop', hidden: true }, list, preview, el('p', { class: 'slash-keys muted small', text: t('slash_keys') }));
  ta.closest('.composer-row').before(pop);
  ta.setAttribute('aria-autocomplete', 'list');
  ta.setAttribute('aria-controls', list.id);
  ta.placeholder = t('slash_hint');
  const st = { open: false, items: [], index: 0, at: null };

  function close() {
    st.open = false; pop.hidden = true; ta.removeAttribute('aria-activedescendant');
  }
  function render() {
    clear(list);
    st.items.forEach((r, i) => {
      const li = el('li', { id: `${id}-o${i}`, role: 'option', class: 'slash-item', 'aria-selected': String(i === st.index),
        on: { mousedown: (e) => { e.preventDefault(); st.index = i; insert(); } } },
      el('strong', { text: r.title || '' }), r.language ? el('span', { class: 'chip', text: String(r.language).toUpperCase() }) : null,
      el('span', { class: 'slash-snippet muted', text: String(r.text || '').slice(0, 90) }));
      list.append(li);
    });
    if (!st.items.length) list.append(el('li', { class: 'muted', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', text: t('slash_none') }));
    const chosen = st.items[st.index];
    preview.textContent = chosen ? String(chosen.text || '') : '';
    preview.hidden = !chosen;
    if (chosen) { ta.setAttribute('aria-activedescendant', `${id}-o${st.index}`); list.children[st.index]?.scrollIntoView({ block: 'nearest' }); } else ta.removeAttribute('aria-activedescendant');
  }
  function update() {
    if (st.skip) { st.skip = false; return; }
    const q = slashQuery(ta);
    if (!q) { close(); return; }
    st.at = q;
    st.items = searchCanned(getCanned(), q.query, getLang()).slice(0, 8);
    st.index = Math.min(st.index, Math.max(0, st.items.length - 1));
    if (!st.open) st.index = 0;
    st.open = true; pop.hidden = false;
    render();
  }
  function insert() {
    const r = st.items[st.index];
    if (!r || !st.at) { close(); return; }
    const end = ta.selectionStart;
    const text = String(r.text || '');
    ta.value = ta.value.slice(0, st.at.start) + text + ta.value.slice(end);
    const caret = st.at.start + text.length;
    ta.setSelectionRange(caret, caret);
    close();
    ta.focus();
    st.skip = true;
    ta.dispatchEvent(new Event('input')); // typing indicator, as if typed
  }
  ta.addEventListener('input', update);
  ta.addEventListener('click', update);
  ta.addEventListener('blur', () => setTimeout(close, 150));
  // Capture phase: runs before the composer's own Enter-sends handler on the same element.
  ta.addEventListener('keydown', (e) => {
    if (!st.open) return;
    const keys = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in keys) {
      e.preventDefault(); e.stopImmediatePropagation();
      if (st.items.length) st.index = (st.index + keys[e.key] + st.items.length) % st.items.length;
      render();
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      if (!st.items.length) { if (e.key === 'Enter') { e.preventDefault(); e.stopImmediatePropagation(); } return; }
      e.preventDefault(); e.stopImmediatePropagation();
      insert();
    } else if (e.key === 'Escape') {
      e.preventDefault(); e.stopImmediatePropagation();
      close();
    }
  }, { capture: true });
}
