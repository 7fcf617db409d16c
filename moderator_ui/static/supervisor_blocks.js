// Supervisor view, "Blokkades": the browsers counsellors blocked, and lifting a block (docs/ui.md).
// Self-contained: it adds to the page's navigation by listening to its buttons, so supervisor.js needs
// no change. API: GET /api/supervisor/blocks, DELETE /api/supervisor/blocks/{id} (docs/protocol.md).
import { $, $$, api, clear, el, ERROR_TEXTS, errorText, fmtDateTime, makeVocabulary, mergeDicts, onReady } from './common.js';

const TEXTS = {
  nl: {
    title: 'Geblokkeerde browsers', hint: 'Een hulpverlener blokkeert bij misbruik de browser van een bezoeker voor een tijd. Zo’n blokkade kent geen IP-adres of naam: alleen een willekeurige code in die browser. Hef een blokkade op als die onterecht lijkt (bijvoorbeeld een gedeeld apparaat).',
    col_reason: 'Reden', col_duration: 'Duur', col_by: 'Door', col_since: 'Sinds', col_until: 'Tot', col_conv: 'Gesprek', col_action: 'Actie',
    lift: 'Opheffen', confirm: 'Zeker? Klik nogmaals', none: 'Er zijn geen blokkades.', lifted: 'Blokkade opgeheven.', refresh: 'Vernieuwen',
  },
  en: {
    title: 'Blocked browsers', hint: 'For abuse, a counsellor blocks a visitor’s browser for a while. A block knows no IP address or name: only a random code in that browser. Lift a block when it seems wrong (a shared device, for example).',
    col_reason: 'Reason', col_duration: 'Duration', col_by: 'By', col_since: 'Since', col_until: 'Until', col_conv: 'Conversation', col_action: 'Action',
    lift: 'Lift', confirm: 'Sure? Click again', none: 'There are no blocks.', lifted: 'Block lifted.', refresh: 'Refresh',
  },
  fr: {
    title: 'Navigateurs bloqués', hint: 'En cas d’abus, un·e intervenant·e bloque le navigateur d’un visiteur pour un temps. Un blocage ne connaît ni adresse IP ni nom : seulement un code aléatoire dans ce navigateur. Lève un blocage s’il semble injustifié (un appareil partagé, par exemple).',
    col_reason: 'Raison', col_duration: 'Durée', col_by: 'Par', col_since: 'Depuis', col_until: 'Jusqu’au', col_conv: 'Conversation', col_action: 'Action',
    lift: 'Lever', confirm: 'Sûr·e ? Clique encore', none: 'Il n’y a aucun blocage.', lifted: 'Blocage levé.', refresh: 'Actualiser',
  },
};
// Its own small lookup in the page's language (the page's i18n would re-apply our texts to the page).
const DICT = mergeDicts(ERROR_TEXTS, TEXTS);
let lang = 'nl';
const i18n = {
  get lang() { return lang; },
  has: (key) => key in DICT.nl,
  t: (key, vars) => (DICT[lang]?.[key] ?? DICT.nl[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => (vars?.[k] ?? '')),
};
const t = i18n.t;
let vocab = makeVocabulary(null, i18n);

function syncLang() {
  const l = document.documentElement.lang;
  if (l in DICT) lang = l;
}

async function load() {
  syncLang();
  const err = $('#blocks-error');
  err.hidden = true;
  $('#blocks-title').textContent = t('title');
  $('#blocks-hint').textContent = t('hint');
  $('#blocks-refresh').textContent = t('refresh');
  for (const th of $$('#blocks-table th[data-col]')) th.textContent = t(`col_${th.dataset.col}`);
  if (!vocab.codes('block_reasons').length) {
    try { vocab = makeVocabulary((await api('/api/config')).vocabulary, i18n); } catch (_) { /* codes shown as they are */ }
  }
  let blocks;
  try { blocks = (await api('/api/supervisor/blocks')).blocks; } catch (ex) {
    err.textContent = errorText(i18n, ex.code); err.hidden = false; return;
  }
  const body = clear($('#blocks-table tbody'));
  $('#blocks-empty').textContent = t('none');
  $('#blocks-empty').hidden = blocks.length > 0;
  for (const b of blocks) {
    let armed = null;
    const btn = el('button', { type: 'button', class: 'btn small', text: t('lift') });
    btn.addEventListener('click', async () => {
      if (!armed) { btn.textContent = t('confirm'); armed = setTimeout(() => { armed = null; btn.textContent = t('lift'); }, 5000); return; }
      clearTimeout(armed);
      try { await api(`/api/supervisor/blocks/${encodeURIComponent(b.id)}`, { method: 'DELETE' }); } catch (ex) {
        err.textContent = errorText(i18n, ex.code); err.hidden = false; return;
      }
      $('#blocks-status').textContent = t('lifted');
      load();
    });
    body.append(el('tr', { dataset: { id: b.id } },
      el('td', { text: vocab.label('block_reasons', b.reason) }),
      el('td', { text: vocab.label('block_durations', b.duration) }),
      el('td', { text: b.by }),
      el('td', { text: fmtDateTime(b.created, i18n.lang) }),
      el('td', { text: fmtDateTime(b.until, i18n.lang) }),
      el('td', {}, el('code', { text: `#${String(b.conversation_id).slice(0, 8)}` })),
      el('td', {}, btn)));
  }
}

onReady(() => {
  const view = $('#view-blocks');
  if (!view) return;
  for (const b of $$('#nav [data-view]')) {
    b.addEventListener('click', () => {
      const mine = b.dataset.view === 'blocks';
      // supervisor.js hides its own views on every click; this view is ours to show and hide.
      if (mine) for (const v of $$('.sv')) v.hidden = v !== view;
      else view.hidden = true;
      if (mine) load();
    });
  }
  $('#blocks-refresh').addEventListener('click', load);
  $('#lang')?.addEventListener('change', () => { if (!view.hidden) setTimeout(load, 0); });
});
