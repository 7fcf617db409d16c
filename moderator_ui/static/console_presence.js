// Whether the visitor is still there: a chip on queue cards, in the conversation header and a dot on
// tabs ("verbonden" / "weg · 3 min geleden"). The server sends `visitor: {connected, away_s}` with queue
// items and conversations, and `visitor_presence` when a visitor's socket opens or closes
// (docs/protocol.md). Answering someone who closed the browser minutes ago helps nobody.
import { el } from './common.js';

export const PRESENCE_TEXTS = {
  nl: { here: 'verbonden', away: 'weg', away_ago: 'weg · {ago}', ago_now: 'zojuist', ago_min: '{n} min geleden', ago_h: '{n} u geleden', never: 'niet verbonden', presence: 'Bezoeker' },
  en: { here: 'connected', away: 'gone', away_ago: 'gone · {ago}', ago_now: 'just now', ago_min: '{n} min ago', ago_h: '{n} h ago', never: 'not connected', presence: 'Visitor' },
  fr: { here: 'connecté·e', away: 'parti·e', away_ago: 'parti·e · {ago}', ago_now: 'à l’instant', ago_min: 'il y a {n} min', ago_h: 'il y a {n} h', never: 'non connecté·e', presence: 'Visiteur' },
};

/** The visitor's presence as a point in time: {connected, since} where `since` (ms, this clock) is when
 *  they were last connected; from a wire value received at `receivedAt`. */
export function presenceFrom(wire, receivedAt = Date.now()) {
  if (!wire || typeof wire !== 'object') return null;
  if (wire.connected) return { connected: true, since: null };
  const away = Number(wire.away_s);
  return { connected: false, since: Number.isFinite(away) && wire.away_s !== null ? receivedAt - away * 1000 : null };
}

function agoText(t, since) {
  if (since === null) return t('never');
  const mins = Math.floor((Date.now() - since) / 60000);
  const ago = mins < 1 ? t('ago_now') : mins < 60 ? t('ago_min', { n: mins }) : t('ago_h', { n: Math.floor(mins / 60) });
  return t('away_ago', { ago });
}

/** "● verbonden" or "○ weg · 3 min geleden" (ticks: see tickPresence). */
export function presenceChip(t, p, { short = false } = {}) {
  if (!p) return null;
  const text = p.connected ? t('here') : short ? t('away') : agoText(t, p.since);
  const chip = el('span', {
    class: `chip presence ${p.connected ? 'here' : 'gone'}`,
    title: `${t('presence')}: ${p.connected ? t('here') : agoText(t, p.since)}`,
    dataset: p.connected || p.since === null || short ? {} : { since: String(p.since) },
  }, el('span', { class: 'dot', 'aria-hidden': 'true', text: p.connected ? '●' : '○' }), ` ${text}`);
  return chip;
}

/** Refresh the "x min geleden" of every chip under `root`. */
export function tickPresence(t, root = document) {
  for (const n of root.querySelectorAll('.presence[data-since]')) {
    const text = agoText(t, Number(n.dataset.since));
    if (n.lastChild && n.lastChild.nodeType === Node.TEXT_NODE) n.lastChild.textContent = ` ${text}`;
  }
}
