// Console: a flood of new conversations (docs/ui.md, "Flood of new conversations"; chat/flood.py). Past the
// helpline's per-minute cap new conversations are still taken in, marked `flood` on their queue item: a
// small chip on the card here, and a banner over the queue while a flood goes on (the `queue` event's
// `flood`: how many came in past the cap, and how many were refused `busy`, in the last minutes). A flood
// conversation may well be a real visitor: the texts say so, and urgency still comes first.
import { $, el } from './common.js';

export const FLOOD_TEXTS = {
  nl: {
    flood_chip: 'stormloop',
    flood_chip_hint: 'Binnengekomen tijdens een stormloop van nieuwe gesprekken, boven de limiet per minuut. Kan gewoon een echte bezoeker zijn: lees het eerste bericht.',
    flood_title: 'Stormloop van nieuwe gesprekken:',
    flood_banner: '{n} boven de limiet binnengekomen (laatste {min} min), gemarkeerd ‘≋ stormloop’: binnen hun urgentie even achteraan. Acuut gaat altijd voor.',
    flood_refused: '{r} nieuwe bezoekers kregen ‘druk, probeer het zo opnieuw’. Laat je supervisor het weten.',
  },
  en: {
    flood_chip: 'flood',
    flood_chip_hint: 'Came in during a flood of new conversations, above the per-minute limit. It may well be a real visitor: read the first message.',
    flood_title: 'Flood of new conversations:',
    flood_banner: '{n} came in above the limit (last {min} min), marked ‘≋ flood’: behind the others of their urgency for a while. Acute always comes first.',
    flood_refused: '{r} new visitors were told ‘busy, try again shortly’. Let your supervisor know.',
  },
  fr: {
    flood_chip: 'afflux',
    flood_chip_hint: 'Arrivée pendant un afflux de nouvelles conversations, au-delà de la limite par minute. Ce peut très bien être une vraie personne : lis le premier message.',
    flood_title: 'Afflux de nouvelles conversations :',
    flood_banner: '{n} arrivées au-delà de la limite ({min} dernières min), marquées « ≋ afflux » : un temps après les autres de même urgence. L’aigu passe toujours en premier.',
    flood_refused: '{r} nouveaux visiteurs ont reçu « occupé, réessaie bientôt ». Préviens ton superviseur.',
  },
};

/** The chip on a queue card of a flood conversation (null for any other). */
export function floodChip(t, w) {
  if (w?.flood !== true) return null;
  return el('span', { class: 'chip flood', title: t('flood_chip_hint') }, el('span', { 'aria-hidden': 'true', text: '≋ ' }), t('flood_chip'));
}

/** Show, update or hide the banner over the queue from the `queue` event's `flood` (null: none). */
export function renderFloodBanner(t, flood) {
  let box = $('#flood-banner');
  if (!box) {
    box = el('p', { id: 'flood-banner', class: 'flood-banner', role: 'status' });
    box.hidden = true;
    $('#take-next')?.before(box);
  }
  const admitted = Number(flood?.admitted) || 0;
  const refused = Number(flood?.refused) || 0;
  box.hidden = !(admitted || refused);
  if (box.hidden) return;
  const minutes = Math.max(1, Math.round((Number(flood.window_s) || 300) / 60));
  box.replaceChildren(el('strong', { text: t('flood_title') }), ` ${t('flood_banner', { n: admitted, min: minutes })}`);
  if (refused) box.append(el('strong', { class: 'flood-refused', text: ` ${t('flood_refused', { r: refused })}` }));
}
