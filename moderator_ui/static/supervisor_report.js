// Supervisor view, "Rapportage": the anonymised statistics for funders (GET /api/supervisor/report) as
// charts, and the same as CSV (GET /api/supervisor/report.csv). Counts under 5 arrive as "<5" and a
// cell hidden to protect one as "x" (docs/operations.md, "Reporting"): they are shown as such, never
// as a bar of some length.
import { $, clear, displayName, el, fmtDuration } from './common.js';

export const REPORT_TEXTS = {
  nl: {
    nav_report: 'Rapportage', report: 'Rapportage (geanonimiseerd)', r_from: 'Van', r_to: 'Tot en met', r_per: 'Per',
    r_auto: 'automatisch', r_day: 'dag', r_week: 'week', r_month: 'maand', r_show: 'Tonen', r_csv: 'CSV downloaden',
    r_hint: 'Aantallen onder de 5 staan er als “<5”; “x” is een aantal dat verborgen is zodat een “<5” niet uit het totaal te berekenen is. Geen vrije tekst, geen namen.',
    r_total: 'Contacten', r_answered: 'Beantwoord', r_gave_up: 'Weg vóór antwoord', r_median: 'Mediaan wachttijd',
    d_period: 'Contacten per periode', d_role: 'Wie schrijft', d_age_group: 'Leeftijdsgroep', d_signal: 'Signalen',
    d_language: 'Taal', d_outcome: 'Uitkomst', d_referral: 'Verwijzing', d_wait_outcome: 'Beantwoord of niet',
    d_wait_answered: 'Wachttijd tot antwoord', d_wait_gave_up: 'Wachttijd van wie wegging',
    r_suppressed: 'minder dan 5', r_secondary: 'verborgen',
  },
  en: {
    nav_report: 'Report', report: 'Report (anonymised)', r_from: 'From', r_to: 'To', r_per: 'Per',
    r_auto: 'automatic', r_day: 'day', r_week: 'week', r_month: 'month', r_show: 'Show', r_csv: 'Download CSV',
    r_hint: 'Counts under 5 read “<5”; “x” is a count hidden so that a “<5” cannot be worked out from the total. No free text, no names.',
    r_total: 'Contacts', r_answered: 'Answered', r_gave_up: 'Gone before an answer', r_median: 'Median wait',
    d_period: 'Contacts per period', d_role: 'Who writes', d_age_group: 'Age group', d_signal: 'Signals',
    d_language: 'Language', d_outcome: 'Outcome', d_referral: 'Referral', d_wait_outcome: 'Answered or not',
    d_wait_answered: 'Wait until answered', d_wait_gave_up: 'Wait of those who left',
    r_suppressed: 'fewer than 5', r_secondary: 'hidden',
  },
  fr: {
    nav_report: 'Rapport', report: 'Rapport (anonymisé)', r_from: 'Du', r_to: 'Au', r_per: 'Par',
    r_auto: 'automatique', r_day: 'jour', r_week: 'semaine', r_month: 'mois', r_show: 'Afficher', r_csv: 'Télécharger le CSV',
    r_hint: 'Les nombres inférieurs à 5 sont notés « <5 » ; « x » est un nombre masqué pour qu’un « <5 » ne puisse pas se déduire du total. Ni texte libre, ni noms.',
    r_total: 'Contacts', r_answered: 'Répondus', r_gave_up: 'Partis avant une réponse', r_median: 'Attente médiane',
    d_period: 'Contacts par période', d_role: 'Qui écrit', d_age_group: 'Tranche d’âge', d_signal: 'Signaux',
    d_language: 'Langue', d_outcome: 'Issue', d_referral: 'Orientation', d_wait_outcome: 'Répondu ou non',
    d_wait_answered: 'Attente jusqu’à la réponse', d_wait_gave_up: 'Attente de ceux qui sont partis',
    r_suppressed: 'moins de 5', r_secondary: 'masqué',
  },
};

const CHARTS = ['period', 'role', 'age_group', 'signal', 'language', 'outcome', 'referral', 'wait_outcome', 'wait_answered', 'wait_gave_up'];
const NS = 'http://www.w3.org/2000/svg';
let page = null;
let last = null;

function svg(tag, attrs = {}, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = String(text);
  return n;
}

const isoDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Attach the form's handlers and default the range to this month so far. */
export function initReport(staffPage) {
  page = staffPage;
  const today = new Date();
  $('#report-from').value = isoDay(new Date(today.getFullYear(), today.getMonth(), 1));
  $('#report-to').value = isoDay(today);
  $('#report-form').addEventListener('submit', (e) => { e.preventDefault(); loadReport(); });
  for (const id of ['#report-from', '#report-to', '#report-per']) $(id).addEventListener('change', updateCsvLink);
  updateCsvLink();
}

function query() {
  const p = new URLSearchParams({ from: $('#report-from').value, to: $('#report-to').value, lang: page.i18n.lang });
  if ($('#report-per').value) p.set('per', $('#report-per').value);
  return p.toString();
}

function updateCsvLink() {
  $('#report-csv').href = `/api/supervisor/report.csv?${query()}`;
}

let asked = 0; // the newest request: an older answer that arrives late must not overwrite a newer one

export async function loadReport() {
  if (!page) return;
  updateCsvLink();
  const err = $('#report-error');
  err.hidden = true;
  const mine = ++asked;
  try {
    const res = await fetch(`/api/supervisor/report?${query()}`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    const data = await res.json().catch(() => null);
    if (mine !== asked) return;
    if (!res.ok) throw Object.assign(new Error('failed'), { code: data?.error ?? 'unavailable' });
    last = data;
  } catch (ex) {
    if (mine !== asked) return;
    err.textContent = page.errorText(ex.code);
    err.hidden = false;
    return;
  }
  render();
}

const value = (rows, code) => rows?.find((r) => r.code === code)?.value;
const shown = (v) => (typeof v === 'number' ? v.toLocaleString(page.i18n.lang) : String(v ?? ''));

function render() {
  const t = page.t;
  const d = last.dimensions;
  const median = value(d.wait_seconds, 'median_answered');
  const cards = clear($('#report-cards'));
  const card = (label, v) => el('div', { class: 'stat' }, el('div', { class: 'n', text: v }), el('div', { class: 'muted', text: label }));
  cards.append(
    card(t('r_total'), shown(value(d.total, 'all'))),
    card(t('r_answered'), shown(value(d.wait_outcome, 'answered'))),
    card(t('r_gave_up'), shown(value(d.wait_outcome, 'gave_up'))),
    card(t('r_median'), typeof median === 'number' ? fmtDuration(median) : shown(median)),
  );
  const box = clear($('#report-charts'));
  for (const name of CHARTS) box.append(chart(name, d[name] || []));
}

/** One dimension as horizontal bars with their values; "<5" and "x" are written, not drawn. */
function chart(name, rows) {
  const t = page.t;
  const fig = el('figure', { class: 'card chart report-chart', dataset: { dimension: name } }, el('figcaption', { text: t(`d_${name}`) }));
  const label = (r) => (name === 'language' && r.code !== 'unknown' && r.code !== 'other' ? displayName('language', r.code, page.i18n.lang) : r.label || r.code);
  const max = Math.max(1, ...rows.map((r) => (typeof r.value === 'number' ? r.value : 0)));
  const rowH = 20; const L = 150; const W = 320; const R = 40;
  const s = svg('svg', { viewBox: `0 0 ${W} ${rows.length * rowH + 4}`, role: 'img', 'aria-label': t(`d_${name}`) });
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    const text = label(r);
    s.append(svg('text', { x: L - 6, y: y + 14, 'text-anchor': 'end' }, text.length > 21 ? `${text.slice(0, 20)}…` : text));
    if (typeof r.value === 'number' && r.value > 0) {
      const w = (r.value / max) * (W - L - R);
      const bar = svg('rect', { x: L, y: y + 3, width: Math.max(1, w), height: rowH - 6, class: 'bar' });
      bar.append(svg('title', {}, `${text}: ${r.value}`));
      s.append(bar, svg('text', { x: L + w + 4, y: y + 14 }, shown(r.value)));
    } else {
      s.append(svg('text', { x: L + 2, y: y + 14, class: 'hidden-count' }, shown(r.value)));
    }
  });
  fig.append(s);
  // The same as text, for screen readers (and the words for "<5" and "x").
  const words = (v) => (v === '<5' ? t('r_suppressed') : v === 'x' ? t('r_secondary') : shown(v));
  fig.append(el('p', { class: 'sr-only', text: rows.map((r) => `${label(r)}: ${words(r.value)}`).join('; ') }));
  return fig;
}
