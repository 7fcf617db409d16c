// Supervisor: the team (each counsellor's state and load) and, on waiting rows, reading what the
// visitor wrote and assigning the conversation to a counsellor who is online (`assign`,
// docs/protocol.md). The assign dialog lives outside the board's tables, which are redrawn every 2 s.
import { $, clear, el, emitAck, failed, fmtDuration } from './common.js';

export const TEAM_TEXTS = {
  nl: {
    team: 'Team', col_state: 'Status', col_load: 'Gesprekken', st_online: 'online', st_away: 'afwezig (gesprekken open, console dicht)',
    no_team: 'Geen hulpverleners online.', col_preview: 'Eerste bericht', read_assign: 'Lees / wijs toe',
    assign_title: 'Wachtend gesprek {id}', assign_to: 'Toewijzen aan', assign: 'Wijs toe', assign_none: 'Niemand online om aan toe te wijzen.',
    assigned_ok: 'Toegewezen aan {name}.', close_dialog: 'Sluiten', load: '{n} van {max}', full: 'vol',
    v_here: 'bezoeker verbonden', v_gone: 'bezoeker weg', waited: 'wacht {t}',
  },
  en: {
    team: 'Team', col_state: 'State', col_load: 'Conversations', st_online: 'online', st_away: 'away (conversations open, console closed)',
    no_team: 'No counsellors online.', col_preview: 'First message', read_assign: 'Read / assign',
    assign_title: 'Waiting conversation {id}', assign_to: 'Assign to', assign: 'Assign', assign_none: 'Nobody online to assign to.',
    assigned_ok: 'Assigned to {name}.', close_dialog: 'Close', load: '{n} of {max}', full: 'full',
    v_here: 'visitor connected', v_gone: 'visitor gone', waited: 'waiting {t}',
  },
  fr: {
    team: 'Équipe', col_state: 'État', col_load: 'Conversations', st_online: 'en ligne', st_away: 'absent·e (conversations ouvertes, console fermée)',
    no_team: 'Aucun·e intervenant·e en ligne.', col_preview: 'Premier message', read_assign: 'Lire / attribuer',
    assign_title: 'Conversation en attente {id}', assign_to: 'Attribuer à', assign: 'Attribuer', assign_none: 'Personne en ligne à qui attribuer.',
    assigned_ok: 'Attribuée à {name}.', close_dialog: 'Fermer', load: '{n} sur {max}', full: 'complet',
    v_here: 'visiteur connecté', v_gone: 'visiteur parti', waited: 'attend {t}',
  },
};

/** The team list under the board's figures: name, online/away, active conversations of the maximum. */
export function renderTeam(page, board) {
  const { t } = page;
  let box = $('#team');
  if (!box) {
    box = el('section', { id: 'team', class: 'team', 'aria-labelledby': 'team-title' });
    $('#cards').after(box);
  }
  clear(box).append(el('h3', { id: 'team-title', text: t('team') }));
  const team = Array.isArray(board.counsellors) ? board.counsellors : [];
  if (!team.length) { box.append(el('p', { class: 'muted', text: t('no_team') })); return; }
  const list = el('ul', { class: 'team-list' });
  for (const m of team) {
    const away = m.state !== 'online';
    const full = Number(m.active) >= Number(m.limit) && Number(m.limit) > 0;
    list.append(el('li', { class: `member ${away ? 'away' : 'online'}`, dataset: { name: m.username } },
      el('span', { class: 'dot', 'aria-hidden': 'true', text: away ? '○' : '●' }),
      el('strong', { text: m.username }),
      el('span', { class: 'state', text: away ? t('st_away') : t('st_online') }),
      el('span', { class: `load ${full ? 'full' : ''}`, title: t('col_load'), text: `${t('col_load').toLocaleLowerCase()}: ${t('load', { n: m.active, max: m.limit })}${full ? ` · ${t('full')}` : ''}` })));
  }
  box.append(list);
}

/** Cells for a waiting row: what the visitor wrote first, and "Lees / wijs toe". */
export function waitingCells(page, w, getBoard) {
  const preview = String(w.preview || '');
  return [
    el('td', { class: 'preview-cell' }, el('span', { class: 'preview', title: preview, text: preview })),
    el('td', { class: 'action' }, el('button', { type: 'button', class: `btn small ${w.urgency === 'acute' ? 'danger' : ''}`, text: page.t('read_assign'),
      on: { click: () => openAssign(page, w, getBoard) } })),
  ];
}

function openAssign(page, w, getBoard) {
  const { t } = page;
  let dlg = $('#assign-dialog');
  if (!dlg) {
    dlg = el('dialog', { id: 'assign-dialog', class: 'dialog', 'aria-labelledby': 'assign-title' });
    document.body.append(dlg);
  }
  const id = w.conversation_id;
  const online = (getBoard()?.counsellors || []).filter((m) => m.state === 'online');
  const select = el('select', { id: 'assign-to' },
    ...online.map((m) => el('option', { value: m.username, text: `${m.username} (${t('load', { n: m.active, max: m.limit })})`, props: { disabled: Number(m.active) >= Number(m.limit) && Number(m.limit) > 0 } })));
  const status = el('p', { id: 'assign-status', role: 'status' });
  const button = el('button', { type: 'submit', class: 'btn primary', text: t('assign'), props: { disabled: !online.length } });
  const presence = w.visitor ? (w.visitor.connected ? t('v_here') : t('v_gone')) : '';
  clear(dlg).append(el('form', { method: 'dialog', class: 'assign-form', on: { submit: async (e) => {
    e.preventDefault();
    const to = select.value;
    if (!to) return;
    button.disabled = true;
    const ack = await emitAck(page.socket, 'assign', { conversation_id: id, to_user: to });
    button.disabled = false;
    if (failed(ack)) { status.className = 'error'; status.textContent = page.errorText(ack.error); return; }
    status.className = 'ok';
    status.textContent = t('assigned_ok', { name: to });
    setTimeout(() => dlg.close(), 900);
  } } },
  el('h2', { id: 'assign-title', text: t('assign_title', { id: `#${id.slice(0, 8)}` }) }),
  el('div', { class: 'chips' },
    el('span', { class: `chip ${w.urgency === 'acute' ? 'acute' : ''}`, text: `${t('col_urgency').toLocaleLowerCase()}: ${page.label('urgencies', w.urgency)}` }),
    el('span', { class: 'chip', text: t('waited', { t: fmtDuration(w.waited_s) }) }),
    presence ? el('span', { class: 'chip', text: presence }) : null,
    ...(w.signals || []).map((s) => el('span', { class: 'chip sig', text: page.label('signals', s) }))),
  el('blockquote', { class: 'assign-preview', text: String(w.preview || '') }),
  online.length
    ? el('label', { class: 'inline', for: 'assign-to' }, el('span', { text: t('assign_to') }), select)
    : el('p', { class: 'muted', text: t('assign_none') }),
  el('div', { class: 'row' }, button, el('button', { type: 'button', class: 'btn', text: t('close_dialog'), on: { click: () => dlg.close() } })),
  status));
  dlg.showModal();
  (online.length ? select : dlg.querySelector('button')).focus();
}
