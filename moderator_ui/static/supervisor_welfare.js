// Counsellor welfare on the supervisor page's board (docs/ui.md): who is in a shift, their exposure,
// and who may need a break. Read on demand (each read is in the audit log), never pushed.
import { $, api, clear, el, fmtTime } from './common.js';
import { shiftTime } from './console_welfare.js';

export const WELFARE_BOARD_TEXTS = {
  nl: {
    wf_title: 'Welzijn hulpverleners (deze dienst)', wf_refresh: 'Vernieuwen', wf_updated: 'bijgewerkt {time}',
    wf_hint: 'Alleen supervisors zien dit. Mogelijk pauze nodig: net een acuut gesprek gehad (tot een pauze), of in deze dienst {acute}× acuut, {sexual}× seksuele uitbuiting of {hours} uur ingelogd.',
    wf_none: 'Niemand heeft nu dienst.', wf_name: 'Hulpverlener', wf_hours: 'Ingelogd', wf_handled: 'Gesprekken', wf_acute: 'Acuut',
    wf_sexual: 'Seks. uitbuiting', wf_break: 'Pauze', wf_status: 'Let op', wf_ok: '—', wf_offline: 'niet online',
    wf_r_recent_acute: 'net een acuut gesprek', wf_r_acute: 'vaak acuut', wf_r_sexual: 'vaak seksuele uitbuiting', wf_r_hours: 'lang ingelogd',
    wf_may: 'misschien pauze nodig',
  },
  en: {
    wf_title: 'Counsellor welfare (this shift)', wf_refresh: 'Refresh', wf_updated: 'updated {time}',
    wf_hint: 'Only supervisors see this. May need a break: just had an acute conversation (until a break), or from {acute} acute conversations, {sexual} about sexual exploitation or {hours} hours logged in.',
    wf_none: 'Nobody is on shift now.', wf_name: 'Counsellor', wf_hours: 'Logged in', wf_handled: 'Conversations', wf_acute: 'Acute',
    wf_sexual: 'Sexual exploitation', wf_break: 'Break', wf_status: 'Attention', wf_ok: '—', wf_offline: 'not online',
    wf_r_recent_acute: 'just had an acute conversation', wf_r_acute: 'many acute conversations', wf_r_sexual: 'much sexual exploitation', wf_r_hours: 'logged in long',
    wf_may: 'may need a break',
  },
  fr: {
    wf_title: 'Bien-être des intervenant·es (ce service)', wf_refresh: 'Actualiser', wf_updated: 'mis à jour {time}',
    wf_hint: 'Seuls les superviseurs voient ceci. Pause peut-être nécessaire : une conversation aiguë à l’instant (jusqu’à une pause), ou dès {acute} conversations aiguës, {sexual} sur l’exploitation sexuelle ou {hours} h connecté·e.',
    wf_none: 'Personne n’est en service.', wf_name: 'Intervenant·e', wf_hours: 'Connecté·e', wf_handled: 'Conversations', wf_acute: 'Aiguës',
    wf_sexual: 'Exploitation sexuelle', wf_break: 'Pause', wf_status: 'Attention', wf_ok: '—', wf_offline: 'hors ligne',
    wf_r_recent_acute: 'conversation aiguë à l’instant', wf_r_acute: 'beaucoup de conversations aiguës', wf_r_sexual: 'beaucoup d’exploitation sexuelle', wf_r_hours: 'connecté·e depuis longtemps',
    wf_may: 'pause peut-être nécessaire',
  },
};

/** Install the welfare section (#welfare on the board) on the supervisor page. */
export function installWelfareBoard(page) {
  const { t } = page;
  const S = { data: null, at: 0 };
  const lang = () => page.i18n.lang;
  const num = (n) => new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(Number(n) || 0);

  async function load() {
    try {
      S.data = await api('/api/supervisor/welfare');
      S.at = Date.now() / 1000;
    } catch (ex) {
      S.data = { error: ex.code };
    }
    render();
  }

  function render() {
    const d = S.data;
    $('#wf-updated').textContent = S.at ? t('wf_updated', { time: fmtTime(S.at, lang()) }) : '';
    const th = d?.thresholds;
    $('#wf-hint').textContent = th ? t('wf_hint', { acute: th.acute, sexual: th.sexual, hours: num(th.hours) }) : '';
    const tbody = clear($('#wf-table tbody'));
    const rows = d?.counsellors ?? [];
    $('#wf-empty').hidden = rows.length > 0 || Boolean(d?.error);
    $('#wf-table').hidden = rows.length === 0;
    if (d?.error) $('#wf-empty').textContent = page.errorText(d.error);
    else $('#wf-empty').textContent = t('wf_none');
    for (const s of rows) {
      tbody.append(el('tr', { class: s.may_need_break ? 'wf-attention' : '', dataset: { name: s.counsellor } },
        el('td', {}, el('span', { class: 'wf-name', text: s.counsellor }), s.online ? null : el('span', { class: 'small muted', text: ` (${t('wf_offline')})` })),
        el('td', { text: shiftTime(s.hours, lang()) }),
        el('td', { text: String(s.handled) }),
        el('td', { class: s.acute ? 'wf-count' : '', text: String(s.acute) }),
        el('td', { class: s.sexual ? 'wf-count' : '', text: String(s.sexual) }),
        el('td', { text: s.break_at ? fmtTime(s.break_at, lang()) : '' }),
        el('td', {}, s.may_need_break
          ? el('span', { class: 'chip wf-chip', text: `${t('wf_may')}: ${s.reasons.map((r) => t(`wf_r_${r}`)).join(', ')}` })
          : el('span', { class: 'muted', text: t('wf_ok') }))));
    }
  }

  page.extend({
    onEnter() { load(); },
    onLeave() { S.data = null; S.at = 0; render(); },
    onLanguage: render,
  });
  $('#wf-refresh').addEventListener('click', load);
  $('#nav [data-view="board"]').addEventListener('click', load);
}
